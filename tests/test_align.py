"""Alignment as a reader checks it: aligned blocks side by side, added blocks where the
version prints them, and what several versions add at one place in one row."""

import pytest
from conftest import CHRONAM, SEED, read

from syndiff import compare

INQ = read(SEED / "inquirer.txt")
JN = read(SEED / "japannews.txt")
LINES = INQ.split("\n")


def rows_of(doc, vid):
    return [(r["cells"][doc["base"]], r["cells"][vid]) for r in doc["rows"]]


def test_seed_furniture_stands_where_the_japan_news_prints_it():
    doc = compare([("inquirer", INQ), ("japannews", JN)]).to_dict()
    kinds = [r["kind"] for r in doc["rows"]]
    cells = [r["cells"]["japannews"] for r in doc["rows"]]
    caption_row = cells.index([0])
    first_paragraph_row = cells.index([2])
    assert kinds[caption_row] == "caption"
    # the caption and timestamp stand just before the story they open, after the base's images
    assert kinds[:caption_row] == ["headline", "image", "image"]
    assert caption_row + 2 == first_paragraph_row
    # the lists follow the last paragraph printed, before the rows of the trimmed tail
    assert cells.index([10]) + 1 == cells.index([11])
    assert all(r["cells"]["japannews"] == [] for r in doc["rows"][cells.index([32]) + 1:])


def test_three_versions_adding_the_same_subhead_share_its_row():
    story = LINES[:10] + LINES[11:13]
    a = story[:6] + ["Kremlin ready"] + story[6:]
    b = story[:6] + ["Kremlin ready"] + story[6:-1]
    doc = compare([("wire", "\n".join(story)), ("a", "\n".join(a)), ("b", "\n".join(b))], base="wire").to_dict()
    added = [r for r in doc["rows"] if not r["cells"]["wire"]]
    assert len(added) == 1
    assert added[0]["kind"] == "subhead" and added[0]["cells"] == {"wire": [], "a": [6], "b": [6]}
    types = {(e["version"], e["type"]) for e in doc["edits"]}
    assert types == {("a", "subhead-added"), ("b", "subhead-added"), ("b", "trimmed")}


def test_a_paragraph_cut_into_three_is_one_row():
    para = LINES[20]   # "Russia said Friday its forces had captured the mining town of Toretsk ..."
    story = LINES[13:17] + [para] + LINES[21:23]
    parts = ["Russia said Friday its forces had captured the mining town of Toretsk",
             "in their latest breakthrough in eastern Ukraine’s Donetsk region,",
             "where Ukrainian defenses are creaking. Ukrainian officials did not confirm the report."]
    assert " ".join(parts) == para
    version = LINES[13:17] + parts + LINES[21:23]
    doc = compare([("wire", "\n".join(story)), ("v", "\n".join(version))], base="wire").to_dict()
    row = next(r for r in doc["rows"] if r["cells"]["wire"] == [4])
    assert row["cells"]["v"] == [4, 5, 6]
    assert [(e["type"], e["row"]) for e in doc["edits"]] == [("split", row["index"])]


def test_moved_block_is_listed_in_its_base_row():
    story = LINES[3:10]
    version = [story[5]] + story[:5] + story[6:]
    doc = compare([("wire", "\n".join(story)), ("v", "\n".join(version))], base="wire").to_dict()
    row = next(r for r in doc["rows"] if r["cells"]["v"] == [0])
    assert row["cells"]["wire"] == [5] and row["moved"] == ["v"]
    assert [e["type"] for e in doc["edits"]] == ["moved"]


def test_approximate_rows_are_marked_when_the_diff_times_out():
    story = LINES[:1] + LINES[3:10]
    rewritten = list(story)
    rewritten[3] = " ".join(reversed(story[3].split()))   # the same words, every one moved
    doc = compare([("a", "\n".join(story)), ("b", "\n".join(rewritten))], diff_timeout=1e-9).to_dict()
    assert [r["index"] for r in doc["rows"] if r.get("approximate")] == [3]
    row = doc["rows"][3]
    assert "".join(t for op, t in row["diffs"]["b"] if op >= 0) == rewritten[3]  # coarser, never wrong
    assert not any(r.get("approximate") for r in compare([("a", "\n".join(story)), ("b", "\n".join(rewritten))])
                   .to_dict()["rows"])


def test_one_versions_merge_does_not_change_anothers_edits():
    story = LINES[:1] + LINES[3:7]
    merger = story[:3] + [story[3] + " " + story[4]]   # the last two in one
    dropper = story[:3] + story[4:]
    trimmer = story[:-1]
    alone = {}
    for name, text in [("dropper", dropper), ("trimmer", trimmer)]:
        doc = compare([("wire", "\n".join(story)), (name, "\n".join(text))], base="wire").to_dict()
        alone[name] = [(e["type"], e["base"], e["text"]) for e in doc["edits"]]
    assert alone == {"dropper": [("paragraph-removed", story[3], "")],
                     "trimmer": [("trimmed", story[4], "")]}
    doc = compare([("wire", "\n".join(story)), ("merger", "\n".join(merger)), ("dropper", "\n".join(dropper)),
                   ("trimmer", "\n".join(trimmer))], base="wire").to_dict()
    for name in alone:
        assert [(e["type"], e["base"], e["text"]) for e in doc["edits"] if e["version"] == name] == alone[name]
    assert [e["type"] for e in doc["edits"] if e["version"] == "merger"] == ["merged"]


