"""The sentences a story is told from: retrieved, embedded once, scored, copies folded.

A topic and a span of days are searched like a question (hybrid retrieval, the span as a
hard filter on publication dates); the sentences of the passages found are the pool. Each
is scored for relevance with the blend answers use (meaning and the topic's words), and
sentences that are copies of one report (the same wire sentence in several outlets, or a
light rewrite of it) are folded into one ``Report``: its lead is the earliest, then most
complete, copy; the others are listed as the outlets that also carried it. Articles that
ingest already folded as near-duplicate copies add their outlets to every report of the
article they copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from index.embedding import Embedder
from index.models import Article, Duplicate, Passage
from index.retrieve import Search
from index.sentences import article_sentences
from index.store import Filters
from index.text import content_terms

from ..answer.evidence import coverage, question_and, support

__all__ = ["Pool", "Report", "Sentence", "fold", "gather", "lead_first", "same_report"]

COPY_TERMS = 0.5  # share of the two sentences' content words they have in common
COPY_MEANING = 0.92  # or this close in meaning
MAX_CHARS = 600  # longer "sentences" are run-on page text, not reports
_BOILERPLATE = re.compile(
    r"\b(?:cookies?|subscribe|newsletter|sign\s+up|click\s+here|all\s+rights\s+reserved|"
    r"javascript|advertisement|follow\s+us|read\s+more|copyright)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a stored article, with what the story steps need to judge it."""

    article: Article
    start: int
    end: int
    vector: np.ndarray
    terms: frozenset[str]
    relevance: float
    meaning: float = 0.0  # cosine with the topic
    shared: int = 0  # distinct topic words it contains

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]

    @property
    def published(self) -> date | None:
        return self.article.published


@dataclass
class Report:
    """One reported statement: its lead sentence and the copies of it in other articles."""

    lead: Sentence
    copies: list[Sentence] = field(default_factory=list)
    folded: list[Duplicate] = field(default_factory=list)  # article copies ingest folded

    @property
    def relevance(self) -> float:
        return max([self.lead.relevance, *(c.relevance for c in self.copies)])

    def outlets(self) -> list[tuple[str, str, date | None]]:
        """(source, article id, published) of every other article that carried it."""
        seen = {self.lead.article.source or self.lead.article.id}
        out = []
        for sentence in self.copies:
            key = sentence.article.source or sentence.article.id
            if key not in seen:
                seen.add(key)
                out.append((sentence.article.source, sentence.article.id, sentence.published))
        for dup in self.folded:
            key = dup.source or dup.id
            if key not in seen:
                seen.add(key)
                out.append((dup.source, dup.id, dup.published))
        return out


@dataclass(frozen=True)
class Pool:
    """The reports found for a topic, most relevant first, and the topic's own vector."""

    topic: str
    reports: list[Report]
    vector: np.ndarray


def _reportable(text: str) -> bool:
    words = text.split()
    return (
        len(words) >= 6
        and len(text) <= MAX_CHARS
        and text.rstrip("”\"’' )").endswith((".", "!"))  # not a question, heading or caption
        and not _BOILERPLATE.search(text)
    )


def _unit(vectors: Sequence[Sequence[float]]) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.asarray(matrix / np.where(norms == 0, 1, norms))


def same_report(a: Sentence, b: Sentence) -> bool:
    """Whether two sentences are copies of one report (word for word or lightly rewritten)."""
    if not a.terms or not b.terms:
        return False
    shared = len(a.terms & b.terms) / len(a.terms | b.terms)
    return shared >= COPY_TERMS or float(a.vector @ b.vector) >= COPY_MEANING


def lead_first(group: list[Sentence]) -> list[Sentence]:
    """Earliest report first; among the same day, the most complete (longest)."""
    return sorted(group, key=lambda s: (s.published or date.max, -(s.end - s.start), s.article.id, s.start))


def fold(sentences: Sequence[Sentence], duplicates: dict[str, list[Duplicate]]) -> list[Report]:
    """Group copies of one report together; reports come out most relevant first."""
    groups: list[list[Sentence]] = []
    for sentence in sorted(sentences, key=lambda s: -s.relevance):
        for group in groups:
            if any(same_report(sentence, other) for other in group):
                group.append(sentence)
                break
        else:
            groups.append([sentence])
    reports = []
    for group in groups:
        lead, *copies = lead_first(group)
        folded = [d for s in group for d in duplicates.get(s.article.id, [])]
        reports.append(Report(lead, copies, folded))
    return sorted(reports, key=lambda r: -r.relevance)


def gather(
    topic: str,
    retrieve: Callable[[Search], list[Passage]],
    article: Callable[[str], Article],
    embedder: Embedder,
    duplicates: dict[str, list[Duplicate]],
    filters: Filters,
    passages: int = 40,
) -> Pool:
    """The reports on ``topic`` among the articles ``filters`` allow (a span of days, sources)."""
    found = retrieve(Search(text=topic, top_k=passages, filters=filters))
    seen: set[tuple[str, int]] = set()
    picked: list[tuple[Article, int, int]] = []
    articles: dict[str, Article] = {}
    for passage in found:
        if passage.article_id not in articles:
            articles[passage.article_id] = article(passage.article_id)
        doc = articles[passage.article_id]
        for start, end in article_sentences(doc):
            if start >= passage.start and end <= passage.end and (doc.id, start) not in seen:
                seen.add((doc.id, start))
                if _reportable(doc.text[start:end]):
                    picked.append((doc, start, end))
    topic_terms = content_terms(topic)
    vectors = _unit(question_and(embedder, topic, [d.text[s:e] for d, s, e in picked])) if picked else None
    topic_vector = vectors[0] if vectors is not None else np.zeros(1, dtype=np.float32)
    sentences = []
    for i, (doc, start, end) in enumerate(picked):
        assert vectors is not None
        vector = vectors[i + 1]
        terms = frozenset(content_terms(doc.text[start:end]))
        meaning = float(vector @ topic_vector)
        relevance = support(meaning, coverage(topic_terms, terms))
        shared = len(set(topic_terms) & terms)
        sentences.append(Sentence(doc, start, end, vector, terms, relevance, meaning, shared))
    return Pool(topic, fold(sentences, duplicates), topic_vector)
