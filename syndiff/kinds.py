"""Block kinds: which lines are the story (headline, subheads, paragraphs) and which are
captions, credits, bylines, timestamps, blurbs and site furniture.

Each line is first matched against the patterns of ``tables``; then the evidence of the
other versions and of the page's layout decides the rest: a line another outlet prints
too is story or agency text, a list of short title-like lines that only one outlet has
is furniture, a short heading between paragraphs is a subhead.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import tables
from .text import IMAGE_LINE, LINE_CACHE, words


def _matcher(patterns: list[str], flags: int = 0):
    """One test for a list of patterns. Anchored ones are joined under one ``match``; the
    others are searched one by one, each from its literal start (joined, the engine would
    try every branch at every offset)."""
    anchored = re.compile("|".join(f"(?:{p[1:]})" for p in patterns if p.startswith("^")), flags)
    floating = [re.compile(p, flags).search for p in patterns if not p.startswith("^")]
    return lambda line: bool(anchored.match(line) or any(f(line) for f in floating))


_BOILERPLATE = _matcher(tables.BOILERPLATE, re.I)
_BYLINE = _matcher(tables.BYLINE)  # capitals matter here
_CREDIT = _matcher(tables.CREDIT)
_CHROME = _matcher(tables.CHROME, re.I)
_CAPTION = _matcher(tables.CAPTION)
_IMAGE_CREDIT = _matcher(tables.IMAGE_CREDIT)
_HAS_ALNUM = re.compile(r"[^\W_]")  # "___" is a separator too
_HAS_DIGIT = re.compile(r"\d")
_QUOTES = "\"'“”‘’«»"
_CLOSERS = "\"'”’»)]」』"
_SENTENCE_ENDS = frozenset(".,;:!。，；：！")
MAX_KICKER_WORDS = 3          # a section label over the headline: "World", "Science & Environment"
MAX_SENTENCE_HEADLINE_WORDS = 20  # a headline written as a sentence, full stop and all

MAX_CHROME_PHRASE_WORDS = 8   # "News Services" POPULAR ARTICLE
MAX_TITLE_WORDS = 18          # list items and headlines are short
MAX_SUBHEAD_WORDS = 12
MAX_HEADLINE_WORDS = 30
MIN_LIST = 3                  # title-like lines that make a list of links


@lru_cache(LINE_CACHE)
def pattern_kind(line: str) -> str | None:
    """The kind a line's own wording gives it, or None when only context can tell."""
    if IMAGE_LINE.match(line):
        return "image"
    if not _HAS_ALNUM.search(line):
        return "chrome"  # separators: "-", "•", "* * *"
    n = len(line.split())
    if _HAS_DIGIT.search(line) and n <= 12 and tables.TIMESTAMP.match(line):
        return "timestamp"
    if _CREDIT(line) or (n <= 14 and (_BYLINE(line) or tables.DATELINE_LINE.match(line))):
        return "byline"  # an agency's dateline on a line of its own is an agency line
    if n <= 12 and _IMAGE_CREDIT(line):
        return "image"
    if _BOILERPLATE(line):
        return "boilerplate"
    if n <= MAX_CHROME_PHRASE_WORDS and _CHROME(line):
        return "chrome"
    if _CAPTION(line):
        return "caption"
    return None


def _title_like(line: str) -> bool:
    """Short, and either unpunctuated at the end or in Title Case: a heading or a list item."""
    ws = line.split()
    if len(ws) > MAX_TITLE_WORDS:
        return False
    if not _ends_sentence(line):
        return True
    long_words = [w.strip(_QUOTES) for w in ws if len(w.strip(_QUOTES)) >= 4]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75


def shared_lines(word_lists: list[list[tuple[str, ...]]]) -> list[list[bool]]:
    """For each line, whether another version prints it too (same words, or same opening)."""
    seen: dict[str, set[int]] = {}
    keys = []
    for vi, lines in enumerate(word_lists):
        vkeys = []
        for ws in lines:
            ks = [" ".join(ws)] if ws else []
            if len(ws) >= 8:
                ks.append(" ".join(ws[:6]) + " …")
            for k in ks:
                seen.setdefault(k, set()).add(vi)
            vkeys.append(ks)
        keys.append(vkeys)
    return [[any(len(seen[k]) > 1 for k in ks) for ks in vkeys] for vkeys in keys]


def classify(texts: list[list[str]], word_lists: list[list[tuple[str, ...]]] | None = None,
             hints: list[list[str | None] | None] | None = None) -> list[list[str]]:
    """The kind of every line of every version (a list of lines per version; ``word_lists``,
    the ``text.words`` of each line, if the caller has them; ``hints``, the kinds a page's
    structure gives some lines, which stand)."""
    hints = hints or [None] * len(texts)
    if len(texts) == 1:   # one version: no line is shared, and no words are needed to say so
        shared = [[False] * len(texts[0])]
    else:
        if word_lists is None:
            word_lists = [[words(line) for line in lines] for lines in texts]
        shared = shared_lines(word_lists)
    memo: dict[str, str | None] = {}  # outlets print many of the same lines
    return [_classify_version(lines, sh, memo, h) for lines, sh, h in zip(texts, shared, hints)]


