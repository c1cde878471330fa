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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["TimeFrame", "dates_told", "resolve_time"]


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


Window = tuple[date | None, date | None]


def _since_month(m: re.Match[str], now: date) -> Window:
    month = _MONTHS[m.group("month").lower()]
    year = _recent_month(month, now, m.group("year"))
    day = int(m.group("day")) if m.group("day") else 1
    return _clamp_day(year, month, day), now


def _in_month(m: re.Match[str], now: date) -> Window:
    month = _MONTHS[m.group("month").lower()]
    year = _recent_month(month, now, m.group("year"))
    return _month_start(year, month), _month_end(year, month)


def _on_day(m: re.Match[str], now: date) -> Window:
    month = _MONTHS[m.group("month").lower()]
    year = _recent_month(month, now, m.group("year"))
    day = _clamp_day(year, month, int(m.group("day")))
    return day, day


def _before(m: re.Match[str], now: date) -> Window:
    if m.group("month"):
        month = _MONTHS[m.group("month").lower()]
        year = _recent_month(month, now, m.group("year"))
        return None, _month_start(year, month) - timedelta(days=1)
    return None, date(int(m.group("y")), 1, 1) - timedelta(days=1)


def _past(m: re.Match[str], now: date) -> Window:
    count = m.group("n").lower()
    n = int(count) if count.isdigit() else _NUMBERS.get(count, 1)
    return now - timedelta(days=n * _UNIT_DAYS[m.group("unit").lower()]), now


def _since_weekday(m: re.Match[str], now: date) -> Window:
    back = (now.weekday() - _DAYS[m.group("wd").lower()]) % 7 or 7
    return now - timedelta(days=back), now


def _on_weekday(m: re.Match[str], now: date) -> Window:
    """ "On Wednesday" in the news: the latest Wednesday (today if it is one) until now."""
    back = (now.weekday() - _DAYS[m.group("wd").lower()]) % 7
    return now - timedelta(days=back), now


def _last_week(m: re.Match[str], now: date) -> Window:
    monday = now - timedelta(days=now.weekday())
    return monday - timedelta(days=7), monday - timedelta(days=1)


def _last_weekend(m: re.Match[str], now: date) -> Window:
    """ "Last weekend", "over the weekend": from the Saturday of the latest weekend past (the
    one before this if today is in a weekend) until now, when its news was reported."""
    saturday = now - timedelta(days=now.weekday() + 2)
    if m.group(0).lower().startswith("over") and now.weekday() >= 5:
        saturday = now - timedelta(days=now.weekday() - 5)  # "over the weekend", said on a Sunday
    return saturday, now


def _last_month(m: re.Match[str], now: date) -> Window:
    end = now.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def _days_back(days: int, until_back: int = 0) -> Callable[[re.Match[str], date], Window]:
    return lambda m, now: (now - timedelta(days=days), now - timedelta(days=until_back))


def _year_of(m: re.Match[str], now: date) -> Window:
    y = int(m.group("y"))
    return date(y, 1, 1), date(y, 12, 31)


