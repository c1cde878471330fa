"""Hybrid retrieval: dense (Chroma) and keyword (BM25) rankings fused by weighted RRF.

Reciprocal rank fusion needs no score calibration between the two retrievers, which
matters because cosine similarities and BM25 scores live on unrelated scales. Each fused
passage keeps its rank in either list, so the answer step can tell how it was found.

News is about a moment, so time is a third signal: given the question's date ("now") and
optionally a window the question names ("this week"), each candidate gains up to one
top-rank's worth of score for being published inside the window or recently before "now",
decaying with a half-life. It re-ranks candidates; it never removes any.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .catalog import Catalog
from .embedding import Embedder
from .keyword import KeywordIndex
from .models import Passage
from .store import ChunkStore, Filters

__all__ = ["HybridRetriever", "TimeSignal"]


@dataclass(frozen=True)
class TimeSignal:
    """Prefer passages published in ``[since, until]`` or, failing a window, close before ``now``."""

    now: date
    since: date | None = None
    until: date | None = None
    half_life_days: float = 14.0
    weight: float = 1.0

    def closeness(self, published: date | None) -> float:
        """1.0 inside the window (or published on ``now``), halving every ``half_life_days`` away."""
        if published is None or self.weight <= 0:
            return 0.0
        if self.since or self.until:
            if published < (self.since or date.min):
                distance = (self.since or date.min) - published
            elif published > (self.until or self.now):
                distance = published - (self.until or self.now)
            else:
                return 1.0
            days = distance.days
        else:
            days = (self.now - published).days
            if days < 0:  # reported after "now": not what the question is about
                return 0.0
        return float(0.5 ** (days / self.half_life_days))


class HybridRetriever:
    """Dense + BM25 retrieval with filters, fused by reciprocal rank."""

    def __init__(
        self,
        store: ChunkStore,
        keyword: KeywordIndex,
        embedder: Embedder,
        catalog: Catalog,
        candidates: int = 30,
        rrf_k: int = 60,
        dense_weight: float = 1.0,
        keyword_weight: float = 1.0,
    ) -> None:
        self.store = store
        self.keyword = keyword
        self.embedder = embedder
        self.catalog = catalog
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.dense_weight = dense_weight
        self.keyword_weight = keyword_weight

    def dense(self, query: str, top_k: int, filters: Filters | None = None) -> list[Passage]:
        vector = self.embedder.embed([query])[0]
        return self.store.query(vector, top_k, filters)

    def sparse(self, query: str, top_k: int, filters: Filters | None = None) -> list[Passage]:
        return self.keyword.search(query, top_k, self.catalog.generation(), filters)

    def retrieve(
        self,
        query: str,
        top_k: int = 8,
        filters: Filters | None = None,
        time: TimeSignal | None = None,
    ) -> list[Passage]:
        """The ``top_k`` passages for ``query``; ``score`` is the fused RRF score."""
        dense = self.dense(query, self.candidates, filters)
        sparse = self.sparse(query, self.candidates, filters)
        fused: dict[str, float] = {}
        by_id: dict[str, Passage] = {}
        for rank, p in enumerate(dense, start=1):
            fused[p.chunk_id] = fused.get(p.chunk_id, 0.0) + self.dense_weight / (self.rrf_k + rank)
            by_id[p.chunk_id] = replace(p, dense_rank=rank)
        for rank, p in enumerate(sparse, start=1):
            fused[p.chunk_id] = fused.get(p.chunk_id, 0.0) + self.keyword_weight / (self.rrf_k + rank)
            seen = by_id.get(p.chunk_id)
            by_id[p.chunk_id] = replace(seen or p, keyword_rank=rank)
        if time is not None:
            top = time.weight / (self.rrf_k + 1)
            for cid, passage in by_id.items():
                fused[cid] += top * time.closeness(passage.published)
        order = sorted(fused, key=lambda cid: fused[cid], reverse=True)[:top_k]
        return [replace(by_id[cid], score=fused[cid]) for cid in order]
