"""Numbered things: a sentence that gives another number for what the question numbers speaks
of another one.

"The 149th Westminster show" is not answered by "the 148th annual Westminster show", "2024
income tax returns" not by "2023 federal income tax returns", "a 5.2 magnitude earthquake" not
by "a 5.3 magnitude earthquake", "11 Yemeni detainees" not by "500 detainees". A number is
tied to the words right after it (two at most, up to the first small word or mark); a
sentence conflicts with the question when it ties a different number to one of those words
and the question's number to none. A year and an ordinal do not conflict: "the 2025 Emmys"
may well be "the 77th Emmys".

Sums of money are read as values ("$1.2bn" is "$1.2 billion"). A question that names a sum
without asking for one ("a pay package worth $1 trillion") is not answered by a sentence whose
sums are all far from it ("a compensation plan worth more than $55 billion"): that is another
deal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.text import content_terms

__all__ = ["Conflict", "close_sums", "other_number", "other_sum", "sums_in"]

_TOKEN = re.compile(r"[$£€]?\d+(?:[.,]\d+)*(?:st|nd|rd|th)?%?|[^\W\d_][\w'’-]*|[^\w\s]")
_NUMBER = re.compile(r"[$£€]?(\d+(?:[.,]\d+)*)(?:st|nd|rd|th)?(%?)")
_PERCENT = re.compile(r"(\d)\s*(?:percent|per\s+cent)\b", re.IGNORECASE)
_FOLLOWING = 2  # content words a number is tied to
# Words that many different numbers stand before in one report ("21 people were injured" and
# "80 people were on board"): no sign of another event.
_COMMON = frozenset(
    content_terms(
        "people persons residents passengers members year years month months week weeks day days "
        "hour hours minute minutes second seconds time times percent hundred thousand million "
        "billion trillion dollars euros pounds cents miles kilometers km feet meters"
    )
)


@dataclass(frozen=True)
class Conflict:
    """The sentence's ``theirs`` where the question has ``ours``, both before ``word``."""

    word: str
    ours: str
    theirs: str


def _value(token: str) -> str:
    found = _NUMBER.fullmatch(token)
    assert found is not None
    number = re.sub(r",(?=\d{3}\b)", "", found.group(1))
    return number + ("%" if found.group(2) else "")


def _ties(text: str) -> dict[tuple[str, str], tuple[str, str]]:
    """(value, term) -> (the number as written, the word as written), for each number and the
    content words right after it."""
    tokens = _TOKEN.findall(_PERCENT.sub(r"\1%", text))
    ties: dict[tuple[str, str], tuple[str, str]] = {}
    for i, token in enumerate(tokens):
        if not _NUMBER.fullmatch(token):
            continue
        for word in tokens[i + 1 : i + 1 + _FOLLOWING]:
            terms = content_terms(word)
            if not terms or _NUMBER.fullmatch(word):  # "10 nominations for the American ...": ends
                break
            if terms[0] not in _COMMON:
                ties.setdefault((_value(token), terms[0]), (token, word))
    return ties


_YEAR = re.compile(r"(?:1[89]|2[01])\d\d")
_ORDINAL = re.compile(r".*\d(?:st|nd|rd|th)")


def _comparable(ours: str, theirs: str) -> bool:
    """Whether two numbers before one word can name different ones of it: not a year and an
    ordinal ("the 2025 Emmys" are "the 77th Emmys")."""
    year = (bool(_YEAR.fullmatch(ours)), bool(_YEAR.fullmatch(theirs)))
    ordinal = (bool(_ORDINAL.fullmatch(ours)), bool(_ORDINAL.fullmatch(theirs)))
    return not ((year[0] and ordinal[1]) or (ordinal[0] and year[1]))


def other_number(question: str, sentence: str) -> Conflict | None:
    """The first number ``sentence`` gives for a thing ``question`` numbers otherwise, or None."""
    asked = _ties(question)
    if not asked:
        return None
    given = _ties(sentence)
    tied = {v for v, _ in given}
    for (value, term), (ours, word) in asked.items():
        if value in tied:  # "a 25 percent tariff" for "a 25% duty": the same figure, other words
            continue
        theirs = next(
            (t for (v, w), (t, _) in given.items() if w == term and v != value and _comparable(ours, t)),
            None,
        )
        if theirs is not None:
            return Conflict(word, ours, theirs)
    return None


# A sum of money: "$1 trillion", "£2bn", "$62,000", "1.2 billion euros".
_SUM = re.compile(
    r"[$£€¥]\s?(?P<n>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<scale>trillion|billion|million|thousand|bn|m|k)\b)?"
    r"|\b(?P<n2>\d[\d,]*(?:\.\d+)?)\s*(?P<scale2>trillion|billion|million|thousand|bn|m)?\s*"
    r"(?:dollars|euros|pounds|yuan|yen)\b",
    re.IGNORECASE,
)
_SCALE = {"trillion": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3}
# How far apart two sums may be and still be one, as told in rounder words ("nearly $1.8
# billion" for "$1.78 billion"); the same sum in two texts is given to within half a percent.
_ROUNDED = 0.1
_SAME = 0.005


def _sum_value(match: re.Match[str]) -> float | None:
    number = (match.group("n") or match.group("n2") or "").replace(",", "")
    scale = (match.group("scale") or match.group("scale2") or "").lower()
    try:
        return float(number) * _SCALE.get(scale, 1.0)
    except ValueError:
        return None


def sums_in(text: str) -> dict[str, float]:
    """Each sum of money in ``text`` as written, with its value."""
    return {m.group(0).strip(): value for m in _SUM.finditer(text) if (value := _sum_value(m))}


def close_sums(a: float, b: float, within: float = _SAME) -> bool:
    """Whether two sums are one, to within a share ``within`` of the larger."""
    return abs(a - b) <= within * max(a, b)


_CURRENCY = {
    "$": "dollar",
    "£": "pound",
    "€": "euro",
    "¥": "yen",
    "dollars": "dollar",
    "pounds": "pound",
    "euros": "euro",
    "yen": "yen",
    "yuan": "yuan",
}


def _currency(written: str) -> str:
    """ "dollar" for "$5" and "5 dollars" alike."""
    word = written[0] if written[0] in "$£€¥" else written.split()[-1].lower()
    return _CURRENCY.get(word, "")


def other_sum(question: str, sentence: str) -> Conflict | None:
    """The sentence's first sum where each of its sums is far from every sum the question names
    in that currency ("$55 billion" for "$1 trillion"), or None. For questions that do not ask
    for a sum. (A sum in another currency may be the same one converted.)"""
    asked = sums_in(question)
    given = {w: v for w, v in sums_in(sentence).items() if any(_currency(w) == _currency(a) for a in asked)}
    if not asked or not given:
        return None
    if any(close_sums(a, b, _ROUNDED) for a in asked.values() for b in given.values()):
        return None
    return Conflict("", next(iter(asked)), next(iter(given)))
