"""Performance benchmark of the whole syndiff pipeline: text in, ``syndiff/1`` dict out.

Run from the project root::

    .venv/bin/python benchmarks/bench_pipeline.py              # readable table
    .venv/bin/python benchmarks/bench_pipeline.py --json       # the figures as JSON
    .venv/bin/python benchmarks/bench_pipeline.py --profile    # and a cProfile of the 20-version case
    .venv/bin/python benchmarks/bench_pipeline.py --quick      # a quarter of the time budget

What is timed
-------------
Each case is one call of ``compare(versions, base=...).to_dict()``, in process, on texts
already in memory (reading the fixtures and generating the versions are not timed). A case
is warmed up first, then run repeatedly with the garbage collector disabled around each run
(``gc.collect()`` before it) and timed with ``time.perf_counter``; the figure is the median.
Before each run of a case, syndiff's caches are emptied (``forget_caches``: the words,
tokens, kinds and features of lines, the word diffs), untimed: each run compares the
texts as if it had never seen them, as it does a new story.
A case runs until it has its minimum number of runs and has used its time budget (or hit
its maximum number of runs), so the whole benchmark takes about 30 s.

Cases:

- ``seed pair``: ``fixtures/reuters-trump-putin-2025/inquirer.txt`` and ``japannews.txt``,
  base ``inquirer``. Goal: <= 3 ms.
- ``20 versions``: 20 generated versions of ~1,500 story words each (below). Goal: <= 100 ms.

Anchors, timed the same way in the same run, on the two whole seed texts:

- ``diff_match_patch().diff_main(a, b)`` (default settings: line-mode pre-pass, 1 s timeout);
- ``difflib.HtmlDiff().make_file(a.splitlines(), b.splitlines())``.

Machines are noisy and differ: the ratios ``case / anchor`` printed next to each case are the
figures to compare between machines and commits, more than the milliseconds.

The 20-version workload (deterministic: ``random.Random`` seeded with ``SEED``)
-------------------------------------------------------------------------------
Base version (label ``base``):

1. The Inquirer's story as it stands (headline, two image lines, paragraphs, two subheads),
   without its closing Reuters logo and blurb, which are put back at the very end.
2. Wire copy of 1916 from ``fixtures/chronam-1916``: for each of the six stories, the paper
   that prints the most words; its hard-wrapped OCR lines are rejoined with
   ``syndiff.text.reflow``; lines of fewer than 12 words and capitals-only decks are left
   out, and paragraphs of more than 60 words are cut at sentence ends into paragraphs of
   about 25-60 words (wire paragraphs, not whole columns).
3. The six stories, in an order drawn from the seeded generator, are appended to the
   Inquirer story as sections, each under a subhead drawn from ``SUBHEADS``, paragraph by
   paragraph until the story words (headline, subheads and paragraphs) reach
   ``TARGET_WORDS`` (1,500).

Each of the 19 other versions (labels ``outlet-01`` .. ``outlet-19``) is the base with a
mix of the edits syndication makes, each drawn with its own probability from a generator
seeded with ``SEED * 100 + n`` (so a version does not change when another one does):

- block level: cut the tail (2-12 paragraphs), drop 0-2 paragraphs, move a paragraph 2-5
  places, split a paragraph at a sentence end, merge two paragraphs, drop the subheads,
  add 1-2 subheads, drop the image lines, rewrite the headline;
- word level: 1-4 paragraphs get a wording change (a word replaced, inserted or deleted);
- house style: Zelenskyy -> Zelenskiy, US -> U.S., Feb. -> February, Oct. -> October,
  curly quotes -> straight quotes, "Mr." -> "Mr"; a Reuters dateline before the first
  paragraph;
- furniture: "Advertisement" lines between paragraphs, "Share this article" and a
  timestamp under the headline, a "Read more" list of 3-5 headlines of the outlet's own
  (drawn from ``READ_MORE_PARTS``) and a Reuters credit line at the end, the agency blurb
  and logo dropped.

The script prints the workload (a SHA-256 of the input texts, story words, blocks, rows,
edits by type) so that a change of the generator or of the engine's reading of it shows.
``--dump-versions DIR`` writes the 20 generated texts to DIR to read them.
"""

