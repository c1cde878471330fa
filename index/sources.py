"""Reading inputs into ``Article`` values: text, Markdown, HTML, JSON, JSONL(.gz).

Each input yields articles or a per-input failure with a reason a person can act on; one
bad file never stops the others. Article ids are the canonical URL when one is known,
otherwise a hash of the text, so re-reading the same article always gives the same id.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .dates import parse_date
from .models import Article, IngestFailure

__all__ = [
    "SUPPORTED_SUFFIXES",
    "article_from_html",
    "article_from_record",
    "canonical_url",
    "content_hash",
    "iter_inputs",
    "read_path",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".jsonl.gz", ".json.gz")
# One news article is tens of kilobytes; past these sizes a file is a dump, not an article,
# and embedding it would take hours.
MAX_ARTICLE_FILE_BYTES = 10 * 1024 * 1024
MAX_ARTICLE_CHARS = 1_000_000
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "cmpid", "ocid")

Item = Article | IngestFailure

if TYPE_CHECKING:
    from .fetch import Fetcher


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


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in (".jsonl.gz", ".json.gz"):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _make_article(
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
        published=parse_date(published),
        authors=tuple(a.strip() for a in authors if a and a.strip()),
        source=source or _host(canon) or "local",
        content_hash=digest,
    )


def _first_words(text: str, n: int = 12) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


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
    published = record.get("publish_date") or record.get("published") or record.get("date") or None
    return _make_article(
        text=text,
        title=str(record.get("title") or ""),
        url=str(url) if url else None,
        published=published,
        authors=[str(a) for a in authors] if isinstance(authors, list) else [],
        source=str(record.get("source") or record.get("outlet") or ""),
    )


def _records(obj: object) -> Iterator[Mapping[str, object]]:
    """Article records inside a JSON value: one record, a list, or RealTime QA search results."""
    if isinstance(obj, list):
        for item in obj:
            yield from _records(item)
    elif isinstance(obj, dict):
        results = obj.get("search_result")
        if isinstance(results, list):
            yield from _records(results)
        else:
            yield obj


def _read_json_items(path: Path, suffix: str) -> Iterator[Item]:
    opener = gzip.open if suffix.endswith(".gz") else open
    origin = str(path)
    with opener(path, "rt", encoding="utf-8") as handle:
        if suffix.startswith(".jsonl"):
            lines: Iterable[tuple[int, str]] = enumerate(handle, start=1)
        else:
            lines = [(0, handle.read())]
        for number, line in lines:
            if not line.strip():
                continue
            where = f"{origin}:{number}" if number else origin
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield IngestFailure(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            for record in _records(value):
                try:
                    yield article_from_record(record, where)
                except ValueError as exc:
                    yield IngestFailure(where, str(exc))


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("looks like a binary file, not text")
    for encoding in (
        ("utf-8-sig", "utf-16")
        if data.startswith((b"\xff\xfe", b"\xfe\xff"))
        else (
            "utf-8-sig",
            "cp1252",
            "latin-1",
        )
    ):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("cannot decode the text")  # pragma: no cover - latin-1 decodes anything


def _read_text(path: Path) -> Article:
    text = _decode(path.read_bytes()).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip():
            title = line.strip().lstrip("#").strip()
            body = "\n".join(lines[i + 1 :]).strip()
            break
    else:
        raise ValueError("the file is empty")
    if not body:
        raise ValueError("the file has a title line but no text")
    return _make_article(body, title, None, None, (), "")


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
    return _make_article(
        text=doc["text"],
        title=doc.get("title") or "",
        url=doc.get("url") or url,
        published=doc.get("date"),
        authors=authors,
        source=doc.get("sitename") or "",
    )


def _read_html(path: Path) -> Article:
    return article_from_html(_decode(path.read_bytes()))


def read_path(path: Path) -> Iterator[Item]:
    """Articles in one file, or failures that say what is wrong with it."""
    origin = str(path)
    suffix = _suffix(path)
    try:
        if suffix in (".json", ".jsonl", ".jsonl.gz", ".json.gz"):
            yield from _read_json_items(path, suffix)
        elif suffix in (".html", ".htm", ".txt", ".md"):
            size = path.stat().st_size
            if size > MAX_ARTICLE_FILE_BYTES:
                yield IngestFailure(
                    origin,
                    f"the file is {size / 2**20:.1f} MB; one article may be at most "
                    f"{MAX_ARTICLE_FILE_BYTES / 2**20:.0f} MB",
                )
            else:
                yield _read_html(path) if suffix in (".html", ".htm") else _read_text(path)
        else:
            supported = ", ".join(SUPPORTED_SUFFIXES)
            yield IngestFailure(origin, f"unsupported file type {suffix!r} (supported: {supported})")
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error, UnicodeError, ValueError) as exc:
        reason = str(exc) or type(exc).__name__
        if isinstance(exc, (EOFError, gzip.BadGzipFile, zlib.error)):
            reason = f"the compressed file is damaged or cut short ({reason})"
        yield IngestFailure(origin, reason)


def iter_inputs(
    inputs: Iterable[str | os.PathLike[str]], fetcher: Fetcher | None = None
) -> Iterator[tuple[str, Item]]:
    """Read files and directories (recursively, hidden entries skipped), page and feed URLs,
    and feed files (.rss, .atom, .xml named explicitly: a folder's XML files are not fetched)."""
    from .fetch import FEED_SUFFIXES, Fetcher, is_url

    fetcher = fetcher or Fetcher()
    for raw in inputs:
        if isinstance(raw, str) and is_url(raw):
            yield from fetcher.url(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root) / name
                    if name.startswith(".") or _suffix(child) not in SUPPORTED_SUFFIXES:
                        continue
                    for item in read_path(child):
                        yield str(child), item
        elif path.exists() and _suffix(path) in FEED_SUFFIXES:
            yield from fetcher.feed_file(path)
        elif path.exists():
            for item in read_path(path):
                yield str(path), item
        elif path.is_symlink():
            yield str(path), IngestFailure(str(path), "a broken symbolic link (or a link loop)")
        else:
            yield str(path), IngestFailure(str(path), "no such file or directory")
