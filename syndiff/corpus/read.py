"""Articles in, one at a time: a JSONL file (gzip too) or a folder of .txt, .html, .json and
.jsonl files. Nothing is held beyond the batch being read; a bad article becomes a
``Problem`` naming where it is (file and line) and why, and the run goes on.

An article's fields: ``id``, ``outlet``, ``url``, ``published``, ``title``, and its text as
``text`` (one block a line) or ``html`` (a page, whose article is extracted). In a folder,
a .json file holds one such object, a .jsonl file (gzip too) one a line; a .txt or .html
file is an article of the outlet named by the folder under INPUT it stands in, at any depth
(a page's own site name comes first; a text beside the outlets' folders has no outlet, and
is reported). An article's id is its ``id`` field, else the file's name without its
extension (the contract's rule).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FIELDS = ("id", "outlet", "url", "published", "title")
_SURROGATE = re.compile("[\ud800-\udfff]")   # JSON's "\ud800" escapes one; no text can hold it
FILE_SUFFIXES = (".txt", ".html", ".htm", ".json")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")   # in a folder too: an article a line
# Files of text a researcher may keep articles in, which syndiff does not read: each is reported,
# not passed over without a word (a page's images, scripts and styles are)
UNREAD_TEXT = (".md", ".markdown", ".rtf", ".doc", ".docx", ".odt", ".pdf", ".xml", ".csv", ".tsv", ".epub")


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


def read_corpus(path: str, outdir: str | None = None) -> Iterator[Raw]:
    """Every article of INPUT in order (see the module's doc); in a folder, none of the run's
    output folder ``outdir`` if it stands in INPUT (its reports are pages, its documents JSON)."""
    p = Path(path)
    if p.is_dir():
        yield from _folder(p, Path(outdir).resolve() if outdir is not None else None)
    elif p.is_file():
        yield from _jsonl(p, p.name)
    else:
        raise FileNotFoundError(f"{path}: no such file or folder")


def starts_array(path: str) -> bool:
    """Whether a file (gzip too) opens on a JSON array, not on a line's object."""
    try:
        with open(path, "rb") as f:
            head = next((c for c in _gunzip(f) if c.strip()), b"") if path.lower().endswith(".gz") else f.read(4096)
    except (OSError, EOFError, zlib.error):
        return False   # the reading reports it
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")


def _jsonl(p: Path, name: str) -> Iterator[Raw]:
    """The articles of a JSONL file, each where it is: ``name:line``."""
    n = 0
    with open(p, "rb") as f:
        try:
            for n, line in enumerate(_lines(_gunzip(f)) if p.suffix.lower() == ".gz" else f, start=1):
                if line.strip():
                    yield _record(f"{name}:{n}", line, f"{name}:{n}")
        except (EOFError, zlib.error) as e:   # a download cut short, a damaged copy
            if isinstance(e, EOFError):
                why = "its gzip stream ends before its end marker"
            else:
                why = f"damaged gzip data ({e}): the lines before it may be damaged too"
            yield Raw(f"{name}:{n + 1}", None, f"the file breaks off here, {why}; nothing after it could be read")


_GZIP = zlib.MAX_WBITS | 16   # zlib's gzip format: header, deflate data, CRC and size


def _gunzip(f) -> Iterator[bytes]:
    """The bytes a gzip file holds (of one member or of several), as they come: all of them,
    then EOFError if the file ends before its end marker. (gzip.open drops what it decompressed
    last before that error.)"""
    magic = f.read(2)
    if not magic:   # an empty file: no articles
        return
    if magic != b"\x1f\x8b":
        raise gzip.BadGzipFile(f"Not a gzipped file ({magic!r})")
    d, data, fed = zlib.decompressobj(_GZIP), magic, False
    while data or (data := f.read(1 << 16)):
        if not fed:   # between members: the zeros some writers pad with, however many reads they take
            data = data.lstrip(b"\0")
            if not data:
                continue
        fed = True
        yield d.decompress(data, 1 << 20)   # 1 MB at most from one go, whatever the ratio
        data = d.unconsumed_tail
        if d.eof:   # the member ends: another may follow
            data = d.unused_data
            d, fed = zlib.decompressobj(_GZIP), False
    if fed:
        raise EOFError("the gzip stream ends before its end marker")


def _lines(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The lines of a stream of bytes, each with its end of line; the last one too, whole or not."""
    part: list[bytes] = []
    for chunk in chunks:
        *whole, rest = chunk.split(b"\n")
        for line in whole:
            part.append(line)
            yield b"".join(part) + b"\n"
            part = []
        if rest:
            part.append(rest)
    if part:
        yield b"".join(part)


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


def _folder(root: Path, outdir: Path | None) -> Iterator[Raw]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if (Path(dirpath) / d).resolve() != outdir)
        for name in sorted(filenames):
            f = Path(dirpath) / name
            rel = f.relative_to(root).as_posix()
            if name.lower().endswith(JSONL_SUFFIXES):
                try:
                    yield from _jsonl(f, rel)
                except OSError as e:   # not gzip at all, unreadable: the folder's other files still count
                    yield Raw(rel, None, f"cannot be read ({e.strerror or e})")
                continue
            if f.suffix.lower() in UNREAD_TEXT:
                yield Raw(rel, None, "not read: syndiff reads .txt, .html, .json and .jsonl files (save it as one)")
                continue
            if f.suffix.lower() not in FILE_SUFFIXES:
                continue
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