from __future__ import annotations

import argparse
import cProfile
import difflib
import gc
import hashlib
import io
import json
import platform
import pstats
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diff_match_patch import diff_match_patch  # noqa: E402

from syndiff import compare  # noqa: E402
from syndiff import diff as syndiff_diff  # noqa: E402
from syndiff.text import reflow  # noqa: E402

SEED_DIR = ROOT / "fixtures" / "reuters-trump-putin-2025"
CHRONAM_DIR = ROOT / "fixtures" / "chronam-1916"

SEED = 1916
N_VERSIONS = 20
TARGET_WORDS = 1500
SEED_GOAL_MS = 3.0
TWENTY_GOAL_MS = 100.0
DMP_TIMEOUT_MS = diff_match_patch().Diff_Timeout * 1e3  # the anchor's default time limit

SUBHEADS = ["From the archive", "Earlier reports", "Background", "Elsewhere", "In Washington",
            "Abroad", "Other news", "The record"]
EXTRA_SUBHEADS = ["What comes next", "Reaction in Kyiv", "Markets watch", "A long war", "Diplomatic push"]
HEADLINES = [
    "Trump says he spoke to Putin on ending war in Ukraine",
    "Trump says he has talked to Putin about ending war, NY Post reports",
    "Trump, Putin discussed end to Ukraine war, US president says",
]
DATELINES = ["Feb 9 (Reuters) – ", "WASHINGTON (Reuters) - ", "MOSCOW, Feb 9 (Reuters) - "]
# "Read more" lists are the outlet's own: titles drawn from these parts rarely repeat.
READ_MORE_PARTS = (
    ["Japan Exports", "Oil Prices", "Kremlin Officials", "European Leaders", "Tokyo Stocks", "Bond Yields",
     "Rice Prices", "Chip Makers"],
    ["Rise", "Edge Higher", "Slip", "Hold Steady", "Meet", "Stall", "Rebound", "Wait"],
    ["in October", "on Supply Worries", "as Talks Resume", "in Paris", "after Selloff", "Before Vote",
     "on Rate Bets", "for Now"],
)
SYNONYMS = {"said": "says", "told": "said to", "war": "conflict", "troops": "soldiers",
            "killed": "dead", "report": "reports", "today": "on Monday", "new": "fresh"}
INSERTS = ["also", "reportedly", "then", "now"]

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[\"“A-Z])")


# --- the workload --------------------------------------------------------------------------

def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def seed_pair() -> list[tuple[str, str]]:
    return [("inquirer", read(SEED_DIR / "inquirer.txt")), ("japannews", read(SEED_DIR / "japannews.txt"))]


