"""Loading versions from files and standard input: bytes to clean text, with a clear
error for what cannot be read. This module does I/O; the core never imports it."""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from .errors import InputError
from .model import Source

# The share of control characters above which bytes are not text whatever they decode to.
MAX_CONTROL_SHARE = 0.01
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")   # not tab, line and page breaks
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_NOT_UTF8 = re.compile(rb"(?<![\x80-\xf4])[\x80-\xff](?![\x80-\xbf])")


def _cp1252_bytes(err: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as Windows-1252 (as the bytes 0x80-0x9f undefined
    there, Latin-1), so that no character is lost."""
    bad = err.object[err.start:err.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), err.end


codecs.register_error("syndiff-cp1252", _cp1252_bytes)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: every other byte is a NUL in Latin text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    enc = "utf-16-le" if odd > 0.3 * len(data) / 2 and even == 0 else \
        "utf-16-be" if even > 0.3 * len(data) / 2 and odd == 0 else None
    if enc is None:
        return None
    try:
        data.decode(enc)
    except UnicodeDecodeError:
        return None
    return enc


SHORT_TEXT = 1000          # bytes: below this, detectors guess wildly (big5 for "Peña")
MIN_ASCII_SHARE = 0.9


def _best_guess(data: bytes):
    """charset-normalizer's guess; for a short text that is mostly ASCII, and on a tie,
    Windows-1252, the usual encoding of Western news copy that is not UTF-8."""
    if len(data) < SHORT_TEXT and sum(b < 128 for b in data) >= MIN_ASCII_SHARE * len(data):
        try:
            return _Guess(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    results = list(from_bytes(data))
    if not results:
        return None
    best = results[0]
    tie = [r for r in results if (r.chaos, r.coherence) == (best.chaos, best.coherence)]
    return next((r for r in tie if r.encoding == "cp1252"), best)


@dataclass(frozen=True)
class _Guess:
    text: str
    encoding: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Loaded:
    text: str
    source: str      # as the user named it ("-" for standard input)
    label: str       # the default label: the file's stem, or the outlet's name for a page
    encoding: str
    kinds: tuple[str | None, ...] | None = None   # for a page: the kinds its structure gives
    meta: dict = field(default_factory=dict)       # for a page: url, site_name, published, extractor …

    def source_for(self, label: str | None = None) -> Source:
        """The version to compare, under ``label`` (default: its own)."""
        return Source(label or self.label, self.text, self.source, self.kinds, dict(self.meta))


HTML_SUFFIXES = (".html", ".htm", ".xhtml")
URL = re.compile(r"^https?://", re.I)


def distinct_labels(defaults: list[str], taken: Iterable[str] = ()) -> list[str]:
    """Default labels made distinct from ``taken`` (labels a user gave, which stay) and from
    each other: two pages of one outlet are "Reuters" and "Reuters (2)"."""
    used, out = set(taken), []
    for label in defaults:
        candidate, n = label, 2
        while candidate in used:
            candidate, n = f"{label} ({n})", n + 1
        used.add(candidate)
        out.append(candidate)
    return out


def load_input(path: str, allow_private: bool = False, fetcher=None) -> Loaded:
    """One version from a text file, a saved page (.html) or a URL (``fetcher``, default
    ``fetch.fetch``, gets it). Raises InputError naming the input and the reason."""
    if URL.match(path):
        from .fetch import fetch

        page = (fetcher or fetch)(path, allow_private=allow_private)
        return page_from_fetch(page)
    if "://" in path:
        raise InputError(f"{path}: only http:// and https:// addresses can be fetched")
    if path.lower().endswith(HTML_SUFFIXES):
        return load_page(_read(path), path)
    return load_text(path)


def load_page(data: bytes, name: str, url: str | None = None, charset: str | None = None) -> Loaded:
    """A page's article (``extract``): its text, the kinds its structure gives, its outlet
    as the label (else the file's stem) and what it says of itself as metadata."""
    from .extract import extract_html

    text = decode_html(data, name, charset)
    page = extract_html(text, url=url, name=name)
    stem = os.path.splitext(os.path.basename(name))[0] if not url else ""
    label = page.site_name or stem or name
    return Loaded(page.text, name, label, "html", tuple(page.kinds), page.meta)


def page_from_fetch(page) -> Loaded:
    """A fetched page (``fetch.Fetched``) as a version, with where and when it was fetched."""
    loaded = load_page(page.body, page.url, url=page.final_url, charset=_charset_of(page.content_type))
    meta = {**loaded.meta, "url": page.url, "final_url": page.final_url, "fetched_at": page.fetched_at,
            "status": page.status}
    return Loaded(loaded.text, page.url, loaded.label, loaded.encoding, loaded.kinds, meta)


def _charset_of(content_type: str) -> str | None:
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    return m.group(1) if m else None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def _meta_charset(body: bytes) -> str | None:
    """The charset a page's <meta> declares in its first 4 KB."""
    m = _META_CHARSET.search(body[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def decode_html(data: bytes, name: str, charset: str | None = None) -> str:
    """A page's bytes as text: a byte-order mark, else the charset the server declared,
    else the one the page's <meta> declares, else as ``decode`` finds it."""
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        for codec in (_codec(charset), _meta_codec(_meta_charset(data))):
            if codec:
                try:
                    return data.decode(codec)
                except UnicodeError:   # decoding errors, and codecs that refuse to decode at all
                    continue
    return decode(data, name)[0]


def _codec(charset: str | None) -> str | None:
    """A declared charset as Python names it, if it names a text encoding; browsers read
    "iso-8859-1" and "ascii" as windows-1252 (the WHATWG encoding standard), and so must
    we, or curly quotes turn to control characters."""
    if not charset:
        return None
    name = charset.strip().lower()
    if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        return "cp1252"
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def _meta_codec(charset: str | None) -> str | None:
    """A charset a page's <meta> declares: a page read through its meta tag is in an ASCII
    superset, so a declared UTF-16 means UTF-8 (the WHATWG encoding standard)."""
    codec = _codec(charset)
    return "utf-8" if codec and codec.startswith("utf-16") else codec


def _read(path: str) -> bytes:
    if os.path.isdir(path):
        raise InputError(f"{path}: is a folder, not a file")
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror or e})") from None


def load_text(path: str) -> Loaded:
    """Read one version as plain text. Raises InputError naming the input and the reason."""
    if path == "-":
        data = sys.stdin.buffer.read()
        label = "stdin"
    else:
        data = _read(path)
        label = os.path.splitext(os.path.basename(path))[0] or path
    text, encoding = decode(data, path)
    return Loaded(text, path, label, encoding)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes to text: a BOM decides, else UTF-8, else the detected encoding; binary refused."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                shown = enc.removesuffix("-sig").upper()   # "utf-8-sig" is Python's name for it
                raise InputError(f"{name}: starts with a {shown} byte-order mark but is not valid {shown}") from None
    if b"\x00" in data:
        enc = _utf16_without_bom(data)
        if enc is None:
            raise InputError(f"{name}: binary file, not text")
        return data.decode(enc), enc
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if len(_UTF8_SEQUENCE.findall(data)) > 4 * len(_NOT_UTF8.findall(data)):
            # UTF-8 with a few stray Windows bytes (copy pasted together): keep both readings
            text, enc = data.decode("utf-8", errors="syndiff-cp1252"), "utf-8+cp1252"
        else:
            best = _best_guess(data)
            if best is None:
                raise InputError(f"{name}: not text in any encoding syndiff can detect (save it as UTF-8)") from None
            text, enc = str(best), best.encoding
    check_text(text, f"{name}: binary file, not text")
    return text, enc


def check_text(text: str, message: str) -> None:
    """Refuse a text whose share of control characters says it is binary data."""
    controls = len(_CONTROLS.findall(text))
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise InputError(message)
