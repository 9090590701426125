"""Fetching pages from a local HTTP server started here on 127.0.0.1: realistic pages
extract as their files do; private addresses are refused before any connection and at
every redirect; a slow server, an endless body, a redirect loop, an image, 404 and 500
each give their clear error, and nothing hangs."""

import gzip
import ipaddress
import json
import os
import re
import subprocess
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT
from pages import amp_page, cp1252_page, inquirer_page, japannews_page, paywall_page

from syndiff import InputError
from syndiff.fetch import USER_AGENT, FetchError, Limits, fetch, public
from syndiff.load import load_input, load_page, page_from_fetch

PAGES = {"/inquirer": inquirer_page, "/japannews": japannews_page, "/paywall": paywall_page, "/amp": amp_page}


class Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def log_message(self, *args):   # quiet
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        path, query = urlsplit(self.path).path, parse_qs(urlsplit(self.path).query)
        if path in PAGES:
            self.send(200, PAGES[path]()[0].encode("utf-8"))
        elif path == "/cp1252-header":
            self.send(200, cp1252_page()[0].replace(b"charset=windows-1252", b""), "text/html; charset=windows-1252")
        elif path == "/cp1252-meta":
            self.send(200, cp1252_page()[0], "text/html")
        elif path == "/gzip":
            self.send(200, gzip.compress(inquirer_page()[0].encode()), Content_Encoding="gzip")
        elif path == "/gzip-bomb":
            self.send(200, gzip.compress(b"<p>" + b" " * 20_000_000 + b"</p>"), Content_Encoding="gzip")
        elif path == "/set-cookie":
            self.send(302, b"", Location="/need-cookie", Set_Cookie="consent=yes; Path=/")
        elif path == "/need-cookie":
            if "consent=yes" in self.headers.get("Cookie", ""):
                self.send(200, b"<html><body><p>cookie seen</p></body></html>")
            else:
                self.send(302, b"", Location="/set-cookie")
        elif path == "/slow-redirect":
            time.sleep(0.6)
            n = int(query["n"][0])
            self.send(302, b"", Location=f"/slow-redirect?n={n - 1}" if n else "/inquirer")
        elif path == "/raw-deflate":
            packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
            body = packer.compress(inquirer_page()[0].encode()) + packer.flush()
            self.send(200, body, Content_Encoding="deflate")
        elif path == "/redirect":
            self.send(302, b"", Location=query["to"][0])
        elif path == "/loop":
            self.send(302, b"", Location="/loop")
        elif path == "/slow":
            time.sleep(3)
            self.send(200, b"<p>late</p>")
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
            except OSError:
                pass
        elif path == "/png":
            self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        elif path == "/empty":
            self.send(200, b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
        elif path == "/500":
            self.send(500, b"<h1>Internal Server Error</h1>")
        else:
            self.send(404, b"<h1>Not Found</h1>")


def serve(host: str):
    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def site():
    server = serve("127.0.0.1")
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_fetched_page_extracts_as_the_same_page_read_from_a_file(site):
    for path, build in PAGES.items():
        page = fetch(site + path, allow_private=True)
        assert page.status == 200 and page.final_url == site + path
        fetched = page_from_fetch(page)
        from_file = load_page(build()[0].encode(), "saved.html", url=site + path)
        assert (fetched.text, fetched.kinds) == (from_file.text, from_file.kinds), path
        assert fetched.meta["url"] == site + path and fetched.meta["fetched_at"].endswith("+00:00")
    assert Handler.seen_agents[-1] == USER_AGENT


@pytest.mark.parametrize("path", ["/cp1252-header", "/cp1252-meta"])
def test_a_page_in_windows_1252_is_read_by_its_declared_charset(site, path):
    loaded = load_input(site + path, allow_private=True)
    assert "“He (Putin) wants to see people stop dying,” Trump told the New York Post." in loaded.text.split("\n")


def test_a_gzipped_page_is_unpacked(site):
    assert "By: Reuters" in load_input(site + "/gzip", allow_private=True).text


def test_a_redirect_is_followed_and_the_final_address_kept(site):
    page = fetch(f"{site}/redirect?to=/inquirer", allow_private=True)
    assert page.final_url == site + "/inquirer" and page.url == f"{site}/redirect?to=/inquirer"


@pytest.mark.parametrize("url,reason", [
    ("http://127.0.0.1/", "refused: 127.0.0.1 is a private or local address"),
    ("http://[::1]/", "refused: ::1 is a private or local address"),
    ("http://10.0.0.1/", "refused: 10.0.0.1 is a private or local address"),
    ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a private or local address"),
    ("http://localhost/", "refused: localhost (127.0.0.1) is a private or local address"),   # a name: its address
    ("http://0.0.0.0/", "refused: 0.0.0.0 is a private or local address"),
    ("http://[::ffff:127.0.0.1]/", "refused: ::ffff:127.0.0.1 is a private or local address"),
    ("file:///etc/passwd", "only http:// and https:// addresses can be fetched"),
])
def test_private_addresses_are_refused_without_the_allow_setting(url, reason):
    with pytest.raises(FetchError) as e:
        fetch(url, limits=Limits(total=2))
    assert str(e.value).startswith(f"{url}: {reason}")
    assert str(e.value).count("127.0.0.1") <= url.count("127.0.0.1") + 1   # an address said once, not twice


def test_a_public_address_that_redirects_to_a_private_one_is_refused():
    # A server on 127.0.0.2 stands for a public site (the policy lets it through, as it would
    # a public address) and redirects to 127.0.0.1, which the policy refuses like any loopback.
    outside = serve("127.0.0.2")
    inside = serve("127.0.0.1")
    try:
        policy = lambda ip: ip == ipaddress.ip_address("127.0.0.2") or public(ip)  # noqa: E731
        target = f"http://127.0.0.1:{inside.server_address[1]}/inquirer"
        start = f"http://127.0.0.2:{outside.server_address[1]}/redirect?to={target}"
        assert fetch(f"http://127.0.0.2:{outside.server_address[1]}/inquirer", allowed=policy).status == 200
        with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a private or local address"):
            fetch(start, allowed=policy)
        # a name that resolves to a public address for the check cannot reach another one
        name = f"http://news.example:{outside.server_address[1]}/inquirer"
        assert fetch(name, allowed=policy, resolver=lambda host, port: [ipaddress.ip_address("127.0.0.2")]).status \
            == 200
        with pytest.raises(FetchError, match=r"refused: news\.example \(127\.0\.0\.1\) is a private or local address"):
            fetch(name, resolver=lambda host, port: [ipaddress.ip_address("93.184.215.14"),
                                                     ipaddress.ip_address("127.0.0.1")])
    finally:
        outside.shutdown()
        inside.shutdown()


@pytest.mark.parametrize("path,reason", [
    ("/slow", "timed out (no answer within 1 s)"),
    ("/endless", "too large (more than 5,000,000 bytes)"),
    ("/gzip-bomb", "too large (more than 5,000,000 bytes unpacked)"),
    ("/loop", "too many redirects (more than 5)"),
    ("/png", "not an HTML page (image/png)"),
    ("/missing", "HTTP 404 Not Found"),
    ("/500", "HTTP 500 Internal Server Error"),
])
def test_each_failure_has_its_clear_error_and_nothing_hangs(site, path, reason):
    started = time.monotonic()
    with pytest.raises(FetchError) as e:
        fetch(site + path, allow_private=True, limits=Limits(total=1))
    assert str(e.value) == f"{site}{path}: {reason}"
    assert time.monotonic() - started < 3


def test_a_host_that_does_not_resolve_is_named():
    with pytest.raises(FetchError, match=r"^http://no-such-host\.invalid/a: the host no-such-host\.invalid could not "
                                         r"be found \(DNS\)"):
        fetch("http://no-such-host.invalid/a")


def test_a_page_with_nothing_to_extract_says_so(site):
    with pytest.raises(InputError, match="nothing extractable"):
        load_input(site + "/empty", allow_private=True)


def syndiff(*args):
    return subprocess.run([sys.executable, "-m", "syndiff", *args], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ})


