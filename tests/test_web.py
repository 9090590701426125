"""The web app through Flask's test client: every page and its data twins, the API and its
errors, the limits, CSRF, the security headers, storage."""

import csv
import html
import io
import json
import re
import sqlite3

import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import SCHEMA, SEED, read

from syndiff.web import create_app, db

INQ, JN = read(SEED / "inquirer.txt"), read(SEED / "japannews.txt")
SEED_VERSIONS = [{"label": "Inquirer", "text": INQ}, {"label": "Japan News", "text": JN}]


@pytest.fixture
def app(tmp_path):
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "t.sqlite"), "SECRET_KEY": "test"})


@pytest.fixture
def client(app):
    return app.test_client()


def token(client) -> str:
    page = client.get("/").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def saved(client, versions=SEED_VERSIONS, **extra) -> str:
    r = client.post("/api/compare", json={"versions": versions, "save": True, **extra})
    assert r.status_code == 201, r.json
    return r.headers["Location"].rsplit("/", 1)[1]


def test_api_compare_answers_the_contract_document(client):
    r = client.post("/api/compare", json={"versions": SEED_VERSIONS, "base": "Inquirer"})
    assert r.status_code == 200 and r.mimetype == "application/json"
    jsonschema.validate(r.json, SCHEMA)
    assert r.json["base"] == "inquirer" and r.json["summary"]["japan-news"]["similarity"] == 0.6199


def test_save_answers_location_and_the_document(client):
    r = client.post("/api/compare", json={"versions": SEED_VERSIONS, "save": True})
    assert r.status_code == 201 and r.headers["Location"] == f"/api/comparisons/{r.json['id']}"
    got = client.get(r.headers["Location"])
    assert got.status_code == 200 and got.json == r.json


@pytest.mark.parametrize("suffix,mimetype", [("", "text/html"), (".json", "application/json"),
                                             (".csv", "text/csv"), (".html", "text/html")])
def test_a_comparison_and_its_twins(client, suffix, mimetype):
    cid = saved(client)
    r = client.get(f"/c/{cid}{suffix}")
    assert r.status_code == 200 and r.mimetype == mimetype


def test_the_page_links_its_json_twin(client):
    cid = saved(client)
    r = client.get(f"/c/{cid}")
    assert r.headers["Link"] == f'</c/{cid}.json>; rel="alternate"; type="application/json"'
    page = r.get_data(as_text=True)
    for twin in (".json", ".csv", ".html"):
        assert f'href="/c/{cid}{twin}"' in page
    assert page.count('<tr id="r') == 49


def test_json_twin_equals_the_api(client):
    cid = saved(client)
    api = client.get(f"/api/comparisons/{cid}").json
    api.pop("id")
    assert client.get(f"/c/{cid}.json").json == api


def test_csv_has_one_row_an_edit(client):
    cid = saved(client)
    rows = list(csv.DictReader(io.StringIO(client.get(f"/c/{cid}.csv").get_data(as_text=True))))
    assert list(rows[0]) == ["version", "type", "row", "base", "text", "kind", "count", "moved_after"]
    assert len(rows) == 35
    assert {"version": "japan-news", "type": "spelling", "row": "10", "base": "Zelenskyy", "text": "Zelenskiy",
            "kind": "", "count": "", "moved_after": ""} in rows


def test_static_report_download_is_the_report(client):
    cid = saved(client)
    r = client.get(f"/c/{cid}.html")
    assert r.headers["Content-Disposition"] == f'attachment; filename="syndiff-{cid}.html"'
    embedded = re.search(r'id="syndiff-data">(.*?)</script>', r.get_data(as_text=True), re.S).group(1)
    assert json.loads(embedded) == client.get(f"/c/{cid}.json").json


def test_switching_the_base_recomputes_once_and_keeps_it(client, app):
    cid = saved(client)
    r = client.get(f"/c/{cid}.json?base=japan-news")
    assert r.json["base"] == "japan-news" and "inquirer" in r.json["summary"]
    with app.app_context():
        assert db.variant(cid, "japan-news")["base"] == "japan-news"
    page = client.get(f"/c/{cid}?base=japan-news").get_data(as_text=True)
    assert '<option value="japan-news" selected>' in page
    assert client.get(f"/c/{cid}?base=nobody").status_code == 400


