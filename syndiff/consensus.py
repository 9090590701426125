"""The probable wire original of a group of versions: the majority reading of every aligned
row and word, so that each edit can be laid at the door of the outlet that made it.

From a comparison of the versions (on any base), each outlet having one vote (an outlet
that printed the story twice, an update or the same page again, splits its vote between
its versions, so that it does not outvote the others):

- a row is in the original when more than half the votes print it;
- within a row, the versions that print it vote on the base's text, cut into spans at
  every place one of them changes it: a span stays unless more than half drop it, and
  what versions insert at one place goes in when more than half insert the same text;
- a span more than half change, none of the changes made by more than half (a name each
  outlet spells its own way): if more than half print words in its place, its own or
  theirs, the reading most of them print (on a tie, the base's, else the one sharing most
  words with the others); a word, not a hole. A change that reaches past the spans most
  versions drop is not counted there: it would print words twice;
- a row the base does not print, and the headline (each outlet writes its own: cut and
  joined word by word it reads as none of them), takes the whole reading most votes print;
  on a tie, the one that shares most words with the others (the same whatever the order
  the versions come in).

Pure: a ``Comparison`` in, a ``Source`` out (to compare again with it as the base:
``on_original``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .comparison import compare, most_read
from .diff import Ops
from .errors import InputError
from .model import Comparison, Row, Source

LABEL = "Probable wire original"


def consensus(c: Comparison, label: str = LABEL) -> Source:
    """The majority text of ``c``'s versions, one line a block, each with its row's kind."""
    lines: list[str] = []
    kinds: list[str] = []
    votes = _votes(c)
    for row in c.rows:
        printing = [vid for vid, cell in row.cells.items() if cell]
        if 2 * sum(votes[vid] for vid in printing) <= sum(votes.values()):
            continue
        text = _row_text(c, row, printing, votes)
        for line in text.split("\n"):
            if line.strip():
                lines.append(line.strip())
                kinds.append(row.kind)
    source = f"majority reading of {len(c.versions)} versions"
    return Source(label, "\n".join(lines), source, tuple(kinds), {"reconstructed": True})


def compare_on_original(sources: list, reflow: bool = False, **limits) -> Comparison:
    """The versions compared on their probable wire original: ``compare`` (untyped), then
    ``on_original``. Raises InputError for fewer than 3 versions: no majority to find."""
    if len(sources) < 3:
        raise InputError(f"the wire original needs 3 or more versions (a majority to find), {len(sources)} given")
    return on_original(compare(sources, reflow=reflow, typed=False, **limits), **limits)


def on_original(c: Comparison, label: str = LABEL, **limits) -> Comparison:
    """``c``'s versions compared again, on their probable wire original as the base. ``c``
    may be untyped (``compare(..., typed=False)``: the original needs its rows and diffs
    only). Each line keeps the kind ``c`` found for it: the original is made of the
    versions' own readings, no new evidence of what a line is (and classifying again took
    a tenth of a corpus group's time). ``limits``: those of ``compare``."""
    wire = consensus(c, label)
    again = [Source(v.label, "\n".join(b.text for b in v.blocks), v.source, tuple(b.kind for b in v.blocks), v.meta)
             for v in c.versions]
    return compare([wire, *again], base=wire.label, **limits)


def _votes(c: Comparison) -> dict[str, float]:
    """Each version's vote: one an outlet (its ``outlet`` metadata, as corpus mode gives it,
    else the version itself), split between the versions of an outlet."""
    outlets = {v.id: str(v.meta.get("outlet") or v.id) for v in c.versions}
    printed = Counter(outlets.values())
    return {vid: 1 / printed[o] for vid, o in outlets.items()}


