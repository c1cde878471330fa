"""Choosing the developments of a story: relevant, new against each other, spread over the span.

From the folded pool (one ``Report`` per statement, copies merged), reports are chosen one
at a time, each the best by a marginal gain: its relevance to the topic, less its closeness
in meaning to what is already chosen (a second sentence about the same development adds
little), plus a little for a day not yet covered and for being carried by several outlets.
A report that says what a chosen one says (closeness at least ``NOVELTY``) is never taken.
``--new-since`` drops the reports that an earlier article already made.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from index.embedding import Embedder
from index.models import Article, Passage
from index.text import content_terms

from ..answer.verify import verify_answer
from ..llm import LLM
from ..models import Answer
from ..questions import parse_question
from .models import StoryItem
from .pool import Pool, Report, same_report

__all__ = ["about", "already_reported", "candidates", "chronological", "select", "summarise"]

STORY_WORDS, STORY_MEANING = 2, 0.5  # a report plainly about the topic: there is a story
ITEM_MEANING = 0.45  # an item names a topic word or is this close in meaning
MIN_RELEVANCE = 0.15  # below this a sentence is not about the topic
RELATIVE_FLOOR = 0.4  # nor when it is far below the best one found
NOVELTY = 0.8  # closeness in meaning at which two reports tell the same development
REDUNDANCY = 0.3  # weight of closeness to what is chosen
NEW_DAY = 0.03  # for a publication day not yet covered
OUTLETS = 0.01  # per other outlet that carried the report (up to five)


def _closeness(report: Report, chosen: Sequence[Report]) -> float:
    return max((float(report.lead.vector @ c.lead.vector) for c in chosen), default=0.0)


def about(report: Report, words: int, meaning: float, whole: Sequence[frozenset[str]] = ()) -> bool:
    """Whether a report names ``words`` of the topic's words or is ``meaning`` close to it. A
    name of several words in ``whole`` (the terms of "the Cold War") counts only where all of
    it is named: "the protracted war in Ukraine" names no word of "the end of the Cold War"."""
    return any(
        s.shared - sum(len(name & s.terms) for name in whole if not name <= s.terms) >= words
        or s.meaning >= meaning
        for s in (report.lead, *report.copies)
    )


_NAME_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)+")


def _whole_names(topic: str) -> list[frozenset[str]]:
    """The terms of each name of several capitalised words in ``topic`` ("Cold War")."""
    runs = (content_terms(m.group(0)) for m in _NAME_RUN.finditer(topic))
    return [frozenset(terms) for terms in runs if len(terms) > 1]


def candidates(pool: Pool) -> list[Report]:
    """The reports relevant enough to be part of the story: none unless one is plainly about
    the topic (two of its words, or close in meaning, and a name the topic gives: "Carter" for
    "Jimmy Carter's funeral"), so a topic nobody reported on gets an empty digest rather than
    sentences that share a word with it; then each must name one of its words or be near it
    in meaning, and not be far below the best."""
    if not pool.reports:
        return []
    words = len(set(content_terms(pool.topic)))
    floor = max(MIN_RELEVANCE, RELATIVE_FLOOR * pool.reports[0].relevance)
    relevant = [r for r in pool.reports if r.relevance >= floor]
    names = {t for name in parse_question(pool.topic).entities for t in content_terms(name)}
    if not any(
        about(r, min(STORY_WORDS, words), STORY_MEANING) and (not names or names & r.lead.terms)
        for r in relevant
    ):
        return []
    whole = _whole_names(pool.topic)
    return [r for r in relevant if about(r, 1, ITEM_MEANING, whole)]


def select(reports: Sequence[Report], limit: int) -> list[Report]:
    """Up to ``limit`` reports, each a distinct development (see the module's rule)."""
    left = list(reports)
    chosen: list[Report] = []
    days: set[date | None] = set()

    def gain(report: Report) -> float:
        return (
            report.relevance
            - REDUNDANCY * _closeness(report, chosen)
            + (NEW_DAY if report.lead.published not in days else 0.0)
            + OUTLETS * min(len(report.outlets()), 5)
        )

    while left and len(chosen) < limit:
        best = max(left, key=gain)
        left.remove(best)
        if _closeness(best, chosen) >= NOVELTY or any(same_report(best.lead, c.lead) for c in chosen):
            continue
        chosen.append(best)
        days.add(best.lead.published)
    return chosen


def already_reported(reports: Sequence[Report], earlier: Pool) -> list[Report]:
    """``reports`` less those an earlier report already made (a copy, or the same in meaning)."""
    before = [s for r in earlier.reports for s in (r.lead, *r.copies)]
    return [
        r
        for r in reports
        if not any(same_report(r.lead, s) or float(r.lead.vector @ s.vector) >= NOVELTY for s in before)
    ]


def chronological(reports: Sequence[Report]) -> list[Report]:
    return sorted(reports, key=lambda r: (r.lead.published or date.max, r.lead.article.id, r.lead.start))


def summarise(
    llm: LLM,
    embedder: Embedder,
    topic: str,
    items: Sequence[StoryItem],
    article: Callable[[str], Article],
    max_sentences: int,
) -> Answer:
    """A summary the model writes from the chosen sentences, every sentence checked like an answer."""
    from ..answer.generative import build_messages, is_refusal

    passages = [
        Passage(
            chunk_id=f"{i.citation.article_id}:{i.citation.start}",
            article_id=i.citation.article_id,
            text=i.citation.quote,
            start=i.citation.start,
            end=i.citation.end,
            title=i.citation.title,
            url=i.citation.url,
            published=i.citation.published,
            source=i.citation.source,
            score=i.citation.score,
        )
        for i in items
    ]
    question = f"What happened with {topic}?"
    messages = build_messages(question, passages, system_prompt="digest_system", max_sentences=max_sentences)
    raw = llm.complete(messages)
    checked = verify_answer(raw, passages, article, embedder, question=question)
    refused = not checked.citations and is_refusal(raw)
    return Answer(
        text=checked.text if not refused else "The model found nothing to summarise.",
        citations=tuple(checked.citations),
        refused=refused or not checked.citations,
        question=question,
        backend=llm.name,
        checks=checked.checks,
        unsupported=tuple(checked.unsupported),
        reasons=tuple(checked.problems),
    )
