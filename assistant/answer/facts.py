"""The facts a claim states that its cited sentence must agree on: names, numbers, dates, negation.

Meaning and shared words tell whether a sentence is *about* what a claim says; they do not
tell whether it says the *same thing*. "Russia's economic might shapes the power balance"
and "China's economic might shapes the power balance" are nearly identical by both
measures. So a claim is held to the sentence it cites on four kinds of fact:

- **names**: every name in the claim is in the sentence (or is the speaker the article
  attributes the sentence to), and each sits among the same words there as in the claim:
  a name whose words in the sentence belong to another name of the sentence is a swap;
- **numbers**: every figure in the claim is in the sentence ("1,200" = "1200"; "5" = "five");
- **dates**: every month, weekday and year in the claim is in the sentence;
- **negation**: a claim that negates what the sentence asserts, or asserts what it negates.

``disagreement`` returns the first problem found, as a reason a reader can check, or None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from index.text import TITLES, stem, stopwords, strip_possessive

__all__ = ["NUMBER_WORDS", "Facts", "disagreement", "facts", "known_names"]

_TOKEN = re.compile(r"\$?\d[\d,]*(?:\.\d+)?%?|[A-Za-zÀ-ÖØ-öø-ÿ][\w’'\-]*")
NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        re.findall(
            r"\w+",
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
            " fifteen sixteen seventeen eighteen nineteen twenty",
        )
    )
}
_MONTH_TABLE = [
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
]
_MONTHS = {m: i for i, names in enumerate(_MONTH_TABLE, start=1) for m in names}
_MONTH_NAMES = [""] + [names[0].title() for names in _MONTH_TABLE]
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_NEGATIONS = {"not", "no", "never", "neither", "nor", "none", "nobody", "nothing", "cannot", "without"}
_CONTEXT = 5  # words each side of a name that say what the name does in the sentence


@dataclass(frozen=True)
class _Word:
    raw: str
    low: str
    position: int
    sentence: int  # a name's context never reaches into the next sentence


@dataclass(frozen=True)
class Facts:
    """What a sentence states, as comparable values."""

    words: tuple[_Word, ...]
    names: tuple[_Word, ...]
    numbers: frozenset[str]
    dates: frozenset[str]
    negations: tuple[int, ...]  # word positions of negation cues


_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?\s+|\n+")


def _words(text: str) -> list[_Word]:
    out: list[_Word] = []
    for k, part in enumerate(_SENTENCE_END.split(text.replace("’", "'"))):
        for m in _TOKEN.finditer(part):
            raw = m.group(0)
            if raw[0].isalpha():
                raw = strip_possessive(raw)
            out.append(_Word(raw, raw.lower(), len(out), k))
    return out


def _number(word: _Word) -> str | None:
    if word.low in NUMBER_WORDS:
        return NUMBER_WORDS[word.low]
    if not word.raw.lstrip("$")[:1].isdigit():
        return None
    value = word.raw.lstrip("$").rstrip("%").replace(",", "")
    return value.rstrip("0").rstrip(".") if "." in value else value


def _is_name(word: _Word) -> bool:
    """A capitalised word that names someone or something (titles, dates and function words aside)."""
    if not word.raw[:1].isupper() or word.low in TITLES or word.low in _MONTHS or word.low in _WEEKDAYS:
        return False
    return len(word.raw) > 1 and word.low not in stopwords()


@lru_cache(maxsize=64)
def known_names(text: str) -> frozenset[str]:
    """The capitalised words of ``text`` that are not a sentence's first word: its names."""
    words = _words(text)
    return frozenset(
        w.raw for i, w in enumerate(words) if i and w.sentence == words[i - 1].sentence and _is_name(w)
    )


# Words that open a sentence capitalised without naming anyone.
_OPENERS = frozenset(
    re.findall(
        r"\w+",
        "however overall additionally meanwhile furthermore moreover instead therefore thus indeed"
        " notably finally first second third today yesterday tomorrow earlier later recently currently"
        " now still yet also both many several some according despite although though while since",
    )
)


