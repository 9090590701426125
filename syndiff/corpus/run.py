"""``syndiff corpus``: a pile of articles in, story groups, their comparisons and the
outlets' profiles out.

Stages, each with a progress bar on a terminal:

1. read and prepare: articles stream in from INPUT a window at a time; Dask workers check,
   decode and extract them and sum up their stories (``prepare``); the driver writes what
   grouping needs (~3 KB an article) and each article's fields to files of the run, and its
   text to the cache, and keeps ~30 bytes an article;
2. group (``group``): MinHash LSH candidates confirmed by containment;
3. compare: a Dask task a few groups: the comparison, on the probable wire original for
   groups of 3 or more outlets, its static report, its JSON document and its lines of
   ``groups.jsonl`` and ``edits.csv``, all made on the worker;
4. write: ``index.html``, ``groups/<id>.json|html``, ``groups.jsonl``, ``edits.csv``,
   ``outlets.html``, ``outlets.csv``, ``outlet_styles.csv``, ``articles.csv``,
   ``problems.jsonl``.

In stages 1 and 3 the workers compute a window while the driver stores the one before and
reads the one after (``_Dask.windows``).

The cache (``OUTDIR/.cache.sqlite``) keeps each prepared article under a hash of what was
read, and the groups compared under a hash of their articles and syndiff's version (their
documents are the ``groups/<id>.json`` files): a re-run on a grown corpus prepares and
compares only what is new.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sqlite3
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from pathlib import Path

import numpy as np

from .. import __version__
from ..errors import InputError
from .group import Entry, Grouper
from .prepare import HASHING, Prepared, member_shingles, prepare_batch
from .read import Problem, Raw, read_corpus, starts_array

ONE_ARTICLE = (".txt", ".html", ".htm")   # an INPUT file of these is an article, not a corpus
BATCH = 50           # articles a Dask task prepares
WINDOW = 1600        # articles read, prepared and stored at a time
GROUP_BATCH = 4      # groups a Dask task compares
GROUP_WINDOW = 128   # groups compared and written at a time
# Small tasks in a window: the window ends when its last task does, and meanwhile the
# workers that are done wait.


@dataclass
class Result:
    articles: int = 0
    problems: list[Problem] = field(default_factory=list)
    groups: int = 0
    reused_articles: int = 0
    reused_groups: int = 0
    failed_groups: list[tuple[str, str]] = field(default_factory=list)


def run_corpus(input_path: str, outdir: str, scheduler: str | None = None, reflow: bool = False,
               progress: bool | None = None, workers: int | None = None) -> Result:
    """The whole run; see the module's doc. ``scheduler``: None (Dask's local processes),
    "threads", "sync", or a dask.distributed address "tcp://HOST:PORT"."""
    src, out = Path(input_path), Path(outdir)
    if not src.exists():
        raise InputError(f"{input_path}: no such file or folder")
    if src.is_file() and src.suffix.lower() in ONE_ARTICLE:
        raise InputError(f"{input_path}: one article; a corpus is a JSONL file (an article a line) or a folder of "
                         "articles (to compare the versions of one story: syndiff compare FILE FILE …)")
    if src.is_file() and starts_array(input_path):
        gz = src.suffix.lower() == ".gz"
        read = f"gunzip -c {input_path} | jq -c '.[]'" if gz else f"jq -c '.[]' {input_path}"
        raise InputError(f"{input_path}: a JSON array; a corpus is JSONL, an article a line "
                         f"({read} > articles.jsonl makes one of it)")
    if src.is_dir() and out.resolve() == src.resolve():
        raise InputError(f"{outdir}: the input folder itself; give the output a folder of its own "
                         "(one inside the input folder is fine: it is not read)")
    try:
        (out / "groups").mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"{outdir}: cannot be written ({e.strerror or e})") from None
    result = Result()
    with (_Cache(out / ".cache.sqlite") as cache, _Dask(scheduler, workers) as dask,
          _work_folder(out) as work, _Store(work / "run.sqlite") as store):
        with Grouper(spill_dir=work) as grouper:
            _prepare_all(input_path, out, cache, dask, store, grouper, reflow, result, progress)
            with _bar(progress, "grouping", "article", total=len(store)) as bar:
                groups = grouper.groups(exact=_exact_check(cache, store, reflow))
                bar.update(len(store))
        result.groups = len(groups)
        _compare_all(groups, store, cache, dask, out, reflow, result, progress)
    return result


@contextmanager
def _work_folder(out: Path) -> Iterator[Path]:
    """The run's temporary folder in OUTDIR (grouping's files, the store), removed at the
    end. Those that runs killed outright left there (their process gone) are removed first."""
    for old in out.glob(".run-*"):
        if not _alive(old / "pid"):
            shutil.rmtree(old, ignore_errors=True)
    with tempfile.TemporaryDirectory(dir=out, prefix=".run-", ignore_cleanup_errors=True) as work:
        (Path(work) / "pid").write_text(str(os.getpid()))
        yield Path(work)


def _alive(pid_file: Path) -> bool:
    """Whether the process a run's folder names runs still."""
    try:
        os.kill(int(pid_file.read_text()), 0)
    except PermissionError:       # another user's
        return True
    except (OSError, ValueError):  # gone, or no process named
        return False
    return True