def test_three_versions_can_be_read_from_their_probable_wire_original(client, app):
    # as corpus mode and --wire-original compare them: the switcher offers it, the page, its
    # twins and the API give it, and it is kept like any other base
    respelled = INQ.replace("Zelenskyy", "Zelenskiy")
    three = [*SEED_VERSIONS, {"label": "Respelled", "text": respelled}]
    cid = saved(client, three)
    page = BeautifulSoup(client.get(f"/c/{cid}").get_data(as_text=True), "html.parser")
    assert [o["value"] for o in page.select(".base-switcher option")] == [
        "inquirer", "japan-news", "respelled", "probable-wire-original"]
    doc = client.get(f"/c/{cid}.json?base=probable-wire-original").json
    assert doc["base"] == "probable-wire-original" and doc["versions"][0]["reconstructed"] is True
    # where the Japan News and the respelled copy print "Zelenskiy", the Inquirer's "Zelenskyy" is the edit
    spellings = {(e["version"], e["base"], e["text"]) for e in doc["edits"] if e["type"] == "spelling"}
    assert ("inquirer", "Zelenskiy", "Zelenskyy") in spellings and not any(v == "japan-news" for v, *_ in spellings)
    with app.app_context():
        assert db.variant(cid, "probable-wire-original")["base"] == "probable-wire-original"
    on_wire = BeautifulSoup(client.get(f"/c/{cid}?base=probable-wire-original").get_data(as_text=True),
                            "html.parser")
    assert on_wire.select_one(".base-switcher option[selected]")["value"] == "probable-wire-original"
    assert on_wire.select_one("p.brand").get_text().startswith("3 versions · base: Probable wire original")
    assert client.get(f"/api/comparisons/{cid}?base=Probable wire original").json["base"] == "probable-wire-original"
    r = client.post("/api/compare", json={"versions": three, "base": "probable-wire-original"})
    assert r.status_code == 200 and r.json["base"] == "probable-wire-original"
    # two versions: no majority to find, no such choice
    pair = saved(client)
    assert "probable-wire-original" not in client.get(f"/c/{pair}").get_data(as_text=True)
    assert client.get(f"/c/{pair}.json?base=probable-wire-original").status_code == 400
    r = client.post("/api/compare", json={"versions": SEED_VERSIONS, "base": "probable-wire-original"})
    assert r.status_code == 422 and "needs 3 or more versions" in r.json["error"]["message"]


def test_search_and_delete(client):
    a = saved(client)
    b = saved(client, [{"label": "Wire", "text": "Quake hits Taiwan\nA strong quake hit Taiwan."},
                       {"label": "Local", "text": "Quake hits Taiwan\nA quake hit Taiwan."}])
    assert [c["id"] for c in client.get("/api/comparisons").json["comparisons"]] == [b, a]   # newest first
    assert [c["id"] for c in client.get("/api/comparisons?q=japan").json["comparisons"]] == [a]
    assert [c["id"] for c in client.get("/api/comparisons?q=taiwan").json["comparisons"]] == [b]
    assert "Quake hits Taiwan" in client.get("/c/?q=quake").get_data(as_text=True)
    assert "Nothing matches" in client.get("/c/?q=nothing-like-it").get_data(as_text=True)
    assert client.delete(f"/api/comparisons/{a}").status_code == 204
    assert client.get(f"/api/comparisons/{a}").status_code == 404
    r = client.post(f"/c/{b}/delete", data={"csrf_token": token(client)})
    assert r.status_code == 303 and client.get(f"/c/{b}").status_code == 404


def test_the_form_compares_pasted_and_uploaded_versions(client):
    r = client.post("/compare", data={"csrf_token": token(client), "label": ["Inquirer", ""], "text": [INQ, ""],
                                      "file": [(io.BytesIO(b""), ""), (io.BytesIO(JN.encode("cp1252", "replace")),
                                                                       "japannews.txt")]},
                    content_type="multipart/form-data")
    assert r.status_code == 303
    doc = client.get(r.headers["Location"] + ".json").json
    assert [v["label"] for v in doc["versions"]] == ["Inquirer", "japannews"]


def test_the_form_keeps_what_was_typed_when_it_cannot_compare(client):
    r = client.post("/compare", data={"csrf_token": token(client), "label": ["Only", ""],
                                      "text": ["One version only.", ""]})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and "need at least 2 versions" in page and "One version only." in page


@pytest.mark.parametrize("labels,texts,files,message", [
    (["Inquirer", "Japan News"], [INQ, ""], [], "Version 2 (Japan News): no text; paste the article, give its URL"),
    (["Inquirer", "Japan News"], [INQ, JN], [b"", JN.encode()],
     "Version 2 (Japan News): give one of a text, a URL or a file, not a text and a file"),
    (["Inquirer", "Japan News"], [INQ, ""], [b"", b""], "japannews.txt: the file is empty"),
    (["Inquirer", "Inquirer"], [INQ, JN], [], "duplicate label 'Inquirer': each version needs its own label"),
])
def test_the_form_says_what_is_missing_or_ambiguous(client, labels, texts, files, message):
    data = {"csrf_token": token(client), "label": labels, "text": texts}
    if files:
        data["file"] = [(io.BytesIO(b), "japannews.txt" if n else "") for n, b in enumerate(files)]
    r = client.post("/compare", data=data, content_type="multipart/form-data")
    assert r.status_code == 422 and message in html.unescape(r.get_data(as_text=True))