def facts(text: str, names: frozenset[str] | None = None, common: frozenset[str] = frozenset()) -> Facts:
    """The facts of one sentence.

    Its first word is capitalised whatever it is, so it counts as a name only when ``names``
    (the names of the article it is checked against) has it, or when it is no word the article
    uses in lower case (``common``) and no usual opener ("However", "Overall"). With no
    ``names`` given (the cited sentence itself), every capitalised word counts.
    """
    words = _words(text)

    def first_is_name(w: _Word) -> bool:
        return names is None or w.raw in names or (w.low not in common and w.low not in _OPENERS)

    found = [w for w in words if w.raw[0].isalpha() and _is_name(w) and (w.position > 0 or first_is_name(w))]
    numbers = {n for w in words if (n := _number(w)) is not None}
    parts = [replace(w, raw=p, low=p.lower()) for w in words for p in w.raw.split("-") if p]  # mid-May
    dates = {
        _MONTH_NAMES[_MONTHS[w.low]] if w.low in _MONTHS else w.low.title() for w in parts if _is_date(w)
    }
    negations = tuple(w.position for w in words if w.low in _NEGATIONS or w.low.endswith("n't"))
    return Facts(tuple(words), tuple(found), frozenset(numbers), frozenset(dates), negations)


def _is_date(word: _Word) -> bool:
    if word.low in _WEEKDAYS:
        return True
    if word.low in _MONTHS:
        # Capitalised only ("she may", "a march"); a short one not as a sentence's first word.
        return word.raw[0].isupper() and (len(word.raw) > 3 or word.position > 0)
    return False


def _same_name(a: str, b: str) -> bool:
    """ "Russia" = "Russian" = "Russia's"; "Ukraine" = "Ukrainian"; not "Austria" = "Australia"."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    shorter = min(len(a), len(b))
    common = 0
    while common < shorter and a[common] == b[common]:
        common += 1
    return common >= 5 and common >= 0.8 * shorter


def _context(words: Sequence[_Word], at: int, names: Iterable[_Word], window: int = _CONTEXT) -> set[str]:
    """Stems of the content words of the same sentence within ``window`` words of ``at``."""
    skip = {n.position for n in names} | {at}
    stop = stopwords()
    return {
        stem(w.low)
        for w in words[max(0, at - window) : at + window + 1]
        if w.sentence == words[at].sentence
        and w.position not in skip
        and w.raw[0].isalpha()
        and w.low not in stop
        and len(w.low) > 2
    }


def _mentions(source: Facts, name: str) -> list[_Word]:
    """Where the source names ``name`` (or its demonym, possessive ...)."""
    return [o for o in source.names if _same_name(o.raw, name)]


def _fit(wanted: set[str], source: Facts, other: str, window: int = _CONTEXT) -> int:
    """How many of the ``wanted`` words surround a mention of ``other`` in the source."""
    return max(
        (
            len(wanted & _context(source.words, o.position, source.names, window))
            for o in _mentions(source, other)
        ),
        default=0,
    )


def _neighbours(words: Sequence[_Word], at: int) -> tuple[str, str]:
    """The words right before and after position ``at`` in its sentence ("" at an edge)."""
    here = words[at]
    before = words[at - 1].low if at > 0 and words[at - 1].sentence == here.sentence else ""
    after = words[at + 1].low if at + 1 < len(words) and words[at + 1].sentence == here.sentence else ""
    return before, after


def _slot(claim: Facts, name: _Word, source: Facts, other: str) -> int:
    """How many of ``name``'s two neighbours in the claim stand beside ``other`` in the source."""
    mine = _neighbours(claim.words, name.position)
    return max(
        (
            sum(1 for x, y in zip(mine, _neighbours(source.words, o.position), strict=True) if x and x == y)
            for o in _mentions(source, other)
        ),
        default=0,
    )


