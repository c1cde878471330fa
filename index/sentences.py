"""Sentence spans with exact character offsets.

Citations point at sentences, so every sentence is a ``(start, end)`` pair into the article
text. Line breaks are hard boundaries (news text puts one paragraph per line); inside a
line, NLTK's Punkt model (shipped inside llama-index-core, so nothing is downloaded) finds
the sentence ends. Leading and trailing whitespace is never part of a span. A number's
abbreviation is never an end: "Red No. 3" and "Art. 5" stay one sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .text import nltk_data_dir

if TYPE_CHECKING:
    from .models import Article

__all__ = ["Span", "article_sentences", "cached_sentence_spans", "paragraph_spans", "sentence_spans"]

Span = tuple[int, int]

_LINE = re.compile(r"[^\n]+")
_NUMBERED = re.compile(r"\b(?:No|Nos|Nr|Art|Vol|Ch|Sec|Fig|pp?)\.$")  # followed by a number


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import nltk
    from nltk.tokenize.punkt import PunktTokenizer

    cache = nltk_data_dir()
    if cache is not None and str(cache) not in nltk.data.path:
        nltk.data.path.append(str(cache))
    return PunktTokenizer("english")


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def paragraph_spans(text: str) -> list[Span]:
    """Non-blank lines of ``text``, stripped, as spans."""
    spans = []
    for match in _LINE.finditer(text):
        span = _strip(text, match.start(), match.end())
        if span:
            spans.append(span)
    return spans


def sentence_spans(text: str) -> list[Span]:
    """Sentences of ``text`` in order; ``text[s:e]`` is each sentence, whitespace-trimmed."""
    tokenizer = _tokenizer()
    spans: list[Span] = []
    for p_start, p_end in paragraph_spans(text):
        first = len(spans)
        for s, e in tokenizer.span_tokenize(text[p_start:p_end]):
            span = _strip(text, p_start + s, p_start + e)
            if not span:
                continue
            if len(spans) > first and text[span[0]].isdigit() and _NUMBERED.search(text, *spans[-1]):
                span = (spans.pop()[0], span[1])
            spans.append(span)
    return spans


@lru_cache(maxsize=1024)
def cached_sentence_spans(text: str) -> tuple[Span, ...]:
    """``sentence_spans`` of a text read again and again (an article answered from), kept."""
    return tuple(sentence_spans(text))


def article_sentences(article: Article) -> tuple[Span, ...]:
    """An article's sentences: those found at ingest, else found now (and kept)."""
    return article.sentences or cached_sentence_spans(article.text)
