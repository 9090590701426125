"""The web app in Chromium, served by waitress on 127.0.0.1: paste the seed pair, compare,
read the aligned table, filter an edit type, switch the base, download the JSON; hostile
input fires nothing. Screenshots go to test-artifacts/."""

import json
import threading

import pytest
from conftest import ARTIFACTS, SEED, need_chromium, read
from waitress import create_server

from syndiff.web import create_app

need_chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = create_app({"DATABASE": str(tmp_path_factory.mktemp("web") / "t.sqlite"), "SECRET_KEY": "browser"})
    srv = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


@pytest.fixture
def dialogs(page):
    seen = []
    page.on("dialog", lambda d: (seen.append(d.message), d.dismiss()))
    return seen


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def paste_and_compare(page, server, versions):
    page.goto(server + "/")
    for _ in range(len(versions) - 2):
        page.get_by_role("button", name="add a version").click()
    for n, (label, text) in enumerate(versions):
        page.locator('input[name="label"]').nth(n).fill(label)
        page.locator('textarea[name="text"]').nth(n).fill(text)
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_load_state()


def test_paste_compare_filter_switch_download(page, server, dialogs):
    page.set_viewport_size({"width": 1400, "height": 900})
    paste_and_compare(page, server, [("Inquirer", read(SEED / "inquirer.txt")),
                                     ("Japan News", read(SEED / "japannews.txt"))])
    assert "/c/" in page.url
    assert page.locator("table.aligned thead th").all_inner_texts() == ["#", "Inquirer BASE", "Japan News"]
    assert page.locator("#r10").inner_text().count("Zelensk") == 3   # base, struck, printed
    shot(page, "web-comparison.png")

    changed = page.locator("tr.row:visible").count()
    page.get_by_label("only rows with edits").check()
    page.locator('input[name="type"][value="non-story"]').uncheck()
    only = page.locator("tr.row:visible").count()
    assert only == 6 < changed
    page.locator('input[name="type"][value="spelling"]').uncheck()
    assert page.locator("tr.row:visible").count() == 5

    page.locator('select[name="base"]').select_option(label="Japan News")
    page.get_by_role("button", name="switch base").click()
    page.wait_for_load_state()
    assert "base=japan-news" in page.url
    assert page.locator("table.aligned thead th.base").inner_text().startswith("Japan News")
    shot(page, "web-switched-base.png")

    with page.expect_download() as download:
        page.get_by_role("link", name="JSON").click()
    doc = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert doc["format"] == "syndiff/1" and doc["base"] == "japan-news"
    assert dialogs == []


def test_add_and_remove_version_fields(page, server):
    page.goto(server + "/")
    page.get_by_role("button", name="add a version").click()
    assert page.locator("fieldset.version").count() == 3
    assert page.locator("fieldset.version legend").all_inner_texts() == ["Version 1", "Version 2", "Version 3"]
    page.get_by_role("button", name="remove version 2").click()
    assert page.locator("fieldset.version").count() == 2
    # focus goes to the field that took the removed one's place, not to the top of the page
    assert page.evaluate("document.activeElement.closest('fieldset').querySelector('legend').textContent") \
        == "Version 2"
    page.get_by_role("button", name="remove version 1").click()
    assert page.locator("fieldset.version").count() == 2   # two at the least
    shot(page, "web-home.png")