# --- stage 1: read and prepare ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Meta:
    """What the run keeps of an article beyond its grouping entry (in ``_Store``)."""

    id: str
    outlet: str
    url: str
    published: str
    where: str
    digest: str
    cache_key: str

    def member(self) -> dict:
        """What a group's lines need of the article (the first fields of ``Prepared.member``)."""
        return {"id": self.id, "outlet": self.outlet, "url": self.url, "published": self.published,
                "where": self.where}


def _raw_key(raw: Raw, reflow: bool) -> str:
    """What was read, wherever it stands in INPUT (a grown file shifts its lines)."""
    what = raw.record if raw.record is not None else (raw.where, raw.error)
    return hashlib.sha1(pickle.dumps((__version__, HASHING, reflow, what), protocol=4)).hexdigest()


def _prepare_all(input_path, out: Path, cache, dask: _Dask, store: _Store, grouper: Grouper, reflow: bool,
                 result: Result, progress) -> None:
    raws = read_corpus(input_path, str(out))

    def windows():
        """The articles a window at a time, with what the cache holds of them, and the
        batches of the others to prepare."""
        while window := list(islice(raws, WINDOW)):
            keys = [_raw_key(r, reflow) for r in window]
            done = cache.briefs(keys)
            todo = [r for r, k in zip(window, keys) if k not in done]
            yield (window, keys, done), [(todo[i:i + BATCH], reflow) for i in range(0, len(todo), BATCH)]

    with _bar(progress, "articles", "article") as bar:
        for (window, keys, done), prepared in dask.windows(prepare_batch, windows()):
            fresh = iter([p for batch in prepared for p in batch])
            new, articles = {}, []
            for raw, key in zip(window, keys):
                if key in done:
                    item = done[key]
                    result.reused_articles += 1
                    if isinstance(item, Prepared):
                        item.where = raw.where
                    else:
                        item = Problem(raw.where, item.error)
                else:
                    new[key] = next(fresh)
                    item = new[key][0]
                if isinstance(item, Problem):
                    result.problems.append(item)
                    continue
                articles.append((_Meta(item.id, item.outlet, item.url, item.published, item.where, item.digest, key),
                                 item))
            cache.put_articles(new)
            articles = _read_once(articles, store, result)
            for n, (_, item) in zip(store.add([m for m, _ in articles]), articles):
                grouper.add(Entry(n, item.shingles, item.sketch, item.signature))
            result.articles += len(window)
            bar.update(len(window))


def _read_once(articles: list[tuple[_Meta, Prepared]], store: _Store, result: Result) -> list[tuple[_Meta, Prepared]]:
    """The articles, but for those read before (the same id, outlet and text: a line given
    twice, a file copied), each reported as a problem: a copy would vote twice for its
    outlet's reading of the wire."""
    first = store.read_before(sorted({item.digest for _, item in articles}))
    kept = []
    for meta, item in articles:
        where = first.setdefault((item.id, item.digest), item.where)
        if where != item.where:
            result.problems.append(Problem(item.where, f"the same article as {where} (id, outlet and text): read once"))
            continue
        kept.append((meta, item))
    return kept


