"""Sentence spans with exact character offsets.

Citations point at sentences, so every sentence is a ``(start, end)`` pair into the article
text. Line breaks are hard boundaries (news text puts one paragraph per line); inside a
line, NLTK's Punkt model (shipped inside llama-index-core, so nothing is downloaded) finds
the sentence ends. Leading and trailing whitespace is never part of a span. A number's
abbreviation is never an end: "Red No. 3" and "Art. 5" stay one sentence; nor is a title's
before a name: "The measure now heads to Gov. John Carney" is one sentence, which Punkt cuts
after "Gov." (about one sentence in 150 of a week's news).
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
# Titles abbreviated before a name. "St." and "Dr." end a street's name too ("Main St."): they
# are titles only after a word in lower case or at the start ("said coauthor Dr. Guy Goodwin").
_TITLED = re.compile(
    r"(?:^|[\s“\"(])(?:Gov|Govs|Sen|Sens|Rep|Reps|Mr|Mrs|Ms|Messrs|Prof|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Rev|"
    r"Supt|Det|Atty)\.$|(?:^|[“\"(]|\b[a-z][\w-]*\s)(?:Dr|St|Mt|Ft)\.$"
)


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
            if len(spans) > first and _joined(text, spans[-1], span):
                span = (spans.pop()[0], span[1])
            spans.append(span)
    return spans


def _joined(text: str, before: Span, span: Span) -> bool:
    """Whether Punkt cut one sentence in two after an abbreviation: a number's ("No. 3"), or a
    title's before a name ("Gov. John Carney")."""
    if text[span[0]].isdigit() and _NUMBERED.search(text, *before):
        return True
    return text[span[0]].isupper() and bool(_TITLED.search(text[before[0] : before[1]]))


def mended(text: str, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """``spans`` found before titles were known to Punkt's cuts, joined where it cut one."""
    out: list[Span] = []
    for span in spans:
        same_line = out and "\n" not in text[out[-1][1] : span[0]]
        if same_line and _joined(text, out[-1], span):
            span = (out.pop()[0], span[1])
        out.append(span)
    return tuple(out)


@lru_cache(maxsize=1024)
def cached_sentence_spans(text: str) -> tuple[Span, ...]:
    """``sentence_spans`` of a text read again and again (an article answered from), kept."""
    return tuple(sentence_spans(text))


def article_sentences(article: Article) -> tuple[Span, ...]:
    """An article's sentences: those found at ingest (joined where an older ingest cut after a
    title), else found now (and kept)."""
    if article.sentences:
        return mended(article.text, article.sentences)
    return cached_sentence_spans(article.text)