_I = re.IGNORECASE
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
# The first rule that matches a question sets its window; each resolver gets the match and "now".
_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], date], Window]]] = [
    (re.compile(r"\btoday\b|\btonight\b", _I), _days_back(0)),
    (re.compile(r"\byesterday\b", _I), _days_back(1, 1)),
    (re.compile(r"\b(?:last|over\s+the|(?:this|the)\s+past)\s+weekend\b", _I), _last_weekend),
    (re.compile(r"\b(?:this|the)\s+weekend\b", _I), _days_back(3)),
    (
        re.compile(
            r"\b(?:past|last|previous)\s+(?P<n>\d+|a|one|two|three|four|five|six|seven|ten)\s+"
            r"(?P<unit>day|week|month|year)s?\b",
            _I,
        ),
        _past,
    ),
    (re.compile(r"\bthis\s+week\b", _I), _days_back(6)),
    (re.compile(r"\b(?:past|this past)\s+week\b", _I), _days_back(7)),
    (re.compile(r"\b(?:last|previous)\s+week\b", _I), _last_week),
    (re.compile(r"\bthis\s+month\b", _I), lambda m, now: (now.replace(day=1), now)),
    (re.compile(r"\bpast\s+month\b", _I), _days_back(30)),
    (re.compile(r"\b(?:last|previous)\s+month\b", _I), _last_month),
    (re.compile(r"\bthis\s+year\b", _I), lambda m, now: (date(now.year, 1, 1), now)),
    (re.compile(r"\bpast\s+year\b", _I), _days_back(365)),
    (
        re.compile(r"\b(?:last|previous)\s+year\b", _I),
        lambda m, now: (date(now.year - 1, 1, 1), date(now.year - 1, 12, 31)),
    ),
    (
        re.compile(
            rf"\bsince\s+(?:early\s+|late\s+|mid-?)?{_MONTH}(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?{_YEAR}\b"
        ),
        _since_month,
    ),
    (
        re.compile(r"\bsince\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", _I),
        _since_weekday,
    ),
    (
        re.compile(
            r"\b(?:on|last|this\s+past)\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
            r"(?!,?\s+(?:the\s+)?\d|,?\s+" + _MONTH + r")",
            _I,
        ),
        _on_weekday,
    ),
    (
        # News style: "announced Thursday", "was killed Sunday" (a past verb, then the day; not
        # "Black Friday" or "Super Tuesday", whose first word is capitalised).
        re.compile(
            r"\b(?:[a-z]+ed|said|won|met|held|told|hit|struck|made|took|gave|began|came|left|lost|fell|"
            r"rose|sent|sold|spoke|broke|shot|ran|led|paid|beat|became|fled|flew|sank|stood|threw|wrote|"
            r"chose|swore|put|set|cut|quit|did|saw|went|found|brought|bought|caught|fought|taught|"
            r"thought|got|kept|slept|spent|built|meant)\s+(?P<phrase>(?P<wd>(?i:monday|tuesday|wednesday|"
            r"thursday|friday|saturday|sunday)))\b(?!,?\s+(?:the\s+)?\d|,?\s+" + _MONTH + r")"
        ),
        _on_weekday,
    ),
    (
        re.compile(r"\bsince\s+(?P<y>(?:19|20)\d\d)\b", _I),
        lambda m, now: (date(int(m.group("y")), 1, 1), now),
    ),
    (re.compile(rf"\b(?:before|until|prior\s+to)\s+(?:{_MONTH}{_YEAR}|(?P<y>(?:19|20)\d\d))\b"), _before),
    (re.compile(rf"\bon\s+{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_YEAR}\b"), _on_day),
    (re.compile(rf"\b(?:in|during|of|from)\s+(?:early\s+|late\s+|mid-?)?{_MONTH}{_YEAR}\b"), _in_month),
    (re.compile(r"\b(?:in|during|of)\s+(?P<y>(?:19|20)\d\d)\b", _I), _year_of),
]


def resolve_time(question: str, now: date) -> TimeFrame:
    """The time frame ``question`` asks about, with relative phrases resolved against ``now``."""
    latest = bool(_LATEST.search(question))
    for pattern, window in _RULES:
        match = pattern.search(question)
        if match:
            since, until = window(match, now)
            if since is not None and since > now:
                break  # a time still to come ("added in 2026"): reported on before it, no window
            if until is not None and until > now:
                until = now
            phrase = match.groupdict().get("phrase") or match.group(0)  # the time words alone
            return TimeFrame(phrase.strip(), since, until, latest)
    return TimeFrame(latest=latest)


# A full date in a sentence: "April 11, 2024", "Sept. 30, 2025", "March 2023".
_FULL_DATE = re.compile(
    rf"\b{_MONTH}\s+(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?P<year>(?:19|20)\d\d)\b"
)


def dates_told(sentence: str) -> list[date]:
    """The full dates ``sentence`` gives, each as its last day (a month's last day when it names
    no day): "On April 11, 2024, the agency opened …" gives 2024-04-11."""
    told = []
    for found in _FULL_DATE.finditer(sentence):
        year, month = int(found.group("year")), _MONTHS[found.group("month").lower()]
        try:
            told.append(
                date(year, month, int(found.group("day"))) if found.group("day") else _month_end(year, month)
            )
        except ValueError:
            continue
    return told