def test_a_text_without_a_label_is_compared_under_its_place(client):
    # fields the page's script added may come without a label field of their own
    r = client.post("/compare", data={"csrf_token": token(client), "label": ["", ""], "text": ["", JN, INQ]})
    assert r.status_code == 303
    doc = client.get(r.headers["Location"] + ".json").json
    assert [v["label"] for v in doc["versions"]] == ["Version 2", "Version 3"]


def test_an_upload_that_is_not_text_is_refused(client):
    r = client.post("/compare", data={"csrf_token": token(client), "label": ["a", "b"], "text": [INQ, ""],
                                      "file": [(io.BytesIO(b""), ""), (io.BytesIO(b"%PDF-1.4"), "story.pdf")]},
                    content_type="multipart/form-data")
    assert r.status_code == 422 and "story.pdf: give a .txt file or a saved page (.html)" in r.get_data(as_text=True)


def test_csrf_refusal(client):
    assert client.post("/compare", data={"label": ["a", "b"], "text": [INQ, JN]}).status_code == 400
    assert client.post("/compare", data={"csrf_token": "forged", "label": ["a", "b"],
                                         "text": [INQ, JN]}).status_code == 400
    cid = saved(client)
    assert client.post(f"/c/{cid}/delete").status_code == 400
    assert client.get(f"/c/{cid}").status_code == 200


def test_examples_are_one_click_away(client):
    page = client.get("/").get_data(as_text=True)
    assert 'action="/examples/reuters-trump-putin-2025"' in page and 'action="/examples/19161226-000"' in page
    r = client.post("/examples/reuters-trump-putin-2025", data={"csrf_token": token(client)})
    assert r.status_code == 303
    assert client.get(r.headers["Location"] + ".json").json["title"].startswith("Trump says")
    assert client.post("/examples/nothing", data={"csrf_token": token(client)}).status_code == 404
    again = client.post("/examples/reuters-trump-putin-2025", data={"csrf_token": token(client)})
    assert again.headers["Location"] == r.headers["Location"]   # opened again, not saved twice
    assert len(client.get("/api/comparisons").json["comparisons"]) == 1


@pytest.mark.parametrize("body,status,code", [
    ({"versions": SEED_VERSIONS[:1]}, 422, "unprocessable"),
    ({"versions": "two"}, 422, "unprocessable"),
    ({"versions": [{"label": "a", "html": "<nav><a href='/'>Home</a></nav>"}, {"text": "y"}]}, 422, "unprocessable"),
    ({"versions": [{"label": "a", "url": "ftp://example.com/"}, {"text": "y"}]}, 422, "unprocessable"),
    ({"versions": SEED_VERSIONS, "refetch": "yes"}, 422, "unprocessable"),
    ({"versions": [{"label": "a", "text": "x", "url": "http://x"}, {"text": "y"}]}, 422, "unprocessable"),
    ({"versions": SEED_VERSIONS, "base": "nobody"}, 422, "unprocessable"),
    ({"versions": SEED_VERSIONS, "base": 3}, 422, "unprocessable"),
    ({"versions": [{"label": "a", "text": ""}, {"text": "y"}]}, 422, "unprocessable"),
    ([1, 2], 400, "bad_request"),
])
def test_api_errors(client, body, status, code):
    r = client.post("/api/compare", json=body)
    assert r.status_code == status and r.json["error"]["code"] == code and r.json["error"]["message"]


def test_api_error_statuses_beyond_validation(client):
    r = client.post("/api/compare", data="versions", content_type="text/plain")
    assert r.status_code == 415 and r.json["error"]["code"] == "unsupported_media_type"
    assert client.post("/api/compare", data="{", content_type="application/json").status_code == 400
    r = client.get("/api/comparisons/nope")
    assert r.status_code == 404 and r.json["error"]["code"] == "not_found"
    r = client.get("/api/compare")
    assert r.status_code == 405 and r.mimetype == "application/json"
    assert client.delete("/api/comparisons/nope").status_code == 404


