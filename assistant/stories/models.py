"""What the story commands return: items with their citations, and their JSON.

A ``Story`` is a digest or a timeline: ``items`` in reading order, each one sentence of a
stored article cited with exact offsets, the other outlets that carried it, and (in a
timeline) the date of the event it reports. A ``Comparison`` holds ``Difference``s: two or
more cited sentences that report the same thing differently, or agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import Answer, Citation
from .dates import EventDate

__all__ = ["Comparison", "Difference", "Outlet", "Story", "StoryItem"]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class Outlet:
    """Another article that carried the same report."""

    source: str
    article_id: str
    published: date | None

    def to_json(self) -> dict[str, object]:
        return {"source": self.source, "article_id": self.article_id, "published": _iso(self.published)}


@dataclass(frozen=True)
class StoryItem:
    """One development: the cited sentence that reports it, and who else reported it."""

    citation: Citation
    also: tuple[Outlet, ...] = ()
    event: EventDate | None = None  # timelines: when it happened, where the sentence says so

    @property
    def when(self) -> str:
        """The event's date as shown: the sentence's own date, else the publication date."""
        if self.event is not None:
            return self.event.label()
        return _iso(self.citation.published) or "undated"

    def also_text(self) -> str:
        """ "also: 2 outlets (Coast Times, Harbor Daily)", or "" when no other outlet carried it."""
        if not self.also:
            return ""
        names = ", ".join(dict.fromkeys(o.source or o.article_id for o in self.also))
        return f"also: {len(self.also)} outlet{'s' if len(self.also) != 1 else ''} ({names})"

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "text": self.citation.quote,
            "citation": {**self.citation.to_json(), "source": self.citation.source},
            "also": [o.to_json() for o in self.also],
        }
        if self.event is not None or self.citation.published is not None:
            out["event_date"] = self.event.key() if self.event else _iso(self.citation.published)
            out["date_precision"] = self.event.precision if self.event else "published"
            out["date_phrase"] = self.event.phrase if self.event else None
        return out


@dataclass(frozen=True)
class Story:
    """A digest or timeline of ``topic`` over ``since``..``until``."""

    kind: str  # "digest" or "timeline"
    topic: str
    items: tuple[StoryItem, ...]
    since: date | None = None
    until: date | None = None
    new_since: date | None = None
    note: str = ""  # why it is empty, or what was left out
    summary: Answer | None = None  # with an LLM: a written summary, checked like an answer

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "topic": self.topic,
            "since": _iso(self.since),
            "until": _iso(self.until),
            "new_since": _iso(self.new_since),
            "items": [item.to_json() for item in self.items],
            "summary": self.summary.to_json() if self.summary else None,
            "note": self.note,
        }


@dataclass(frozen=True)
class Difference:
    """Outlets on one point: ``kind`` is "number", "attribution" or "only"; ``agree`` if they do."""

    kind: str
    about: str  # what it is about, in a few words ("killed", "the quotation …")
    sides: tuple[StoryItem, ...]
    agree: bool = False
    values: tuple[str, ...] = ()  # per side: the number or speaker it gives

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "about": self.about,
            "agree": self.agree,
            "sides": [
                {**side.to_json(), "value": value}
                for side, value in zip(self.sides, [*self.values, *[None] * len(self.sides)], strict=False)
            ],
        }


@dataclass(frozen=True)
class Comparison:
    """How the outlets in a library report ``topic``: differences first, then agreements."""

    topic: str
    differences: tuple[Difference, ...]
    agreements: tuple[Difference, ...]
    only: tuple[Difference, ...]
    sources: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    note: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "kind": "compare",
            "topic": self.topic,
            "since": _iso(self.since),
            "until": _iso(self.until),
            "sources": list(self.sources),
            "differences": [d.to_json() for d in self.differences],
            "agreements": [d.to_json() for d in self.agreements],
            "only": [d.to_json() for d in self.only],
            "note": self.note,
        }