def test_the_sparse_chain_for_long_texts_finds_what_the_full_programme_finds(monkeypatch):
    """Windows too large for the full programme are paired by a chain over the pairs that
    share words: on windows small enough for both, they agree (1:1 steps only)."""
    import random

    from syndiff import align as align_mod
    from syndiff.model import Block

    monkeypatch.setattr(align_mod, "MAX_JOIN", 1)
    rng = random.Random(7)
    paragraphs = LINES[3:23]
    for _ in range(200):
        sides = []
        for _ in range(2):
            texts = [rng.choice(paragraphs) for _ in range(rng.randint(1, 9))]
            sides.append(align_mod.Side(tuple(Block(i, "paragraph", t) for i, t in enumerate(texts))))
        b, v = sides
        bi, vj = list(range(len(b.blocks))), list(range(len(v.blocks)))

        sparse, full = align_mod._sparse_chain(b, v, bi, vj), align_mod._dp(b, v, bi, vj)
        assert _total(b, v, sparse) == _total(b, v, full)


def _total(b, v, matches):
    from syndiff.align import dice
    return round(sum(dice(b.sets[m.base[0]], v.sets[m.version[0]]) for m in matches), 9)


def test_a_text_of_repeated_lines_pairs_them_line_for_line():
    # a long text whose lines repeat (a table, a list of results, a page pasted twice) once
    # took time growing with the square of its length: the same lines must pair as a line
    # diff pairs them, and only the lines that differ are edits
    middle = ["日本語の文章です。"] * 3000
    a = ["Results of the vote, by district."] + middle + ["Counting ends on Monday."]
    b = ["Results of the ballot, by district."] + middle + ["Counting ends Tuesday."]
    doc = compare([("a", "\n".join(a)), ("b", "\n".join(b))], base="a").to_dict()
    assert len(doc["rows"]) == len(a)
    assert all(r["cells"] == {"a": [n], "b": [n]} for n, r in enumerate(doc["rows"]))
    assert {e["row"] for e in doc["edits"]} == {0, len(a) - 1}


def test_long_repetitive_texts_in_another_order_still_pair_alike_lines():
    # 2,000 lines made of 7 sentences, in two different orders: nearly every line of one
    # pairs with a line of the other that reads alike, and no line is lost
    a = [f"The minister said on day {n % 7} that talks went well." for n in range(2000)]
    b = [f"The minister said on day {n * 3 % 7} that talks went well." for n in range(2000)]
    doc = compare([("a", "\n".join(a)), ("b", "\n".join(b))], base="a").to_dict()
    paired = [r for r in doc["rows"] if r["cells"]["a"] and r["cells"]["b"]]
    assert len(paired) >= 0.99 * 2000
    for vid in "ab":
        assert sorted(i for r in doc["rows"] for i in r["cells"][vid]) == list(range(2000))


def test_a_comparison_past_its_diff_budget_marks_the_rest_approximate():
    # every row's diff within diff_timeout, and all of them within diff_budget: once it is
    # spent, the rows left get a quick, coarser diff that still holds all their text
    paragraph = " ".join(line for line in LINES if len(line.split()) > 12)   # 536 words
    backwards = " ".join(reversed(paragraph.split()))
    versions = [("a", f"{paragraph}\n{paragraph} Again."), ("b", f"{backwards}\n{backwards}")]
    doc = compare(versions, diff_timeout=0, diff_budget=1e-9).to_dict()
    assert [r.get("approximate", False) for r in doc["rows"]] == [True, True]
    for row in doc["rows"]:
        assert "".join(t for op, t in row["diffs"]["b"] if op >= 0) == backwards
    unlimited = compare(versions, diff_timeout=0, diff_budget=0).to_dict()
    assert not any(r.get("approximate") for r in unlimited["rows"])


@pytest.mark.parametrize("path", sorted(SEED.glob("*.txt")) + sorted(CHRONAM.glob("*/*.txt")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("reflow", [False, True], ids=["lines", "reflowed"])
def test_a_text_compared_with_itself_has_no_edits(path, reflow):
    """Every line pairs with its copy, separator lines ("-", "•") among them."""
    text = read(path)
    doc = compare([("a", text), ("b", text)], reflow=reflow).to_dict()
    assert doc["edits"] == []
    assert all(row["cells"]["a"] == row["cells"]["b"] != [] for row in doc["rows"])


def test_a_separator_spaced_otherwise_is_the_same_separator():
    story = LINES[:12]
    spaced = story[:6] + ["* * *"] + story[6:]
    tight = story[:6] + ["***"] + story[6:]
    doc = compare([("a", "\n".join(spaced)), ("b", "\n".join(tight))], base="a").to_dict()
    assert [(e["type"], e["base"], e["text"]) for e in doc["edits"]] == [("non-story", "* * *", "***")]
