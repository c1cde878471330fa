"""Published-date parsing: the many ways news sources write a date, normalised to ``date``.

Where the usual field is empty, the date is looked for where sources put it: in the URL's path
(``/2025/01/08/``), on a dateline under a plain-text article's title ("Published January 8,
2025", "By Ana Duarte | 2025-01-08"), and in a feed item's own date (see ``web``).
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime

__all__ = ["WRITTEN_DATE", "date_in_url", "dateline", "parse_date", "struct_date"]

_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?=[/._-]|$)")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A date as text writes it: 2025-01-08, January 8, 2025, Jan. 8 2025, 8 January 2025.
WRITTEN_DATE = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\b"
)
# What a dateline holds besides its date: a label, a byline, a time, a reading time.
_DATELINE_REST = re.compile(
    r"(?i)\b(?:published|posted|updated|last\s+updated|on|by|at|am|pm|[ap]\.m\.|utc|gmt|[a-z]{2,4}t|"
    r"min(?:ute)?s?|read|\d{1,2}:\d{2})\b|[|·•—–,:;()\-]"
)

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


def date_in_url(url: str | None) -> date | None:
    """The date in a URL's path (``/2025/01/08/``, ``/2025-01-08/``), as many outlets write it."""
    found = _URL_DATE.search(url or "")
    if found is None:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def dateline(lines: list[str]) -> date | None:
    """The date of a dateline among ``lines`` (the first few under a title): a short line that
    is a date and little else ("Published January 8, 2025", "By Ana Duarte | 2025-01-08 09:00").
    A date inside a sentence of the story is the story's, not its publication's: not taken."""
    for line in lines:
        found = WRITTEN_DATE.search(line)
        if found is None or len(line) > 100:
            continue
        rest = _DATELINE_REST.sub(" ", line[: found.start()] + " " + line[found.end() :])
        if len(rest.split()) <= 4:  # a byline's name at most
            return parse_date(found.group(0).replace(".", ""))
    return None


def struct_date(value: object) -> date | None:
    """A feed parser's ``time.struct_time`` as a date (None when absent)."""
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None
