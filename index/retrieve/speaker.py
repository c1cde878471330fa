"""Speaker first: for "what did X say about Y", the passages of articles that quote X lead.

Quotes and speakers are found at ingest (``index.quotes``) and kept in the catalog, so the
articles quoting X are known without reading them. Their best passages for Y come first;
the library-wide ranking fills the rest, so nothing is removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..catalog import Catalog
from ..models import Passage
from ..quotes import speaker_matches
from .search import Search

__all__ = ["SpeakerFirst", "quoting"]


def quoting(catalog: Catalog, names: tuple[str, ...]) -> list[str]:
    """Ids of the articles that quote the person ``names`` names ("Muraviev", or first and last)."""
    if not names:
        return []
    rows = catalog.speakers(names[-1])
    return sorted({a for a, speaker in rows if speaker_matches(speaker, names)})


class SpeakerFirst:
    """Stage 4: the asked speaker's articles, searched for the topic, ahead of the rest."""

    name = "speaker-first"

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def process(
        self, search: Search, passages: list[Passage], retrieve: Callable[[Search], list[Passage]]
    ) -> list[Passage]:
        articles = quoting(self.catalog, search.speaker_names)
        if search.filters.article_ids:
            articles = [a for a in articles if a in search.filters.article_ids]
        if not articles:
            return passages
        narrowed = replace(
            search,
            text=search.topic or search.text,
            filters=replace(search.filters, article_ids=tuple(articles)),
            speaker_names=(),
            topic=None,
        )
        first = retrieve(narrowed)
        seen = {p.chunk_id for p in first}
        return first + [p for p in passages if p.chunk_id not in seen]
