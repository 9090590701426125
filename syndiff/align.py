"""Alignment of one version's blocks against the base's.

1. Story blocks first. Anchors: blocks whose text is the same on both sides and unique on
   each, kept where they stand in the same order (the longest increasing run), as
   patience diff does. The headlines are paired whatever their wording.
2. Between anchors, a monotone dynamic programme over word similarity (Dice on the sets
   of content words) with 1:1, 1:k (split) and k:1 (merge) steps.
3. Non-story blocks: the same programme, between the story matches they stand between,
   each only with blocks of its own kind.
4. A last pass pairs the story blocks left over on both sides that still read alike:
   they moved.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .diff import same_items
from .model import Block
from .text import words

# Words too common to say two blocks share content.
STOPWORDS = frozenset(
    "a an and are as at be but by for from had has have he her his in is it its of on or "
    "said says she that the their they this to was were which who will with".split()
)

MATCH_THRESHOLD = 0.3      # Dice of content words for two story blocks to be the same one
NONSTORY_THRESHOLD = 0.6   # non-story blocks pair only when nearly the same
MOVED_THRESHOLD = 0.5      # a block out of order must read clearly alike to count as moved
SPLIT_PENALTY = 0.01       # each extra block of a split or merge must gain this much over 1:1
MAX_JOIN = 10              # the most blocks one paragraph is split into or merged from
PART_CONTAINMENT = 0.5     # share of a part's content words found in the whole it joins
MAX_DP_CELLS = 40_000      # past this window size (200 x 200 blocks), 1:1 pairs from a sparse chain
COMMON_WORD_BLOCKS = 200   # a word in more blocks than this does not propose pairs in a sparse chain
MAX_CANDIDATES = 20        # base blocks a version block is weighed against in a sparse chain


@dataclass(frozen=True)
class Match:
    base: tuple[int, ...]
    version: tuple[int, ...]
    moved: bool = False


class Side:
    """A version's blocks with the features the aligner compares: build it once a version."""

    __slots__ = ("blocks", "sets", "keys")

    def __init__(self, blocks: tuple[Block, ...]):
        self.blocks = blocks
        self.sets: list[frozenset[str]] = []
        self.keys: list[str] = []
        for b in blocks:
            content, key = _features(b.text)
            self.sets.append(content)
            self.keys.append(key)


@lru_cache(4096)   # the lines of a large group, both times (~2 KB a line)
def _features(text: str) -> tuple[frozenset[str], str]:
    """A block's content words, and its words as one string (equal for blocks with the same
    words; for a line of marks alone, its marks). Remembered: versions print the same
    lines, and a corpus group is aligned twice."""
    ws = words(text)
    if not ws:   # a separator ("-", "•", "* * *"): the same marks are the same line, spaced or not
        marks = "".join(text.split())
        return frozenset([marks]), marks
    return frozenset(ws).difference(STOPWORDS), " ".join(ws)


