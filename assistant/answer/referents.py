"""Sentences that refer to what a question asks for without naming it.

"Which Marvel star got engaged?" is answered in news by "The Marvel actor revealed the news in
a romantic Instagram post …", the sentence after the one that names him, and "Who was elected
president of the IOC?" by "She will also have to work closely with the United States …". The
name is in the neighbouring sentence: before it, for a pronoun or a definite description ("the
tasty item"); after it, for one just introduced ("… surprising fans with yet another special
guest." "This time: her husband, Jay-Z."). This module says which neighbour to read; the
answerer quotes the two together when that neighbour holds a name the sentence lacks.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.text import content_terms

from .aliases import other_words

__all__ = ["apposed", "asked_noun", "referent_side"]

BEFORE, AFTER = -1, 1

# A sentence that opens with a person it does not name: "She will also …", "They have …".
# (Not inside a quotation: "“They recognize …" refers within the speaker's own words.)
_PRONOUN_OPENING = re.compile(r"^(?:He|She|They|His|Her|Their)\b")
# The words that end a noun phrase: a verb ("said", "revealed", "is") or a relative pronoun.
_VERB = (
    r"(?:who|which|that|is|was|are|were|has|had|have|did|does|do|will|would|can|could|may|might|"
    r"got|gets|said|says|told|met|won|took|made|came|went|gave|held|led|ran|began|lost|sent|left|"
    r"hit|set|put|cut|saw|found|became|brought|bought|kept|paid|built|spent|sold|struck|wrote|chose|"
    r"fell|rose|grew|drew|flew|knew|shut|quit|beat|fought|caught|sought|stood|broke|spoke|stole|"
    r"drove|shot|fled|[a-z]{2,}ed)(?![\w-])"
)
# A sentence that opens with a description: "The Marvel actor revealed …", "The Looney Tunes
# villain, best known for …", "The company said …": the determiner, up to three words, and a
# noun in lower case, then a comma or a verb.
_DESCRIPTION_OPENING = re.compile(
    rf"^(?:The|This|That|These|Those)\s+(?P<words>(?:(?!{_VERB})[\w’'&.-]+\s+){{0,3}}?[a-z][\w-]*)"
    rf"(?=,|\s+{_VERB})"
)
# A sentence whose subject is the one before it: "That was the message blared through …".
_DEMONSTRATIVE_OPENING = (
    rf"^(?:This|That|These|Those)\s+{_VERB}\s+(?:(?:the|a|an|its|their)\s+)?(?:[a-z][\w-]*\s+){{0,2}}"
)
# "which special guest", "what popular item is …": the noun a "which"/"what" question asks
# for is the last word before a verb, a preposition or the question mark ("what did …" asks
# for no thing).
_ASKED_NOUN = re.compile(
    rf"\b(?i:which|what)\s+(?!{_VERB})(?P<words>(?:[\w’'-]+\s+){{0,3}}?)(?P<noun>[a-z][a-z-]+?)s?"
    rf"(?=\s*\?|\s+(?:{_VERB}|(?:of|in|on|at|to|for|from|with)\b))"
)
# Up to three words that describe a noun after "the" ("the famed Italian destination"), none
# of them a preposition or a determiner ("the government of that country" describes no country).
_MODIFIERS = (
    r"(?:(?!(?:of|that|this|these|those|in|on|at|for|to|and|or|a|an|the|from|with|by)\b)[\w’'-]+\s+){0,3}"
)
_WHO = re.compile(r"\bwho\b", re.IGNORECASE)
# "the name of the Chinese news agency": the noun named.
_NAME_OF = re.compile(
    r"\bnames?\s+of\s+(?:the|a|an|this|that|its|their|his|her)\s+(?:[\w’'-]+\s+){0,3}?"
    rf"(?P<noun>[a-z][a-z-]+?)s?(?=\s*[?.]|\s+(?:{_VERB}|that|which|who|(?:of|in|on|at|to|for|from|with)\b))"
)
# Nouns that ask for no thing of their own ("what type of …", "what is the name of …").
_NOT_NOUNS = frozenset({"kind", "type", "sort", "name", "one", "ones"})
# The asked noun at the end of a sentence, after a determiner and up to two lower-case words:
# "… for the tasty item.", "… with yet another special guest."
_DETERMINED = (
    r"\b(?P<det>(?i:the|this|that|these|those|a|an|another))\s+(?:[a-z][\w-]*\s+){{0,2}}"
    r"{noun}s?[.!?]?[\"”’']*$"
)


@lru_cache(maxsize=256)
def asked_noun(question: str) -> str | None:
    """The noun a "which"/"what" question asks for ("guest" of "with which special guest?"),
    or None."""
    if named := _NAME_OF.search(question):
        return named.group("noun").lower()  # "What is the name of the Chinese news agency?"
    m = _ASKED_NOUN.search(question)
    if m is None:
        return None
    noun = m.group("noun").lower()
    return None if noun in _NOT_NOUNS else noun


def referent_side(sentence: str, question: str) -> int:
    """Which neighbour names what ``sentence`` refers to without naming it: ``BEFORE`` for a
    sentence opening with "He"/"She"/"They" when "who" is asked, with a description of the
    asked thing ("The Marvel actor …" for "which Marvel star"), or calling the asked noun "the
    …" ("the tasty item"); ``AFTER`` for one that introduces it ("another special guest"); 0
    when it refers to nothing asked."""
    if _PRONOUN_OPENING.match(sentence):
        return BEFORE if _WHO.search(question) else 0
    noun = asked_noun(question)
    if noun is None:
        return 0
    demonstrative, subject, determined = _noun_patterns(noun)
    if demonstrative.match(sentence):
        return BEFORE  # "What message did the welcome send?": "That was the message …"
    opening = _DESCRIPTION_OPENING.match(sentence)
    if opening and set(content_terms(opening.group("words"))) & set(content_terms(_asked_phrase(question))):
        return BEFORE  # "Which Marvel star …?": "The Marvel actor revealed …"
    if subject.search(sentence):
        return BEFORE  # "In a world first, the famed Italian destination introduced a charge …"
    m = determined.search(sentence.rstrip())
    if m is None:
        return 0
    det = m.group("det").lower()
    if det in ("a", "an"):
        return 0  # "… from a ship.": one not yet known, and often never named
    return AFTER if det == "another" else BEFORE


@lru_cache(maxsize=256)
def _noun_patterns(noun: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The asked noun after a demonstrative, as a described subject, and at a sentence's end."""
    word = re.escape(noun)
    return (
        re.compile(rf"{_DEMONSTRATIVE_OPENING}{word}s?\b"),
        re.compile(rf"\b(?i:the)\s+{_MODIFIERS}{word}\s+{_VERB}"),
        re.compile(_DETERMINED.format(noun=word)),
    )


