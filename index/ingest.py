"""Ingestion: inputs → articles → chunks → batched embeddings → Chroma + catalog.

Idempotent by construction: an article whose content hash is already in the catalog is
skipped without embedding; a changed article has all its old chunks deleted before the new
ones are added; the catalog row is written last, so an interrupted run is completed by
running it again. Only one process ingests into a library at a time (a lock file).

News-aware on the way in: a near-copy of a stored article (the same wire story from another
outlet) is recorded against the stored one instead of being embedded again, and each
article's quotes and speakers are found once here, not at every question.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog
from .chunking import chunk_article
from .duplicates import DuplicateIndex, signature
from .embedding import Embedder
from .errors import AssistantError
from .fetch import Fetcher
from .models import Article, Chunk, Duplicate, IngestFailure, IngestReport, Quote
from .quotes import find_quotes
from .sources import iter_inputs
from .store import ChunkStore

__all__ = ["IngestProgress", "LibraryBusy", "backfill", "ingest", "library_lock", "reconcile"]


class LibraryBusy(AssistantError):
    """Another process is ingesting into the same library."""


@dataclass(frozen=True)
class IngestProgress:
    """Where an ingest run is: counts so far, and the input being read."""

    articles: int
    chunks: int
    skipped: int
    failed: int
    elapsed: float
    current: str


ProgressCallback = Callable[[IngestProgress], None]


@contextmanager
def library_lock(data_dir: Path) -> Iterator[None]:
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


def reconcile(catalog: Catalog, store: ChunkStore) -> tuple[int, int]:
    """Repair what an interrupted run left: chunks of articles the catalog does not know are
    deleted, and an article whose stored chunks do not match the catalog is marked so the next
    ingest rewrites it. Returns (orphan articles removed, articles marked).

    Every run that writes marks the catalog unfinished until it is done, so when no mark is
    left and the chunk totals agree there is nothing to repair, and re-ingesting an unchanged
    library does not read every chunk's metadata back from the store.
    """
    if not catalog.unfinished() and store.count() == catalog.counts()[1]:
        return 0, 0
    stored = store.chunk_counts()
    known = catalog.chunk_counts()
    orphans = [a for a in stored if a not in known]
    for article_id in orphans:
        store.delete_article(article_id)
    broken = [a for a, n in known.items() if stored.get(a, 0) != n]
    for article_id in broken:
        catalog.invalidate(article_id)
    return len(orphans), len(broken)


def backfill(catalog: Catalog) -> int:
    """Find quotes and signatures for articles stored before the catalog kept them."""
    missing = catalog.without_features()
    for article_id in missing:
        article = catalog.get(article_id)
        if article is not None:
            catalog.put_features(article_id, find_quotes(article.text), signature(article.text))
    return len(missing)


def embedding_text(article: Article, chunk: Chunk) -> str:
    """What the embedding model sees: the headline gives each chunk its topic."""
    return f"{article.title}\n{chunk.text}"


def ingest(
    inputs: Iterable[str | os.PathLike[str]],
    catalog: Catalog,
    store: ChunkStore,
    embedder: Embedder,
    max_tokens: int = 200,
    batch_chunks: int = 64,
    progress: ProgressCallback | None = None,
    duplicate_threshold: float | None = 0.6,
) -> IngestReport:
    """Ingest ``inputs``; near-copies (estimated shingle Jaccard >= ``duplicate_threshold``) of
    stored articles are recorded, not stored (``None`` keeps every copy)."""
    report = IngestReport()
    started = time.perf_counter()
    reconcile(catalog, store)
    backfill(catalog)
    copies: DuplicateIndex | None = None  # built on the first new article: re-ingests never need it
    seen: set[str] = set()
    pending: list[tuple[Article, list[Chunk], bool, list[Quote], object]] = []
    pending_chunks = 0
    copies_found: list[Duplicate] = []
    current = ""

    def tick() -> None:
        if progress:
            progress(
                IngestProgress(
                    articles=len(report.added) + len(report.updated),
                    chunks=report.chunks,
                    skipped=len(report.skipped),
                    failed=len(report.failed),
                    elapsed=time.perf_counter() - started,
                    current=current,
                )
            )

    def flush() -> None:
        nonlocal pending, pending_chunks, copies_found
        if not pending and not copies_found:
            return
        texts = [embedding_text(a, c) for a, chunks, *_ in pending for c in chunks]
        vectors = embedder.embed(texts)
        items, at = [], 0
        for article, chunks, *_ in pending:
            items.append((article, chunks, vectors[at : at + len(chunks)]))
            at += len(chunks)
        # New articles have no chunks to delete: reconcile() removed any a crash left behind.
        if not catalog.unfinished():
            catalog.set_unfinished(True)
        store.put_articles(items, replace=[a.id for a, _, existed, *_ in pending if existed])
        for article, chunks, existed, quotes, sig in pending:
            catalog.put(article, len(chunks), quotes, sig)  # type: ignore[arg-type]
            (report.updated if existed else report.added).append(article.id)
            report.chunks += len(chunks)
        for copy in copies_found:
            catalog.add_duplicate(copy)
            report.duplicates.append(copy)
        pending, pending_chunks, copies_found = [], 0, []
        tick()

    window = min(max_tokens, embedder.max_tokens - 24)
    fetcher = Fetcher(
        known=lambda article_id: (
            catalog.content_hash(article_id) is not None or catalog.canonical_of(article_id) is not None
        )
    )
    for origin, item in iter_inputs(inputs, fetcher):
        current = origin
        if isinstance(item, IngestFailure):
            report.failed.append(item)
            tick()
            continue
        if item.id in seen:
            continue
        seen.add(item.id)
        stored_hash = catalog.content_hash(item.id)
        if stored_hash == item.content_hash or (stored_hash is None and catalog.canonical_of(item.id)):
            report.skipped.append(item.id)
            continue
        sig = signature(item.text)
        if copies is None and duplicate_threshold:
            copies = DuplicateIndex(catalog.signatures(), duplicate_threshold)
        if copies is not None and sig is not None and stored_hash is None:
            match = copies.find(item.id, sig)
            if match is not None:
                copy = Duplicate(
                    item.id, match[0], item.title, item.url, item.source, item.published, match[1]
                )
                copies_found.append(copy)  # recorded once its canonical copy is stored
                continue
        chunks = chunk_article(item, max_tokens=window, count_tokens=embedder.count_tokens)
        if not chunks:
            report.failed.append(IngestFailure(origin, "no sentences found in the text"))
            continue
        if copies is not None and sig is not None:
            copies.add(item.id, sig)
        pending.append((item, chunks, stored_hash is not None, find_quotes(item.text), sig))
        pending_chunks += len(chunks)
        if pending_chunks >= batch_chunks:
            flush()
    flush()
    if catalog.unfinished():  # everything written (or repaired) is in the catalog now
        catalog.set_unfinished(False)
    report.seconds = time.perf_counter() - started
    tick()
    return report
