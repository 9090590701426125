"""The static HTML report, read as a browser reads it (selectors, not substrings): a column
per version, the gold pairs side by side, a badge for every gold edit, the trimmed band,
the data inside, nothing loaded from elsewhere, and hostile text shown as text."""

import csv
import io
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from conftest import SEED, read

from syndiff import compare
from syndiff.render.csv import render_csv
from syndiff.render.html import STATIC, TEMPLATES, TYPE, environment, render_index, render_report, story_summary

GOLD = json.loads(read(SEED / "expected.json"))
INQ = read(SEED / "inquirer.txt").split("\n")
JN = [line for line in read(SEED / "japannews.txt").split("\n") if line.strip()]


def _norm(s: str) -> str:
    s = s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'").replace("–", "-")
    return " ".join(unicodedata.normalize("NFC", s).split()).casefold()


SEED_ARGS = [str(SEED / "inquirer.txt"), str(SEED / "japannews.txt"), "--label", "inquirer", "--label", "japannews",
             "--base", "inquirer"]


def syndiff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "syndiff", *args], capture_output=True, text=True, encoding="utf-8")


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("report") / "seed.html"
    p = syndiff("compare", *SEED_ARGS, "-o", str(out))
    assert p.returncode == 0, p.stderr
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_json() -> dict:
    p = syndiff("compare", *SEED_ARGS, "--format", "json")
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


@pytest.fixture(scope="module")
def soup(seed_html) -> BeautifulSoup:
    return BeautifulSoup(seed_html, "html.parser")


def version_text(td) -> str:
    """What the version prints in a cell: its text without the base's struck words."""
    text = td.find(class_="text")
    if text is None:
        return ""
    return "".join(s for s in text.strings if s.find_parent("del") is None)   # the soup is shared: not decomposed


def test_a_column_per_version_base_first(soup):
    heads = [th.get_text(" ", strip=True) for th in soup.select("table.aligned thead th")]
    assert heads == ["#", "inquirer base", "japannews"]
    assert [c.h2.get_text(" ", strip=True) for c in soup.select(".cards .card")] == ["inquirer base", "japannews"]


def test_gold_pairs_stand_side_by_side(soup):
    rows = soup.select("tr.row")
    for b, v in GOLD["align"]["japannews.txt"]:
        row = next(r for r in rows if r.select("td")[1].get_text().strip() == INQ[b])
        assert version_text(row.select("td")[2]) == JN[v]


def test_every_gold_edit_has_a_badge_with_its_change(soup):
    badges = soup.select("a.badge[data-type]")
    for g in GOLD["edits"]:
        hits = [b for b in badges if b["data-type"] == g["type"]
                and _norm(g["base"])[:40] in _norm(b["title"]) and _norm(g["text"]) in _norm(b["title"])]
        assert hits, g
        assert soup.select_one(f'a.badge#{hits[0]["id"]}')  # an anchor to cite


def test_trimmed_tail_is_one_band(soup):
    [band] = soup.select("div.band")
    text = " ".join(band.get_text(" ", strip=True).split())
    assert "japannews ends here — 10 blocks of the base not printed" in text
    row = band.find_parent("tr")
    assert row.select("td")[1].get_text().strip().startswith("On Sunday, Russian state news agency TASS")
    folded = soup.select(f'tr.row[data-trim="{band["id"]}"]')   # the other nine fold under it
    assert len(folded) == 9 and row not in folded
    assert folded[-1].select("td")[1].get_text().strip().startswith("Meanwhile, one person was killed")


def test_furniture_rows_are_grouped_with_a_count(soup):
    groups = soup.select("tbody.furniture")
    labels = [g.select_one("button.fold-button").get_text(" ", strip=True) for g in groups]
    assert labels == ["4 furniture rows (image, caption, timestamp)", "22 furniture rows (chrome)",
                      "2 furniture rows (image, boilerplate)"]
    assert [g.has_attr("data-folded") for g in groups] == [False, True, False]


def test_rows_and_edits_have_anchors(soup):
    assert [r["id"] for r in soup.select("tr.row")] == [f"r{i}" for i in range(49)]
    ids = [b["id"] for b in soup.select("a.badge[data-type]")]
    edits = json.loads(soup.select_one("script#syndiff-data").string)["edits"]
    assert len(ids) == len(set(ids)) == len(edits) == 35  # one badge an edit
    assert soup.select_one('a[href="#r7"]')


def embedded(soup: BeautifulSoup) -> dict:
    return json.loads(soup.select_one('script#syndiff-data[type="application/json"]').string)


