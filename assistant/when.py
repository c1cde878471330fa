"""Time in questions: "this week", "since March", "in 2024", "latest", resolved against a date.

News questions are about a moment. The phrase that sets it is resolved against the
question's date ("now": today, or the ``as_of`` date a caller passes) into an inclusive
date window, and words like "latest" ask for the most recent reporting. The window is a
ranking preference, not a filter: passages published inside it come first, and the
library's other articles can still answer when nothing inside it does. Hard filters are
the explicit ``since``/``until`` arguments.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["TimeFrame", "resolve_time"]


@dataclass(frozen=True)
class TimeFrame:
    """What a question says about time: a preferred window and/or a wish for the latest news."""

    phrase: str | None = None
    since: date | None = None
    until: date | None = None
    latest: bool = False

    def describe(self) -> str:
        if self.since is None and self.until is None:
            return "most recent first" if self.latest else ""
        span = f"{self.since or '…'} to {self.until or '…'}"
        return f"{self.phrase!r}: {span}" if self.phrase else span


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_DAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
# "May" is a month only when capitalised; every other month name in any case.
_MONTH = (
    r"(?P<month>May|(?i:january|february|march|april|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec))\.?"
)
_LATEST = re.compile(
    r"\b(?:latest|most recent|recent|recently|newest|currently|current|right now|so far|"
    r"as of now|these days|nowadays|still)\b",
    re.IGNORECASE,
)


def _month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _recent_month(month: int, now: date, year: str | None) -> int:
    """The year of the named month: the given one, else the latest that is not after ``now``."""
    if year:
        return int(year)
    return now.year if month <= now.month else now.year - 1


def _clamp_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _rules(now: date) -> list[tuple[re.Pattern[str], object]]:
    monday = now - timedelta(days=now.weekday())
    first = now.replace(day=1)
    last_month_end = first - timedelta(days=1)

    def since_month(m: re.Match[str]) -> tuple[date, date]:
        month = _MONTHS[m.group("month").lower()]
        year = _recent_month(month, now, m.group("year"))
        day = int(m.group("day")) if m.group("day") else 1
        return _clamp_day(year, month, day), now

    def in_month(m: re.Match[str]) -> tuple[date, date]:
        month = _MONTHS[m.group("month").lower()]
        year = _recent_month(month, now, m.group("year"))
        return _month_start(year, month), _month_end(year, month)

    def on_day(m: re.Match[str]) -> tuple[date, date]:
        month = _MONTHS[m.group("month").lower()]
        year = _recent_month(month, now, m.group("year"))
        day = _clamp_day(year, month, int(m.group("day")))
        return day, day

    def before(m: re.Match[str]) -> tuple[date | None, date]:
        if m.group("month"):
            month = _MONTHS[m.group("month").lower()]
            year = _recent_month(month, now, m.group("year"))
            return None, _month_start(year, month) - timedelta(days=1)
        return None, date(int(m.group("y")), 1, 1) - timedelta(days=1)

    def past(m: re.Match[str]) -> tuple[date, date]:
        count = m.group("n").lower()
        n = int(count) if count.isdigit() else _NUMBERS.get(count, 1)
        return now - timedelta(days=n * _UNIT_DAYS[m.group("unit").lower()]), now

    def since_weekday(m: re.Match[str]) -> tuple[date, date]:
        back = (now.weekday() - _DAYS[m.group("wd").lower()]) % 7 or 7
        return now - timedelta(days=back), now

    i = re.IGNORECASE
    year = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    return [
        (re.compile(r"\btoday\b|\btonight\b", i), lambda m: (now, now)),
        (re.compile(r"\byesterday\b", i), lambda m: (now - timedelta(days=1), now - timedelta(days=1))),
        (re.compile(r"\b(?:this|the)\s+(?:past\s+)?weekend\b", i), lambda m: (now - timedelta(days=3), now)),
        (
            re.compile(
                r"\b(?:past|last|previous)\s+(?P<n>\d+|a|one|two|three|four|five|six|seven|ten)\s+"
                r"(?P<unit>day|week|month|year)s?\b",
                i,
            ),
            past,
        ),
        (re.compile(r"\bthis\s+week\b", i), lambda m: (now - timedelta(days=6), now)),
        (re.compile(r"\b(?:past|this past)\s+week\b", i), lambda m: (now - timedelta(days=7), now)),
        (
            re.compile(r"\b(?:last|previous)\s+week\b", i),
            lambda m: (monday - timedelta(days=7), monday - timedelta(days=1)),
        ),
        (re.compile(r"\bthis\s+month\b", i), lambda m: (first, now)),
        (re.compile(r"\bpast\s+month\b", i), lambda m: (now - timedelta(days=30), now)),
        (
            re.compile(r"\b(?:last|previous)\s+month\b", i),
            lambda m: (last_month_end.replace(day=1), last_month_end),
        ),
        (re.compile(r"\bthis\s+year\b", i), lambda m: (date(now.year, 1, 1), now)),
        (re.compile(r"\bpast\s+year\b", i), lambda m: (now - timedelta(days=365), now)),
        (
            re.compile(r"\b(?:last|previous)\s+year\b", i),
            lambda m: (date(now.year - 1, 1, 1), date(now.year - 1, 12, 31)),
        ),
        (
            re.compile(
                rf"\bsince\s+(?:early\s+|late\s+|mid-?)?{_MONTH}(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?{year}\b"
            ),
            since_month,
        ),
        (
            re.compile(r"\bsince\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", i),
            since_weekday,
        ),
        (re.compile(r"\bsince\s+(?P<y>(?:19|20)\d\d)\b", i), lambda m: (date(int(m.group("y")), 1, 1), now)),
        (re.compile(rf"\b(?:before|until|prior\s+to)\s+(?:{_MONTH}{year}|(?P<y>(?:19|20)\d\d))\b"), before),
        (re.compile(rf"\bon\s+{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{year}\b"), on_day),
        (re.compile(rf"\b(?:in|during|of|from)\s+(?:early\s+|late\s+|mid-?)?{_MONTH}{year}\b"), in_month),
        (
            re.compile(r"\b(?:in|during|of)\s+(?P<y>(?:19|20)\d\d)\b", i),
            lambda m: (date(int(m.group("y")), 1, 1), date(int(m.group("y")), 12, 31)),
        ),
    ]


def resolve_time(question: str, now: date) -> TimeFrame:
    """The time frame ``question`` asks about, with relative phrases resolved against ``now``."""
    latest = bool(_LATEST.search(question))
    for pattern, window in _rules(now):
        match = pattern.search(question)
        if match:
            since, until = window(match)  # type: ignore[operator]
            if until is not None and until > now:
                until = now
            return TimeFrame(match.group(0).strip(), since, until, latest)
    return TimeFrame(latest=latest)
