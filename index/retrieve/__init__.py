"""Retrieval as a pipeline of named stages, in the manner of a retriever and its post-processors.

    Search ──► hybrid ──► time-window ──► fuse (RRF) ──► time-rerank ──► speaker-first ──► top k
              (search stages: weighted rankings)        (post-processors: reorder, never drop)

Search stages each return weighted rankings of the one query text (embedded once); the
fusion combines them by reciprocal rank; post-processors reorder the fused candidates.
Speaker-first runs last because it puts one group of passages ahead of the rest: a re-rank
after it would mix the groups again (it re-runs the stages before it on the narrowed search).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from ..catalog import Catalog
from ..embedding import Embedder
from ..keyword import KeywordIndex
from ..models import Passage
from ..store import ChunkStore, Filters
from .fusion import HybridSearch, fuse
from .search import Probe, Run, Search, TimeSignal
from .speaker import SpeakerFirst, quoting
from .time import TimeRerank, TimeWindowSearch

__all__ = [
    "HybridSearch",
    "PostProcessor",
    "Retriever",
    "Run",
    "Search",
    "SearchStage",
    "SpeakerFirst",
    "TimeRerank",
    "TimeSignal",
    "TimeWindowSearch",
    "quoting",
]


class SearchStage(Protocol):
    name: str

    def runs(self, search: Search, probe: Probe) -> list[Run]: ...


class PostProcessor(Protocol):
    name: str

    def process(
        self, search: Search, passages: list[Passage], retrieve: Callable[[Search], list[Passage]]
    ) -> list[Passage]: ...


class _Probe:
    """Dense and keyword searches of one text; the text is embedded on first use, once."""

    def __init__(self, retriever: Retriever, text: str) -> None:
        self.retriever = retriever
        self.text = text
        self._vector: list[float] | None = None

    def dense(self, filters: Filters) -> list[Passage]:
        if self._vector is None:
            self._vector = self.retriever.embedder.embed_queries([self.text])[0]
        return self.retriever.store.query(self._vector, self.retriever.candidates, filters)

    def keyword(self, filters: Filters) -> list[Passage]:
        r = self.retriever
        return r.keyword.search(self.text, r.candidates, r.catalog.generation(), filters)


class Retriever:
    """The library's retrieval: search stages, fusion, post-processors; ``retrieve(Search)``."""

    def __init__(
        self,
        store: ChunkStore,
        keyword: KeywordIndex,
        embedder: Embedder,
        catalog: Catalog,
        candidates: int = 30,
        rrf_k: int = 60,
        searches: Sequence[SearchStage] | None = None,
        postprocessors: Sequence[PostProcessor] | None = None,
    ) -> None:
        self.store = store
        self.keyword = keyword
        self.embedder = embedder
        self.catalog = catalog
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.searches: list[SearchStage] = (
            list(searches) if searches is not None else [HybridSearch(), TimeWindowSearch()]
        )
        self.postprocessors: list[PostProcessor] = (
            list(postprocessors) if postprocessors is not None else [TimeRerank(rrf_k), SpeakerFirst(catalog)]
        )

    def retrieve(self, search: Search) -> list[Passage]:
        """The ``search.top_k`` best passages; ``score`` is the fused (and re-ranked) score."""
        probe = _Probe(self, search.text)
        runs = [run for stage in self.searches for run in stage.runs(search, probe)]
        passages = fuse(runs, self.rrf_k)
        for post in self.postprocessors:
            passages = post.process(search, passages, self.retrieve)
        return passages[: search.top_k]

    def dense(self, text: str, top_k: int, filters: Filters | None = None) -> list[Passage]:
        """The dense ranking alone (for tests and benchmarks)."""
        return self.store.query(self.embedder.embed_queries([text])[0], top_k, filters)

    def sparse(self, text: str, top_k: int, filters: Filters | None = None) -> list[Passage]:
        """The keyword ranking alone (for tests and benchmarks)."""
        return self.keyword.search(text, top_k, self.catalog.generation(), filters)
