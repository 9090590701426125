"""Settings and limits, in one table: name, default and what it does. Every entry point
(the Python API, the CLI and the web app) takes its defaults from here; the web app reads
each from the environment too, as SYNDIFF_<NAME>; a test keeps each one documented in the
README."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: float | int | bool
    help: str


SETTINGS = (
    Setting("diff_timeout", 1.0,
            "seconds the word diff of one row may take; past it the row's diff is coarser and the row "
            "says \"approximate\": true"),
    Setting("diff_budget", 10.0,
            "seconds the word diffs of one whole comparison may take together; past it each remaining "
            "row gets a quick, coarser diff and says \"approximate\": true"),
    Setting("max_versions", 100, "most versions in one comparison"),
    Setting("max_chars", 500_000, "most characters in one version (a long article is about 30,000)"),
    Setting("max_request_bytes", 8_000_000, "most bytes in one request to the web app (form or API)"),
    Setting("allow_private", False,
            "let the web app fetch URLs on private, loopback and link-local addresses (the CLI: --allow-private)"),
)

DEFAULTS = {s.name: s.default for s in SETTINGS}
COMPARE_LIMITS = ("diff_timeout", "diff_budget", "max_versions", "max_chars")  # keyword arguments of compare
