"""Edit typing: what kind of change each difference between the base and a version is.

Block-level edits come from the shape of a row (a side missing, several blocks on one
side); word-level edits from the hunks of its word diff, typed by the tables of
``tables``: a transliteration or a near spelling is ``spelling``, variants that the style
rules make equal are ``style``, and so on down to ``wording``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from . import tables
from .diff import Ops


def _cue(pattern: str) -> str:
    """The letters every match of a rule's pattern starts with, when it starts with a word
    boundary and letters (``\\bfeb(?:ruary|\\.)?``: "feb"), else "": a rule whose cue is not
    in a text cannot change it, and ``in`` tells that 20 times faster than the substitution."""
    m = re.match(r"\\b([a-z]+)", pattern)
    depth, top_level_or = 0, False
    for ch in pattern:
        depth += (ch == "(") - (ch == ")")
        top_level_or |= ch == "|" and depth == 0
    if not m or top_level_or:
        return ""
    return m.group(1)[:-1] if pattern[m.end():m.end() + 1] in ("?", "*", "{") else m.group(1)


_STYLE = [(re.compile(p), r, _cue(p)) for p, r in tables.STYLE_RULES]
_PUNCT = re.compile(r"[^\w\s]+")
_JOINERS = re.compile(r"[\s\-‐]+")
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"\w")
_POSSESSIVE = re.compile(r"['’]s$")
_TRANSLIT = {w.casefold(): n for n, group in enumerate(tables.TRANSLITERATIONS) for w in group}

SPELLING_SIMILARITY = 0.75  # normalized Levenshtein similarity of two spellings of a word
SPELLING_MIN_LENGTH = 6     # shorter names differ in meaning, not spelling (Gaza/Giza, Mark/Mary)


@lru_cache(4096)   # a cell is diffed with each version's, and a corpus group twice
def split_dateline(text: str) -> tuple[str, str]:
    """A block's dateline ("Feb 9 (Reuters) – ") and the rest; ("", text) if it has none."""
    m = tables.DATELINE.match(text)
    return (text[: m.end()], text[m.end():]) if m else ("", text)


@lru_cache(maxsize=4096)
def style_key(text: str) -> str:
    """The text with every house-style variant rewritten to its canonical form."""
    s = text.casefold()
    for pattern, repl, cue in _STYLE:
        if cue in s:   # "" is in every text
            s = pattern.sub(repl, s)
    return s.strip()


_BRITISH = [(re.compile(p), r) for p, r in tables.BRITISH_AMERICAN]
_DISTINCT = {frozenset(w.casefold() for w in pair) for pair in tables.DISTINCT_NAMES}
_COMPOUND_EXCEPTIONS = set(tables.COMPOUND_EXCEPTIONS)
_ROMANIZATIONS = [(re.compile(p), r) for p, r in tables.ROMANIZATIONS]


def _american(word: str) -> str:
    for pattern, repl in _BRITISH:
        word = pattern.sub(repl, word)
    return word


def _same_spelling(a: str, b: str) -> bool:
    """Two spellings of one word: a transliteration of the table, a British and an American
    spelling, or a proper name spelled a little otherwise (never a different word)."""
    a0, b0 = _POSSESSIVE.sub("", a), _POSSESSIVE.sub("", b)
    a, b = a0.casefold(), b0.casefold()
    if a == b:
        return True
    ta, tb = _TRANSLIT.get(a), _TRANSLIT.get(b)
    if ta is not None and ta == tb:
        return True
    if min(len(a), len(b)) >= tables.MIN_BRITISH_AMERICAN_LENGTH and _american(a) == _american(b):
        return True
    # Edit distance only for names (capitalised on both sides): for other words a letter or
    # two is a change of meaning (increase/decrease, would/could, unlikely/likely).
    if not (a0[:1].isupper() and b0[:1].isupper()) or frozenset((a, b)) in _DISTINCT:
        return False
    if any(c.isdigit() for c in a + b):
        return False
    ra, rb = _romanized(a), _romanized(b)
    if ra == rb:
        return True   # Alexei/Aleksei, Kharkiv/Harkiv
    if min(len(a), len(b)) < SPELLING_MIN_LENGTH:
        return False
    if a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a) or _stems(a) & _stems(b):
        return False  # an affix or an ending: Russia/Russian, Germany/Germans
    return Levenshtein.normalized_similarity(ra, rb) >= SPELLING_SIMILARITY


def _romanized(word: str) -> str:
    for pattern, repl in _ROMANIZATIONS:
        word = pattern.sub(repl, word)
    return word


