"""How strongly a sentence supports a claim or answers a question: one measure for the quote
picker and the citation checker alike.

Support blends meaning (embedding cosine) with the share of the claim's content words the
sentence contains; the weights favour meaning, while the words keep names and numbers honest.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np

from index.embedding import Embedder

__all__ = ["cosine", "coverage", "question_and", "support"]

MEANING_WEIGHT = 0.6


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine similarity; 0.0 when either vector is all zeros."""
    u, v = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if u.shape != v.shape:
        raise ValueError(f"vectors of different lengths: {u.shape[0]} and {v.shape[0]}")
    norm = float(np.linalg.norm(u) * np.linalg.norm(v))
    return float(u @ v) / norm if norm else 0.0


def coverage(wanted: Collection[str], present: Collection[str]) -> float:
    """Share of the distinct ``wanted`` terms found in ``present``."""
    distinct = set(wanted)
    return len(distinct & set(present)) / len(distinct) if distinct else 0.0


def support(meaning: float, words: float) -> float:
    return MEANING_WEIGHT * meaning + (1 - MEANING_WEIGHT) * words


def question_and(embedder: Embedder, question: str, texts: Sequence[str]) -> list[list[float]]:
    """The question's vector (embedded as a query), then each text's (as a passage)."""
    return [*embedder.embed_queries([question]), *embedder.embed(texts)]
