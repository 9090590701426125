"""A seeded generator of corpora for ``syndiff corpus``: wire stories printed by many outlets,
each with its own edits, among unrelated articles. Every line says which story it is.

Run from the project root::

    .venv/bin/python benchmarks/gen_corpus.py 100000 /tmp/corpus.jsonl            # ~30 s, 540 MB
    .venv/bin/python benchmarks/gen_corpus.py 2000 /tmp/small.jsonl --seed 7
    .venv/bin/python benchmarks/gen_corpus.py 1000 /tmp/c.jsonl.gz                # gzip

The same N and seed give the same file, byte for byte. Articles are written a chunk at a
time (``CHUNK`` articles, shuffled within the chunk), so memory stays small (~50 MB) for
any N. A summary goes to stderr.

What a line holds
-----------------
One JSON object an article: ``id`` (``a0000001`` in file order), ``outlet`` (one of the
60 names of ``OUTLETS``), ``url`` (on ``<outlet>.example``), ``published`` (ISO time),
``title`` (the article's headline), ``text`` (one block a line: the headline, then the
paragraphs, subheads and the outlet's furniture) and ``truth``: the story group
(``s000042``), or ``null`` for an unrelated article. Grouping is right when two articles
share a group exactly when they share a ``truth``.

The mix
-------
Drawn in file order from ``random.Random(f"{seed}:plan")``: an unrelated article whenever
they are fewer than ``FILLER`` (30%) of the articles so far, otherwise a story printed by
2-12 outlets (uniform; fewer at the end of the file so that the total is exactly N), the
outlets drawn without replacement from ``OUTLETS``. Story ``k`` is the ``k``-th story, and
each text (story or unrelated article) has its own generator, seeded from the seed and its
number, so that it does not depend on the others.

The texts
---------
Material: the sentences of the fixture stories, the Inquirer's and the Japan News's
paragraphs of ``fixtures/reuters-trump-putin-2025`` and every paper of
``fixtures/chronam-1916`` (reflowed and cut into wire paragraphs by
``bench_pipeline._wire_paragraphs``), split at sentence ends, deduplicated, sentences of
fewer than 6 words or with too little text (OCR debris) left out: ~700 sentences.

There are only 7 real stories, so each story is synthesised: a length drawn from a
triangular distribution (300-1,500 words, mode 550; unrelated articles 120-1,200, mode
400), then runs of 2-8 consecutive sentences of the material, each run from a random
place, until the length is reached, cut into wire paragraphs of 20-55 words; stories of
more than 700 words get 1-3 subheads. Each sentence is a template made once: its proper
names (capitalised words that never occur in lower case, except titles, months,
"Zelenskyy", "US" and the like that house style rewrites) become the story's own names,
its digits the story's own digits (a permutation of 1-9 a story), and the template makes
sure that no 5 consecutive words go without one of the story's own words: where a run
would reach 5 words, a lower-case word of 5+ letters is replaced by a word of the story's
own, or one is inserted (words an outlet's edits may lengthen, "today" -> "on Monday",
"US" -> "U.S.", count at their longer length, ``WIDER``). A story's own words are built on
a stem that only it has (three or more consonant-vowel syllables, the text's number
through a bijection, so stems never repeat) plus an ending: ``Bakodu``: Bakoduev,
Bakoduski, Bakoduville, bakoduite... As the sentences start and end within 2 words of such
a word, paragraphs and stories do too.

So the shingles (5 words, as ``syndiff.corpus.prepare``) of two different stories are
disjoint, whatever material they draw on: no run of 5 words, let alone the 14 that make
``group.MIN_SHARED`` shingles, is common to two stories. What outlets add can be common
(furniture, "Read more" titles, generic subheads, datelines, a word ``_reword`` inserts),
as on the web: on 10,000 articles (seed 1), two articles of different stories share at most
7 shingles (measured with ``syndiff.kinds`` and the shingles of ``prepare``). The text reads
like a wire story whose names are invented, with about one coined word in five.

Headlines and subheads are drawn from templates filled with the story's names
(``HEADLINES``, ``SUBHEADS``); a headline another outlet may print instead is drawn too.
Some stories end with a credit line ("Reporting by ...; Editing by ...").

The outlets' edits
------------------
Each outlet has a profile of its own, drawn once from ``random.Random(f"outlet:{name}")``
(independent of the seed, so an outlet's habits are the same in every corpus): how often
it trims the tail and the least share it keeps (30-80% of the paragraphs; so versions keep
30-100% of the story), how much it reworks (drops, moves, splits, merges), whether it drops
the subheads or adds its own, rewrites the headline, its dateline, its house style (a fixed
subset of ``STYLE_SWAPS``: Zelenskyy -> Zelenskiy, US -> U.S., Feb. -> February, Oct. ->
October, straight quotes, "Mr." -> "Mr", as in ``bench_pipeline.derive``), and its
furniture ("Advertisement" lines, "Share this article", a timestamp, a "Read more" list of
3-5 titles drawn from ``bench_pipeline.READ_MORE_PARTS``, the credit line kept or not).

A version applies these, each with its own probability (``edit`` below, the same edits as
``bench_pipeline.derive`` on the outlet's probabilities): tail cut, 0-2 paragraphs dropped
(never the first), a paragraph moved 2-5 places, split at a sentence end, two merged,
subheads dropped or added (``bench_pipeline.EXTRA_SUBHEADS``), the headline rewritten,
1-4 paragraphs reworded (``bench_pipeline._reword``), the house style, a dateline, the
furniture. Helpers ``_para_positions``, ``_tidy``, ``_reword`` and ``_SENTENCE_END`` are
``bench_pipeline``'s own. An unrelated article is one outlet's version of a story of its
own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import json
import math
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pipeline as bp  # noqa: E402  (puts the project root on sys.path too)

from syndiff.text import words as _words  # noqa: E402

FILLER = 0.30          # share of unrelated articles
MIN_OUTLETS, MAX_OUTLETS = 2, 12
STORY_WORDS = (300, 1500, 550)      # triangular: low, high, mode
FILLER_WORDS = (120, 1200, 400)
RUN = 4                # at most this many words in a row without one of the story's own
EDGE = 2               # ... and at most this many at the start and end of a sentence
CHUNK = 2000           # articles generated, shuffled and written at a time
START = dt.datetime(2025, 1, 6, 6, 0, tzinfo=dt.UTC)

OUTLETS = [
    "The Japan News", "Philippine Daily Inquirer", "The Straits Times", "Bangkok Post", "The Jakarta Post",
    "The Korea Herald", "Taipei Times", "South China Morning Post", "The Hindu", "Hindustan Times",
    "The Times of India", "Dawn", "The Daily Star", "Gulf News", "Arab News", "The National",
    "Daily Sabah", "Hurriyet Daily News", "The Moscow Times", "Kyiv Independent", "Euronews",
    "France 24", "Deutsche Welle", "The Irish Times", "The Guardian", "The Independent",
    "Evening Standard", "The Scotsman", "Toronto Star", "The Globe and Mail", "National Post",
    "CBC News", "The Sydney Morning Herald", "The Age", "ABC News Australia", "New Zealand Herald",
    "Daily Maverick", "Nation Africa", "Premium Times", "The Citizen", "Los Angeles Times",
    "Chicago Tribune", "The Boston Globe", "The Seattle Times", "Star Tribune", "Miami Herald",
    "Houston Chronicle", "San Francisco Chronicle", "The Denver Post", "Tampa Bay Times",
    "Honolulu Star-Advertiser", "The Columbus Dispatch", "Arkansas Democrat-Gazette",
    "The Oklahoman", "Richmond Times-Dispatch", "The Salt Lake Tribune", "US News & World Report",
    "Yahoo News", "MSN", "Newsweek",
]
assert len(OUTLETS) == len(set(OUTLETS)) == 60

# Story-own words: stem + ending. A stem is fixed length, so a word names its story.
_CONSONANTS, _VOWELS = "bdfgklmnprstvz", "aeiou"
_SYLLABLES = [c + v for c in _CONSONANTS for v in _VOWELS]        # 70
NAME_ENDINGS = ["ev", "ski", "son", "ez", "elli", "ton", "berg", "ford", "ova", "ani", "ak", "ner",
                "ling", "sen", "mir", "ault"]
PLACE_ENDINGS = ["ville", "burg", "stad", "port", "grad", "mouth"]
COINED_ENDINGS = ["ite", "ism", "ery", "ade", "ium", "ant", "ure", "ola", "ine", "ette", "oid", "ance"]
FIRST_NAMES = ["John", "Maria", "Olena", "Kenji", "Aisha", "Pedro", "Anna", "David", "Li", "Fatima", "Tom",
               "Sofia", "Ivan", "Grace", "Omar", "Yuki"]
# {N}: a name of the story, {M}: another, {P}: its place, {C}: a coined word. Each template
# keeps runs of the story's words within RUN and its ends within EDGE (checked at import).
HEADLINES = [
    "{N} says {C} talks with {M} to resume", "{P} officials weigh {C} after {N} vote",
    "{N} wins backing for {C} plan in {P}", "{N} and {M} clash over {C}",
    "{C} row deepens as {N} rejects {M} offer", "{P} braces for {C} as {N} warns of {M} delays",
    "{N} to meet {M} in {P} on {C} deal", "{C} inquiry: {N} denies {M} claims",
    "{N} orders {C} review after {P} protests", "{M} calls {N} plan a {C} mistake",
    "Court backs {N} in {C} case against {M}", "{N} says {P} will not give up {C}",
]
SUBHEADS = ["{N} responds", "Reaction in {P}", "The {C} question", "What {N} wants", "Inside the {C}",
            "{P} waits", "{M} objects", "A {C} at stake"]
STYLE_SWAPS = [  # (probability an outlet has it, pattern, replacement): bench_pipeline.derive's
    (0.5, r"Zelenskyy", "Zelenskiy"), (0.5, r"\bUS\b", "U.S."), (0.5, r"\bFeb\. ", "February "),
    (0.3, r"\bOct\. ", "October "), (0.3, r"[“”]", '"'), (0.3, r"[‘’]", "'"), (0.3, r"\bMr\. ", "Mr "),
]
_GUARD = {r"Zelenskyy": ("Zelenskyy",), r"\bUS\b": ("US",), r"\bFeb\. ": ("Feb. ",), r"\bOct\. ": ("Oct. ",),
          r"[“”]": ("“", "”"), r"[‘’]": ("‘", "’"), r"\bMr\. ": ("Mr. ",)}   # a cheap test first
# Capitalised words left alone: house style rewrites them, or they are titles and calendar.
KEEP = {"Zelenskyy", "US", "Mr", "Mrs", "Dr", "Feb", "Oct", "Reuters", "President", "Senator", "Secretary",
        "General", "Governor", "Judge", "Chairman", "Representative", "Captain", "Colonel", "January",
        "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "I"}
# Words an outlet's edits make longer ("today" -> "on Monday", "US" -> "U.S."): counted so.
WIDER = {w: len(r.split()) - 1 for w, r in bp.SYNONYMS.items() if len(r.split()) > 1} | {"US": 1}
PROTECT = set(bp.SYNONYMS)  # words _reword swaps for a synonym stay as they are
_TOKEN = re.compile(r"^(\W*)([^\W\d_]+)(.*)$")
_DIGIT = re.compile(r"\d")


def _nw(s: str) -> int:
    """Words of ``s`` as syndiff's shingles count them (``syndiff.text.words``)."""
    return len(_words(s))


