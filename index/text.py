"""Shared knowledge about text, written once: words and their stems, titles, file formats.

Three parts of the product read words (the question parser, the quote finder, the answer
checker) and two accept files (ingest and the browser upload). When each kept its own copy
they drifted apart: an upload of ``.json.gz`` was stored as ``.gz`` and then refused, and
"news" lost its final "s" as if it were a possessive. Everything here is a table or a pure
function of its input, so any module may import it.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

__all__ = [
    "ARTICLE_SUFFIXES",
    "FEED_SUFFIXES",
    "NEAR_SPELLING",
    "QUESTION_WORDS",
    "TITLES",
    "WORD",
    "article_suffix",
    "content_terms",
    "fold",
    "nltk_data_dir",
    "spelling_closeness",
    "stem",
    "stopwords",
    "strip_possessive",
    "undot",
    "word_set",
]

# -- file formats ------------------------------------------------------------------------------
# What ingest reads from a path, longest suffixes first so ``.jsonl.gz`` wins over ``.gz``.
ARTICLE_SUFFIXES = (".jsonl.gz", ".json.gz", ".jsonl", ".json", ".html", ".htm", ".txt", ".md", ".pdf")
# Feeds are read from a file only when named explicitly (a folder's .xml files are not feeds).
FEED_SUFFIXES = (".rss", ".atom", ".xml")


def article_suffix(name: str) -> str:
    """The article format of a file name ("a.JSON.gz" -> ".json.gz"), or its last suffix."""
    lower = name.lower()
    for suffix in ARTICLE_SUFFIXES:
        if lower.endswith(suffix):
            return suffix
    return Path(lower).suffix


# -- words ------------------------------------------------------------------------------------
# Letters of any alphabet: "Guantánamo" and "Saldaña" are one word each, not two.
WORD = re.compile(r"[^\W_][\w'’\-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: a word list written as one string."""
    return frozenset(text.split())


# Words a question is made of that say nothing about its subject.
QUESTION_WORDS = word_set(
    "what who whom whose which when where why how did does do say said says tell told about think according "
    "much many"
)

# Titles that precede names; never part of a person's name ("Prime Minister Ana Duarte").
TITLES = word_set(
    """president prime minister secretary senator sen rep representative gov governor mayor dr mr mrs ms
    prof professor chancellor king queen pope general gen col lt sgt judge justice chief ceo director
    chairman chairwoman spokesman spokeswoman spokesperson state foreign defense defence former vice deputy
    acting us u.s uk u.k sir dame lord lady rev father sheikh crown prince princess ambassador commissioner
    attorney speaker leader house senate white premier coach"""
)


def nltk_data_dir() -> Path | None:
    """The NLTK data that llama-index-core ships (Punkt, stopwords): nothing to download.

    Found without importing llama-index (answering a question never needs it).
    """
    try:
        spec = importlib.util.find_spec("llama_index.core")
    except (ImportError, ValueError):  # pragma: no cover - llama-index-core is a hard dependency
        return None
    if spec is None or spec.origin is None:  # pragma: no cover
        return None
    path = Path(spec.origin).parent / "_static" / "nltk_cache"
    return path if path.exists() else None


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English stopwords (NLTK's list, shipped with llama-index-core, read as the plain file it
    is: importing NLTK for it would cost a second) and question words. NLTK lists the pieces
    of contractions it splits off ("won" of "won't", "don" of "don't"); our words keep their
    apostrophes, so those are real words here: "Who won the Stanley Cup?" asks about winning."""
    cache = nltk_data_dir()
    try:
        assert cache is not None
        words = set((cache / "corpora" / "stopwords" / "english").read_text(encoding="utf-8").split())
    except (AssertionError, OSError):  # pragma: no cover - shipped with llama-index-core
        words = {"the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "is", "was"}
    return frozenset((words - _CONTRACTION_PIECES) | QUESTION_WORDS)


# Pieces NLTK's list holds for contractions that are also words of their own.
_CONTRACTION_PIECES = frozenset({"won", "don"})


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word.lower()))  # type: ignore[attr-defined]


def strip_possessive(word: str) -> str:
    """ "Russia's" -> "Russia", "voters'" -> "voters"; "news" and "boss" stay whole."""
    return _POSSESSIVE.sub("", word)


_DOTTED = re.compile(r"\b(?:[A-Za-z]\.)+[A-Za-z]\b\.?")


def undot(text: str) -> str:
    """Dotted abbreviations as one word: "U.S." -> "US", "U.K." -> "UK" (as questions write them),
    also when the last dot was taken for the end of a sentence ("about the U.S?")."""
    return _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)


def fold(text: str) -> str:
    """``text`` without accents, as people often type names: "Guantánamo" -> "Guantanamo"."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


_PRONOUN_US = re.compile(r"(?<![\w.’'])us\b(?![’'.]\w)")


def content_terms(text: str) -> list[str]:
    """Stemmed words of ``text`` that carry meaning (no stopwords, no question words); the
    parts of a hyphenated compound count as words, and accents do not count ("Guantánamo"
    and "Guantanamo" are one term)."""
    stop = stopwords()
    out = []
    # (the pronoun "us", "allows us to move", is no "US" or "U.S.": dropped before the dots go)
    for raw in WORD.findall(undot(fold(_PRONOUN_US.sub(" ", text)))):
        compound = strip_possessive(raw.lower().replace("’", "'")).strip("'-")
        for word in compound.split("-"):  # "Russia-China ties" is about Russia and China
            if len(word) > 1 and word not in stop:
                out.append(stem(word))
    return out


# -- spellings ---------------------------------------------------------------------------------
# A word typed nearly as the articles spell it: at most about one letter in seven off.
NEAR_SPELLING = 0.85


def spelling_closeness(typed: str, word: str) -> float:
    """How nearly ``typed`` spells ``word`` (difflib's ratio), or 0.0 when their first letters
    differ: a slip rarely hits the first letter, and names that share most letters but not the
    first are other names ("Lavrov", "Savrov")."""
    return SequenceMatcher(None, typed, word).ratio() if typed[:1] == word[:1] else 0.0