def _classify_version(lines: list[str], shared: list[bool], memo: dict[str, str | None],
                      hints: list[str | None] | None) -> list[str]:
    kinds: list[str | None] = []
    for n, line in enumerate(lines):
        if hints and hints[n]:
            kinds.append(hints[n])
            continue
        if line not in memo:
            memo[line] = pattern_kind(line)
        kinds.append(memo[line])
    _mark_chrome_lists(lines, kinds, shared)
    _mark_headings(lines, kinds, shared)
    return [k or "paragraph" for k in kinds]


def _mark_chrome_lists(lines: list[str], kinds: list[str | None], shared: list[bool]) -> None:
    """Runs of short title-like lines headed by a furniture phrase or separated by separator
    lines, or standing after the story's last paragraph, printed by this outlet alone. After
    the last paragraph, a list under a furniture phrase or separators keeps the lines another
    version prints too: the same page given twice, or two sites of one publisher, share their
    furniture (a subhead under "* * *" in the story stays a subhead)."""
    last_paragraph = max((i for i, (line, k) in enumerate(zip(lines, kinds))
                          if k is None and not _title_like(line)), default=-1)
    i = 0
    while i < len(lines):
        if not (kinds[i] == "chrome" or (kinds[i] is None and not shared[i] and _title_like(lines[i]))):
            i += 1
            continue
        j, marked = i, False
        while j < len(lines) and (kinds[j] == "chrome" or (kinds[j] is None and _title_like(lines[j]) and
                                                          (not shared[j] or (marked and j > last_paragraph)))):
            marked = marked or kinds[j] == "chrome"
            j += 1
        titles = sum(kinds[r] is None for r in range(i, j))
        marker = next((r for r in range(i, j) if kinds[r] == "chrome"), j)
        listed = sum(kinds[r] is None for r in range(marker, j))
        if titles >= MIN_LIST and i > last_paragraph:
            start = i            # a list after the story
        elif listed >= MIN_LIST - 1:
            start = marker       # a list under a furniture phrase or between separators
        else:
            start = j            # a heading beside an ad line is still a heading
        for r in range(start, j):
            kinds[r] = "chrome"
        i = j


def _ends_sentence(line: str) -> bool:
    """Whether a line ends as a sentence does, closing quotes and brackets aside."""
    return line.rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS


def _mark_headings(lines: list[str], kinds: list[str | None], shared: list[bool]) -> None:
    """The headline is the first story line when it reads as a title (under a section label
    that only this outlet prints, if one stands above it); a subhead is a short heading that
    a paragraph follows."""
    story = [i for i, k in enumerate(kinds) if k is None]
    has_headline = "headline" in kinds   # given by the page's structure
    if not has_headline and len(story) > 1 and _is_kicker(lines, story, shared):
        kinds[story[0]] = "chrome"
        story = story[1:]
    if not has_headline and story and _is_headline(lines[story[0]], [lines[i] for i in story[1:2]]):
        kinds[story[0]] = "headline"
        story = story[1:]
    for pos, i in enumerate(story[:-1]):
        after = lines[story[pos + 1]]
        # a heading is followed by a paragraph that opens a sentence, not one that goes on
        if _is_subhead(lines[i]) and not _is_subhead(after) and not after[0].islower():
            kinds[i] = "subhead"


def _is_kicker(lines: list[str], story: list[int], shared: list[bool]) -> bool:
    """A section label over the headline: one or two words of this outlet's own, or up to
    three above a title other outlets print too."""
    first, title = story[0], story[1]
    n = len(lines[first].split())
    if shared[first] or n > MAX_KICKER_WORDS or (n == MAX_KICKER_WORDS and not shared[title]):
        return False
    return len(lines[title].split()) > MAX_KICKER_WORDS and _is_headline(lines[title], [lines[i] for i in story[2:3]])


def _is_headline(line: str, after: list[str]) -> bool:
    """A title: short and not a sentence, or a short sentence over a paragraph that opens
    with a dateline ("Trump says war must end." over "WASHINGTON (Reuters) - ...")."""
    n = len(line.split())
    if n > MAX_HEADLINE_WORDS:
        return False
    if not _ends_sentence(line):
        return True
    return n <= MAX_SENTENCE_HEADLINE_WORDS and bool(after) and bool(tables.DATELINE.match(after[0]))


def _is_subhead(line: str) -> bool:
    ws = line.split()
    if len(ws) > MAX_SUBHEAD_WORDS or _ends_sentence(line) or (not line[0].isupper() and line[0] not in _QUOTES):
        return False
    # A line that ends on a quote is a heading only when the quote opens it ("‘Good relationship’").
    return line[-1] not in _QUOTES or line[0] in _QUOTES
