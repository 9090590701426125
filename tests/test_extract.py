"""Articles out of web pages built around the fixtures' copy (tests/pages.py): every line
a reader sees as the article or its furniture, in order, with its kind; the page's
outlet as the label; comparing two pages finds what comparing their texts finds."""

import pytest
from conftest import SEED, check_invariants, read
from pages import JN_HEADLINE, amp_page, cp1252_page, inquirer_page, japannews_page, lines_of, paywall_page

from syndiff import InputError, compare, extract
from syndiff.extract import extract_html
from syndiff.load import load_page


def kinds_read(loaded) -> list[tuple[str, str]]:
    """The lines of a loaded page with the kinds the engine gives them."""
    other = ("other", "A line of another text that shares nothing.")
    doc = compare([loaded.source_for(), other], base=loaded.label).to_dict()
    return [(b["text"], b["kind"]) for b in doc["versions"][0]["blocks"]]


@pytest.mark.parametrize("build", [inquirer_page, japannews_page, paywall_page, amp_page],
                         ids=["inquirer", "japannews", "paywall", "amp"])
def test_a_page_reads_as_its_article_and_furniture(build):
    page, expected = build()
    loaded = load_page(page.encode("utf-8"), f"{build.__name__}.html")
    assert kinds_read(loaded) == expected


def test_the_pages_hold_the_fixture_copy_line_for_line():
    # the builders wrap the fixtures' lines, and drop none
    for build, name in ((inquirer_page, "inquirer.txt"), (japannews_page, "japannews.txt")):
        lines = iter(line for line, _ in build()[1])
        assert all(line in lines for line, _ in lines_of(name))   # a subsequence, in order


def test_the_outlet_names_the_version_and_the_page_says_when():
    loaded = load_page(inquirer_page()[0].encode(), "saved/inquirer.html")
    assert loaded.label == "INQUIRER.net"
    assert loaded.meta == {"site_name": "INQUIRER.net", "published": "2025-02-09", "author": "Reuters",
                           "extractor": "trafilatura"}
    # no og:site_name: the host of the address it came from, else the file's name
    paywall = paywall_page()[0].encode()
    assert load_page(paywall, "https://news.example.com/a", url="https://news.example.com/a").label == \
        "news.example.com"
    assert load_page(paywall, "saved/teaser.html").label == "teaser"
    assert "published" not in load_page(paywall, "saved/teaser.html").meta   # none declared, none guessed


def test_comparing_two_pages_finds_what_comparing_their_texts_finds():
    # the fixtures' edits, every one (the Japan News's copy under the headline its page
    # gives it: the fixture starts below it); more only where the pages add furniture
    (inq, inq_lines), (jn, jn_lines) = inquirer_page(), japannews_page()
    pages = compare([load_page(inq.encode(), "inq.html").source_for("Inquirer"),
                     load_page(jn.encode(), "jn.html").source_for("Japan News")], base="Inquirer").to_dict()
    texts = compare([("Inquirer", read(SEED / "inquirer.txt")),
                     ("Japan News", JN_HEADLINE + "\n" + read(SEED / "japannews.txt"))], base="Inquirer").to_dict()
    check_invariants(pages)

    def edits(doc):
        return [(e["type"], e["base"], e["text"]) for e in doc["edits"]]

    fixture_lines = {line for name in ("inquirer.txt", "japannews.txt") for line, _ in lines_of(name)} | {JN_HEADLINE}
    added = {line for line, _ in inq_lines + jn_lines} - fixture_lines
    extra = [e for e in edits(pages) if e not in edits(texts)]
    assert [e for e in edits(texts) if e not in edits(pages)] == []
    assert extra and all(e[0] == "non-story" and ({e[1], e[2]} - {""}) <= added for e in extra)
    assert pages["summary"]["japan-news"]["similarity"] > texts["summary"]["japan-news"]["similarity"] - 0.02


def test_a_byline_the_page_marks_as_one_is_a_byline_whatever_its_words():
    # "By Reuters staff" reads as no byline pattern; class="byline" (or itemprop, rel) says it is one
    story = lines_of("inquirer.txt")
    paragraphs = "".join(f"<p>{line}</p>" for line, kind in story if kind == "paragraph")
    for mark in ('class="byline"', 'class="c-article-author"', 'itemprop="author"', 'rel="author"'):
        page = (f"<html><body><article><h1>{story[0][0]}</h1><p {mark}>By Reuters staff</p>{paragraphs}"
                "<p class=\"share\">Share this story</p></article></body></html>")
        kinds = dict(kinds_read(load_page(page.encode(), "p.html")))
        assert kinds["By Reuters staff"] == "byline", mark
        assert kinds["Share this story"] == "chrome"
    # a layout or a box that names the author around the story is not a byline
    for layout in ("author-layout", "single-author-post", "byline-wrapper"):
        page = (f"<html><body><article><h1>{story[0][0]}</h1><div class='{layout}'>{paragraphs}</div>"
                "</article></body></html>")
        kinds = kinds_read(load_page(page.encode(), "p.html"))
        assert "byline" not in {k for _, k in kinds}, layout


