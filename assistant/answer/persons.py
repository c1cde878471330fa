"""Whether a question may be answered by a person's name, and whether a name is a person's.

"Which party pulled off a surprise victory in Greenland's election?" is not answered by
"Trump has floated the idea of buying Greenland since his election victory": the name a week of
news holds most is often a president's, and a person is no party, app or country. A name is
taken for a person's when the articles write it after a person's title ("President Donald
Trump", "Gov. Gavin Newsom"); a question asks for a person with "who" or a noun for people
("which rapper", "which literary figure").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from index.text import word_set

from .referents import asked_noun

__all__ = ["asks_for_people", "asks_person", "person"]

# A person's title, written before their name ("President Donald Trump", "Gov. Gavin Newsom").
_PERSONAL_TITLE = (
    r"(?:President|Sen|Senator|Rep|Gov|Governor|Mayor|Dr|Mr|Mrs|Ms|Prof|Professor|Chancellor|King|Queen|"
    r"Pope|Gen|Judge|Justice|Secretary|Minister|Ambassador|Coach|Sir|Dame|Prince|Princess|Speaker|Rev)"
)
# Nouns that ask for a person ("which rapper", "which literary figure").
_PERSON_NOUNS = word_set(
    """person people man men woman women player actor actress singer comedian artist leader president
    minister veteran star celebrity politician senator governor official candidate athlete rapper musician
    author writer novelist poet figure coach quarterback executive billionaire entrepreneur judge justice
    journalist director producer pope king queen prince princess monarch general golfer swimmer skier
    boxer cyclist racer driver superstar character host chef lawmaker mayor ceo founder winner"""
)
_WHO = re.compile(r"^\s*(?:who|whom|whose)\b|\bwho\s*\?\s*$", re.IGNORECASE)


@lru_cache(maxsize=256)
def asks_person(question: str) -> bool:
    """Whether a person may answer ``question``: "who", a noun for people ("which rapper"), or
    no noun at all; not "which app", "which country", "which party"."""
    return bool(_WHO.search(question)) or not asked_noun(question) or asks_for_people(question)


@lru_cache(maxsize=256)
def asks_for_people(question: str) -> bool:
    """Whether ``question`` asks for people by a noun for them ("which two leaders", "which
    rapper"): a country is no answer to it, as it may be to "who" ("the U.S. warned Xi")."""
    noun = (asked_noun(question) or "").lower()
    return noun in _PERSON_NOUNS or noun.removesuffix("s") in _PERSON_NOUNS


@lru_cache(maxsize=1024)
def _titled(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b{_PERSONAL_TITLE}(?:-elect)?\.?\s+(?:[A-Z][\w’'.-]*\s+){{0,2}}(?i:{re.escape(name)})\b"
    )


def person(name: str, texts: Iterable[str]) -> bool:
    """Whether ``name`` (a word of it, "Trump") is a person's in ``texts``: written after a
    person's title there, up to two names between ("President Donald Trump")."""
    pattern = _titled(name)
    return any(pattern.search(text) for text in texts)