def test_the_cli_compares_urls_and_saved_pages(site, tmp_path):
    (tmp_path / "jn.html").write_text(japannews_page()[0], encoding="utf-8")
    p = syndiff("compare", site + "/inquirer", str(tmp_path / "jn.html"), "--allow-private", "--format", "json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert [v["label"] for v in doc["versions"]] == ["INQUIRER.net", "The Japan News"]
    assert doc["versions"][0]["url"] == site + "/inquirer" and doc["versions"][0]["extractor"] == "trafilatura"
    assert {"spelling", "dateline", "trimmed"} <= {e["type"] for e in doc["edits"]}


def test_one_failed_url_is_reported_and_the_others_still_load(site):
    urls = [site + "/inquirer", site + "/missing", site + "/amp", site + "/png"]
    p = syndiff("compare", *urls, "--allow-private", "--format", "json")
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.splitlines() == [f"syndiff: error: {site}/missing: HTTP 404 Not Found",
                                     f"syndiff: error: {site}/png: not an HTML page (image/png)"]
    p = syndiff("compare", *urls, "--allow-private", "--skip-failed", "--format", "json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert [v["label"] for v in doc["versions"]] == ["INQUIRER.net", "INQUIRER.net (2)"]
    assert doc["skipped"] == [{"input": f"{site}/missing", "error": f"{site}/missing: HTTP 404 Not Found"},
                              {"input": f"{site}/png", "error": f"{site}/png: not an HTML page (image/png)"}]


def test_the_cli_refuses_private_addresses_unless_allowed(site):
    p = syndiff("compare", site + "/inquirer", site + "/amp")
    assert p.returncode == 2 and "refused: 127.0.0.1 is a private or local address" in p.stderr


@pytest.mark.parametrize("address,ok", [
    ("93.184.215.14", True), ("2606:4700::6810:84e5", True),
    ("100.100.100.200", False),      # shared address space: a cloud's metadata service
    ("fec0::1", False),              # site-local
    ("2002:7f00:1::", False),        # 6to4 wrapping 127.0.0.1
    ("64:ff9b::7f00:1", False),      # NAT64 wrapping 127.0.0.1
    ("::ffff:10.0.0.1", False), ("224.0.0.1", False), ("ff02::1", False),
])
def test_which_addresses_count_as_public(address, ok):
    assert public(ipaddress.ip_address(address)) is ok


@pytest.mark.parametrize("url", ["http://[::1/", "http://0177.0.0.1/", "http://a_b.com:80x/", "http://éxample..com/"])
def test_a_malformed_address_is_a_clear_error(url):
    with pytest.raises(FetchError, match=f"^{re.escape(url)}: "):
        fetch(url, limits=Limits(total=2))


def test_cookies_a_site_sets_survive_its_redirects(site):
    page = fetch(site + "/set-cookie", allow_private=True)
    assert page.final_url == site + "/need-cookie" and b"cookie seen" in page.body


def test_the_time_limit_holds_across_redirects(site):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(site + "/slow-redirect?n=5", allow_private=True, limits=Limits(total=1))
    assert time.monotonic() - started < 2


def test_deflate_without_its_zlib_header_is_read(site):
    assert b"By: Reuters" in fetch(site + "/raw-deflate", allow_private=True).body
