"""Sentence-aware chunks sized for the embedding model's window.

A chunk is a run of whole sentences, ``article.text[start:end]``, never cut mid-sentence
unless one sentence alone is longer than the window (then it is cut at word boundaries).
Chunks stay inside the model's window so that the embedding sees every word it stands
for, and consecutive chunks share one sentence of overlap so that a quote and its
attribution ("..., Muraviev said.") are found together.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence

from .models import Article, Chunk
from .sentences import Span, sentence_spans

__all__ = ["TokenCounter", "approx_tokens", "chunk_article", "chunk_id"]

TokenCounter = Callable[[Sequence[str]], list[int]]

_WORD = re.compile(r"\S+")


def approx_tokens(texts: Sequence[str]) -> list[int]:
    """A tokenizer-free estimate of word-piece tokens (about 1.35 per English word)."""
    return [int(len(_WORD.findall(t)) * 1.35) + 1 for t in texts]


def chunk_id(article_id: str, index: int, start: int, end: int) -> str:
    digest = hashlib.sha1(f"{article_id}\x00{index}\x00{start}\x00{end}".encode()).hexdigest()
    return digest[:24]


def _split_long(text: str, span: Span, tokens: int, max_tokens: int) -> list[Span]:
    """Cut one over-long sentence into word-aligned pieces of about ``max_tokens``."""
    start, end = span
    words = [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]
    per_piece = max(1, int(len(words) * max_tokens / max(tokens, 1)))
    return [
        (words[i][0], words[min(i + per_piece, len(words)) - 1][1]) for i in range(0, len(words), per_piece)
    ]


def chunk_article(
    article: Article,
    max_tokens: int = 200,
    overlap_sentences: int = 1,
    count_tokens: TokenCounter = approx_tokens,
) -> list[Chunk]:
    """Split ``article.text`` into chunks of whole sentences of at most ``max_tokens``."""
    text = article.text
    spans = list(article.sentences) or sentence_spans(text)
    if not spans:
        return []
    counts = count_tokens([text[s:e] for s, e in spans])
    units: list[tuple[Span, int]] = []
    for span, n in zip(spans, counts, strict=True):
        if n > max_tokens:
            pieces = _split_long(text, span, n, max_tokens)
            units.extend((p, max(1, n // len(pieces))) for p in pieces)
        else:
            units.append((span, n))

    groups: list[list[int]] = []
    current: list[int] = []
    size = 0
    for i, (_, n) in enumerate(units):
        if current and size + n > max_tokens:
            groups.append(current)
            keep = current[-overlap_sentences:] if overlap_sentences else []
            # Overlap only when it leaves room for new text.
            if keep and sum(units[j][1] for j in keep) + n <= max_tokens // 2:
                current, size = list(keep), sum(units[j][1] for j in keep)
            else:
                current, size = [], 0
        current.append(i)
        size += n
    if current:
        groups.append(current)

    chunks = []
    for index, group in enumerate(groups):
        start, end = units[group[0]][0][0], units[group[-1]][0][1]
        chunks.append(
            Chunk(
                id=chunk_id(article.id, index, start, end),
                article_id=article.id,
                text=text[start:end],
                start=start,
                end=end,
                index=index,
            )
        )
    return chunks
