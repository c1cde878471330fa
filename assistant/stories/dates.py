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
_WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WEEKDAY = rf"(?P<wd>{_WEEKDAY_NAMES})"
# "May" and "March" as months only when capitalised (they are also verbs); the rest in any case.
_MONTH = (
    r"(?P<month>May|March|(?i:january|february|april|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec))\.?"
)
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_AHEAD = re.compile(
    r"\b(?:will|would|shall|is\s+(?:set|due|expected|scheduled|slated|planning)|are\s+(?:set|due|expected|"
    r"scheduled|slated|planning)|plans?\s+to|to\s+be\s+held|upcoming|ahead\s+of|next|may|might|"
    r"(?:expected|due|scheduled|slated|set)\s+to)\b",
    re.IGNORECASE,
)
_AHEAD_REACH = 80  # the clause before a date phrase can make it future ("will vote on")
_AHEAD_AFTER = re.compile(r"^(?:\s+(?:night|morning|afternoon|evening))?\s+(?:will|is\s+expected|is\s+set)\b")
_CLAUSE_END = re.compile(r"[,;:—]|\bsaid\b|\bsays\b")
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}  # fmt: skip

Resolver = Callable[[re.Match[str], date, bool], tuple[date, str] | None]


def _year_for(month: int, day: int, published: date, ahead: bool) -> date | None:
    """The month and day in the year the sentence means: the latest on or before publication
    (a week's grace for dates written in advance), or with ``ahead`` the first on or after it."""
    grace = timedelta(days=7)
    for year in (
        (published.year - 1, published.year, published.year + 1)
        if ahead
        else (published.year + 1, published.year, published.year - 1)
    ):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if (ahead and candidate >= published - timedelta(days=1)) or (
            not ahead and candidate <= published + grace
        ):
            return candidate
    return None


def _month_day(m: re.Match[str], published: date, ahead: bool) -> tuple[date, str] | None:
    month, day = _MONTHS[m.group("month").lower()], int(m.group("day"))
    if m.group("year"):
        try:
            return date(int(m.group("year")), month, day), "day"
        except ValueError:
            return None
    weekday = (m.groupdict().get("on") or "").lower()
    if weekday:  # "Wednesday, July 3": the year, near publication, where it falls on a Wednesday
        for year in (published.year, published.year + 1, published.year - 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if candidate.weekday() == _DAYS[weekday]:
                return candidate, "day"
    found = _year_for(month, day, published, ahead)
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
    elif not ahead and (month > published.month or (m.group("lead") or "").lower() == "last"):
        year -= 1
    return date(year, month, 1), "month"


def _years_back(m: re.Match[str], published: date, ahead: bool) -> tuple[date, str] | None:
    count = (m.groupdict().get("n") or "1").lower()
    n = int(count) if count.isdigit() else _NUMBER_WORDS.get(count, 1)
    return date(published.year - n, 1, 1), "year"


def _in_year(m: re.Match[str], published: date, ahead: bool) -> tuple[date, str] | None:
    return date(int(m.group("y")), 1, 1), "year"


_I = re.IGNORECASE
_RELATIVE = r"last|next|this\s+past|this|on|late|early"
_COUNT = "|".join(_NUMBER_WORDS)
_MONTH_LEAD = r"in|during|from|of|early|late|mid-?|last|this\s+past|back\s+in"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# Tried in order; the earliest match in the sentence wins, ties go to the rule listed first.
_RULES: list[tuple[re.Pattern[str], Resolver]] = [
    (re.compile(rf"\b(?:(?P<on>{_WEEKDAY_NAMES}),?\s+)?{_MONTH}\s+{_DAY}\b{_YEAR}"), _month_day),
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
    (re.compile(rf"\b(?P<lead>{_MONTH_LEAD})\s+{_MONTH}{_YEAR}\b(?!\s+\d)"), _in_month),
    (re.compile(rf"\b{_MONTH}(?:\s+of)?\s+(?P<year>(?:19|20)\d\d)\b"), _in_month),
    (re.compile(r"\b(?:last|previous)\s+year\b", _I), _years_back),
    (re.compile(rf"\b(?P<n>\d+|{_COUNT})\s+years?\s+ago\b", _I), _years_back),
    (re.compile(r"\b(?:in|during)\s+(?P<y>(?:19|20)\d\d)\b", _I), _in_year),
]  # fmt: skip


_SINCE = re.compile(
    r"\b(?:since|down\s+from|up\s+from|compared\s+(?:with|to))\b(?:(?!,\s|[;:]).)*$", re.IGNORECASE
)
_FAR, _NEAR = 365, 31  # days from publication: a background date, and the news it frames


def _background(sentence: str, start: int) -> bool:
    """A date in a "since ..." or "down from ..." clause dates the comparison, not the event
    ("the first since the Pointer Sisters won in 1975")."""
    return bool(_SINCE.search(sentence, max(0, start - 80), start))


def _ahead(sentence: str, match: re.Match[str]) -> bool:
    """Whether the clause a date is in looks forward: "will vote on Tuesday", "Tuesday will
    be"; "said Tuesday it will" is past (the clause before the date ends at "said")."""
    before = sentence[max(0, match.start() - _AHEAD_REACH) : match.start()]
    clause = _CLAUSE_END.split(before)[-1]
    return bool(_AHEAD.search(clause) or _AHEAD_AFTER.match(sentence[match.end() :]))


def _candidates(sentence: str, published: date | None) -> list[EventDate]:
    """Every date the sentence gives, in the order they appear (overlaps: the earlier rule)."""
    found: list[tuple[int, int, EventDate]] = []
    taken: list[tuple[int, int]] = []
    for order, (pattern, resolve) in enumerate(_RULES):
        for match in pattern.finditer(sentence):
            if _background(sentence, match.start()) or any(
                match.start() < e and s < match.end() for s, e in taken
            ):
                continue
            absolute = resolve in (_iso, _in_year) or (
                resolve in (_month_day, _in_month) and bool(match.group("year"))
            )
            if published is None and not absolute:
                continue
            day = resolve(match, published or date.min, _ahead(sentence, match))
            if day is not None:
                taken.append((match.start(), match.end()))
                found.append((match.start(), order, EventDate(day[0], day[1], match.group(0).strip())))
    return [event for _, _, event in sorted(found, key=lambda f: (f[0], f[1]))]


def event_date(sentence: str, published: date | None) -> EventDate | None:
    """The date ``sentence`` gives for what it reports, resolved against ``published``.

    The first date in the sentence, unless it lies more than a year from publication and
    another day lies within a month of it: "who stormed the Capitol on Jan. 6, 2021, expected
    pardons Monday" reports Monday's news. None when the sentence names no date (the caller
    falls back to the publication date), or only dates that need a publication date it lacks.
    """
    dates = _candidates(sentence, published)
    if not dates:
        return None
    first = dates[0]
    if published is not None and first.precision == "day" and abs((first.day - published).days) > _FAR:
        near = [d for d in dates[1:] if d.precision == "day" and abs((d.day - published).days) <= _NEAR]
        if near:
            return near[0]
    return first
