"""Corpus mode on a pile built from the fixtures: each story's versions shuffled among
unrelated articles. Every group is found and nothing more; a group of 3 or more is read
against the text most outlets print; bad articles are reported by line and skipped; a
dask.distributed cluster finds the same groups; a re-run reuses what did not change."""

import csv
import gzip
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import CHRONAM, ROOT, SEED, check_invariants, read

from syndiff.corpus.run import run_corpus
from syndiff.errors import InputError

WIRE = read(SEED / "inquirer.txt")
WORDS = ("council budget river school festival harvest bridge museum library rail port clinic orchestra "
         "league market storm garden airport election tunnel").split()


def filler(n: int, rng: random.Random) -> dict:
    """An unrelated article: sentences of its own, a topic of its own."""
    topic = rng.choice(WORDS)
    sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."
                 for _ in range(rng.randint(6, 14))]
    return {"id": f"filler-{n}", "outlet": f"Gazette {n % 7}", "title": f"The {topic} story",
            "text": f"The {topic} story\n" + "\n".join(sentences)}


def fixture_articles() -> list[dict]:
    """Every fixture version as an article, outlet named by its paper; its story in "story"."""
    out = []
    for d in [SEED, *sorted(p for p in CHRONAM.iterdir() if p.is_dir())]:
        for f in sorted(d.glob("*.txt")):
            outlet = re.sub(r"^\d+-", "", f.stem).replace("-", " ").title()
            out.append({"id": f"{d.name}/{f.stem}", "outlet": outlet, "text": read(f), "story": d.name})
    return out


def write_jsonl(path, articles, extra_lines=()):
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a) + "\n")
        for line in extra_lines:
            f.write(line + "\n")


def groups_of(outdir) -> list[dict]:
    return [json.loads(line) for line in open(outdir / "groups.jsonl", encoding="utf-8")]


def found(outdir) -> set[frozenset]:
    return {frozenset(g["articles"]) for g in groups_of(outdir)}


@pytest.fixture(scope="module")
def pile(tmp_path_factory):
    rng = random.Random(1916)
    articles = fixture_articles() + [filler(n, rng) for n in range(60)]
    rng.shuffle(articles)
    path = tmp_path_factory.mktemp("corpus") / "pile.jsonl"
    write_jsonl(path, articles)
    expected = {}
    for a in articles:
        if "story" in a:
            expected.setdefault(a["story"], set()).add(a["id"])
    return path, {frozenset(ids) for ids in expected.values()}


@pytest.fixture(scope="module")
def run(pile, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = run_corpus(str(pile[0]), str(out), scheduler="sync", reflow=True)
    return out, result


def test_every_story_is_found_and_nothing_more(pile, run):
    out, result = run
    assert found(out) == pile[1]
    assert result.problems == [] and result.groups == 7
    ungrouped = [r for r in csv.DictReader(open(out / "articles.csv")) if not r["group"]]
    assert len(ungrouped) == 60 and all(r["id"].startswith("filler-") for r in ungrouped)


def test_the_run_keeps_nothing_of_its_own_beside_the_outputs(run):
    out, _ = run   # grouping's files and the articles' table live in a temporary folder of OUTDIR
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".cache.sqlite"]
    articles = (out / "articles.csv").read_text(encoding="utf-8").splitlines()
    assert len(articles) == 1 + len(fixture_articles()) + 60


def test_a_run_removes_what_a_killed_run_left_and_keeps_what_a_live_one_holds(pile, tmp_path):
    out = tmp_path / "out"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    for name, pid in ((".run-killed", gone.stdout.strip()), (".run-live", str(os.getpid()))):
        (out / name).mkdir(parents=True)
        (out / name / "pid").write_text(pid)
        (out / name / "signatures.u64").write_bytes(b"\0" * 4096)
    run_corpus(str(pile[0]), str(out), scheduler="sync", reflow=True)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".cache.sqlite", ".run-live"]


def test_signatures_written_in_many_blocks_give_the_same_groups(pile, run, tmp_path, monkeypatch):
    # 3 articles a block on disk: every block boundary the pile has, and a last block part full
    monkeypatch.setattr("syndiff.corpus.group.SIGNATURE_ROWS", 3)
    run_corpus(str(pile[0]), str(tmp_path / "out"), scheduler="sync", reflow=True)
    assert found(tmp_path / "out") == found(run[0]) == pile[1]


def test_every_group_has_its_document_and_report(run):
    out, _ = run
    for g in groups_of(out):
        assert set(g) >= {"group", "articles", "outlets", "comparison"}     # the contract's fields
        doc = json.loads((out / g["comparison"]).read_text())
        check_invariants(doc)
        assert doc["format"] == "syndiff/1"
        assert g["reconstructed"] == (len(g["articles"]) >= 3)
        report = (out / g["report"]).read_text()
        assert 'id="syndiff-data"' in report and "Probable wire original" in report or len(g["articles"]) == 2
    index = (out / "index.html").read_text()
    assert index.count('href="groups/') == 7 and "7 story groups" in index


