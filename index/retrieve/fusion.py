"""Hybrid search and its fusion: dense (Chroma) and keyword (BM25) rankings by weighted RRF.

Reciprocal rank fusion needs no score calibration between the two retrievers, which
matters because cosine similarities and BM25 scores live on unrelated scales. Each fused
passage keeps its rank in either list, so the answer step can tell how it was found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..models import Passage
from .search import Probe, Run, Search, both

__all__ = ["HybridSearch", "fuse"]


class HybridSearch:
    """Stage 1: the whole library (within the hard filters), by meaning and by keywords."""

    name = "hybrid"

    def __init__(self, dense_weight: float = 1.0, keyword_weight: float = 1.0) -> None:
        self.dense_weight = dense_weight
        self.keyword_weight = keyword_weight

    def runs(self, search: Search, probe: Probe) -> list[Run]:
        dense, keyword = both(probe, search.filters)
        return [Run("dense", self.dense_weight, dense), Run("keyword", self.keyword_weight, keyword)]


def fuse(runs: Sequence[Run], rrf_k: int = 60) -> list[Passage]:
    """Every passage of ``runs``, best first; ``score`` is its weighted reciprocal-rank sum."""
    fused: dict[str, float] = {}
    by_id: dict[str, Passage] = {}
    for run in runs:
        for rank, p in enumerate(run.passages, start=1):
            fused[p.chunk_id] = fused.get(p.chunk_id, 0.0) + run.weight / (rrf_k + rank)
            seen = by_id.get(p.chunk_id, p)
            if run.kind == "dense" and seen.dense_rank is None:
                seen = replace(seen, dense_rank=rank)
            elif run.kind == "keyword" and seen.keyword_rank is None:
                seen = replace(seen, keyword_rank=rank)
            by_id[p.chunk_id] = seen
    order = sorted(fused, key=lambda cid: fused[cid], reverse=True)
    return [replace(by_id[cid], score=fused[cid]) for cid in order]
