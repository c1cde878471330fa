"""Words that name the same place: a country or region, its people's adjective, its short form.

A question about "a Japanese city" is answered by an article about Japan, "the US" by one
that says "American", "Greece" by one that says "Greek". Quote answers compare the question's
words with an article's, so each group below counts as one word. Terms are compared after
``content_terms`` (lower case, stemmed), so a group is written in plain words.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from index.text import content_terms

__all__ = ["expand", "people_word", "same_place"]

# One group per line: the place first, then the words for its people or its short forms.
_GROUPS = """
america american americans us usa
britain british briton britons uk england
scotland scottish scots
wales welsh
ireland irish
europe european europeans eu
japan japanese
china chinese
korea korean koreans
taiwan taiwanese
vietnam vietnamese
india indian indians
pakistan pakistani pakistanis
bangladesh bangladeshi
afghanistan afghan afghans
iran iranian iranians
iraq iraqi iraqis
israel israeli israelis
palestine palestinian palestinians
lebanon lebanese
syria syrian syrians
jordan jordanian
egypt egyptian egyptians
saudi saudis
turkey turkish turks
greece greek greeks
cyprus cypriot
italy italian italians
spain spanish spaniards
portugal portuguese
france french
germany german germans
netherlands dutch holland
belgium belgian
switzerland swiss
austria austrian
denmark danish danes
sweden swedish swedes
norway norwegian norwegians
finland finnish finns
iceland icelandic
poland polish
hungary hungarian
romania romanian
ukraine ukrainian ukrainians
russia russian russians
belarus belarusian
serbia serbian serbs
croatia croatian
canada canadian canadians
mexico mexican mexicans
cuba cuban cubans
haiti haitian haitians
venezuela venezuelan venezuelans
colombia colombian
brazil brazilian brazilians
argentina argentine argentinian
chile chilean
peru peruvian
australia australian australians
zealand
africa african africans
nigeria nigerian nigerians
kenya kenyan kenyans
ethiopia ethiopian
sudan sudanese
somalia somali
congo congolese
philippines filipino filipinos philippine
indonesia indonesian
malaysia malaysian
thailand thai
singapore singaporean
myanmar burmese
"""


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[str]]:
    index: dict[str, frozenset[str]] = {}
    for line in _GROUPS.strip().splitlines():
        group = frozenset(t for word in line.split() for t in content_terms(word))
        for term in group:
            index[term] = index.get(term, frozenset()) | group
    return index


# Short forms in the groups that name the place itself, not its people.
_SHORT = frozenset(["us", "usa", "uk", "eu", "england", "holland", "saudi", "philippine"])


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    firsts = {content_terms(line.split()[0])[0] for line in _GROUPS.strip().splitlines()}
    return frozenset(firsts | {t for word in _SHORT for t in content_terms(word)})


def people_word(term: str) -> bool:
    """Whether ``term`` names a place's people or is its adjective ("chinese", "greek"), not
    the place ("china")."""
    return term in _index() and term not in _places()


def same_place(term: str) -> frozenset[str]:
    """Every term naming the same place as ``term`` (itself included; empty if none)."""
    return _index().get(term, frozenset())


def expand(terms: Iterable[str]) -> frozenset[str]:
    """``terms`` and every term naming the same place as one of them."""
    out = set(terms)
    for term in list(out):
        out |= same_place(term)
    return frozenset(out)
