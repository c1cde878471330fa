"""Writing answers from retrieved passages: one contract, two kinds, one final check.

    extractive   verbatim sentences of the passages, each cited (no LLM; the default)
    generative   an LLM writes from numbered passages; ``verify`` checks every sentence
    citations    citations built from offsets and re-checked against the stored text
    evidence     how strongly a sentence supports a claim (shared by both kinds)

An answerer declares its ``name`` and its ``llm`` (``None`` for extractive: a capability a
chat session reads to condense follow-ups), and streams text pieces then the final
``Answer``. ``ANSWERERS`` maps a kind to its class; ``build_answerer`` picks the kind from
``llm.backend``. Whoever wrote an answer, ``check_citations`` runs on it before it leaves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from index.embedding import Embedder
from index.errors import BackendError
from index.models import Article, Passage
from index.registry import resolve

from ..llm import LLM
from ..models import Answer, Citation
from ..questions import Question
from .citations import verify_citation

if TYPE_CHECKING:
    from ..config import Settings

__all__ = [
    "ANSWERERS",
    "Answerer",
    "build_answerer",
    "check_age",
    "check_citations",
    "check_cited",
    "check_window",
    "timely",
]

# Days either side of the window a question names within which a report still counts as of
# that time (a story filed the evening before, a date line a day late).
WINDOW_SLACK_BEFORE, WINDOW_SLACK_AFTER = 2, 1
# A window that closed this many days before "now" is history: later reports may recall it.
RECALL_AFTER_DAYS = 30


class Answerer(Protocol):
    """What the facade needs from an answer backend."""

    name: str

    @property
    def llm(self) -> LLM | None:
        """The model that writes answers (and condenses follow-ups); None for quotes only."""
        ...

    def refusal(self, question: Question, reason: str) -> Answer: ...

    def stream(
        self, question: Question, passages: Sequence[Passage], article: Callable[[str], Article]
    ) -> Iterator[str | Answer]: ...


# kind -> "module:Class"; each class has ``from_settings(settings, embedder)``.
ANSWERERS = {
    "extractive": "assistant.answer.extractive:ExtractiveAnswerer",
    "generative": "assistant.answer.generative:GenerativeAnswerer",
}


def build_answerer(settings: Settings, embedder: Embedder) -> Answerer:
    """Quotes for ``llm.backend = "extractive"``; any other backend writes with that LLM."""
    kind = "extractive" if settings.llm.backend == "extractive" else "generative"
    answerer: Answerer = resolve(ANSWERERS, kind, "answerer").from_settings(settings, embedder)
    return answerer


def check_citations(answer: Answer, article: Callable[[str], Article]) -> Answer:
    """``answer`` unchanged if every citation quotes its article exactly; else a ``BackendError``."""
    check_cited(answer.citations, article)
    return answer


def check_cited(citations: Iterable[Citation], article: Callable[[str], Article]) -> None:
    """A ``BackendError`` unless every citation quotes its article exactly (answers, stories)."""
    for citation in citations:
        if not verify_citation(citation, article(citation.article_id)):
            raise BackendError(
                f"Citation [{citation.n}] does not match the text of {citation.article_id!r}; "
                "this is a bug: please report it with the question."
            )


def _bounds(window: tuple[date, date]) -> tuple[date, date]:
    """The days a report may carry to count as of ``window`` (since is date.min for "before June")."""
    since, until = window
    low = date.min if since == date.min else since - timedelta(days=WINDOW_SLACK_BEFORE)
    return low, until + timedelta(days=WINDOW_SLACK_AFTER)


_YEARS = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def _recalls(now: date, window: tuple[date, date], quote: str) -> bool:
    """Whether a report published after ``window`` may tell of it: the window closed well
    before the question's ``now`` (a year, a month, not "this week") and the cited sentence
    names one of its years ("Back in 1950, ..." for "what happened in 1950")."""
    since, until = window
    if (now - until).days <= RECALL_AFTER_DAYS:
        return False
    return any(since.year <= int(y) <= until.year for y in _YEARS.findall(quote))


def timely(question: Question, published: date | None, quote: str = "") -> bool:
    """Whether an article of ``published`` may speak of the time the question names: always
    when it names none or the article is undated; after a window long past, when the cited
    ``quote`` names its year."""
    if question.time is None or published is None:
        return True
    window = question.time.window()
    if window is None:
        return True
    low, high = _bounds(window)
    if low <= published <= high:
        return True
    return published > high and _recalls(question.time.now, window, quote)


def check_window(answer: Answer, question: Question) -> Answer:
    """``answer`` unchanged, unless the question names a time ("this week", "yesterday") and
    every article it cites was published well outside it: then a refusal that says so. A
    question about this week's award show is not answered by last year's."""
    window = question.time.window() if question.time else None
    if window is None or answer.refused or not answer.citations:
        return answer
    if any(timely(question, c.published, c.quote) for c in answer.citations):
        return answer  # one article is of that time, undated (it may be), or recalls it
    low, high = _bounds(window)
    dated = [c.published for c in answer.citations if c.published is not None]
    nearest = min(dated, key=lambda d: (low - d) if d < low else (d - high))
    since, until = window
    when = f"up to {until}" if since == date.min else f"from {since} to {until}"
    reason = f"No article {when} answers this; the nearest answer found is in an article of {nearest}."
    return answer.withheld(reason)


def check_age(answer: Answer, now: date | None, stale_after_days: int) -> Answer:
    """``answer`` unchanged, unless every article it cites was published more than
    ``stale_after_days`` before ``now``: then a refusal that says when the newest one was. A
    news question asks about the news of its day, and reporting years older tells an earlier
    story of the same kind ("where did the lifeguard tower that washed ashore come from?"
    answered by a 2016 report of another one). The caller skips this when the question names a
    time ("in 2016")."""
    if not stale_after_days or now is None or answer.refused or not answer.citations:
        return answer
    dated = [c.published for c in answer.citations]
    if any(d is None or (now - d).days <= stale_after_days for d in dated):
        return answer  # one of them is recent enough, or undated (it may be)
    newest = max(d for d in dated if d is not None)
    days = (now - newest).days
    age = f"{days // 365} years" if days >= 730 else f"{days} days"
    return answer.withheld(
        f"The newest article that answers this is of {newest}, {age} before the library's "
        f"latest news ({now}): it tells an earlier story. Ask about that time (“in {newest.year}”) "
        "to be answered from it."
    )
