"""Namesakes: another thing under a name that ends like the one a question asks about.

"Indian River Inlet" is not "Sebastian Inlet", "Vanessa Trump" not "Melania Trump", the
"Carabao Cup" not the "FA Cup", "North Korea" not "South Korea". A sentence that names one of
these where the question names the other, and has no word of what sets the question's apart
("Indian River", "Vanessa", "Carabao"), speaks of the other one. Titles and words that say what
a name is ("President", "Hurricane", "Mount") set nothing apart: "President Trump" is "Donald
Trump", "Hurricane Erin" is "Tropical Storm Erin".
"""

from __future__ import annotations

import re

from index.text import TITLES, fold, stopwords, strip_possessive, word_set

__all__ = ["namesake"]

_CAPITALISED = r"[A-Z][\w’'.&-]*"
_RUN = re.compile(rf"{_CAPITALISED}(?:\s+{_CAPITALISED})+")
# Words that say what kind of thing a name is, not which one.
_KIND_WORDS = word_set(
    "hurricane storm tropical typhoon cyclone wildfire mount mt lake river fort saint st cape port"
)


def _plain(word: str) -> str:
    return fold(strip_possessive(word)).lower().rstrip(".")


def _sets_apart(word: str) -> bool:
    plain = _plain(word)
    return plain not in TITLES and plain not in stopwords() and plain not in _KIND_WORDS


def _names(question: str) -> list[list[str]]:
    """The question's names of two words or more, as words, possessives dropped, without a
    question word or small word that opens a sentence ("Which Marvel star": none)."""
    names = []
    for run in _RUN.finditer(question):
        words = [strip_possessive(w) for w in run.group(0).split()]
        while words and _plain(words[0]) in stopwords():
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
