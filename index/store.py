"""The vector store: a Chroma collection, embedded on disk or on a Chroma server.

Chunks are written to the Chroma collection directly with their article metadata (title, url,
published date, source, offsets), in the layout llama-index's ``ChromaVectorStore`` uses for
the keys it reads, so a library either wrote opens with both. Reads (a dense query, chunks by
id or by article, a scan of the whole collection) go to the collection too: neither ingesting
nor answering imports llama-index. The collection records which embedding model
and dimension built it; opening it with another model raises ``EmbeddingMismatch`` instead of
silently returning nonsense neighbours.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from .embedding import settings_for
from .errors import AssistantError, EmbeddingMismatch, StoreUnavailable
from .models import Article, Chunk, Passage

__all__ = [
    "SERVER_HINT",
    "ChunkStore",
    "Filters",
    "chunk_metadata",
    "guarded",
    "open_chroma_client",
    "passage_from_record",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to some sources, articles, or a published-date range (inclusive)."""

    sources: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def __bool__(self) -> bool:
        return bool(self.sources or self.article_ids or self.since or self.until)

    def to_where(self) -> dict[str, Any] | None:
        """The filters as a Chroma ``where`` clause (None when there are none)."""
        parts: list[dict[str, Any]] = []
        if self.sources:
            parts.append({"source": {"$in": list(self.sources)}})
        if self.article_ids:
            parts.append({"article_id": {"$in": list(self.article_ids)}})
        if self.since or self.until:
            # Undated articles are stored as day 0: a date range never matches them.
            first = self.since.toordinal() if self.since else 1
            parts.append({"published_day": {"$gte": first}})
        if self.until:
            parts.append({"published_day": {"$lte": self.until.toordinal()}})
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else {"$and": parts}


def chunk_metadata(chunk: Chunk, article: Article) -> dict[str, Any]:
    """What Chroma stores beside one chunk: what a citation needs, and the article id under the
    keys llama-index's ``ChromaVectorStore`` uses, so libraries written by either read the same."""
    return {
        "article_id": article.id,
        "title": article.title,
        "url": article.url or "",
        "published": article.published.isoformat() if article.published else "",
        "published_day": article.published.toordinal() if article.published else 0,
        "source": article.source,
        "start": chunk.start,
        "end": chunk.end,
        "index": chunk.index,
        "document_id": article.id,
        "doc_id": article.id,
        "ref_doc_id": article.id,
    }


def passage_from_record(chunk_id: str, text: str, meta: Mapping[str, Any], score: float) -> Passage:
    """A ``Passage`` from one Chroma record (its id, document and metadata)."""
    published = meta.get("published") or None
    return Passage(
        chunk_id=chunk_id,
        article_id=str(meta["article_id"]),
        text=text,
        start=int(meta["start"]),
        end=int(meta["end"]),
        title=str(meta.get("title", "")),
        url=str(meta.get("url") or "") or None,
        published=date.fromisoformat(str(published)) if published else None,
        source=str(meta.get("source", "")),
        score=score,
    )


def open_chroma_client(path: Path | None, host: str | None, port: int) -> Any:
    """An embedded (on-disk) Chroma client, or an HTTP client when ``host`` is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if host:
            return chromadb.HttpClient(host=host, port=port, settings=settings)
        assert path is not None
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=settings)
    except Exception as exc:  # chromadb raises plain ValueError/ConnectionError here
        where = f"the Chroma server at {host}:{port}" if host else f"the Chroma store in {path}"
        hint = "Is `chroma run` running there?" if host else "Check the data dir is writable."
        raise StoreUnavailable(f"Cannot open {where}: {exc}. {hint}") from exc


F = TypeVar("F", bound=Callable[..., Any])
SERVER_HINT = "Is the Chroma server running? The assistant reconnects by itself once it is back."


def guarded(method: F) -> F:
    """Turn a failure of Chroma (a server gone, a disk error) into a ``StoreUnavailable`` that
    names ``self.where`` and says ``self.hint``."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except AssistantError:
            raise
        except Exception as exc:
            raise StoreUnavailable(f"{self.where} failed: {type(exc).__name__}: {exc}. {self.hint}") from exc

    return wrapper  # type: ignore[return-value]


