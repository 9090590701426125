"""Which articles are versions of one wire story.

1. Candidates: MinHash LSH over the story's word shingles, with 128 bands of one row: two
   articles are candidates when any of their 128 MinHash values (datasketch) agree. Old
   papers rewrote wire copy so freely that versions of one story can share 5% of their
   shingles (the 1916 fixtures), and only one-row bands catch those (a pair with a Jaccard
   index of 3% is a candidate 98 times in 100 with 128 bands, 86 with 64). The banding is a
   numpy sort of each band's column: datasketch's own in-memory index takes ~25 KB an
   article with 64 bands (486 MB for 20,000 articles, measured); the signatures (1 KB an
   article) are read from disk a band at a time.
2. Confirmation: containment, the share of the shorter story's shingles the other holds,
   estimated from the two bottom-k sketches (exact for stories of up to SKETCH shingles;
   an estimate near a threshold is checked on all the shingles, read again), and a number
   of shingles in common, so that a shared quote is not a shared story.
3. Groups: the articles joined by confirmed pairs. Two write-throughs of one event that
   share little stay apart; one outlet twice in a group is kept (and flagged by the run).
"""

from __future__ import annotations

import os
import tempfile
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .prepare import NUM_PERM, SKETCH

CONTAINMENT = 0.05    # share of the shorter story's shingles the other must hold
MIN_SHARED = 10       # and shingles in common (a run of 14 words): a shared quote is not enough
MIN_SHINGLES = 8      # stories shorter than this (a headline, a caption) are not grouped
MAX_BUCKET_PAIRS = 40  # buckets larger than this propose ~2 pairs a member, not every pair
UNSURE = 3            # an estimate within this factor of a threshold is checked on all the shingles
SIGNATURE_ROWS = 8192  # signatures are written in blocks of this many rows
BANDS_AT_ONCE = 16    # bands whose pairs are made distinct together: the pairs of all 128 bands
                      # of 100,000 articles, before, are 24 million (195 MB, and as much to sort)


@dataclass(frozen=True)
class Entry:
    """What grouping takes of an article: ~3 KB whatever its length (written to disk)."""

    key: int
    shingles: int
    sketch: np.ndarray       # uint32, sorted: the smallest SKETCH shingle hashes
    signature: np.ndarray    # uint64, NUM_PERM MinHash values


def estimate(a_sketch: np.ndarray, a_size: int, b_sketch: np.ndarray, b_size: int) -> tuple[float, float]:
    """Shingles in common and containment (of the smaller story in the other), estimated
    from bottom-k sketches: below the lower of the two full sketches' largest values, both
    sketches hold every shingle of their story, and the share of those both hold is the
    Jaccard index (exact when neither sketch is full)."""
    if not len(a_sketch) or not len(b_sketch):
        return 0.0, 0.0
    full = [s[-1] for s in (a_sketch, b_sketch) if len(s) >= SKETCH]
    if full:
        top = min(full)
        a_sketch = a_sketch[:a_sketch.searchsorted(top, "right")]   # the methods: numpy's functions
        b_sketch = b_sketch[:b_sketch.searchsorted(top, "right")]   # wrap them (a third of the time)
        if not len(a_sketch) or not len(b_sketch):   # a short story's shingles all above a long one's top
            return 0.0, 0.0
    at = np.minimum(b_sketch.searchsorted(a_sketch), len(b_sketch) - 1)
    both = int(np.count_nonzero(b_sketch[at] == a_sketch))
    j = both / (len(a_sketch) + len(b_sketch) - both)
    shared = j * (a_size + b_size) / (1 + j)
    return float(shared), float(shared / min(a_size, b_size))


