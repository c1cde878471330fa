"""When a reported event happened: the date a sentence gives, resolved against its article's date.

News sentences date events relative to when they were written: "on Tuesday", "yesterday",
"last month", "March 3". A timeline needs the day itself, so each phrase is resolved
against the article's publication date: a bare weekday is the latest such day on or before
publication ("said Tuesday" in a Thursday story), or the next one when the sentence looks
ahead ("will vote on Tuesday", "next Tuesday"); a month and day without a year takes the
year that puts it nearest the publication date. A phrase that names only a week, month or
year resolves to that period, and says so (``EventDate.precision``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["EventDate", "event_date"]


@dataclass(frozen=True)
class EventDate:
    """The date an event happened: ``day`` starts the period ``precision`` names."""

    day: date
    precision: str  # "day", "week", "month" or "year"
    phrase: str  # the words it was read from

    def label(self) -> str:
        if self.precision == "year":
            return str(self.day.year)
        if self.precision == "month":
            return self.day.strftime("%B %Y")
        if self.precision == "week":
            return f"week of {self.day.isoformat()}"
        return self.day.isoformat()

    def key(self) -> str:
        """The date at its own precision: 2025-03-04, 2025-03 or 2025 (a week: its Monday)."""
        if self.precision == "year":
            return f"{self.day.year:04d}"
        if self.precision == "month":
            return f"{self.day.year:04d}-{self.day.month:02d}"
        return self.day.isoformat()


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_DAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "May" and "March" as months only when capitalised (they are also verbs); the rest in any case.
_MONTH = (
    r"(?P<month>May|March|(?i:january|february|april|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec))\.?"
)
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_AHEAD = re.compile(
    r"\b(?:will|would|shall|is\s+(?:set|due|expected|scheduled|slated|planning)|are\s+(?:set|due|expected|"
    r"scheduled|slated|planning)|plans?\s+to|to\s+be\s+held|upcoming|ahead\s+of|next)\b",
    re.IGNORECASE,
)
_AHEAD_REACH = 40  # characters before a date phrase that can make it future ("will vote on")
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}  # fmt: skip

Resolver = Callable[[re.Match[str], date, bool], tuple[date, str] | None]


def _nearest_year(month: int, day: int, published: date, ahead: bool) -> date | None:
    """The month and day in the year that puts them nearest ``published`` (ahead: on or after)."""
    best: date | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if ahead and candidate < published - timedelta(days=1):
            continue
        if best is None or abs((candidate - published).days) < abs((best - published).days):
            best = candidate
    return best


def _month_day(m: re.Match[str], published: date, ahead: bool) -> tuple[date, str] | None:
    month, day = _MONTHS[m.group("month").lower()], int(m.group("day"))
    if m.group("year"):
        try:
            return date(int(m.group("year")), month, day), "day"
        except ValueError:
            return None
    found = _nearest_year(month, day, published, ahead)
    return (found, "day") if found else None


def _iso(m: re.Match[str], published: date, ahead: bool) -> tuple[date, str] | None:
    try:
        return date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), "day"
    except ValueError:
        return None


def _weekday(m: re.Match[str], published: date, ahead: bool) -> tuple[date, str] | None:
    target = _DAYS[m.group("wd").lower()]
    if ahead or (m.group("rel") or "").lower() == "next":
        forward = (target - published.weekday()) % 7 or 7
        return published + timedelta(days=forward), "day"
    back = (published.weekday() - target) % 7
    if (m.group("rel") or "").lower() == "last" and back == 0:
        back = 7
    return published - timedelta(days=back), "day"


def _days_back(days: int) -> Resolver:
    return lambda m, published, ahead: (published - timedelta(days=days), "day")


def _ago(m: re.Match[str], published: date, ahead: bool) -> tuple[date, str] | None:
    count = m.group("n").lower()
    n = int(count) if count.isdigit() else _NUMBER_WORDS.get(count, 1)
    unit = m.group("unit").lower()
    if unit == "day":
        return published - timedelta(days=n), "day"
    if unit == "week":
        return published - timedelta(days=7 * n), "day"
    return None  # "two months ago" is not a day


def _last_week(m: re.Match[str], published: date, ahead: bool) -> tuple[date, str] | None:
    monday = published - timedelta(days=published.weekday())
    return monday - timedelta(days=7), "week"


def _month_of(offset: int) -> Resolver:
    def resolve(m: re.Match[str], published: date, ahead: bool) -> tuple[date, str] | None:
        first = published.replace(day=1)
        if offset < 0:
            first = (first - timedelta(days=1)).replace(day=1)
        elif offset > 0:
            first = (first + timedelta(days=32)).replace(day=1)
        return first, "month"

    return resolve


def _in_month(m: re.Match[str], published: date, ahead: bool) -> tuple[date, str] | None:
    month = _MONTHS[m.group("month").lower()]
    if m.group("year"):
        return date(int(m.group("year")), month, 1), "month"
    year = published.year
    if ahead and month < published.month:
        year += 1
    elif not ahead and month > published.month:
        year -= 1
    return date(year, month, 1), "month"


def _in_year(m: re.Match[str], published: date, ahead: bool) -> tuple[date, str] | None:
    return date(int(m.group("y")), 1, 1), "year"


_I = re.IGNORECASE
_RELATIVE = r"last|next|this\s+past|this|on|late|early"
_COUNT = "|".join(_NUMBER_WORDS)
_MONTH_LEAD = r"in|during|from|of|early|late|mid-?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# Tried in order; the earliest match in the sentence wins, ties go to the rule listed first.
_RULES: list[tuple[re.Pattern[str], Resolver]] = [
    (re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}"), _month_day),
    (re.compile(rf"\b{_DAY}\s+{_MONTH}{_YEAR}\b"), _month_day),
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"), _iso),
    (re.compile(r"\b(?:yesterday|last\s+night)\b", _I), _days_back(1)),
    (re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", _I), _days_back(0)),
    (re.compile(rf"\b(?:(?P<rel>{_RELATIVE})\s+)?{_WEEKDAY}\b(?!,?\s+{_MONTH})"), _weekday),
    (re.compile(rf"\b(?P<n>\d+|{_COUNT})\s+(?P<unit>day|week|month)s?\s+ago\b", _I), _ago),
    (re.compile(r"\b(?:last|past|previous)\s+week\b", _I), _last_week),
    (re.compile(r"\b(?:last|previous)\s+month\b", _I), _month_of(-1)),
    (re.compile(r"\b(?:earlier|later)\s+this\s+month\b|\bthis\s+month\b", _I), _month_of(0)),
    (re.compile(r"\bnext\s+month\b", _I), _month_of(1)),
    (re.compile(rf"\b(?:{_MONTH_LEAD})\s+{_MONTH}{_YEAR}\b(?!\s+\d)"), _in_month),
    (re.compile(r"\b(?:in|during)\s+(?P<y>(?:19|20)\d\d)\b", _I), _in_year),
]  # fmt: skip


_SINCE = re.compile(r"\bsince\b[^,;:]*$", re.IGNORECASE)


def _background(sentence: str, start: int) -> bool:
    """A date in a "since ..." clause dates the comparison, not the event ("the first since
    the Pointer Sisters won in 1975")."""
    return bool(_SINCE.search(sentence, max(0, start - 80), start))


def event_date(sentence: str, published: date | None) -> EventDate | None:
    """The date ``sentence`` gives for what it reports, resolved against ``published``.

    None when the sentence names no date (the caller falls back to the publication date),
    or names one that needs a publication date it does not have.
    """
    best: tuple[int, int, re.Match[str], Resolver] | None = None
    for order, (pattern, resolve) in enumerate(_RULES):
        match = next((m for m in pattern.finditer(sentence) if not _background(sentence, m.start())), None)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), order, match, resolve)
    if best is None:
        return None
    match, resolve = best[2], best[3]
    # Looking ahead is a property of the clause the date is in: "said Tuesday it will" is past.
    ahead = bool(_AHEAD.search(sentence, max(0, match.start() - _AHEAD_REACH), match.start()))
    needs_context = resolve not in (_iso, _in_year) and not (
        resolve in (_month_day, _in_month) and match.group("year")
    )
    if needs_context and published is None:
        return None
    found = resolve(match, published or date.min, ahead)
    if found is None:
        return None
    return EventDate(found[0], found[1], match.group(0).strip())
