"""``compare``: versions in, ``Comparison`` out. Reads top to bottom as the pipeline runs:
blocks and kinds, base, alignment, rows, word diffs, edits, summary."""

from __future__ import annotations

import bisect
import re
import time
from collections import Counter
from collections.abc import Iterable

from . import kinds as kinds_mod
from .align import STOPWORDS, Match, Side, align, dice
from .diff import Ops, side, word_diff
from .edits import split_dateline, style_key, typed_hunks
from .errors import InputError
from .model import STORY_KINDS, Block, Comparison, Edit, Row, Source, Summary, Version
from .settings import DEFAULTS
from .text import CJK, COUNTED, count_words, lines, slug, words
from .text import reflow as reflow_text

SPENT_BUDGET_TIMEOUT = 0.001  # seconds a row's diff may take once the comparison's budget is spent
GAP_SIMILARITY = 0.6  # blocks two versions add at the same place share a row when this alike


def compare(
    versions: Iterable[tuple[str, str] | Source],
    base: str | None = None,
    *,
    reflow: bool = False,
    sources: Iterable[str] | None = None,
    diff_timeout: float = DEFAULTS["diff_timeout"],
    diff_budget: float = DEFAULTS["diff_budget"],
    max_versions: int = DEFAULTS["max_versions"],
    max_chars: int = DEFAULTS["max_chars"],
    typed: bool = True,
) -> Comparison:
    """Compare two or more versions of a story.

    versions: (label, plain text) pairs, or ``Source`` objects (text with the kinds a page's
        structure gives its lines, and metadata), in the order they are to be shown.
    base: id or label of the version edits are read from; default the one with the most
        story words (the first given on a tie).
    reflow: rejoin hard-wrapped column lines into paragraphs first (OCR of old pages).
    sources: where each text came from (file name, URL), kept in the result.
    diff_timeout, diff_budget, max_versions, max_chars: the limits of ``settings.SETTINGS``.
    typed: False leaves out the edits and the summaries (zero): the rows, their kinds and
        their word diffs only, what rebuilding the wire original needs, in less time.
    Raises InputError for input it cannot compare.
    """
    given = list(versions)
    srcs = list(sources) if sources is not None else [""] * len(given)
    pairs: list[Source] = []
    for n, item in enumerate(given, start=1):
        if isinstance(item, Source):
            pairs.append(item)
            continue
        if not (isinstance(item, tuple | list) and len(item) == 2):
            raise InputError(f"version {n}: give (label, text) pairs, not {type(item).__name__}")
        if not all(isinstance(x, str) for x in item):
            kinds = " and ".join(type(x).__name__ for x in item)
            raise InputError(f"version {n}: label and text must be str, not {kinds} (decode bytes first)")
        pairs.append(Source(item[0], item[1], srcs[n - 1] if n <= len(srcs) else ""))
    if len(pairs) < 2:
        raise InputError(f"need at least 2 versions to compare, got {len(pairs)}")
    if len(pairs) > max_versions:
        raise InputError(f"{len(pairs)} versions: at most {max_versions} can be compared at once")
    for p in pairs:
        if len(p.text) > max_chars:
            raise InputError(f"{p.label}: {len(p.text):,} characters, more than the {max_chars:,} a version may have")
    line_lists = [lines(reflow_text(p.text) if reflow and p.kinds is None else p.text) for p in pairs]
    for p, ls in zip(pairs, line_lists):
        if not ls:
            raise InputError(f"{p.label}: the version is empty (no text to compare)")
    hints = [list(p.kinds) if p.kinds is not None and len(p.kinds) == len(ls) else None
             for p, ls in zip(pairs, line_lists)]
    word_lists = [[words(line) for line in ls] for ls in line_lists]
    kind_lists = kinds_mod.classify(line_lists, word_lists, hints)
    for p, ks in zip(pairs, kind_lists):
        if not any(k in STORY_KINDS for k in ks):   # else the base's whole story reads as "trimmed"
            raise InputError(f"{p.label}: no story text: its {len(ks)} line(s) are all captions, "
                             f"credits or page furniture ({', '.join(sorted(set(ks)))})")
    ids = _unique_ids([p.label for p in pairs])
    vs = tuple(
        Version(vid, p.label, p.source, tuple(Block(i, k, t) for i, (t, k) in enumerate(zip(ls, ks))), dict(p.meta))
        for vid, p, ls, ks in zip(ids, pairs, line_lists, kind_lists)
    )
    base_v = _choose_base(vs, base)
    others = [v for v in vs if v is not base_v]
    sides = {v.id: Side(v.blocks) for v in vs}
    matches = {v.id: align(sides[base_v.id], sides[v.id]) for v in others}
    rows = _rows(base_v, others, matches, sides)
    return _finish(base_v, vs, rows, _memo_diff(diff_timeout, diff_budget), typed)