def test_edits_csv_holds_every_edit_of_every_group_with_its_outlet(run):
    out, _ = run
    rows = list(csv.DictReader(open(out / "edits.csv", encoding="utf-8")))
    total = sum(len(json.loads((out / g["comparison"]).read_text())["edits"]) for g in groups_of(out))
    assert len(rows) == total > 500
    seed = next(g for g in groups_of(out) if len(g["articles"]) == 2)
    spelled = [r for r in rows if r["group"] == seed["group"] and r["type"] == "spelling"]
    assert [(r["outlet"], r["base"], r["text"]) for r in spelled] == [("Japannews", "Zelenskyy", "Zelenskiy")]
    assert all(r["moved_after"] == "" for r in rows if r["type"] != "moved")   # said of moved blocks only


def test_edits_csv_says_where_a_moved_paragraph_went(tmp_path):
    lines = WIRE.split("\n")
    moved = lines[:5] + [lines[9]] + lines[5:9] + lines[10:]
    write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "outlet": "A", "text": WIRE}, {"id": "b", "outlet": "B",
                                                                                "text": "\n".join(moved)}])
    run_corpus(str(tmp_path / "c.jsonl"), str(tmp_path / "out"), scheduler="sync")
    rows = csv.DictReader(open(tmp_path / "out" / "edits.csv", encoding="utf-8"))
    (edit,) = [r for r in rows if r["type"] == "moved"]
    (group,) = groups_of(tmp_path / "out")
    report = (tmp_path / "out" / group["report"]).read_text(encoding="utf-8")
    assert edit["outlet"] == "B" and edit["base"] == lines[9]
    assert f'printed after <a href="#r{edit["moved_after"]}">row {edit["moved_after"]}</a>' in report


def test_outlets_are_profiled_in_csv_and_svg(run):
    out, _ = run
    rows = {r["outlet"]: r for r in csv.DictReader(open(out / "outlets.csv", encoding="utf-8"))}
    assert rows["Japannews"]["stories"] == "1" and rows["Japannews"]["trim_rate"] == "1.0"
    assert rows["Japannews"]["style_Zelenskyy"] == "Zelenskiy" and rows["Inquirer"]["style_Zelenskyy"] == "Zelenskyy"
    assert rows["Evening Star"]["stories"] == "5"    # the Evening Star printed five of the six 1916 stories
    page = (out / "outlets.html").read_text()
    assert page.count("<svg") == 3 and "http" not in re.sub(r'xmlns="[^"]+"', "", page.split("<main>")[1])
    # every outlet's figures on the page too, as outlets.csv has them
    from bs4 import BeautifulSoup
    table = BeautifulSoup(page, "html.parser").select_one("table.figures")
    cells = {tr.td.get_text(): [td.get_text(strip=True) for td in tr.select("td")[1:]]
             for tr in table.select("tbody tr")}
    assert set(cells) == set(rows)
    star = rows["Evening Star"]
    assert cells["Evening Star"][:5] == [
        star["stories"], star["measured"], f"{100 * float(star['mean_share_kept']):.0f}%",
        f"{100 * float(star['trim_rate']):.0f}%", star["mean_blocks_trimmed"] if float(star["trim_rate"]) else "—"]
    assert cells["Evening Star"][5] == f"{float(star['subheads_added_per_story']):.2f}"
    # the story's edits are the outlet's figure; its furniture's are counted apart
    dressed = max(rows.values(), key=lambda r: float(r["per_1000_non-story"] or 0))   # the Japan News page
    per_1000 = {k.removeprefix("per_1000_"): float(v or 0) for k, v in dressed.items() if k.startswith("per_1000_")}
    assert per_1000["non-story"] > 0
    assert cells[dressed["outlet"]][6:] == [f"{sum(v for t, v in per_1000.items() if t != 'non-story'):.1f}",
                                         f"{per_1000['non-story']:.1f}"]
    *_, edits_label = BeautifulSoup(page, "html.parser").find_all("text", class_="label", string=dressed["outlet"])
    bar = edits_label.find_next("text", class_="value")   # in the last chart, edits per 1,000 words
    assert bar.get_text() == " + ".join(cells[dressed["outlet"]][6:]) + " furniture"


def test_a_group_of_three_or_more_is_read_against_what_most_outlets_print(tmp_path):
    lines = WIRE.split("\n")
    outlets = [("Respelled", "\n".join(line.replace("Zelenskyy", "Zelenskiy") for line in lines)),
               ("Trimmed", "\n".join(lines[:12])),
               ("Subheaded", "\n".join(lines[:5] + ["Talks ahead"] + lines[5:])),
               ("Cut", "\n".join(lines[:6] + lines[7:]))]
    days = ["2025-02-10T09:00:00Z", "2025-02-09T23:30:00-05:00", "2025-02-11", ""]   # the 2nd: Feb 9 where printed
    write_jsonl(tmp_path / "c.jsonl", [{"id": name, "outlet": name, "text": text, "published": day}
                                       for (name, text), day in zip(outlets, days)])
    run_corpus(str(tmp_path / "c.jsonl"), str(tmp_path / "out"), scheduler="sync")
    (group,) = groups_of(tmp_path / "out")
    doc = json.loads((tmp_path / "out" / group["comparison"]).read_text())
    assert [v.get("published", "") for v in doc["versions"][1:]] == days   # as given
    index = BeautifulSoup((tmp_path / "out" / "index.html").read_text(), "html.parser")
    (row,) = index.select("tbody tr")
    assert row.select_one(".printed-by").get_text() == "printed by Respelled, Trimmed, Subheaded, Cut"
    assert row.select("td")[1].get_text() == "2025-02-09" and row["data-published"] == "2025-02-09"
    wire = next(v for v in doc["versions"] if v["id"] == doc["base"])
    assert wire["label"] == "Probable wire original"
    assert [b["text"] for b in wire["blocks"]] == [line.strip() for line in lines if line.strip()]
    by_outlet = {(e["version"], e["type"]) for e in doc["edits"]}
    assert ("respelled", "spelling") in by_outlet and ("trimmed", "trimmed") in by_outlet
    assert ("subheaded", "subhead-added") in by_outlet and ("cut", "paragraph-removed") in by_outlet
    assert not any(v == "trimmed" and t == "spelling" for v, t in by_outlet)   # each edit its own outlet's
    report = (tmp_path / "out" / group["report"]).read_text()
    assert "syndiff report · 4 versions · base: Probable wire original" in report   # the rebuilt original is none


