"""Text in, lines out: cleaning, splitting into blocks, reflowing hard-wrapped columns,
and the word tokens every later stage counts with. Pure functions, no I/O."""

from __future__ import annotations

import re
import statistics
import string
import unicodedata
from functools import lru_cache

# Invisible characters that word processors and CMSs leave in copy. ZWJ/ZWNJ are kept:
# they carry meaning in Persian, Indic scripts and emoji sequences.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
# Non-breaking and fixed-width spaces become plain spaces so that words split on them.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000"), " ")
# Control characters, tab and line ends aside.
_CONTROLS = "".join(map(chr, (*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f)))
_CONTROL = re.compile(f"[{re.escape(_CONTROLS)}]")

IMAGE_LINE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")

# Chinese characters and Japanese kana: written without spaces, each one counts as a word.
CJK = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
# A word, as the diff sees it: letters and digits with inner apostrophes, or one CJK character.
# A number with its decimal point, thousands separators or clock colon is one word
# ("1.3", "10,000", "10:30"), so that 1.3 -> 13 is a changed number, not a lost point.
TOKEN = re.compile(rf"\d+(?:[.,:]\d+)+|[{CJK}]|[^\W{CJK}]+(?:['’][^\W{CJK}]+)*|\s+|[^\w\s]")
WORD = re.compile(rf"[{CJK}]|[^\W{CJK}]+")
_HAS_CJK = re.compile(rf"[{CJK}]")
_PLAIN_WORD = re.compile(r"\w+")   # WORD where there is no CJK: a third faster
# A word, as the counts see it (story_words, shared_words): what stands between spaces, or
# one CJK character.
COUNTED = re.compile(rf"[{CJK}]|[^\s{CJK}\u3000-\u303f\uff00-\uff65]+")  # CJK punctuation counts for none
# Text with none of COUNTED's CJK: its words are what str.split gives (\s is str.isspace).
_CJK_COUNTED = re.compile(rf"[{CJK}\u3000-\u303f\uff00-\uff65]")


_SPECIAL = re.compile("[" + re.escape("".join(map(chr, {**_ZERO_WIDTH, **_SPACES})) + _CONTROLS) + "]")
_CONTROL_BYTES = _CONTROLS.encode("ascii")


def clean(text: str) -> str:
    """Normalise line ends and invisible characters; keep every visible character."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if has_special(text):  # str.translate is slow on non-ASCII text: only when needed
        text = _CONTROL.sub("", text.translate(_ZERO_WIDTH).translate(_SPACES))
    return text


def has_special(text: str) -> bool:
    """Whether ``clean`` has more to do than line ends: _SPECIAL's test, made on bytes where
    the text is ASCII (only its control characters can be there; 6 times faster)."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data.translate(None, _CONTROL_BYTES)) != len(data)
    return _SPECIAL.search(text) is not None


def lines(text: str) -> list[str]:
    """The blocks of a plain text: one per non-blank line, outer whitespace trimmed."""
    return [s for s in (line.strip() for line in clean(text).split("\n")) if s]


# Lines remembered by the word functions: versions of one story print many of the same lines,
# and a corpus group is compared twice (on the longest version, then on the wire original).
LINE_CACHE = 16384


@lru_cache(LINE_CACHE)
def tokens(text: str) -> tuple[str, ...]:
    """Split text into word, whitespace and single punctuation tokens ("".join gives it back).
    Remembered: a base cell is diffed with each version's."""
    return tuple(TOKEN.findall(text))


@lru_cache(LINE_CACHE)
def count_words(text: str) -> int:
    if _CJK_COUNTED.search(text):
        return len(COUNTED.findall(text))
    return len(text.split())   # the same count, 10 times faster


@lru_cache(LINE_CACHE)
def words(text: str) -> tuple[str, ...]:
    """Casefolded words for similarity measures."""
    return tuple(word_list(text.casefold()))


def word_list(text: str) -> list[str]:
    """WORD's matches in ``text``."""
    return (WORD if _HAS_CJK.search(text) else _PLAIN_WORD).findall(text)


def slug(label: str) -> str:
    s = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


# --- reflow -------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"""[.!?:]["'”’)]*$|["”’]$""")
_LETTERS = frozenset(string.ascii_letters)   # a set: "" is in every string


def _hyphen_end(line: str) -> bool:
    """Whether a line ends on a word broken by a hyphen ("recon-"): a test of its last two
    characters (a pattern searched the whole line for them)."""
    return line[-1:] == "-" and line[-2:-1] in _LETTERS


def _is_deck(line: str) -> bool:
    """A headline deck line of an old front page: mostly capitals."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8


WRAPPED_SHARE = 0.2  # of lines that the next line goes on from in lower case (the 1916 columns: 0.4-0.8)


def looks_wrapped(rows: list[str]) -> bool:
    """Whether lines are hard-wrapped column lines rather than paragraphs: in a column, many
    a line stops mid-sentence and the next goes on in lower case; in web copy, none does."""
    going_on = sum(1 for a, b in zip(rows, rows[1:]) if b[:1].islower() or _hyphen_end(a))
    return going_on > 0 and going_on >= WRAPPED_SHARE * (len(rows) - 1)


def reflow(text: str) -> str:
    """Rejoin hard-wrapped column lines into paragraphs, one per line.

    Text that is not hard-wrapped (one paragraph a line, as from the web) is left as it is.
    A line ends its paragraph when it ends a sentence and falls clearly short of the
    column width. Headline decks (lines mostly in capitals) join each other, not the
    body. A word hyphenated at the end of a line is joined when the next line goes on
    in lower case.
    """
    rows = lines(text)
    if not looks_wrapped(rows):
        return "\n".join(rows)   # one paragraph a line already (web copy): nothing to rejoin
    width = statistics.median(len(r) for r in ([r for r in rows if not _is_deck(r)] or rows))
    paragraphs: list[str] = []
    current, current_deck = "", False
    for line in rows:
        deck = _is_deck(line)
        if current and deck != current_deck:
            paragraphs.append(current)
            current = ""
        if not current:
            current, current_deck = line, deck
        elif _hyphen_end(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current += " " + line
        if not deck and _SENTENCE_END.search(line) and len(line) < 0.8 * width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)
