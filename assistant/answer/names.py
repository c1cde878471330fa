"""The names the retrieved sentences agree on, for questions that ask for one.

"Which Chinese AI model sent shock waves through Wall Street?" is often answered first by a
sentence that tells the event without the name ("A Chinese startup said ..."), while the name
("DeepSeek") stands in several lesser sentences on the same event. Counting, over the best
sentences, the names that the question does not already hold, weighted by how well each
sentence matches, finds the name the reporting agrees on; the sentence to quote is then the
best one that holds it. A name counts once per sentence, by its last word, so "President Joe
Biden", "Joe Biden" and "Biden" are one name.

A person is no answer to "which party", "which app" or "which country": the name a week of news
holds most is often a president's ("Trump has floated the idea of buying Greenland since his
election victory" gives no party). A name is taken for a person's when the articles write it
after a person's title ("President Donald Trump", "Gov. Gavin Newsom"); a question asks for a
person with "who" or a noun for people ("which rapper", "which literary figure").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from index.models import Article, Passage
from index.text import NEAR_SPELLING, TITLES, content_terms, spelling_closeness, stopwords, undot, word_set

from ..questions import Question, parse_question
from .aliases import expand, people_word
from .referents import asked_noun

__all__ = [
    "agreed",
    "asks_for_people",
    "asks_person",
    "clear_winner",
    "known_terms",
    "lower_words",
    "names_in",
    "person",
    "respell_question",
    "respelt_names",
]

# A run of capitalised words ("Los Angeles", "New Glenn", "El Salvador"), with "of"/"de"
# inside ("Gulf of Mexico").
_RUN = re.compile(r"[A-Z][\w’'&.-]*(?:\s+(?:(?:of|de|del|da|la|van|von|al)\s+)?[A-Z][\w’'&.-]*)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;—–\"“(]\s*)$")
_CALENDAR = word_set(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov
    dec"""
)
_HEADLINE = 0.6  # a sentence with this share of capitalised words is a headline: no clue to names


_ACRONYM = re.compile(r"[A-Z0-9]{1,3}")  # "TV", "AI", "CEO": too common to be the name asked for
_ATTRIBUTIVE = re.compile(r"-(?:based|owned|led|backed|born|made|run)$", re.IGNORECASE)  # "Hangzhou-based"


def _key(word: str) -> str:
    word = _ATTRIBUTIVE.sub("", word.strip(".’'"))
    return word.lower().removesuffix("’s").removesuffix("'s")


def _headline(sentence: str) -> bool:
    words = re.findall(r"[A-Za-z][\w’'-]*", sentence)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= _HEADLINE * len(words)


def _initials(text: str) -> frozenset[str]:
    """The acronyms of ``text``'s runs of two to four words ("artificial intelligence": "ai")."""
    words = re.findall(r"[A-Za-z][\w’'-]*", text)
    return frozenset(
        "".join(w[0] for w in words[i : i + n]).lower() for n in (2, 3, 4) for i in range(len(words) - n + 1)
    )


def _plain(word: str, known: frozenset[str], common: frozenset[str]) -> bool:
    """Whether a capitalised ``word`` is no name to answer with: a title, a day or month, a
    stopword, a word of the question, a people's word ("Chinese"), or a word the articles
    also write in lower case ("Fire", "Court")."""
    key = _key(word)
    terms = set(content_terms(key))
    return (
        bool(_ACRONYM.fullmatch(word.strip(".’'")))
        or key in TITLES
        or key in _CALENDAR
        or key in stopwords()
        or key in common
        or terms <= known
        or any(people_word(t) for t in terms)
    )


def names_in(sentence: str, known: Iterable[str], common: frozenset[str] = frozenset()) -> dict[str, bool]:
    """The names in ``sentence`` that are not among ``known`` terms, by key (the last word,
    lower case), each with whether it stands where any word is capitalised (the start of a
    sentence or a quotation), so that it may be an ordinary word. ``common``: words seen in
    lower case, which are no names."""
    if _headline(sentence):
        return {}
    known = frozenset(known)
    text = undot(sentence)
    out: dict[str, bool] = {}
    for match in _RUN.finditer(text):
        words = [w for w in match.group(0).split() if w[0].isupper()]
        kept = [w for w in words if not _plain(w, known, common)]
        if not kept:
            continue
        key = _key(kept[-1])
        initial = bool(_SENTENCE_START.search(text[: match.start()])) and len(words) == 1
        out[key] = out.get(key, True) and initial
    return out


