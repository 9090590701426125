"""Performance benchmark of corpus mode: ``run_corpus`` on generated corpora of 10,000 to
100,000 articles, with grouping precision and recall.

Run from the project root::

    .venv/bin/python benchmarks/bench_corpus.py                          # 10k, 50k, 100k articles
    .venv/bin/python benchmarks/bench_corpus.py --sizes 2000,10000       # other sizes
    .venv/bin/python benchmarks/bench_corpus.py --sizes 10000 --workers 2 --json
    .venv/bin/python benchmarks/bench_corpus.py --sizes 10000,50000,100000 --stop-after 60
    .venv/bin/python benchmarks/bench_corpus.py --sizes 0 --profile      # cProfile only (2,000 articles)
    .venv/bin/python benchmarks/bench_corpus.py --keep /tmp/bc           # keep corpora and outputs
    .venv/bin/python benchmarks/bench_corpus.py --sizes 10000 --chunksize 1   # dask sends one task at a time

The goal (issue 6): 100,000 articles grouped and compared in <= 120 s on 2 cores.

The workload
------------
For each size N, ``gen_corpus.py N`` with ``--seed`` (default 1): stories printed by 2-12
of 60 outlets with their edits, and 30% unrelated articles; every line carries the truth
(its story, or null). See that module's doc. The corpus is written to a work folder
(a temporary one, or ``--keep DIR``, where a corpus already there is used again); its
generation is timed apart and not counted.

What is timed
-------------
One call of ``run_corpus(corpus, outdir, scheduler=S, progress=False, workers=W)``, in a
fresh Python process a size (``bench_corpus.py --child``, so that one size's peak memory
does not carry over to the next; imports are done before the clock starts), with an empty
output folder (no cache to reuse: a first run). The default scheduler is the local process
pool (``--scheduler`` None, one worker a core, or ``--workers``). That is everything the
CLI does: reading, preparing (on the workers), grouping, comparing (on the workers), the
cache, and writing every report, ``groups.jsonl``, ``edits.csv`` and the outlets' pages.
``time.perf_counter`` around the call gives the wall time; the stages are timed by
wrapping ``run._prepare_all`` (read and prepare), ``Grouper.groups`` (group),
``run._compare_all`` (compare and write) and ``Writer.finish`` (the closing pages, part of
compare and write). CPU time: ``os.times()`` of the driver and of its waited-for children
(the workers, once the pool is shut down), so ``cpu / wall`` says how busy the cores were.

Memory
------
A thread of the driver reads ``/proc/<pid>/status`` of the driver and of every process under
it (``psutil.Process.children(recursive=True)``) every 0.2 s:

- driver peak: its ``VmHWM`` (the kernel's high-water mark of its resident set) at the end;
- worker peak: the largest ``VmHWM`` of a worker (read while it lives; the pool is idle
  during the last reads), and the sum of the workers' peaks;
- total peak: the largest sum of ``VmRSS`` of the driver and the workers at one sample,
  and of ``Pss`` (``/proc/<pid>/smaps_rollup``, shared pages split between the processes
  that share them: the pool's workers are forked from the driver), so a short spike
  between two samples may be missed.

Grouping quality
----------------
From ``OUTDIR/groups.jsonl`` (its ``articles``: ids, or objects with an ``id``) and the
corpus's truth, over pairs of articles: precision is the share of the pairs put in one
group that share a story, recall the share of the pairs that share a story that were put
in one group. Also: stories found exactly (one group, all its articles, nothing else), and
unrelated articles put in a group. A group whose comparison failed is not in
``groups.jsonl`` and counts as not found (their number is printed). The generator keeps
different stories apart by construction (no 5-word run in common), so precision below 1
means a grouping bug, not a hard case.

Profile
-------
``--profile`` runs ``run_corpus(scheduler="sync")`` on ``--profile-size`` articles (2,000)
under cProfile, everything in one process (prepare and compare too), and prints the
``--profile-top`` (15) of syndiff's own functions by cumulative time, then of all functions
by own time. ``--chunksize N`` sets dask's ``chunksize`` during the timed runs:
``dask.multiprocessing`` sends ready tasks to a worker 6 at a time unless it is set, so
with 8 tasks a window one worker gets 6 and the other 2.

The anchor
----------
Timed on the same machine in the same run: reading the first 2,000 articles of the corpus
with ``json.loads`` and hashing every 5-word shingle of their text with ``zlib.crc32``, in
one process (median of 3 runs), in ms an article: about the least Python work a grouping
of these texts can do. ``ratio`` is the pipeline's time an article over the anchor's; it
varies less between machines than seconds do. The table also shows the time an article at
each size over that of the first size (1.00 everywhere: linear growth) and the time that
rate gives for 100,000 articles, against the goal of 120 s. The goal assumes 2 cores; the
output says how many the machine has and how many workers ran.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

GOAL_ARTICLES, GOAL_SECONDS, GOAL_CORES = 100_000, 120.0, 2
DEFAULT_SIZES = "10000,50000,100000"
ANCHOR_ARTICLES = 2000
SAMPLE_EVERY = 0.2


# --- memory --------------------------------------------------------------------------------------

def _status(pid: int) -> dict[str, int]:
    """VmHWM and VmRSS of a process, in kB ({} once it is gone)."""
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmHWM:", "VmRSS:")):
                    key, value = line.split(":", 1)
                    out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        import psutil

        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except ImportError:   # without psutil: the kernel's list of children, one level a time
        out, todo = [], [pid]
        while todo:
            p = todo.pop()
            for task in Path(f"/proc/{p}/task").glob("*"):
                try:
                    kids = [int(k) for k in (task / "children").read_text().split()]
                except OSError:
                    kids = []
                out += kids
                todo += kids
        return out
    except Exception:       # the process is gone
        return []


class Sampler(threading.Thread):
    """Peak memory of this process and of the processes under it (see the module's doc)."""

    def __init__(self, every: float = SAMPLE_EVERY):
        super().__init__(daemon=True)
        self.every, self.pid = every, os.getpid()
        self.stop_event = threading.Event()
        self.worker_hwm: dict[int, int] = {}
        self.total_rss = self.total_pss = self.samples = 0

    def sample(self) -> None:
        kids = _children(self.pid)
        rss = _status(self.pid).get("VmRSS", 0)
        pss = _pss(self.pid)
        for k in kids:
            st = _status(k)
            if st:
                self.worker_hwm[k] = max(self.worker_hwm.get(k, 0), st.get("VmHWM", 0))
                rss += st.get("VmRSS", 0)
                pss += _pss(k)
        self.total_rss, self.total_pss = max(self.total_rss, rss), max(self.total_pss, pss)
        self.samples += 1

    def run(self) -> None:
        while not self.stop_event.wait(self.every):
            self.sample()

    def stop(self) -> dict:
        self.stop_event.set()
        self.join()
        hwm = list(self.worker_hwm.values())
        return {"driver_peak_mb": round(_status(self.pid).get("VmHWM", 0) / 1024, 1),
                "worker_peak_mb": round(max(hwm, default=0) / 1024, 1),
                "workers_sum_peak_mb": round(sum(hwm) / 1024, 1),
                "workers_seen": len(hwm),
                "total_rss_peak_mb": round(self.total_rss / 1024, 1),
                "total_pss_peak_mb": round(self.total_pss / 1024, 1),
                "samples": self.samples}


# --- one size, in its own process ------------------------------------------------------------------

def child(corpus: str, outdir: str, workers: int | None, scheduler: str | None, chunksize: int | None) -> dict:
    """Time ``run_corpus`` on ``corpus`` (runs in a fresh process: ``--child``)."""
    import dask

    from syndiff.corpus import run as run_mod
    from syndiff.corpus import write as write_mod
    from syndiff.corpus.group import Grouper

    stages: Counter = Counter()

    def timed(name, fn):
        def wrapper(*a, **k):
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                stages[name] += time.perf_counter() - t0
        return wrapper

    run_mod._prepare_all = timed("read_prepare", run_mod._prepare_all)
    run_mod._compare_all = timed("compare_write", run_mod._compare_all)
    Grouper.groups = timed("group", Grouper.groups)
    write_mod.Writer.finish = timed("finish", write_mod.Writer.finish)

    sampler = Sampler()
    sampler.start()
    cpu0 = os.times()
    t0 = time.perf_counter()
    with dask.config.set(chunksize=chunksize) if chunksize else _nothing():
        result = run_mod.run_corpus(corpus, outdir, scheduler=scheduler, progress=False, workers=workers)
    wall = time.perf_counter() - t0
    cpu1 = os.times()
    memory = sampler.stop()
    return {
        "seconds": round(wall, 2),
        "stages": {k: round(v, 2) for k, v in stages.items()},
        "cpu_driver_s": round((cpu1.user - cpu0.user) + (cpu1.system - cpu0.system), 1),
        "cpu_workers_s": round((cpu1.children_user - cpu0.children_user)
                               + (cpu1.children_system - cpu0.children_system), 1),
        "memory": memory,
        "articles": result.articles, "groups": result.groups, "problems": len(result.problems),
        "failed_groups": len(result.failed_groups),
    }


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


# --- quality, anchor -------------------------------------------------------------------------------

def quality(corpus: Path, outdir: Path) -> dict:
    """Pair precision and recall of OUTDIR/groups.jsonl against the corpus's truth."""
    truth: dict[str, str | None] = {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            truth[a["id"]] = a["truth"]
    sizes = Counter(t for t in truth.values() if t is not None)
    true_pairs = sum(k * (k - 1) // 2 for k in sizes.values())
    found_pairs = right_pairs = exact = filler_grouped = mixed = 0
    with open(outdir / "groups.jsonl", encoding="utf-8") as f:
        for line in f:
            ids = [a if isinstance(a, str) else a["id"] for a in json.loads(line)["articles"]]
            labels = Counter(truth[i] for i in ids)
            found_pairs += len(ids) * (len(ids) - 1) // 2
            right_pairs += sum(k * (k - 1) // 2 for t, k in labels.items() if t is not None)
            filler_grouped += labels.get(None, 0)
            mixed += len([t for t in labels if t is not None]) > 1
            if len(labels) == 1 and None not in labels:
                (t, k), = labels.items()
                exact += k == sizes[t]
    return {"precision": round(right_pairs / found_pairs, 4) if found_pairs else None,
            "recall": round(right_pairs / true_pairs, 4) if true_pairs else None,
            "stories": len(sizes), "stories_exact": exact, "groups_mixing_stories": mixed,
            "filler_grouped": filler_grouped, "pairs_found": found_pairs, "pairs_true": true_pairs}


def anchor(corpus: Path, n: int = ANCHOR_ARTICLES, runs: int = 3) -> float:
    """ms an article: json.loads and crc32 of every 5-word shingle (see the module's doc)."""
    from syndiff.text import words

    with open(corpus, encoding="utf-8") as f:
        lines = [line for _, line in zip(range(n), f)]

    def once() -> None:
        for line in lines:
            ws = words(json.loads(line)["text"])
            for i in range(max(1, len(ws) - 4)):
                zlib.crc32(" ".join(ws[i:i + 5]).encode("utf-8"))

    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        once()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3 / len(lines)


# --- the run ----------------------------------------------------------------------------------------

def bench(sizes: list[int], workers: int | None, scheduler: str | None, seed: int, work: Path, keep: bool,
          stop_after: float | None, log, chunksize: int | None = None) -> dict:
    import gen_corpus

    res: dict = {"python": platform.python_version(), "platform": platform.platform(terse=True),
                 "cores": os.cpu_count(), "workers": workers or os.cpu_count(), "scheduler": scheduler or "processes",
                 "dask_chunksize": chunksize, "seed": seed,
                 "goal": {"articles": GOAL_ARTICLES, "seconds": GOAL_SECONDS, "cores": GOAL_CORES},
                 "sizes": []}
    for n in sizes:
        if stop_after is not None and any(s.get("seconds", 0) > stop_after for s in res["sizes"]):
            log(f"{n} articles: skipped (the last size took more than {stop_after:g} s)")
            res["sizes"].append({"articles_asked": n, "skipped": True})
            continue
        corpus = work / f"corpus-{n}-seed{seed}.jsonl"
        if corpus.exists():
            gen = {"seconds": None, "reused": True}
        else:
            log(f"{n} articles: generating {corpus} ...")
            gen = gen_corpus.generate(n, str(corpus), seed)
        outdir = work / f"out-{n}"
        shutil.rmtree(outdir, ignore_errors=True)
        log(f"{n} articles: run_corpus ...")
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(corpus), str(outdir)]
        if workers:
            cmd += ["--workers", str(workers)]
        if scheduler:
            cmd += ["--scheduler", scheduler]
        if chunksize:
            cmd += ["--chunksize", str(chunksize)]
        p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if p.returncode:
            raise SystemExit(f"run_corpus failed on {n} articles:\n{p.stderr}")
        fig = json.loads(p.stdout.strip().splitlines()[-1])
        fig["articles_asked"] = n
        fig["generated_s"] = gen.get("seconds")
        fig["articles_per_s"] = round(fig["articles"] / fig["seconds"], 1)
        fig["ms_per_article"] = round(fig["seconds"] * 1e3 / fig["articles"], 3)
        fig["quality"] = quality(corpus, outdir)
        fig["anchor_ms_per_article"] = round(anchor(corpus), 4)
        fig["ratio"] = round(fig["ms_per_article"] / fig["anchor_ms_per_article"], 1)
        fig["projected_100k_s"] = round(fig["ms_per_article"] * GOAL_ARTICLES / 1e3, 1)
        res["sizes"].append(fig)
        log(f"{n} articles: {fig['seconds']} s")
        if not keep:
            shutil.rmtree(outdir, ignore_errors=True)
            corpus.unlink(missing_ok=True)
    ran = [s for s in res["sizes"] if not s.get("skipped")]
    if ran:
        first = ran[0]["ms_per_article"]
        for s in ran:
            s["per_article_vs_first"] = round(s["ms_per_article"] / first, 2)
    at_goal = [s for s in ran if s["articles"] >= GOAL_ARTICLES]
    res["goal_met"] = (at_goal[0]["seconds"] <= GOAL_SECONDS) if at_goal else None
    return res


def print_table(res: dict) -> None:
    print(f"syndiff corpus benchmark: run_corpus, scheduler {res['scheduler']}, {res['workers']} workers, "
          f"{res['cores']} cores (Python {res['python']}, {res['platform']}), seed {res['seed']}"
          + (f", dask chunksize {res['dask_chunksize']}" if res["dask_chunksize"] else ""))
    print()
    head = ["articles", "seconds", "art/s", "ms/art", "vs first", "ratio", "100k s", "driver MB", "worker MB",
            "total RSS", "total PSS", "groups", "stories", "precision", "recall", "exact"]
    rows = []
    for s in res["sizes"]:
        if s.get("skipped"):
            rows.append([str(s["articles_asked"]), "skipped"] + [""] * (len(head) - 2))
            continue
        m, q = s["memory"], s["quality"]
        rows.append([str(s["articles"]), f"{s['seconds']:.1f}", f"{s['articles_per_s']:.0f}",
                     f"{s['ms_per_article']:.2f}", f"{s['per_article_vs_first']:.2f}", f"{s['ratio']:.0f}",
                     f"{s['projected_100k_s']:.0f}", f"{m['driver_peak_mb']:.0f}",
                     f"{m['worker_peak_mb']:.0f} x{m['workers_seen']}", f"{m['total_rss_peak_mb']:.0f}",
                     f"{m['total_pss_peak_mb']:.0f}", str(s["groups"]), str(q["stories"]),
                     f"{q['precision']:.4f}" if q["precision"] is not None else "-",
                     f"{q['recall']:.4f}" if q["recall"] is not None else "-", str(q["stories_exact"])])
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
    fmt = "  ".join(f"{{:>{w}}}" for w in widths)
    print(fmt.format(*head))
    print(fmt.format(*("-" * w for w in widths)))
    for r in rows:
        print(fmt.format(*r))
    print()
    for s in res["sizes"]:
        if s.get("skipped"):
            continue
        st, q = s["stages"], s["quality"]
        busy = (s["cpu_driver_s"] + s["cpu_workers_s"]) / s["seconds"]
        print(f"{s['articles']} articles: read+prepare {st.get('read_prepare', 0):.1f} s, "
              f"group {st.get('group', 0):.1f} s, "
              f"compare+write {st.get('compare_write', 0):.1f} s (closing pages {st.get('finish', 0):.1f} s); "
              f"cpu driver {s['cpu_driver_s']:.0f} s + workers {s['cpu_workers_s']:.0f} s = {busy:.2f} cores busy; "
              f"{q['groups_mixing_stories']} groups mix stories, {q['filler_grouped']} unrelated articles grouped, "
              f"{s['problems']} problems, {s['failed_groups']} groups failed; corpus generated in "
              f"{s['generated_s'] if s['generated_s'] is not None else '(reused)'} s (not timed)")
    print()
    print("ms/art: wall time an article; vs first: ms/art over the first size's (1.00: linear); ratio: ms/art over "
          "the anchor's (json.loads + crc32 of 5-word shingles, one process); 100k s: ms/art x 100,000.")
    print("driver MB: VmHWM of the driver; worker MB: the largest VmHWM of a worker (x workers seen); total RSS/PSS: "
          "the largest sum over driver and workers at one 0.2 s sample.")
    print("precision/recall over pairs of articles; exact: stories found as one group of all their articles and "
          "nothing else.")
    goal = res["goal"]
    verdict = {True: "met", False: "NOT met", None: "not measured (no size reached 100,000)"}[res["goal_met"]]
    print(f"goal: {goal['articles']:,} articles grouped and compared in <= {goal['seconds']:g} s on "
          f"{goal['cores']} cores: {verdict} (this machine: {res['cores']} cores, {res['workers']} workers).")


def profile(n: int, seed: int, top: int, work: Path, out) -> None:
    """cProfile of run_corpus(scheduler="sync") on n articles: the whole run in this process."""
    import gen_corpus

    from syndiff.corpus.run import run_corpus

    corpus = work / f"corpus-{n}-seed{seed}.jsonl"
    if not corpus.exists():
        gen_corpus.generate(n, str(corpus), seed)
    outdir = work / f"profile-{n}"
    shutil.rmtree(outdir, ignore_errors=True)
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    run_corpus(str(corpus), str(outdir), scheduler="sync", progress=False)
    prof.disable()
    wall = time.perf_counter() - t0
    for key, only, what in (("cumulative", "/syndiff/", "syndiff's own functions"), ("tottime", "", "all functions")):
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf).sort_stats(key)
        stats.print_stats(*([only] if only else []), top)
        text = buf.getvalue().replace(str(ROOT) + "/", "")
        print(f"=== cProfile of run_corpus(scheduler='sync') on {n} articles ({wall:.1f} s under the profiler): "
              f"{what}, by {key} ===", file=out)
        print(text, file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=DEFAULT_SIZES, help="comma-separated corpus sizes (0: none)")
    ap.add_argument("--workers", type=int, help="workers of the process pool (default: one a core)")
    ap.add_argument("--scheduler", help="run_corpus's scheduler (default: the local process pool)")
    ap.add_argument("--chunksize", type=int, help="dask's 'chunksize' setting during the run (dask.multiprocessing: "
                    "tasks sent to a worker at once, 6 unless set)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep corpora and outputs (reused corpora)")
    ap.add_argument("--stop-after", type=float, metavar="S", help="skip the larger sizes once a size took over S s")
    ap.add_argument("--profile", action="store_true", help="also cProfile a run with scheduler='sync'")
    ap.add_argument("--profile-size", type=int, default=2000)
    ap.add_argument("--profile-top", type=int, default=15)
    ap.add_argument("--child", nargs=2, metavar=("CORPUS", "OUTDIR"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.workers, args.scheduler, args.chunksize)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if int(s) > 0]
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if sizes:
            res = bench(sizes, args.workers, args.scheduler, args.seed, work, bool(args.keep), args.stop_after,
                        lambda msg: print(msg, file=sys.stderr, flush=True), args.chunksize)
            if args.json:
                print(json.dumps(res, indent=2))
            else:
                print_table(res)
        if args.profile:
            profile(args.profile_size, args.seed, args.profile_top, work, sys.stderr if args.json else sys.stdout)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