def test_a_group_whose_versions_the_wire_original_hardly_holds_is_flagged(tmp_path):
    """1916 papers that rewrote a story freely: a reconstruction holds almost nothing of some
    of them, and their edits say little of their outlets; the group says which they are."""
    folder = CHRONAM / "19161111-014"
    write_jsonl(tmp_path / "c.jsonl", [{"id": p.stem, "outlet": p.stem.split("-", 1)[1], "text": read(p)}
                                       for p in sorted(folder.glob("*.txt"))])
    run_corpus(str(tmp_path / "c.jsonl"), str(tmp_path / "out"), scheduler="sync", reflow=True)
    (group,) = groups_of(tmp_path / "out")
    doc = json.loads((tmp_path / "out" / group["comparison"]).read_text())
    low = sorted(v["label"] for v in doc["versions"]
                 if v["id"] in doc["summary"] and doc["summary"][v["id"]]["similarity"] < 0.1)
    assert low   # this story has such papers
    (flag,) = [f for f in group["flags"] if f.startswith("little in common with the wire original: ")]
    assert sorted(re.findall(r"([\w-]+) \(\d+%\)", flag)) == low
    assert flag in (tmp_path / "out" / "index.html").read_text()


def test_write_throughs_that_share_little_stay_apart_and_one_outlet_twice_is_flagged(tmp_path):
    lines = [line for line in WIRE.split("\n") if len(line.split()) > 12]
    first = "\n".join(lines[:6])
    # a write-through: new reporting about the same talks, a short quote in common (a shared run
    # of 14 words or more would join them: the 1916 fixtures hold versions that share no more)
    second = ("Kremlin says Putin and Trump have not yet set a date for talks\n"
              "The Kremlin said on Monday that no date had been agreed for a meeting between the two presidents "
              "and that preparations were at an early stage.\n"
              "Officials in Washington said envoys would meet in Riyadh later this month to prepare the ground.\n"
              "“I hope it’s fast,” Trump said of the talks, which he expects to begin within weeks.\n"
              "Markets in Moscow rose on the news, with the rouble firming against the dollar for a third day.")
    write_jsonl(tmp_path / "c.jsonl", [
        {"id": "a", "outlet": "Reuters", "text": first},
        {"id": "b", "outlet": "Reuters", "text": second},
        {"id": "c", "outlet": "Inquirer", "text": "\n".join(lines[:5])},
        {"id": "d", "outlet": "Inquirer", "text": "\n".join(lines[:6])},
    ])
    run_corpus(str(tmp_path / "c.jsonl"), str(tmp_path / "out"), scheduler="sync")
    (group,) = groups_of(tmp_path / "out")
    assert set(group["articles"]) == {"a", "c", "d"}
    assert sorted(group["outlets"]) == ["Inquirer", "Inquirer", "Reuters"]
    assert group["flags"] == ["same outlet twice: Inquirer"]
    with open(tmp_path / "out" / "outlets.csv", newline="") as f:
        rows = {r["outlet"]: r for r in csv.DictReader(f)}
    assert rows["Inquirer"]["stories"] == "1"    # one story, printed twice: both versions measured
    assert rows["Inquirer"]["measured"] == "2"


def test_a_story_printed_more_than_a_bucket_holds_is_one_group(tmp_path):
    """More outlets than MAX_BUCKET_PAIRS print one story word for word: every LSH bucket of
    theirs pairs each member with neighbours and a hub instead of all pairs, and the group
    is still whole."""
    from syndiff.corpus.group import MAX_BUCKET_PAIRS

    n = MAX_BUCKET_PAIRS + 15
    rng = random.Random(7)
    articles = [{"id": f"v{k}", "outlet": f"Outlet {k}", "text": WIRE} for k in range(n)]
    articles += [filler(k, rng) for k in range(20)]
    rng.shuffle(articles)
    write_jsonl(tmp_path / "c.jsonl", articles)
    run_corpus(str(tmp_path / "c.jsonl"), str(tmp_path / "out"), scheduler="sync")
    assert found(tmp_path / "out") == {frozenset(f"v{k}" for k in range(n))}