# --- stage 2: group ---------------------------------------------------------------------------

def _exact_check(cache, store: _Store, reflow: bool) -> Callable[[int, int], tuple[float, float]]:
    """Shingles in common and containment of two articles (by number), counted
    on all their shingles, read again from the cache: for the few pairs whose estimate is
    too near a threshold."""
    @lru_cache(256)   # an article can stand in several such pairs
    def shingles(k: int) -> np.ndarray:
        key = store.get([k])[k].cache_key
        return member_shingles(pickle.loads(cache.members([key])[key]), reflow)

    def exact(a: int, b: int) -> tuple[float, float]:
        x, y = shingles(a), shingles(b)
        shared = len(np.intersect1d(x, y, assume_unique=True))
        return float(shared), shared / max(1, min(len(x), len(y)))

    return exact


# --- stage 3: compare -------------------------------------------------------------------------

def compare_groups(tasks: list[tuple]) -> list[tuple]:
    """Dask task: (group id, its members' fields as the run reads them now (``_Meta.member``:
    a cached article may have moved in INPUT since), its articles (``Prepared.member``,
    pickled), reflow, the output folder if the worker shares the driver's disk, and None, or
    for a group compared before whose articles moved or whose urls or dates changed, its
    document, told of them (then no articles)) -> (group id, its files (write.GroupFiles),
    its report), or (group id, None, the reason it could not be compared). With an output
    folder, the worker writes the group's JSON document and report there itself (and
    returns neither); without one, they leave as text."""
    from ..comparison import compare
    from ..consensus import compare_on_original
    from ..load import distinct_labels
    from ..model import Comparison, Source
    from ..render.html import corpus_links, render_report
    from .write import group_files, write_whole

    out = []
    for gid, members, blobs, reflow, outdir, doc in tasks:
        if doc is not None:   # its report and files made again, not its comparison
            c = Comparison.from_dict(doc)
        else:
            members = [{**pickle.loads(b), **m} for b, m in zip(blobs, members)]
            labels = distinct_labels([m["outlet"] for m in members])
            sources = []
            for label, m in zip(labels, members):
                placed = _placed(m)
                meta = {"article": m["id"], "where": placed["where"], "outlet": m["outlet"], **m["extracted"]}
                if "published" in placed:
                    meta["published"] = placed["published"]   # as given, else the page's
                sources.append(Source(label, "\n".join(m["lines"]), placed["source"],
                                      tuple(m["kinds"]) if any(m["kinds"]) else None, meta))
            try:
                if len({m["outlet"] for m in members}) >= 3:   # two outlets: no majority to find, a pair
                    c = compare_on_original(sources, reflow=reflow)
                else:
                    c = compare(sources, reflow=reflow)
            except InputError as e:
                out.append((gid, None, str(e)))
                continue
            doc = c.to_dict()
        files = group_files(gid, members, doc, c)
        report = render_report(c, files.document, corpus_links(gid))
        if outdir is not None:
            write_whole(Path(outdir) / "groups" / f"{gid}.html", report)
            write_whole(Path(outdir) / "groups" / f"{gid}.json", files.document)
            files, report = replace(files, document=None), None
        out.append((gid, files, report))
    return out


def _placed(member: dict) -> dict:
    """What a version's document says of where its article was read and as what: the file
    (and line), the url (else the id), and the date as given, else its page's (none: no
    field). A comparison does not depend on them: a re-run tells a reused document of them."""
    placed = {"where": member["where"], "source": member["url"] or member["id"]}
    return placed | ({"published": member["published"]} if member["published"] else {})


