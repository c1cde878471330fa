"""An article's key sentences: "Summarize the article", "What is the story about?".

No sentence of an article says what the article is about, so a sentence search answers such a
question with nothing. The answer is the article's own key sentences, each cited: its lead
(news puts the essentials first) and the sentences nearest in meaning to the article as a whole,
each new against those already chosen (maximal marginal relevance), shown in the article's order.
Quotes only, with any backend: a summary a model writes would have every sentence checked and
most flagged, while these need no check beyond their offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from index.embedding import Embedder
from index.models import Article, Passage
from index.sentences import article_sentences

from ...models import Answer, Citation
from ..citations import make_citation

__all__ = ["CREDIT", "KEY_SENTENCES", "asks_for_summary", "summarise_article"]

KEY_SENTENCES = 4
LEAD = 0.1  # for each of the first two sentences of the body: news puts the essentials first
REDUNDANCY = 0.6  # weight of closeness to a sentence already chosen
_MIN_WORDS, _MAX_WORDS = 12, 80  # a heading or caption is no key sentence; nor is a run-on list
# A sentence that leans on the one before ("He's willing to …", "But the talks …") is no key
# sentence on its own.
_LEANS = re.compile(r"^\W*(?:he|she|they|it|this|that|these|those|but|and|so|also|yet)\b", re.IGNORECASE)
# Nor does a quotation whose speaker is named in another sentence.
_BARE_QUOTE = re.compile(r"^\s*[\"“][^\"“”]*[\"”]\s*$")

_PIECE = r"(?:the|this|that)\s+(?:news\s+)?(?:article|story|piece|report|text)"
_ASKS = re.compile(
    rf"^\s*(?:please\s+)?(?:summari[sz]e|sum\s+up|recap|condense)\s+{_PIECE}"
    rf"|^\s*(?:please\s+)?(?:give\s+me|list)\s+(?:a\s+|the\s+)?(?:(?:two|three|four|five|\d)\s+)?"
    r"(?:summary|gist|rundown|recap|tl;?dr|(?:key|main|most\s+important)\s+(?:points|facts|takeaways)|"
    rf"highlights|takeaways)(?:\s+(?:of|from|in)\s+{_PIECE}\b.*)?\s*[?.!]*\s*$"
    rf"|^\s*what(?:'s|’s|\s+is)\s+{_PIECE}(?:\s+(?:mainly|mostly|really))?\s+about\b"
    rf"|^\s*what(?:'s|’s|\s+is|\s+are)\s+the\s+(?:gist|(?:main|key|central)\s+(?:points?|ideas?|message|takeaways?))"
    rf"(?:\s+(?:of|in)\s+{_PIECE})?\s*[?.!]*\s*$"
    # the lede: the opening the key sentences start with
    r"|^\s*what(?:'s|’s|\s+is)\s+the\s+(?:lede|lead\s+paragraph|opening\s+(?:line|sentence|paragraph))\s*[?.!]*\s*$"
    rf"|^\s*what\s+are\s+the\s+(?:key|main|most\s+important)\s+(?:points|takeaways|facts)\b"
    r"|^\s*(?:tl;?dr|summary)\s*[?.!]*\s*$"
    r"|^\s*(?:please\s+)?(?:summari[sz]e|sum\s+(?:it\s+)?up|recap)(?:\s+(?:it|this))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# The lines in which an article credits its own reporting: no key sentence, the answer to
# "who wrote it" (``record``).
CREDIT = re.compile(
    r"\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\b|\b(?:reporting|writing|"
    r"editing|written|reported)\s+by\s+[A-Z]|^\s*By\s+[A-Z][\w.’'-]+\s+[A-Z]",
)


def asks_for_summary(question: str) -> bool:
    """Whether ``question`` asks what an article says as a whole."""
    return bool(_ASKS.search(question))


def _body(doc: Article) -> list[tuple[int, int]]:
    """The article's sentences that could be key ones: not its headline or credit lines."""
    spans = article_sentences(doc)
    out = []
    for start, end in spans:
        text = doc.text[start:end]
        words = len(text.split())
        if (
            text.strip() == doc.title.strip()
            or CREDIT.search(text)
            or _LEANS.search(text)
            or _BARE_QUOTE.match(text)
        ):
            continue
        if _MIN_WORDS <= words <= _MAX_WORDS:
            out.append((start, end))
    return out


def key_sentences(doc: Article, embedder: Embedder, count: int = KEY_SENTENCES) -> list[tuple[int, int]]:
    """The spans of ``doc``'s ``count`` key sentences, in the article's order."""
    spans = _body(doc)
    if len(spans) <= count:
        return spans
    vectors = np.asarray(embedder.embed([doc.text[s:e] for s, e in spans]), dtype=np.float64)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    centre = vectors.mean(axis=0)
    centre /= max(float(np.linalg.norm(centre)), 1e-12)
    relevance = vectors @ centre
    relevance[:2] += LEAD
    chosen: list[int] = []
    while len(chosen) < count:
        closeness = (vectors @ vectors[chosen].T).max(axis=1) if chosen else np.zeros(len(spans))
        gain = relevance - REDUNDANCY * closeness
        gain[chosen] = -np.inf
        chosen.append(int(np.argmax(gain)))
    return [spans[i] for i in sorted(chosen)]


def summarise_article(
    question: str,
    passages: Sequence[Passage],
    article: Callable[[str], Article],
    embedder: Embedder,
    backend: str,
) -> Answer:
    """The key sentences of the best article for ``passages``, each cited."""
    if not passages:
        return Answer(text="The library has no article that matches this.", refused=True, question=question)
    doc = article(passages[0].article_id)
    citations: list[Citation] = [
        make_citation(n, doc, start, end, 1.0)
        for n, (start, end) in enumerate(key_sentences(doc, embedder), 1)
    ]
    if not citations:
        return Answer(text=f"“{doc.title}” has no sentences to quote.", refused=True, question=question)
    lines = [f"Key sentences of “{doc.title}”:", *(f"- {c.quote} [{c.n}]" for c in citations)]
    return Answer(
        text="\n".join(lines),
        citations=tuple(citations),
        question=question,
        backend=f"{backend}, key sentences",
        checks={"verified": len(citations), "unsupported": 0},
    )
