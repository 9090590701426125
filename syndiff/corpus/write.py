"""Everything a corpus run writes, as the groups come: each group's document and report,
``groups.jsonl`` and ``edits.csv`` a line at a time; at the end the index of groups, the
outlets' page and figures, the articles and the problems."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model import Comparison
from ..render.csv import moved_after
from ..render.html import document_json, render_corpus_index, render_outlets, story_summary
from .profiles import Profiles

LITTLE_IN_COMMON = 0.1   # a version's similarity to the probable wire original under which a group is flagged

# "where": the article's file (and line): folder input names articles by file name alone,
# which two outlets' folders can share
EDIT_COLUMNS = ("group", "outlet", "article", "type", "row", "base", "text", "kind", "count", "where", "moved_after")


class Writer:
    def __init__(self, out: Path, store):
        self.out, self.store = out, store   # run._Store: each article's fields and group, the index's lines
        self.profiles = Profiles()
        self.groups = 0

    def __enter__(self):
        self.groups_file = open(self.out / "groups.jsonl", "w", encoding="utf-8")
        self.edits_file = open(self.out / "edits.csv", "w", encoding="utf-8", newline="")
        self.edits = csv.writer(self.edits_file, lineterminator="\n")
        self.edits.writerow(EDIT_COLUMNS)
        return self

    def __exit__(self, *exc):
        self.groups_file.close()
        self.edits_file.close()

    def group(self, gid: str, keys: list[int], files: GroupFiles, report: str | None) -> None:
        """One group: its files, lines and outlets' figures. ``files.document`` and ``report``
        None when their files are there already (a worker wrote them, or a run before)."""
        if files.document is not None:
            write_whole(self.out / "groups" / f"{gid}.json", files.document)
        if report is not None:
            write_whole(self.out / "groups" / f"{gid}.html", report)
        self.store.set_group(gid, keys)
        self.groups_file.write(files.line)
        self.edits_file.write(files.edits)
        self.profiles.merge(files.figures)
        self.store.add_summary(files.summary)
        self.groups += 1

    def finish(self, result) -> None:
        rows = self.profiles.rows()
        _csv(self.out / "outlets.csv", rows)
        _csv(self.out / "outlet_styles.csv", self.profiles.style_rows(), ("outlet", "family", "variant", "count"))
        _csv(self.out / "articles.csv", self.store.rows(), ("id", "outlet", "where", "url", "group"))
        with open(self.out / "problems.jsonl", "w", encoding="utf-8") as f:
            for p in result.problems:
                f.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
            for gid, error in result.failed_groups:
                f.write(json.dumps({"where": f"group {gid}", "error": error}, ensure_ascii=False) + "\n")
        counts = {"articles": result.articles, "grouped": self.store.grouped(), "groups": self.groups,
                  "problems": len(result.problems) + len(result.failed_groups)}
        write_whole(self.out / "index.html", render_corpus_index(self.store.summaries(), counts))
        (self.out / "outlets.html").write_text(render_outlets(rows, self.profiles), encoding="utf-8")
        self._forget_old_groups()

    def _forget_old_groups(self) -> None:
        """The files of groups an earlier run wrote that this run has not (a group that grew
        is a new group, with a new id): else a reader of groups/ counts a story twice."""
        files = sorted(p for p in (self.out / "groups").iterdir() if p.suffix in (".json", ".html"))
        for i in range(0, len(files), 5000):
            chunk = files[i:i + 5000]
            current = self.store.groups_of(sorted({p.stem for p in chunk}))
            for p in chunk:
                if p.stem not in current:
                    p.unlink(missing_ok=True)


def write_whole(path: Path, text: str | Iterable[str]) -> None:
    """A file written whole or not at all (a temporary file beside it, renamed over it): a
    run stopped mid-write leaves no half document for the next run to reuse. ``text``: a
    string, or its pieces."""
    part = path.with_name(path.name + ".part")
    with open(part, "w", encoding="utf-8") as f:
        f.writelines([text] if isinstance(text, str) else text)
    os.replace(part, path)


@dataclass(frozen=True)
class GroupFiles:
    """What a group adds to the run's output, made where it was compared (a Dask worker): the
    driver only writes these strings down and adds up the figures."""

    document: str | None   # groups/<id>.json (render.html.document_json: the report embeds the same text)
    line: str              # its line of groups.jsonl
    edits: str             # its rows of edits.csv
    summary: dict          # its line of index.html (render.html.story_summary)
    figures: Profiles      # its outlets' figures, to merge into the run's


def group_files(gid: str, members: list[dict], doc: dict, comparison: Comparison | None = None,
                serialise: bool = True) -> GroupFiles:
    """A group's document, lines, index entry and outlets' figures. ``members``: the articles (id, outlet, url,
    published) in the group's order; ``comparison``: ``doc`` as a Comparison, if at hand; ``serialise``:
    False where the document is on disk already (a group a re-run reuses): ``GroupFiles.document`` None."""
    by_id = {v["id"]: v for v in doc["versions"]}
    outlets = [m["outlet"] for m in members]
    flags = []
    if len(set(outlets)) < len(outlets):
        flags.append("same outlet twice: " + ", ".join(sorted({o for o in outlets if outlets.count(o) > 1})))
    reconstructed = any(v.get("reconstructed") for v in doc["versions"])
    if reconstructed:   # a version the original hardly holds: copy rewritten so freely that no reading
        # has a majority, or another dispatch of the event; its edits say little of its outlet
        apart = [f"{v['label']} ({doc['summary'][v['id']]['similarity']:.0%})" for v in doc["versions"]
                 if v["id"] in doc["summary"] and doc["summary"][v["id"]]["similarity"] < LITTLE_IN_COMMON]
        if apart:
            flags.append("little in common with the wire original: " + ", ".join(apart))
    # the contract's fields (docs/contract.md, "Corpus mode output"), then ours
    line = json.dumps({
        "group": gid, "articles": [m["id"] for m in members], "outlets": outlets,
        "comparison": f"groups/{gid}.json",
        "title": doc["title"], "base": doc["base"], "reconstructed": reconstructed, "report": f"groups/{gid}.html",
        "flags": flags,
        "members": [{"id": m["id"], "outlet": m["outlet"], "url": m["url"], "published": m["published"],
                     "where": m.get("where", ""), "version": vid}
                    for m, vid in zip(members, _versions_of(doc, members))],
        "similarity": {vid: s["similarity"] for vid, s in doc["summary"].items()},
    }, ensure_ascii=False) + "\n"
    comparison = comparison or Comparison.from_dict(doc)
    edits = io.StringIO()
    rows = csv.writer(edits, lineterminator="\n")
    for e, edit in zip(doc["edits"], comparison.edits):
        v = by_id[e["version"]]
        rows.writerow((gid, v.get("outlet", ""), v.get("article", ""), e["type"], e["row"], e["base"],
                       e["text"], e.get("kind") or "", e.get("count") or "", v.get("where", ""),
                       moved_after(comparison, edit)))
    summary = story_summary(comparison, f"groups/{gid}.html")
    summary["flags"] = flags
    figures = Profiles()
    figures.add(doc)
    return GroupFiles(document_json(doc) if serialise else None, line, edits.getvalue(), summary, figures)


def printed_versions(doc: dict) -> list[dict]:
    """The versions of a group's document that outlets printed (not the probable wire
    original), in the order of the group's members."""
    return [v for v in doc["versions"] if "article" in v]


def _versions_of(doc: dict, members: list[dict]) -> list[str]:
    """Each member's version in ``doc``, by position (two articles of a folder may share an
    id, the name of their files)."""
    return [v["id"] if v["article"] == m["id"] else "" for m, v in zip(members, printed_versions(doc))]


def _csv(path: Path, rows: Iterable[dict], columns: tuple[str, ...] | None = None) -> None:
    """A CSV file of ``rows``; without ``columns``, those of the first row."""
    if columns is None:
        rows = list(rows)
        columns = tuple(rows[0]) if rows else ("outlet",)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(columns),
                           lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
