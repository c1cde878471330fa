"""How strongly a sentence supports a claim or answers a question: one measure for the quote
picker and the citation checker alike.

Support blends meaning (embedding cosine) with the share of the claim's content words the
sentence contains; the weights favour meaning, while the words keep names and numbers honest.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

__all__ = ["cosine", "coverage", "support"]

MEANING_WEIGHT = 0.6


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / ((math.sqrt(sum(x * x for x in a)) or 1.0) * (math.sqrt(sum(y * y for y in b)) or 1.0))


def coverage(wanted: Collection[str], present: Collection[str]) -> float:
    """Share of the distinct ``wanted`` terms found in ``present``."""
    distinct = set(wanted)
    return len(distinct & set(present)) / len(distinct) if distinct else 0.0


def support(meaning: float, words: float) -> float:
    return MEANING_WEIGHT * meaning + (1 - MEANING_WEIGHT) * words