def _unique_ids(labels: list[str]) -> list[str]:
    ids: list[str] = []
    for k, label in enumerate(labels):
        stem = slug(label) or f"version-{k + 1}"  # a label in another script than Latin
        vid, n = stem, 1
        while vid in ids:
            n += 1
            vid = f"{stem}-{n}"
        ids.append(vid)
    return ids


def _choose_base(vs: tuple[Version, ...], base: str | None) -> Version:
    if base is None:
        return max(vs, key=lambda v: v.story_words)  # max keeps the first on a tie
    for v in vs:
        if base in (v.id, v.label):
            return v
    # written another way ("Japannews", "JAPAN NEWS", "japan_news"): the one version it can mean
    near = [v for v in vs if _loose(base) in (_loose(v.id), _loose(v.label))]
    if len(near) == 1:
        return near[0]
    known = ", ".join(v.id for v in vs)
    raise InputError(f"unknown base {base!r}: give the id or label of a version ({known})")


def _loose(name: str) -> str:
    """A name's letters and digits, in one case: "Japan News", "japan-news", "Japannews" alike."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


# --- rows ---------------------------------------------------------------------------------

class _RowDraft:
    """A row being built; ``kind``, ``text`` and ``words`` describe the first block of a gap row."""

    __slots__ = ("cells", "matches", "moved", "kind", "text", "words")

    def __init__(self, kind: str = "", text: str = "", words: frozenset = frozenset()) -> None:
        self.cells: dict[str, list[int]] = {}
        self.matches: dict[str, list[Match]] = {}  # each version's own pairs in this row
        self.moved: set[str] = set()
        self.kind, self.text, self.words = kind, text, words


def _rows(base: Version, others: list[Version], matches: dict[str, list[Match]],
          sides: dict[str, Side]) -> list[_RowDraft]:
    """The alignment table: a row per base block (merged blocks share one), and rows of their
    own for the blocks only other versions have, placed where those versions print them."""
    # Base blocks that some version merged into one block share a row.
    group = list(range(len(base.blocks)))
    for ms in matches.values():
        for m in ms:
            for a, b in zip(m.base, m.base[1:]):
                for i in range(a + 1, b + 1):
                    group[i] = group[a]
    base_rows: list[_RowDraft] = []
    row_of_base: list[int] = []
    for i, g in enumerate(group):
        if i == 0 or g != group[i - 1]:
            base_rows.append(_RowDraft())
            base_rows[-1].cells[base.id] = []
        base_rows[-1].cells[base.id].append(i)
        row_of_base.append(len(base_rows) - 1)

    gaps: list[list[_RowDraft]] = [[] for _ in range(len(base_rows) + 1)]
    for v in others:
        row_of: dict[int, int] = {}   # version block -> base row, for blocks in reading order
        for m in matches[v.id]:
            r = row_of_base[m.base[0]]
            base_rows[r].cells.setdefault(v.id, []).extend(m.version)
            base_rows[r].matches.setdefault(v.id, []).append(m)
            if m.moved:
                base_rows[r].moved.add(v.id)
            else:
                row_of.update((j, r) for j in m.version)
        placed = {j for m in matches[v.id] for j in m.version}
        ordered = sorted(row_of)
        pending: dict[int, list[int]] = {}
        for j in range(len(v.blocks)):
            if j in placed:
                continue
            k = bisect.bisect_left(ordered, j)
            before = ordered[k - 1] if k else None
            after = ordered[k] if k < len(ordered) else None
            if before is not None and after is not None and row_of[before] == row_of[after]:
                base_rows[row_of[before]].cells[v.id].append(j)  # inside a merged row
            elif before is not None:
                pending.setdefault(row_of[before] + 1, []).append(j)
            elif after is not None:
                pending.setdefault(row_of[after], []).append(j)
            else:
                pending.setdefault(len(base_rows), []).append(j)
        for g, js in pending.items():
            _place_in_gap(gaps[g], v, js, sides[v.id])
    for r in base_rows:
        for cell in r.cells.values():
            cell.sort()
    out: list[_RowDraft] = []
    for g, gap in enumerate(gaps):
        out += gap
        if g < len(base_rows):
            out.append(base_rows[g])
    return out


def _place_in_gap(gap: list[_RowDraft], v: Version, js: list[int], side: Side) -> None:
    """Blocks that two versions add at the same place share a row when they read alike."""
    pos = 0
    for j in js:
        blk = v.blocks[j]
        mine = side.sets[j]
        hit = next((r for r in range(pos, len(gap))
                    if v.id not in gap[r].cells and gap[r].kind == blk.kind
                    and (gap[r].text == blk.text or dice(gap[r].words, mine) >= GAP_SIMILARITY)), None)
        if hit is None:
            hit = pos
            gap.insert(hit, _RowDraft(blk.kind, blk.text, mine))
        gap[hit].cells[v.id] = [j]
        pos = hit + 1


# --- diffs, edits, summary ----------------------------------------------------------------

def _finish(base: Version, vs: tuple[Version, ...], drafts: list[_RowDraft], diff, typed: bool) -> Comparison:
    ordered_ids = [v.id for v in vs]
    others = [v for v in vs if v is not base]
    rows: list[Row] = []
    edits: list[Edit] = []
    shared: Counter[str] = Counter()
    trimmed = {v.id: _trimmed_run(base, v.id, drafts) if typed else [] for v in others}
    trimmed_sets = {vid: set(run) for vid, run in trimmed.items()}
    for n, d in enumerate(drafts):
        cells = {vid: tuple(d.cells.get(vid, ())) for vid in ordered_ids}
        kind = _row_kind(base, vs, cells)
        diffs: dict[str, Ops] = {}
        approximate = False
        for v in others:
            run = trimmed[v.id]
            if run and run[0] in cells[base.id]:
                texts = [base.blocks[i].text for i in run]
                edits.append(Edit("trimmed", v.id, n, "\n".join(texts), "", count=len(texts)))
            ms = d.matches.get(v.id, [])
            paired_b = tuple(sorted(i for m in ms for i in m.base))
            paired_v = tuple(sorted(j for m in ms for j in m.version))
            if typed:
                edits += _unpaired_edits(n, base, v, cells, paired_b, paired_v, trimmed_sets[v.id])
            if not cells[v.id]:
                continue
            # The diff pairs what the version itself paired; the blocks it left unpaired in the
            # row (another version's merge, an ad between the halves of a split) are spliced
            # in whole, as added or removed.
            bcore, binserts = _core(base, cells[base.id], paired_b)
            vcore, vinserts = _core(v, cells[v.id], paired_v)
            dateline_ops, ops, approx = _row_diff(bcore, vcore, kind, diff)
            approximate |= approx
            core_ops = _merge(dateline_ops + ops)
            diffs[v.id] = _merge(_splice(_splice(core_ops, -1, binserts), 1, vinserts))
            if ms and typed:
                edits += _paired_edits(n, kind, v.id, ms, base, v, bcore, vcore, dateline_ops, ops)
                if kind in STORY_KINDS:
                    shared[v.id] += _shared_words(core_ops, vcore)
        rows.append(Row(n, kind, cells, tuple(vid for vid in ordered_ids if vid in d.moved), diffs, approximate))
    order = {vid: k for k, vid in enumerate(ordered_ids)}
    edits.sort(key=lambda e: (order[e.version], e.row))  # stable: a row's edits keep their order
    counts = {v.id: Counter() for v in others}
    for e in edits:
        counts[e.version][e.type] += 1
    summary = {}
    for v in others:
        total = v.story_words + base.story_words
        sim = round(2 * shared[v.id] / total, 4) if total else 0.0
        summary[v.id] = Summary(dict(counts[v.id]), v.story_words, shared[v.id], sim)
    return Comparison(_title(base, vs), base.id, vs, tuple(rows), tuple(edits), summary)


def _text(v: Version, ix: tuple[int, ...]) -> str:
    return "\n".join(v.blocks[i].text for i in ix)


def _core(v: Version, ix: tuple[int, ...], paired: tuple[int, ...]) -> tuple[str, list[tuple[int, str]]]:
    """The text of a cell's paired blocks, and its other blocks as (position in that text,
    text to insert there)."""
    if len(ix) == len(paired):
        return _text(v, ix), []
    keep = set(paired)
    core: list[str] = []
    inserts: list[tuple[int, str]] = []
    pos, pending = 0, []
    for i in ix:
        text = v.blocks[i].text
        if i not in keep:
            pending.append(text)
            continue
        if pending:
            inserts.append((pos, "\n" + "\n".join(pending)) if core else (0, "\n".join(pending) + "\n"))
            pending = []
        pos += len(text) + (1 if core else 0)
        core.append(text)
    if pending:
        inserts.append((pos, "\n" + "\n".join(pending)) if core else (0, "\n".join(pending)))
    return "\n".join(core), inserts


def _splice(ops: Ops, which: int, inserts: list[tuple[int, str]]) -> Ops:
    """Ops with texts added to one side (``-1`` base, ``1`` version) at positions of that side."""
    if not inserts:
        return ops
    out: Ops = []
    pos, k = 0, 0
    for op, t in ops:
        if op == -which:  # the other side's text: no position of ours
            out.append((op, t))
            continue
        while k < len(inserts) and inserts[k][0] <= pos + len(t):
            cut = inserts[k][0] - pos
            if cut:
                out.append((op, t[:cut]))
            out.append((which, inserts[k][1]))
            t, pos, k = t[cut:], inserts[k][0], k + 1
        out.append((op, t))
        pos += len(t)
    out += [(which, text) for _, text in inserts[k:]]
    return out


def _title(base: Version, vs: tuple[Version, ...]) -> str:
    """The base's headline, else the one most other versions print (``most_read``), else the
    base's first story line."""
    head = next((b.text for b in base.blocks if b.kind == "headline"), None)
    if head is None:
        heads = Counter(next((b.text for b in v.blocks if b.kind == "headline"), None) for v in vs)
        heads.pop(None, None)
        head = most_read(heads) if heads else next((b.text for b in base.blocks if b.is_story), None)
    if head is None:
        return base.label
    return head if len(head) <= 160 else head[:157].rstrip() + "…"


