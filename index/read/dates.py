"""Published-date parsing: the many ways news sources write a date, normalised to ``date``."""

from __future__ import annotations

from datetime import date, datetime

__all__ = ["parse_date"]

_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y")


def parse_date(value: object) -> date | None:
    """Return the calendar date in ``value`` (date, datetime, or text), or None if unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text[:30], fmt).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        from dateutil import parser

        parsed: datetime = parser.parse(text, fuzzy=False)
        return parsed.date()
    except (ValueError, OverflowError, ImportError):
        return None