def test_the_data_inside_equals_the_json_output(soup, seed_json):
    assert embedded(soup) == seed_json


def test_skipped_inputs_are_in_the_data_inside_and_on_the_page(tmp_path):
    missing = str(tmp_path / "gone.txt")
    args = ["compare", str(SEED / "inquirer.txt"), str(SEED / "japannews.txt"), missing, "--skip-failed"]
    p = syndiff(*args, "-o", str(tmp_path / "x.html"))
    assert p.returncode == 0, p.stderr
    report = BeautifulSoup((tmp_path / "x.html").read_text(encoding="utf-8"), "html.parser")
    as_json = json.loads(syndiff(*args, "--format", "json").stdout)
    assert embedded(report) == as_json
    assert embedded(report)["skipped"] == [{"input": missing, "error": f"{missing}: no such file"}]
    note = report.select_one("header.page .skipped")
    assert note.p.get_text(strip=True) == "1 input left out, failed to load:"
    assert [li.get_text(strip=True) for li in note.select("li")] == [f"{missing}: no such file"]
    assert len(report.select("table.aligned thead th")) == 3   # # and the two versions that loaded


def test_a_report_without_skipped_inputs_says_nothing_of_them(soup):
    assert "skipped" not in embedded(soup) and not soup.select(".skipped")


@pytest.mark.parametrize("output", [["--format", "html"], ["--format", "html", "-o", "report.txt"],
                                    ["-o", "report.htm"], ["-o", "REPORT.HTML"]])
def test_html_by_format_or_extension(tmp_path, output, seed_json):
    p = subprocess.run([sys.executable, "-m", "syndiff", "compare", *SEED_ARGS, *output], cwd=tmp_path,
                       capture_output=True, text=True, encoding="utf-8")
    assert p.returncode == 0, p.stderr
    html = (tmp_path / output[-1]).read_text(encoding="utf-8") if "-o" in output else p.stdout
    assert html.startswith("<!doctype html>")
    report = BeautifulSoup(html, "html.parser")
    assert [th.get_text(" ", strip=True) for th in report.select("table.aligned thead th")] == [
        "#", "inquirer base", "japannews"]
    assert embedded(report) == seed_json


def badges(ul) -> list[tuple[str, str, int]]:
    """(symbol, type, count) of each badge of a list of counts, as printed."""
    out = []
    for li in ul.select("li.badge"):
        symbol, name, n = li.get_text(" ", strip=True).split(" ")
        out.append((symbol, name, int(n)))
    return out


def test_the_version_card_says_what_the_version_did(soup, seed_json):
    card = soup.select_one("article.card#v-japannews")
    summary = seed_json["summary"]["japannews"]
    assert card.h2.get_text(strip=True) == "japannews"
    assert card.select_one(".source").get_text(strip=True) == str(SEED / "japannews.txt")
    words = card.select_one(".words").get_text(strip=True)
    assert words == f"{summary['story_words']} story words" == "241 story words"
    bar = card.select_one(".sim .bar")
    assert bar["aria-hidden"] == "true" and bar.span["style"] == "width: 62.0%"   # the value says it, once
    assert card.select_one(".sim .value").get_text(strip=True) == "62% like the base"
    assert round(summary["similarity"] * 100) == 62
    counts = badges(card.select_one("ul.counts"))
    assert counts == [(TYPE[t].symbol, t, summary["edits"][t]) for t in TYPE if t in summary["edits"]]
    story = {t: n for _, t, n in counts if t != "non-story"}
    assert story == Counter(g["type"] for g in GOLD["edits"])   # the gold edits, one each
    assert story == {"spelling": 1, "style": 2, "dateline": 1, "headline": 1, "subhead-removed": 1, "trimmed": 1}
    assert ("◌", "non-story", 28) in counts


def test_the_base_card_has_no_similarity(soup):
    card = soup.select_one("article.card.is-base")
    assert card.h2.get_text(" ", strip=True) == "inquirer base"
    assert not card.select(".sim, ul.counts")


def test_a_spelling_edit_strikes_the_base_word_and_marks_the_new(soup):
    [row] = [r for r in soup.select("tr.row") if r.find("del", string="Zelenskyy")]
    version = row.select("td")[2]
    assert [d.get_text() for d in version.select("del")] == ["Zelenskyy"]
    assert [i.get_text() for i in version.select("ins")] == ["Zelenskiy"]
    assert version_text(version) == next(line for line in JN if "Zelenskiy" in line)
    assert [b["data-type"] for b in version.select("a.badge")] == ["spelling"]