def test_limits_from_the_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("SYNDIFF_MAX_VERSIONS", "2")
    monkeypatch.setenv("SYNDIFF_MAX_CHARS", "5000")
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "l.sqlite"), "SECRET_KEY": "t",
                      "MAX_REQUEST_BYTES": 20_000})
    client = app.test_client()
    r = client.post("/api/compare", json={"versions": SEED_VERSIONS + [{"text": "x"}]})
    assert r.status_code == 422 and "at most 2" in r.json["error"]["message"]
    r = client.post("/api/compare", json={"versions": [{"text": INQ * 2}, {"text": JN}]})
    assert r.status_code == 422 and "more than the 5,000" in r.json["error"]["message"]
    r = client.post("/api/compare", json={"versions": [{"text": INQ * 10}, {"text": JN}]})
    assert r.status_code == 413 and r.json["error"]["code"] == "request_entity_too_large"
    assert client.post("/compare", data={"text": INQ * 10}).status_code == 413
    assert "5,000 characters a version" in client.get("/api/openapi.json").json["info"]["description"]


@pytest.mark.parametrize("path", ["/", "/c/", "/api/", "/api/openapi.json", "/c/missing"])
def test_security_headers(client, path):
    r = client.get(path)
    csp = r.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_hostile_text_is_shown_as_text(client):
    hostile = '<script>alert(1)</script> <img src=x onerror=alert(1)> </textarea><b>x</b>'
    cid = saved(client, [{"label": "<i>A</i>", "text": "Title line\n" + hostile},
                         {"label": "B\"><script>alert(2)</script>", "text": "Title line\nother " + hostile}])
    page = client.get(f"/c/{cid}").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page and "<i>A</i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    listing = client.get("/c/").get_data(as_text=True)
    assert "<i>A</i>" not in listing and "&lt;i&gt;A&lt;/i&gt;" in listing
    r = client.post("/compare", data={"csrf_token": token(client), "label": ["a", "b"], "text": [hostile, ""]})
    assert "</textarea><b>x</b>" not in r.get_data(as_text=True)


def test_the_database_is_migrated_and_in_wal(app):
    with sqlite3.connect(app.config["DATABASE"]) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(db.MIGRATIONS)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    create_app({"TESTING": True, "DATABASE": app.config["DATABASE"], "SECRET_KEY": "t"})   # again: no error


def test_openapi_document(client):
    spec = client.get("/api/openapi.json").json
    assert spec["openapi"] == "3.1.0"
    assert set(spec["paths"]) == {"/api/compare", "/api/comparisons", "/api/comparisons/{cid}"}
    page = client.get("/api/").get_data(as_text=True)
    assert "POST /api/compare" in page and "DELETE /api/comparisons/{cid}" in page


def test_a_deleted_comparison_is_gone_from_the_page_cache_too(client):
    cid = saved(client)
    assert client.get(f"/c/{cid}").status_code == 200      # rendered and kept
    assert client.get(f"/c/{cid}").status_code == 200      # from the cache
    assert client.delete(f"/api/comparisons/{cid}").status_code == 204
    assert client.get(f"/c/{cid}").status_code == 404


def test_odd_json_gets_a_clear_error_not_a_server_error(client):
    r = client.post("/api/compare", json={"versions": [{"label": "\ud800", "text": "a b c"}, {"text": "a b d"}]})
    assert r.status_code == 422 and "surrogate" in r.json["error"]["message"]
    r = client.post("/api/compare", data="[" * 100000 + "]" * 100000, content_type="application/json")
    assert r.status_code == 400


def test_the_form_takes_a_version_as_long_as_the_limits_allow(client):
    long = "日本語の文章です。\n" * 30000   # 300,000 characters, 900 KB: over Flask's 500 KB a field
    r = client.post("/compare", data={"csrf_token": token(client), "label": ["a", "b"], "text": [long, long + "x"]})
    assert r.status_code == 303


def test_the_base_switch_by_label_or_id_is_one_kept_variant(client, app):
    cid = saved(client)
    by_label = client.get(f"/c/{cid}.json?base=Japan News").json
    assert by_label == client.get(f"/c/{cid}.json?base=japan-news").json and by_label["base"] == "japan-news"
    with app.app_context():
        kept = db.get_db().execute("SELECT base FROM variant WHERE comparison_id = ?", (cid,)).fetchall()
    assert [r["base"] for r in kept] == ["japan-news"]
    page = client.get(f"/c/{cid}?base=Japan News").get_data(as_text=True)
    assert f'href="/c/{cid}.json?base=japan-news"' in page


def test_a_variant_of_a_comparison_deleted_meanwhile_is_not_kept(app):
    with app.test_request_context():
        db.save_variant("no-such-id", "japan-news", {"base": "japan-news"})
        assert db.variant("no-such-id", "japan-news") is None


