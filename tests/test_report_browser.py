"""The static report in a real browser (Debian's Chromium driven by Playwright): opened from
file:// with the network blocked, filters hide rows, j and k walk the edits, folds open,
paper shows every row, text is readable against its background, hostile text fires nothing.
Screenshots land in test-artifacts/ to be looked at."""

import re
from functools import cache

import pytest
from conftest import ARTIFACTS, CHRONAM, SEED, need_chromium, read

from syndiff import compare
from syndiff.render.html import render_index, render_report, story_summary

need_chromium()


@pytest.fixture
def open_page(page, tmp_path):
    """Write a page, open it from file:// with every other request refused, and record
    requests and dialogs."""
    log = {"requests": [], "dialogs": []}

    def route(r):
        log["requests"].append(r.request.url)
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))

    def go(html, name="report.html", width=1400):
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(path.as_uri())
        return log

    return go


@pytest.fixture
def open_report(open_page):
    def go(comparison, name="report.html", width=1400):
        return open_page(render_report(comparison), name, width)
    return go


@cache
def seed():
    return compare([("Inquirer", read(SEED / "inquirer.txt")), ("Japan News", read(SEED / "japannews.txt"))])


@cache
def nineteen():
    files = sorted((CHRONAM / "19161226-000").glob("*.txt"))
    return compare([(f.stem, read(f)) for f in files], reflow=True)


def visible_rows(page) -> int:
    return page.locator("tr.row:visible").count()


