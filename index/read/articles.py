"""Articles built from what any reader found: ids, canonical URLs, titles, sources, limits.

Files, JSON records, HTML pages and feed items all become ``Article`` values here, so an
article gets the same id however it arrived: its canonical URL when one is known (tracking
parameters removed), otherwise a hash of its text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..models import Article, IngestFailure
from .dates import date_in_url, parse_date

__all__ = [
    "MAX_ARTICLE_CHARS",
    "MAX_ARTICLE_FILE_BYTES",
    "Item",
    "article_from_html",
    "article_from_record",
    "canonical_url",
    "content_hash",
    "make_article",
]

# One news article is tens of kilobytes; past these sizes a file is a dump, not an article,
# and embedding it would take hours.
MAX_ARTICLE_FILE_BYTES = 10 * 1024 * 1024
MAX_ARTICLE_CHARS = 1_000_000
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "cmpid", "ocid")

# What a reader yields for each input: an article, or the reason it could not be read.
Item = Article | IngestFailure


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def canonical_url(url: str) -> str | None:
    """Normalise a URL so that the same article always gets the same id."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def _host(url: str | None) -> str:
    if not url:
        return ""
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def make_article(
    text: str,
    title: str,
    url: str | None,
    published: object,
    authors: Iterable[str],
    source: str,
) -> Article:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    canon = canonical_url(url) if url else None
    digest = content_hash(text)
    return Article(
        id=canon or f"sha256:{digest[:20]}",
        title=" ".join(title.split()) or _first_words(text),
        text=text,
        url=canon or (url or None),
        published=parse_date(published) or date_in_url(canon or url),
        authors=tuple(a.strip() for a in authors if a and a.strip()),
        source=source or _host(canon) or "local",
        content_hash=digest,
    )


def _first_words(text: str, n: int = 12) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


_DATE_KEYS = (
    "publish_date",
    "published",
    "date",
    "published_at",
    "date_published",
    "datePublished",
    "pubDate",
)


def article_from_record(record: Mapping[str, object], origin: str) -> Article:
    """Build an article from a JSON record ``{title, text, url, authors, publish_date}``."""
    text = record.get("text") or record.get("content") or record.get("body") or ""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("record has no 'text'")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ValueError(f"the text has {len(text):,} characters; one article may have {MAX_ARTICLE_CHARS:,}")
    authors = record.get("authors") or record.get("author") or []
    if isinstance(authors, str):
        authors = [authors]
    url = record.get("url") or record.get("link")
    published = next((record[k] for k in _DATE_KEYS if record.get(k)), None)
    return make_article(
        text=text,
        title=str(record.get("title") or ""),
        url=str(url) if url else None,
        published=published,
        authors=[str(a) for a in authors] if isinstance(authors, list) else [],
        source=str(record.get("source") or record.get("outlet") or ""),
    )


def article_from_html(html: str, url: str | None = None) -> Article:
    """The article in an HTML page: main text, title, byline, date, canonical URL (trafilatura)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, favor_precision=True, as_dict=True
        )
    except (RecursionError, MemoryError, TypeError, AttributeError, LookupError) as exc:
        # lxml and trafilatura give up on pathological markup (very deep nesting, say).
        raise ValueError(f"the HTML could not be parsed ({type(exc).__name__})") from exc
    if not doc or not (doc.get("text") or "").strip():
        raise ValueError("no article text found in the HTML")
    author = doc.get("author") or ""
    authors = [a.strip() for a in author.split(";")] if author else []
    return make_article(
        text=doc["text"],
        title=doc.get("title") or "",
        url=doc.get("url") or url,
        published=doc.get("date"),
        authors=authors,
        source=doc.get("sitename") or "",
    )
