"""What kind of answer a question asks for, and whether a sentence holds one.

"How many people died?" is not answered by a sentence on the topic without a figure, "when"
by one without a date, "which city" or "who" by one that names nobody the question does not
already name. Quote-based answers prefer sentences that hold the kind asked for, and refuse
when none of the retrieved ones does, instead of quoting the topic back.

    amount   how many / how much / how long / what percentage ...   a figure
    date     when / what year / which day ...                        a date or time
    name     who / whose / which <noun> / what <organisation> ...     a name not in the question
"""

from __future__ import annotations

import re

from index.text import TITLES, content_terms, undot

__all__ = ["asked", "describe", "holds"]

_AMOUNT = re.compile(
    r"^(?:.*\b)?(?:how\s+(?:many|much|long|old|far|big|large|tall|high|fast|often)"
    r"|what\s+(?:percentage|percent|share|proportion|number|amount|price|cost|sum|total|age|rate|size)"
    r"|by\s+how\s+much)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"^\s*(?:when\b|since\s+when\b|(?:on|in|by)?\s*(?:what|which)\s+(?:year|date|day|month|time|decade)\b)",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"^\s*(?:who|whom|whose)\b|\b(?:which|what)\s+(?!type\b|kind\b|sort\b|way\b)(?:[\w'-]+\s+){0,3}?"
    r"(?:city|country|state|town|nation|capital|company|firm|organi[sz]ation|group|team|club|party|person|"
    r"man|woman|player|actor|actress|singer|comedian|artist|leader|president|minister|app|film|movie|"
    r"show|brand|university|school|agency|airline|bank|band|veteran|star|celebrity|politician|senator|"
    r"governor|official|candidate|athlete|island|region|province|county|territory|network)s?\b"
    r"|\bwhat\s+is\s+the\s+name\b",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|twice|double|tripled?|percent)\b",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"\b(?:(?:19|20)\d\d|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|today|yesterday|tomorrow|tonight|ago|(?:last|next|this)\s+(?:week|month|year|"
    r"weekend|spring|summer|fall|autumn|winter)|\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?)\b"
)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’&.-]*")


def asked(question: str) -> str | None:
    """The kind of answer ``question`` asks for: "amount", "date", "name", or None."""
    if _AMOUNT.search(question):
        return "amount"
    if _DATE.search(question):
        return "date"
    if _NAME.search(question):
        return "name"
    return None


def describe(kind: str) -> str:
    return {"amount": "a figure", "date": "a date", "name": "a name"}.get(kind, "an answer")


def holds(kind: str | None, sentence: str, question: str) -> bool:
    """Whether ``sentence`` holds an answer of ``kind`` (a name: one the question does not hold)."""
    if kind == "amount":
        return bool(_FIGURE.search(sentence))
    if kind == "date":
        return bool(_WHEN.search(sentence))
    if kind == "name":
        known = set(content_terms(question))
        for match in _CAPITALISED.finditer(undot(sentence)):
            word = match.group(0).rstrip(".")
            terms = content_terms(word)
            if word.lower() not in TITLES and terms and not set(terms) <= known and not _WHEN.match(word):
                return True
        return False
    return True
