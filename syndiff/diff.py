"""Word diff of two aligned cells with diff-match-patch in word mode.

Each distinct token (word, run of spaces, punctuation mark) becomes one character, the
character strings are diffed and cleaned up semantically, and the result is mapped back
to text: the line-mode trick of diff-match-patch applied to words.

The diffs are made by diff-match-patch's C++ implementation (fast_diff_match_patch) where
it is installed: the same algorithm as the Python implementation, the same ops on every cell
tried (tests/test_diff.py holds them side by side), in less than half the time, and without
holding the GIL. Where it is not (it has no wheel for Python 3.13 or for ARM Linux, and
building one needs a C++ compiler), the Python implementation makes them.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from diff_match_patch import diff_match_patch

try:
    import fast_diff_match_patch
except ImportError:   # no wheel for this Python or machine, and none built
    fast_diff_match_patch = None

from .settings import DEFAULTS
from .text import tokens

Ops = list[tuple[int, str]]

DIFF_TIMEOUT = DEFAULTS["diff_timeout"]

# Tokens become characters of the Private Use Areas, whose code points neither
# diff-match-patch's cleanup nor real text gives a meaning to: the BMP's first, then
# planes 15 and 16.
_BMP_PUA, _BMP_PUA_SIZE, _PLANE_PUA = 0xE000, 6400, 0xF0000
MAX_TOKENS = _BMP_PUA_SIZE + 0x10FFFD - _PLANE_PUA


def _char(k: int) -> str:
    return chr(_BMP_PUA + k if k < _BMP_PUA_SIZE else _PLANE_PUA + k - _BMP_PUA_SIZE)


# The characters of the first tokens, made once: a cell's table is then zipped in C (making
# each token's character was a tenth of a word diff's time).
_CHARS = "".join(map(_char, range(_BMP_PUA_SIZE)))


def _table(vocab: list[str]) -> dict[str, str]:
    """token -> its character"""
    if len(vocab) <= len(_CHARS):
        return dict(zip(vocab, _CHARS))
    return {tok: _char(k) for k, tok in enumerate(vocab)}


# Diffs remembered, the oldest forgotten first: outlets make the same changes to the same
# cells, and a corpus group is compared twice (on its longest version, then on the wire
# original, which reads as most versions do). A diff cut short by its time limit is not
# kept; one made under a limit is kept apart from one made without (with a limit,
# diff-match-patch may take its half-match shortcut). An OrderedDict: its calls are atomic,
# and the web app's threads share it.
DIFF_CACHE = 4096
_done: OrderedDict[tuple[str, str, bool], tuple[tuple[int, str], ...]] = OrderedDict()


def word_diff(a: str, b: str, timeout: float = DIFF_TIMEOUT) -> tuple[Ops, bool]:
    """Word-level ops turning ``a`` into ``b`` and whether the diff hit its time limit
    (``timeout`` <= 0: no limit)."""
    if a == b:
        return ([(0, a)] if a else []), False
    if not a or not b:
        return [(-1, a)] if a else [(1, b)], False
    key = (a, b, timeout > 0)
    known = _done.get(key)
    if known is not None:
        return list(known), False
    ops, timed_out = _word_diff(a, b, timeout)
    if not timed_out:
        if len(_done) >= DIFF_CACHE:
            _done.popitem(last=False)
        _done[key] = tuple(ops)
    return ops, timed_out


def _word_diff(a: str, b: str, timeout: float) -> tuple[Ops, bool]:
    ta, tb = tokens(a), tokens(b)
    vocab = list(dict.fromkeys(ta + tb))
    if len(vocab) > MAX_TOKENS:
        return [(-1, a), (1, b)], True  # more distinct words than characters to stand for them
    table = _table(vocab)
    ea, eb = "".join(map(table.__getitem__, ta)), "".join(map(table.__getitem__, tb))
    diffs, timed_out = _diff(ea, eb, timeout, True)
    word_of = dict(zip(table.values(), table))   # character -> token
    ops: Ops = []
    for op, chars in diffs:
        text = "".join(map(word_of.__getitem__, chars))
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))
    return ops, timed_out


_OP = {"=": 0, "-": -1, "+": 1}


# One C++ diff at a time. Its time limit is counted on the processor time of the whole
# process (C's ``clock``), which diffs running side by side in threads (the web app's) would
# share, cutting each other short; the Python implementation held the GIL all along anyway.
_ONE_CPP_DIFF = threading.Lock()


def _diff_cpp(a: str, b: str, timeout: float, semantic: bool) -> tuple[Ops, bool]:
    """diff-match-patch's ``diff_main`` (no line-mode speedup), then its semantic cleanup if
    asked, in C++; and whether it may have been cut short by its time limit. The C++ code
    gives up on the best diff only once the processor time of the process passes the limit:
    a diff that took less did not give up."""
    with _ONE_CPP_DIFF:
        start = time.process_time()
        diffs = fast_diff_match_patch.diff(a, b, timelimit=max(timeout, 0), checklines=False,
                                           cleanup="Semantic" if semantic else "No", counts_only=False)
        ran_out = timeout > 0 and time.process_time() - start > timeout
    return [(_OP[op], chars) for op, chars in diffs], ran_out


class _TimedDMP(diff_match_patch):
    """diff-match-patch that says whether its bisection ran out of time: only there does it
    give up on finding the best diff."""

    timed_out = False

    def diff_bisect(self, text1, text2, deadline):
        diffs = super().diff_bisect(text1, text2, deadline)
        if time.time() > deadline:
            self.timed_out = True
        return diffs


def _diff_py(a: str, b: str, timeout: float, semantic: bool) -> tuple[Ops, bool]:
    """``_diff_cpp`` in diff-match-patch's Python implementation."""
    dmp = _TimedDMP()
    dmp.Diff_Timeout = timeout
    diffs = dmp.diff_main(a, b, False)
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    return diffs, dmp.timed_out


_diff = _diff_cpp if fast_diff_match_patch is not None else _diff_py


def same_items(a: list[str], b: list[str], timeout: float = DIFF_TIMEOUT) -> list[tuple[int, int]]:
    """Positions ``(x, y)`` of items equal in ``a`` and ``b`` that a diff of the two lists
    keeps, in order: diff-match-patch over one character per distinct item, as its line
    mode does. Empty items never match."""
    vocab: dict[str, str] = {}
    for item in (*a, *b):
        if item and item not in vocab:
            if len(vocab) == MAX_TOKENS - 2:
                return []
            vocab[item] = _char(len(vocab))
    # an empty item stands for a character of its own side, found nowhere on the other
    blank_a, blank_b = _char(MAX_TOKENS - 2), _char(MAX_TOKENS - 1)
    ea = "".join(vocab[x] if x else blank_a for x in a)
    eb = "".join(vocab[y] if y else blank_b for y in b)
    out, x, y = [], 0, 0
    for op, chars in _diff(ea, eb, timeout, False)[0]:
        if op == 0:
            out += [(x + k, y + k) for k in range(len(chars))]
        x += len(chars) if op <= 0 else 0
        y += len(chars) if op >= 0 else 0
    return out


def side(ops: Ops, which: int) -> str:
    """The text of one side of a diff: ``-1`` the base, ``1`` the version."""
    return "".join(t for op, t in ops if op in (0, which))