# --- the material: sentences as templates ------------------------------------------------------

@dataclass(frozen=True)
class Template:
    parts: tuple           # str (literal), or (prefix, kind, key, suffix); kind N: name, C: coined
    words: int


def _material() -> list[str]:
    paras: list[str] = []
    for name in ("inquirer.txt", "japannews.txt"):
        for line in bp.read(bp.SEED_DIR / name).splitlines():
            line = line.strip()
            if len(line.split()) > 12 and not line.startswith(("![", "Reuters, the news", "-")):
                paras.append(line)
    for d in sorted(p for p in bp.CHRONAM_DIR.iterdir() if p.is_dir()):
        for f in sorted(d.glob("*.txt")):
            paras += bp._wire_paragraphs(bp.read(f))
    seen: set[str] = set()
    out = []
    for para in paras:
        for s in bp._SENTENCE_END.split(para):
            s = " ".join(s.split())
            letters = sum(c.isalpha() for c in s)
            if s in seen or len(s.split()) < 6 or letters < 0.75 * len(s.replace(" ", "")):
                continue
            seen.add(s)
            out.append(s)
    return out


def _templates(sentences: list[str]) -> list[Template]:
    lower = {w for s in sentences for w in re.findall(r"[^\W\d_]+", s) if w.islower()}
    out = []
    for s in sentences:
        parts: list = []
        since = EDGE   # the previous sentence may end with EDGE words of no story's own
        for tok in s.split():
            m = _TOKEN.match(tok)
            n = _nw(tok) + (WIDER.get(m.group(2), 0) if m else 0)   # as wide as an outlet may make it
            if m and n <= RUN + 1:
                pre, core, suf = m.groups()
                if core[0].isupper() and core.lower() not in lower and core not in KEEP and len(core) > 1:
                    parts.append((pre, "N", core, suf))     # a name: the story's own
                    since = _nw(suf)
                    continue
                if since + n > RUN and core.islower() and len(core) >= 5 and core not in PROTECT:
                    parts.append((pre, "C", "", suf))       # a word replaced by one of the story's own
                    since = _nw(suf)
                    continue
            if n > RUN:
                continue     # a token of 5+ words (OCR debris): left out
            if since + n > RUN:
                parts.append(("", "C", "", ""))             # one of the story's own inserted
                since = 0
            parts.append(tok)
            since += n
        if since > EDGE:     # end within EDGE words of a word of the story's own
            tail, i = 0, len(parts)
            while i > 0 and isinstance(parts[i - 1], str) and tail + _nw(parts[i - 1]) <= EDGE:
                i -= 1
                tail += _nw(parts[i])
            parts.insert(i, ("", "C", "", ""))
        merged: list = []    # literal runs joined: a story fills fewer parts
        for p in parts:
            if isinstance(p, str) and merged and isinstance(merged[-1], str):
                merged[-1] += " " + p
            else:
                merged.append(p)
        out.append(Template(tuple(merged), len(s.split())))
    return out