def most_read(readings: Counter[str]) -> str:
    """The reading printed most (by the votes counted); on a tie (each paper its own
    headline), the one that shares most content words with the others, then the one most
    made of letters, then the first in alphabetical order: the same whatever order the
    versions were given in."""
    top = max(readings.values())
    tied = sorted(r for r, n in readings.items() if n == top)
    if len(tied) == 1:
        return tied[0]
    content = {r: set(words(r.casefold())) - STOPWORDS for r in readings}

    def shared(r: str) -> tuple[float, float]:
        """Words in common with the others, then the share of its marks that are letters
        (OCR's "1 m tit :tj" loses to "WILSON")."""
        marks = [ch for ch in r if not ch.isspace()]
        return (sum(n * len(content[r] & content[o]) / (len(content[r] | content[o]) or 1)
                    for o, n in readings.items() if o != r),
                sum(ch.isalpha() for ch in marks) / (len(marks) or 1))

    return max(tied, key=shared)   # max keeps the first (alphabetical) of equals


def _row_kind(base: Version, vs: tuple[Version, ...], cells: dict[str, tuple[int, ...]]) -> str:
    """The kind of the base's blocks in the row, else of the first version's that has some."""
    for v in (base, *vs):
        if cells[v.id]:
            return v.blocks[cells[v.id][0]].kind
    raise AssertionError("a row without blocks")