@lru_cache(maxsize=256)
def _asked_phrase(question: str) -> str:
    """The words of the asked thing ("Marvel star" of "Which Marvel star got engaged?")."""
    m = _ASKED_NOUN.search(question)
    return "" if m is None else m.group("words") + m.group("noun")


# A name, then the asked noun as its description: "the Global Times, the Communist Party
# tabloid", "Alexey Muraviev, an associate professor".
_APPOSITION = r"[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*)*,\s+(?:the|a|an)\s+"


def apposed(sentence: str, question: str) -> bool:
    """Whether ``sentence`` names what a "which"/"what" question asks for and calls it by the
    asked noun beside the name ("Which tabloid …?": "… the Global Times, the Communist Party
    tabloid, …"; "… news agency Xinhua …")."""
    noun = asked_noun(question)
    if noun is None:
        return False
    nouns = "|".join(re.escape(n) for n in (noun, *other_words(noun)))  # "newspaper": "tabloid"
    # (or the noun, then its name: "China’s official state news agency Xinhua")
    return bool(
        re.search(rf"{_APPOSITION}{_MODIFIERS}(?:{nouns})s?\b", sentence)
        or re.search(rf"\b(?:{nouns})s?\s+(?-i:[A-Z][\w’'.&-]*)", sentence)
    )
