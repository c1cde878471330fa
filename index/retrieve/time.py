"""Time in retrieval: a window the question names is searched on its own, then every candidate
is re-ranked by closeness to that window or to "now".

News is about a moment. Given the question's date ("now") and optionally a window it names
("this week"), each candidate gains score for being published inside the window or close
to "now", decaying with a half-life. It re-ranks candidates; it never removes any.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from ..models import Passage
from ..store import Filters
from .search import Probe, Run, Search, both

__all__ = ["TimeRerank", "TimeWindowSearch"]


class TimeWindowSearch:
    """Stage 2: the window the question names ("this week", "in March") searched on its own,
    fused at ``time.weight``, so the best passages of that time compete even when older
    reporting dominates the library-wide rankings."""

    name = "time-window"

    def __init__(self, dense_weight: float = 1.0, keyword_weight: float = 1.0) -> None:
        self.dense_weight = dense_weight
        self.keyword_weight = keyword_weight

    def runs(self, search: Search, probe: Probe) -> list[Run]:
        time = search.time
        window = time.window() if time is not None and time.weight > 0 else None
        if time is None or window is None:
            return []
        inside = _within(search.filters, *window)
        if inside is None:
            return []
        dense, keyword = both(probe, inside)
        return [
            Run("dense", time.weight * self.dense_weight, dense),
            Run("keyword", time.weight * self.keyword_weight, keyword),
        ]


class TimeRerank:
    """Stage 3: each candidate gains up to ``time.weight`` of a top rank's score by closeness."""

    name = "time-rerank"

    def __init__(self, rrf_k: int = 60) -> None:
        self.rrf_k = rrf_k

    def process(
        self, search: Search, passages: list[Passage], retrieve: Callable[[Search], list[Passage]]
    ) -> list[Passage]:
        time = search.time
        if time is None:
            return passages
        top = time.weight / (self.rrf_k + 1)
        boosted = [replace(p, score=p.score + top * time.closeness(p.published)) for p in passages]
        return sorted(boosted, key=lambda p: p.score, reverse=True)


def _within(filters: Filters, since: date, until: date) -> Filters | None:
    """``filters`` narrowed to published dates in ``[since, until]``; None if nothing can match."""
    since = max(since, filters.since or since)
    until = min(until, filters.until or until)
    if since > until:
        return None
    return replace(filters, since=since, until=until)