def _compare_all(groups, store: _Store, cache, dask: _Dask, out: Path, reflow: bool, result: Result,
                 progress) -> None:
    from ..model import Comparison
    from ..render.html import corpus_links, render_report
    from .write import Writer, group_files

    shared_disk = None if dask.client is not None else str(out)   # a cluster's workers may be elsewhere

    def windows():
        """The groups a window at a time, with those compared before (their documents are in
        OUTDIR), and the batches of the others to compare (their articles read from the
        cache in one query)."""
        for start in range(0, len(groups), GROUP_WINDOW):
            window = groups[start:start + GROUP_WINDOW]
            meta = store.get([k for g in window for k in g])
            keys = {_group_key(g, meta, reflow): g for g in window}
            members = {key: [meta[k].member() for k in g] for key, g in keys.items()}
            done = {key: doc for key in cache.compared(list(keys)) if (doc := _document(out, key[:12])) is not None}
            # compared before, but its articles stand elsewhere in INPUT now, or their urls or
            # dates changed: the workers make its report and files again (a renamed input
            # changes every group's)
            told = {key: doc for key, doc in done.items() if _say_where_and_when(doc, members[key])}
            done = {key: doc for key, doc in done.items() if key not in told}
            fresh = [key for key in keys if key not in done and key not in told]
            blobs = cache.members([meta[k].cache_key for key in fresh for k in keys[key]])
            todo = [(key[:12], members[key], [blobs[meta[k].cache_key] for k in keys[key]], reflow, shared_disk, None)
                    for key in fresh]
            todo += [(key[:12], members[key], None, reflow, shared_disk, doc) for key, doc in told.items()]
            yield (keys, done, told, members), [todo[i:i + GROUP_BATCH] for i in range(0, len(todo), GROUP_BATCH)]

    with Writer(out, store) as writer, _bar(progress, "groups", "group", total=len(groups)) as bar:
        for (keys, done, told, members), batches in dask.windows(compare_groups, windows()):
            computed = {gid: rest for batch in batches for gid, *rest in batch}
            new = []
            for key, g in keys.items():
                gid = key[:12]
                if key in done:   # compared before: its document is there
                    comparison = Comparison.from_dict(done[key])
                    report = None
                    if not (out / "groups" / f"{gid}.html").exists():
                        report = render_report(comparison, done[key], corpus_links(gid))
                    files = group_files(gid, members[key], done[key], comparison, serialise=False)
                    result.reused_groups += 1
                    writer.group(gid, g, files, report)
                    continue
                result.reused_groups += key in told
                files, report = computed[gid]
                if files is None:
                    result.failed_groups.append((gid, report))
                    continue
                new.append(key)
                writer.group(gid, g, files, report)
            cache.put_compared(new)
            bar.update(len(keys))
        writer.finish(result)


def _say_where_and_when(doc: dict, members: list[dict]) -> bool:
    """A reused document's versions told where their articles stand in INPUT now, and their
    urls and dates as given now (``_placed``); whether any of it changed."""
    from .write import printed_versions

    changed = False
    for v, m in zip(printed_versions(doc), members, strict=True):
        placed = _placed(m)
        if all(v.get(name) == placed.get(name) for name in ("where", "source", "published")):
            continue
        changed = True
        blocks = v.pop("blocks")   # last, as Version.to_dict writes it: the fields keep a fresh run's order
        if "published" not in placed:
            v.pop("published", None)
        v.update(placed, blocks=blocks)
    return changed


