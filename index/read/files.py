"""Reading files into ``Article`` values: text, Markdown, HTML, PDF, JSON, JSONL(.gz).

Each file yields articles or a per-file failure with a reason a person can act on; one bad
file never stops the others. Every read is bounded while it happens (``ReadLimits``): a JSON
file may expand to at most ``decompressed_bytes`` and hold no line over ``line_bytes``, so a
small compressed file that expands to gigabytes is refused after reading only the limit, and
memory stays flat whatever the compression ratio. Text that decodes to mostly control
characters (a binary file renamed ``.txt``) is refused too. A PDF is read from its text layer
(pypdf), which is then the article's text that citation offsets index; a scan without one is a
per-file failure that says so.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..models import Article, IngestFailure
from ..text import ARTICLE_SUFFIXES, article_suffix
from .articles import MAX_ARTICLE_FILE_BYTES, Item, article_from_html, article_from_record, make_article
from .dates import WRITTEN_DATE, dateline

__all__ = ["ReadLimits", "read_path"]


@dataclass(frozen=True)
class ReadLimits:
    """How much one input file may expand to, and how long one line of JSON Lines (or one
    whole JSON document, which is parsed in one piece) may be."""

    decompressed_bytes: int = 512 * 2**20
    line_bytes: int = 16 * 2**20


class _Binary(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def _bounded_lines(handle: _Binary, limits: ReadLimits, whole: bool) -> Iterator[tuple[int, bytes]]:
    """(line number, line) of a binary stream, or the whole of it (number 0), within ``limits``.

    Raises ``ValueError`` as soon as a limit is passed: nothing beyond it is ever held.
    """
    if whole:  # one JSON value is parsed in one piece: the line limit bounds it
        data = handle.read(limits.line_bytes + 1)
        if len(data) > limits.line_bytes:
            raise ValueError(
                f"a JSON document over {_mb(limits.line_bytes)} is parsed whole; refused "
                "(write it as JSON Lines, one article per line, or raise ingest.max_line_mb)"
            )
        yield 0, data
        return
    total = 0
    for number in range(1, 2**62):
        line = handle.readline(limits.line_bytes + 1)
        if not line:
            return
        total += len(line)
        if len(line) > limits.line_bytes and not line.endswith(b"\n"):
            raise ValueError(f"line {number} is longer than {_mb(limits.line_bytes)}; refused")
        if total > limits.decompressed_bytes:
            raise ValueError(f"the file expands to more than {_mb(limits.decompressed_bytes)}; refused")
        yield number, line


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


def _read_json_items(path: Path, suffix: str, limits: ReadLimits) -> Iterator[Item]:
    opener = gzip.open if suffix.endswith(".gz") else open
    origin = str(path)
    with opener(path, "rb") as handle:
        for number, raw in _bounded_lines(handle, limits, whole=not suffix.startswith(".jsonl")):
            line = raw.decode("utf-8-sig" if number <= 1 else "utf-8")
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
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _unprintable(text) > _MAX_UNPRINTABLE:
            raise ValueError("mostly control or unprintable characters: a binary file, not text")
        return text
    raise ValueError("cannot decode the text")  # pragma: no cover - latin-1 decodes anything


_MAX_UNPRINTABLE = 0.02  # real text has next to none; random bytes decode to about a quarter


def _unprintable(text: str) -> float:
    """The share of characters that are neither printable nor ordinary whitespace."""
    sample = text[:65536]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if not c.isprintable() and c not in "\n\r\t\f\v")
    return bad / len(sample)


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
    under_title = [line.strip() for line in body.split("\n")[:8] if line.strip()][:3]
    return make_article(body, title, None, dateline(under_title), (), "")


def _read_html(path: Path) -> Article:
    return article_from_html(_decode(path.read_bytes()))


_TOOL_TITLE = re.compile(r"^(?:Microsoft Word - |untitled\b)|\.(?:docx?|pdf|odt|rtf)$", re.IGNORECASE)


def _reflow(page: str) -> str:
    """A PDF page's lines as paragraphs: lines joined with a space (after a hyphen, without),
    blank lines kept as paragraph breaks."""
    paragraphs = re.split(r"\n\s*\n", page)
    out = []
    for paragraph in paragraphs:
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        text = ""
        for line in lines:  # "six-" + "hour": the hyphen stays, as the page shows it
            text = text + line if text.endswith("-") and line[:1].islower() else f"{text} {line}".strip()
        if text:
            out.append(text)
    return "\n\n".join(out)


def _read_pdf(path: Path) -> Article:
    """A PDF's text layer as an article: title and date from the document's metadata, else from
    its first lines. A scan without a text layer is refused (nothing to cite)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise ValueError("reading PDFs needs pypdf: run `make install` (or pip install pypdf)") from exc
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("the PDF is encrypted: save an unlocked copy and add that")
        raw = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except PdfReadError as exc:
        raise ValueError(f"not a readable PDF ({exc})") from exc
    if len(" ".join(raw).split()) < 20:
        raise ValueError(
            "the PDF has no text layer (a scanned image?): there is nothing to cite; "
            "run OCR on it first (for example ocrmypdf) and add the result"
        )
    title = str(meta.title or "").strip() if meta else ""
    if not title or _TOOL_TITLE.search(title):  # the first line, as a headline
        first, _, rest = raw[0].strip().partition("\n")
        title, raw[0] = (first.strip(), rest) if len(first) <= 200 else ("", raw[0])
    text = "\n\n".join(p for p in map(_reflow, raw) if p)
    found = WRITTEN_DATE.search(text[:600])
    published = (meta.creation_date if meta else None) or (found.group(0) if found else None)
    authors = [str(meta.author)] if meta and meta.author else []
    return make_article(text, title, None, published, authors, "")


def read_path(path: Path, limits: ReadLimits | None = None) -> Iterator[Item]:
    """Articles in one file, or failures that say what is wrong with it."""
    origin = str(path)
    suffix = article_suffix(path.name)
    try:
        if suffix in (".json", ".jsonl", ".jsonl.gz", ".json.gz"):
            yield from _read_json_items(path, suffix, limits or ReadLimits())
        elif suffix in (".html", ".htm", ".txt", ".md", ".pdf"):
            size, most = path.stat().st_size, MAX_ARTICLE_FILE_BYTES * (3 if suffix == ".pdf" else 1)
            if size > most:
                yield IngestFailure(
                    origin,
                    f"the file is {size / 2**20:.1f} MB; one {suffix[1:].upper()} article may be at most "
                    f"{most / 2**20:.0f} MB",
                )
            elif suffix == ".pdf":
                yield _read_pdf(path)
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