def test_seed_report_offline(page, open_report):
    log = open_report(seed())
    assert len(log["requests"]) == 1 and log["requests"][0].startswith("file://")
    assert page.locator("table.aligned thead th").all_inner_texts() == ["#", "Inquirer BASE", "Japan News"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-seed.png"), full_page=True)


def test_filters_hide_rows(page, open_report):
    open_report(seed())
    shown = visible_rows(page)
    page.get_by_label("hide furniture").check()
    without_furniture = visible_rows(page)
    assert page.locator("tbody.furniture tr.row:visible").count() == 0 and without_furniture < shown
    page.get_by_label("only rows with edits").check()
    assert visible_rows(page) == 6   # headline, dateline+style, spelling, style, subhead-removed, trimmed
    page.locator('input[name="type"][value="spelling"]').uncheck()
    assert visible_rows(page) == 5
    assert page.locator('a.badge[data-type="spelling"]:visible').count() == 0
    page.get_by_label("hide house-style edits").check()
    assert visible_rows(page) == 4   # headline, dateline (its style edit hidden), subhead-removed, trimmed
    for t in ("spelling", "style", "punctuation"):
        assert not page.locator(f'input[name="type"][value="{t}"]').is_checked()
    assert page.locator('a.badge[data-type="style"]').count() == 2
    assert page.locator('a.badge[data-type="style"]:visible, a.badge[data-type="spelling"]:visible').count() == 0
    assert page.locator('#r5 a.badge[data-type="dateline"]').is_visible()
    # their words read as printed: "U.S." unmarked, "US" gone; the dateline still marked
    row = page.locator("#r5 td").nth(2)
    assert row.locator('del[data-type="style"]').is_hidden() and row.locator("ins").first.is_visible()
    assert row.locator('ins[data-type="style"]').evaluate("w => getComputedStyle(w).backgroundColor") == \
        "rgba(0, 0, 0, 0)"
    assert row.locator("ins:not([data-type])").evaluate("w => getComputedStyle(w).backgroundColor") != \
        "rgba(0, 0, 0, 0)"
    page.get_by_label("hide house-style edits").uncheck()
    assert visible_rows(page) == 6
    assert page.locator('a.badge[data-type="style"]:visible').count() == 2
    assert row.locator('del[data-type="style"]').is_visible()


def test_hide_style_follows_the_boxes_of_its_types(page, open_report):
    open_report(seed())
    hide = page.get_by_label("hide house-style edits")
    hide.check()
    page.locator('input[name="type"][value="spelling"]').check()   # one house-style type back
    assert not hide.is_checked() and hide.evaluate("box => box.indeterminate")
    assert page.locator('a.badge[data-type="spelling"]').is_visible()
    assert page.locator('a.badge[data-type="style"]:visible').count() == 0
    page.locator('input[name="type"][value="spelling"]').uncheck()   # all three hidden again
    assert hide.is_checked() and not hide.evaluate("box => box.indeterminate")
    for t in ("spelling", "style", "punctuation"):   # all three shown again, one by one
        page.locator(f'input[name="type"][value="{t}"]').check()
    assert not hide.is_checked() and not hide.evaluate("box => box.indeterminate")
    for t in ("spelling", "style", "punctuation"):   # and hidden one by one
        page.locator(f'input[name="type"][value="{t}"]').uncheck()
    assert hide.is_checked()


def test_a_furniture_fold_opens_and_closes(page, open_report):
    open_report(seed())
    button = page.get_by_role("button", name="22 furniture rows (chrome)")
    rows = page.locator("tbody.furniture", has=button).locator("tr.row")
    assert rows.count() == 22 and page.locator("tbody.furniture", has=button).locator("tr.row:visible").count() == 0
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert all(rows.nth(i).is_visible() for i in range(22))
    assert button.get_attribute("aria-expanded") == "true"
    button.click()
    assert not any(rows.nth(i).is_visible() for i in range(22))
    assert button.get_attribute("aria-expanded") == "false"


def test_j_and_k_walk_the_edits(page, open_report):
    open_report(seed())
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == "e0"
    assert page.evaluate("document.activeElement.dataset.type") == "headline"
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == "e1"   # the first image Japan News left out
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == "e2"
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == "e1"
    assert page.locator("tr.current").get_attribute("id") == "r1"
    page.keyboard.press("?")
    assert page.locator("#keys").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#keys").is_visible()


def test_trimmed_band_unfolds(page, open_report):
    open_report(seed())
    assert page.locator("tr.row[data-trim]:visible").count() == 0
    assert page.locator("#r37 .band").is_visible()   # the band stands where the tail starts
    page.get_by_role("button", name="show the 10 blocks Japan News did not print").click()
    assert page.locator("tr.row[data-trim]:visible").count() == 9


def test_a_citation_opens_its_fold(page, open_report, tmp_path):
    open_report(seed())
    page.goto(page.url + "#r20")   # a chrome row in the folded list of links
    assert page.locator("#r20").is_visible()


def test_hostile_text_fires_nothing(page, open_report):
    hostile = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
               "Quote </script><script>alert(2)</script> end.", '"><svg onload=alert(3)>']
    headline = "<script>alert(5)</script>"
    base = headline + "\n" + "\n".join(f"Paragraph {i}: {h}" for i, h in enumerate(hostile))
    labels = ["<b>A</b>", "B<script>alert(4)</script>"]
    log = open_report(compare([(labels[0], base), (labels[1], base.replace("Para", "Pa"))]))
    page.wait_for_timeout(300)
    assert log["dialogs"] == []
    text = page.locator("table.aligned").inner_text()
    for h in hostile:
        assert h in text
    assert page.title() == f"{headline} — syndiff"
    assert page.locator("h1").inner_text() == headline
    assert page.locator("table.aligned thead th").all_inner_texts() == ["#", f"{labels[0]} BASE", labels[1]]
    assert page.locator(".card h2").all_inner_texts() == [f"{labels[0]} BASE", labels[1]]
    assert page.locator("script").count() == 2 and page.locator("img, svg, [onerror], [onload]").count() == 0
    assert page.locator("b").count() == page.locator(".counts li.badge > b").count()   # a count, never a label


def test_nineteen_papers_stay_usable(page, open_report):
    open_report(nineteen(), "nineteen.html")
    scroller = page.locator(".scroll")
    assert page.evaluate("el => el.scrollWidth > el.clientWidth", scroller.element_handle())
    base_head = page.locator("table.aligned thead th.base")
    left = base_head.bounding_box()["x"]
    scroller.evaluate("el => el.scrollLeft = 2000")
    assert abs(base_head.bounding_box()["x"] - left) < 1   # the base column stays in view
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-nineteen.png"))