def dice(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _compatible(a: Block, b: Block) -> bool:
    if a.is_story and b.is_story:
        return (a.kind == "headline") == (b.kind == "headline")
    return a.kind == b.kind


def _threshold(a: Block) -> float:
    return MATCH_THRESHOLD if a.is_story else NONSTORY_THRESHOLD


def align(b: Side, v: Side) -> list[Match]:
    """Matches of base blocks to version blocks: the story first, then the non-story blocks
    between the story matches they stand between (so an ad or a caption in the middle of a
    split paragraph does not hide the split). Moved story blocks come last."""
    b_story = [i for i, blk in enumerate(b.blocks) if blk.is_story]
    v_story = [j for j, blk in enumerate(v.blocks) if blk.is_story]
    story = _align_sequences(b, v, b_story, v_story)
    matches: list[Match] = []
    prev_i = prev_j = -1
    for m in story + [Match((len(b.blocks),), (len(v.blocks),))]:
        bi = [i for i in range(prev_i + 1, m.base[0]) if not b.blocks[i].is_story]
        vj = [j for j in range(prev_j + 1, m.version[0]) if not v.blocks[j].is_story]
        matches += _dp(b, v, bi, vj)
        if m.base[0] < len(b.blocks):
            matches.append(m)
        prev_i, prev_j = m.base[-1], m.version[-1]
    return matches + _moved(b, v, matches)


def _align_sequences(b: Side, v: Side, bi: list[int], vj: list[int]) -> list[Match]:
    """Monotone matches between the blocks ``bi`` and ``vj``: anchors, then DP between them."""
    matches: list[Match] = []
    x0 = y0 = 0
    for x, y in _anchors(b, v, bi, vj) + [(len(bi), len(vj))]:
        matches += _dp(b, v, bi[x0:x], vj[y0:y])
        if x < len(bi):
            matches.append(Match((bi[x],), (vj[y],)))
        x0, y0 = x + 1, y + 1
    return matches


def _anchors(b: Side, v: Side, bi: list[int], vj: list[int]) -> list[tuple[int, int]]:
    """Positions (in ``bi``, ``vj``) of blocks with the same words, unique on each side, in
    the longest run that keeps both orders; the headlines are paired whatever they say."""
    def unique(side: Side, ix: list[int]) -> dict[str, int]:
        first: dict[str, int] = {}
        dup = set()
        for pos, i in enumerate(ix):
            k = side.keys[i]
            if k in first:
                dup.add(k)
            first.setdefault(k, pos)
        return {k: pos for k, pos in first.items() if k and k not in dup}

    ub, uv = unique(b, bi), unique(v, vj)
    pairs = [(x, uv[k]) for k, x in ub.items() if k in uv and _compatible(b.blocks[bi[x]], v.blocks[vj[uv[k]]])]
    if bi and vj and b.blocks[bi[0]].kind == "headline" and v.blocks[vj[0]].kind == "headline":
        pairs = [(x, y) for x, y in pairs if x > 0 and y > 0]
        pairs.append((0, 0))
    return _longest_increasing(sorted(pairs))


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs increasing in both coordinates (pairs sorted by the first)."""
    tails: list[int] = []       # smallest second coordinate ending a run of each length
    tail_at: list[int] = []     # index in pairs of that run's last pair
    back = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        back[n] = tail_at[k - 1] if k else -1
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
    out = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        out.append(pairs[n])
        n = back[n]
    return out[::-1]


def _dp(b: Side, v: Side, bi: list[int], vj: list[int]) -> list[Match]:
    """Best monotone matching of base blocks ``bi`` to version blocks ``vj``: 1:1 steps,
    and 1:k (split) or k:1 (merge) steps of up to MAX_JOIN paragraphs."""
    if not bi or not vj:   # most windows between two matches: nothing on one side
        return []
    head, bi, vj, tail = _same_ends(b, v, bi, vj)
    n, m = len(bi), len(vj)
    if not n or not m:
        return head + tail
    if n * m > MAX_DP_CELLS:
        return head + _large_window(b, v, bi, vj) + tail
    bb, vb = b.blocks, v.blocks
    # shared[x][y]: content words blocks bi[x] and vj[y] have in common (0 if incompatible)
    shared = [[0] * m for _ in range(n)]
    sim = [[0.0] * m for _ in range(n)]
    for x in range(n):
        ib = bi[x]
        bset, bblk = b.sets[ib], bb[ib]
        t = _threshold(bblk)
        for y in range(m):
            jv = vj[y]
            if _compatible(bblk, vb[jv]):
                k = len(bset & v.sets[jv])
                if k:
                    shared[x][y] = k
                    s = 2 * k / (len(bset) + len(v.sets[jv]))
                    if s >= t:
                        sim[x][y] = s
    # score[x][y]: best total similarity aligning the first x base and y version blocks;
    # step[x][y]: how it got there, as (base blocks taken, version blocks taken)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    step = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    for x in range(n + 1):
        for y in range(m + 1):
            if x == 0 and y == 0:
                continue
            best, how = -1.0, (0, 0)
            if x and score[x - 1][y] > best:
                best, how = score[x - 1][y], (1, 0)
            if y and score[x][y - 1] > best:
                best, how = score[x][y - 1], (0, 1)
            if not (x and y and shared[x - 1][y - 1]):
                score[x][y], step[x][y] = best, how
                continue
            s = sim[x - 1][y - 1]
            if s and score[x - 1][y - 1] + s > best:
                best, how = score[x - 1][y - 1] + s, (1, 1)
            for k in range(2, MAX_JOIN + 1):
                if y >= k and _part_of(v, vj[y - k], shared[x - 1][y - k]):
                    s = _joined(b, v, bi[x - 1: x], vj[y - k: y])
                    if s and score[x - 1][y - k] + s - SPLIT_PENALTY * (k - 1) > best:
                        best, how = score[x - 1][y - k] + s - SPLIT_PENALTY * (k - 1), (1, k)
                else:
                    break
            for k in range(2, MAX_JOIN + 1):
                if x >= k and _part_of(b, bi[x - k], shared[x - k][y - 1]):
                    s = _joined(b, v, bi[x - k: x], vj[y - 1: y])
                    if s and score[x - k][y - 1] + s - SPLIT_PENALTY * (k - 1) > best:
                        best, how = score[x - k][y - 1] + s - SPLIT_PENALTY * (k - 1), (k, 1)
                else:
                    break
            score[x][y], step[x][y] = best, how
    out = []
    x, y = n, m
    while x or y:
        db, dv = step[x][y]
        if db and dv:
            out.append(Match(tuple(bi[x - db: x]), tuple(vj[y - dv: y])))
        x, y = x - db, y - dv
    return head + out[::-1] + tail


def _same_ends(b: Side, v: Side, bi: list[int], vj: list[int]) -> tuple[list[Match], list[int], list[int], list[Match]]:
    """Pairs of the same blocks at the start and at the end of a window, and the window
    between them: what any alignment pairs, found without weighing every pair (a text of
    repeated lines would otherwise cost the square of its length)."""
    def same(i: int, j: int) -> bool:
        return bool(b.keys[i]) and b.keys[i] == v.keys[j] and _compatible(b.blocks[i], v.blocks[j])

    lo, most = 0, min(len(bi), len(vj))
    while lo < most and same(bi[lo], vj[lo]):
        lo += 1
    hi = 0
    while hi < most - lo and same(bi[-1 - hi], vj[-1 - hi]):
        hi += 1
    head = [Match((bi[k],), (vj[k],)) for k in range(lo)]
    tail = [Match((bi[-1 - k],), (vj[-1 - k],)) for k in reversed(range(hi))]
    return head, bi[lo:len(bi) - hi], vj[lo:len(vj) - hi], tail


def _large_window(b: Side, v: Side, bi: list[int], vj: list[int]) -> list[Match]:
    """A window too large for the programme: the same blocks paired as a line diff pairs
    them, then the windows between them aligned on their own (by the programme where they
    are small enough, else by a sparse chain)."""
    same = [(x, y) for x, y in same_items([b.keys[i] for i in bi], [v.keys[j] for j in vj])
            if _compatible(b.blocks[bi[x]], v.blocks[vj[y]])]
    if not same:
        return _sparse_chain(b, v, bi, vj)
    out: list[Match] = []
    x0 = y0 = 0
    for x, y in same + [(len(bi), len(vj))]:
        out += _dp(b, v, bi[x0:x], vj[y0:y])
        if x < len(bi):
            out.append(Match((bi[x],), (vj[y],)))
        x0, y0 = x + 1, y + 1
    return out


def _part_of(side: Side, i: int, shared: int) -> bool:
    """Whether a block shares enough of its words to be one part of a split or merge."""
    size = len(side.sets[i])
    return size > 0 and shared / size >= PART_CONTAINMENT


def _joined(b: Side, v: Side, bi: list[int], vj: list[int]) -> float:
    """Similarity of several paragraphs taken together (a split or a merge), 0 if not allowed."""
    blocks = [b.blocks[i] for i in bi] + [v.blocks[j] for j in vj]
    if any(blk.kind != "paragraph" for blk in blocks):
        return 0.0
    s = dice(frozenset().union(*(b.sets[i] for i in bi)), frozenset().union(*(v.sets[j] for j in vj)))
    return s if s >= MATCH_THRESHOLD else 0.0


def _moved(b: Side, v: Side, matches: list[Match]) -> list[Match]:
    used_b = {i for mt in matches for i in mt.base}
    used_v = {j for mt in matches for j in mt.version}
    free_b = [i for i, blk in enumerate(b.blocks) if blk.is_story and blk.kind != "headline" and i not in used_b]
    free_v = [j for j, blk in enumerate(v.blocks) if blk.is_story and blk.kind != "headline" and j not in used_v]
    if not free_b or not free_v:   # a trimmed tail and nothing added: nothing can have moved
        return []
    candidates = []
    for (x, y), k in _overlaps(b, v, free_b, free_v).items():
        i, j = free_b[x], free_v[y]
        s = 2 * k / (len(b.sets[i]) + len(v.sets[j]))
        if s >= MOVED_THRESHOLD:
            candidates.append((s, i, j))
    out = []
    for _, i, j in sorted(candidates, reverse=True):
        if i in used_b or j in used_v:
            continue
        used_b.add(i)
        used_v.add(j)
        out.append(Match((i,), (j,), moved=True))
    return out


def _overlaps(b: Side, v: Side, bi: list[int], vj: list[int]) -> dict[tuple[int, int], int]:
    """Content words shared, for pairs of blocks (positions in ``bi``, ``vj``) that share a
    word: through an index of words, so that blocks with nothing in common cost nothing.
    Each version block is weighed against the MAX_CANDIDATES base blocks sharing most of its
    words; a word found in more than COMMON_WORD_BLOCKS base blocks proposes only those
    nearest the version block's place. The cost stays near linear in the length of the
    texts, whatever they repeat."""
    index: dict[str, list[int]] = {}
    for x, i in enumerate(bi):
        for w in b.sets[i]:
            index.setdefault(w, []).append(x)
    out: dict[tuple[int, int], int] = {}
    scale = len(bi) / len(vj) if vj else 0.0
    for y, j in enumerate(vj):
        counts: Counter[int] = Counter()
        for w in v.sets[j]:
            hits = index.get(w, ())
            if len(hits) > COMMON_WORD_BLOCKS:
                at = bisect.bisect_left(hits, round(y * scale))
                hits = hits[max(0, at - MAX_CANDIDATES // 2): at + MAX_CANDIDATES // 2]
            counts.update(hits)
        for x, _ in counts.most_common(MAX_CANDIDATES):
            out[x, y] = len(b.sets[bi[x]] & v.sets[j])
    return out


def _sparse_chain(b: Side, v: Side, bi: list[int], vj: list[int]) -> list[Match]:
    """The 1:1 matching of greatest total similarity, over the pairs that share words only:
    for windows too large for the full programme (long texts with little in common)."""
    cands = []
    for (x, y), k in _overlaps(b, v, bi, vj).items():
        i, j = bi[x], vj[y]
        s = 2 * k / (len(b.sets[i]) + len(v.sets[j]))
        if s >= MATCH_THRESHOLD and s >= _threshold(b.blocks[i]) and _compatible(b.blocks[i], v.blocks[j]):
            cands.append((x, -y, s))
    cands.sort()  # by base position, later version positions first: one pair per base block
    # best[y]: (score, candidate) of the best chain ending at version position <= y (Fenwick tree)
    size = len(vj) + 1
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)
    back = [-1] * len(cands)
    score = [0.0] * len(cands)
    for n, (_, neg_y, s) in enumerate(cands):
        y = -neg_y
        best, at, q = (0.0, -1), y, y   # best chain ending strictly before version position y
        while q > 0:
            best = max(best, tree[q])
            q -= q & -q
        score[n], back[n] = best[0] + s, best[1]
        q = at + 1
        while q <= size:
            tree[q] = max(tree[q], (score[n], n))
            q += q & -q
    n = max(range(len(cands)), key=score.__getitem__, default=-1)
    out = []
    while n >= 0:
        x, neg_y, _ = cands[n]
        out.append(Match((bi[x],), (vj[-neg_y],)))
        n = back[n]
    return out[::-1]
