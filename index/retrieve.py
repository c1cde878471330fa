"""Hybrid retrieval: dense (Chroma) and keyword (BM25) rankings fused by weighted RRF.

Reciprocal rank fusion needs no score calibration between the two retrievers, which
matters because cosine similarities and BM25 scores live on unrelated scales. Each fused
passage keeps its rank in either list, so the answer step can tell how it was found.

News is about a moment, so time is a third signal: given the question's date ("now") and
optionally a window the question names ("this week"), each candidate gains score for being
published inside the window or close to "now", decaying with a half-life, and a named
window is searched on its own as well. It re-ranks candidates; it never removes any.
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
    """Prefer passages published in ``[since, until]`` or, failing a window, close to ``now``."""

    now: date
    since: date | None = None
    until: date | None = None
    half_life_days: float = 14.0
    weight: float = 1.0

    def closeness(self, published: date | None) -> float:
        """1.0 inside the window (or on ``now``), halving every ``half_life_days`` away from it."""
        if published is None or self.weight <= 0:
            return 0.0
        if self.since or self.until:
            if published < (self.since or date.min):
                days = ((self.since or date.min) - published).days
            elif published > (self.until or self.now):
                days = (published - (self.until or self.now)).days
            else:
                return 1.0
        else:
            days = abs((self.now - published).days)
        return float(0.5 ** (days / self.half_life_days))

    def window(self) -> tuple[date, date] | None:
        """The window the question named, searched on its own; None when it named none."""
        if self.since or self.until:
            return self.since or date.min, self.until or self.now
        return None


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
        """The ``top_k`` passages for ``query``; ``score`` is the fused score.

        With a ``time`` signal each candidate gains up to ``time.weight`` of a top rank's score
        by its closeness in time. When the question names a window ("this week"), the dense
        and keyword searches also run inside it and are fused with the library-wide ones, so
        the best passages of that time compete even when older reporting dominates.
        """
        vector = self.embedder.embed([query])[0]
        runs = [
            ("dense", self.dense_weight, self.store.query(vector, self.candidates, filters)),
            ("keyword", self.keyword_weight, self.sparse(query, self.candidates, filters)),
        ]
        window = time.window() if time is not None and time.weight > 0 else None
        if time is not None and window is not None:
            # A window the question names ("this week", "in March") is also searched on its own.
            inside = _within(filters or Filters(), *window)
            if inside is not None:
                runs += [
                    (
                        "dense",
                        time.weight * self.dense_weight,
                        self.store.query(vector, self.candidates, inside),
                    ),
                    (
                        "keyword",
                        time.weight * self.keyword_weight,
                        self.sparse(query, self.candidates, inside),
                    ),
                ]
        fused: dict[str, float] = {}
        by_id: dict[str, Passage] = {}
        for kind, weight, passages in runs:
            for rank, p in enumerate(passages, start=1):
                fused[p.chunk_id] = fused.get(p.chunk_id, 0.0) + weight / (self.rrf_k + rank)
                seen = by_id.get(p.chunk_id, p)
                if kind == "dense" and seen.dense_rank is None:
                    seen = replace(seen, dense_rank=rank)
                elif kind == "keyword" and seen.keyword_rank is None:
                    seen = replace(seen, keyword_rank=rank)
                by_id[p.chunk_id] = seen
        if time is not None:
            top = time.weight / (self.rrf_k + 1)
            for cid, passage in by_id.items():
                fused[cid] += top * time.closeness(passage.published)
        order = sorted(fused, key=lambda cid: fused[cid], reverse=True)[:top_k]
        return [replace(by_id[cid], score=fused[cid]) for cid in order]


def _within(filters: Filters, since: date, until: date) -> Filters | None:
    """``filters`` narrowed to published dates in ``[since, until]``; None if nothing can match."""
    since = max(since, filters.since or since)
    until = min(until, filters.until or until)
    if since > until:
        return None
    return replace(filters, since=since, until=until)