def test_every_badge_has_its_symbol_not_colour_alone(soup):
    found = soup.select(".badge")
    assert len(found) > 35
    for b in found:
        sym = b.select_one(".sym")
        name = next(c for c in b["class"] if c.startswith("t-")).removeprefix("t-")
        assert sym is not None and sym.get_text(strip=True) == TYPE[name].symbol != "", b
        assert name in b.get_text(" ", strip=True).split(" ")   # and its name in words


def test_nothing_is_loaded_from_elsewhere(soup):
    assert not soup.select("link, img, iframe, object, embed, script[src], [style*='url(']")
    assert all(a["href"].startswith("#") for a in soup.select("a[href]"))
    css = soup.style.string
    assert "url(" not in css and "@import" not in css


HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[click](javascript:alert(1))',
           'A quote </script><script>alert(2)</script> ends here.', '"><svg onload=alert(3)>']


def test_hostile_text_is_escaped():
    headline = "<script>alert(5)</script>"
    base = headline + "\n" + "\n".join(f"Paragraph {i}: {h}" for i, h in enumerate(HOSTILE))
    version = base.replace("Paragraph", "Para")
    labels = ["<b>evil</b>", "x\"><script>alert(4)</script>"]
    html = render_report(compare([(labels[0], base), (labels[1], version)]))
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 2 and scripts[0]["type"] == "application/json" and not scripts[1].has_attr("src")
    assert not soup.select("img, svg, [onerror], [onload]")
    assert soup.title.get_text() == f"{headline} — syndiff" and soup.h1.get_text() == headline
    assert [th.get_text(" ", strip=True) for th in soup.select("table.aligned thead th")] == [
        "#", f"{labels[0]} base", labels[1]]
    assert [c.h2.get_text(" ", strip=True) for c in soup.select(".cards .card")] == [f"{labels[0]} base", labels[1]]
    assert not soup.select("th b, .card h2 b")
    cells = " ".join(td.get_text() for td in soup.select("td.base"))
    for h in HOSTILE:
        assert h in cells
    assert json.loads(scripts[0].string)["versions"][0]["label"] == "<b>evil</b>"
    assert "</script><script>" not in scripts[0].string


def test_the_words_of_a_house_style_edit_carry_its_type():
    # so that hiding the type quiets them as it hides their badges (a dateline added just
    # before "US" -> "U.S." is not part of the style edit)
    c = compare([("inquirer", read(SEED / "inquirer.txt")), ("japannews", read(SEED / "japannews.txt"))])
    soup = BeautifulSoup(render_report(c), "html.parser")
    assert [(w.name, w["data-type"], w.get_text()) for w in soup.select("ins[data-type], del[data-type]")] == [
        ("del", "style", "US"), ("ins", "style", "U.S."), ("del", "spelling", "Zelenskyy"),
        ("ins", "spelling", "Zelenskiy"), ("del", "style", "Feb."), ("ins", "style", "February")]
    assert soup.select_one("#r5 ins:not([data-type])").get_text() == "Feb 9 (Reuters) – "