def test_pages_fit_a_phone(page, server):
    page.set_viewport_size({"width": 375, "height": 800})
    paste_and_compare(page, server, [("Inquirer", read(SEED / "inquirer.txt")),
                                     ("Japan News with a long label", read(SEED / "japannews.txt"))])
    for path in ("/", "/c/", "/api/"):
        page.goto(server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    page.goto(server + "/c/")
    shot(page, "web-list-phone.png")


def test_no_page_asks_for_what_is_not_there(page, server):
    # no error in the console: every request a page makes is answered (the browser's own ask
    # for /favicon.ico was a 404 on each page)
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    paste_and_compare(page, server, [("Inquirer", read(SEED / "inquirer.txt")),
                                     ("Japan", read(SEED / "japannews.txt"))])
    page.wait_for_load_state("networkidle")
    for path in ("/", "/c/", "/api/"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    assert errors == []


def test_an_example_is_one_click_away(page, server):
    page.goto(server + "/")
    page.get_by_role("button", name="19161226-000").click()
    page.wait_for_load_state()
    assert page.locator("table.aligned thead th").count() == 20
    shot(page, "web-example-19.png")


def test_deleting_asks_first_and_names_what_it_deleted(page, server, dialogs):
    paste_and_compare(page, server, [("Wire", "Quake hits Taiwan\nA strong quake hit Taiwan."),
                                     ("Local", "Quake hits Taiwan\nA quake hit Taiwan.")])
    page.goto(server + "/c/")
    row = page.locator("table.stories tr", has_text="Quake hits Taiwan").first
    saved = row.locator("time").inner_text()
    assert saved.endswith(" UTC") and "+00:00" not in saved   # read as a date, the ISO time kept in datetime
    row.get_by_role("link", name="delete “Quake hits Taiwan”…").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Delete this comparison?").is_visible()
    shot(page, "web-delete-confirm.png")
    page.get_by_role("link", name="Keep it").click()   # the way back keeps it
    page.wait_for_load_state()
    assert page.locator("table.stories", has_text="Quake hits Taiwan").count() == 1
    page.locator("table.stories tr", has_text="Quake hits Taiwan").first.get_by_role("link", name="delete").click()
    page.get_by_role("button", name="Delete “Quake hits Taiwan”").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").inner_text() == f"The comparison “Quake hits Taiwan”, saved {saved}, was deleted."
    assert dialogs == []


def test_hostile_input_through_the_form_fires_nothing(page, server, dialogs):
    hostile = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(3)>',
               "</textarea><script>alert(4)</script>"]
    text = "Title line\n" + "\n".join(f"Paragraph {i}: {h}" for i, h in enumerate(hostile))
    paste_and_compare(page, server, [("<b>A</b>", text), ("B<script>alert(2)</script>", text.replace("Para", "P"))])
    page.wait_for_timeout(300)
    assert dialogs == []
    table = page.locator("table.aligned").inner_text()
    assert all(h in table for h in hostile)
    page.goto(server + "/c/")
    page.wait_for_timeout(200)
    assert dialogs == [] and "<b>A</b>" in page.locator("table.stories").inner_text()


@pytest.fixture(scope="module")
def private_server(tmp_path_factory):
    """The app allowed to fetch private addresses, and the test pages on a local server."""
    from test_fetch import serve

    pages = serve("127.0.0.1")
    app = create_app({"DATABASE": str(tmp_path_factory.mktemp("web") / "p.sqlite"), "SECRET_KEY": "browser",
                      "ALLOW_PRIVATE": True})
    srv = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=srv.run, daemon=True).start()
    yield f"http://127.0.0.1:{srv.effective_port}", f"http://127.0.0.1:{pages.server_address[1]}"
    srv.close()
    pages.shutdown()


def test_two_urls_compare_with_their_furniture_dimmed(page, private_server, dialogs):
    app, site = private_server
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(app + "/")
    page.locator('input[name="url"]').nth(0).fill(site + "/inquirer")
    page.locator('input[name="url"]').nth(1).fill(site + "/japannews")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_load_state()
    assert "/c/" in page.url, page.locator(".error").all_inner_texts()
    assert page.locator("table.aligned thead th").all_inner_texts() == ["#", "INQUIRER.net BASE", "The Japan News"]
    furniture = page.locator("tbody.furniture tr.row")
    assert furniture.count() >= 10
    assert "ADVERTISEMENT" in page.locator("tbody.furniture").first.inner_text() or \
        "ADVERTISEMENT" in " ".join(page.locator("tbody.furniture").all_inner_texts())
    assert "published 2025-02-09 · by Reuters · fetched" in page.locator("#v-inquirer-net .about").inner_text()
    assert page.locator("#v-the-japan-news .about").inner_text().endswith("read by trafilatura")
    shot(page, "web-urls.png")
    assert dialogs == []
