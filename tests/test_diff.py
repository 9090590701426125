"""Golden word diffs: the exact ops diff-match-patch in word mode gives on real sentences."""

from collections import OrderedDict

import pytest

from syndiff import diff
from syndiff.diff import side, word_diff


@pytest.fixture(params=["c++", "python"])
def engine(request, monkeypatch):
    """Each test run with each implementation of diff-match-patch, none remembering diffs of
    the other."""
    if request.param == "c++" and diff.fast_diff_match_patch is None:
        pytest.skip("fast_diff_match_patch is not installed")
    monkeypatch.setattr(diff, "_diff", diff._diff_cpp if request.param == "c++" else diff._diff_py)
    monkeypatch.setattr(diff, "_done", OrderedDict())
    return request.param

CASES = [
    ("US President Donald Trump said that he has talked",
     "U.S. President Donald Trump said that he has talked",
     [(-1, "US"), (1, "U.S."), (0, " President Donald Trump said that he has talked")]),
    ("will mark its third anniversary on Feb. 24. Thousands of people",
     "will mark its third anniversary on February 24. Thousands of people",
     [(0, "will mark its third anniversary on "), (-1, "Feb."), (1, "February"), (0, " 24. Thousands of people")]),
    ("Thousands of people have been killed during the conflict.",
     "Thousands of people have been slain in the conflict.",
     [(0, "Thousands of people have been "), (-1, "killed during"), (1, "slain in"), (0, " the conflict.")]),
    ("meet Ukrainian President Volodymyr Zelenskyy next week",
     "meet Ukrainian President Volodymyr Zelenskiy next week",
     [(0, "meet Ukrainian President Volodymyr "), (-1, "Zelenskyy"), (1, "Zelenskiy"), (0, " next week")]),
    ("In an interview aboard Air Force One on Friday Trump said",
     "In an interview aboard Air Force One on Friday, Trump said",
     [(0, "In an interview aboard Air Force One on Friday"), (1, ","), (0, " Trump said")]),
    ("Reuters could not independently confirm the battlefield report.",
     "Reuters could not independently confirm the report.",
     [(0, "Reuters could not independently confirm the "), (-1, "battlefield "), (0, "report.")]),
    ("same words", "same words", [(0, "same words")]),
    ("", "a new line", [(1, "a new line")]),
    ("a lost line", "", [(-1, "a lost line")]),
]


@pytest.mark.parametrize("a,b,ops", CASES)
def test_word_diff_golden(a, b, ops, engine):
    got, approximate = word_diff(a, b)
    assert got == ops
    assert not approximate
    assert side(got, -1) == a and side(got, 1) == b


def test_words_are_never_cut_in_the_middle(engine):
    ops, _ = word_diff("the settlement of Orikhovo-Vasylivka", "the settlement of Orikhove-Vasylivka")
    assert ops == [(0, "the settlement of "), (-1, "Orikhovo"), (1, "Orikhove"), (0, "-Vasylivka")]


def test_timeout_marks_the_diff_approximate(engine):
    a = " ".join(f"w{i}" for i in range(3000))
    b = " ".join(f"w{i}" for i in range(3000) if i % 7) + " tail"
    ops, approximate = word_diff(a, b, timeout=1e-9)
    assert approximate
    assert side(ops, -1) == a and side(ops, 1) == b  # degraded, never wrong
    assert len(ops) < len(word_diff(a, b, timeout=0)[0]) / 100   # it gave up: coarser than the full diff


def test_diffs_made_side_by_side_do_not_cut_each_other_short():
    # the C++ code's time limit is the process's processor time, which threads would share:
    # four long diffs at once, each allowed twice what one takes alone, all come out whole
    import random
    import threading
    import time
    if diff.fast_diff_match_patch is None:
        pytest.skip("fast_diff_match_patch is not installed")
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(4000)]
    wa = [rng.choice(vocab) for _ in range(6000)]
    a, b = " ".join(wa), " ".join(w if rng.random() > 0.3 else rng.choice(vocab) for w in wa)
    start = time.process_time()
    alone, approximate = diff._word_diff(a, b, 0)
    took = time.process_time() - start
    assert not approximate and len(alone) > 1000
    found = []
    threads = [threading.Thread(target=lambda: found.append(diff._word_diff(a, b, 2 * took))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert found == [(alone, False)] * 4


def test_a_diff_asked_without_a_time_limit_is_not_one_remembered_from_under_it(engine):
    # with a time limit, diff-match-patch may take its half-match shortcut: here it does
    a = "the on on a of dog a a on cat the cat of to on the hat dog and"
    b = "cat on on on a dog a a on cat the cat of to on the hat dog and"
    limited = [(-1, "the"), (1, "cat on"), (0, " on on a "), (-1, "of "),
               (0, "dog a a on cat the cat of to on the hat dog and")]
    unlimited = [(-1, "the"), (1, "cat"), (0, " on on "), (-1, "a of"), (1, "on a"),
                 (0, " dog a a on cat the cat of to on the hat dog and")]
    assert word_diff(a, b, 1.0) == (limited, False)
    assert word_diff(a, b, 0) == (unlimited, False)
    assert word_diff(a, b, 1.0) == (limited, False)


def test_the_word_diffs_of_real_copy_are_the_same_in_cpp_as_in_python(monkeypatch):
    # on every changed cell of the fixtures' comparisons (each version on the first), without
    # a time limit, diff-match-patch's C++ implementation finds what its Python one finds
    from conftest import fixture_groups, read

    from syndiff import compare
    if diff.fast_diff_match_patch is None:
        pytest.skip("fast_diff_match_patch is not installed")
    pairs = set()
    for _, files, reflow in fixture_groups():
        c = compare([(f.stem, read(f)) for f in files], reflow=reflow)
        for row in c.rows:
            for ops in row.diffs.values():
                a, b = side(ops, -1), side(ops, 1)
                if a and b and a != b:
                    pairs.add((a, b))
    assert len(pairs) > 500, len(pairs)
    found = {}
    for name, engine in (("c++", diff._diff_cpp), ("python", diff._diff_py)):
        monkeypatch.setattr(diff, "_diff", engine)
        monkeypatch.setattr(diff, "_done", OrderedDict())
        found[name] = [word_diff(a, b, timeout=0) for a, b in sorted(pairs)]
    differ = [(pair, x, y) for pair, x, y in zip(sorted(pairs), found["c++"], found["python"]) if x != y]
    assert not differ, differ[:3]
