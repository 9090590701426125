"""Fetching a page by URL, carefully: connect timeout 5 s, 20 s in all, 5 MB and 5 redirects
at most, HTML only, and no private, loopback, link-local or multicast address (checked after
DNS resolution and again at every redirect) unless the caller allows it."""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from . import __version__
from .errors import InputError

CONNECT_TIMEOUT = 5.0
TOTAL_TIMEOUT = 20.0
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
USER_AGENT = f"syndiff/{__version__} (comparing syndicated news copy; +https://pypi.org/project/syndiff/)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


class FetchError(InputError):
    """A page that could not be fetched; the message names the URL and the reason."""


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    fetched_at: str

    def text(self) -> str:
        """The body decoded: the charset the server declares, else the page's meta tag, else detected."""
        from .load import decode

        declared = _charset(self.content_type) or _meta_charset(self.body)
        if declared:
            try:
                return self.body.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        return decode(self.body, self.url)[0]


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset=([\w-]+)", content_type, re.I)
    return m.group(1) if m else None


def _meta_charset(body: bytes) -> str | None:
    m = _META_CHARSET.search(body[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def check_address(url: str, allow_private: bool) -> None:
    """Refuse a URL whose host resolves to an address the open web does not reach."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http and https addresses can be fetched")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"{url}: the host {parts.hostname} could not be found (DNS)") from None
    if allow_private:
        return
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved \
                or ip.is_unspecified:
            raise FetchError(f"{url}: refused, {parts.hostname} is a private or local address ({ip}); "
                             "allow private addresses to fetch it")


def fetch(url: str, allow_private: bool = False, transport: httpx.BaseTransport | None = None) -> Fetched:
    deadline = time.monotonic() + TOTAL_TIMEOUT
    timeout = httpx.Timeout(TOTAL_TIMEOUT, connect=CONNECT_TIMEOUT)
    with httpx.Client(timeout=timeout, follow_redirects=False, transport=transport,
                      headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"}) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_address(current, allow_private)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        current = urljoin(current, location)
                        continue
                    return _read(url, current, response, deadline)
            except httpx.TimeoutException:
                raise FetchError(f"{url}: timed out (no answer within {TOTAL_TIMEOUT:.0f} s)") from None
            except httpx.HTTPError as e:
                raise FetchError(f"{url}: could not be fetched ({type(e).__name__}: {e})") from None
        raise FetchError(f"{url}: too many redirects (more than {MAX_REDIRECTS})")


def _read(url: str, final: str, response: httpx.Response, deadline: float) -> Fetched:
    if response.status_code >= 400:
        raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
    content_type = response.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        raise FetchError(f"{url}: not an HTML page ({content_type or 'no content type'})")
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BYTES:
        raise FetchError(f"{url}: too large ({int(declared):,} bytes; at most {MAX_BYTES:,})")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > MAX_BYTES:
            raise FetchError(f"{url}: too large (more than {MAX_BYTES:,} bytes)")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: timed out (the page took more than {TOTAL_TIMEOUT:.0f} s)")
    return Fetched(url, final, response.status_code, content_type, bytes(body),
                   datetime.now(UTC).isoformat(timespec="seconds"))