def test_a_pair_whose_estimate_is_near_the_thresholds_is_checked_on_all_its_shingles():
    """The case that joined two stories among 50,000 generated articles: a story of 203
    shingles and one of 1,620 share 4 (a run of 8 words); the larger one's sketch is a
    sample that holds 3 of the 4, so the estimate says 11 shared. The exact count decides."""
    import numpy as np

    from syndiff.corpus.group import Entry, Grouper, estimate

    rng = np.random.default_rng(5)
    hashes = rng.choice(2**32, 203 + 1620 - 4, replace=False).astype(np.uint32)
    small = np.sort(hashes[:203])
    common = small[:4]                       # the 4 shared shingles, all small hashes
    large = np.sort(np.r_[common, hashes[203:]])
    entries = [Entry(0, 203, small, np.zeros(128, np.uint64)), Entry(1, 1620, large[:512], np.zeros(128, np.uint64))]
    shared, _ = estimate(entries[0].sketch, 203, entries[1].sketch, 1620)
    assert shared >= 10                      # what the sketches alone would have joined on
    asked = []

    def exact(a, b):
        asked.append((a, b))
        n = len(np.intersect1d(small, large))
        return float(n), n / 203

    with Grouper() as grouper:
        for e in entries:
            grouper.add(e)                   # equal signatures: one LSH candidate pair
        assert grouper.groups() == [[0, 1]]
        assert grouper.groups(exact=exact) == [] and asked == [(0, 1)]


@pytest.mark.parametrize("n", [0, 1, 4, 5, 8, 9])
def test_signatures_on_disk_find_the_same_pairs_at_every_block_boundary(n, monkeypatch):
    # 4 rows a block: none, one, a block just full, one over, two full, one over two
    import numpy as np

    from syndiff.corpus.group import Entry, Grouper

    monkeypatch.setattr("syndiff.corpus.group.SIGNATURE_ROWS", 4)
    rng = np.random.default_rng(n)
    signatures = rng.integers(0, 2**63, (n, 128), dtype=np.uint64)
    for a, b in ((0, n - 1), (1, 2)):        # pairs that agree in one band each
        if 0 <= a < b < n:
            signatures[b, 7 * b] = signatures[a, 7 * b]
    with Grouper() as grouper:
        for k in range(n):
            grouper.add(Entry(k, 50, np.arange(50, dtype=np.uint32) + 1000 * k, signatures[k]))
        pairs = {tuple(p) for p in grouper.candidates().tolist()}
        assert pairs == {(a, b) for a, b in ((0, n - 1), (1, 2)) if 0 <= a < b < n}
        assert [grouper.sketch(k)[0] for k in range(n)] == [1000 * k for k in range(n)]


def test_a_short_story_whose_shingles_all_hash_above_a_long_ones_sample_is_no_match():
    """A brief of 9 shingles beside a story of 2,000, whose sketch keeps its 512 smallest
    hashes: every hash of the brief lies above them, so nothing of the two can be compared
    (this once raised an IndexError and ended the run)."""
    import numpy as np

    from syndiff.corpus.group import Entry, Grouper

    long = Entry(0, 2000, np.arange(1, 1025, 2, dtype=np.uint32), np.zeros(128, np.uint64))
    brief = Entry(1, 9, np.arange(5000, 5009, dtype=np.uint32), np.zeros(128, np.uint64))
    with Grouper() as grouper:
        grouper.add(long)
        grouper.add(brief)
        assert grouper.groups() == []


def test_bad_articles_are_reported_by_line_and_skipped(tmp_path):
    good = [{"id": n, "outlet": o, "text": WIRE} for n, o in (("1", "A"), ("2", "B"))]
    bad = ['{"id": "3", "outlet": "C", "text": ""}',                       # line 3: empty
           '{"id": "4", "outlet": "D", "text": "\\u0000\\u0001\\u0002 binary"}',
           '{"id": "5", "outlet": "E", "text": "half a line',              # line 5: broken JSON
           '{"id": "6", "text": "no outlet"}',
           '{"id": "7", "outlet": "F"}',
           '["not", "an", "object"]',
           '{"id": "9", "outlet": "G", "text": 42}',
           '{"id": "10", "outlet": "H", "text": "a broken escape: \\ud83d, half an emoji"}']
    write_jsonl(tmp_path / "c.jsonl", good, bad)
    with open(tmp_path / "c.jsonl", "ab") as f:
        f.write(b'{"id": "11", "outlet": "I", "text": "half an emoji in bytes: \xed\xa0\xbd"}\n')   # line 11
        f.write(b'{"id": "12", "outlet": "J", "text": "a whole emoji, escaped: \\ud83d\\ude00"}\n')   # no problem
    result = run_corpus(str(tmp_path / "c.jsonl"), str(tmp_path / "out"), scheduler="sync")
    problems = [json.loads(line) for line in open(tmp_path / "out" / "problems.jsonl")]
    assert [p["where"] for p in problems] == [f"c.jsonl:{n}" for n in range(3, 12)]
    reasons = [p["error"] for p in problems]
    assert reasons[0].startswith("no text") and "binary" in reasons[1] and reasons[2].startswith("not a JSON object")
    assert reasons[3].startswith("no outlet") and reasons[4].startswith("no text")
    assert reasons[5] == "not a JSON object but list" and reasons[6] == "text: give a string, not int"
    assert reasons[7].startswith("text: \\ud83d is no character") and reasons[8].startswith("text: \\ud83d is no")
    assert result.groups == 1 and len(found(tmp_path / "out")) == 1


