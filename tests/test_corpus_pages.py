"""The pages a corpus run writes, read as a researcher reads them: a group's report leads back
to the index of groups, the outlets' page and its own data; a version's card links its page
(an http(s) address, nothing else) and says which article it is and where it was read; the
index and the outlets' page count in words that agree with their numbers."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SEED, need_chromium, read

from syndiff import compare
from syndiff.corpus.run import run_corpus
from syndiff.model import Source
from syndiff.render.html import render_report

PAGE = "https://example.com/world/trump-putin?id=7&ref=wire"


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    """A corpus of one story printed by two outlets: one group. One article gives its page's
    address, the other an address a link must not follow."""
    d = tmp_path_factory.mktemp("corpus")
    articles = [{"id": "inq-1", "outlet": "Inquirer", "url": PAGE, "text": read(SEED / "inquirer.txt")},
                {"id": "jn-1", "outlet": "Japan News", "url": "javascript:alert(1)",
                 "text": read(SEED / "japannews.txt")}]
    (d / "c.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    run_corpus(str(d / "c.jsonl"), str(d / "out"), scheduler="sync")
    return d / "out"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def group_report(out: Path) -> tuple[Path, BeautifulSoup]:
    (line,) = [json.loads(x) for x in open(out / "groups.jsonl", encoding="utf-8")]
    path = out / line["report"]
    return path, soup_of(path)


def card(soup: BeautifulSoup, outlet: str):
    return next(c for c in soup.select("article.card") if c.h2.get_text().startswith(outlet))


def test_a_group_report_leads_to_the_index_the_outlets_and_its_data(run):
    path, soup = group_report(run)
    nav = soup.select_one("header.page nav")
    hrefs = [a["href"] for a in nav.select("a")]
    assert hrefs == ["../index.html", "../outlets.html", f"{path.stem}.json"]
    assert all((path.parent / h).is_file() for h in hrefs)   # each opens a page of the run
    assert json.loads((path.parent / hrefs[2]).read_text())["format"] == "syndiff/1"
    # and the index of groups links the report the way back leads from
    assert soup_of(run / "index.html").select_one(f'table.stories a[href="groups/{path.name}"]')


def test_a_report_on_its_own_links_nowhere_but_within_itself(tmp_path):
    out = tmp_path / "r.html"
    done = subprocess.run([sys.executable, "-m", "syndiff", "compare", str(SEED / "inquirer.txt"),
                           str(SEED / "japannews.txt"), "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    soup = soup_of(out)
    assert not soup.select("header.page nav")
    assert all(a["href"].startswith("#") for a in soup.select("a[href]"))


def test_a_report_beside_an_index_links_the_pages_it_is_given():
    c = compare([("a", read(SEED / "inquirer.txt")), ("b", read(SEED / "japannews.txt"))])
    soup = BeautifulSoup(render_report(c, links=[("all stories", "index.html")]), "html.parser")
    assert [(a.get_text(), a["href"]) for a in soup.select("header.page nav a")] == [("all stories", "index.html")]


def test_a_card_links_the_version_s_page(run):
    _, soup = group_report(run)
    (a,) = card(soup, "Inquirer").select(".source a")
    assert a["href"] == PAGE and a.get_text() == PAGE
    assert set(a["rel"]) == {"noopener", "noreferrer"}


def test_a_card_never_links_another_scheme(run):
    _, soup = group_report(run)
    jn = card(soup, "Japan News")
    assert jn.select_one(".source").get_text() == "javascript:alert(1)" and not jn.select(".source a")
    assert not soup.select('a[href^="javascript"], a[href^="JAVASCRIPT"]')


@pytest.mark.parametrize("source, linked", [
    ("https://example.com/a?x=1&y=2", True),
    ("HTTP://Example.com/story", True),
    ("javascript:alert(1)", False),
    ("JavaScript://example.com/%0Aalert(1)", False),
    (" https://example.com/", False),           # not one address as given
    ("https://exa mple.com/", False),
    ("\x01javascript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("//example.com/story", False),             # no scheme: from a file, it is file:
    ("https:story.html", False),                 # no host
    ("ftp://example.com/story.txt", False),
    ("inquirer.txt", False),
    ("https://[example.com/story", False),      # no address at all: urlsplit gives up
])
def test_a_card_links_http_and_https_only(source, linked):
    base = read(SEED / "inquirer.txt")
    c = compare([Source("Wire", base, source), Source("Other", read(SEED / "japannews.txt"), "other.txt")])
    soup = BeautifulSoup(render_report(c), "html.parser")
    shown = card(soup, "Wire").select_one(".source")
    assert shown.get_text() == source
    assert [a["href"] for a in shown.select("a")] == ([source] if linked else [])


def test_a_corpus_card_says_which_article_and_where_it_was_read(run):
    _, soup = group_report(run)
    for outlet, article, where in [("Inquirer", "inq-1", "c.jsonl:1"), ("Japan News", "jn-1", "c.jsonl:2")]:
        read_from = card(soup, outlet).select_one(".read")
        assert [c.get_text() for c in read_from.select("code")] == [article, where]


def test_a_corpus_card_without_a_page_names_its_article_once():
    text = read(SEED / "inquirer.txt")
    c = compare([Source("Wire", text, "inq-1", meta={"article": "inq-1", "where": "c.jsonl:1"}),
                 Source("Other", read(SEED / "japannews.txt"), "jn-1", meta={"article": "jn-1", "where": "c.jsonl:2"})])
    soup = BeautifulSoup(render_report(c), "html.parser")
    wire = card(soup, "Wire")
    assert not wire.select(".source") and wire.select_one(".read code").get_text() == "inq-1"


def test_the_index_of_one_group_says_one_group(run):
    soup = soup_of(run / "index.html")
    assert soup.title.get_text() == "1 story group — syndiff"
    assert soup.h1.get_text() == "1 story group"
    counts = soup.select_one("header.page p:not(.brand)").get_text()
    assert counts.startswith("2 articles read, 2 in groups, 0 problems")
    table = soup.select_one("table.stories")
    assert (table["data-noun"], table["data-nouns"]) == ("group", "groups")


def test_the_outlets_page_counts_one_version_as_one(run):
    soup = soup_of(run / "outlets.html")
    tips = [t.get_text() for t in soup.select("svg rect.kept title")]
    assert tips == ["Japan News: 46% kept, over 1 version measured"]
    assert soup.h1.get_text() == "How 2 outlets edit wire copy"


def test_in_a_browser_the_report_leads_back_and_find_counts_one_group(run, page):
    need_chromium()
    path, _ = group_report(run)
    page.goto(path.as_uri())
    page.click("nav.pages >> text=all story groups")
    assert page.url == (run / "index.html").as_uri()
    page.fill("#find", "putin")
    assert page.inner_text("#found") == "1 of 1 group"
