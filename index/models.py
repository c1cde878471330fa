"""Values that cross module boundaries: articles, chunks, retrieved passages, reports.

All are frozen dataclasses so they can be shared between threads and cached safely.
Character offsets (``start``/``end``) always index into ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "Article",
    "ArticleInfo",
    "Chunk",
    "Duplicate",
    "IngestFailure",
    "IngestReport",
    "Passage",
    "Quote",
]


@dataclass(frozen=True)
class Quote:
    """A sentence attributed to a speaker: ``article.text[start:end]``; ``direct`` if in quotation marks."""

    speaker: str
    start: int
    end: int
    direct: bool


@dataclass(frozen=True)
class Duplicate:
    """A near-copy of a stored article (the same wire story elsewhere), recorded, not stored."""

    id: str
    canonical_id: str
    title: str
    url: str | None
    source: str
    published: date | None
    similarity: float

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "similarity": round(self.similarity, 3),
        }


@dataclass(frozen=True)
class Article:
    """One news article: its text and what we know about it."""

    id: str
    title: str
    text: str
    url: str | None = None
    published: date | None = None
    authors: tuple[str, ...] = ()
    source: str = ""
    content_hash: str = ""
    quotes: tuple[Quote, ...] = ()
    # The sentence spans found at ingest (Punkt), kept so that answering needs no sentence
    # splitter; empty for an article not read back from a library that stored them.
    sentences: tuple[tuple[int, int], ...] = ()

    def people(self) -> list[tuple[str, int]]:
        """The people quoted in the article, with how many sentences each, most quoted first."""
        counts: dict[str, int] = {}
        for quote in self.quotes:
            counts[quote.speaker] = counts.get(quote.speaker, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass(frozen=True)
class ArticleInfo:
    """What the library lists about a stored article (no text)."""

    id: str
    title: str
    url: str | None
    published: date | None
    authors: tuple[str, ...]
    source: str
    chunks: int
    duplicates: tuple[Duplicate, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "authors": list(self.authors),
            "source": self.source,
            "chunks": self.chunks,
            "duplicates": [d.to_json() for d in self.duplicates],
        }


@dataclass(frozen=True)
class Chunk:
    """A contiguous run of whole sentences of one article: ``article.text[start:end] == text``."""

    id: str
    article_id: str
    text: str
    start: int
    end: int
    index: int


@dataclass(frozen=True)
class Passage:
    """A chunk as retrieval returns it, with the article metadata needed to cite it."""

    chunk_id: str
    article_id: str
    text: str
    start: int
    end: int
    title: str
    url: str | None
    published: date | None
    source: str
    score: float
    dense_rank: int | None = None
    keyword_rank: int | None = None


@dataclass(frozen=True)
class IngestFailure:
    """An input that could not be ingested, and why."""

    source: str
    reason: str


@dataclass
class IngestReport:
    """What one ``ingest`` call did: article ids added, updated, skipped, and failures."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failed: list[IngestFailure] = field(default_factory=list)
    chunks: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_json(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "skipped": self.skipped,
            "duplicates": [{"id": d.id, "canonical_id": d.canonical_id} for d in self.duplicates],
            "failed": [{"source": f.source, "reason": f.reason} for f in self.failed],
            "chunks": self.chunks,
            "seconds": round(self.seconds, 3),
        }
