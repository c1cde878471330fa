"""A story's events in the order they happened, each once, with every outlet that reported it.

An event's date is the one its sentence gives ("on Tuesday", "March 3", "last month"),
resolved against the article's publication date (``dates``), else the publication date;
both are kept. Reports of one event in several outlets are one entry: copies are already
folded in the pool, and two reports that resolve to the same date and say nearly the same
thing (closeness at least ``SAME_EVENT``) are merged, the earliest report leading.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .dates import EventDate, event_date
from .pool import Report, lead_first

__all__ = ["dated", "merge_events", "ordered"]

SAME_EVENT = 0.7
_PRECISION = {"day": 0, "week": 1, "month": 2, "year": 3}


def dated(report: Report) -> EventDate | None:
    """The event date of a report, as its lead sentence gives it."""
    return event_date(report.lead.text, report.lead.published)


def _key(report: Report, event: EventDate | None) -> str:
    if event is not None:
        return event.key()
    return report.lead.published.isoformat() if report.lead.published else "undated"


def merge_events(reports: Sequence[Report]) -> list[tuple[Report, EventDate | None]]:
    """Reports of the same event (same date, nearly the same words) merged into one, led by
    the earliest report of it."""
    groups: list[tuple[list[Report], EventDate | None]] = []
    for report in reports:
        event = dated(report)
        for group, group_event in groups:
            first = group[0]
            if _key(first, group_event) == _key(report, event) and (
                float(first.lead.vector @ report.lead.vector) >= SAME_EVENT
            ):
                group.append(report)
                break
        else:
            groups.append(([report], event))
    merged = []
    for group, event in groups:
        lead, *copies = lead_first([s for r in group for s in (r.lead, *r.copies)])
        merged.append((Report(lead, copies, [d for r in group for d in r.folded]), event))
    return merged


def ordered(entries: Sequence[tuple[Report, EventDate | None]]) -> list[tuple[Report, EventDate | None]]:
    """Events by date (a day before the month that holds it), then by publication."""

    def when(entry: tuple[Report, EventDate | None]) -> tuple[date, int, date, int]:
        report, event = entry
        published = report.lead.published or date.max
        day = event.day if event is not None else published
        precision = _PRECISION[event.precision] if event is not None else 0
        return day, precision, published, report.lead.start

    return sorted(entries, key=when)
