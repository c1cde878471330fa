"""The values a retrieval passes between its stages: what is searched, and the rankings found.

A ``Search`` is what the index is asked (the text, filters, the time signal, a speaker);
each search stage returns weighted ``Run``s (one ranking each) for the fusion to combine.
``TimeSignal`` says how a question relates to time: "now", and a window it names.
``both(probe, filters)`` runs a probe's two searches at once: the keyword search on a worker
thread while the caller embeds and queries Chroma (both spend most of their time outside the
GIL, in numpy and in Chroma's native index), so a hybrid search costs about the slower of the
two instead of their sum.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from ..models import Passage
from ..store import Filters

__all__ = ["Probe", "Run", "Search", "TimeSignal", "both"]

_KEYWORD_THREADS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="keyword-search")


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


@dataclass(frozen=True)
class Search:
    """One retrieval: ``text`` to search, hard ``filters``, an optional time signal and speaker.

    ``speaker_names`` ("Alexey", "Muraviev") and ``topic`` come from "what did X say about Y":
    the articles quoting X are searched for Y first.
    """

    text: str
    top_k: int = 8
    filters: Filters = field(default_factory=Filters)
    time: TimeSignal | None = None
    speaker_names: tuple[str, ...] = ()
    topic: str | None = None


@dataclass(frozen=True)
class Run:
    """One ranking to fuse: ``kind`` is "dense" or "keyword"; ``weight`` scales its RRF share."""

    kind: str
    weight: float
    passages: list[Passage]


class Probe(Protocol):
    """The dense and keyword searches of one text (embedded once), under any filters."""

    def dense(self, filters: Filters) -> list[Passage]: ...

    def keyword(self, filters: Filters) -> list[Passage]: ...


def both(probe: Probe, filters: Filters) -> tuple[list[Passage], list[Passage]]:
    """(dense, keyword) passages of ``probe`` under ``filters``, searched at the same time."""
    keyword = _KEYWORD_THREADS.submit(probe.keyword, filters)
    try:
        dense = probe.dense(filters)
    finally:
        found = keyword.result()  # (waited for even when the dense search failed)
    return dense, found