def test_report_command_writes_an_index_and_a_report_per_story(tmp_path):
    from conftest import CHRONAM
    out = tmp_path / "out"
    p = subprocess.run([sys.executable, "-m", "syndiff", "report", str(SEED), str(CHRONAM / "19160215-028"),
                        "-o", str(out), "--reflow"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = index.select("table.stories tbody tr")
    assert [r.a["href"] for r in rows] == ["reuters-trump-putin-2025.html", "19160215-028.html"]
    assert [r.select("td")[2].get_text(strip=True) for r in rows] == ["2", "5"]
    assert [r.select("td")[1].get_text(strip=True) for r in rows] == ["—", "—"]   # text files say no date
    assert rows[0].select_one(".printed-by").get_text() == "printed by inquirer, japannews"
    assert rows[0].a.get_text() == "Trump says he has spoken to Putin about ending Ukraine war"
    assert rows[0].select("td")[5].get_text(strip=True) == "japannews"       # who trimmed
    assert "62%" in rows[0].select("td")[3].get_text()                        # mean similarity
    for r in rows:
        report = BeautifulSoup((out / r.a["href"]).read_text(encoding="utf-8"), "html.parser")
        assert report.select_one("script#syndiff-data") and report.select("tr.row")
        assert [a["href"] for a in report.select("nav.pages a")] == ["index.html"]   # back to the stories
        doc = embedded(report)   # edits by type: the sums over the story's versions, as its document counts them
        counts = Counter(e["type"] for e in doc["edits"])
        assert badges(r.select("td")[4].select_one("ul.counts")) == [(TYPE[t].symbol, t, counts[t]) for t in TYPE
                                                                      if counts[t]]
        assert counts == sum((Counter(s["edits"]) for s in doc["summary"].values()), Counter())
    seed_counts = {t: n for _, t, n in badges(rows[0].select("td")[4])}
    assert {t: n for t, n in seed_counts.items() if t != "non-story"} == Counter(g["type"] for g in GOLD["edits"])


def test_every_template_escapes_what_it_prints():
    env = environment()
    names = [p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html")]
    assert "report.html" in names and "stories.html" in names
    assert all(env.autoescape(name) for name in names)   # autoescape on for every template
    for p in TEMPLATES.rglob("*.html"):
        assert not re.search(r"\|\s*safe\b", p.read_text(encoding="utf-8")), p   # nothing marked safe by hand
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_a_hostile_title_and_labels_on_the_index_are_text():
    base = "<script>alert(1)</script>\nParagraph one of the story, long enough to read.\nParagraph two."
    c = compare([("<b>evil</b>", base), ('x"><svg onload=alert(3)>', base.replace("two", "2"))])
    index = BeautifulSoup(render_index([story_summary(c, "story.html")]), "html.parser")
    (script,) = index.select("script")   # the index's own, and no other
    assert script.string.strip() == (STATIC / "index.js").read_text().strip() and not index.select("svg, [onload]")
    cell = index.select_one("table.stories tbody td")
    assert cell.a.get_text() == "<script>alert(1)</script>"
    assert [s.get_text() for s in cell.select("small")] == ['printed by <b>evil</b>, x"><svg onload=alert(3)>',
                                                             "base: <b>evil</b>"]


def test_report_command_refuses_a_folder_with_one_version(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.txt").write_text("Only one version.")
    p = subprocess.run([sys.executable, "-m", "syndiff", "report", str(tmp_path / "one"), "-o", str(tmp_path / "o")],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "one: 1 .txt or .html file(s); a story needs at least 2 versions" in p.stderr


def test_report_command_skips_a_story_that_fails_when_asked_and_refuses_a_folder_given_twice(tmp_path, capsys):
    from syndiff.cli import main
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.txt").write_text("Only one version.")
    out = tmp_path / "o"
    assert main(["report", str(tmp_path / "one"), str(SEED), "-o", str(out), "--skip-failed"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"syndiff: skipped {tmp_path / 'one'}: 1 .txt or .html file(s); a story needs at least 2 versions",
        f"wrote {out / 'index.html'} and 1 report(s)"]
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in index.select("table.stories tbody tr a")] == ["reuters-trump-putin-2025.html"]
    assert main(["report", str(tmp_path / "one"), "-o", str(tmp_path / "none"), "--skip-failed"]) == 2
    assert capsys.readouterr().err.endswith("syndiff: error: no story could be compared\n")
    # the same folder twice would be two reports of one story ("-2"): refused
    assert main(["report", str(SEED), f"{SEED}/", "-o", str(tmp_path / "twice")]) == 2
    assert capsys.readouterr().err == f"syndiff: error: {SEED}: given twice\n"
    assert main(["report", str(SEED), str(SEED / ".." / SEED.name), "-o", str(tmp_path / "twice")]) == 2
    assert capsys.readouterr().err == f"syndiff: error: {SEED / '..' / SEED.name}: given twice (first as {SEED})\n"


def test_a_moved_block_says_where_it_went_and_links_there():
    story = INQ[:10]
    moved = story[:3] + [story[8]] + story[3:8] + story[9:]
    soup = BeautifulSoup(render_report(compare([("wire", "\n".join(story)), ("v", "\n".join(moved))])), "html.parser")
    note = soup.select_one(".moved-note")
    row = note.find_parent("tr")
    assert row.select("td")[1].get_text().strip() == story[8]
    assert note.get_text(" ", strip=True) == "↕ printed after row 2" and note.a["href"] == "#r2"
    assert soup.select_one("tr#r2")
    assert [b["data-type"] for b in row.select("a.badge")] == ["moved"]
    # the CSV says it as the page does: moved, and printed after row 2
    c = compare([("wire", "\n".join(story)), ("v", "\n".join(moved))])
    (edit,) = [r for r in csv.DictReader(io.StringIO(render_csv(c))) if r["type"] == "moved"]
    assert edit["base"] == story[8] and edit["moved_after"] == "2"


def test_an_empty_base_cell_says_who_prints_the_row(soup):
    caption_row = soup.select_one("tr#r3")
    assert caption_row.select_one("td.base .only-in").get_text(strip=True) == "only in japannews"
