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
  theirs, the reading most of them print (on a tie, the base's); a word, not a hole;
- a row the base does not print, and the headline (each outlet writes its own: cut and
  joined word by word it reads as none of them), takes the whole reading most votes print;
  on a tie, the one that shares most words with the others (the same whatever the order
  the versions come in).

Pure: a ``Comparison`` in, a ``Source`` out (to compare again with it as the base:
``on_original``).
"""

from __future__ import annotations

from collections import Counter

from .comparison import compare, most_read
from .diff import Ops
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
    cuts = sorted({0, len(base_text)} | {p for (kept, _), _ in readings_of for span in kept for p in span})
    out: list[str] = []
    for start, end in zip(cuts, cuts[1:]):
        inserted = _majority_insert(readings_of, start, voters)
        out.append(inserted)
        span = base_text[start:end]
        kept_by = votes[c.base] + sum(w for (kept, _), w in readings_of if _keeps(kept, start, end))
        if 2 * (voters - kept_by) <= voters:
            out.append(span)
        elif not inserted:
            out.append(_most_printed(span, kept_by, readings_of, start, end, voters))
    out.append(_majority_insert(readings_of, len(base_text), voters))
    return "".join(out)


def _keeps(kept: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in kept)


def _most_printed(span: str, kept_by: float, readings_of: list, start: int, end: int, voters: float) -> str:
    """What stands at a span most versions change, when no change is made by most: a word
    each outlet spells its own way ("Zelenskyy", "Zelenskiy", "Zelensky") is a word, not a
    hole. If most versions print something there, the reading most of them print (on a tie,
    the base's, then the first version's); else nothing."""
    printed: Counter[str] = Counter({span: kept_by})
    for (kept, ins), w in readings_of:
        if start in ins and not _keeps(kept, start, end):   # it put its own words in the span's place
            printed[ins[start]] += w
    if 2 * sum(printed.values()) <= voters:
        return ""
    return printed.most_common(1)[0][0]


def _side(ops: Ops) -> str:
    return "".join(t for op, t in ops if op >= 0)


def _reading(ops: Ops) -> tuple[list[tuple[int, int]], dict[int, str]]:
    """A version's reading of the base cell: the base spans it keeps, and what it inserts,
    by base position (a change's insertions all at the place the change starts)."""
    kept: list[tuple[int, int]] = []
    inserted: dict[int, str] = {}
    pos, hunk_start = 0, None
    for op, text in ops:
        if op == 0:
            kept.append((pos, pos + len(text)))
            pos += len(text)
            hunk_start = None
            continue
        if hunk_start is None:
            hunk_start = pos
        if op == -1:
            pos += len(text)
        else:
            inserted[hunk_start] = inserted.get(hunk_start, "") + text
    return kept, inserted


def _majority_insert(readings: list[tuple[tuple[list, dict[int, str]], float]], at: int, voters: float) -> str:
    votes: Counter[str] = Counter()
    for (_, ins), weight in readings:
        if at in ins:
            votes[ins[at]] += weight
    if votes:
        text, n = votes.most_common(1)[0]
        if 2 * n > voters:
            return text
    return ""
