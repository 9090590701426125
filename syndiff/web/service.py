"""What the pages and the API share: versions from a request to a saved comparison, a saved
comparison on another base, and the bundled examples."""

from __future__ import annotations

import json
import re
from pathlib import Path

from flask import current_app

from ..comparison import compare
from ..errors import InputError
from ..load import decode
from ..model import Comparison
from ..settings import COMPARE_LIMITS
from . import db

TEXT_FIELDS = ("text", "html", "url")


def versions_from_json(items: object) -> list[dict]:
    """Validate the API's ``versions``: a list of objects with a label and one of text,
    html or url. Raises InputError with what is wrong and where."""
    if not isinstance(items, list):
        raise InputError("versions: give a list of versions")
    out = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise InputError(f"versions[{n - 1}]: give an object with a label and a text")
        given = [f for f in TEXT_FIELDS if f in item]
        if len(given) != 1:
            raise InputError(f"versions[{n - 1}]: give exactly one of text, html or url")
        if given[0] != "text":
            raise InputError(f"versions[{n - 1}]: {given[0]} input is not supported yet; give the article's text")
        label, text = item.get("label") or f"Version {n}", item["text"]
        if not isinstance(label, str) or not isinstance(text, str):
            raise InputError(f"versions[{n - 1}]: label and text must be strings")
        try:
            (label + text).encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"versions[{n - 1}]: the text holds a lone surrogate, not valid Unicode") from None
        out.append({"label": label, "text": text})
    check_labels(out)
    return out


def check_labels(inputs: list[dict]) -> None:
    """Refuse two versions with one label: a reader could not tell their columns apart."""
    seen = set()
    for v in inputs:
        if v["label"] in seen:
            raise InputError(f"duplicate label {v['label']!r}: each version needs its own label")
        seen.add(v["label"])


def upload_text(name: str, data: bytes) -> str:
    """An uploaded file's text (.txt); other kinds are refused."""
    if not name.lower().endswith(".txt"):
        raise InputError(f"{name}: only .txt files can be compared so far")
    if not data:
        raise InputError(f"{name}: the file is empty")
    text, _ = decode(data, name)
    return text


def run(inputs: list[dict], base: str | None, reflow: bool = False) -> Comparison:
    cfg = current_app.config
    limits = {name: cfg[name.upper()] for name in COMPARE_LIMITS}
    return compare([(v["label"], v["text"]) for v in inputs], base=base or None, reflow=reflow, **limits)


def create(inputs: list[dict], base: str | None, reflow: bool = False) -> tuple[str, Comparison]:
    c = run(inputs, base, reflow)
    return db.save(inputs, base, reflow, c.to_dict()), c


def on_base(row, base: str | None) -> Comparison:
    """A saved comparison, on its own base or (recomputed once, then kept) on another,
    given by id or label. Raises InputError for a base that is no version of it."""
    document = json.loads(row["document"])
    if not base:
        return Comparison.from_dict(document)
    vid = next((v["id"] for v in document["versions"] if base in (v["id"], v["label"])), None)
    if vid is None:
        known = ", ".join(v["id"] for v in document["versions"])
        raise InputError(f"unknown base {base!r}: give the id or label of a version ({known})")
    if vid == document["base"]:
        return Comparison.from_dict(document)
    cached = db.variant(row["id"], vid)
    if cached is None:
        cached = run(json.loads(row["inputs"]), vid, bool(row["reflow"])).to_dict()
        db.save_variant(row["id"], vid, cached)
    return Comparison.from_dict(cached)


PAGE_SIZE = 100   # saved comparisons a page of the list (and of the API's list)


def saved_page(q: str, page: str | None) -> tuple[list, int, bool]:
    """One page of the saved comparisons matching ``q``, newest first: the rows, the page
    number, and whether older ones follow. Raises InputError for a page that is no number."""
    n = 1 if page in (None, "") else int(page) if re.fullmatch(r"[0-9]{1,9}", page) else 0
    if n < 1:
        raise InputError(f"page: give a page number from 1 to 999999999, not {page!r}")
    rows = db.search(q, limit=PAGE_SIZE + 1, offset=(n - 1) * PAGE_SIZE)
    return rows[:PAGE_SIZE], n, len(rows) > PAGE_SIZE


def examples() -> list[dict]:
    """The bundled fixture groups: one folder of .txt versions each."""
    root = Path(current_app.config["EXAMPLES"])
    groups = [root / "reuters-trump-putin-2025"] + sorted((root / "chronam-1916").glob("*/"))
    return [{"name": g.name, "files": sorted(g.glob("*.txt")), "reflow": g.parent.name == "chronam-1916"}
            for g in groups if g.is_dir() and len(list(g.glob("*.txt"))) >= 2]


def create_example(name: str) -> str:
    """The saved comparison of a bundled example, saved on first use."""
    group = next((e for e in examples() if e["name"] == name), None)
    if group is None:
        raise LookupError(name)
    cid = db.example_id(name)
    if cid is None:
        inputs = _example_inputs(group)
        cid = db.save(inputs, None, group["reflow"], run(inputs, None, group["reflow"]).to_dict(), example=name)
    return cid


def _example_inputs(group: dict) -> list[dict]:
    return [{"label": f.stem, "text": f.read_text(encoding="utf-8")} for f in group["files"]]


def save_examples() -> int:
    """Save the comparison of every bundled example not saved yet; how many were saved."""
    missing = [e["name"] for e in examples() if db.example_id(e["name"]) is None]
    for name in missing:
        create_example(name)
    return len(missing)
