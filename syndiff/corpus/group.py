"""Which articles are versions of one wire story.

1. Candidates: MinHash LSH over the story's word shingles, with 128 bands of one row: two
   articles are candidates when any of their 128 MinHash values (datasketch) agree. Old
   papers rewrote wire copy so freely that versions of one story can share 5% of their
   shingles (the 1916 fixtures), and only one-row bands catch those (a pair with a Jaccard
   index of 3% is a candidate 98 times in 100 with 128 bands, 86 with 64). The banding is a
   numpy sort of each band's column: datasketch's own in-memory index takes ~25 KB an
   article with 64 bands (486 MB for 20,000 articles, measured), the sort 512 bytes.
2. Confirmation: containment, the share of the shorter story's shingles the other holds,
   estimated from the two bottom-k sketches (exact for stories of up to SKETCH shingles),
   and a number of shingles in common, so that a shared quote is not a shared story.
3. Groups: the articles joined by confirmed pairs. Two write-throughs of one event that
   share little stay apart; one outlet twice in a group is kept (and flagged by the run).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .prepare import NUM_PERM, SKETCH

CONTAINMENT = 0.05    # share of the shorter story's shingles the other must hold
MIN_SHARED = 10       # and shingles in common (a run of 14 words): a shared quote is not enough
MIN_SHINGLES = 8      # stories shorter than this (a headline, a caption) are not grouped
MAX_BUCKET_PAIRS = 40  # buckets larger than this propose ~2 pairs a member, not every pair


@dataclass(frozen=True)
class Entry:
    """What grouping keeps of an article: ~2.6 KB whatever its length."""

    key: int
    shingles: int
    sketch: np.ndarray       # uint32, sorted: the smallest SKETCH shingle hashes
    signature: np.ndarray    # uint32, NUM_PERM MinHash values


def estimate(a_sketch: np.ndarray, a_size: int, b_sketch: np.ndarray, b_size: int) -> tuple[float, float]:
    """Shingles in common and containment (of the smaller story in the other), estimated
    from bottom-k sketches: the share of the union's k smallest hashes both hold is the
    Jaccard index."""
    union = np.union1d(a_sketch, b_sketch)[:SKETCH]
    if not len(union):
        return 0.0, 0.0
    both = np.intersect1d(a_sketch, b_sketch, assume_unique=True)
    j = np.isin(union, both, assume_unique=True).sum() / len(union)
    shared = j * (a_size + b_size) / (1 + j)
    return float(shared), float(shared / min(a_size, b_size))


class Grouper:
    """Articles go in one by one (kept in flat arrays); groups come out at the end."""

    def __init__(self) -> None:
        self.keys: list[int] = []
        self.sizes: list[int] = []
        self.signatures: list[np.ndarray] = []
        self.sketches: list[np.ndarray] = []

    def add(self, e: Entry) -> None:
        if e.shingles < MIN_SHINGLES:
            return
        self.keys.append(e.key)
        self.sizes.append(e.shingles)
        self.signatures.append(np.asarray(e.signature, dtype=np.uint32))
        self.sketches.append(np.asarray(e.sketch, dtype=np.uint32))

    def candidates(self) -> np.ndarray:
        """Pairs (i, j), i < j, of positions that agree in some MinHash value, each once."""
        n = len(self.keys)
        if n < 2:
            return np.zeros((0, 2), np.int64)
        sig = np.vstack(self.signatures)[:, :NUM_PERM]
        pairs = []
        for band in range(sig.shape[1]):
            order = np.argsort(sig[:, band], kind="stable")
            values = sig[order, band]
            starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
            sizes = np.diff(np.r_[starts, n])
            for s, size in zip(starts[sizes > 1], sizes[sizes > 1]):
                members = np.sort(order[s:s + size])
                if size <= MAX_BUCKET_PAIRS:
                    i, j = np.triu_indices(size, 1)
                    pairs.append(np.stack([members[i], members[j]], axis=1))
                else:   # a story many outlets print: each member with its neighbours and with a hub
                    hub = members[band % size]      # another hub in each band
                    pairs.append(np.stack([members[:-1], members[1:]], axis=1))
                    pairs.append(np.sort(np.stack([np.full(size, hub), members], axis=1), axis=1))
        if not pairs:
            return np.zeros((0, 2), np.int64)
        return np.unique(np.concatenate(pairs), axis=0)

    def groups(self) -> list[list[int]]:
        """Groups of 2 or more articles (by key), each in the order the articles came, the
        groups in the order of their first article."""
        parent = list(range(len(self.keys)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for i, j in self.candidates():
            if i == j or find(int(i)) == find(int(j)):   # joined already, through others
                continue
            shared, contained = estimate(self.sketches[i], self.sizes[i], self.sketches[j], self.sizes[j])
            if contained >= CONTAINMENT and shared >= MIN_SHARED:
                ri, rj = find(int(i)), find(int(j))
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
        out: dict[int, list[int]] = {}
        for pos, key in enumerate(self.keys):
            out.setdefault(find(pos), []).append(key)
        return [g for g in sorted(out.values(), key=lambda g: g[0]) if len(g) > 1]