def test_a_gzip_file_cut_short_gives_every_whole_line_before_the_cut_and_names_the_cut(tmp_path):
    # a download broken off: the articles of its whole lines are compared, the cut is reported
    # by its line, and the run completes
    lines = WIRE.split("\n")
    articles = [{"id": f"a{n}", "outlet": f"Outlet {n}", "text": "\n".join(lines[:10 + n])} for n in range(4)]
    whole = gzip.compress("".join(json.dumps(a) + "\n" for a in articles).encode())
    (tmp_path / "c.jsonl.gz").write_bytes(whole[:-40])   # its trailer and the end of the 4th line gone
    result = run_corpus(str(tmp_path / "c.jsonl.gz"), str(tmp_path / "out"), scheduler="sync")
    assert [(p.where, p.error) for p in result.problems] == [
        ("c.jsonl.gz:4", "the file breaks off here, its gzip stream ends before its end marker; "
                         "nothing after it could be read")]
    (group,) = groups_of(tmp_path / "out")
    assert sorted(group["articles"]) == ["a0", "a1", "a2"]


def test_a_gzip_file_of_several_members_is_read_whole(tmp_path):
    # files joined with cat, as archives are: each member's articles read, the zeros some writers pad with skipped
    lines = WIRE.split("\n")
    articles = [json.dumps({"id": f"a{n}", "outlet": f"Outlet {n}", "text": "\n".join(lines[:10 + n])}) + "\n"
                for n in range(3)]
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(articles[0].encode()) + b"\0" * 70_000   # past a read
                                          + gzip.compress("".join(articles[1:]).encode()) + b"\0" * 8)
    result = run_corpus(str(tmp_path / "c.jsonl.gz"), str(tmp_path / "out"), scheduler="sync")
    assert result.problems == [] and result.articles == 3
    (group,) = groups_of(tmp_path / "out")
    assert sorted(group["articles"]) == ["a0", "a1", "a2"]


def test_two_outlets_one_of_them_twice_are_compared_as_a_pair_and_measured_against_each_other(tmp_path):
    # no majority of three outlets to find: the base is the longest version, and the outlet
    # printed twice is measured against the other outlet, never against its own copy
    japan = read(SEED / "japannews.txt")
    articles = [{"id": "inq", "outlet": "Inquirer", "text": WIRE}, {"id": "jn", "outlet": "Japan News", "text": japan},
                {"id": "jn2", "outlet": "Japan News", "text": japan.replace("Zelenskyy", "Zelenskiy")}]
    write_jsonl(tmp_path / "c.jsonl", articles)
    run_corpus(str(tmp_path / "c.jsonl"), str(tmp_path / "out"), scheduler="sync")
    (group,) = groups_of(tmp_path / "out")
    assert group["flags"] == ["same outlet twice: Japan News"] and not group.get("reconstructed")
    doc = json.loads((tmp_path / "out" / group["comparison"]).read_text())
    assert doc["base"] == "inquirer"
    with open(tmp_path / "out" / "outlets.csv", newline="", encoding="utf-8") as f:
        rows = {r["outlet"]: r for r in csv.DictReader(f)}
    assert rows["Japan News"]["measured"] == "2" and rows["Japan News"]["trim_rate"] == "1.0"
    assert rows["Inquirer"]["measured"] == "0"


def test_an_article_given_twice_is_read_once(tmp_path):
    lines = WIRE.split("\n")
    articles = [{"id": "a", "outlet": "A", "text": WIRE}, {"id": "b", "outlet": "B", "text": "\n".join(lines[:12])},
                {"id": "c", "outlet": "C", "text": "\n".join(lines[:14])}]
    again = json.dumps(articles[1])
    write_jsonl(tmp_path / "c.jsonl", articles, [again, json.dumps({**articles[1], "id": "b2"})])
    result = run_corpus(str(tmp_path / "c.jsonl"), str(tmp_path / "out"), scheduler="sync")
    assert [(p.where, p.error) for p in result.problems] == [
        ("c.jsonl:4", "the same article as c.jsonl:2 (id, outlet and text): read once")]
    (group,) = groups_of(tmp_path / "out")
    assert sorted(group["articles"]) == ["a", "b", "b2", "c"]   # another id: another article, of the same outlet
    assert group["flags"] == ["same outlet twice: B"]


