"""The library: one data dir holding the catalog, the Chroma store and the keyword index.

This is the front of the ``index`` package: open a library with an embedder, ingest into
it, list, show and remove articles, and retrieve passages. It holds no answer logic.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .catalog import Catalog
from .embedding import Embedder
from .errors import IndexNotFound
from .ingest import ProgressCallback, ingest, library_lock
from .keyword import KeywordIndex
from .models import Article, ArticleInfo, IngestReport, Passage
from .quotes import speaker_matches
from .retrieve import HybridRetriever, TimeSignal
from .store import ChunkStore, Filters, open_chroma_client

__all__ = ["Library"]


class Library:
    """Articles, their chunks in Chroma, and a BM25 index, under one data dir."""

    def __init__(
        self,
        data_dir: Path,
        embedder: Embedder,
        chroma_host: str | None = None,
        chroma_port: int = 8000,
        collection: str = "articles",
        chunk_tokens: int = 200,
        duplicate_threshold: float | None = 0.6,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.embedder = embedder
        self.chunk_tokens = chunk_tokens
        self.duplicate_threshold = (
            duplicate_threshold if duplicate_threshold and duplicate_threshold < 1 else None
        )
        self.catalog = Catalog(self.data_dir / "catalog.sqlite3")
        client = open_chroma_client(self.data_dir / "chroma", chroma_host, chroma_port)
        where = (
            f"The Chroma server at {chroma_host}:{chroma_port}"
            if chroma_host
            else f"The Chroma store in {self.data_dir / 'chroma'}"
        )
        self.store = ChunkStore(
            client,
            collection,
            embedder.model_id,
            embedder.dimension,
            where,
            adopt=getattr(embedder, "adopt", None),
        )
        suffix = f"-{collection}" if chroma_host else ""
        self.keyword = KeywordIndex(self.data_dir / f"bm25{suffix}", self.store)
        self.retriever = HybridRetriever(self.store, self.keyword, embedder, self.catalog)

    def ingest(
        self, inputs: Iterable[str | os.PathLike[str]], progress: ProgressCallback | None = None
    ) -> IngestReport:
        with library_lock(self.data_dir):
            report = ingest(
                inputs,
                self.catalog,
                self.store,
                self.embedder,
                max_tokens=self.chunk_tokens,
                duplicate_threshold=self.duplicate_threshold,
                progress=progress,
            )
            generation = self.catalog.generation()
            if not self.keyword.is_saved(generation):  # else it loads on the first search
                self.keyword.refresh(generation)
        return report

    def remove(self, article_id: str) -> None:
        with library_lock(self.data_dir):
            if self.catalog.get(article_id) is None:
                raise IndexNotFound(
                    f"No article with id {article_id!r} in the library; `assistant list` shows the ids."
                )
            self.catalog.set_unfinished(True)
            self.store.delete_article(article_id)
            self.catalog.delete(article_id)
            self.catalog.set_unfinished(False)
            self.keyword.refresh(self.catalog.generation())

    def articles(self) -> list[ArticleInfo]:
        return self.catalog.infos()

    def article(self, article_id: str) -> Article:
        article = self.catalog.get(article_id)
        if article is None:
            raise IndexNotFound(
                f"No article with id {article_id!r} in the library; `assistant list` shows the ids."
            )
        return article

    def counts(self) -> tuple[int, int]:
        return self.catalog.counts()

    def retrieve(
        self,
        query: str,
        top_k: int = 8,
        filters: Filters | None = None,
        time: TimeSignal | None = None,
    ) -> list[Passage]:
        return self.retriever.retrieve(query, top_k=top_k, filters=filters, time=time)

    def quoting(self, names: tuple[str, ...]) -> list[str]:
        """Ids of the articles that quote the person ``names`` names ("Muraviev", or first and last)."""
        if not names:
            return []
        rows = self.catalog.speakers(names[-1])
        return sorted({a for a, speaker in rows if speaker_matches(speaker, names)})

    def close(self) -> None:
        self.catalog.close()