def _check(template: str) -> None:
    """A headline or subhead template keeps the runs and edges of a sentence's."""
    runs = [_nw(r) for r in re.split(r"\{[NMPC]\}", template)]
    assert runs[0] <= EDGE and runs[-1] <= EDGE and max(runs) <= RUN, template


for _t in HEADLINES + SUBHEADS:
    _check(_t)


# --- stories -----------------------------------------------------------------------------------

class Words:
    """The story's own words (on its stem) and its digits."""

    def __init__(self, number: int, rng: Random, n_syllables: int):
        space = len(_SYLLABLES) ** n_syllables
        k = (number * 7919 + 104729) % space          # 7919 is coprime with 70: a bijection
        syl = []
        for _ in range(n_syllables):
            k, r = divmod(k, len(_SYLLABLES))
            syl.append(_SYLLABLES[r])
        self.stem = "".join(syl)
        self.names: dict[str, str] = {}
        self.coined = [self.stem + e for e in rng.sample(COINED_ENDINGS, len(COINED_ENDINGS))]
        self.place = self.stem.capitalize() + rng.choice(PLACE_ENDINGS)
        digits = rng.sample("123456789", 9)
        self.digits = str.maketrans("123456789", "".join(digits))
        self.next_coined = 0

    def name(self, key: str) -> str:
        got = self.names.get(key)
        if got is None:
            i = len(self.names)
            got = self.stem.capitalize() + NAME_ENDINGS[i % len(NAME_ENDINGS)]
            if i >= len(NAME_ENDINGS):
                got += NAME_ENDINGS[(i // len(NAME_ENDINGS)) % len(NAME_ENDINGS)]
            self.names[key] = got
        return got

    def coin(self) -> str:
        self.next_coined += 1
        return self.coined[self.next_coined % len(self.coined)]

    def fill(self, t: Template) -> str:
        out = []
        for p in t.parts:
            if isinstance(p, str):
                out.append(p.translate(self.digits) if _DIGIT.search(p) else p)
            else:
                pre, kind, key, suf = p
                out.append(pre + (self.name(key) if kind == "N" else self.coin()) + suf)
        return " ".join(out)

    def template(self, t: str, rng: Random) -> str:
        names = list(self.names.values()) or [self.name("_lead")]
        return t.format(N=names[0], M=rng.choice(names[1:] or [self.name("_other")]), P=self.place,
                        C=self.coin())


@dataclass
class Story:
    items: list[tuple[str, str]]    # (tag, line): headline, para, subhead, credit
    headlines: list[str]            # the wire's and those an outlet may print instead
    place: str
    time: dt.datetime


def make_story(number: int, seed: int, templates: list[Template], lengths: tuple[int, int, int],
               n_syllables: int, when: dt.datetime) -> Story:
    rng = Random(f"{seed}:text:{number}")
    w = Words(number, rng, n_syllables)
    target = rng.triangular(*lengths)
    sentences: list[str] = []
    total = 0
    while total < target:
        start, run = rng.randrange(len(templates)), rng.randint(2, 8)
        for i in range(start, start + run):
            t = templates[i % len(templates)]
            sentences.append(w.fill(t))
            total += t.words
            if total >= target:
                break
    paras: list[str] = []
    chunk: list[str] = []
    size, want = 0, rng.randint(20, 55)
    for s in sentences:
        chunk.append(s)
        size += len(s.split())
        if size >= want:
            paras.append(" ".join(chunk))
            chunk, size, want = [], 0, rng.randint(20, 55)
    if chunk:
        paras.append(" ".join(chunk))
    items = [("para", p) for p in paras]
    if total > 700 and len(items) > 6:
        for pos in sorted(rng.sample(range(3, len(items)), min(rng.randint(1, 3), len(items) - 3)), reverse=True):
            items.insert(pos, ("subhead", w.template(rng.choice(SUBHEADS), rng)))
    heads = [w.template(h, rng) for h in rng.sample(HEADLINES, 3)]
    items.insert(0, ("headline", heads[0]))
    if rng.random() < 0.4:
        names = list(w.names.values()) or [w.name("_lead")]
        items.append(("credit", f"Reporting by {rng.choice(FIRST_NAMES)} {rng.choice(names)}; "
                                f"Editing by {rng.choice(FIRST_NAMES)} {w.name('_editor')}"))
    return Story(items, heads, w.place, when)


# --- outlets and their edits ---------------------------------------------------------------------

@dataclass(frozen=True)
class Profile:
    name: str
    domain: str
    trim_rate: float
    keep_min: float
    rework: float
    drop_subheads: float
    add_subheads: float
    rewrite_headline: float
    dateline: str          # "", "reuters", "dash"
    styles: tuple
    ads: float
    share: bool
    timestamp: bool
    read_more: float
    keep_credit: float


def profile(name: str) -> Profile:
    rng = Random(f"outlet:{name}")
    return Profile(
        name=name,
        domain="www." + re.sub(r"[^a-z0-9]+", "", name.lower()) + ".example",
        trim_rate=rng.uniform(0.1, 0.9), keep_min=rng.uniform(0.3, 0.8), rework=rng.uniform(0.3, 1.5),
        drop_subheads=rng.choice([0.0, 0.0, 0.8]), add_subheads=rng.choice([0.0, 0.0, 0.5]),
        rewrite_headline=rng.uniform(0.0, 0.6), dateline=rng.choice(["", "reuters", "reuters", "dash"]),
        styles=tuple((re.compile(pat), repl, _GUARD[pat]) for p, pat, repl in STYLE_SWAPS if rng.random() < p),
        ads=rng.choice([0.0, 0.3, 0.8]), share=rng.random() < 0.3, timestamp=rng.random() < 0.3,
        read_more=rng.choice([0.0, 0.0, 0.5, 0.9]), keep_credit=rng.uniform(0.0, 1.0))


PROFILES = [profile(name) for name in OUTLETS]
_P = bp._para_positions


def edit(story: Story, prof: Profile, rng: Random) -> list[str]:
    """One outlet's version of the story, as lines (see the module's doc)."""
    items = list(story.items)
    if rng.random() < prof.trim_rate:     # cut the tail
        paras = _P(items)
        keep = max(2, math.ceil(len(paras) * rng.uniform(prof.keep_min, 0.95)))
        for i in sorted(paras[keep:], reverse=True):
            del items[i]
    for _ in range(rng.randint(0, 2) if rng.random() < 0.5 * prof.rework else 0):   # drop a paragraph
        paras = _P(items)
        if len(paras) > 3:
            del items[rng.choice(paras[1:])]
    if rng.random() < 0.4 * prof.rework and len(_P(items)) > 3:   # move a paragraph 2-5 places
        paras = _P(items)
        src = rng.choice(paras[1:])
        it = items.pop(src)
        dst = src + rng.randint(2, 5) * rng.choice((-1, 1))
        items.insert(min(max(dst, paras[1]), len(items)), it)
    if rng.random() < 0.3 * prof.rework:   # split a paragraph at a sentence end
        cands = [i for i in _P(items) if len(bp._SENTENCE_END.split(items[i][1])) >= 2]
        if cands:
            i = rng.choice(cands)
            parts = bp._SENTENCE_END.split(items[i][1])
            k = rng.randint(1, len(parts) - 1)
            items[i:i + 1] = [("para", " ".join(parts[:k])), ("para", " ".join(parts[k:]))]
    if rng.random() < 0.25 * prof.rework:  # merge two paragraphs
        cands = [i for i in _P(items) if i + 1 < len(items) and items[i + 1][0] == "para"]
        if cands:
            i = rng.choice(cands)
            items[i:i + 2] = [("para", items[i][1] + " " + items[i + 1][1])]
    if rng.random() < prof.drop_subheads:
        items = [it for it in items if it[0] != "subhead"]
    if rng.random() < prof.add_subheads and len(_P(items)) > 4:
        for _ in range(rng.randint(1, 2)):
            items.insert(rng.choice(_P(items)[2:]), ("subhead", rng.choice(bp.EXTRA_SUBHEADS)))
    items = bp._tidy(items)
    if rng.random() < prof.rewrite_headline:
        items[0] = ("headline", rng.choice(story.headlines[1:]))
    paras = _P(items)
    for i in rng.sample(paras, min(len(paras), rng.randint(1, 4))):   # wording
        items[i] = ("para", bp._reword(items[i][1], rng))
    if prof.dateline:
        i = paras[0]
        when = story.time
        line = (f"{story.place.upper()}, {when:%b} {when.day} (Reuters) - " if prof.dateline == "reuters"
                else f"{story.place.upper()} — ") + items[i][1]
        items[i] = ("para", line)
    if rng.random() >= prof.keep_credit:
        items = [it for it in items if it[0] != "credit"]
    text = "\n".join(t for _, t in items)
    for pat, repl, guard in prof.styles:   # house style, always the outlet's own
        if any(g in text for g in guard):
            text = pat.sub(repl, text)
    out = text.split("\n")
    # Furniture.
    if rng.random() < prof.ads:
        for _ in range(rng.randint(1, 3)):
            out.insert(rng.randrange(2, max(3, len(out))), "Advertisement")
    if prof.timestamp:
        t = story.time + dt.timedelta(minutes=rng.randint(5, 600))
        out.insert(1, f"{t:%H:%M} GMT, {t:%B} {t.day}, {t.year}")
    if prof.share:
        out.insert(1, "Share this article")
    if rng.random() < prof.read_more:
        out.append("Read more")
        out += [" ".join(rng.choice(part) for part in bp.READ_MORE_PARTS) for _ in range(rng.randint(3, 5))]
    return out


# --- the corpus --------------------------------------------------------------------------------

def plan(n: int, seed: int) -> Iterator[tuple[int, list[int] | None]]:
    """(text number, outlets) in file order: outlets None for an unrelated article."""
    rng = Random(f"{seed}:plan")
    done = fillers = number = 0
    while done < n:
        left = n - done
        if fillers < FILLER * (done + 1) or left == 1:
            yield number, [rng.randrange(len(OUTLETS))]
            fillers += 1
            done += 1
        else:
            k = min(rng.randint(MIN_OUTLETS, MAX_OUTLETS), left)
            yield number, rng.sample(range(len(OUTLETS)), k)
            done += k
        number += 1


def articles(n: int, seed: int = 1) -> Iterator[dict]:
    """The corpus, article by article (see the module's doc)."""
    templates = _templates(_material())
    n_syllables = max(3, math.ceil(math.log(n + 1, len(_SYLLABLES))))
    counter = itertools.count(1)
    chunk: list[dict] = []
    story_no = 0
    shuffle = Random(f"{seed}:order")
    for number, outlets in plan(n, seed):
        when = START + dt.timedelta(minutes=7 * number)
        filler = len(outlets) == 1
        story = make_story(number, seed, templates, FILLER_WORDS if filler else STORY_WORDS, n_syllables, when)
        truth = None if filler else f"s{story_no:06d}"
        story_no += 0 if filler else 1
        rng = Random(f"{seed}:edits:{number}")
        for o in outlets:
            prof = PROFILES[o]
            lines = edit(story, prof, rng)
            published = when + dt.timedelta(minutes=rng.randint(3, 900))
            slug = re.sub(r"[^a-z0-9]+", "-", lines[0].lower()).strip("-")[:60]
            chunk.append({"outlet": prof.name, "url": f"https://{prof.domain}/news/{slug}-{number}",
                          "published": published.strftime("%Y-%m-%dT%H:%M:%SZ"), "title": lines[0],
                          "text": "\n".join(lines), "truth": truth})
        if len(chunk) >= CHUNK:
            yield from _flush(chunk, shuffle, counter)
            chunk = []
    yield from _flush(chunk, shuffle, counter)


def _flush(chunk: list[dict], rng: Random, counter) -> Iterator[dict]:
    rng.shuffle(chunk)
    for a in chunk:
        yield {"id": f"a{next(counter):07d}", **a}


def generate(n: int, path: str, seed: int = 1) -> dict:
    """Write the corpus to ``path`` (gzip if it ends in .gz); a summary back."""
    t0 = time.perf_counter()
    opener = gzip.open if str(path).endswith(".gz") else open
    stats = {"articles": 0, "filler": 0, "stories": set(), "words": 0}
    with opener(path, "wt", encoding="utf-8") as f:
        for a in articles(n, seed):
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
            stats["articles"] += 1
            stats["words"] += len(a["text"].split())
            if a["truth"] is None:
                stats["filler"] += 1
            else:
                stats["stories"].add(a["truth"])
    return {"articles": stats["articles"], "stories": len(stats["stories"]), "filler": stats["filler"],
            "mean_words": round(stats["words"] / max(1, stats["articles"])), "seed": seed,
            "seconds": round(time.perf_counter() - t0, 2), "path": str(path)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="articles to write")
    ap.add_argument("out", help="the JSONL file to write (.gz: gzip)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    s = generate(args.n, args.out, args.seed)
    print(f"{s['articles']} articles ({s['stories']} stories, {s['filler']} unrelated), "
          f"{s['mean_words']} words an article on average, seed {s['seed']}, {s['seconds']} s -> {s['path']}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