def _memo_diff(timeout: float, budget: float):
    """word_diff for one comparison: remembered (outlets make the same changes to the same
    cells), each row's diff within ``timeout`` and all of them within ``budget`` seconds;
    once the budget is spent, each row gets what a diff finds in a moment (0 or less: no
    limit)."""
    memo: dict[tuple[str, str], tuple[Ops, bool]] = {}
    deadline = time.monotonic() + budget if budget > 0 else None

    def diff(a: str, b: str) -> tuple[Ops, bool]:
        if (a, b) not in memo:
            limit = timeout
            if deadline is not None:
                left = max(deadline - time.monotonic(), SPENT_BUDGET_TIMEOUT)
                limit = min(timeout, left) if timeout > 0 else left
            memo[a, b] = word_diff(a, b, limit)
        return memo[a, b]

    return diff


def _row_diff(btext: str, vtext: str, kind: str, diff) -> tuple[Ops, Ops, bool]:
    """Word diff of a cell; a paragraph's dateline is diffed on its own, before the rest."""
    if kind == "paragraph" and btext and vtext:
        bd, brest = split_dateline(btext)
        vd, vrest = split_dateline(vtext)
        if bd or vd:
            d_ops, a1 = diff(bd, vd)
            r_ops, a2 = diff(brest, vrest)
            return d_ops, r_ops, a1 or a2
    ops, approx = diff(btext, vtext)
    return [], ops, approx


def _merge(ops: Ops) -> Ops:
    out: Ops = []
    for op, t in ops:
        if not t:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + t)
        else:
            out.append((op, t))
    return out


