"""One article made ready for grouping: checked, decoded (a page's article extracted), its
furniture told apart from its story, and its story summed up as a MinHash signature
(datasketch) and a bottom-k sketch of its word shingles, small and of fixed size whatever
the article's length. Runs on Dask workers: plain data in, plain data out."""

from __future__ import annotations

import hashlib
import pickle
import zlib
from dataclasses import dataclass, field, replace

import numpy as np
from datasketch import MinHash

from .. import kinds as kinds_mod
from ..errors import InputError
from ..load import check_text, decode, decode_html
from ..model import STORY_KINDS
from ..text import count_words, lines, looks_wrapped, word_list
from ..text import reflow as reflow_text
from .read import Problem, Raw

NUM_PERM = 128     # MinHash permutations (one-row LSH bands): 1 KB an article
# datasketch 2's hashing scheme, named so stored signatures stay comparable. 64 bits: the least
# of ~700 values of 32 bits falls in the lowest 2**23, where unrelated articles agree by chance
# (218 such candidate pairs among 10,000 generated articles, measured; they grow with the
# square of the corpus); among 64-bit values, practically never.
SCHEME = "affine64"
SHINGLE = 5        # words a shingle
SKETCH = 512       # the smallest shingle hashes kept, to estimate containment (exact up to 512)
TEXT_FIELDS = ("text", "html", "text_bytes", "html_bytes")
HASHING = "crc32-poly64/affine64"   # how shingles are hashed and signed: part of the cache's key of an article
_ODD = np.uint64(0x9E3779B97F4A7C15)   # multipliers of the shingle hash (odd: no bit is lost)
_MIX = np.uint64(0xBF58476D1CE4E5B9)
# The permutations of the MinHash, drawn once a process (datasketch draws them for every object)
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


@dataclass
class Prepared:
    id: str
    outlet: str
    where: str
    lines: list[str]
    kinds: list[str | None]          # hints a page's structure gives (None: the engine decides)
    url: str = ""
    published: str = ""
    title: str = ""
    story_words: int = 0
    digest: str = ""                 # of the outlet and the text: what a re-run recognises
    shingles: int = 0                # distinct shingles of the story
    sketch: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    signature: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    extracted: dict = field(default_factory=dict)   # what a page said of itself

    def member(self) -> dict:
        """What a group's comparison needs of the article."""
        return {"id": self.id, "outlet": self.outlet, "url": self.url, "published": self.published,
                "lines": self.lines, "kinds": self.kinds, "extracted": self.extracted}


def prepare(raw: Raw, reflow: bool = False) -> Prepared | Problem:
    """The article of ``raw``, or the problem that stops it. ``reflow``: rejoin the
    hard-wrapped lines of a text (OCR of old pages) first."""
    if raw.record is None:
        return Problem(raw.where, raw.error)
    try:
        return _prepare(raw.where, raw.record, reflow)
    except InputError as e:
        return Problem(raw.where, str(e).removeprefix(f"{raw.where}: "))   # named once, by where


def _prepare(where: str, rec: dict, reflow: bool) -> Prepared:
    given = [f for f in TEXT_FIELDS if rec.get(f) not in (None, "")]
    if not given:
        raise InputError("no text: give the article as text or html")
    outlet = rec.get("outlet")
    if outlet is not None and not isinstance(outlet, str):
        raise InputError(f"outlet: give a string, not {type(outlet).__name__}")
    for name in ("id", "url", "published", "title"):
        if rec.get(name) is not None and not isinstance(rec[name], str | int):
            raise InputError(f"{name}: give a string, not {type(rec[name]).__name__}")
    extracted: dict = {}
    value = rec[given[0]]
    if given[0] in ("text", "html") and not isinstance(value, str):
        raise InputError(f"{given[0]}: give a string, not {type(value).__name__}")
    if given[0] == "text_bytes":
        value = decode(value, where)[0]
    elif given[0] == "text":
        check_text(value, "binary data, not text")
    if given[0] in ("html", "html_bytes"):
        from ..extract import extract_html

        html = value if isinstance(value, str) else decode_html(value, where)
        page = extract_html(html, url=rec.get("url") or None, name=where)
        ls, hints, extracted = page.lines, page.kinds, page.meta
        if page.site_name and (rec.get("outlet_from_folder") or not (outlet or "").strip()):
            outlet = page.site_name   # a page names its outlet better than its folder does
    else:
        ls = lines(reflow_text(value) if reflow else value)
        hints = [None] * len(ls)
    if not ls:
        raise InputError("empty: the article has no text")
    if not (outlet or "").strip():
        if rec.get("outlet_from_folder"):
            raise InputError("no outlet: a file beside the outlets' folders names none (put it in its outlet's folder)")
        raise InputError("no outlet: give the outlet that printed the article")
    outlet = outlet.strip()
    story = _story(ls, hints, extracted, reflow)
    hashes = _shingles(story)
    # the shingles are hashed already: int hands them on as they are (a builtin: datasketch
    # calls it once a shingle)
    m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int, scheme=SCHEME, permutations=_PERMUTATIONS)
    m.update_batch(hashes.tolist())
    digest = hashlib.sha1("\n".join([outlet, *ls]).encode("utf-8")).hexdigest()
    return Prepared(str(rec.get("id") or where), outlet, where, ls, hints, str(rec.get("url") or ""),
                    str(rec.get("published") or extracted.get("published") or ""), str(rec.get("title") or ""),
                    sum(count_words(line) for line in story), digest, len(hashes), hashes[:SKETCH].copy(),
                    m.hashvalues, extracted)