def test_in_a_folder_the_outlet_is_the_folder_under_input(tmp_path):
    lines = WIRE.split("\n")
    folder = tmp_path / "folder"
    for outlet, path, n in [("Evening Star", "2025/feb/es.txt", 12), ("Inquirer", "inq.txt", 14),
                            ("Japan News", "x/y/z/jn.txt", 10)]:
        (folder / outlet / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / outlet / path).write_text("\n".join(lines[:n]))
    (folder / "loose.txt").write_text("\n".join(lines[:11]))
    (folder / "Inquirer" / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)))
    (folder / "Inquirer" / "notes.docx").write_bytes(b"PK\x03\x04")   # not read, and said so
    (folder / "Inquirer" / "logo.png").write_bytes(b"\x89PNG")        # not an article: passed over
    result = run_corpus(str(folder), str(tmp_path / "out"), scheduler="sync")
    (group,) = groups_of(tmp_path / "out")
    assert sorted(group["outlets"]) == ["Evening Star", "Inquirer", "Japan News"]
    assert sorted((p.where, p.error) for p in result.problems) == [   # each named once, by where it is
        ("Inquirer/notes.docx", "not read: syndiff reads .txt, .html, .json and .jsonl files (save it as one)"),
        ("Inquirer/photo.txt", "binary file, not text"),
        ("loose.txt", "no outlet: a file beside the outlets' folders names none (put it in its outlet's folder)")]


def test_an_output_folder_inside_the_input_folder_is_not_read_as_articles(tmp_path):
    # its reports are pages and its documents JSON: a second run would read them as articles
    lines = WIRE.split("\n")
    folder = tmp_path / "pile"
    for n in range(3):
        (folder / f"Outlet {n}").mkdir(parents=True)
        (folder / f"Outlet {n}" / "story.txt").write_text("\n".join(lines[:10 + n]))
    with pytest.raises(InputError, match="the input folder itself; give the output a folder of its own"):
        run_corpus(str(folder), str(folder / "."), scheduler="sync")
    out = folder / "Outlet 0" / "out"
    first = run_corpus(str(folder), str(out), scheduler="sync")
    again = run_corpus(str(folder), str(out), scheduler="sync")
    assert (first.articles, again.articles, again.problems, again.reused_groups) == (3, 3, [], 1)
    (group,) = groups_of(out)
    assert sorted(m["where"] for m in group["members"]) == [f"Outlet {n}/story.txt" for n in range(3)]


def test_jsonl_files_in_a_folder_are_read_an_article_a_line(tmp_path):
    # a pile kept a file a day: each line an article, named by its file and line; a file
    # that is no gzip is reported, and the others still read
    lines = WIRE.split("\n")
    articles = [{"id": f"a{n}", "outlet": f"Outlet {n}", "text": "\n".join(lines[:10 + n])} for n in range(3)]
    (tmp_path / "pile" / "2025").mkdir(parents=True)
    write_jsonl(tmp_path / "pile" / "2025" / "02-14.jsonl", articles[:2])
    with gzip.open(tmp_path / "pile" / "2025" / "02-15.JSONL.GZ", "wt", encoding="utf-8") as f:   # any case
        f.write(json.dumps(articles[2]) + "\n")
    (tmp_path / "pile" / "2025" / "02-16.jsonl.gz").write_bytes(b"not gzip\n")
    result = run_corpus(str(tmp_path / "pile"), str(tmp_path / "out"), scheduler="sync")
    assert [(p.where, p.error) for p in result.problems] == [
        ("2025/02-16.jsonl.gz", "cannot be read (Not a gzipped file (b'no'))")]
    (group,) = groups_of(tmp_path / "out")
    assert sorted(m["where"] for m in group["members"]) == [
        "2025/02-14.jsonl:1", "2025/02-14.jsonl:2", "2025/02-15.JSONL.GZ:1"]


def test_a_gzipped_file_and_a_folder_read_alike(tmp_path):
    articles = [{"id": f"a{n}", "outlet": f"Outlet {n}", "text": "\n".join(WIRE.split("\n")[:8 + n])}
                for n in range(3)]
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(a) + "\n" for a in articles)
    folder = tmp_path / "folder"
    for a in articles:
        (folder / a["outlet"]).mkdir(parents=True)
        (folder / a["outlet"] / "story.txt").write_text(a["text"])
    run_corpus(str(tmp_path / "c.jsonl.gz"), str(tmp_path / "gz"), scheduler="sync")
    run_corpus(str(folder), str(tmp_path / "dir"), scheduler="sync")
    assert [len(g["articles"]) for g in groups_of(tmp_path / "gz")] == [3]
    (group,) = groups_of(tmp_path / "dir")
    assert sorted(group["outlets"]) == ["Outlet 0", "Outlet 1", "Outlet 2"] and group["articles"] == ["story"] * 3
    # three files named story.txt: their paths tell them apart, each its own version
    members = sorted((m["where"], m["version"]) for m in group["members"])
    assert [w for w, _ in members] == [f"Outlet {n}/story.txt" for n in range(3)]
    assert len({v for _, v in members}) == 3 and all(members)
    with open(tmp_path / "dir" / "edits.csv", newline="", encoding="utf-8") as f:
        edits = list(csv.DictReader(f))
    assert edits and {e["where"] for e in edits} <= {w for w, _ in members}
    assert all(e["where"] == f"{e['outlet']}/story.txt" for e in edits)