def known_terms(question: str) -> frozenset[str]:
    """What the question already names: its terms, their places' other words, its acronyms."""
    return expand(content_terms(question)) | _initials(question)


def lower_words(texts: Iterable[str]) -> frozenset[str]:
    """The words ``texts`` write in lower case: ordinary words, not names."""
    return frozenset(w for text in texts for w in re.findall(r"(?<![\w’'-])[a-z][a-z’'-]*", text))


def agreed(
    question: str, sentences: Sequence[tuple[str, float]], common: frozenset[str] = frozenset()
) -> dict[str, float]:
    """Each name's support: the summed weights of the ``(sentence, weight)`` pairs that hold it.
    A word met only at the start of sentences counts when it also stands as a name elsewhere."""
    known = known_terms(question)
    found = [(names_in(text, known, common), weight) for text, weight in sentences]
    certain = {key for names, _ in found for key, initial in names.items() if not initial}
    votes: dict[str, float] = defaultdict(float)
    for names, weight in found:
        for key in names:
            if key in certain:
                votes[key] += weight
    return dict(votes)


_CONSENSUS = 2.0  # a winner's support over the next name's, for a name the sentences agree on
_MIN_SUPPORT = 1.2  # and at the least: three or four good sentences hold it


def clear_winner(votes: dict[str, float]) -> str | None:
    """The name the sentences agree on by far (``agreed``): at least ``_CONSENSUS`` times the
    next one's support, and ``_MIN_SUPPORT`` in all; None when no name stands out so."""
    ranked = sorted(votes.values(), reverse=True)
    if not ranked or ranked[0] < _MIN_SUPPORT or (len(ranked) > 1 and ranked[0] < _CONSENSUS * ranked[1]):
        return None
    return max(votes, key=votes.__getitem__)


_CAPITAL_WORD = re.compile(r"\b[A-Z][\w’'-]{3,}")


def respelt_names(question: str, names: Sequence[str], texts: Iterable[str]) -> dict[str, str]:
    """The question's ``names`` that no text holds in any form, each with the one capitalised
    word of ``texts`` spelt nearly as it ("Xijn" -> "Xijin"): four letters or more, the same
    first letter, at most about one letter in seven off (``index.text.spelling_closeness``). A
    name the texts hold as another form of the word ("Euros", "Paleontologists", "Beyoncé"
    without its accent) or as its place's people ("Russian" for "Russia") is no misspelling; a
    name two words come that close to is left as typed."""
    asked = [n for n in dict.fromkeys(names) if len(n) >= 4 and re.search(rf"\b{re.escape(n)}\b", question)]
    if not asked:
        return {}  # most questions: nothing to look for, so no article is read word by word
    texts = list(texts)
    words = {w for text in texts for w in _CAPITAL_WORD.findall(text)}
    missing = [n for n in asked if n not in words]
    if not missing:
        return {}
    present = set(content_terms("\n".join(texts)))
    out: dict[str, str] = {}
    for name in missing:
        if expand(content_terms(name)) & present:
            continue
        near = [w for w in words if spelling_closeness(name, w) >= NEAR_SPELLING]
        if len(near) == 1:
            out[name] = near[0]
    return out


def respell_question(
    question: Question, passages: Sequence[Passage], article: Callable[[str], Article]
) -> tuple[Question, list[str]]:
    """The question with a name no article found holds spelt as the articles spell it ("Who is
    Hu Xijn?" -> "Hu Xijin"), and the line that says so; a speaker's name is left to the
    speaker's own respelling (``nearest_speaker``)."""
    names = [e for e in question.entities if e not in question.speaker_names]
    texts = {p.article_id: article(p.article_id).text for p in passages}.values()
    found = respelt_names(question.text, names, texts)
    if not found:
        return question, []

    def fix(text: str | None) -> str | None:
        for typed, spelt in found.items():
            text = re.sub(rf"\b{re.escape(typed)}\b", spelt, text) if text else text
        return text

    text = fix(question.text) or question.text
    parsed = parse_question(text)
    question = replace(
        question,
        text=text,
        terms=parsed.terms,
        entities=parsed.entities,
        topic=fix(question.topic),
        subject=fix(question.subject),
    )
    said = "; ".join(f"“{typed}” as “{spelt}”" for typed, spelt in found.items())
    return question, [f"The articles found do not have that spelling; read {said}."]


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