def test_the_json_twin_answers_errors_in_json(client):
    r = client.get("/c/no-such-id.json")
    assert r.status_code == 404 and r.json["error"]["code"] == "not_found"
    cid = saved(client)
    r = client.get(f"/c/{cid}.json?base=nobody")
    assert r.status_code == 400 and "unknown base 'nobody'" in r.json["error"]["message"]
    assert client.get(f"/c/{cid}.pdf").status_code == 404


def test_save_must_be_true_or_false(client):
    r = client.post("/api/compare", json={"versions": SEED_VERSIONS, "save": "no"})
    assert r.status_code == 422 and r.json["error"]["message"] == "save: true or false"
    assert client.get("/api/comparisons").json["comparisons"] == []


def test_csv_cells_a_spreadsheet_would_run_are_quoted(client):
    wire = "Markets fall\nShares fell on Monday.\nTraders were calm."
    version = "Markets fall\nShares fell on Monday.\n=HYPERLINK(\"http://evil.example\",\"click\")\n@SUM(1+1)"
    cid = saved(client, [{"label": "wire", "text": wire}, {"label": "=cmd|' /C calc'!A0", "text": version}])
    rows = list(csv.DictReader(io.StringIO(client.get(f"/c/{cid}.csv").get_data(as_text=True))))
    texts = [r["text"] for r in rows if r["text"]]
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in texts and "'@SUM(1+1)" in texts
    assert not any(r[k].startswith(("=", "+", "-", "@")) for r in rows for k in ("version", "base", "text"))
    assert client.get(f"/c/{cid}.json").json["versions"][1]["label"] == "=cmd|' /C calc'!A0"  # the data as given


def test_a_page_in_the_cache_is_not_served_after_another_process_deletes_it(tmp_path):
    config = {"TESTING": True, "DATABASE": str(tmp_path / "shared.sqlite"), "SECRET_KEY": "test"}
    one, two = create_app(config).test_client(), create_app(config).test_client()
    cid = saved(one)
    assert one.get(f"/c/{cid}").status_code == 200       # rendered and kept by process one
    assert two.delete(f"/api/comparisons/{cid}").status_code == 204
    assert one.get(f"/c/{cid}").status_code == 404


def test_a_message_for_one_visitor_is_not_cached_for_the_next(app):
    alice, bob = app.test_client(), app.test_client()
    cid = saved(alice)
    with alice.session_transaction() as s:
        s["_flashes"] = [("message", "The comparison was deleted.")]
    assert "The comparison was deleted." in alice.get(f"/c/{cid}").get_data(as_text=True)
    assert "The comparison was deleted." not in bob.get(f"/c/{cid}").get_data(as_text=True)


def test_saved_comparisons_page_by_a_hundred(client, app):
    with app.test_request_context():
        doc = {"title": "Quake hits Taiwan", "versions": [{"label": "Wire"}, {"label": "Local"}]}
        ids = [db.save([], None, False, {**doc, "title": f"Story {n:03}"}) for n in range(205)]
    first = client.get("/api/comparisons").json
    assert len(first["comparisons"]) == 100 and first["comparisons"][0]["id"] == ids[-1]
    third = client.get(client.get(first["next"]).json["next"]).json
    assert [c["id"] for c in third["comparisons"]] == ids[4::-1] and "next" not in third
    page = client.get("/c/?page=2").get_data(as_text=True)
    assert "Story 104" in page and "Story 105" not in page and "Story 004" not in page
    assert 'href="/c/?page=3"' in page and 'href="/c/"' in page
    assert client.get("/c/?q=Story 00&page=2").status_code == 200
    assert client.get("/api/comparisons?page=0").status_code == 400
    assert client.get("/c/?page=x").status_code == 400


# --- pages and URLs (issue 5) ---------------------------------------------------------------

@pytest.fixture
def pages_site():
    """The test pages on a local HTTP server (tests/test_fetch.py's), counting requests."""
    from test_fetch import Handler, serve

    server = serve("127.0.0.1")
    Handler.seen_agents.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}", Handler.seen_agents
    server.shutdown()


@pytest.fixture
def private_app(tmp_path):
    """An app allowed to fetch private addresses: the test pages are on 127.0.0.1."""
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "p.sqlite"), "SECRET_KEY": "t",
                       "ALLOW_PRIVATE": True})


