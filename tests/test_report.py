"""The static HTML report, read as a browser reads it (selectors, not substrings): a column
per version, the gold pairs side by side, a badge for every gold edit, the trimmed band,
the data inside, nothing loaded from elsewhere, and hostile text shown as text."""

import json
import subprocess
import sys
import unicodedata

import pytest
from bs4 import BeautifulSoup
from conftest import SEED, read

from syndiff import compare
from syndiff.render.html import render_report

GOLD = json.loads(read(SEED / "expected.json"))
INQ = read(SEED / "inquirer.txt").split("\n")
JN = [line for line in read(SEED / "japannews.txt").split("\n") if line.strip()]


def _norm(s: str) -> str:
    s = s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'").replace("–", "-")
    return " ".join(unicodedata.normalize("NFC", s).split()).casefold()


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("report") / "seed.html"
    p = subprocess.run([sys.executable, "-m", "syndiff", "compare", str(SEED / "inquirer.txt"),
                        str(SEED / "japannews.txt"), "--label", "inquirer", "--label", "japannews",
                        "--base", "inquirer", "-o", str(out)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def soup(seed_html) -> BeautifulSoup:
    return BeautifulSoup(seed_html, "html.parser")


def version_text(td) -> str:
    """What the version prints in a cell: its text without the base's struck words."""
    text = td.find(class_="text")
    if text is None:
        return ""
    for d in text.find_all("del"):
        d.decompose()
    return text.get_text()


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


def test_the_data_inside_equals_the_json_output(soup):
    p = subprocess.run([sys.executable, "-m", "syndiff", "compare", str(SEED / "inquirer.txt"),
                        str(SEED / "japannews.txt"), "--label", "inquirer", "--label", "japannews",
                        "--base", "inquirer", "--format", "json"], capture_output=True)
    embedded = soup.select_one('script#syndiff-data[type="application/json"]').string
    assert json.loads(embedded) == json.loads(p.stdout)


def test_nothing_is_loaded_from_elsewhere(soup):
    assert not soup.select("link, img, iframe, object, embed, script[src], [style*='url(']")
    assert all(a["href"].startswith("#") for a in soup.select("a[href]"))
    css = soup.style.string
    assert "url(" not in css and "@import" not in css


HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[click](javascript:alert(1))',
           'A quote </script><script>alert(2)</script> ends here.', '"><svg onload=alert(3)>']


def test_hostile_text_is_escaped():
    base = "Trump says he has spoken to Putin\n" + "\n".join(f"Paragraph {i}: {h}" for i, h in enumerate(HOSTILE))
    version = base.replace("Paragraph", "Para")
    html = render_report(compare([("<b>evil</b>", base), ("x\"><script>alert(4)</script>", version)]))
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 2 and scripts[0]["type"] == "application/json" and not scripts[1].has_attr("src")
    assert not soup.select("img, svg, [onerror], [onload]")
    cells = " ".join(td.get_text() for td in soup.select("td.base"))
    for h in HOSTILE:
        assert h in cells
    assert json.loads(scripts[0].string)["versions"][0]["label"] == "<b>evil</b>"
    assert "</script><script>" not in scripts[0].string


def test_report_command_writes_an_index_and_a_report_per_story(tmp_path):
    from conftest import CHRONAM
    out = tmp_path / "out"
    p = subprocess.run([sys.executable, "-m", "syndiff", "report", str(SEED), str(CHRONAM / "19160215-028"),
                        "-o", str(out), "--reflow"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = index.select("table.stories tbody tr")
    assert [r.a["href"] for r in rows] == ["reuters-trump-putin-2025.html", "19160215-028.html"]
    assert [r.select("td")[1].get_text(strip=True) for r in rows] == ["2", "5"]
    assert rows[0].a.get_text() == "Trump says he has spoken to Putin about ending Ukraine war"
    assert rows[0].select("td")[4].get_text(strip=True) == "japannews"       # who trimmed
    assert "62%" in rows[0].select("td")[2].get_text()                        # mean similarity
    for r in rows:
        report = BeautifulSoup((out / r.a["href"]).read_text(encoding="utf-8"), "html.parser")
        assert report.select_one("script#syndiff-data") and report.select("tr.row")


def test_report_command_refuses_a_folder_with_one_version(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.txt").write_text("Only one version.")
    p = subprocess.run([sys.executable, "-m", "syndiff", "report", str(tmp_path / "one"), "-o", str(tmp_path / "o")],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "one: 1 .txt or .html file(s); a story needs at least 2 versions" in p.stderr


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


def test_an_empty_base_cell_says_who_prints_the_row(soup):
    caption_row = soup.select_one("tr#r3")
    assert caption_row.select_one("td.base .only-in").get_text(strip=True) == "only in japannews"
