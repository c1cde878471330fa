"""The library: one data dir holding the catalog, the Chroma store and the keyword index.

This is the front of the ``index`` package: open a library with an embedder, ingest into
it, list, show and remove articles, and retrieve passages. It holds no answer logic. It
owns the library lock (one writer at a time, across processes) and keeps the keyword index
in step with the catalog after every write. With a Chroma server the catalog is shared
(``index.shared``): the lock is held in the store and every read first takes in what other
app servers changed.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date
from pathlib import Path

from .catalog import Catalog
from .embedding import Embedder
from .errors import IndexNotFound, LibraryBusy
from .ingest import Ingestion, ProgressCallback
from .keyword import KeywordIndex
from .models import Article, ArticleInfo, IngestReport, Passage
from .read import ReadLimits
from .read.web import PublicOnly
from .retrieve import Retriever, Search
from .shared import SharedCatalog
from .store import ChunkStore, open_chroma_client

__all__ = ["Library", "library_lock"]


@contextmanager
def library_lock(data_dir: Path) -> Iterator[None]:
    """Hold the library's write lock, or raise ``LibraryBusy`` at once if another process does."""
    data_dir.mkdir(parents=True, exist_ok=True)
    handle = open(data_dir / ".ingest.lock", "w")  # noqa: SIM115 - held for the whole block
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise LibraryBusy(
                f"The library in {data_dir} is busy: another process is ingesting into it. "
                "Wait for it to finish, then try again."
            ) from exc
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


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
        candidates: int = 30,
        search_ef: int = 800,
        limits: ReadLimits | None = None,
        lease_s: float = 30.0,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.limits = limits or ReadLimits()
        self.embedder = embedder
        self.chunk_tokens = chunk_tokens
        self.duplicate_threshold = (
            duplicate_threshold if duplicate_threshold and duplicate_threshold < 1 else None
        )
        client = open_chroma_client(self.data_dir / "chroma", chroma_host, chroma_port)
        self.chroma = client  # (the assistant keeps shared conversations there too)
        where = (
            f"The Chroma server at {chroma_host}:{chroma_port}"
            if chroma_host
            else f"The Chroma store in {self.data_dir / 'chroma'}"
        )
        path = self.data_dir / "catalog.sqlite3"
        server = f"the Chroma server at {chroma_host}:{chroma_port}"
        self.catalog: Catalog
        if chroma_host:
            self.catalog = SharedCatalog(path, client, f"{collection}-library", server, lease_s)
        else:
            self.catalog = Catalog(path)
        self.store = ChunkStore(
            client,
            collection,
            embedder.model_id,
            embedder.dimension,
            where,
            adopt=embedder.adopt,
            search_ef=search_ef,
        )
        suffix = f"-{collection}" if chroma_host else ""
        self.keyword = KeywordIndex(self.data_dir / f"bm25{suffix}", self.store, self.catalog.versions)
        self.retriever = Retriever(self.store, self.keyword, embedder, self.catalog, candidates=candidates)

    def ingest(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        progress: ProgressCallback | None = None,
        guard: PublicOnly | None = None,
    ) -> IngestReport:
        """Add ``inputs``; ``guard`` limits the URLs fetched to public addresses (the browser's)."""
        with library_lock(self.data_dir), self._shared_lock():
            run = Ingestion(
                self.catalog,
                self.store,
                self.embedder,
                max_tokens=self.chunk_tokens,
                duplicate_threshold=self.duplicate_threshold,
                progress=progress,
                limits=self.limits,
                guard=guard,
            )
            report = run.run(inputs)
            generation = self.catalog.generation()
            if not self.keyword.is_saved(generation):  # else it loads on the first search
                self.keyword.refresh(generation)
        return report

    def _shared_lock(self) -> AbstractContextManager[None]:
        """With a Chroma server, the ingest lock every app server on it respects (after catching up)."""
        return self.catalog.ingest_lock() if isinstance(self.catalog, SharedCatalog) else nullcontext()

    def follow(self) -> None:
        """With a Chroma server, take in what other app servers changed (checked at most once a second)."""
        if isinstance(self.catalog, SharedCatalog):
            self.catalog.follow()

    def remove(self, article_id: str) -> None:
        with library_lock(self.data_dir), self._shared_lock():
            self.article(article_id)  # IndexNotFound for an unknown id
            with self.catalog.writing():
                self.store.delete_article(article_id)
                self.catalog.delete(article_id)
            self.keyword.refresh(self.catalog.generation())

    def articles(self, ids: Sequence[str] | None = None) -> list[ArticleInfo]:
        """Every article's listing, or those of ``ids``, newest first."""
        self.follow()
        return self.catalog.infos(ids)

    def newest(self, until: date) -> date | None:
        """The latest publication date in the library on or before ``until`` (None: none dated)."""
        self.follow()
        return self.catalog.newest(until)

    def article(self, article_id: str) -> Article:
        article = self.catalog.get(article_id)
        if article is None:
            raise IndexNotFound(
                f"No article with id {article_id!r} in the library; `assistant list` shows the ids."
            )
        return article

    def counts(self) -> tuple[int, int]:
        self.follow()
        return self.catalog.counts()

    def retrieve(self, search: Search | str, top_k: int = 8) -> list[Passage]:
        """The passages for ``search`` (a plain string searches the whole library, no time signal)."""
        if isinstance(search, str):
            search = Search(search, top_k=top_k)
        self.follow()
        return self.retriever.retrieve(search)

    def close(self) -> None:
        self.catalog.close()
