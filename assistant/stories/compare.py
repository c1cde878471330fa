"""Where outlets differ on a story: numbers, who said a quotation, facts only some carry.

Two sentences from different outlets are about the same thing when they are copies of one
report or close in meaning (``SAME_POINT``). Between such a pair:

- a number that counts the same thing (the word after it: "30 people killed" and "35
  people killed") with different values is a difference, with the same value an agreement;
- the same quoted words (at least four) attributed to different speakers is a difference,
  to the same speaker an agreement.

A report that only one outlet carries, on a topic several outlets cover, is listed as such.
Each side keeps its own citation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from index.quotes import speaker_matches
from index.text import stem

from ..questions import name_tokens
from .models import Difference, StoryItem
from .pool import Pool, Report, Sentence, same_report

__all__ = ["attributions", "compare_pool", "numbers", "sources"]

SAME_POINT = 0.75
MAX_ONLY = 5
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER = re.compile(
    r"(?<![\w.])(?P<cur>[$€£])?(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion|%|percent|per\s+cent))?"
    r"(?:\s+(?P<unit>[A-Za-z][\w-]*))?"
)
_MONTH_BEFORE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.IGNORECASE
)
_GENERIC = {"people", "persons", "residents", "civilians", "individuals", "others", "adults", "children",
            "men", "women", "soldiers", "migrants", "workers", "passengers", "were", "have", "had",
            "was"}  # fmt: skip
_SAME_COUNT = {"kill": "dead", "die": "dead", "death": "dead", "wound": "injur", "hurt": "injur"}
_EVENT = re.compile(
    r"\b(?:killed|dead|died|deaths?|injured|wounded|hurt|arrested|detained|missing|evacuated|displaced|"
    r"rescued|hospitali[sz]ed|deported|released|fired|laid\s+off)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“]([^\"”]{12,}?)[,.]?[\"”]")
_FILLER = {"people", "more", "than", "of", "the", "and", "or", "to", "a", "an", "in", "on", "about", "nearly",
           "over", "new", "other", "daily", "total"}  # fmt: skip


def numbers(text: str) -> dict[str, tuple[float, str, str]]:
    """Quantities in ``text`` by what they count: {"dead": (30.0, "30 people", "killed")}: the
    value, the words it was read from, and the word for what it counts.

    Years and days of the month are dates, not quantities, and are left out.
    """
    found: dict[str, tuple[float, str, str]] = {}
    for m in _NUMBER.finditer(text):
        raw = m.group("n").replace(",", "")
        value = float(raw)
        a_year = not m.group("cur") and "." not in raw and 1900 <= value <= 2100
        if a_year or _MONTH_BEFORE.search(text[: m.start()]):
            continue
        scale = (m.group("scale") or "").lower()
        value *= _SCALE.get(scale, 1.0)
        unit = "percent" if scale in {"%", "percent", "per cent"} else (m.group("unit") or "").lower()
        if unit in _FILLER:  # "30 more troops": what is counted is the word after the filler
            following = re.match(r"\s*([A-Za-z][\w-]*)", text[m.end() :])
            unit = following.group(1).lower() if following else unit
        if unit in _GENERIC or unit in _FILLER:  # "30 people were killed", "killed 35 people"
            event = _EVENT.search(text, m.end(), m.end() + 30) or _EVENT.search(
                text, max(0, m.start() - 25), m.start()
            )
            unit = event.group(0).lower() if event else unit
        if m.group("cur"):
            unit = f"{m.group('cur')}{unit}"
        if unit:
            key = stem(unit)
            found.setdefault(_SAME_COUNT.get(key, key), (value, m.group(0).strip(), unit))
    return found


def _counted(word: str) -> str:
    """What a quantity counts, for people to read: "killed" -> "the number killed"."""
    if word == "percent":
        return "the percentage"
    if word.startswith(("$", "€", "£")):
        return "the amount" + (f" ({word[1:]})" if word[1:] else "")
    return f"the number {word}" if _EVENT.fullmatch(word) else f"the number of {word}"


def sources(reports: Sequence[Report]) -> set[str]:
    """The outlets that carry any of ``reports``."""
    return {s.article.source for r in reports for s in (r.lead, *r.copies) if s.article.source}


def _speaker(sentence: Sentence) -> str | None:
    for quote in sentence.article.quotes:
        if quote.start <= sentence.start < quote.end or sentence.start <= quote.start < sentence.end:
            return quote.speaker
    return None


def _quoted(text: str) -> dict[str, str]:
    """The quotations of at least four words in ``text``: {normalised words: as written}."""
    return {" ".join(q.lower().split()): q for q in _QUOTED.findall(text) if len(q.split()) >= 4}


def attributions(a: Sentence, b: Sentence) -> tuple[str, str, str] | None:
    """(quotation, speaker in a, speaker in b) when both quote the same words and name a speaker."""
    mine = _quoted(a.text)
    shared = mine.keys() & _quoted(b.text).keys()
    if not shared:
        return None
    first, second = _speaker(a), _speaker(b)
    if not first or not second:
        return None
    return mine[min(shared, key=len)], first, second


def _pairs(reports: Sequence[Report]) -> Iterator[tuple[Sentence, Sentence]]:
    """Sentences from different outlets that report the same point, each pair once."""
    sentences = [s for r in reports for s in (r.lead, *r.copies)]
    for i, a in enumerate(sentences):
        for b in sentences[i + 1 :]:
            if (a.article.source or a.article.id) == (b.article.source or b.article.id):
                continue
            if same_report(a, b) or float(a.vector @ b.vector) >= SAME_POINT:
                yield a, b


def _quoting_pairs(sentences: Sequence[Sentence]) -> Iterator[tuple[Sentence, Sentence]]:
    """Sentences of different outlets that quote the same words (each pair once)."""
    by_words: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        for words in _quoted(sentence.text):
            by_words.setdefault(words, []).append(sentence)
    seen: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    for group in by_words.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                key = ((a.article.id, a.start), (b.article.id, b.start))
                apart = (a.article.source or a.article.id) != (b.article.source or b.article.id)
                if apart and key not in seen:
                    seen.add(key)
                    yield a, b


def compare_pool(
    pool: Pool, reports: Sequence[Report], cite: Callable[[Sentence, int], StoryItem]
) -> tuple[list[Difference], list[Difference], list[Difference]]:
    """(differences, agreements, only) among ``reports``; ``cite(sentence, n)`` makes a side."""
    differences: list[Difference] = []
    agreements: list[Difference] = []
    seen: set[tuple[str, ...]] = set()
    paired: set[tuple[str, int]] = set()
    for a, b in _pairs(reports):
        paired |= {(a.article.id, a.start), (b.article.id, b.start)}
        na, nb = numbers(a.text), numbers(b.text)
        for unit in sorted(set(na) & set(nb)):
            key = ("number", unit, *sorted((a.article.id, b.article.id)))
            if key in seen:
                continue
            seen.add(key)
            agree = na[unit][0] == nb[unit][0]
            sides = (cite(a, 1), cite(b, 2))
            found = Difference("number", _counted(na[unit][2]), sides, agree, (na[unit][1], nb[unit][1]))
            (agreements if agree else differences).append(found)
    # The same quoted words are the same quotation, however little the sentence says of the topic.
    everything = [s for r in pool.reports for s in (r.lead, *r.copies)]
    for a, b in _quoting_pairs(everything):
        quoted = attributions(a, b)
        if quoted is not None:
            words, first, second = quoted
            agree = speaker_matches(first, name_tokens(second)) or speaker_matches(second, name_tokens(first))
            sides = (cite(a, 1), cite(b, 2))
            (agreements if agree else differences).append(
                Difference("attribution", f"“{words}”", sides, agree, (first, second))
            )
    only: list[Difference] = []
    if len(sources(reports)) >= 2:
        for report in reports:
            sentences = (report.lead, *report.copies)
            if report.outlets() or any((s.article.id, s.start) in paired for s in sentences):
                continue
            source = report.lead.article.source or report.lead.article.id
            only.append(Difference("only", f"{source} only", (cite(report.lead, 1),), False, ("",)))
            if len(only) == MAX_ONLY:
                break
    return differences, agreements, only