_COORDINATORS = frozenset({"and", "or", "nor", "&", "plus", "vs", "versus"})


def _coordinated(facts: Facts, a: _Word, b: _Word) -> bool:
    """Whether two names stand side by side in a list ("A and B", "A, B"), not in roles ("A beat B")."""
    low, high = sorted((a.position, b.position))
    between = [w.low for w in facts.words if low < w.position < high]
    return high - low <= 2 and all(w in _COORDINATORS for w in between)


def _swap(claim: Facts, source: Facts, present: list[_Word]) -> str | None:
    """Two names of the claim trading places: the words only one of them has around it in the
    claim surround the other one in the source (words both share say nothing: "A and B met"),
    or a name sits exactly between the two words that flank the other in the source ("30% of
    the Oxford economy, according to Mexican")."""
    for i, a in enumerate(present):
        for b in present[i + 1 :]:
            if _same_name(a.raw, b.raw):
                continue
            around_a = _context(claim.words, a.position, claim.names, 3)
            around_b = _context(claim.words, b.position, claim.names, 3)
            only_a, only_b = around_a - around_b, around_b - around_a
            kept = _fit(only_a, source, a.raw) + _fit(only_b, source, b.raw)
            swapped = _fit(only_a, source, b.raw) + _fit(only_b, source, a.raw)
            if swapped >= max(2, kept + 1):
                return f"swaps {a.raw} and {b.raw} relative to the cited sentence"
            if _coordinated(claim, a, b):  # "A and B", "A, B": their order is no fact
                continue
            for x, y in ((a, b), (b, a)):
                if _slot(claim, x, source, y.raw) == 2 and _slot(claim, x, source, x.raw) < 2:
                    return f"swaps {a.raw} and {b.raw} relative to the cited sentence"
    return None


def _exchanged(claim: Facts, source: Facts) -> str | None:
    """Two names trading slots when the claim is laid over the sentence word for word: where
    the sentence has B the claim has A, while A stands elsewhere in the sentence and B elsewhere
    in the claim ("on the Florida Department, according to the Treasure Coast of
    Transportation"). Names side by side in a list may come in any order."""
    opcodes = SequenceMatcher(
        None, [w.low for w in claim.words], [w.low for w in source.words], autojunk=False
    ).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "replace":
            continue
        for x in (n for n in claim.names if i1 <= n.position < i2):
            for y in (n for n in source.names if j1 <= n.position < j2):
                if _same_name(x.raw, y.raw) or not any(
                    _same_name(o.raw, x.raw) and not j1 <= o.position < j2 for o in source.names
                ):
                    continue
                moved = [o for o in claim.names if _same_name(o.raw, y.raw) and not i1 <= o.position < i2]
                if moved and not any(_coordinated(claim, x, o) for o in moved):
                    return f"swaps {x.raw} and {y.raw} relative to the cited sentence"
    return None


def _replaced(claim: Facts, source: Facts, present: list[_Word]) -> str | None:
    """One name put in the place of another that the claim does not mention."""
    absent = [o for o in source.names if not any(_same_name(o.raw, c.raw) for c in claim.names)]
    best: tuple[int, int, str, str] | None = None
    for name in present:
        around = _context(claim.words, name.position, claim.names)
        near = _context(claim.words, name.position, claim.names, 2)
        own = _fit(around, source, name.raw)
        for other in absent:
            fit = _fit(around, source, other.raw)
            if fit >= max(2, own + 2):
                key = (fit - own, _fit(near, source, other.raw, 2), name.raw, other.raw)
                best = max(best, key) if best else key
    return f"puts {best[2]} where the cited sentence has {best[3]}" if best else None


_SPEECH = r"(?:said|says|say|told|tells|added|stated|states|argued|warned|wrote|claimed|explained|noted)"