def test_a_rerun_on_a_grown_corpus_reuses_what_did_not_change(pile, tmp_path):
    path, expected = pile
    out = tmp_path / "out"
    run_corpus(str(path), str(out), scheduler="sync", reflow=True)
    (tmp_path / "grown").mkdir()
    grown = tmp_path / "grown" / path.name   # the same name: its articles stand where they stood
    lines = WIRE.split("\n")
    grown.write_text(path.read_text() + json.dumps({"id": "new", "outlet": "Late Edition",
                                                    "text": "\n".join(lines[:9])}) + "\n")
    # a document left half written (a run stopped mid-write) is compared again, not read
    broken = next(g for g in groups_of(out) if len(g["articles"]) > 2)   # not the seed pair, which grows
    document = out / broken["comparison"]
    document.write_text(document.read_text()[:100])
    # a report deleted is made again from its document, as it was; the others are left alone
    kept = next(g for g in groups_of(out) if len(g["articles"]) > 2 and g["group"] != broken["group"])
    report = out / kept["report"]
    written = report.read_text()
    report.unlink()
    untouched = {p: p.stat().st_mtime_ns for p in (out / "groups").iterdir() if p.stem != broken["group"]}
    again = run_corpus(str(grown), str(out), scheduler="sync", reflow=True)
    assert report.read_text() == written
    assert again.reused_articles == again.articles - 1
    assert again.reused_groups == 5          # the seed story's group changed (a third version) and one was broken
    assert json.loads(document.read_text())["versions"]
    seed = next(g for g in groups_of(out) if "new" in g["articles"])
    assert len(seed["articles"]) == 3 and seed["reconstructed"]
    # the seed pair's files went with it: groups/ holds this run's groups alone
    stems = {p.stem for p in (out / "groups").iterdir()}
    assert stems == {Path(g["comparison"]).stem for g in groups_of(out)}
    assert len(list((out / "groups").iterdir())) == 2 * len(groups_of(out))   # a document and a report each
    reused = {p for p in untouched if p.exists() and p != report and p.stem in stems}
    assert len(reused) == 2 * 5 - 1 and all(p.stat().st_mtime_ns == untouched[p] for p in reused)   # not rewritten


