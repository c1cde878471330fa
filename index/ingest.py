"""Ingestion: inputs → articles → chunks → batched embeddings → Chroma + catalog.

Idempotent by construction: an article whose content hash is already in the catalog is
skipped without embedding; a changed article has all its old chunks deleted before the new
ones are added; the catalog row is written last, inside the catalog's ``writing()`` mark,
so an interrupted run is completed by running it again (``reconcile`` repairs what it left).
The caller holds the library lock (``index.library``): one ingest at a time.

News-aware on the way in: a near-copy of a stored article (the same wire story from another
outlet) is recorded against the stored one instead of being embedded again, and each
article's quotes and speakers are found once here, not at every question.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from .catalog import Catalog
from .chunking import chunk_article
from .duplicates import DuplicateIndex, signature
from .embedding import Embedder
from .models import Article, Chunk, Duplicate, IngestFailure, IngestReport, Quote
from .quotes import find_quotes
from .read import Fetcher, Item, ReadLimits, iter_inputs
from .read.web import PublicOnly
from .sentences import sentence_spans
from .store import ChunkStore

__all__ = [
    "IngestProgress",
    "Ingestion",
    "PendingArticle",
    "ProgressCallback",
    "backfill",
    "embedding_text",
    "reconcile",
]


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


@dataclass(frozen=True)
class PendingArticle:
    """An article read and chunked, waiting for its batch to be embedded and written."""

    article: Article
    chunks: list[Chunk]
    replaces: bool  # an older version is stored: its chunks are deleted first
    quotes: list[Quote]
    signature: np.ndarray | None
    # Each chunk's embedding input as token ids, when the embedder takes them (None: text).
    token_ids: list[list[int]] | None = None


@dataclass
class _Batch:
    """Articles sent to the encoder together, with the near-copies of them found meanwhile."""

    articles: list[PendingArticle]
    copies: list[Duplicate]
    vectors: Future[list[list[float]]]


class SentenceTokens:
    """An article's sentences tokenised once: their counts size the chunks, and their ids,
    joined under the headline's, are what the embedding model reads for each chunk. The
    tokenizer splits text at spaces before anything else, so joined ids are the ids of the
    joined text (a test compares them on real news)."""

    def __init__(self, embedder: Embedder, article: Article) -> None:
        self.embedder = embedder
        self.article = article
        self.texts = [article.text[s:e] for s, e in article.sentences]
        ids = embedder.token_ids([article.title, *self.texts])
        self.title: list[int] = ids[0] if ids is not None else []
        self.ids: list[list[int]] | None = ids[1:] if ids is not None else None

    def count(self, texts: Sequence[str]) -> list[int]:
        """Token counts for the chunker: the sentences' own, anything else counted anew."""
        if self.ids is not None and list(texts) == self.texts:
            return [len(ids) for ids in self.ids]
        return self.embedder.count_tokens(texts)

    def of_chunks(self, chunks: Sequence[Chunk]) -> list[list[int]] | None:
        """Each chunk's ids under its headline's; None when the embedder takes text, or when a
        chunk does not start and end on sentence bounds (a sentence too long cut in pieces)."""
        if self.ids is None:
            return None
        spans = self.article.sentences
        first = {start: i for i, (start, _) in enumerate(spans)}
        out = []
        for chunk in chunks:
            i = first.get(chunk.start)
            if i is None:
                return None
            j = i
            while j < len(spans) and spans[j][1] <= chunk.end:
                j += 1
            if j == i or spans[j - 1][1] != chunk.end:
                return None
            out.append([*self.title, *(t for ids in self.ids[i:j] for t in ids)])
        return out