def _speaks(claim: str, name: str) -> bool:
    """Whether the claim puts words in ``name``'s mouth ("Xi said", "said Xi", "according to Xi")."""
    n = re.escape(name)
    return bool(
        re.search(rf"\b{n}(?:'s?)?\s+(?:\w+\s+){{0,2}}?{_SPEECH}\b|\b{_SPEECH}\s+(?:\w+\s+)?{n}\b", claim)
        or re.search(rf"\baccording\s+to\s+(?:\w+\s+)?{n}\b", claim, re.IGNORECASE)
    )


def _names(
    claim: Facts, source: Facts, speakers: Sequence[str], given: frozenset[str], text: str
) -> str | None:
    spoken = [t for s in speakers for t in s.split()]
    present: list[_Word] = []
    for name in claim.names:
        if any(_same_name(n.raw, name.raw) for n in source.names):
            present.append(name)
        elif any(_same_name(t, name.raw) for t in spoken):
            continue
        elif name.raw in given and not _speaks(text, name.raw):
            continue  # the question's own subject restated ("trade between China and Russia")
        else:
            return f"names {name.raw}, which the cited sentence does not"
    return _swap(claim, source, present) or _exchanged(claim, source) or _replaced(claim, source, present)


def _negated(facts: Facts) -> list[list[str]]:
    """What each negation cue negates: the next three content words after it, in its sentence."""
    scopes = []
    stop = stopwords() - _NEGATIONS
    for at in facts.negations:
        cue = facts.words[at]
        after = [w for w in facts.words[at + 1 : at + 7] if w.sentence == cue.sentence and w.low not in stop]
        scopes.append([stem(w.low) for w in after[:3]] or [""])
    return scopes


def _negation(claim: Facts, source: Facts) -> str | None:
    said, cited = _negated(claim), _negated(source)
    if any(not any(scope[0] in other for other in cited) for scope in said):
        return "negates what the cited sentence asserts"
    claimed = {stem(w.low) for w in claim.words if w.raw[0].isalpha()}
    for scope in cited:
        if scope[0] and scope[0] in claimed and not any(scope[0] in other for other in said):
            return "asserts what the cited sentence negates"
    return None


@lru_cache(maxsize=64)
def _lower_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case (so a capitalised opener among them is no name)."""
    return frozenset(re.findall(r"\b[a-z][\w'-]*", text))


def disagreement(
    claim: str, source: str, speakers: Sequence[str] = (), article: str = "", question: str = ""
) -> str | None:
    """Why ``claim`` misstates ``source`` (its cited sentence), or None when the facts agree.

    ``speakers`` are the people the article attributes ``source`` to: "Muraviev said …" may
    cite a sentence whose attribution ("he said") sits in the next one. ``article`` (its whole
    text) tells whether a claim's first word is a name ("Putin said …") or not ("Trade rose").
    A name the question asks about and the article holds may be restated around the sentence
    that answers it, unless the claim has that person say something.
    """
    # The article's names and words are worked out once per article (cached), the sentence's apart:
    # sentences never span the join, so the union equals reading the two as one text.
    names = known_names(article) | known_names(source)
    common = _lower_words(article) | _lower_words(source)
    said, cited = facts(claim, names, common), facts(source)
    # Digits only on the claim's side: "the two leaders" states no figure; "5%" does.
    missing = sorted(n for n in said.numbers - cited.numbers if n not in NUMBER_WORDS.values() or n in claim)
    if missing:
        return f"states {', '.join(missing)}, which the cited sentence does not"
    missing = sorted(said.dates - cited.dates)
    if missing:
        return f"dates it {', '.join(missing)}, unlike the cited sentence"
    asked = {w.raw for w in facts(question).names} if question else set()
    given = frozenset(
        n for n in asked if any(re.search(rf"\b{re.escape(n)}\b", t) for t in (article, source))
    )
    return _names(said, cited, speakers, given, claim) or _negation(said, cited)