def test_a_distributed_cluster_finds_the_same_groups(pile, run, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(host="127.0.0.1", n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        run_corpus(str(pile[0]), str(tmp_path / "out"), scheduler=cluster.scheduler_address, reflow=True)
    assert found(tmp_path / "out") == found(run[0])
    assert [g["group"] for g in groups_of(tmp_path / "out")] == [g["group"] for g in groups_of(run[0])]


def test_the_cli_runs_a_corpus_and_says_what_it_did(pile, tmp_path):
    p = subprocess.run([sys.executable, "-m", "syndiff", "corpus", str(pile[0]), "-o", str(tmp_path / "out"),
                        "--reflow", "--workers", "2"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    assert p.stderr.strip().endswith(f"see {tmp_path / 'out' / 'index.html'}")
    assert "118 articles read, 0 skipped, 7 groups (0 articles and 0 groups reused" in p.stderr
    assert "\r" not in p.stderr   # no progress bar off a terminal
    p = subprocess.run([sys.executable, "-m", "syndiff", "corpus", str(tmp_path / "missing.jsonl"), "-o",
                        str(tmp_path / "x")], capture_output=True, text=True, cwd=ROOT, timeout=60)
    missing = tmp_path / "missing.jsonl"
    assert p.returncode == 2 and p.stderr.strip() == f"syndiff: error: {missing}: no such file or folder"
    assert not (tmp_path / "x").exists()   # nothing made of a run that could not start


def test_a_json_array_given_as_the_corpus_is_one_error_that_says_how_to_make_jsonl(tmp_path, capsys):
    # not one problem, "not a JSON object but list", and an empty run
    from syndiff.cli import main
    array = tmp_path / "articles.json"
    array.write_text(json.dumps([{"id": "a", "outlet": "A", "text": WIRE}]) + "\n")
    assert main(["corpus", str(array), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (f"syndiff: error: {array}: a JSON array; a corpus is JSONL, an article a line "
                                       f"(jq -c '.[]' {array} > articles.jsonl makes one of it)\n")
    with gzip.open(tmp_path / "articles.json.gz", "wt") as f:
        f.write(array.read_text())
    assert main(["corpus", str(tmp_path / "articles.json.gz"), "-o", str(tmp_path / "out")]) == 2
    assert "gunzip -c" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_one_article_given_as_the_corpus_is_one_error_that_points_to_compare(tmp_path, capsys):
    # not a line of "not a JSON object" for each of its lines
    from syndiff.cli import main
    story = SEED / "inquirer.txt"
    assert main(["corpus", str(story), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (
        f"syndiff: error: {story}: one article; a corpus is a JSONL file (an article a line) or a folder of "
        "articles (to compare the versions of one story: syndiff compare FILE FILE …)\n")
    assert not (tmp_path / "out").exists()


def test_an_output_folder_that_fails_mid_run_is_one_line_of_error(tmp_path, monkeypatch, capsys):
    import errno

    import syndiff.corpus.run
    from syndiff.cli import main

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out" / "groups" / "abc.html"))

    monkeypatch.setattr(syndiff.corpus.run, "run_corpus", full)
    assert main(["corpus", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    where = tmp_path / "out" / "groups" / "abc.html"
    assert capsys.readouterr().err == f"syndiff: error: {where}: cannot be written (No space left on device)\n"


def test_a_cache_that_cannot_be_written_is_one_line_of_error(tmp_path, monkeypatch, capsys):
    import sqlite3

    import syndiff.corpus.run
    from syndiff.cli import main

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(syndiff.corpus.run, "run_corpus", full)
    assert main(["corpus", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    out = tmp_path / "out"
    assert capsys.readouterr().err == f"syndiff: error: {out}: cannot be written (database or disk is full)\n"


def test_an_input_that_breaks_off_mid_run_is_named_as_the_input(tmp_path):
    bad = tmp_path / "pile.jsonl.gz"
    bad.write_bytes(b"not gzip at all\n")
    p = subprocess.run([sys.executable, "-m", "syndiff", "corpus", str(bad), "-o", str(tmp_path / "out"),
                        "--scheduler", "sync"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 2
    assert p.stderr == f"syndiff: error: {bad}: cannot be read (Not a gzipped file (b'no'))\n"


def test_a_pages_date_gives_way_to_the_date_the_article_was_given_with(tmp_path):
    from pages import inquirer_page, japannews_page

    write_jsonl(tmp_path / "c.jsonl", [{"id": "inq", "outlet": "Inquirer", "html": inquirer_page()[0]},
                                       {"id": "given", "outlet": "Inquirer", "html": inquirer_page()[0],
                                        "published": "2025-02-10"},
                                       {"id": "jn", "outlet": "Japan News", "html": japannews_page()[0]}])
    run_corpus(str(tmp_path / "c.jsonl"), str(tmp_path / "out"), scheduler="sync")
    (group,) = groups_of(tmp_path / "out")
    doc = json.loads((tmp_path / "out" / group["comparison"]).read_text())
    dates = {v["article"]: v.get("published") for v in doc["versions"] if "article" in v}
    # the page's (2025-02-09T10:10:00+08:00), the one given instead of it, none (the page says none)
    assert dates == {"inq": "2025-02-09", "given": "2025-02-10", "jn": None}
    assert dates == {m["id"]: m["published"] or None for m in group["members"]}   # the document and groups.jsonl agree


def test_a_rerun_tells_each_version_where_its_article_stands_now_and_its_date_as_given_now(pile, tmp_path):
    """Lines moved, a date corrected, another removed, a url changed: the groups are not
    compared again, and every file says what a first run on the new input says."""
    path, _ = pile
    out = tmp_path / "out"
    run_corpus(str(path), str(out), scheduler="sync", reflow=True)
    articles = [json.loads(line) for line in path.read_text().splitlines()]
    first, second = groups_of(out)[0]["articles"][:2]
    for a in articles:
        if a["id"] == first:
            a["published"] = "1916-12-27"
            a["url"] = "https://chroniclingamerica.loc.gov/lccn/moved"
        if a["id"] == second:
            a["published"] = "1916-12-26"
    write_jsonl(tmp_path / "dated.jsonl", articles)
    run_corpus(str(tmp_path / "dated.jsonl"), str(out), scheduler="sync", reflow=True)
    del next(a for a in articles if a["id"] == second)["published"]   # the date removed again
    # a line put first moves every other one down; a late edition joins the seed pair
    late = {"id": "new", "outlet": "Late Edition", "text": "\n".join(WIRE.split("\n")[:9])}
    write_jsonl(tmp_path / "moved.jsonl", [filler(999, random.Random(5)), *articles, late])
    again = run_corpus(str(tmp_path / "moved.jsonl"), str(out), scheduler="sync", reflow=True)
    assert again.reused_groups == again.groups - 1   # the seed story's group alone compared again
    fresh = tmp_path / "fresh"
    run_corpus(str(tmp_path / "moved.jsonl"), str(fresh), scheduler="sync", reflow=True)
    for name in ("groups.jsonl", "edits.csv", "index.html", "articles.csv"):
        assert (out / name).read_text() == (fresh / name).read_text(), name
    for g in groups_of(fresh):
        for file in (g["comparison"], g["report"]):
            assert (out / file).read_text() == (fresh / file).read_text(), file
    (fixed,) = [g for g in groups_of(out) if first in g["articles"]]
    assert "published 1916-12-27" in (out / fixed["report"]).read_text()
    doc = json.loads((out / fixed["comparison"]).read_text())
    version = {v.get("article"): v for v in doc["versions"]}
    assert version[first]["source"] == "https://chroniclingamerica.loc.gov/lccn/moved"
    assert "published" not in version[second] and version[first]["where"].startswith("moved.jsonl:")


@pytest.mark.parametrize("scheduler", ["sync", None])   # None: the local process pool
def test_many_small_windows_give_the_same_outputs(pile, run, tmp_path, monkeypatch, scheduler):
    """Windows of a few articles and groups, two computed at once on worker processes: the
    outputs are those of one window."""
    for name, value in (("WINDOW", 7), ("BATCH", 2), ("GROUP_WINDOW", 2), ("GROUP_BATCH", 1)):
        monkeypatch.setattr(f"syndiff.corpus.run.{name}", value)
    out = tmp_path / "out"
    run_corpus(str(pile[0]), str(out), scheduler=scheduler, reflow=True, workers=2)
    for name in ("groups.jsonl", "edits.csv", "articles.csv", "outlets.csv", "index.html"):
        assert (out / name).read_text() == (run[0] / name).read_text(), name
    for g in groups_of(out):
        assert (out / g["comparison"]).read_text() == (run[0] / g["comparison"]).read_text()