def test_narrow_screens_stack_the_versions(page, open_report):
    open_report(seed(), width=420)
    cells = page.locator("#r5 td")
    assert cells.nth(1).bounding_box()["y"] < cells.nth(2).bounding_box()["y"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-narrow.png"))


def test_the_header_row_stays_in_view(page, open_report):
    open_report(seed())
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    assert abs(page.locator("table.aligned thead th.base").bounding_box()["y"]) < 2
    open_report(nineteen(), "n.html")
    box = page.locator(".scroll")
    box.evaluate("el => el.scrollTop = 3000")
    assert abs(page.locator("table.aligned thead th.base").bounding_box()["y"] - box.bounding_box()["y"]) < 2


def test_each_band_unfolds_its_own_rows_where_several_end_together(page, open_report):
    files = sorted((CHRONAM / "19160215-028").glob("*.txt"))
    open_report(compare([(f.stem, read(f)) for f in files], reflow=True))
    buttons = page.locator(".band-button")
    assert buttons.count() >= 2
    for n in range(buttons.count()):
        button = buttons.nth(n)
        band = button.get_attribute("data-band")
        folded = page.locator(f'tr.row[data-trim~="{band}"]')
        hidden_before = sum(not folded.nth(i).is_visible() for i in range(folded.count()))
        button.click()
        assert hidden_before > 0 and all(folded.nth(i).is_visible() for i in range(folded.count())), band
        button.click()


def test_keys_work_after_a_filter_is_clicked_and_say_the_edit(page, open_report):
    open_report(seed())
    page.get_by_label("only rows with edits").check()
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == "e0"
    assert page.locator("#edit-status").inner_text() == (
        "headline: Trump says he has spoken to Putin about ending Ukraine war → ∅")
    page.keyboard.press("?")
    assert page.locator(".keys-button").get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "keys"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "e0"


def test_a_citation_clears_the_filter_that_hides_it(page, open_report):
    open_report(seed())
    page.get_by_label("hide furniture").check()
    assert not page.locator("#r20").is_visible()
    page.goto(page.url.split("#")[0] + "#r20")
    page.wait_for_timeout(100)
    assert page.locator("#r20").is_visible()
    assert not page.get_by_label("hide furniture").is_checked()


def test_paper_prints_every_row_without_the_controls(page, open_report):
    open_report(seed())
    heads = page.locator("table.aligned thead th:visible").count()
    page.emulate_media(media="print")
    assert not page.locator(".controls").is_visible() and not page.locator(".band-button").is_visible()
    assert page.locator("table.aligned thead th:visible").count() == heads == 3
    assert visible_rows(page) == page.locator("tr.row").count() == 49   # furniture folds and the trimmed tail open
    assert page.locator("tr.row[data-trim]:visible").count() == 9
    page.emulate_media(media="screen")
    assert page.locator("tr.row[data-trim]:visible").count() == 0   # folded again on screen


def test_paper_says_which_filters_left_something_out(page, open_report):
    open_report(seed())
    page.emulate_media(media="print")
    assert not page.locator(".print-filters").is_visible()   # nothing filtered: nothing to say
    page.emulate_media(media="screen")
    page.get_by_label("hide furniture").check()
    page.locator('input[name="type"][value="trimmed"]').uncheck()
    page.locator('input[name="type"][value="style"]').uncheck()
    page.emulate_media(media="print")
    note = page.locator(".print-filters")
    assert note.is_visible()
    assert note.inner_text() == ("Printed with filters on: edits of type style, trimmed hidden; "   # the legend's order
                                 "furniture rows hidden.")
    page.emulate_media(media="screen")
    assert not note.is_visible()


def test_nineteen_papers_print_on_a_landscape_page(page, open_report):
    open_report(nineteen(), "nineteen.html", width=1123)   # A4 landscape at 96 dpi
    page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1123 + 1
    heads = page.locator("table.aligned thead th")
    assert heads.count() == 20 and all(heads.nth(i).is_visible() for i in range(20))
    assert visible_rows(page) == page.locator("tr.row").count()
    layout = page.evaluate("""() => {
      const box = el => el.getBoundingClientRect();
      const inside = (el, cell) => { const a = box(el), b = box(cell);
        return a.left >= b.left - .5 && a.right <= b.right + .5; };
      const ths = [...document.querySelectorAll("table.aligned thead th")];
      const text = document.querySelector("td.base .text");
      return {
        overlapping: ths.slice(1).filter((th, i) => box(th).left < box(ths[i]).right - .5).length,
        spilling_heads: ths.filter(th => th.scrollWidth > th.clientWidth).length,
        spilling: [...document.querySelectorAll("td .badge, td .band, td .text, td .only-in")]
          .filter(el => !inside(el, el.closest("td"))).length,
        striped: [...document.querySelectorAll("td")]
          .filter(td => getComputedStyle(td).backgroundImage !== "none").length,
        line_in_ems: text.clientWidth / parseFloat(getComputedStyle(text).fontSize),
      };
    }""")
    assert layout["overlapping"] == layout["spilling_heads"] == layout["spilling"] == layout["striped"] == 0
    assert layout["line_in_ems"] >= 5   # a few words a line, not one word broken over three
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert len(pdf) < 2 * 2**20 and pages <= 40, (len(pdf), pages)   # 57 MB and 90 pages when cells were striped
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-nineteen-print.png"))


def test_the_index_fits_a_phone(page, open_page):
    open_page(render_index([story_summary(seed(), "seed.html"), story_summary(nineteen(), "nineteen.html")]),
              "index.html", width=400)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400 + 1
    box = page.locator(".scroll-x")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")   # the table scrolls in its box
    box.evaluate("el => el.scrollLeft = el.scrollWidth")
    last = page.locator("table.stories tbody tr").first.locator("td").nth(5).bounding_box()
    inside = box.bounding_box()
    assert inside["x"] - 1 <= last["x"] and last["x"] + last["width"] <= inside["x"] + inside["width"] + 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "index-narrow.png"), full_page=True)