def _row_text(c: Comparison, row: Row, printing: list[str], votes: dict[str, float]) -> str:
    base_text = "\n".join(c.version(c.base).blocks[i].text for i in row.cells.get(c.base, ()))
    if not base_text or row.kind == "headline":   # the whole reading most votes print
        readings: Counter[str] = Counter()
        for vid in printing:
            readings[base_text if vid == c.base else _side(row.diffs[vid])] += votes[vid]
        return most_read(readings)
    others = [vid for vid in printing if vid != c.base]
    readings_of = [(_reading(row.diffs[vid]), votes[vid]) for vid in others]
    voters = sum(votes[vid] for vid in printing)   # the base keeps its text and inserts nothing
    cuts = sorted({0, len(base_text)} | {p for r, _ in readings_of for span in r.kept for p in span})
    spans = list(zip(cuts, cuts[1:]))
    kept_by = [votes[c.base] + sum(w for r, w in readings_of if r.keeps(a, b)) for a, b in spans]
    # the base positions up to which every span from here on is dropped by most versions
    dropped_to: dict[int, int] = {}
    for (a, b), k in reversed(list(zip(spans, kept_by))):
        if 2 * (voters - k) > voters:
            dropped_to[a] = dropped_to.get(b, b)
    out: list[str] = []
    replaced_to = 0   # a reading put in the place of several spans covers them up to here
    for (start, end), k in zip(spans, kept_by):
        inserted = _majority_insert(readings_of, start, voters)
        out.append(inserted)
        if start not in dropped_to:
            out.append(base_text[start:end])
        elif not inserted and start >= replaced_to:
            text, replaced_to = _most_printed(base_text[start:end], k, readings_of, start, dropped_to[start], voters)
            out.append(text)
    out.append(_majority_insert(readings_of, len(base_text), voters))
    return "".join(out)


def _most_printed(span: str, kept_by: float, readings_of: list, start: int, limit: int,
                  voters: float) -> tuple[str, int]:
    """What stands at a span most versions change, when no change is made by most: a word
    each outlet spells its own way ("Zelenskyy", "Zelenskiy", "Zelensky") is a word, not a
    hole. If most versions print something there (the span, or words put in its place, or
    in the place of it and of the spans after it that most versions drop too, up to
    ``limit``), the reading most of them print (on a tie, the base's, else ``most_read``'s),
    and the base position up to which it stands; else nothing."""
    printed: Counter[str] = Counter({span: kept_by})
    reach = {span: start}
    for r, w in readings_of:
        if start in r.inserted and start < r.replaced[start] <= limit:
            printed[r.inserted[start]] += w
            reach[r.inserted[start]] = max(reach.get(r.inserted[start], 0), r.replaced[start])
    if 2 * sum(printed.values()) <= voters:
        return "", start
    top = max(printed.values())
    text = span if printed[span] == top else most_read(Counter({t: n for t, n in printed.items() if n == top}))
    return text, reach[text]


def _side(ops: Ops) -> str:
    return "".join(t for op, t in ops if op >= 0)


@dataclass
class _Reading:
    """A version's reading of the base cell: the base spans it keeps; what it inserts, by
    base position (a change's insertions all at the place the change starts); and where
    each change that starts there ends in the base."""

    kept: list[tuple[int, int]] = field(default_factory=list)
    inserted: dict[int, str] = field(default_factory=dict)
    replaced: dict[int, int] = field(default_factory=dict)

    def keeps(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.kept)


def _reading(ops: Ops) -> _Reading:
    r = _Reading()
    pos, hunk_start = 0, None
    for op, text in ops:
        if op == 0:
            r.kept.append((pos, pos + len(text)))
            pos += len(text)
            hunk_start = None
            continue
        if hunk_start is None:
            hunk_start = pos
        if op == -1:
            pos += len(text)
        else:
            r.inserted[hunk_start] = r.inserted.get(hunk_start, "") + text
        r.replaced[hunk_start] = pos
    return r


def _majority_insert(readings: list[tuple[_Reading, float]], at: int, voters: float) -> str:
    votes: Counter[str] = Counter()
    for r, weight in readings:
        if at in r.inserted:
            votes[r.inserted[at]] += weight
    if votes:
        text, n = votes.most_common(1)[0]
        if 2 * n > voters:
            return text
    return ""
