"""What the pages and the API share: versions from a request to a saved comparison, a saved
comparison on another base, and the bundled examples."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from flask import current_app

from ..comparison import compare
from ..consensus import LABEL as WIRE_LABEL
from ..consensus import compare_on_original
from ..errors import InputError
from ..fetch import fetch
from ..load import HTML_SUFFIXES, decode, decode_html, distinct_labels, load_page, page_from_fetch
from ..model import Comparison, Source
from ..settings import COMPARE_LIMITS
from ..text import slug
from . import db

TEXT_FIELDS = ("text", "html", "url")
VERSION_KEYS = ("label", *TEXT_FIELDS)   # a version of the API's body
MAX_FETCHES = 8   # pages fetched at once for one request


def unknown_keys(where: str, given: dict, known: tuple[str, ...]) -> None:
    """Refuse keys that are not ``known``: a misspelled one ("bsae") would otherwise be
    passed over and its default used without a word."""
    unknown = [k for k in given if k not in known]
    if unknown:
        keys = "unknown key" + ("s " if len(unknown) > 1 else " ") + ", ".join(repr(k) for k in unknown)
        raise InputError(f"{where}{keys}; the known keys are {', '.join(known)}")


def versions_from_json(items: object) -> list[dict]:
    """Validate the API's ``versions``: a list of objects with an optional label and exactly
    one of text, html or url, all strings, and no other key. Raises InputError with what is
    wrong and where. The answer: one spec a version, {"label": str, "text" | "html" | "url": str}."""
    if not isinstance(items, list):
        raise InputError("versions: give a list of versions")
    out = []
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError(f"versions[{n}]: give an object with a label and a text, html or url")
        unknown_keys(f"versions[{n}]: ", item, VERSION_KEYS)
        given = [f for f in TEXT_FIELDS if f in item]
        if len(given) != 1:
            raise InputError(f"versions[{n}]: give exactly one of text, html or url")
        label, value = item.get("label") or "", item[given[0]]
        if not isinstance(label, str) or not isinstance(value, str):
            raise InputError(f"versions[{n}]: label and {given[0]} must be strings")
        try:
            (label + value).encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"versions[{n}]: the text holds a lone surrogate, not valid Unicode") from None
        out.append({"label": label.strip(), given[0]: value})
    return out


def load_versions(specs: list[dict], refetch: bool = False) -> tuple[list[dict], list[tuple[int, InputError]]]:
    """Specs (label and one of text, html, url) to inputs as a comparison keeps them
    (label, text, and for pages the kinds, metadata and source), and the errors of those
    that failed, with their place in ``specs``. URLs are fetched side by side, or taken from the pages fetched before
    unless ``refetch``; every page fetched is kept."""
    urls = [s["url"] for s in specs if "url" in s]
    kept = {} if refetch else {u: _kept(db.latest_page(u)) for u in urls}
    missing = list(dict.fromkeys(u for u in urls if kept.get(u) is None))
    allow = bool(current_app.config["ALLOW_PRIVATE"])

    def get(url: str):
        try:
            return fetch(url, allow_private=allow)
        except InputError as e:
            return e

    with ThreadPoolExecutor(max_workers=MAX_FETCHES) as pool:
        fetched = dict(zip(missing, pool.map(get, missing)))
    for url, page in fetched.items():
        kept[url] = page if isinstance(page, InputError) else (db.save_page(page), page, False)
    inputs: list[dict] = []
    errors: list[tuple[int, InputError]] = []
    for n, spec in enumerate(specs):
        try:
            inputs.append(_input(n + 1, spec, kept))
        except InputError as e:
            errors.append((n, e))
    return _distinct(inputs), errors


def _kept(found: tuple | None) -> tuple | None:
    return None if found is None else (*found, True)   # (id, page, read from the database)


def _input(n: int, spec: dict, pages: dict) -> dict:
    """A spec loaded. Its default label (none given): a page's outlet, else the file's
    name, else "Version N" by its place (the form's field, else the spec's); defaults are
    made distinct later."""
    name = spec["label"] or f"Version {spec.get('place', n)}"
    if "text" in spec:
        default = spec["file"].rsplit(".", 1)[0] if spec.get("file") else name
        return {"label": spec["label"] or default, "text": spec["text"], "source": spec.get("file", ""),
                "named": bool(spec["label"])}
    if "html" in spec:   # the page's outlet, else the file's name, else its place names it
        loaded = load_page(spec["html"].encode("utf-8"), spec.get("file") or name, charset="utf-8")
        meta = loaded.meta
    else:
        got = pages[spec["url"]]
        if isinstance(got, InputError):
            raise got
        page_id, page, kept = got
        try:
            loaded = page_from_fetch(page)
        except InputError as e:
            if kept:
                raise InputError(f"{e} (the page as fetched at {page.fetched_at}; fetch it again to read it anew)") \
                    from None
            raise
        meta = {**loaded.meta, "page": page_id}
    return {"label": spec["label"] or loaded.label, "text": loaded.text, "kinds": list(loaded.kinds),
            "meta": meta, "source": spec.get("file") or loaded.source, "named": bool(spec["label"])}


def _distinct(inputs: list[dict]) -> list[dict]:
    """Labels the user gave must differ (check_labels); default ones are made to differ
    from those and from each other: "Reuters", "Reuters (2)"."""
    named = [v.pop("named") for v in inputs]
    given = [v for v, n in zip(inputs, named) if n]
    check_labels(given)
    defaults = [v for v, n in zip(inputs, named) if not n]
    for v, label in zip(defaults, distinct_labels([v["label"] for v in defaults], (v["label"] for v in given))):
        v["label"] = label
    return inputs


def check_labels(inputs: list[dict]) -> None:
    """Refuse two versions with one label: a reader could not tell their columns apart."""
    seen = set()
    for v in inputs:
        if v["label"] in seen:
            raise InputError(f"duplicate label {v['label']!r}: each version needs its own label")
        seen.add(v["label"])


def upload_spec(label: str, name: str, data: bytes) -> dict:
    """An uploaded file as a spec: a .txt file's text, a saved page's HTML (bytes decoded by
    its declared charset)."""
    if not data:
        raise InputError(f"{name}: the file is empty")
    lower = name.lower()
    if lower.endswith(HTML_SUFFIXES):
        return {"label": label, "html": decode_html(data, name), "file": name}
    if not lower.endswith(".txt"):
        raise InputError(f"{name}: give a .txt file or a saved page (.html)")
    return {"label": label, "text": decode(data, name)[0], "file": name}


WIRE = slug(WIRE_LABEL)   # the base "probable-wire-original": the versions' majority reading


def _asks_wire(base: str | None) -> bool:
    """Whether ``base`` names the probable wire original, by its id or its label."""
    return base in (WIRE, WIRE_LABEL)


def run(inputs: list[dict], base: str | None, reflow: bool = False) -> Comparison:
    """The comparison of the inputs on ``base`` (a version's id or label; WIRE: on the
    versions' probable wire original, as corpus mode compares them)."""
    cfg = current_app.config
    limits = {name: cfg[name.upper()] for name in COMPARE_LIMITS}
    versions = [Source(v["label"], v["text"], v.get("source", ""), tuple(v["kinds"]) if v.get("kinds") else None,
                       v.get("meta") or {}) for v in inputs]
    if _asks_wire(base) and not any(slug(v.label) == WIRE for v in versions):   # not a version so named
        return compare_on_original(versions, reflow=reflow, **limits)
    return compare(versions, base=base or None, reflow=reflow, **limits)


def create(inputs: list[dict], base: str | None, reflow: bool = False) -> tuple[str, Comparison]:
    c = run(inputs, base, reflow)
    return db.save(inputs, base, reflow, c.to_dict()), c


def on_base(row, base: str | None) -> Comparison:
    """A saved comparison, on its own base or (recomputed once, then kept) on another,
    given by id or label, or on its probable wire original (WIRE). Raises InputError for a
    base that is no version of it."""
    document = json.loads(row["document"])
    if not base:
        return Comparison.from_dict(document)
    vid = next((v["id"] for v in document["versions"] if base in (v["id"], v["label"])), None)
    if vid is None and _asks_wire(base) and len(document["versions"]) >= 3:
        vid = WIRE   # not one of its versions: made of them
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
    return [{"label": f.stem, "text": f.read_text(encoding="utf-8"), "source": f.name} for f in group["files"]]


def save_examples() -> int:
    """Save the comparison of every bundled example not saved yet; how many were saved."""
    missing = [e["name"] for e in examples() if db.example_id(e["name"]) is None]
    for name in missing:
        create_example(name)
    return len(missing)
