"""The story commands over one library: ``digest``, ``timeline`` and ``compare``.

Each one gathers the topic's pool over the span (``pool.gather``), picks from it (``digest``,
``timeline``, ``compare``) and cites every item with exact offsets. The span is a hard filter
on publication dates; ``new_since`` keeps only what no article before that day reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from index.embedding import Embedder
from index.errors import AssistantError
from index.library import Library
from index.store import Filters

from ..answer.citations import make_citation
from ..llm import LLM
from .compare import compare_pool, sources
from .dates import EventDate
from .digest import already_reported, candidates, chronological, select, summarise
from .models import Comparison, Outlet, Story, StoryItem
from .pool import Pool, Report, Sentence, gather
from .timeline import merge_events, ordered

__all__ = ["Span", "Stories"]

DIGEST_ITEMS = 8
TIMELINE_ITEMS = 12
COMPARE_FLOOR = 0.1


@dataclass(frozen=True)
class Span:
    """The days a story is told over (inclusive), its sources, and what counts as new."""

    since: date | None = None
    until: date | None = None
    new_since: date | None = None
    sources: tuple[str, ...] = ()

    def check(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise AssistantError(f"--since {self.since} is after --until {self.until}: swap them.")
        if self.new_since and self.until and self.new_since > self.until:
            raise AssistantError(f"--new-since {self.new_since} is after --until {self.until}.")

    def filters(self) -> Filters:
        since = max(d for d in (self.since, self.new_since) if d) if (self.since or self.new_since) else None
        return Filters(sources=self.sources, since=since, until=self.until)

    def before_new(self) -> Filters | None:
        """The days before ``new_since`` (within ``since``): what was already reported."""
        if self.new_since is None:
            return None
        return Filters(sources=self.sources, since=self.since, until=self.new_since - timedelta(days=1))


def _cite(
    sentence: Sentence, n: int, report: Report | None = None, event: EventDate | None = None
) -> StoryItem:
    citation = make_citation(
        n, sentence.article, sentence.start, sentence.end, report.relevance if report else sentence.relevance
    )
    also = tuple(Outlet(*o) for o in report.outlets()) if report else ()
    return StoryItem(citation, also, event)


class Stories:
    """Digests, timelines and outlet comparisons of one library."""

    def __init__(self, library: Library, embedder: Embedder, llm: LLM | None = None) -> None:
        self.library = library
        self.embedder = embedder
        self.llm = llm

    def _pool(self, topic: str, filters: Filters) -> Pool:
        if not topic.strip():
            raise AssistantError('Name a topic, e.g. `assistant digest "Gaza ceasefire"`.')
        return gather(
            topic,
            self.library.retrieve,
            self.library.article,
            self.embedder,
            self.library.catalog.duplicates(),
            filters,
        )

    def _reports(self, topic: str, span: Span, floor: float | None = None) -> tuple[Pool, list[Report], str]:
        """The pool over ``span``, the reports relevant enough (``floor``: the digest's rule when
        None), less those reported before ``span.new_since``, and a note when none is left."""
        span.check()
        if self.library.counts()[0] == 0:
            return Pool(topic, [], np.zeros(1, dtype=np.float32)), [], "The library is empty."
        pool = self._pool(topic, span.filters())
        reports = candidates(pool) if floor is None else [r for r in pool.reports if r.relevance >= floor]
        earlier = span.before_new()
        if earlier is not None and reports:
            reports = already_reported(reports, self._pool(topic, earlier))
            if not reports:
                return pool, [], f"Nothing new on this since {span.new_since}."
        note = "" if reports else "No article in the span reports on this topic."
        return pool, reports, note

    def digest(self, topic: str, span: Span | None = None, limit: int = DIGEST_ITEMS) -> Story:
        """At most ``limit`` sentences, one per development, in the order they were reported."""
        span = span or Span()
        _, reports, note = self._reports(topic, span)
        chosen = chronological(select(reports, limit))
        items = tuple(_cite(r.lead, n, r) for n, r in enumerate(chosen, start=1))
        summary = None
        if self.llm is not None and items:
            summary = summarise(self.llm, self.embedder, topic, items, self.library.article, len(items))
        return Story("digest", topic, items, span.since, span.until, span.new_since, note, summary)

    def timeline(self, topic: str, span: Span | None = None, limit: int = TIMELINE_ITEMS) -> Story:
        """Dated events in the order they happened, each once with the outlets that carried it."""
        span = span or Span()
        _, reports, note = self._reports(topic, span)
        merged = merge_events(reports)
        events = {id(r): e for r, e in merged}
        entries = ordered([(r, events[id(r)]) for r in select([r for r, _ in merged], limit)])
        items = tuple(_cite(r.lead, n, r, e) for n, (r, e) in enumerate(entries, start=1))
        return Story("timeline", topic, items, span.since, span.until, span.new_since, note)

    def compare(self, topic: str, span: Span | None = None) -> Comparison:
        """What the outlets report differently about ``topic``, each side cited; agreement too."""
        span = span or Span()
        # Any report on the topic can be carried differently: a lower bar than a digest's.
        pool, reports, note = self._reports(topic, span, COMPARE_FLOOR)
        differences, agreements, only = compare_pool(pool, reports, _cite)
        outlets = sources(reports)
        if reports and len(outlets) < 2:
            note = "Only one outlet reports on this topic in the span: there is nothing to compare."
        return Comparison(
            topic, tuple(differences), tuple(agreements), tuple(only), tuple(sorted(outlets)),
            span.since, span.until, note,
        )  # fmt: skip