def _dated_story(days: list[str]):
    """Three 1916 papers' versions of a story, each with the day it printed it."""
    from syndiff.model import Source

    files = sorted((CHRONAM / "19160912-021").glob("*.txt"))[:3]
    return compare([Source(f.stem, read(f), f.name, None, {"published": d}) for f, d in zip(files, days)], reflow=True)


def test_the_index_sorts_by_a_column_and_finds_stories_by_their_words(page, open_page):
    # the last day is not ISO 8601 and is not read: read, it would be the earliest
    dated = _dated_story(["1916-09-13", "1916-09-12T18:00:00-05:00", "September 11, 1916"])
    later = _dated_story(["1916-09-14", "", ""])
    summaries = [story_summary(seed(), "seed.html"), story_summary(dated, "dated.html"),
                 story_summary(nineteen(), "nineteen.html"), story_summary(later, "later.html")]
    summaries[3]["flags"] = ["same outlet twice: Harrisburg Telegraph"]   # as corpus mode flags a group
    log = open_page(render_index(summaries), "index.html")
    titles = {s["href"]: s["title"] for s in summaries}

    def order():
        return [a.get_attribute("href") for a in page.locator("tbody tr:visible td:first-child a").all()]

    def sort(name):
        page.get_by_role("button", name=name, exact=True).click()

    assert order() == ["seed.html", "dated.html", "nineteen.html", "later.html"]   # as written, before any sort
    # rows alone in the body: a text node between each two made Chromium take minutes to sort
    # 10,000 rows a second time (measured on a 100,000-article corpus's index), not 0.4 s
    assert page.evaluate("[...document.querySelector('tbody').childNodes].every(n => n.nodeName === 'TR')")
    assert page.locator("tbody tr").nth(1).locator("td").nth(1).inner_text() == "1916-09-12"   # the earliest day
    sort("Versions")
    assert order() == ["nineteen.html", "dated.html", "later.html", "seed.html"]   # most first; a tie as it stood
    assert page.locator("th", has_text="Versions").get_attribute("aria-sort") == "descending"
    sort("Versions")   # the button's name is its header's: the arrow is not read out
    assert order() == ["seed.html", "dated.html", "later.html", "nineteen.html"]
    assert page.locator("th", has_text="Versions").get_attribute("aria-sort") == "ascending"
    sort("First published")
    assert order() == ["dated.html", "later.html", "seed.html", "nineteen.html"]   # in their order; no date last
    sort("First published")
    assert order() == ["later.html", "dated.html", "seed.html", "nineteen.html"]
    before = order()
    sort("Story")
    assert order() == sorted(before, key=lambda h: titles[h].lower())   # the two 1916 stories, one title, as they stood
    assert page.locator("th[aria-sort]").count() == 1

    page.fill("#find", "japan")   # an outlet (the seed's Japan News), not a word of any title
    assert order() == ["seed.html"] and page.locator("#found").inner_text() == "1 of 4 stories"
    page.fill("#find", "twice")   # a flag
    assert order() == ["later.html"]
    page.fill("#find", "printed base")   # the page's own words find nothing
    assert order() == [] and page.locator("#found").inner_text() == "0 of 4 stories"
    page.fill("#find", "harrisburg")   # a paper of two stories
    assert sorted(order()) == ["dated.html", "later.html"]
    sort("Versions")   # sorting keeps what was found
    assert sorted(order()) == ["dated.html", "later.html"] and page.locator("#found").inner_text() == "2 of 4 stories"
    page.emulate_media(media="print")
    assert page.locator(".print-found").inner_text() == "Found by “harrisburg”: 2 of 4 stories."
    assert not page.locator("#find").is_visible()   # on paper the box is gone; the line above says it
    page.emulate_media(media="screen")
    page.fill("#find", "")
    assert len(order()) == 4 and page.locator("#found").inner_text() == ""
    assert not page.locator(".print-found").is_visible()
    assert not log["dialogs"] and all(u.startswith("file://") for u in log["requests"])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "index-sorted.png"), full_page=True)