def test_the_api_compares_html_and_urls_with_text(private_app, pages_site):
    from pages import inquirer_page

    site, requests = pages_site
    app, client = private_app, private_app.test_client()
    body = {"versions": [{"html": inquirer_page()[0]}, {"url": site + "/japannews"}, {"label": "Wire", "text": INQ}],
            "save": True}
    r = client.post("/api/compare", json=body)
    assert r.status_code == 201, r.json
    doc = r.json
    jsonschema.validate({k: v for k, v in doc.items() if k != "id"}, SCHEMA)
    assert [v["label"] for v in doc["versions"]] == ["INQUIRER.net", "The Japan News", "Wire"]
    jn = doc["versions"][1]
    assert jn["url"] == site + "/japannews" and jn["extractor"] == "trafilatura" and isinstance(jn["page"], int)
    kinds = [b["kind"] for b in jn["blocks"]]
    assert kinds[:3] == ["headline", "caption", "timestamp"] and kinds.count("chrome") >= 20
    assert len(requests) == 1
    # the page is kept: a base switch and a new comparison of the URL read it as it was fetched
    assert client.get(f"/c/{doc['id']}.json?base=wire").status_code == 200
    again = client.post("/api/compare", json={"versions": [{"url": site + "/japannews"}, {"text": INQ}]})
    assert again.status_code == 200 and len(requests) == 1
    assert again.json["versions"][0]["page"] == jn["page"]
    fresh = client.post("/api/compare", json={"versions": [{"url": site + "/japannews"}, {"text": INQ}],
                                              "refetch": True})
    assert fresh.status_code == 200 and len(requests) == 2 and fresh.json["versions"][0]["page"] != jn["page"]
    with app.app_context():
        kept = db.get_db().execute("SELECT url, status, content_type FROM page").fetchall()
    assert [(k["url"], k["status"], k["content_type"]) for k in kept] == [(site + "/japannews", 200,
                                                                        "text/html; charset=utf-8")] * 2


def test_a_failed_url_is_named_and_can_be_skipped(private_app, pages_site):
    site, _ = pages_site
    client = private_app.test_client()
    versions = [{"url": site + "/inquirer"}, {"url": site + "/png"}, {"url": site + "/amp"}]
    r = client.post("/api/compare", json={"versions": versions})
    assert r.status_code == 422
    assert r.json["error"]["message"] == f"versions[1]: {site}/png: not an HTML page (image/png)"
    r = client.post("/api/compare", json={"versions": versions, "skip_failed": True})
    assert r.status_code == 200
    assert r.json["skipped"] == [{"input": "versions[1]", "error": f"{site}/png: not an HTML page (image/png)"}]
    assert [v["label"] for v in r.json["versions"]] == ["INQUIRER.net", "INQUIRER.net (2)"]


def test_the_web_app_refuses_private_addresses_by_default(client, pages_site):
    site, requests = pages_site
    r = client.post("/api/compare", json={"versions": [{"url": site + "/inquirer"}, {"text": INQ}]})
    assert r.status_code == 422 and "refused: 127.0.0.1 is a private or local address" in r.json["error"]["message"]
    assert requests == []


def test_the_form_takes_urls_and_saved_pages(private_app, pages_site):
    from pages import cp1252_page

    site, _ = pages_site
    client = private_app.test_client()
    r = client.post("/compare", data={"csrf_token": token(client), "label": ["", ""], "text": ["", ""],
                                      "url": [site + "/inquirer", ""],
                                      "file": [(io.BytesIO(b""), ""), (io.BytesIO(cp1252_page()[0]), "jn.html")]},
                    content_type="multipart/form-data")
    assert r.status_code == 303, html.unescape(r.get_data(as_text=True))
    doc = client.get(r.headers["Location"] + ".json").json
    assert [(v["label"], v["source"]) for v in doc["versions"]] == [("INQUIRER.net", site + "/inquirer"),
                                                                   ("The Japan News", "jn.html")]
    assert "“He (Putin) wants to see people stop dying,” Trump told the New York Post." in \
        [b["text"] for b in doc["versions"][1]["blocks"]]
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "By: Reuters" in page
    r = client.post("/compare", data={"csrf_token": token(client), "label": ["a", "b"], "text": [INQ, ""],
                                      "url": ["", site + "/missing"]})
    assert r.status_code == 422 and f"{site}/missing: HTTP 404 Not Found" in r.get_data(as_text=True)
    assert f'value="{site}/missing"' in r.get_data(as_text=True)   # what was typed stays


def test_default_labels_are_numbered_not_refused(client):
    files = [(io.BytesIO(INQ.encode()), "story.txt"), (io.BytesIO(JN.encode()), "story.txt")]
    r = client.post("/compare", data={"csrf_token": token(client), "label": ["", ""], "text": ["", ""], "file": files},
                    content_type="multipart/form-data")
    assert r.status_code == 303, html.unescape(r.get_data(as_text=True))
    assert [v["label"] for v in client.get(r.headers["Location"] + ".json").json["versions"]] == ["story", "story (2)"]
    r = client.post("/compare", data={"csrf_token": token(client), "label": ["Version 2", ""], "text": [INQ, JN]})
    assert r.status_code == 303
    assert [v["label"] for v in client.get(r.headers["Location"] + ".json").json["versions"]] == \
        ["Version 2", "Version 2 (2)"]


