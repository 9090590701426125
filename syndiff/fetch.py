"""Fetching a page by URL, carefully (httpx): 5 s to connect, 20 s in all, 5 MB and 5
redirects at most, HTML only, a user agent that says who is asking.

No request goes to a private, loopback, link-local, multicast or reserved address unless
the caller allows it: the host is resolved here, every address it resolves to is checked,
and the connection goes to the checked address (the TLS name and Host header stay the
host's), so a name cannot resolve to one address for the check and another for the
connection. Each redirect is a new request, checked the same way."""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from . import __version__
from .errors import InputError

USER_AGENT = f"syndiff/{__version__} (compares syndicated news copy for research; python-httpx)"
HTML_TYPES = ("text/html", "application/xhtml+xml")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Limits:
    connect: float = 5.0         # seconds to connect
    total: float = 20.0          # seconds for the whole fetch, redirects included
    max_bytes: int = 5_000_000
    max_redirects: int = 5


class FetchError(InputError):
    """A page that could not be fetched; the message names the URL and the reason."""


@dataclass(frozen=True)
class Fetched:
    url: str            # as asked for
    final_url: str      # after redirects
    status: int
    content_type: str
    body: bytes
    fetched_at: str     # UTC, ISO 8601


NAT64 = ipaddress.ip_network("64:ff9b::/96")


def public(ip: Address) -> bool:
    """Whether an address is one the open web reaches: globally routable (so not private,
    shared, loopback, link-local, reserved …) and not multicast. An IPv6 address that
    carries an IPv4 one (mapped, 6to4, Teredo, NAT64) is judged by the IPv4 address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return public(embedded)
        if ip.is_site_local:   # deprecated, yet routed inside some networks
            return False
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[Address]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))


_DNS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="syndiff-dns")   # lookups with a time limit


def _is_address(host: str, ip: Address) -> bool:
    """Whether ``host`` is written as the address ``ip`` ("127.0.0.1", "[::1]"), not as a name."""
    try:
        return ipaddress.ip_address(host.strip("[]")) == ip
    except ValueError:
        return False


class _CheckedTransport(httpx.HTTPTransport):
    """Resolves each request's host, refuses it unless every address passes ``allowed``,
    and connects to those addresses in turn (the request's Host header and TLS name stay
    the host's). The caller's request is left as it is, so cookies and redirects keep
    the host's name."""

    def __init__(self, allowed: Callable[[Address], bool], resolver=resolve, dns_timeout: float = 5.0, **kwargs):
        super().__init__(**kwargs)
        self.allowed, self.resolver, self.dns_timeout = allowed, resolver, dns_timeout

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.raw_host.decode("ascii")   # the IDNA 2008 A-label httpx sends
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        try:
            addresses = _DNS.submit(self.resolver, host.strip("[]"), port).result(timeout=self.dns_timeout)
        except FuturesTimeout:
            raise FetchError(f"the host {host} could not be found (DNS took more than {self.dns_timeout:g} s)") \
                from None
        except (OSError, UnicodeError, ValueError):
            raise FetchError(f"the host {host} could not be found (DNS)") from None
        if not addresses:
            raise FetchError(f"the host {host} could not be found (DNS)")
        refused = next((ip for ip in addresses if not self.allowed(ip)), None)
        if refused is not None:
            named = host if _is_address(host, refused) else f"{host} ({refused})"   # a name: and its address
            raise FetchError(f"refused: {named} is a private or local address; allow private addresses to fetch it")
        for n, ip in enumerate(addresses):
            pinned = httpx.Request(request.method, request.url.copy_with(host=str(ip)), headers=request.headers,
                                   stream=request.stream, extensions={**request.extensions, "sni_hostname": host})
            try:
                return super().handle_request(pinned)
            except httpx.ConnectError:
                if n == len(addresses) - 1:
                    raise
        raise AssertionError("unreachable")


def fetch(url: str, allow_private: bool = False, limits: Limits = Limits(),
          allowed: Callable[[Address], bool] | None = None, resolver=resolve) -> Fetched:
    """The page at ``url``. Raises FetchError naming the URL and the reason.

    allowed: which addresses may be fetched (default: public ones, or any with
    ``allow_private``); resolver: host, port -> addresses (tests stand in their own)."""
    try:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError
    except ValueError:
        raise FetchError(f"{url}: only http:// and https:// addresses can be fetched") from None
    policy = allowed or ((lambda ip: True) if allow_private else public)
    deadline = time.monotonic() + limits.total
    transport = _CheckedTransport(policy, resolver, dns_timeout=limits.connect)
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
               "Accept-Encoding": "gzip, deflate"}   # what _decoded can unpack within the size cap
    try:
        with httpx.Client(transport=transport, headers=headers, follow_redirects=False) as client:
            current = url
            for _ in range(limits.max_redirects + 1):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise httpx.TimeoutException("deadline")
                timeout = httpx.Timeout(left, connect=min(limits.connect, left))
                with client.stream("GET", current, timeout=timeout) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        if urlsplit(current).scheme not in ("http", "https"):
                            raise FetchError(f"{url}: redirected to {current}, not a web address")
                        continue
                    return _read(url, current, response, limits, deadline)
            raise FetchError(f"{url}: too many redirects (more than {limits.max_redirects})")
    except FetchError as e:
        message = str(e)
        raise FetchError(message if message.startswith(url) else f"{url}: {message}") from None
    except httpx.TimeoutException:
        raise FetchError(f"{url}: timed out (no answer within {limits.total:g} s)") from None
    except (httpx.InvalidURL, ValueError) as e:
        raise FetchError(f"{url}: not a valid web address ({e})") from None
    except httpx.HTTPError as e:
        reason = str(e) or type(e).__name__
        raise FetchError(f"{url}: could not be fetched ({reason})") from None


def _read(url: str, final: str, response: httpx.Response, limits: Limits, deadline: float) -> Fetched:
    if response.status_code >= 400:
        raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
    content_type = response.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        raise FetchError(f"{url}: not an HTML page ({content_type or 'no content type'})")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(f"{url}: too large ({int(declared):,} bytes; at most {limits.max_bytes:,})")
    body = bytearray()
    for chunk in response.iter_raw():
        body += chunk
        if len(body) > limits.max_bytes:
            raise FetchError(f"{url}: too large (more than {limits.max_bytes:,} bytes)")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: timed out (the page took more than {limits.total:g} s)")
    body = _decoded(bytes(body), response.headers.get("content-encoding", ""), url, limits)
    return Fetched(url, final, response.status_code, content_type, body,
                   datetime.now(UTC).isoformat(timespec="seconds"))


def _decoded(raw: bytes, encoding: str, url: str, limits: Limits) -> bytes:
    """The body with its content encoding undone, within the size cap (a small gzip can
    unpack to gigabytes)."""
    import zlib

    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"{url}: the page is sent {encoding}-encoded, which syndiff cannot read")
    # gzip, or deflate with its zlib header, or deflate without one (servers send all three)
    for wbits in ((zlib.MAX_WBITS | 32,) if "gzip" in encoding else (zlib.MAX_WBITS, -zlib.MAX_WBITS)):
        try:
            out = zlib.decompressobj(wbits).decompress(raw, limits.max_bytes + 1)
            break
        except zlib.error:
            continue
    else:
        raise FetchError(f"{url}: the page's {encoding} encoding is broken")
    if len(out) > limits.max_bytes:
        raise FetchError(f"{url}: too large (more than {limits.max_bytes:,} bytes unpacked)")
    return out
