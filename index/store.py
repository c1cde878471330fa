"""The vector store: a Chroma collection, embedded on disk or on a Chroma server.

Chunks are stored as llama-index ``TextNode``s through ``ChromaVectorStore`` with their
article metadata (title, url, published date, source, offsets). The collection records
which embedding model and dimension built it; opening it with another model raises
``EmbeddingMismatch`` instead of silently returning nonsense neighbours.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from .errors import AssistantError, EmbeddingMismatch, StoreUnavailable
from .models import Article, Chunk, Passage

__all__ = ["ChunkStore", "Filters", "chunk_node", "open_chroma_client"]

log = logging.getLogger(__name__)

_EMBED_ONLY_TITLE = [
    "article_id",
    "url",
    "published",
    "published_day",
    "source",
    "start",
    "end",
    "index",
]


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to some sources, articles, or a published-date range (inclusive)."""

    sources: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def __bool__(self) -> bool:
        return bool(self.sources or self.article_ids or self.since or self.until)

    def to_llama(self) -> Any:
        from llama_index.core.vector_stores.types import (
            FilterOperator,
            MetadataFilter,
            MetadataFilters,
        )

        parts = []
        if self.sources:
            parts.append(MetadataFilter(key="source", value=list(self.sources), operator=FilterOperator.IN))
        if self.article_ids:
            parts.append(
                MetadataFilter(key="article_id", value=list(self.article_ids), operator=FilterOperator.IN)
            )
        if self.since or self.until:
            # Undated articles are stored as day 0: a date range never matches them.
            first = self.since.toordinal() if self.since else 1
            parts.append(MetadataFilter(key="published_day", value=first, operator=FilterOperator.GTE))
        if self.until:
            parts.append(
                MetadataFilter(key="published_day", value=self.until.toordinal(), operator=FilterOperator.LTE)
            )
        return MetadataFilters(filters=parts) if parts else None


def chunk_node(chunk: Chunk, article: Article, embedding: list[float] | None = None) -> Any:
    """The llama-index node for one chunk, carrying what a citation needs."""
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    return TextNode(
        id_=chunk.id,
        text=chunk.text,
        embedding=embedding,
        metadata={
            "article_id": article.id,
            "title": article.title,
            "url": article.url or "",
            "published": article.published.isoformat() if article.published else "",
            "published_day": article.published.toordinal() if article.published else 0,
            "source": article.source,
            "start": chunk.start,
            "end": chunk.end,
            "index": chunk.index,
        },
        excluded_embed_metadata_keys=list(_EMBED_ONLY_TITLE),
        excluded_llm_metadata_keys=list(_EMBED_ONLY_TITLE),
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article.id)},
    )


def passage_from_node(node: Any, score: float) -> Passage:
    meta = node.metadata
    published = meta.get("published") or None
    return Passage(
        chunk_id=node.node_id,
        article_id=meta["article_id"],
        text=node.get_content(),
        start=int(meta["start"]),
        end=int(meta["end"]),
        title=meta.get("title", ""),
        url=meta.get("url") or None,
        published=date.fromisoformat(published) if published else None,
        source=meta.get("source", ""),
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


def _guarded(method: F) -> F:
    """Turn a failure of Chroma (a server gone, a disk error) into a ``StoreUnavailable``."""

    @functools.wraps(method)
    def wrapper(self: ChunkStore, *args: Any, **kwargs: Any) -> Any:
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
    ) -> None:
        """Open (or create) ``collection``, tied to ``model_id``.

        A library built with another model raises ``EmbeddingMismatch``, unless ``adopt``
        accepts the stored model (the same model at another precision): then the library
        keeps its own.
        """
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.client = client
        self.where = where
        self.hint = (
            "Is the Chroma server running? The assistant reconnects by itself once it is back."
            if "server" in where
            else "Check that the data dir is readable and writable."
        )
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
                "is configured. Set embed.model back to the model that built it "
                "(ASSISTANT_EMBED__MODEL), or use a new --data-dir (or collection) and ingest again."
            )
        self.vectors = ChromaVectorStore(chroma_collection=self.collection)

    @_guarded
    def count(self) -> int:
        return int(self.collection.count())

    @_guarded
    def put_articles(
        self,
        items: Sequence[tuple[Article, Sequence[Chunk], Sequence[list[float]]]],
        replace: Sequence[str] = (),
    ) -> None:
        """Add several articles' chunks in one write; those in ``replace`` lose their old chunks first."""
        for article_id in replace:
            self.delete_article(article_id)
        nodes = [
            chunk_node(c, article, e)
            for article, chunks, embeddings in items
            for c, e in zip(chunks, embeddings, strict=True)
        ]
        if nodes:
            self.vectors.add(nodes)

    @_guarded
    def delete_article(self, article_id: str) -> None:
        self.vectors.delete(article_id)

    @_guarded
    def query(self, embedding: list[float], top_k: int, filters: Filters | None = None) -> list[Passage]:
        from llama_index.core.vector_stores.types import VectorStoreQuery

        stored = self.count()
        if stored == 0:
            return []
        top_k = max(1, min(top_k, stored))
        result = self.vectors.query(
            VectorStoreQuery(
                query_embedding=embedding,
                similarity_top_k=top_k,
                filters=filters.to_llama() if filters else None,
            )
        )
        passages = []
        for node, similarity in zip(result.nodes or [], result.similarities or [], strict=False):
            # ChromaVectorStore reports exp(-distance); with cosine space that is exp(cos - 1).
            cosine = 1.0 + math.log(max(similarity, 1e-12))
            passages.append(passage_from_node(node, cosine))
        return passages

    @_guarded
    def chunk_counts(self) -> dict[str, int]:
        """Stored chunks per article id."""
        counts: dict[str, int] = {}
        batch = 20000
        for offset in range(0, self.count(), batch):
            got = self.collection.get(include=["metadatas"], limit=batch, offset=offset)
            for meta in got["metadatas"]:
                counts[meta["article_id"]] = counts.get(meta["article_id"], 0) + 1
        return counts

    @_guarded
    def all_nodes(self) -> list[Any]:
        """Every stored chunk as a node (text and metadata, no embeddings)."""
        from llama_index.core.vector_stores.utils import metadata_dict_to_node

        nodes = []
        total = self.count()
        batch = 5000
        for offset in range(0, total, batch):
            got = self.collection.get(include=["documents", "metadatas"], limit=batch, offset=offset)
            for text, meta in zip(got["documents"], got["metadatas"], strict=True):
                nodes.append(metadata_dict_to_node(meta, text=text))
        return nodes
