"""Words that name the same place (a country or region, its people's adjective, its short form),
and names said in full or by their initials ("artificial intelligence" and "AI").

A question about "a Japanese city" is answered by an article about Japan, "the US" by one
that says "American", "Greece" by one that says "Greek". Quote answers compare the question's
words with an article's, so each group below counts as one word. Terms are compared after
``content_terms`` (lower case, stemmed), so a group is written in plain words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from index.text import content_terms, fold, stopwords

__all__ = ["expand", "other_words", "people_word", "said_short", "same_act", "same_place"]

# One group per line: the place first, then the words for its people or its short forms.
_GROUPS = """
america american americans US usa
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


def _grouped(lines: str) -> dict[str, frozenset[str]]:
    """Each term of ``lines`` (one group of words a line), to every term of its groups."""
    index: dict[str, frozenset[str]] = {}
    for line in lines.strip().splitlines():
        group = frozenset(t for word in line.split() for t in content_terms(word))
        for term in group:
            index[term] = index.get(term, frozenset()) | group
    return index


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[str]]:
    return _grouped(_GROUPS)


# Short forms in the groups that name the place itself, not its people.
_SHORT = frozenset(["us", "usa", "uk", "eu", "england", "holland", "saudi", "philippine"])


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    firsts = {content_terms(line.split()[0])[0] for line in _GROUPS.strip().splitlines()}
    # (the short forms as they are too: "us" is a stopword to ``content_terms``, yet "U.S." is "us")
    return frozenset(firsts | _SHORT | {t for word in _SHORT for t in content_terms(word)})


def people_word(term: str) -> bool:
    """Whether ``term`` names a place's people or is its adjective ("chinese", "greek"), not
    the place ("china")."""
    return term in _index() and term not in _places()


def same_place(term: str) -> frozenset[str]:
    """Every term naming the same place as ``term`` (itself included; empty if none)."""
    return _index().get(term, frozenset())


# How the word for a place's people is made from its name where the groups above do not list
# it: "Yemen" and "Yemeni", "Oman" and "Omani", "Libya" and "Libyan", "Sudan" and "Sudanese".
_PEOPLE_ENDINGS = ("ian", "ese", "an", "i", "n")


def _people_forms(term: str) -> set[str]:
    """The words ``term`` may be the place or the people of, by the usual endings."""
    if not term.isalpha() or len(term) < 4:
        return set()
    forms = {term + ending for ending in _PEOPLE_ENDINGS}
    forms |= {term[: -len(e)] for e in _PEOPLE_ENDINGS if term.endswith(e) and len(term) - len(e) >= 4}
    return forms


def expand(terms: Iterable[str]) -> frozenset[str]:
    """``terms`` and every term naming the same place as one of them, listed above or made
    by the usual endings ("yemeni" brings "yemen")."""
    out = set(terms)
    for term in list(out):
        out |= same_place(term) or _people_forms(term)
    return frozenset(out)


# -- initials ---------------------------------------------------------------------------------
_INITIALS = re.compile(r"\b[A-Z]{2,6}(?=s?\b)")
# Small words a name's initials skip: "Department of Government Efficiency" is DOGE.
_SKIPPED = frozenset(["of", "and", "for", "the", "on", "&"])


@lru_cache(maxsize=4096)
def _spelt(initials: str, text: str) -> str | None:
    """The words of ``text`` whose first letters are ``initials`` ("artificial intelligence"
    for "AI"), small words between them skipped, or None."""
    skip = rf"(?:(?:{'|'.join(_SKIPPED)})\s+)*"
    parts = [rf"{letter}[\w’'-]*" for letter in initials.lower()]
    pattern = rf"\b{parts[0]}" + "".join(rf"\s+{skip}{part}" for part in parts[1:]) + r"\b"
    for match in re.finditer(pattern, fold(text), re.IGNORECASE):
        # all capitalised or all lower case, no stopword: "Ukraine says" is not what "US"
        # stands for, nor "at issue" what "AI" does
        words = [w for w in match.group(0).split() if w.lower() not in _SKIPPED]
        if len({w[0].isupper() for w in words}) == 1 and not any(w.lower() in stopwords() for w in words):
            return match.group(0)
    return None


@lru_cache(maxsize=1024)
def _initials_in(text: str) -> frozenset[str]:
    return frozenset(_INITIALS.findall(text))


@lru_cache(maxsize=4096)
def said_short(question: str, text: str) -> frozenset[str]:
    """The question's terms that ``text`` gives in other letters: by initials the question
    spells out ("AI" for "artificial intelligence", "EPA" for the Environmental Protection
    Agency), or in full where the question uses initials ("the National Football League" for
    "NFL")."""
    out: set[str] = set()
    for initials in _initials_in(text):
        if words := _spelt(initials, question):
            out |= set(content_terms(words))
    for initials in _initials_in(question):
        if _spelt(initials, text):
            out |= set(content_terms(initials))
    return frozenset(out)


# -- words for one act or thing -------------------------------------------------------------
# A question and the sentence that answers it often name one act in two words: "What does
# Russia want to buy?" is answered by "Russia would increase its purchases of …", "When was
# Putin welcomed?" by "On Thursday morning, Xi received Putin …". One group per line.
_SAME_ACT = """
buy bought purchase acquire
host welcome receive meet met meeting
newspaper tabloid daily
die died killed death dead
arrest arrested detain detained
ban banned prohibit
quit resign
defeat beat
won win winner victory
sue lawsuit
ally allies alliance allied
invade invaded invasion
visit trip travel
weapon arms arsenal
want desire wish
"""


@lru_cache(maxsize=1)
def _acts() -> dict[str, frozenset[str]]:
    return _grouped(_SAME_ACT)


def same_act(wanted: Iterable[str], present: Iterable[str]) -> frozenset[str]:
    """The ``wanted`` terms that ``present`` holds in another word for the same act or thing
    ("buy" where it says "purchases")."""
    held = frozenset(present)
    acts = _acts()
    return frozenset(t for t in wanted if t not in held and acts.get(t, frozenset()) & held)


def other_words(word: str) -> list[str]:
    """The words listed for the same act or thing as ``word`` ("tabloid" for "newspaper")."""
    lower = word.lower()
    return [
        w
        for line in _SAME_ACT.strip().splitlines()
        if lower in line.split()
        for w in line.split()
        if w != lower
    ]