def _story(ls: list[str], hints: list[str | None], extracted: dict, reflow: bool) -> list[str]:
    """The story lines of an article, for grouping: hard-wrapped lines rejoined whatever
    ``reflow`` says (short column lines would pass for headings and furniture; paragraphs
    are left as they are)."""
    seen = lines(reflow_text("\n".join(ls))) if not (extracted or reflow) and looks_wrapped(ls) else ls
    seen_hints = hints if len(seen) == len(ls) else [None] * len(seen)
    kinds = kinds_mod.classify([seen], None, [seen_hints])[0]
    return [line for line, k in zip(seen, kinds) if k in STORY_KINDS]


def member_shingles(member: dict, reflow: bool) -> np.ndarray:
    """All the shingle hashes of an article's story (``Prepared.member``), as ``prepare``
    found them: to confirm a pair exactly where the sketches can only estimate."""
    return _shingles(_story(member["lines"], member["kinds"], member["extracted"], reflow))


def _shingles(story: list[str]) -> np.ndarray:
    """The sorted distinct hashes of the story's word shingles (a short story: one shingle).

    Each word is hashed once (crc32 of its UTF-8), and a shingle's hash is a polynomial of
    its words' hashes modulo 2**64, mixed and cut to 32 bits: numpy does that for all the
    shingles at once, where joining and hashing each 5-word string took 3/4 of the time."""
    ws = word_list("\n".join(story).casefold())
    if not ws:
        return np.zeros(0, np.uint32)
    if len(_WORD_HASHES) > WORD_HASHES:
        _WORD_HASHES.clear()
    h = np.fromiter(map(_WORD_HASHES.__getitem__, ws), np.uint64, len(ws))
    n = max(1, len(ws) - SHINGLE + 1)
    acc = np.zeros(n, np.uint64)
    for k in range(min(SHINGLE, len(ws))):
        acc = acc * _ODD + h[k:k + n] + np.uint64(1)   # wraps modulo 2**64, as meant
    acc ^= acc >> np.uint64(31)
    acc *= _MIX
    hashes = np.sort((acc >> np.uint64(32)).astype(np.uint32))
    return hashes[np.r_[True, hashes[1:] != hashes[:-1]]]   # np.unique hashes: 4x slower here


class _WordHashes(dict):
    """word -> crc32 of its UTF-8, remembered: a corpus's articles share most of their words."""

    def __missing__(self, word: str) -> int:
        h = self[word] = zlib.crc32(word.encode())
        return h


WORD_HASHES = 200_000   # words remembered (~25 MB), then forgotten all at once
_WORD_HASHES = _WordHashes()


def prepare_batch(task: tuple[list[Raw], bool]) -> list[tuple[Prepared | Problem, bytes | None]]:
    """Dask task: each article prepared, as its brief (a ``Prepared`` without its text: what
    grouping and the run's files need) and its member (``Prepared.member``, pickled: what a
    comparison needs, stored by the driver as it comes), or as the problem that stops it."""
    batch, reflow = task
    out: list[tuple[Prepared | Problem, bytes | None]] = []
    for raw in batch:
        p = prepare(raw, reflow)
        if isinstance(p, Problem):
            out.append((p, None))
        else:
            out.append((replace(p, lines=[], kinds=[], extracted={}), pickle.dumps(p.member(), protocol=5)))
    return out
