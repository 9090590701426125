"""Articles in, one at a time: a JSONL file (gzip too) or a folder of .txt, .html and .json
files. Nothing is held beyond the batch being read; a bad article becomes a ``Problem``
naming where it is (file and line) and why, and the run goes on.

An article's fields: ``id``, ``outlet``, ``url``, ``published``, ``title``, and its text as
``text`` (one block a line) or ``html`` (a page, whose article is extracted). In a folder,
a .json file holds one such object; a .txt or .html file is an article of the outlet named
by the folder under INPUT it stands in, at any depth (a page's own site name comes first;
a text beside the outlets' folders has no outlet, and is reported). An article's id is its
``id`` field, else the file's name without its extension (the contract's rule).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FIELDS = ("id", "outlet", "url", "published", "title")
_SURROGATE = re.compile("[\ud800-\udfff]")   # JSON's "\ud800" escapes one; no text can hold it
FILE_SUFFIXES = (".txt", ".html", ".htm", ".json")


@dataclass(frozen=True)
class Raw:
    """An article as read, not yet checked: its fields, and where it was found."""

    where: str               # "corpus.jsonl:12", "folder/outlet/story.txt"
    record: dict | None      # the parsed object (None: ``error`` says why)
    error: str = ""


@dataclass(frozen=True)
class Problem:
    where: str
    error: str

    def to_dict(self) -> dict:
        return {"where": self.where, "error": self.error}


def read_corpus(path: str) -> Iterator[Raw]:
    """Every article of INPUT in order (see the module's doc)."""
    p = Path(path)
    if p.is_dir():
        yield from _folder(p)
    elif p.is_file():
        yield from _jsonl(p)
    else:
        raise FileNotFoundError(f"{path}: no such file or folder")


def _jsonl(p: Path) -> Iterator[Raw]:
    opener = gzip.open if p.suffix == ".gz" else open
    with opener(p, "rb") as raw:
        for n, line in enumerate(io.BufferedReader(raw), start=1):
            if line.strip():
                yield _record(f"{p.name}:{n}", line, f"{p.name}:{n}")


def _record(where: str, data: bytes, default_id: str) -> Raw:
    """A JSON object (an article) or the reason it is none."""
    try:
        record = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        reason = e.msg if isinstance(e, json.JSONDecodeError) else "not UTF-8"
        return Raw(where, None, f"not a JSON object ({reason})")
    if not isinstance(record, dict):
        return Raw(where, None, f"not a JSON object but {type(record).__name__}")
    for name, value in record.items():
        if isinstance(value, str) and (bad := _SURROGATE.search(value)):
            return Raw(where, None, f"{name}: {bad.group().encode('unicode_escape').decode()} is no character "
                                    "(half of a UTF-16 pair, escaped on its own): the text's encoding is broken")
    record.setdefault("id", default_id)
    return Raw(where, record)


def _folder(root: Path) -> Iterator[Raw]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            f = Path(dirpath) / name
            if f.suffix.lower() not in FILE_SUFFIXES:
                continue
            rel = f.relative_to(root).as_posix()
            try:
                data = f.read_bytes()
            except OSError as e:
                yield Raw(rel, None, f"cannot be read ({e.strerror or e})")
                continue
            if f.suffix.lower() == ".json":
                yield _record(rel, data, f.stem)
                continue
            # the outlet: the folder under INPUT the file stands in, however deep (Outlet/2016/nov/x.txt)
            parts = f.relative_to(root).parts
            outlet = parts[0] if len(parts) > 1 else ""
            kind = "html_bytes" if f.suffix.lower() in (".html", ".htm") else "text_bytes"
            yield Raw(rel, {"id": f.stem, "outlet": outlet, kind: data, "outlet_from_folder": True})
