"""Articles from the web: a page URL, or an RSS/Atom feed (URL or file) whose items are fetched.

Pages are fetched with httpx (redirects followed, a time-out and a size limit) and extracted
with trafilatura; feeds are parsed with feedparser. Every failure is a per-item reason (HTTP
404, time-out, not an HTML page, too large), never an exception that stops the run. Items
already in the library (``known``) are not fetched again, which is what ``--watch`` relies on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..models import Article, IngestFailure
from .articles import Item, article_from_html, canonical_url

__all__ = ["Fetcher", "is_url"]

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


@dataclass
class Fetcher:
    """Fetches pages and feeds with limits; ``known(article_id)`` skips items already stored."""

    timeout: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    known: Callable[[str], bool] = lambda _id: False
    user_agent: str = "news-assistant/0.1 (+https://github.com)"

    def _get(self, url: str) -> tuple[str, str, bytes]:
        """(final URL, content type, body) or a ``FetchError`` saying why not."""
        import httpx

        headers = {"User-Agent": self.user_agent, "Accept": "text/html,application/xhtml+xml,application/xml"}
        try:
            with (
                httpx.Client(follow_redirects=True, timeout=self.timeout, max_redirects=5) as client,
                client.stream("GET", url, headers=headers) as reply,
            ):
                if reply.status_code >= 400:
                    raise FetchError(f"HTTP {reply.status_code} {reply.reason_phrase}".strip())
                body = bytearray()
                for part in reply.iter_bytes():
                    body += part
                    if len(body) > self.max_bytes:
                        raise FetchError(f"larger than {self.max_bytes // 2**20} MB")
                ctype = reply.headers.get("content-type", "").split(";")[0].strip().lower()
                return str(reply.url), ctype, bytes(body)
        except httpx.TimeoutException:
            raise FetchError(f"no answer within {self.timeout:g} s") from None
        except httpx.TooManyRedirects:
            raise FetchError("too many redirects") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch: {type(exc).__name__}") from None

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
                yield link, self.page(link)
            except FetchError as exc:
                yield link, IngestFailure(link, str(exc))

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