def test_without_javascript_the_index_shows_no_find_box_and_reads_as_written(browser, tmp_path):
    path = tmp_path / "index.html"
    path.write_text(render_index([story_summary(seed(), "seed.html"), story_summary(nineteen(), "nineteen.html")]),
                    encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(path.as_uri())
    assert not page.locator("#find").is_visible()   # it would find nothing
    assert page.locator("button.sort").count() == 0 and page.locator("tbody tr:visible").count() == 2
    context.close()


def _index_with_a_long_title():
    long = story_summary(seed(), "seed.html")
    long["title"] = "Zelenskyy" * 12   # one unbroken word, as a URL or a bad OCR line can be
    return render_index([long, story_summary(nineteen(), "nineteen.html")])


_SPILLS = """() => [...document.querySelectorAll("table.stories th, table.stories td")]
  .filter(cell => cell.scrollWidth > cell.clientWidth + 1).length"""


def test_index_cells_hold_their_text(page, open_page):
    open_page(_index_with_a_long_title(), "index.html", width=1280)
    assert page.evaluate(_SPILLS) == 0
    sim = page.locator("table.stories tbody tr").first.locator("td").nth(3).bounding_box()
    edits = page.locator("table.stories tbody tr").first.locator("td").nth(4).bounding_box()
    assert sim["x"] + sim["width"] <= edits["x"] + 1


def test_index_prints_on_a_portrait_page(page, open_page):
    open_page(_index_with_a_long_title(), "index.html", width=718)   # A4 portrait, less margins
    page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.scrollWidth") <= 718 + 1
    right = page.evaluate("""() => Math.max(...[...document.querySelectorAll("table.stories td")]
      .map(td => td.getBoundingClientRect().right))""")
    assert right <= 718 + 1
    assert page.evaluate(_SPILLS) == 0


@cache
def _outlets_page() -> str:
    """The outlets' page of a small corpus run: the seed pair and a 1916 story, by outlet."""
    import json
    import tempfile
    from pathlib import Path

    from syndiff.corpus.run import run_corpus

    folder = sorted(p for p in CHRONAM.iterdir() if p.is_dir())[0]
    articles = [{"id": p.stem, "outlet": p.stem.title(), "text": read(p)} for p in sorted(SEED.glob("*.txt"))]
    articles += [{"id": p.stem, "outlet": p.stem.split("-", 1)[1].replace("-", " ").title(), "text": read(p)}
                 for p in sorted(folder.glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "c.jsonl"
        corpus.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        run_corpus(str(corpus), str(Path(tmp) / "out"), scheduler="sync", reflow=True)
        return (Path(tmp) / "out" / "outlets.html").read_text(encoding="utf-8")


def test_the_outlets_page_fits_a_phone_and_its_charts_stay_readable(page, open_page):
    open_page(_outlets_page(), "outlets.html", width=400)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400 + 1   # charts and table scroll in their boxes
    # a chart is drawn at 13 px a label in its own units: on screen, no smaller than 9 px
    scales = page.evaluate("""() => [...document.querySelectorAll("svg.chart")]
      .map(svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width)""")
    assert len(scales) == 3 and min(scales) * 13 >= 9, scales
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "outlets-narrow.png"), full_page=True)
