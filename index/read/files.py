"""Reading files into ``Article`` values: text, Markdown, HTML, JSON, JSONL(.gz).

Each file yields articles or a per-file failure with a reason a person can act on; one bad
file never stops the others.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from ..models import Article, IngestFailure
from ..text import ARTICLE_SUFFIXES, article_suffix
from .articles import MAX_ARTICLE_FILE_BYTES, Item, article_from_html, article_from_record, make_article

__all__ = ["read_path"]


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
    return make_article(body, title, None, None, (), "")


def _read_html(path: Path) -> Article:
    return article_from_html(_decode(path.read_bytes()))


def read_path(path: Path) -> Iterator[Item]:
    """Articles in one file, or failures that say what is wrong with it."""
    origin = str(path)
    suffix = article_suffix(path.name)
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
            supported = ", ".join(sorted(ARTICLE_SUFFIXES))
            yield IngestFailure(origin, f"unsupported file type {suffix!r} (supported: {supported})")
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error, UnicodeError, ValueError) as exc:
        reason = str(exc) or type(exc).__name__
        if isinstance(exc, (EOFError, gzip.BadGzipFile, zlib.error)):
            reason = f"the compressed file is damaged or cut short ({reason})"
        yield IngestFailure(origin, reason)