# --- review fixes: deleting, sources, times, the API's word ---------------------------------

def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_deleting_asks_first_and_says_what_it_deleted(client):
    keep = saved(client)
    cid = saved(client, [{"label": "Wire", "text": "Quake hits Taiwan\nA strong quake hit Taiwan."},
                         {"label": "Local", "text": "Quake hits Taiwan\nA quake hit Taiwan."}])
    listing = soup(client.get("/c/"))
    assert not listing.select("table.stories form[method=post]")   # no one-click delete
    [link] = [a for a in listing.select("table.stories a.delete") if a["href"] == f"/c/{cid}/delete"]
    confirm = client.get(link["href"])
    assert confirm.status_code == 200 and client.get(f"/c/{cid}").status_code == 200   # asked, not deleted
    page = soup(confirm)
    assert page.h1.get_text() == "Delete this comparison?"
    assert "Quake hits Taiwan" in page.select_one("dl.doomed").get_text() and "Wire, Local" in page.get_text()
    form = page.select_one("form.confirm-delete")
    assert form["method"] == "post" and form["action"] == f"/c/{cid}/delete"
    assert page.select_one("form.confirm-delete a")["href"] == "/c/"   # the way back keeps it
    r = client.post(form["action"], data={"csrf_token": form.select_one("[name=csrf_token]")["value"]})
    assert r.status_code == 303
    flash = soup(client.get(r.headers["Location"])).select_one("p.flash").get_text()
    assert flash.startswith("The comparison “Quake hits Taiwan”, saved ") and flash.endswith("UTC, was deleted.")
    assert client.get(f"/c/{cid}").status_code == 404 and client.get(f"/c/{keep}").status_code == 200
    assert client.get("/c/nothing/delete").status_code == 404


def test_the_examples_name_their_fixture_files(client):
    r = client.post("/examples/reuters-trump-putin-2025", data={"csrf_token": token(client)})
    page = soup(client.get(r.headers["Location"]))
    assert [p.get_text() for p in page.select(".card .source")] == ["inquirer.txt", "japannews.txt"]
    assert "(pasted text)" not in page.get_text()
    assert "a bundled example (reuters-trump-putin-2025)" in page.select_one("header .brand").get_text()
    doc = client.get(r.headers["Location"] + ".json?base=japannews").json   # recomputed on another base
    assert [v["source"] for v in doc["versions"]] == ["inquirer.txt", "japannews.txt"]


def test_examples_saved_before_get_their_sources(app):
    """A database whose example was saved with no sources (before migration 4) gets them."""
    client = app.test_client()
    cid = client.post("/examples/reuters-trump-putin-2025", data={"csrf_token": token(client)}).headers["Location"]
    client.get(cid + "?base=japannews")   # a variant kept
    papers = client.post("/examples/19160912-021", data={"csrf_token": token(client)}).headers["Location"]
    client.get(papers + "?base=probable-wire-original")   # a variant on a reconstruction, whose source is its own
    with sqlite3.connect(app.config["DATABASE"]) as conn:
        def sourceless(doc: str) -> str:
            d = json.loads(doc)
            return json.dumps({**d, "versions": [v if v.get("reconstructed") else {**v, "source": ""}
                                                 for v in d["versions"]]})
        for rowid, inputs, doc in conn.execute("SELECT rowid, inputs, document FROM comparison").fetchall():
            inputs = [{"label": v["label"], "text": v["text"]} for v in json.loads(inputs)]
            conn.execute("UPDATE comparison SET inputs = ?, document = ? WHERE rowid = ?",
                         (json.dumps(inputs), sourceless(doc), rowid))
        for rowid, doc in conn.execute("SELECT rowid, document FROM variant").fetchall():
            conn.execute("UPDATE variant SET document = ? WHERE rowid = ?", (sourceless(doc), rowid))
        conn.execute("PRAGMA user_version = 3")
    again = create_app({"TESTING": True, "DATABASE": app.config["DATABASE"], "SECRET_KEY": "test"}).test_client()
    for url in (cid, cid + "?base=japannews"):
        assert sorted(p.get_text() for p in soup(again.get(url)).select(".card .source")) == \
            ["inquirer.txt", "japannews.txt"]
    wire = soup(again.get(papers + "?base=probable-wire-original")).select(".card")[0]
    assert wire.select_one(".source").get_text() == "majority reading of 6 versions"
    with sqlite3.connect(app.config["DATABASE"]) as conn:
        [inputs] = conn.execute("SELECT inputs FROM comparison WHERE example = 'reuters-trump-putin-2025'").fetchone()
    assert [v["source"] for v in json.loads(inputs)] == ["inquirer.txt", "japannews.txt"]


