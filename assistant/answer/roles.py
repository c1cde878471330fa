"""Who does what to whom: a sentence that says the question's act the other way round, or of
another party under a name like the asked one's.

"How has Russia benefited from China?" is not answered by "China has also benefited from
Russia's diplomatic support": the same names and the same verb, the roles swapped. A question
that names one party before its verb and another after it is read against a sentence with that
verb: when the sentence puts the second party before the verb and the first after it, it says
the reverse. A passive ("Russia was helped by China") keeps the roles and is not read so.

Namesakes: "Indian River Inlet" is not "Sebastian Inlet", "Vanessa Trump" not "Melania Trump", the
"Carabao Cup" not the "FA Cup", "North Korea" not "South Korea". A sentence that names one of
these where the question names the other, and has no word of what sets the question's apart
("Indian River", "Vanessa", "Carabao"), speaks of the other one. Titles and words that say what
a name is ("President", "Hurricane", "Mount") set nothing apart: "President Trump" is "Donald
Trump", "Hurricane Erin" is "Tropical Storm Erin".

Another country's: "Russia's news agency" is not "China's official state news agency Xinhua",
nor is a "Chinese" one "Russian news agency Tass". A sentence that gives the thing a question
asks for ("which Chinese news agency", "the name of Russia's news agency", "who is Russia's
leader") to another country, and never to the question's, speaks of the other's.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from index.text import TITLES, WORD, content_terms, fold, stopwords, strip_possessive, word_set

from .aliases import expand, people_word, same_place

__all__ = ["namesake", "other_country", "other_thing", "owner_apart", "reverses"]

_BY = re.compile(r"[\w’'-]+\s+by\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _stems(text: str) -> list[tuple[int, str]]:
    """Each word's stem with the word's start, stopwords left out."""
    out = []
    for m in WORD.finditer(text):
        terms = content_terms(m.group(0))
        if terms:
            out.append((m.start(), terms[0]))
    return out


# "How did Russia help China?": the word after an auxiliary and the name it asks about is a verb.
_DO_NAME_VERB = re.compile(
    r"\b(?:did|does|do|will|would|can|could|should|might|may)\s+(?:[A-Z][\w’'.-]*\s+)+(?P<verb>[a-z]+)\b"
)


def _verbs(question: str) -> list[str]:
    """The stems of the question's words that read as verbs: "benefited", "supplied", "help"
    after "did Russia" (a noun between two names, "a Ken doll made by Mattel", is none)."""
    words = [m.group(0) for m in WORD.finditer(question) if re.fullmatch(r"[a-z]+(?:ed|ied)", m.group(0))]
    words += [m.group("verb") for m in _DO_NAME_VERB.finditer(question)]
    return [terms[0] for word in words if (terms := content_terms(word))]


def _roles(text: str, verb: str, names: Collection[str]) -> tuple[str | None, str | None, int] | None:
    """The name nearest before the first ``verb`` of ``text``, the nearest after it, and where
    the verb stands; None when ``text`` has no such verb."""
    stems = _stems(text)
    at = next((i for i, (_, stem) in enumerate(stems) if stem == verb), None)
    if at is None:
        return None
    # ("Chinese support for Russia": the people's word is the place's name)
    named = [(start, _as_named(stem, names)) for start, stem in stems]
    before = next((name for _, name in reversed(named[:at]) if name), None)
    after = next((name for _, name in named[at + 1 :] if name), None)
    if before is None and (ahead := _AHEAD.match(text)) and ahead.end() <= stems[at][0]:
        # "As it has helped Russia withstand …, China has offered …": "it" is the name the
        # sentence's main clause opens with, after the comma.
        comma = text.find(",", stems[at][0])
        before = next((name for start, name in named if name and start > comma), None) if comma > 0 else None
    return before, after, stems[at][0]


def _as_named(stem: str, names: Collection[str]) -> str | None:
    """The one of ``names`` that ``stem`` is, itself or a word for the same place."""
    if stem in names:
        return stem
    return next((name for name in sorted(same_place(stem) & set(names))), None)


# A clause put before the main one whose doer is a pronoun for the main clause's subject.
_AHEAD = re.compile(
    r"^\s*(?:As|While|Although|Though|Since|After|Before|Because|When|Once|Having)\s+(?:it|they|he|she)\b"
)
# A name's act said as a noun it owns, the act's doer: "Russia’s diplomatic support", "China's help".
_POSSESSED = re.compile(r"[A-Z][\w-]*[’']s\s+(?:[a-z]+\s+)?$")


def _passive(text: str, at: int) -> bool:
    """Whether the verb at ``at`` is passive: after "was"/"is"…, or before "by"."""
    return bool(_PASSIVE.search(text[:at]) or _BY.match(text, at))


def reverses(question: str, sentence: str, entities: Collection[str]) -> bool:
    """Whether ``sentence`` says the act ``question`` asks about with its parties swapped: the
    question's ``entities`` (its capitalised names) before and after a verb of the question,
    the other way round in the sentence."""
    names = {t for e in entities for t in content_terms(e)}
    if len(names) < 2:
        return False
    for verb in _verbs(question):
        if verb in names:
            continue
        asked = _roles(question, verb, names)
        said = _roles(sentence, verb, names)
        if asked is None or said is None or None in asked[:2] or asked[0] == asked[1]:
            continue
        if _passive(sentence, said[2]) or _passive(question, asked[2]):
            return False  # "Russia was helped by China", "How is China framed by Xi?"
        if said[1] is None and said[0] == asked[1] and _POSSESSED.search(sentence[: said[2]]):
            return True  # "Russia's diplomatic support" for "How did China support Russia?"
        return said[0] == asked[1] and said[1] == asked[0]
    return False


# -- namesakes ------------------------------------------------------------------------------
_CAPITALISED = r"[A-Z][\w’'.&-]*"
_RUN = re.compile(rf"{_CAPITALISED}(?:\s+{_CAPITALISED})+")
# Words that say what kind of thing a name is, not which one.
_KIND_WORDS = word_set(
    "hurricane storm tropical typhoon cyclone wildfire mount mt lake river fort saint st cape port"
)
# Words capitalised for opening a sentence or a quotation, which are no part of a name: "“Given
# Russia’s current successes …", "Despite Portugal's loss …" (the stopwords are not either).
_OPENERS = word_set(
    """given despite following amid amidst although though unlike according including regarding
    considering beyond within across among unless whether yet still also even meanwhile however
    moreover thus hence instead perhaps besides"""
)


def _plain(word: str) -> str:
    return fold(strip_possessive(word)).lower().rstrip(".")


def _sets_apart(word: str) -> bool:
    plain = _plain(word)
    return plain not in TITLES and plain not in stopwords() and plain not in _KIND_WORDS | _OPENERS


# Verbs that open a yes-or-no question and are no stopwords: "Could Russia's successes …?"
_OPENING_VERBS = word_set("could would may might must shall")


def _names(question: str) -> list[list[str]]:
    """The question's names of two words or more, as words, possessives dropped, without a
    question word or small word that opens a sentence ("Which Marvel star", "Could Russia":
    none)."""
    names = []
    for run in _RUN.finditer(question):
        words = [strip_possessive(w) for w in run.group(0).split()]
        while words and (_plain(words[0]) in stopwords() or _plain(words[0]) in _OPENING_VERBS):
            words = words[1:]
        if len(words) >= 2:
            names.append(words)
    return names


def namesake(question: str, sentence: str) -> str | None:
    """The name in ``sentence`` of another thing than one the question names ("Sebastian Inlet"
    for "Indian River Inlet"), or None."""
    said = _plain(sentence)
    asked = {_plain(w) for w in question.split()}
    for words in _names(question):
        head, marks = words[-1], [w for w in words[:-1] if _sets_apart(w)]
        if not marks or any(re.search(rf"\b{re.escape(_plain(m))}\b", said) for m in marks):
            continue
        for found in re.finditer(rf"\b({_CAPITALISED})\s+{re.escape(head)}\b", sentence):
            other = found.group(1)
            if _sets_apart(other) and _plain(other) not in asked:
                return f"{other} {head}"
    return None


# The asked thing, owned by a country: "Which Chinese news agency …", "… the name of Russia's
# news agency?", "Who is Russia's leader?" (the owner, then up to three words in lower case).
_OWNED_ASKED = re.compile(
    r"(?:^\s*(?i:which|what)|\b(?i:name)\s+of(?:\s+the)?|^\s*(?i:who|what)\s+(?:is|was|are|were)(?:\s+the)?)"
    r"\s+(?P<owner>[A-Z][\w’'.-]*)\s+(?P<thing>(?:[a-z][\w-]*\s*){1,3})"
)
# … or said of it after: "Which news agency is Chinese?"
_OWNED_AFTER = re.compile(
    r"^\s*(?i:which|what)\s+(?P<thing>(?:[a-z][\w-]*\s+){1,3}?)(?i:is|was|are|were)\s+(?P<owner>[A-Z][\w’'.-]*)"
    r"[\s?.!]*$"
)
_CAPITAL_WORD = re.compile(r"\b[A-Z][\w’'.-]*")


# Places that hold countries: "Europe's tallest volcano" may be Italy's.
_CONTINENTS = frozenset(content_terms("europe european eu africa african asia asian"))


def _country(word: str) -> frozenset[str]:
    """The terms naming the country ``word`` names or is the people of; empty for any other word."""
    terms = content_terms(strip_possessive(word))
    if len(terms) != 1 or not same_place(terms[0]) or terms[0] in _CONTINENTS:
        return frozenset()
    return expand(terms)


def other_country(question: str, sentence: str) -> str | None:
    """The other country ``sentence`` gives the asked thing to ("China's" for "the name of
    Russia's news agency"), within three words before it, when it never gives it to the
    question's; else None."""
    asked = _OWNED_ASKED.search(question) or _OWNED_AFTER.search(question)
    if asked is None or not (own := _country(asked.group("owner"))):
        return None
    things = "|".join(re.escape(w) for w in asked.group("thing").split() if w.lower() not in stopwords())
    if not things:
        return None
    others = []
    for word in _CAPITAL_WORD.finditer(sentence):
        if not re.match(rf"\s+(?:[\w’'-]+\s+){{0,3}}?(?:{things})\b", sentence[word.end() :]):
            continue
        country = _country(word.group(0))
        if country & own:
            return None
        if country:
            others.append(strip_possessive(word.group(0)))
    return others[0] if others else None


def other_thing(question: str, sentence: str) -> str | None:
    """What ``sentence`` speaks of instead of what the question names: a namesake ("Sebastian
    Inlet") or another country's thing ("China"); None when it speaks of the question's."""
    return namesake(question, sentence) or other_country(question, sentence)


# "the Chinese leader", "China’s leader": a people's word, or a country's name owning it, right
# before a noun (not "what did the U.S. draft?", where the word after the country is a verb).
_OWNED_NOUN = re.compile(r"\b(?P<owner>[A-Z][\w.]*?)(?P<owns>[’']s)?\s+(?P<noun>[a-z][\w-]+)\b")


def owner_apart(question: str, sentence: str) -> bool:
    """Whether ``sentence`` holds a noun the question gives a country ("Who is the Chinese
    leader?") only apart from it: "The two leaders … purchases of Chinese electric vehicles"
    has "leaders" and "Chinese", but not the Chinese leader. A sentence that has the noun
    within four words after the country's word, or "<noun> of <country>", keeps it."""
    words = WORD.findall(sentence)
    for match in _OWNED_NOUN.finditer(question):
        terms = content_terms(match.group("owner"))
        owner = set().union(*(same_place(t) for t in terms))
        noun = set(content_terms(match.group("noun")))
        if not owner or not noun or not (match.group("owns") or any(people_word(t) for t in terms)):
            continue
        spots = [i for i, w in enumerate(words) if set(content_terms(w)) & noun]
        if spots and not any(_owned_at(words, i, owner) for i in spots):
            return True
    return False


def _owned_at(words: list[str], at: int, owner: set[str]) -> bool:
    before = {t for w in words[max(0, at - 4) : at] for t in content_terms(w)}
    after = [w.lower() for w in words[at + 1 : at + 4]]
    of_owner = bool(after) and after[0] == "of" and any(set(content_terms(w)) & owner for w in after[1:])
    return bool(before & owner) or of_owner
