"""Questions about an article itself: who wrote it, when it was published, which outlet ran it.

``about_reporting`` routes every question about the reporting rather than the story: these,
who is quoted (``quoted``) and what the article says as a whole (``summary``).

"Who wrote the article?" or "When was it published?" asks about the article, not the story, and
what the library recorded at ingest (authors, date, outlet, address) answers it. The record is
not the article's text, so the answer says where it comes from and cites nothing from it,
except the article's own credit lines when it has them ("Special correspondent … contributed to
this report.", "Reporting by …"), which are cited as any quote is. The article asked about is
the best one found for the question ("Who wrote the article about the power balance?").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from index.embedding import Embedder
from index.models import Article, Passage
from index.sentences import article_sentences

from ...models import Answer, Citation
from ...questions import Question
from ..citations import make_citation
from .quoted import answer_who_is_quoted, asks_who_is_quoted
from .summary import CREDIT, asks_for_summary, summarise_article

__all__ = ["about_record", "about_reporting", "answer_from_record"]

_PIECE = r"(?:the|this|that|its)\s+(?:news\s+)?(?:article|story|piece|report|text|item)"
_ABOUT = r"(?:\s+(?:about|on|regarding|covering|from|in)\s+[^?]{1,80}?)?"  # "the article about the strike"
_ASKS = {
    "author": re.compile(
        rf"^\s*who\s+(?:wrote|authored|reported|penned|filed|is\s+behind)\s+{_PIECE}"
        rf"|^\s*who\s+(?:is|was|are|were)\s+the\s+(?:authors?|writers?|reporters?|journalists?)\s+(?:of|behind)\s+{_PIECE}"
        rf"|^\s*(?:what|who)\s+is\s+the\s+byline\b|^\s*(?:whose|which\s+journalist'?s?)\s+(?:article|story)\b"
        rf"|^\s*who\s+(?:wrote|reported)\s+(?:it|this)\s*[?.!]*\s*$"
        r"|^\s*who\s+(?:is|was|are|were)\s+the\s+(?:authors?|writers?|reporters?)\s*[?.!]*\s*$",
        re.IGNORECASE,
    ),
    "date": re.compile(
        rf"^\s*when\s+(?:was|were)\s+{_PIECE}{_ABOUT}\s+(?:published|written|posted|released|filed|out)\b"
        rf"|^\s*what\s+is\s+the\s+(?:publication\s+|publishing\s+)?date\s+of\s+{_PIECE}"
        rf"|^\s*how\s+old\s+is\s+{_PIECE}|^\s*when\s+was\s+(?:it|this)\s+published\b",
        re.IGNORECASE,
    ),
    "title": re.compile(
        rf"^\s*what(?:'s|’s|\s+is|\s+was)\s+(?:the|its)\s+(?:headline|title)(?:\s+of\s+{_PIECE}{_ABOUT})?\s*[?.!]*\s*$"
        rf"|^\s*what\s+is\s+{_PIECE}{_ABOUT}\s+(?:called|titled|headlined)\b",
        re.IGNORECASE,
    ),
    "outlet": re.compile(
        rf"^\s*(?:which|what)\s+(?:outlet|newspaper|paper|publication|site|website|news\s+(?:organi[sz]ation|outlet|"
        rf"site|agency))\s+(?:published|ran|carried|wrote|printed|is)\s+{_PIECE}"
        rf"|^\s*where\s+(?:was|is)\s+{_PIECE}{_ABOUT}\s+(?:published|from)\b"
        rf"|^\s*what\s+is\s+the\s+(?:source|outlet|url|link|address)\s+of\s+{_PIECE}",
        re.IGNORECASE,
    ),
}


def about_record(question: str) -> str | None:
    """What ``question`` asks of an article's record: "author", "date", "title", "outlet", or None."""
    return next((what for what, pattern in _ASKS.items() if pattern.search(question)), None)


def _credits(doc: Article, first: int) -> list[Citation]:
    spans = article_sentences(doc)
    found = [(s, e) for s, e in spans if CREDIT.search(doc.text[s:e])]
    return [make_citation(first + i, doc, s, e, 1.0) for i, (s, e) in enumerate(found[:2])]


def answer_from_record(
    what: str, question: str, passages: Sequence[Passage], article: Callable[[str], Article], backend: str
) -> Answer:
    """The answer to a question about the record of the best article for ``passages``."""
    if not passages:
        return _none("The library has no article that matches this.", question, backend)
    doc = article(passages[0].article_id)
    named = f"“{doc.title}”"
    outlet = doc.source if doc.source and doc.source != "local" else None
    citations: list[Citation] = []
    if what == "author":
        citations = _credits(doc, 1)
        lines = [f"{c.quote} [{c.n}]" for c in citations]
        if doc.authors:
            head = f"{named} is by {', '.join(doc.authors)} (from the library's record of it)."
            text = "\n".join([head, *(["The article credits:", *lines] if lines else [])])
        elif lines:
            text = "\n".join([f"The library records no author for {named}; the article credits:", *lines])
        else:
            return _none(
                f"The library records no author for {named}, and its text credits nobody.", question, backend
            )
    elif what == "title":
        # A file's first line is its headline: cited where the text opens with it.
        if doc.text.startswith(doc.title):
            citations = [make_citation(1, doc, 0, len(doc.title), 1.0)]
        text = f"The headline of the article found is {named}" + (" [1]" if citations else "")
        text += "." if citations else " (from the library's record of it)."
    elif what == "date":
        if doc.published is None:
            return _none(
                f"The library has no publication date for {named}: it was added without one.",
                question,
                backend,
            )
        text = f"{named} was published on {doc.published.isoformat()}" + (f" by {outlet}" if outlet else "")
        text += " (from the library's record of it)."
    else:
        if outlet is None and not doc.url:
            return _none(
                f"{named} was added from a file: the library records no outlet or address for it.",
                question,
                backend,
            )
        text = f"{named} is from {outlet or 'an unnamed outlet'}" + (f", {doc.url}" if doc.url else "")
        text += " (from the library's record of it)."
    return Answer(
        text=text,
        citations=tuple(citations),
        question=question,
        backend=f"{backend}, library record",
        checks={"verified": len(citations), "unsupported": 0},
    )


def _none(reason: str, question: str, backend: str) -> Answer:
    return Answer(text=reason, refused=True, question=question, backend=f"{backend}, library record")


def about_reporting(
    question: Question,
    passages: Sequence[Passage],
    article: Callable[[str], Article],
    backend: str,
    embedder: Embedder,
) -> Answer | None:
    """The answer to a question about the reporting rather than the story (who is quoted, who
    wrote it, when or where it was published, what the article says as a whole), from what was
    found at ingest and the article's own sentences; None for any
    other question. No model writes it and no age or time check applies: an old article's
    author is no stale news."""
    if question.speaker:
        return None
    asking = question.subject or question.text
    if asks_who_is_quoted(asking):
        return answer_who_is_quoted(question.text, passages, article, f"{backend}, attributions")
    if asks_for_summary(asking):
        return summarise_article(question.text, passages, article, embedder, backend)
    what = about_record(asking)
    return None if what is None else answer_from_record(what, question.text, passages, article, backend)