def _stems(word: str) -> set[str]:
    """The word without each ending it may carry."""
    return {word[: -len(e)] for e in tables.NAME_ENDINGS if word.endswith(e)}


def change_type(base: str, text: str) -> str:
    """The type of a change of ``base`` words into ``text`` words inside a matched block."""
    if not _WORD.search(base) and not _WORD.search(text):
        return "style" if style_key(base) == style_key(text) else "punctuation"
    if not base or not text:
        return "insertion" if text else "deletion"
    if style_key(base) == style_key(text):
        return "style"
    if _DIGITS.findall(style_key(base)) != _DIGITS.findall(style_key(text)):
        return "wording"  # a changed figure is never punctuation or spelling (1.3% -> 13%)
    bare_b, bare_t = _PUNCT.sub("", base).casefold().split(), _PUNCT.sub("", text).casefold().split()
    if bare_b == bare_t:
        return "punctuation"  # a capital that follows a full stop goes with it
    closed = _JOINERS.sub("", base.casefold())
    if closed == _JOINERS.sub("", text.casefold()) and closed not in _COMPOUND_EXCEPTIONS:
        return "style"  # closed, open or hyphenated compounds: healthcare / health care / health-care
    wb, wt = base.split(), text.split()
    if len(wb) == len(wt) and all(_same_spelling(_PUNCT.sub("", x), _PUNCT.sub("", y)) for x, y in zip(wb, wt)):
        return "spelling"
    return "wording"


def hunks(ops: Ops) -> list[tuple[str, str, str, str, str, str]]:
    """Runs of changed ops between equal text, as (equal text before, base words, version
    words, equal text after, base words and version words as they stand, spaces included)."""
    out = []
    b: list[str] = []
    t: list[str] = []
    before = ""
    for op, text in ops + [(0, "")]:
        if op == 0:
            if b or t:
                raw_b, raw_t = "".join(b), "".join(t)
                if raw_b.strip() or raw_t.strip():
                    out.append((before, raw_b.strip(), raw_t.strip(), text, raw_b, raw_t))
                b, t = [], []
            before = text
        elif op < 0:
            b.append(text)
        else:
            t.append(text)
    return out


_MONTH_WORD = re.compile(r"\b(" + "|".join(tables.MONTH_ABBREVIATIONS.values()) + r")", re.I)
_DATE_AFTER = re.compile(r"^(?:\.?\s\d{1,2}|,?\s\d{4})\b")   # " 24", ". 24", " 2025", ", 2025"
_LAST_WORD = re.compile(r"\w+$")
_FIRST_WORD = re.compile(r"^\w+")


def typed_hunks(ops: Ops) -> list[tuple[str, str, str]]:
    """The hunks of a diff as (type, base words, version words). A change of punctuation
    alone is read with the words around it, so that "Feb." -> "Feb" is style, not
    punctuation. A restyled month keeps the day that follows it, so the edit reads as the
    date it is ("Feb. 24" -> "February 24"): a month's abbreviation is one only in a date."""
    out = []
    for before, b, t, after, raw_b, raw_t in hunks(ops):
        kind = change_type(b, t)
        if kind == "punctuation":
            w0, w1 = _LAST_WORD.search(before), _FIRST_WORD.match(after)
            left, right = (w0.group() if w0 else ""), (w1.group() if w1 else "")
            wide_b, wide_t = (left + raw_b + right).strip(), (left + raw_t + right).strip()
            day = "" if right else _day(after)   # "Feb. 9" -> "Feb 9": the point is a month's
            marks = raw_b.strip() + raw_t.strip()
            sign = all(c in "-−+" for c in marks)                                  # -5 -> 5
            point = left[-1:].isdigit() and all(c in "-−+.," for c in marks)      # 1.5 -> 15
            if (left or right) and style_key(wide_b + day) == style_key(wide_t + day):
                kind, b, t = "style", wide_b, wide_t   # Feb. -> Feb, 10,000 -> 10000
            elif right[:1].isdigit() and (sign or point):
                kind, b, t = "wording", wide_b, wide_t   # a number's sign or point is part of the figure
        if _MONTH_WORD.search(b) and _MONTH_WORD.search(t):
            day = _day(after)
            if day and (kind == "style" or change_type(b + day, t + day) == "style"):
                kind, b, t = "style", b + day, t + day
        out.append((kind, b, t))
    return out


def _day(after: str) -> str:
    """The rest of the date that follows a hunk: its day (" 24" of " 24 (Reuters)"), or its
    year (" 2025" of "9 February 2025"), or ""."""
    day = _DATE_AFTER.match(after)
    return day.group() if day else ""
