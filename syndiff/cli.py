"""The command line: arguments in, one of the renderers out. Errors are one line on stderr
with exit status 2, never a traceback."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import __version__
from .comparison import compare
from .consensus import compare_on_original
from .errors import InputError
from .load import HTML_SUFFIXES, Loaded, distinct_labels, load_input
from .render.html import render_index, render_report, story_summary
from .render.text import render_text
from .text import lines, looks_wrapped, slug

FORMATS = ("json", "text", "html")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, as for every other bad input
        self.exit(2, f"syndiff: error: {message}\n")


WIRE_ORIGINAL_HELP = ("with 3 or more versions, compare them on their probable wire original (what most of them "
                      "print, row by row and word by word), so that each edit is the outlet's that made it")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="syndiff", description="How outlets rewrite the same wire story.")
    p.add_argument("--version", action="version", version=f"syndiff {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    c = sub.add_parser("compare", help="compare 2 or more versions of a story")
    c.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="text files, saved pages (.html), page URLs (https://…), '-' for standard input")
    c.add_argument("--label", action="append", default=[], metavar="L",
                   help="label of each input, in order (default: the file's stem)")
    c.add_argument("--base", metavar="ID", help="id or label of the base version "
                   "(default: the one with the most story words)")
    c.add_argument("--format", choices=FORMATS,
                   help="output format (default: from the extension of -o; else json, or text on a terminal)")
    c.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    c.add_argument("--reflow", action="store_true",
                   help="rejoin hard-wrapped column lines into paragraphs (OCR of old pages)")
    c.add_argument("--wire-original", action="store_true", help=WIRE_ORIGINAL_HELP)
    c.add_argument("--skip-failed", action="store_true",
                   help="compare the inputs that loaded when others fail (each failure is still reported)")
    c.add_argument("--allow-private", action="store_true",
                   help="fetch URLs on private, loopback and link-local addresses too (refused by default)")
    r = sub.add_parser("report", help="static reports for several stories, with an index")
    r.add_argument("folders", nargs="+", metavar="DIR", help="one folder a story, its versions as .txt files")
    r.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder to write index.html and reports")
    r.add_argument("--reflow", action="store_true",
                   help="rejoin hard-wrapped column lines into paragraphs (OCR of old pages)")
    r.add_argument("--wire-original", action="store_true", help=WIRE_ORIGINAL_HELP + "; a pair as it is")
    r.add_argument("--skip-failed", action="store_true",
                   help="write the stories that can be compared when others cannot (each failure is still reported)")
    cp = sub.add_parser("corpus", help="find the story groups in a pile of articles, compare them, profile outlets")
    cp.add_argument("input", metavar="INPUT",
                    help="a JSONL file (one article a line; .gz too) or a folder of .txt, .html and .json files")
    cp.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder to write the results to")
    cp.add_argument("--scheduler", metavar="S",
                    help="where the work runs: processes (default, Dask's local scheduler), threads, sync, "
                         "or tcp://HOST:PORT for a dask.distributed cluster")
    cp.add_argument("--workers", type=_number(1, 1024), metavar="N", help="local processes (default: the cores)")
    cp.add_argument("--reflow", action="store_true",
                    help="rejoin hard-wrapped column lines into paragraphs (OCR of old pages)")
    sv = sub.add_parser("serve", help="run the web app (waitress)")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sv.add_argument("--port", type=_number(0, 65535), default=5000, help="port (default 5000)")
    sv.add_argument("--threads", type=_number(1, 1000), default=8, help="worker threads (default 8)")
    sv.add_argument("--examples", action="store_true",
                    help="save the comparisons of the bundled fixtures first, if not saved yet")
    return p


def _number(low: int, high: int):
    """An argparse type: a whole number from low to high."""
    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{raw!r} is not a whole number from {low} to {high}")
        return value
    return parse


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "serve":
            return _serve(args)
        if args.command == "corpus":
            return _corpus(args)
        return _report(args) if args.command == "report" else _compare(args)
    except InputError as e:
        print(f"syndiff: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _compare(args: argparse.Namespace) -> int:
    if len(args.inputs) < 2:
        raise InputError(f"need at least 2 versions to compare, got {len(args.inputs)}")
    if args.label and len(args.label) != len(args.inputs):
        raise InputError(f"{len(args.label)} --label for {len(args.inputs)} inputs: give one per input, in order")
    if args.inputs.count("-") > 1:
        raise InputError("-: standard input can be read only once")
    dup = next((lab for n, lab in enumerate(args.label) if lab in args.label[:n]), None)
    if dup is not None:
        raise InputError(f"duplicate label {dup!r}: each version needs its own label")
    results = _load_all(args.inputs, args.allow_private)
    failed = [(path, r) for path, r in zip(args.inputs, results) if isinstance(r, InputError)]
    for _, error in failed:
        print(f"syndiff: error: {error}", file=sys.stderr)
    if failed and not args.skip_failed:
        return 2
    kept = [(n, r) for n, r in enumerate(results) if not isinstance(r, InputError)]
    if len(kept) < 2:
        raise InputError(f"need at least 2 versions to compare, {len(kept)} loaded")
    labels = [args.label[n] for n, _ in kept] if args.label else distinct_labels([r.label for _, r in kept])
    if not args.reflow:
        _say_if_wrapped([r.text for _, r in kept])
    sources = [r.source_for(label) for (_, r), label in zip(kept, labels)]
    if args.wire_original:
        if args.base:
            raise InputError("--base and --wire-original: give one (the wire original is the base)")
        result = compare_on_original(sources, reflow=args.reflow)
    else:
        result = compare(sources, base=args.base, reflow=args.reflow)
    document = result.to_dict()
    if failed:
        document["skipped"] = [{"input": path, "error": str(e)} for path, e in failed]
    fmt = args.format or _format_of(args.output)
    if fmt == "html":
        out = render_report(result, document)   # the data inside is the JSON output, skipped inputs too
    elif fmt == "text":
        out = render_text(result)
    else:
        out = json.dumps(document, ensure_ascii=False, indent=1)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(out + "\n")
        except OSError as e:
            raise InputError(f"{args.output}: cannot be written ({e.strerror or e})") from None
    else:
        # JSON is UTF-8 whatever the terminal; a summary for the eyes takes what the terminal can show
        encoding = "utf-8" if fmt == "json" else (sys.stdout.encoding or "utf-8")
        sys.stdout.flush()
        sys.stdout.buffer.write((out + "\n").encode(encoding, errors="replace"))
        sys.stdout.buffer.flush()
    return 0


def _say_if_wrapped(texts: list[str], where: str = "") -> None:
    """A note on stderr when versions are hard-wrapped column lines (a newspaper's OCR) and
    --reflow was not asked for: each line would be compared as a paragraph of its own."""
    wrapped = sum(looks_wrapped(lines(t)) for t in texts)
    if wrapped:
        print(f"syndiff: note: {where}{wrapped} of the {len(texts)} versions look hard-wrapped (column lines, not "
              "paragraphs); --reflow rejoins their paragraphs before comparing", file=sys.stderr)


MAX_FETCHES = 8   # URLs fetched at once


def _load_all(paths: list[str], allow_private: bool) -> list[Loaded | InputError]:
    """Every input loaded, or the error that stopped it: URLs fetched side by side, the
    order kept; an empty version is an error too."""
    def one(path: str) -> Loaded | InputError:
        try:
            loaded = load_input(path, allow_private=allow_private)
        except InputError as e:
            return e
        if not lines(loaded.text):
            return InputError(f"{path}: the version is empty (no text to compare)")
        return loaded

    with ThreadPoolExecutor(max_workers=MAX_FETCHES) as pool:
        return list(pool.map(one, paths))


def _report(args: argparse.Namespace) -> int:
    """One report per story folder and an index linking them, all in OUTDIR."""
    out = Path(args.output)
    stories, names = [], []
    seen: dict[Path, str] = {}
    for folder in map(Path, args.folders):
        if folder.resolve() in seen:
            first = seen[folder.resolve()]
            raise InputError(f"{folder}: given twice" + (f" (first as {first})" if first != str(folder) else ""))
        seen[folder.resolve()] = str(folder)
        try:
            c = _story(folder, args)
        except InputError as e:
            if not args.skip_failed:
                raise
            print(f"syndiff: skipped {e}", file=sys.stderr)
            continue
        name = slug(folder.resolve().name) or "story"
        while name in names:
            name += "-2"
        names.append(name)
        stories.append((name + ".html", c))
    if not stories:
        raise InputError("no story could be compared")
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, c in stories:
            (out / name).write_text(render_report(c, links=[("all stories", "index.html")]), encoding="utf-8")
        (out / "index.html").write_text(render_index([story_summary(c, name) for name, c in stories]),
                                        encoding="utf-8")
    except OSError as e:
        raise InputError(f"{args.output}: cannot be written ({e.strerror or e})") from None
    print(f"wrote {out / 'index.html'} and {len(stories)} report(s)", file=sys.stderr)
    return 0


def _story(folder: Path, args: argparse.Namespace):
    """The comparison of one story folder's versions, or the InputError that stops it."""
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder (give one folder a story)")
    files = sorted(f for f in folder.iterdir() if f.suffix.lower() in (".txt", *HTML_SUFFIXES))
    if len(files) < 2:
        raise InputError(f"{folder}: {len(files)} .txt or .html file(s); a story needs at least 2 versions")
    loaded = []
    for r in _load_all([str(f) for f in files], allow_private=False):
        if isinstance(r, InputError):
            raise r
        loaded.append(r)
    if not args.reflow:
        _say_if_wrapped([r.text for r in loaded], f"{folder}: ")
    sources = [r.source_for(label) for r, label in zip(loaded, distinct_labels([r.label for r in loaded]))]
    if args.wire_original and len(sources) >= 3:
        return compare_on_original(sources, reflow=args.reflow)
    return compare(sources, reflow=args.reflow)


def _corpus(args: argparse.Namespace) -> int:
    from .corpus.run import run_corpus

    try:
        r = run_corpus(args.input, args.output, scheduler=args.scheduler, reflow=args.reflow, workers=args.workers)
    except OSError as e:   # mid-run: a full disk, an input that breaks off, a cluster that goes away
        reason = e.strerror or str(e) or type(e).__name__
        if e.filename and _within(e.filename, args.output):
            raise InputError(f"{e.filename}: cannot be written ({reason})") from None
        if type(e).__module__.startswith("distributed"):
            raise InputError(f"{args.scheduler}: the Dask cluster failed ({reason})") from None
        raise InputError(f"{e.filename or args.input}: cannot be read ({reason})") from None
    except sqlite3.Error as e:   # the cache or the run's store, both in OUTDIR: full, locked by another run
        raise InputError(f"{args.output}: cannot be written ({e})") from None
    for p in r.problems[:20]:
        print(f"syndiff: skipped {p.where}: {p.error}", file=sys.stderr)
    if len(r.problems) > 20:
        print(f"syndiff: … and {len(r.problems) - 20} more (all in problems.jsonl)", file=sys.stderr)
    for gid, error in r.failed_groups:
        print(f"syndiff: group {gid} not compared: {error}", file=sys.stderr)
    print(f"{_count(r.articles, 'article')} read, {len(r.problems)} skipped, {_count(r.groups, 'group')} "
          f"({_count(r.reused_articles, 'article')} and {_count(r.reused_groups, 'group')} reused from the last "
          f"run); see {Path(args.output) / 'index.html'}", file=sys.stderr)
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _within(path: str, folder: str) -> bool:
    p, f = Path(path).resolve(), Path(folder).resolve()
    return p == f or f in p.parents


def _serve(args: argparse.Namespace) -> int:
    from waitress import create_server

    from .web import create_app
    from .web.service import save_examples

    app = create_app()
    if args.examples:
        with app.app_context():
            saved = save_examples()
        print(f"examples: {saved} saved", file=sys.stderr)
    try:
        server = create_server(app, host=args.host, port=args.port, threads=args.threads)
    except (OSError, ValueError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise InputError(f"cannot serve on {args.host}:{args.port}: {reason}") from None
    print(f"syndiff serving on http://{args.host}:{args.port}/", file=sys.stderr)
    server.run()
    return 0


def _format_of(output: str | None) -> str:
    if output:
        ext = output.rsplit(".", 1)[-1].lower()
        return {"html": "html", "htm": "html", "txt": "text"}.get(ext, "json")
    return "text" if sys.stdout.isatty() else "json"


def run() -> None:
    sys.exit(main())
