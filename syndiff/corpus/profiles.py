"""Outlet profiles: how each outlet edits wire copy, summed over the groups it is in.

Measured on each version compared with a base other than itself (the probable wire
original of a group of 3 or more outlets; else the longest version, another outlet's): the share
of the base's story words it keeps, whether and how much it trims, the subheads it adds,
its edits per 1,000 of its story words by type, and its house style, the variant of each
family in ``tables.HOUSE_STYLE_VARIANTS`` it prints (counted in all its versions)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import EDIT_TYPES, STORY_KINDS
from ..tables import HOUSE_STYLE_VARIANTS
from ..text import LINE_CACHE, count_words

# Variants that are single words (the transliterations) are found by one alternation of
# them, the others each by its own pattern: one alternation of all of them was slower.
_WORD_VARIANTS = {name: family for family, variants in HOUSE_STYLE_VARIANTS for name, p in variants
                  if p == rf"\b{name}\b"}
# Each pattern with a quick test that must pass for it to match: a pattern that opens on \b
# is looked for without it first, so that the engine can skip ahead to its literal start
# (half the time of counting the variants went to trying \b at every place of every story).
_PATTERNS = [(family, name, re.compile(p), re.compile(p[2:]).search if p.startswith(r"\b") else None)
             for family, variants in HOUSE_STYLE_VARIANTS for name, p in variants if name not in _WORD_VARIANTS]
# The single-word variants as one alternation, longest first, looked for without a leading
# \b (so the engine skips to their first letters; the word's start is checked on a match):
# six times faster than reading every word of the story.
_WORD_VARIANT = re.compile("(?:" + "|".join(map(re.escape, sorted(_WORD_VARIANTS, key=len, reverse=True)))
                           + r")\b")
_WORD_CHAR = re.compile(r"\w")
FAMILIES = [family for family, _ in HOUSE_STYLE_VARIANTS]


@lru_cache(LINE_CACHE)
def _variants(line: str) -> tuple[tuple[str, str, int], ...]:
    """The house-style variants a line prints: (family, variant, times). Remembered: the
    versions of a story print many of the same lines (no variant spans two lines)."""
    found: Counter = Counter()
    for m in _WORD_VARIANT.finditer(line):
        if not (m.start() and _WORD_CHAR.match(line, m.start() - 1)):
            found[_WORD_VARIANTS[m[0]], m[0]] += 1
    for family, name, pattern, may_match in _PATTERNS:
        if may_match is None or may_match(line):
            n = len(pattern.findall(line))
            if n:
                found[family, name] += n
    return tuple((family, name, n) for (family, name), n in found.items())


@dataclass
class OutletStats:
    stories: int = 0            # groups it is in
    measured: int = 0           # versions of it compared with another base
    kept: float = 0.0           # sum of the share of the base's story words kept
    trimmed: int = 0            # measured versions that trim the base's tail
    trimmed_blocks: int = 0
    subheads_added: int = 0
    words: int = 0              # story words of its measured versions
    edits: Counter = field(default_factory=Counter)
    styles: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))


class Profiles:
    def __init__(self) -> None:
        self.outlets: dict[str, OutletStats] = defaultdict(OutletStats)

    def add(self, doc: dict) -> None:
        """One group's comparison (a syndiff/1 document whose versions carry ``outlet``)."""
        base = next(v for v in doc["versions"] if v["id"] == doc["base"])
        base_words = sum(count_words(b["text"]) for b in base["blocks"] if b["kind"] in STORY_KINDS)
        trims = {e["version"]: e.get("count") or 0 for e in doc["edits"] if e["type"] == "trimmed"}
        for outlet in {v["outlet"] for v in doc["versions"] if "outlet" in v}:   # the original has none
            self.outlets[outlet].stories += 1   # once, however many times it printed the story
        for v in doc["versions"]:
            if "outlet" not in v:
                continue
            s = self.outlets[v["outlet"]]
            for b in v["blocks"]:
                if b["kind"] in STORY_KINDS:
                    for family, name, n in _variants(b["text"]):
                        s.styles[family][name] += n
            summary = doc["summary"].get(v["id"])
            if summary is None or v["outlet"] == base.get("outlet"):   # the base, or its outlet's other copy
                continue
            s.measured += 1
            s.kept += summary["shared_words"] / base_words if base_words else 0.0
            s.words += summary["story_words"]
            s.edits.update(summary["edits"])
            if v["id"] in trims:
                s.trimmed += 1
                s.trimmed_blocks += trims[v["id"]]
            s.subheads_added += summary["edits"].get("subhead-added", 0)

    def merge(self, other: Profiles) -> None:
        """Add another run's figures (a group's, counted on a worker)."""
        for outlet, o in other.outlets.items():
            s = self.outlets[outlet]
            for name in ("stories", "measured", "kept", "trimmed", "trimmed_blocks", "subheads_added", "words"):
                setattr(s, name, getattr(s, name) + getattr(o, name))
            s.edits.update(o.edits)
            for family, counts in o.styles.items():
                s.styles[family].update(counts)

    def rows(self) -> list[dict]:
        """One row an outlet, most stories first: the figures of outlets.csv."""
        out = []
        for outlet, s in sorted(self.outlets.items(), key=lambda kv: (-kv[1].stories, kv[0])):
            m = s.measured or 1
            row = {"outlet": outlet, "stories": s.stories, "measured": s.measured,
                   "mean_share_kept": round(s.kept / m, 4) if s.measured else None,
                   "trim_rate": round(s.trimmed / m, 4) if s.measured else None,
                   "mean_blocks_trimmed": round(s.trimmed_blocks / s.trimmed, 2) if s.trimmed else 0,
                   "subheads_added_per_story": round(s.subheads_added / m, 3) if s.measured else None,
                   "story_words": s.words}
            for t in EDIT_TYPES:
                row[f"per_1000_{t}"] = round(1000 * s.edits.get(t, 0) / s.words, 3) if s.words else None
            for family in FAMILIES:
                counts = s.styles.get(family)
                row[f"style_{family}"] = counts.most_common(1)[0][0] if counts else ""
            out.append(row)
        return out

    def style_rows(self) -> list[dict]:
        """Long form: outlet, family, variant, times printed (outlet_styles.csv)."""
        return [{"outlet": outlet, "family": family, "variant": name, "count": n}
                for outlet, s in sorted(self.outlets.items())
                for family in FAMILIES if family in s.styles for name, n in s.styles[family].most_common()]