def _is_deck(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.6


def _wire_paragraphs(text: str) -> list[str]:
    """Reflowed OCR cut into wire-sized paragraphs (about 25-60 words)."""
    out: list[str] = []
    for para in reflow(text).split("\n"):
        if len(para.split()) < 12 or _is_deck(para):
            continue
        chunk: list[str] = []
        for sentence in _SENTENCE_END.split(para):
            chunk.append(sentence)
            if len(" ".join(chunk).split()) >= 25:
                out.append(" ".join(chunk))
                chunk = []
        if chunk:
            if out and len(" ".join(chunk).split()) < 12:
                out[-1] += " " + " ".join(chunk)
            else:
                out.append(" ".join(chunk))
    return [p for p in out if len(p.split()) <= 90]


def _story_words(items: list[tuple[str, str]]) -> int:
    return sum(len(t.split()) for tag, t in items if tag in ("headline", "subhead", "para"))


def build_base(rng: random.Random) -> list[tuple[str, str]]:
    """The base as (tag, line) items; tags: headline, image, para, subhead, logo, blurb."""
    lines = [s.strip() for s in read(SEED_DIR / "inquirer.txt").splitlines() if s.strip()]
    items: list[tuple[str, str]] = []
    for n, line in enumerate(lines):
        if n == 0:
            items.append(("headline", line))
        elif line.startswith("!["):
            items.append(("image" if n < 5 else "logo", line))
        elif line.startswith("Reuters, the news"):
            items.append(("blurb", line))
        elif len(line.split()) <= 4:
            items.append(("subhead", line))
        else:
            items.append(("para", line))
    closing = [it for it in items if it[0] in ("logo", "blurb")]
    items = [it for it in items if it[0] not in ("logo", "blurb")]
    sections = []
    for d in sorted(p for p in CHRONAM_DIR.iterdir() if p.is_dir()):
        papers = sorted(d.glob("*.txt"))
        best = max(papers, key=lambda p: len(read(p).split()))  # max keeps the first on a tie
        sections.append(_wire_paragraphs(read(best)))
    rng.shuffle(sections)
    subheads = rng.sample(SUBHEADS, len(sections))
    for head, paras in zip(subheads, sections):
        if _story_words(items) >= TARGET_WORDS:
            break
        items.append(("subhead", head))
        for p in paras:
            if _story_words(items) >= TARGET_WORDS:
                break
            items.append(("para", p))
    return items + closing


def _para_positions(items: list[tuple[str, str]]) -> list[int]:
    return [i for i, (tag, _) in enumerate(items) if tag == "para"]


def _tidy(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Without the subheads that no paragraph follows any more (after cuts and moves)."""
    return [it for n, it in enumerate(items)
            if it[0] != "subhead" or (n + 1 < len(items) and items[n + 1][0] == "para")]


def _reword(text: str, rng: random.Random) -> str:
    ws = text.split(" ")
    how = rng.choice(["replace", "insert", "delete"])
    if how == "replace":
        hits = [i for i, w in enumerate(ws) if w in SYNONYMS]
        if hits:
            i = rng.choice(hits)
            ws[i] = SYNONYMS[ws[i]]
            return " ".join(ws)
    if how == "delete" and len(ws) > 8:
        del ws[rng.randrange(2, len(ws) - 2)]
        return " ".join(ws)
    ws.insert(rng.randrange(2, max(3, len(ws) - 1)), rng.choice(INSERTS))
    return " ".join(ws)


def derive(base: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, str]]:
    """One outlet's version of the base: see the module docstring for the edits."""
    items = list(base)
    # Block level.
    if rng.random() < 0.6:  # cut the tail
        paras = _para_positions(items)
        for i in sorted(paras[-rng.randint(2, 12):], reverse=True):
            del items[i]
    for _ in range(rng.randint(0, 2)):  # drop a paragraph (never the first)
        del items[rng.choice(_para_positions(items)[1:])]
    if rng.random() < 0.4:  # move a paragraph 2-5 places up or down
        paras = _para_positions(items)
        src = rng.choice(paras[1:])
        it = items.pop(src)
        dst = src + rng.randint(2, 5) * rng.choice((-1, 1))
        items.insert(min(max(dst, paras[1]), len(items)), it)
    if rng.random() < 0.3:  # split a paragraph at a sentence end
        cands = [i for i in _para_positions(items) if len(_SENTENCE_END.split(items[i][1])) >= 2]
        if cands:
            i = rng.choice(cands)
            parts = _SENTENCE_END.split(items[i][1])
            k = rng.randint(1, len(parts) - 1)
            items[i:i + 1] = [("para", " ".join(parts[:k])), ("para", " ".join(parts[k:]))]
    if rng.random() < 0.25:  # merge two paragraphs
        cands = [i for i in _para_positions(items) if i + 1 < len(items) and items[i + 1][0] == "para"]
        if cands:
            i = rng.choice(cands)
            items[i:i + 2] = [("para", items[i][1] + " " + items[i + 1][1])]
    if rng.random() < 0.3:  # drop the subheads
        items = [it for it in items if it[0] != "subhead"]
    for _ in range(rng.randint(0, 2) if rng.random() < 0.5 else 0):  # add subheads
        items.insert(rng.choice(_para_positions(items)[2:]), ("subhead", rng.choice(EXTRA_SUBHEADS)))
    items = _tidy(items)
    if rng.random() < 0.5:  # drop the image lines
        items = [it for it in items if it[0] != "image"]
    if rng.random() < 0.25:
        items[0] = ("headline", rng.choice(HEADLINES))
    # Word level.
    for i in rng.sample(_para_positions(items), rng.randint(1, 4)):
        items[i] = ("para", _reword(items[i][1], rng))
    # House style.
    swaps = [
        (0.5, r"Zelenskyy", "Zelenskiy"), (0.5, r"\bUS\b", "U.S."), (0.5, r"\bFeb\. ", "February "),
        (0.3, r"\bOct\. ", "October "), (0.3, r"[“”]", '"'), (0.3, r"[‘’]", "'"), (0.3, r"\bMr\. ", "Mr "),
    ]
    for p, pattern, repl in swaps:
        if rng.random() < p:
            items = [(tag, re.sub(pattern, repl, t) if tag in ("headline", "para", "subhead") else t)
                     for tag, t in items]
    if rng.random() < 0.5:  # a dateline before the first paragraph
        i = _para_positions(items)[0]
        items[i] = ("para", rng.choice(DATELINES) + items[i][1])
    # Furniture.
    for _ in range(rng.randint(1, 3) if rng.random() < 0.6 else 0):
        items.insert(rng.choice(_para_positions(items)[1:]), ("furniture", "Advertisement"))
    if rng.random() < 0.3:
        items.insert(1, ("furniture", "Share this article"))
    if rng.random() < 0.3:
        items.insert(1, ("furniture", "14:10 JST, February 9, 2025"))
    if rng.random() < 0.5:  # drop the agency blurb and logo
        items = [it for it in items if it[0] not in ("logo", "blurb")]
    if rng.random() < 0.3:
        items.append(("furniture", "Reporting by Lidia Kelly in Melbourne; Editing by William Mallard"))
    if rng.random() < 0.4:
        items.append(("furniture", "Read more"))
        items += [("furniture", " ".join(rng.choice(part) for part in READ_MORE_PARTS))
                  for _ in range(rng.randint(3, 5))]
    return items


def twenty_versions() -> list[tuple[str, str]]:
    base = build_base(random.Random(SEED))
    out = [("base", "\n".join(t for _, t in base))]
    for n in range(1, N_VERSIONS):
        items = derive(base, random.Random(SEED * 100 + n))
        out.append((f"outlet-{n:02d}", "\n".join(t for _, t in items)))
    return out


# --- timing --------------------------------------------------------------------------------

def forget_caches() -> None:
    """Every cache of syndiff's modules emptied: the functions' (``functools``) and the word
    diffs'."""
    for name, module in list(sys.modules.items()):
        if name == "syndiff" or name.startswith("syndiff."):
            for obj in list(vars(module).values()):
                if callable(getattr(obj, "cache_clear", None)):
                    obj.cache_clear()
    syndiff_diff._done.clear()


def measure(fn: Callable[[], object], *, budget: float, min_runs: int, max_runs: int, warmup: int,
            before: Callable[[], object] | None = None) -> dict:
    """Median and spread of ``fn`` over repeated runs, gc disabled around each run;
    ``before`` runs, untimed, before each."""
    for _ in range(warmup):
        fn()
    times: list[float] = []
    gc_was_enabled = gc.isenabled()
    start = time.perf_counter()
    try:
        while len(times) < max_runs and (len(times) < min_runs or time.perf_counter() - start < budget):
            if before is not None:
                before()
            gc.collect()
            gc.disable()
            t0 = time.perf_counter()
            fn()
            t1 = time.perf_counter()
            if gc_was_enabled:
                gc.enable()
            times.append(t1 - t0)
    finally:
        if gc_was_enabled:
            gc.enable()
    times.sort()
    q = statistics.quantiles(times, n=4) if len(times) >= 4 else [times[0], statistics.median(times), times[-1]]
    return {
        "median_ms": round(statistics.median(times) * 1e3, 3),
        "min_ms": round(times[0] * 1e3, 3),
        "q1_ms": round(q[0] * 1e3, 3),
        "q3_ms": round(q[2] * 1e3, 3),
        "max_ms": round(times[-1] * 1e3, 3),
        "runs": len(times),
    }


def workload_facts(versions: list[tuple[str, str]], base: str) -> dict:
    doc = compare(versions, base=base).to_dict()
    assert doc["format"] == "syndiff/1", doc["format"]
    words = {vid: s["story_words"] for vid, s in doc["summary"].items()}
    base_v = next(v for v in doc["versions"] if v["id"] == doc["base"])
    base_words = sum(len(b["text"].split()) for b in base_v["blocks"]
                     if b["kind"] in ("headline", "subhead", "paragraph"))
    digest = hashlib.sha256("\0".join(f"{label}\0{text}" for label, text in versions).encode()).hexdigest()
    return {
        "sha256": digest[:12],  # the same on every machine: the generator is deterministic
        "versions": len(doc["versions"]),
        "base_story_words": base_words,
        "other_story_words": {"min": min(words.values()), "median": statistics.median(words.values()),
                              "max": max(words.values())} if words else {},
        "blocks": sum(len(v["blocks"]) for v in doc["versions"]),
        "rows": len(doc["rows"]),
        "approximate_rows": sum(1 for r in doc["rows"] if r.get("approximate")),
        "edits": dict(sorted(Counter(e["type"] for e in doc["edits"]).items(), key=lambda kv: -kv[1])),
    }


def run(scale: float) -> dict:
    seed = seed_pair()
    many = twenty_versions()
    a, b = seed[0][1], seed[1][1]
    a_lines, b_lines = a.splitlines(), b.splitlines()

    cases = {
        "seed pair": (lambda: compare(seed, base="inquirer").to_dict(),
                      dict(budget=3.0, min_runs=30, max_runs=2000, warmup=10), SEED_GOAL_MS),
        "20 versions": (lambda: compare(many, base="base").to_dict(),
                        dict(budget=12.0, min_runs=10, max_runs=500, warmup=2), TWENTY_GOAL_MS),
    }
    anchors = {
        "dmp diff_main": (lambda: diff_match_patch().diff_main(a, b),
                          dict(budget=8.0, min_runs=5, max_runs=200, warmup=1)),
        "difflib HtmlDiff": (lambda: difflib.HtmlDiff().make_file(a_lines, b_lines),
                             dict(budget=3.0, min_runs=30, max_runs=2000, warmup=5)),
    }

    def scaled(opts: dict) -> dict:
        return {**opts, "budget": opts["budget"] * scale, "min_runs": max(3, int(opts["min_runs"] * min(1, scale)))}

    result: dict = {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "machine": platform.machine(),
        "platform": platform.platform(terse=True),
        "anchors": {},
        "cases": {},
        "workload": {"seed pair": workload_facts(seed, "inquirer"), "20 versions": workload_facts(many, "base")},
    }
    started = time.perf_counter()
    for name, (fn, opts) in anchors.items():
        result["anchors"][name] = measure(fn, **scaled(opts))
    for name, (fn, opts, goal) in cases.items():
        fig = measure(fn, **scaled(opts), before=forget_caches)
        fig["goal_ms"] = goal
        fig["goal_met"] = fig["median_ms"] <= goal
        fig["ratios"] = {an: round(fig["median_ms"] / af["median_ms"], 4) for an, af in result["anchors"].items()}
        result["cases"][name] = fig
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


# --- output --------------------------------------------------------------------------------

def print_table(res: dict) -> None:
    anchors = list(res["anchors"])
    print(f"syndiff pipeline benchmark: compare(...).to_dict(), median of repeated runs "
          f"(Python {res['python']} {res['implementation']}, {res['platform']}, {res['machine']})")
    print()
    head = ["case", "median ms", "q1-q3 ms", "runs", "goal ms", "met"] + [f"/ {a}" for a in anchors]
    rows = []
    for name, f in res["cases"].items():
        rows.append([name, f"{f['median_ms']:.2f}", f"{f['q1_ms']:.2f}-{f['q3_ms']:.2f}", str(f["runs"]),
                     f"{f['goal_ms']:g}", "yes" if f["goal_met"] else "NO"]
                    + [f"{f['ratios'][a]:.3f}" for a in anchors])
    for name, f in res["anchors"].items():
        rows.append([f"anchor: {name}", f"{f['median_ms']:.2f}", f"{f['q1_ms']:.2f}-{f['q3_ms']:.2f}",
                     str(f["runs"]), "", ""] + ["" for _ in anchors])
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    print(fmt.format(*head))
    print(fmt.format(*("-" * w for w in widths)))
    for r in rows:
        print(fmt.format(*r))
    print()
    print("ratio = case median / anchor median (both on this machine, this run); anchors run on the seed pair.")
    dmp = res["anchors"]["dmp diff_main"]["median_ms"]
    if dmp > 0.9 * DMP_TIMEOUT_MS:
        print(f"WARNING: dmp diff_main takes {dmp:.0f} ms, near its {DMP_TIMEOUT_MS:.0f} ms Diff_Timeout: "
              "the anchor is cut short on this machine and its ratios are not comparable.")
    for name, w in res["workload"].items():
        ow = w["other_story_words"]
        print(f"workload {name} [{w['sha256']}]: {w['versions']} versions, base {w['base_story_words']} story words, "
              f"others {ow['min']}-{ow['max']} (median {ow['median']:g}); {w['blocks']} blocks, {w['rows']} rows"
              + (f", {w['approximate_rows']} approximate" if w["approximate_rows"] else ""))
        print("  edits: " + ", ".join(f"{k} {v}" for k, v in w["edits"].items()))
    print(f"timed for {res['seconds']} s")


def profile_twenty(runs: int, top: int, out: io.TextIOBase) -> None:
    many = twenty_versions()
    compare(many, base="base").to_dict()
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(runs):
        compare(many, base="base").to_dict()
    prof.disable()
    for key in ("tottime", "cumulative"):
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf)
        stats.strip_dirs().sort_stats(key).print_stats(top)
        print(f"=== cProfile of the 20-version case, {runs} runs, by {key} ===", file=out)
        print(buf.getvalue(), file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--quick", action="store_true", help="use a quarter of the time budget")
    ap.add_argument("--profile", action="store_true", help="also cProfile the 20-version case (to stderr with --json)")
    ap.add_argument("--profile-runs", type=int, default=10)
    ap.add_argument("--dump-versions", metavar="DIR", help="write the 20 generated versions to DIR and stop")
    args = ap.parse_args(argv)
    if args.dump_versions:
        out = Path(args.dump_versions)
        out.mkdir(parents=True, exist_ok=True)
        for label, text in twenty_versions():
            (out / f"{label}.txt").write_text(text + "\n", encoding="utf-8")
        return 0
    res = run(0.25 if args.quick else 1.0)
    if args.json:
        print(json.dumps(res, indent=2, ensure_ascii=False))
    else:
        print_table(res)
    if args.profile:
        profile_twenty(args.profile_runs, 30, sys.stderr if args.json else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