class ChunkStore:
    """Chunks with embeddings in one Chroma collection, tied to one embedding model."""

    def __init__(
        self,
        client: Any,
        collection: str,
        model_id: str,
        dimension: int,
        where: str = "Chroma",
        adopt: Callable[[str], bool] | None = None,
        search_ef: int = 800,
    ) -> None:
        """Open (or create) ``collection``, tied to ``model_id``, searched ``search_ef`` wide.

        A library built with another model raises ``EmbeddingMismatch``, unless ``adopt``
        accepts the stored model (the same model at another precision): then the library
        keeps its own.
        """
        self.client = client
        self.where = where
        self.hint = SERVER_HINT if "server" in where else "Check that the data dir is readable and writable."
        self.model_id = model_id
        self.dimension = dimension
        try:
            self.collection = client.get_or_create_collection(
                name=collection,
                metadata={"embed_model": model_id, "embed_dim": dimension, "hnsw:space": "cosine"},
            )
        except Exception as exc:
            raise StoreUnavailable(f"Cannot open the Chroma collection {collection!r}: {exc}") from exc
        stored = self.collection.metadata or {}
        built_with, built_dim = str(stored.get("embed_model")), int(stored.get("embed_dim", 0))
        if built_with != model_id and built_dim == dimension and adopt is not None and adopt(built_with):
            log.warning(
                "This library was built with %s, not %s: its questions are embedded the same way "
                "(embed.quantize applies to new libraries).",
                built_with,
                model_id,
            )
            self.model_id = model_id = built_with
        if built_with != model_id or built_dim != dimension:
            raise EmbeddingMismatch(
                f"This library was built with the embedding model {stored.get('embed_model')!r} "
                f"({stored.get('embed_dim')} dimensions), but {model_id!r} ({dimension} dimensions) "
                f"is configured. Set {settings_for(built_with)} to open it, or use a new --data-dir "
                "(or collection) and ingest again."
            )
        self._search_wide(search_ef)

    def _search_wide(self, ef: int) -> None:
        """Search the HNSW graph ``ef`` wide: a narrower search misses some of the nearest chunks,
        and which ones depends on how the graph was rebuilt on opening."""
        try:
            hnsw = (self.collection.configuration or {}).get("hnsw") or {}
            if hnsw.get("ef_search") != ef:
                self.collection.modify(configuration={"hnsw": {"ef_search": ef}})
        except Exception as exc:  # an older server, a read-only store: its default still works
            log.warning("Could not set the vector search width (ef_search=%d): %s", ef, exc)

    @guarded
    def count(self) -> int:
        return int(self.collection.count())

    @guarded
    def put_articles(
        self,
        items: Sequence[tuple[Article, Sequence[Chunk], Sequence[list[float]]]],
        replace: Sequence[str] = (),
    ) -> None:
        """Add several articles' chunks in one write; those in ``replace`` lose their old chunks first."""
        for article_id in replace:
            self.delete_article(article_id)
        rows = [
            (c.id, c.text, chunk_metadata(c, article), list(e))
            for article, chunks, embeddings in items
            for c, e in zip(chunks, embeddings, strict=True)
        ]
        step = max(1, int(self.client.get_max_batch_size()))
        for at in range(0, len(rows), step):
            ids, texts, metas, vectors = zip(*rows[at : at + step], strict=True)
            self.collection.add(
                ids=list(ids), documents=list(texts), metadatas=list(metas), embeddings=list(vectors)
            )

    @guarded
    def delete_article(self, article_id: str) -> None:
        self.collection.delete(where={"document_id": article_id})

    @guarded
    def query(self, embedding: list[float], top_k: int, filters: Filters | None = None) -> list[Passage]:
        """The ``top_k`` chunks nearest to ``embedding``; ``score`` is the cosine similarity.

        (Chroma returns what there is when asked for more than it holds; counting first cost
        more than the query itself at a million chunks: a full count each time.)"""
        result = self.collection.query(
            query_embeddings=[embedding],
            n_results=max(1, top_k),
            where=filters.to_where() if filters else None,
            include=["documents", "metadatas", "distances"],
        )
        rows = zip(
            result["ids"][0],
            result["documents"][0],
            result["metadatas"][0],
            result["distances"][0],
            strict=True,
        )
        # The collection is in cosine space: distance = 1 - cosine.
        return [passage_from_record(i, text or "", meta, 1.0 - float(d)) for i, text, meta, d in rows]

    @guarded
    def passages(self, chunk_ids: Sequence[str], scores: Sequence[float]) -> list[Passage]:
        """The chunks ``chunk_ids`` as passages scored ``scores``, in that order (missing ones left out)."""
        if not chunk_ids:
            return []
        got = self.collection.get(ids=list(chunk_ids), include=["documents", "metadatas"])
        found = {i: (t, m) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)}
        return [
            passage_from_record(i, found[i][0] or "", found[i][1], float(s))
            for i, s in zip(chunk_ids, scores, strict=True)
            if i in found
        ]

    @guarded
    def _get(self, **kwargs: Any) -> Any:
        return self.collection.get(include=["documents", "metadatas"], **kwargs)

    def records(
        self,
        article_ids: Sequence[str] | None = None,
        chunk_ids: Sequence[str] | None = None,
        batch: int = 5000,
    ) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
        """``(chunk id, text, metadata)`` of every stored chunk, of the articles ``article_ids``,
        or of the chunks ``chunk_ids``."""
        if chunk_ids is not None:
            wanted = list(chunk_ids)
            for i in range(0, len(wanted), batch):
                got = self._get(ids=wanted[i : i + batch])
                yield from zip(got["ids"], got["documents"], got["metadatas"], strict=True)
            return
        if article_ids is not None:
            ids = list(article_ids)
            for i in range(0, len(ids), 200):
                got = self._get(where={"article_id": {"$in": ids[i : i + 200]}})
                yield from zip(got["ids"], got["documents"], got["metadatas"], strict=True)
            return
        for offset in range(0, self.count(), batch):
            got = self._get(limit=batch, offset=offset)
            yield from zip(got["ids"], got["documents"], got["metadatas"], strict=True)

    @guarded
    def chunk_counts(self) -> dict[str, int]:
        """Stored chunks per article id."""
        counts: dict[str, int] = {}
        batch = 20000
        for offset in range(0, self.count(), batch):
            got = self.collection.get(include=["metadatas"], limit=batch, offset=offset)
            for meta in got["metadatas"]:
                counts[meta["article_id"]] = counts.get(meta["article_id"], 0) + 1
        return counts