def _shared_words(ops: Ops, vtext: str) -> int:
    """Words of the version's cell whose letters and digits the diff finds unchanged from
    the base (a restyled quote mark or an added comma leaves a word shared)."""
    if len(ops) == 1 and ops[0][0] == 0:
        return count_words(vtext)
    if _NOT_SPACE_SEPARATED.search(vtext):
        return _shared_words_by_mask(ops, vtext)
    # The version's text with every character standing for what the diff did to it: "a"
    # kept, "b" an added letter or digit, "c" added punctuation; spaces stay spaces.
    marks = []
    for op, t in ops:
        if op == 0:
            marks.append(_NOT_SPACE.sub("a", t))
        elif op == 1:
            marks.append("".join(" " if ch.isspace() else "b" if ch.isalnum() else "c" for ch in t))
    return sum(1 for w in "".join(marks).split() if "b" not in w and "a" in w)


_NOT_SPACE = re.compile(r"\S")
# Text whose words are not all runs between spaces (a CJK character counts as a word, CJK
# punctuation as none): counted by COUNTED's matches instead.
_NOT_SPACE_SEPARATED = re.compile(rf"[{CJK}\u3000-\u303f\uff00-\uff65]")


def _shared_words_by_mask(ops: Ops, vtext: str) -> int:
    mask = bytearray(len(vtext))
    pos = 0
    for op, t in ops:
        if op == 0:
            mask[pos:pos + len(t)] = b"\x01" * len(t)
        elif op == 1:
            for k, ch in enumerate(t):
                if not ch.isalnum():
                    mask[pos + k] = 2   # added punctuation: neither shared nor a change of words
        if op >= 0:
            pos += len(t)
    return sum(1 for m in COUNTED.finditer(vtext)
               if mask.find(0, m.start(), m.end()) == -1 and mask.find(1, m.start(), m.end()) != -1)


def _trimmed_run(base: Version, vid: str, drafts: list[_RowDraft]) -> list[int]:
    """The base's last story blocks that the version does not print at all."""
    printed = {i for d in drafts for m in d.matches.get(vid, ()) for i in m.base}
    run: list[int] = []
    for blk in reversed(base.blocks):
        if not blk.is_story:
            continue
        if blk.index in printed:
            break
        run.append(blk.index)
    return run[::-1]


_ADDED = {"headline": "headline", "subhead": "subhead-added", "paragraph": "paragraph-added"}
_REMOVED = {"headline": "headline", "subhead": "subhead-removed", "paragraph": "paragraph-removed"}


def _unpaired_edits(n: int, base: Version, v: Version, cells: dict[str, tuple[int, ...]],
                    paired_b: tuple[int, ...], paired_v: tuple[int, ...], trimmed: set[int]) -> list[Edit]:
    """Blocks of the row that the version did not pair: printed only by the base (removed,
    unless part of the trimmed tail) or only by the version (added)."""
    return ([_whole(n, v.id, _REMOVED, base.blocks[i], base.blocks[i].text, "")
             for i in cells[base.id] if i not in paired_b and i not in trimmed]
            + [_whole(n, v.id, _ADDED, v.blocks[j], "", v.blocks[j].text)
               for j in cells[v.id] if j not in paired_v])


def _paired_edits(n: int, kind: str, vid: str, ms: list[Match], base: Version, v: Version,
                  btext: str, vtext: str, dateline_ops: Ops, ops: Ops) -> list[Edit]:
    """What changed between the blocks the version paired with the base's in this row."""
    if kind not in STORY_KINDS:
        return [] if btext == vtext else [Edit("non-story", vid, n, btext, vtext, kind=kind)]
    if kind == "headline":
        return [] if btext == vtext else [Edit("headline", vid, n, btext, vtext)]
    out = []
    for m in ms:
        mb, mv = _text(base, m.base), _text(v, m.version)
        if m.moved:
            out.append(Edit("moved", vid, n, mb, mv))
        if len(m.version) > len(m.base):
            out.append(Edit("split", vid, n, mb, mv))
        elif len(m.base) > len(m.version):
            out.append(Edit("merged", vid, n, mb, mv))
    if any(op for op, _ in dateline_ops):  # one edit for the whole dateline
        bd, vd = side(dateline_ops, -1).strip(), side(dateline_ops, 1).strip()
        out.append(Edit("style" if style_key(bd) == style_key(vd) else "dateline", vid, n, bd, vd))
    for type_, b, t in typed_hunks(ops):
        out.append(Edit(type_, vid, n, b, t))
    return out


def _whole(n: int, vid: str, types: dict[str, str], blk: Block, base: str, text: str) -> Edit:
    if blk.is_story:
        return Edit(types[blk.kind], vid, n, base, text)
    return Edit("non-story", vid, n, base, text, kind=blk.kind)