def test_a_page_in_windows_1252_reads_as_the_same_page_in_utf_8():
    data, expected = cp1252_page()
    assert "charset=windows-1252" in data[:400].decode("ascii", "replace")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert kinds_read(load_page(data, "jn-1252.html")) == expected


def test_a_site_both_extractors_get_wrong_uses_its_selector():
    page, expected = japannews_page()
    got = extract_html(page, url="https://japannews.yomiuri.co.jp/world/20250209-237598/")
    assert got.meta["extractor"] == "selector div.p-main-contents (japannews.yomiuri.co.jp)"
    assert got.lines == [line for line, _ in expected]


def test_where_trafilatura_keeps_a_fragment_readability_reads_the_page(monkeypatch):
    # trafilatura's known failure, one fragment of the article kept, stood in for: the page
    # is read again by readability, and the version says so
    page, expected = inquirer_page()
    first = [(line, None) for line, kind in expected if kind == "paragraph"][:1]
    monkeypatch.setattr(extract, "_trafilatura", lambda tree, url: first)
    got = extract.extract_html(page)
    assert got.extractor == "readability"
    story = [line for line, kind in expected if kind in ("paragraph", "subhead")]
    assert [line for line in got.lines if line in story] == story


def test_an_old_table_layout_page_keeps_its_paragraphs():
    story = [line for line, kind in lines_of("inquirer.txt") if kind == "paragraph"]
    page = (f"<html><head><title>{lines_of('inquirer.txt')[0][0]}</title></head><body><table>"
            f"<tr><td class='menu'><a href='/'>Home</a></td></tr><tr><td>{'<br><br>'.join(story)}</td></tr>"
            "</table></body></html>")
    got = extract.extract_html(page)
    assert [line for line in got.lines if line in story] == story


@pytest.mark.parametrize("page,message", [
    ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "nothing extractable"),
    ("", "not an HTML page syndiff can read"),
])
def test_a_page_without_an_article_says_so(page, message):
    with pytest.raises(InputError, match=message):
        extract_html(page, name="empty.html")


def test_hostile_markup_comes_out_as_text():
    page = ("<html><head><title>Quake hits Taiwan</title></head><body><article><h1>Quake hits Taiwan</h1>"
            "<p>A strong quake hit Taiwan on Monday, the weather bureau said, and buildings shook in Taipei.</p>"
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; was printed in the story as text, as here.</p>"
            "<script>alert(2)</script><p onclick='alert(3)'>Officials said no damage was reported so far.</p>"
            "</article></body></html>")
    got = extract_html(page)
    assert "<script>alert(1)</script> was printed in the story as text, as here." in got.lines
    assert not any("alert(2)" in line or "alert(3)" in line for line in got.lines)


@pytest.mark.parametrize("page", ["<svg><text>hello</text></svg>", "<iframe src='https://x.example/'></iframe>",
                                  "<video src='a.mp4'></video>", "<math><mi>x</mi></math>"])
def test_a_page_of_one_embedded_element_is_a_clear_error(page):
    with pytest.raises(InputError, match="nothing extractable"):
        extract_html(page, name="odd.html")


def test_xhtml_with_an_xml_declaration_is_read():
    page = ('<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            "<title>Quake hits Taiwan</title></head><body><article><h1>Quake hits Taiwan</h1>"
            "<p>A strong quake hit Taiwan on Monday, the weather bureau said, and buildings shook in Taipei.</p>"
            "</article></body></html>")
    got = load_page(page.encode(), "story.xhtml")
    assert got.text.split("\n") == ["Quake hits Taiwan", "A strong quake hit Taiwan on Monday, the weather bureau "
                                    "said, and buildings shook in Taipei."]


def test_text_nested_deeper_than_the_parser_default_is_kept():
    story = "A strong quake hit Taiwan on Monday, the weather bureau said, and buildings shook in Taipei. " * 4
    page = "<html><body>" + "<div>" * 300 + f"<p>{story}</p>" + "</div>" * 300 + "</body></html>"
    assert extract_html(page).lines == [story.strip()]


@pytest.mark.parametrize("declared", ["undefined", "punycode", "no-such-charset", "utf-16", "rot13"])
def test_a_charset_that_is_no_text_encoding_is_passed_over(declared):
    page = (f'<html><head><meta charset="{declared}"><title>Talks</title></head><body><article><h1>Talks</h1>'
            "<p>The minister said on Tuesday that the talks would continue next week in Geneva, aides said.</p>"
            "</article></body></html>").encode("ascii")
    assert load_page(page, "p.html").text.split("\n")[-1].startswith("The minister said on Tuesday")