class Grouper:
    """Articles go in one by one, their signatures and sketches out to two files (in a
    temporary folder in ``spill_dir``, removed by ``close``): the driver keeps ~30 bytes
    an article, not ~3 KB. Groups come out at the end, from the files read again a band or
    a sketch at a time."""

    def __init__(self, spill_dir: str | None = None) -> None:
        self._tmp = tempfile.TemporaryDirectory(dir=spill_dir, prefix=".grouping-", ignore_cleanup_errors=True)
        self._signatures, self._sketches = (open(Path(self._tmp.name) / name, "w+b")
                                            for name in ("signatures.u64", "sketches.u32"))
        self.keys = array("q")
        self.sizes = array("q")
        self._starts = array("q", [0])   # where each sketch starts in its file, in values
        self._block: np.ndarray | None = np.zeros((SIGNATURE_ROWS, NUM_PERM), np.uint64)   # the last rows

    def add(self, e: Entry) -> None:
        if e.shingles < MIN_SHINGLES:
            return
        if self._block is None:
            raise RuntimeError("every article goes in before the groups come out")
        row = len(self.keys) % SIGNATURE_ROWS
        self._block[row] = e.signature[:NUM_PERM]
        if row == SIGNATURE_ROWS - 1:
            self._write_block()
        sketch = np.ascontiguousarray(e.sketch, dtype=np.uint32)
        self._sketches.write(sketch)
        self._starts.append(self._starts[-1] + len(sketch))
        self.keys.append(e.key)
        self.sizes.append(e.shingles)

    def _write_block(self) -> None:
        """A block of signatures, band after band: a band's values in a block are one read."""
        self._signatures.write(np.ascontiguousarray(self._block.T))

    def _written(self) -> None:
        """Every article is in: the last block written, both files ready to read."""
        if self._block is None:
            return
        if len(self.keys) % SIGNATURE_ROWS:
            self._write_block()
        self._block = None
        for f in (self._signatures, self._sketches):
            f.flush()

    def close(self) -> None:
        """Remove the files (groups made stay good)."""
        self._signatures.close()
        self._sketches.close()
        self._tmp.cleanup()

    def __enter__(self) -> Grouper:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def sketch(self, i: int) -> np.ndarray:
        """The sketch of the article at position ``i``."""
        self._written()
        start, end = self._starts[i], self._starts[i + 1]
        return np.frombuffer(_read(self._sketches, 4 * (end - start), 4 * start), np.uint32)

    def candidates(self) -> np.ndarray:
        """Pairs (i, j), i < j, of positions that agree in some MinHash value, each once."""
        self._written()
        n = len(self.keys)
        if n < 2:
            return np.zeros((0, 2), np.int64)
        codes = np.zeros(0, np.int64)   # a pair (i, j) as i * n + j, each once
        for first in range(0, NUM_PERM, BANDS_AT_ONCE):
            bands = range(first, min(first + BANDS_AT_ONCE, NUM_PERM))
            codes = _distinct(np.concatenate([codes, *(_band_pairs(self._column(band), band) for band in bands)]))
        return np.stack([codes // n, codes % n], axis=1)

    def _column(self, band: int) -> np.ndarray:
        """Every article's value in one band."""
        size = 8 * SIGNATURE_ROWS   # bytes of a band in a block
        blocks = -(-len(self.keys) // SIGNATURE_ROWS)
        column = b"".join(_read(self._signatures, size, (b * NUM_PERM + band) * size) for b in range(blocks))
        return np.frombuffer(column, np.uint64)[:len(self.keys)]

    def groups(self, exact: Callable[[int, int], tuple[float, float]] | None = None) -> list[list[int]]:
        """Groups of 2 or more articles (by key), each in the order the articles came, the
        groups in the order of their first article. ``exact(key, key)``: the shingles two
        articles share and the containment, counted on all their shingles; asked for the
        pairs whose estimate, from sketches that are samples, is near a threshold."""
        parent = list(range(len(self.keys)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        last, last_sketch = -1, None   # the pairs come sorted by their first article: read it once
        for i, j in self.candidates().tolist():
            if i == j or find(i) == find(j):   # joined already, through others
                continue
            if i != last:
                last, last_sketch = i, self.sketch(i)
            shared, contained = estimate(last_sketch, self.sizes[i], self.sketch(j), self.sizes[j])
            if exact is not None and max(self.sizes[i], self.sizes[j]) > SKETCH and _unsure(shared, contained):
                shared, contained = exact(self.keys[i], self.keys[j])
            if contained >= CONTAINMENT and shared >= MIN_SHARED:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
        out: dict[int, list[int]] = {}
        for pos, key in enumerate(self.keys):
            out.setdefault(find(pos), []).append(key)
        return [g for g in sorted(out.values(), key=lambda g: g[0]) if len(g) > 1]


def _read(f, size: int, offset: int) -> bytes:
    """``size`` bytes of a file from ``offset``, all of them (a read may give fewer)."""
    parts, got = [], 0
    while got < size:
        part = os.pread(f.fileno(), size - got, offset + got)
        if not part:
            raise OSError(f"{f.name}: ends at {offset + got} bytes, {size - got} short of what was written")
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _distinct(codes: np.ndarray) -> np.ndarray:
    """Sorted, each once (np.unique hashes: 3 times slower here)."""
    codes = np.sort(codes)
    return codes[np.r_[True, codes[1:] != codes[:-1]]] if len(codes) else codes


def _unsure(shared: float, contained: float) -> bool:
    """Whether an estimate is too near the thresholds to decide on: a sample of a long story
    can hold 3 of the 4 shingles two stories share and make them 11 (measured on 50,000
    generated articles, where it joined two stories)."""
    if contained >= CONTAINMENT and shared >= MIN_SHARED:
        return contained < UNSURE * CONTAINMENT or shared < UNSURE * MIN_SHARED
    return contained >= CONTAINMENT / UNSURE and shared >= MIN_SHARED / UNSURE


def _band_pairs(column: np.ndarray, band: int) -> np.ndarray:
    """The pairs (as i * n + j, i < j) of the articles whose value in this band agree: every
    pair of a bucket of up to MAX_BUCKET_PAIRS; in a larger one (a story many outlets print),
    each member with its neighbours and with a hub, another in each band. In numpy, without a
    loop over buckets: pairs at distance d within the sorted buckets, for d = 1, 2, ..."""
    n = len(column)
    order = np.argsort(column, kind="stable")      # stable: a bucket's members in their order
    values = column[order]
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    sizes = np.diff(np.r_[starts, n])
    shared = sizes > 1
    if not shared.any():
        return np.zeros(0, np.int64)
    starts, sizes = starts[shared], sizes[shared]
    # the members of shared buckets, bucket after bucket, with their bucket's number and size
    bucket = np.repeat(np.arange(len(sizes)), sizes)
    offsets = np.cumsum(sizes) - sizes              # where each bucket's members begin
    members = order[np.repeat(starts - offsets, sizes) + np.arange(len(bucket))].astype(np.int64)
    size = sizes[bucket]
    out = []
    for d in range(1, min(int(sizes.max()), MAX_BUCKET_PAIRS)):
        ok = (bucket[:-d] == bucket[d:]) & ((size[:-d] <= MAX_BUCKET_PAIRS) | (d == 1))
        out.append(members[:-d][ok] * n + members[d:][ok])
    big = np.flatnonzero(sizes > MAX_BUCKET_PAIRS)
    if len(big):
        hubs = members[offsets[big] + band % sizes[big]]
        hub = np.repeat(hubs, sizes[big])
        others = members[size > MAX_BUCKET_PAIRS]
        lo, hi = np.minimum(hub, others), np.maximum(hub, others)
        out.append((lo * n + hi)[lo != hi])
    return np.concatenate(out) if out else np.zeros(0, np.int64)
