"""Articles from the web: a page URL, or an RSS/Atom feed (URL or file) whose items are fetched.

Pages are fetched with httpx (redirects followed by hand, a time-out and a size limit) and
extracted with trafilatura; feeds are parsed with feedparser. With a ``PublicOnly`` guard, as
the browser's "Add URLs" has, every hop's address must be public, and each connection goes to
the very address that was checked, so a name that resolves again to another address (DNS
rebinding) cannot slip past it. Every failure is a per-item reason (HTTP 404, time-out, not an
HTML page, too large), never an exception that stops the run. Items already in the library
(``known``) are not fetched again, which is what ``--watch`` relies on.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..models import Article, IngestFailure
from .articles import Item, article_from_html, canonical_url
from .dates import struct_date

__all__ = ["Fetcher", "PublicOnly", "is_url"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
)


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


class FetchError(Exception):
    """A page or feed could not be fetched; the message is the per-item reason."""


@dataclass(frozen=True)
class PublicOnly:
    """Fetch only from the public internet: refuse a URL whose host resolves to a loopback,
    private, link-local (cloud metadata: 169.254.169.254), shared or reserved address, checked
    after DNS resolution and again at every redirect. ``allowed`` lists networks let through
    anyway (an intranet feed server, e.g. ``10.1.0.0/16``)."""

    allowed: tuple[str, ...] = ()

    def check(self, url: str) -> None:
        """Refuse ``url`` (a ``FetchError`` saying why) unless it is http(s) to a public host."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or 'this'!r}")
        if not parts.hostname:
            raise FetchError("the URL names no host")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise FetchError(f"cannot resolve {parts.hostname}") from None
        self.address(parts.hostname, port)

    def address(self, host: str, port: int) -> str:
        """The address to connect to for ``host``: resolved once, every answer checked."""
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, ValueError):
            raise FetchError(f"cannot resolve {host}") from None
        networks = [ipaddress.ip_network(n, strict=False) for n in self.allowed]
        for *_, address in found:
            ip = ipaddress.ip_address(str(address[0]).split("%")[0])
            if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
                ip = ip.ipv4_mapped
            if (not ip.is_global or ip.is_multicast) and not any(ip in n for n in networks):
                raise FetchError(
                    f"{host} is {ip}, not a public address: refused (loopback, private and "
                    "link-local addresses are fetched only when ui.fetch_private_networks allows them)"
                )
        return str(found[0][4][0])

    def transport(self) -> Any:
        """An httpx transport whose every connection goes to an address this guard checked (the
        check and the connection share one DNS answer); TLS still verifies the host's name."""
        import httpcore
        import httpx

        guard = self

        class Pinned(httpcore.SyncBackend):
            def connect_tcp(self, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
                try:
                    address = guard.address(host, port)
                except FetchError as exc:
                    raise httpcore.ConnectError(str(exc)) from exc
                return super().connect_tcp(address, port, *args, **kwargs)

        transport = httpx.HTTPTransport()
        # httpx builds its pool without a choice of network backend: give it one that pins.
        transport._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=Pinned()
        )
        return transport


def _guard_refusal(exc: BaseException) -> FetchError | None:
    """The guard's refusal behind a connection error (httpcore and httpx wrap it), if any."""
    seen: BaseException | None = exc
    while seen is not None and not isinstance(seen, FetchError):
        seen = seen.__cause__ or seen.__context__
    return seen


@dataclass
class Fetcher:
    """Fetches pages and feeds with limits; ``known(article_id)`` skips items already stored;
    with ``guard``, only what it allows (every redirect is followed by hand and checked)."""

    timeout: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    known: Callable[[str], bool] = lambda _id: False
    user_agent: str = "news-assistant/0.1 (+https://github.com)"
    guard: PublicOnly | None = None
    max_redirects: int = 5

    def _get(self, url: str) -> tuple[str, str, bytes]:
        """(final URL, content type, body) or a ``FetchError`` saying why not."""
        import httpx

        headers = {"User-Agent": self.user_agent, "Accept": "text/html,application/xhtml+xml,application/xml"}
        try:
            transport = self.guard.transport() if self.guard is not None else None
            with httpx.Client(follow_redirects=False, timeout=self.timeout, transport=transport) as client:
                for _ in range(self.max_redirects + 1):
                    if self.guard is not None:
                        self.guard.check(url)
                    with client.stream("GET", url, headers=headers) as reply:
                        location = reply.headers.get("location")
                        if reply.is_redirect and location:
                            url = urljoin(url, location)
                            continue
                        return url, *self._read(reply)
                raise FetchError("too many redirects")
        except httpx.TimeoutException:
            raise FetchError(f"no answer within {self.timeout:g} s") from None
        except httpx.ConnectError as exc:
            refused = _guard_refusal(exc)
            if refused is not None:
                raise refused from None
            raise FetchError(f"cannot fetch: {type(exc).__name__}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch: {type(exc).__name__}") from None

    def _read(self, reply: Any) -> tuple[str, bytes]:
        """(content type, body) of a final reply, within the size limit."""
        if reply.status_code >= 400:
            raise FetchError(f"HTTP {reply.status_code} {reply.reason_phrase}".strip())
        body = bytearray()
        for part in reply.iter_bytes():
            body += part
            if len(body) > self.max_bytes:
                raise FetchError(f"larger than {self.max_bytes // 2**20} MB")
        return reply.headers.get("content-type", "").split(";")[0].strip().lower(), bytes(body)

    @staticmethod
    def _article(final: str, ctype: str, body: bytes, expected: str) -> Article:
        """The article in a fetched HTML page, or a ``FetchError`` saying what it was instead."""
        if ctype and ctype not in _HTML_TYPES:
            raise FetchError(f"not {expected} ({ctype})")
        try:
            return article_from_html(body.decode("utf-8", errors="replace"), url=final)
        except ValueError as exc:
            raise FetchError(str(exc)) from None

    def page(self, url: str) -> Article:
        return self._article(*self._get(url), expected="an HTML page")

    def _feed_items(self, data: bytes, origin: str) -> Iterator[tuple[str, Item]]:
        import feedparser

        feed = feedparser.parse(data)
        if not feed.entries:
            if feed.bozo:
                yield origin, IngestFailure(origin, "not a readable RSS or Atom feed")
            return
        for entry in feed.entries:
            link = entry.get("link")
            if not link:
                yield origin, IngestFailure(origin, f"feed item {entry.get('title', '?')!r} has no link")
                continue
            canon = canonical_url(link)
            if canon and self.known(canon):
                continue
            try:
                page = self.page(link)
            except FetchError as exc:
                yield link, IngestFailure(link, str(exc))
                continue
            if page.published is None:  # the feed item's own date, when the page gives none
                dated = struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
                page = replace(page, published=dated)
            yield link, page

    def url(self, url: str) -> Iterator[tuple[str, Item]]:
        """A page URL gives its article; a feed URL gives every item's article."""
        try:
            final, ctype, body = self._get(url)
        except FetchError as exc:
            yield url, IngestFailure(url, str(exc))
            return
        head = body[:500].lstrip().lower()
        if (
            ctype in _FEED_TYPES
            or head.startswith((b"<rss", b"<feed"))
            or (head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head))
        ):
            yield from self._feed_items(body, url)
            return
        try:
            yield url, self._article(final, ctype, body, expected="an HTML page or a feed")
        except FetchError as exc:
            yield url, IngestFailure(url, str(exc))

    def feed_file(self, path: Path) -> Iterator[tuple[str, Item]]:
        yield from self._feed_items(path.read_bytes(), str(path))
