"""The data types of a comparison. Their ``to_dict()`` is the ``syndiff/1`` contract;
nothing else in the project builds contract JSON by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .text import count_words

FORMAT = "syndiff/1"

STORY_KINDS = frozenset({"headline", "subhead", "paragraph"})
KINDS = (
    "headline", "subhead", "paragraph",
    "caption", "image", "byline", "timestamp", "boilerplate", "chrome",
)
EDIT_TYPES = (
    "spelling", "style", "punctuation", "dateline", "wording", "insertion", "deletion",
    "headline", "subhead-added", "subhead-removed", "paragraph-added", "paragraph-removed",
    "trimmed", "moved", "split", "merged", "non-story",
)


@dataclass(frozen=True)
class Block:
    index: int
    kind: str
    text: str

    @property
    def is_story(self) -> bool:
        return self.kind in STORY_KINDS

    def to_dict(self) -> dict:
        return {"index": self.index, "kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Source:
    """A version to compare: its label and plain text, with what its loader knows of it."""

    label: str
    text: str
    source: str = ""
    kinds: tuple[str | None, ...] | None = None   # each line's kind, where the page's structure tells
    meta: dict = field(default_factory=dict)      # url, site_name, published, extractor


@dataclass(frozen=True)
class Version:
    id: str
    label: str
    source: str
    blocks: tuple[Block, ...]
    meta: dict = field(default_factory=dict)

    @cached_property  # frozen dataclasses allow it: it writes the instance dict directly
    def story_words(self) -> int:
        return sum(count_words(b.text) for b in self.blocks if b.is_story)

    @property
    def printed(self) -> bool:
        """A version an outlet printed; not a probable wire original rebuilt from them."""
        return not self.meta.get("reconstructed")

    def to_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "source": self.source, **self.meta,
                "blocks": [b.to_dict() for b in self.blocks]}


@dataclass(frozen=True)
class Row:
    index: int
    kind: str
    cells: dict[str, tuple[int, ...]]
    moved: tuple[str, ...] = ()
    diffs: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    approximate: bool = False

    def to_dict(self) -> dict:
        d = {"index": self.index, "kind": self.kind,
             "cells": {vid: list(ix) for vid, ix in self.cells.items()},
             "moved": list(self.moved),
             "diffs": {vid: [[op, text] for op, text in ops] for vid, ops in self.diffs.items()}}
        if self.approximate:
            d["approximate"] = True
        return d


@dataclass(frozen=True)
class Edit:
    type: str
    version: str
    row: int
    base: str
    text: str
    kind: str | None = None
    count: int | None = None

    def to_dict(self) -> dict:
        d = {"type": self.type, "version": self.version, "row": self.row,
             "base": self.base, "text": self.text}
        if self.kind is not None:
            d["kind"] = self.kind
        if self.count is not None:
            d["count"] = self.count
        return d


@dataclass(frozen=True)
class Summary:
    edits: dict[str, int]
    story_words: int
    shared_words: int
    similarity: float

    def to_dict(self) -> dict:
        return {"edits": dict(self.edits), "story_words": self.story_words,
                "shared_words": self.shared_words, "similarity": self.similarity}


@dataclass(frozen=True)
class Comparison:
    title: str
    base: str
    versions: tuple[Version, ...]
    rows: tuple[Row, ...]
    edits: tuple[Edit, ...]
    summary: dict[str, Summary]

    @cached_property
    def _row_of_block(self) -> dict[tuple[str, int], int]:
        return {(vid, i): r.index for r in self.rows for vid, ix in r.cells.items() for i in ix}

    def row_of(self, vid: str, block: int) -> int:
        """The row a version's block stands in."""
        return self._row_of_block[vid, block]

    def printed_after(self, row: Row, vid: str) -> int | None:
        """For a block the version moved: the row of the block it follows in the version's
        own order (-1 if it comes first)."""
        first = row.cells[vid][0]
        return self.row_of(vid, first - 1) if first else -1

    def version(self, vid: str) -> Version:
        for v in self.versions:
            if v.id == vid:
                return v
        raise KeyError(vid)

    @classmethod
    def from_dict(cls, d: dict) -> Comparison:
        """The comparison a ``syndiff/1`` document describes (as ``to_dict`` wrote it)."""
        versions = tuple(
            Version(v["id"], v["label"], v["source"],
                    tuple(Block(b["index"], b["kind"], b["text"]) for b in v["blocks"]),
                    {k: x for k, x in v.items() if k not in ("id", "label", "source", "blocks")})
            for v in d["versions"])
        rows = tuple(
            Row(r["index"], r["kind"], {vid: tuple(ix) for vid, ix in r["cells"].items()}, tuple(r["moved"]),
                {vid: tuple((op, t) for op, t in ops) for vid, ops in r["diffs"].items()},
                r.get("approximate", False))
            for r in d["rows"])
        edits = tuple(Edit(e["type"], e["version"], e["row"], e["base"], e["text"], e.get("kind"), e.get("count"))
                      for e in d["edits"])
        summary = {vid: Summary(dict(s["edits"]), s["story_words"], s["shared_words"], s["similarity"])
                   for vid, s in d["summary"].items()}
        return cls(d["title"], d["base"], versions, rows, edits, summary)

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "title": self.title,
            "base": self.base,
            "versions": [v.to_dict() for v in self.versions],
            "rows": [r.to_dict() for r in self.rows],
            "edits": [e.to_dict() for e in self.edits],
            "summary": {vid: s.to_dict() for vid, s in self.summary.items()},
        }