class Ingestion:
    """One ingest run: read inputs, skip what is stored, fold near-copies, chunk, embed in
    batches of about ``batch_chunks`` chunks, write each batch to the store, then the catalog.

    The encoder works on one batch in a thread of its own while the next is read, split,
    tokenised and the batch before is written, so the model is never left waiting; writes stay
    in this thread and in order (a batch's chunks, then its catalog rows).

    Near-copies (estimated shingle Jaccard >= ``duplicate_threshold``) of stored articles are
    recorded against them, not stored; ``None`` keeps every copy.
    """

    def __init__(
        self,
        catalog: Catalog,
        store: ChunkStore,
        embedder: Embedder,
        max_tokens: int = 200,
        batch_chunks: int = 64,
        duplicate_threshold: float | None = 0.6,
        progress: ProgressCallback | None = None,
        limits: ReadLimits | None = None,
        guard: PublicOnly | None = None,
    ) -> None:
        self.catalog = catalog
        self.limits = limits or ReadLimits()
        self.guard = guard  # URLs: only public addresses, unless it allows others
        self.store = store
        self.embedder = embedder
        self.window = min(max_tokens, embedder.max_tokens - 24)
        self.batch_chunks = batch_chunks
        self.duplicate_threshold = duplicate_threshold
        self.progress = progress
        self.report = IngestReport()
        self.started = time.perf_counter()
        self.current = ""
        self.seen: set[str] = set()
        self.pending: list[PendingArticle] = []
        self.copies_found: list[Duplicate] = []
        self._copies: DuplicateIndex | None = None  # built on the first article read: re-ingests skip it
        self._encoder: ThreadPoolExecutor | None = None
        self._encoding: _Batch | None = None  # sent to the encoder, written once its vectors are back

    def run(self, inputs: Iterable[str | os.PathLike[str]]) -> IngestReport:
        reconcile(self.catalog, self.store)
        backfill(self.catalog)
        fetcher = Fetcher(known=self._known, guard=self.guard)
        with self.catalog.writing(), ThreadPoolExecutor(1, thread_name_prefix="encode") as self._encoder:
            for origin, item in iter_inputs(inputs, fetcher, self.limits):
                self.current = origin
                self._take(origin, item)
            self._flush()
            self._write_encoded()
        self.report.seconds = time.perf_counter() - self.started
        self._tick()
        return self.report

    def _known(self, article_id: str) -> bool:
        return (
            self.catalog.content_hash(article_id) is not None
            or self.catalog.canonical_of(article_id) is not None
        )

    def _take(self, origin: str, item: Item) -> None:
        if isinstance(item, IngestFailure):
            self.report.failed.append(item)
            self._tick()
            return
        if item.id in self.seen:
            return
        self.seen.add(item.id)
        stored_hash = self.catalog.content_hash(item.id)
        if stored_hash == item.content_hash or (stored_hash is None and self.catalog.canonical_of(item.id)):
            self.report.skipped.append(item.id)
            return
        sig = signature(item.text)
        if self._copies is None and self.duplicate_threshold:
            self._copies = DuplicateIndex(self.catalog.signatures(), self.duplicate_threshold)
        if stored_hash is None and self._copy_of(item, sig):
            return
        item = replace(item, sentences=tuple(sentence_spans(item.text)))  # split once, kept
        tokens = SentenceTokens(self.embedder, item)  # and tokenised once
        chunks = chunk_article(item, max_tokens=self.window, count_tokens=tokens.count)
        if not chunks:
            self.report.failed.append(IngestFailure(origin, "no sentences found in the text"))
            return
        if self._copies is not None and sig is not None:
            self._copies.add(item.id, sig)
        quotes = find_quotes(item.text, sentences=item.sentences)
        self.pending.append(
            PendingArticle(item, chunks, stored_hash is not None, quotes, sig, tokens.of_chunks(chunks))
        )
        if sum(len(p.chunks) for p in self.pending) >= self.batch_chunks:
            self._flush()

    def _copy_of(self, item: Article, sig: np.ndarray | None) -> bool:
        """Record ``item`` as a near-copy of a stored article, if it is one."""
        if sig is None or self._copies is None:
            return False
        match = self._copies.find(item.id, sig)
        if match is None:
            return False
        canonical, similarity = match
        self.copies_found.append(  # recorded once its canonical copy is stored
            Duplicate(item.id, canonical, item.title, item.url, item.source, item.published, similarity)
        )
        return True

    def _flush(self) -> None:
        """Send the pending articles to the encoder, and write the batch sent before them,
        whose vectors were computed while these were read, split and tokenised."""
        self._write_encoded()
        if not self.pending and not self.copies_found:
            return
        if self._encoder is None:
            raise RuntimeError("Ingestion._flush runs inside Ingestion.run()")
        vectors = self._encoder.submit(self._embed, self.pending)
        self._encoding = _Batch(self.pending, self.copies_found, vectors)
        self.pending, self.copies_found = [], []

    def _embed(self, pending: list[PendingArticle]) -> list[list[float]]:
        if all(p.token_ids is not None for p in pending):
            return self.embedder.embed_token_ids([ids for p in pending for ids in p.token_ids or []])
        return self.embedder.embed([embedding_text(p.article, c) for p in pending for c in p.chunks])

    def _write_encoded(self) -> None:
        """Write the batch at the encoder: its chunks to the store, then its catalog rows."""
        batch, self._encoding = self._encoding, None
        if batch is None:
            return
        vectors = batch.vectors.result()
        items, at = [], 0
        for p in batch.articles:
            items.append((p.article, p.chunks, vectors[at : at + len(p.chunks)]))
            at += len(p.chunks)
        # New articles have no chunks to delete: reconcile() removed any a crash left behind.
        if items:
            self.store.put_articles(items, replace=[p.article.id for p in batch.articles if p.replaces])
        for p in batch.articles:
            self.catalog.put(p.article, len(p.chunks), p.quotes, p.signature)
            (self.report.updated if p.replaces else self.report.added).append(p.article.id)
            self.report.chunks += len(p.chunks)
        for copy in batch.copies:  # recorded once their canonical copy is stored
            self.catalog.add_duplicate(copy)
            self.report.duplicates.append(copy)
        self._tick()

    def _tick(self) -> None:
        if self.progress:
            r = self.report
            self.progress(
                IngestProgress(
                    articles=len(r.added) + len(r.updated),
                    chunks=r.chunks,
                    skipped=len(r.skipped),
                    failed=len(r.failed),
                    elapsed=time.perf_counter() - self.started,
                    current=self.current,
                )
            )