def _document(out: Path, gid: str) -> dict | None:
    """A group's document from a run before, if it is there and whole."""
    try:
        return json.loads((out / "groups" / f"{gid}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _group_key(g: list[int], meta: dict[int, _Meta], reflow: bool) -> str:
    parts = [__version__, str(reflow)] + [meta[k].digest + meta[k].id for k in g]
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()


# --- the cache, Dask and progress ----------------------------------------------------------------

class _Cache:
    """What a re-run reuses, in SQLite: each article read (``prepared``: its brief, pickled,
    and its member, the pickled text a comparison needs, both as the workers made them),
    and the keys of the groups compared (``compared``: their documents are the
    ``groups/<id>.json`` files of OUTDIR)."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS prepared (key TEXT PRIMARY KEY, brief BLOB NOT NULL, member BLOB)")
        self.db.execute("CREATE TABLE IF NOT EXISTS compared (key TEXT PRIMARY KEY)")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.db.close()

    def _select(self, what: str, table: str, keys: list[str]):
        return _select_in(self.db, f"SELECT key{what} FROM {table} WHERE key", keys)

    def briefs(self, keys: list[str]) -> dict:
        return {k: pickle.loads(v) for k, v in self._select(", brief", "prepared", keys)}

    def members(self, keys: list[str]) -> dict[str, bytes]:
        return dict(self._select(", member", "prepared", keys))

    def compared(self, keys: list[str]) -> set[str]:
        return {k for (k,) in self._select("", "compared", keys)}

    def put_articles(self, items: dict[str, tuple]) -> None:
        """Articles by key: (brief, member) as ``prepare_batch`` gives them."""
        _insert(self.db, "INSERT OR REPLACE INTO prepared VALUES (?, ?, ?)",
                ((k, pickle.dumps(brief, protocol=5), member) for k, (brief, member) in items.items()))

    def put_compared(self, keys: list[str]) -> None:
        _insert(self.db, "INSERT OR REPLACE INTO compared VALUES (?)", ((k,) for k in keys))


class _Store:
    """What the run keeps of each article it read (``_Meta``, by number) and of each group it
    wrote (its line of the index), on disk: SQLite in the run's temporary folder, so that the
    driver holds a window's worth whatever the size of the corpus."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("CREATE TABLE articles (n INTEGER PRIMARY KEY, id, outlet, url, published, place, digest, "
                        "cache_key, grp)")
        self.db.execute("CREATE INDEX article_digests ON articles (digest)")
        self.db.execute("CREATE TABLE summaries (n INTEGER PRIMARY KEY, summary BLOB)")
        self.count = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.db.close()

    def __len__(self) -> int:
        return self.count

    def add(self, metas: list[_Meta]) -> range:
        """The next articles, numbered on from those before: their numbers."""
        numbers = range(self.count, self.count + len(metas))
        _insert(self.db, "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                ((n, m.id, m.outlet, m.url, m.published, m.where, m.digest, m.cache_key)
                 for n, m in zip(numbers, metas)))
        self.count += len(metas)
        return numbers

    def read_before(self, digests: list[str]) -> dict[tuple[str, str], str]:
        """(id, digest) -> where, of the articles already read whose text has these digests."""
        rows = _select_in(self.db, "SELECT id, digest, place FROM articles WHERE digest", digests)
        return {(id_, digest): place for id_, digest, place in rows}

    def get(self, ns: list[int]) -> dict[int, _Meta]:
        rows = _select_in(self.db, "SELECT n, id, outlet, url, published, place, digest, cache_key FROM articles "
                                   "WHERE n", ns)
        return {n: _Meta(*fields) for n, *fields in rows}

    def set_group(self, gid: str, ns: list[int]) -> None:
        _insert(self.db, "UPDATE articles SET grp = ? WHERE n = ?", ((gid, n) for n in ns))

    def grouped(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles WHERE grp IS NOT NULL").fetchone()[0]

    def groups_of(self, gids: list[str]) -> set[str]:
        """Those of ``gids`` that are groups of this run."""
        return {gid for (gid,) in _select_in(self.db, "SELECT DISTINCT grp FROM articles WHERE grp", gids)}

    def rows(self) -> Iterator[dict]:
        """Every article in the order read: its line of articles.csv."""
        for id_, outlet, place, url, grp in self.db.execute(
                "SELECT id, outlet, place, url, grp FROM articles ORDER BY n"):
            yield {"id": id_, "outlet": outlet, "where": place, "url": url, "group": grp or ""}

    def add_summary(self, summary: dict) -> None:
        """A group's line of the index (``render.html.story_summary``), after those before."""
        self.db.execute("INSERT INTO summaries (summary) VALUES (?)", (pickle.dumps(summary, protocol=5),))

    def summaries(self) -> Iterator[dict]:
        for (blob,) in self.db.execute("SELECT summary FROM summaries ORDER BY n"):
            yield pickle.loads(blob)


def _insert(db: sqlite3.Connection, sql: str, rows) -> None:
    """``sql`` for each of ``rows``, in one transaction."""
    db.execute("BEGIN")
    db.executemany(sql, rows)
    db.execute("COMMIT")


def _select_in(db: sqlite3.Connection, sql: str, keys: list) -> Iterator[tuple]:
    """The rows of ``sql`` (a query ending in the column to match) for each of ``keys``, 500
    keys a query (SQLite's limit of parameters)."""
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        yield from db.execute(f"{sql} IN ({','.join('?' * len(chunk))})", chunk)


class _Dask:
    """``map(fn, items)`` on Dask (dask.bag, one partition an item), results in order: the
    local process pool by default, threads, in process ("sync"), or a dask.distributed
    scheduler at an address."""

    def __init__(self, scheduler: str | None, workers: int | None):
        self.scheduler, self.workers = scheduler, workers or os.cpu_count() or 1
        self.client = self.pool = None

    def __enter__(self) -> _Dask:
        if self.scheduler and "://" in self.scheduler:
            from distributed import Client

            try:
                self.client = Client(self.scheduler, timeout="10s")
            except OSError as e:
                raise InputError(f"{self.scheduler}: no Dask scheduler answers there ({e})") from None
        elif self.scheduler in (None, "processes"):
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(self.workers, initializer=_worker_start)
            self.pool.submit(int)   # the workers forked now, from this thread, before any other starts
        elif self.scheduler not in ("threads", "sync"):
            raise InputError(f"--scheduler {self.scheduler}: give processes, threads, sync or tcp://HOST:PORT")
        return self

    def windows(self, fn, windows: Iterator[tuple[object, list]]) -> Iterator[tuple[object, list]]:
        """``(context, map(fn, items))`` for each ``(context, items)`` of ``windows``, in order,
        the next window computed while the caller deals with this one's results (and the
        generator makes the one after): the workers do not wait for the driver. On worker
        processes two windows are computed at once: the next one's tasks wait in the pool when
        this one's last end (one at a time, the workers waited ~0.15 s at each window's end:
        6% of reading)."""
        # in process (sync, threads) the GIL leaves nothing to gain, and a comparison's time
        # limits are on the clock: one window at a time
        with ThreadPoolExecutor(2 if self.pool is not None or self.client is not None else 1) as computing:
            ahead = None
            for context, items in windows:
                task = computing.submit(self.map, fn, items)
                if ahead is not None:
                    yield ahead[0], ahead[1].result()
                ahead = (context, task)
            if ahead is not None:
                yield ahead[0], ahead[1].result()

    def map(self, fn, items: list) -> list:
        if not items:
            return []
        from dask.bag import Bag

        # A graph of one partition an item, named once: from_sequence would hash every item
        # to name the bag (dask.tokenize: a third of a millisecond an article, on the driver).
        # Items and results travel as one standard pickle each: Dask's cloudpickle looks at
        # every object of a structure it pickles (a fifth of a worker's time went there).
        name = f"syndiff-{uuid.uuid4().hex}"
        graph = {(name, i): [pickle.dumps(item, protocol=5)] for i, item in enumerate(items)}
        bag = Bag(graph, name, len(items)).map(_pickled, fn)
        if self.client is not None:
            out = bag.compute(scheduler=self.client)
        elif self.pool is not None:   # chunksize 1: a task a worker at a time (Dask's default sends 6)
            out = bag.compute(scheduler="processes", pool=self.pool, chunksize=1)
        else:
            out = bag.compute(scheduler=self.scheduler)
        return [pickle.loads(blob) for blob in out]

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
        if self.pool is not None:
            self.pool.shutdown()


def _worker_start() -> None:
    """A pool worker's start: what its tasks import, imported; then the garbage collector
    told to leave those objects alone (gc.freeze) and to run less often: a comparison makes
    many short-lived objects and few cycles, and the collector took ~10% of its time."""
    import gc

    from .. import comparison, consensus, extract  # noqa: F401
    from ..render import html  # noqa: F401

    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _pickled(blob: bytes, fn: Callable) -> bytes:
    return pickle.dumps(fn(pickle.loads(blob)), protocol=5)


class _bar:
    """A tqdm progress bar on a terminal (stderr), nothing elsewhere."""

    def __init__(self, progress: bool | None, desc: str, unit: str, total: int | None = None):
        show = sys.stderr.isatty() if progress is None else progress
        if show:
            from tqdm import tqdm

            self.bar = tqdm(desc=desc, unit=unit, total=total, file=sys.stderr)
        else:
            self.bar = None

    def __enter__(self):
        return self

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()