def test_saved_times_read_as_dates_with_the_iso_time_kept(client, app):
    with app.test_request_context():
        doc = {"title": "Quake hits Taiwan", "versions": [{"label": "Wire"}, {"label": "Local"}]}
        db.save([], None, False, doc)
        db.get_db().execute("UPDATE comparison SET created = '2026-11-04T01:57:21+00:00'")
    [time] = soup(client.get("/c/")).select("table.stories time")
    assert time.get_text() == "4 Nov 2026, 01:57 UTC" and time["datetime"] == "2026-11-04T01:57:21+00:00"
    cid = saved(client)
    created = client.get("/api/comparisons").json["comparisons"][0]["created"]   # the API keeps ISO
    time = soup(client.get(f"/c/{cid}")).select_one("header .brand time")
    assert time["datetime"] == created and re.fullmatch(r"\d\d? [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC", time.get_text())


def documented_errors(spec: dict) -> dict:
    return {(method.upper(), path, status): answer["description"] for path, ops in spec["paths"].items()
            for method, op in ops.items() for status, answer in op["responses"].items() if status >= "400"}


def test_the_api_documents_the_errors_it_answers(client, app):
    """Every error the API page lists is one a request gets, and said as it is."""
    cid = saved(client)
    app.config["MAX_CONTENT_LENGTH"] = 2000
    requests = {
        ("POST", "/api/compare", "400"): client.post("/api/compare", json=[1, 2]),
        ("POST", "/api/compare", "413"): client.post("/api/compare", json={"versions": SEED_VERSIONS}),
        ("POST", "/api/compare", "415"): client.post("/api/compare", data="x", content_type="text/plain"),
        ("POST", "/api/compare", "422"): client.post("/api/compare", json={"versions": [], "bsae": "a"}),
        ("GET", "/api/comparisons", "400"): client.get("/api/comparisons?page=0"),
        ("GET", "/api/comparisons/{cid}", "404"): client.get("/api/comparisons/nope"),
        ("GET", "/api/comparisons/{cid}", "422"): client.get(f"/api/comparisons/{cid}?base=nobody"),
        ("DELETE", "/api/comparisons/{cid}", "404"): client.delete("/api/comparisons/nope"),
    }
    spec = client.get("/api/openapi.json").json
    said = documented_errors(spec)
    assert set(said) == set(requests)
    for (method, path, status), r in requests.items():
        assert str(r.status_code) == status and r.json["error"]["message"], (method, path)
    assert said["GET", "/api/comparisons", "400"] == "page is not a page number from 1 to 999,999,999"
    assert "page number from 1 to 999999999" in requests["GET", "/api/comparisons", "400"].json["error"]["message"]
    assert "2,000 bytes" not in said["POST", "/api/compare", "413"]   # the setting, not Flask's limit, is said
    page = soup(client.get("/api/"))
    [listing] = [s for s in page.select("section.endpoint") if s.h2.get_text() == "GET /api/comparisons"]
    assert "400 page is not a page number" in listing.get_text() and "JSON object" not in listing.get_text()


@pytest.mark.parametrize("body,message", [
    ({"versions": SEED_VERSIONS, "bsae": "a"},
     "unknown key 'bsae'; the known keys are versions, base, reflow, save, refetch, skip_failed"),
    ({"Save": True, "versoins": SEED_VERSIONS}, "unknown keys 'Save', 'versoins'; the known keys are versions"),
    ({"versions": [{"lable": "A", "text": "x"}, {"text": "y"}]},
     "versions[0]: unknown key 'lable'; the known keys are label, text, html, url"),
])
def test_a_misspelled_key_is_refused_and_named(client, body, message):
    r = client.post("/api/compare", json=body)
    assert r.status_code == 422 and r.json["error"]["code"] == "unprocessable"
    assert r.json["error"]["message"].startswith(message)


def test_the_keys_the_api_knows_are_the_keys_it_documents(client):
    # what a refusal names as known is what the OpenAPI description lists, and no more
    body = client.get("/api/openapi.json").json["paths"]["/api/compare"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    version = schema["properties"]["versions"]["items"]
    assert schema["additionalProperties"] is False and version["additionalProperties"] is False
    r = client.post("/api/compare", json={"versions": SEED_VERSIONS, "x": 1})
    assert r.json["error"]["message"].endswith("the known keys are " + ", ".join(schema["properties"]))
    r = client.post("/api/compare", json={"versions": [{**SEED_VERSIONS[0], "x": 1}, SEED_VERSIONS[1]]})
    assert r.json["error"]["message"].endswith("the known keys are " + ", ".join(version["properties"]))
