"""How strongly a sentence supports a claim or answers a question: one measure for the quote
picker and the citation checker alike.

Support blends meaning (embedding cosine) with the share of the claim's content words the
sentence contains; the weights favour meaning, while the words keep names and numbers honest.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence

import numpy as np

from index.embedding import Embedder

__all__ = [
    "agent_terms",
    "akin_terms",
    "cosine",
    "coverage",
    "meanings",
    "question_and",
    "rarity",
    "support",
    "weighted_coverage",
]

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


def rarity(wanted: Collection[str], presents: Sequence[Collection[str]]) -> dict[str, float]:
    """Each wanted term's weight among ``presents`` (the terms of each candidate sentence): the
    fewer sentences hold it, the more it tells them apart ("bands" of "what did the bands do
    during the welcome?", where every sentence on the ceremony says "welcome")."""
    n = len(presents)
    return {t: math.log((n + 1) / (0.5 + sum(t in p for p in presents))) for t in set(wanted)}


def weighted_coverage(weights: dict[str, float], present: Collection[str]) -> float:
    """Share of the terms' total ``weights`` that ``present`` holds."""
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in present) / total if total > 0 else 0.0


# The joints of a long sentence: "…, and Putin added that …", "; ", " — ", "… while bands played".
_CLAUSE_JOINT = re.compile(
    r",\s+(?:and|but|while|which|where|as|after|before|who|when)\s+|;\s+|\s+[—–]\s+|\s+while\s+"
    # "…, on which the U.S. just levied more tariffs …", "…, in which …"
    r"|,\s+(?:on|in|of|for|with|from|by|at|to|under|against)\s+(?:which|whom)\s+"
)
# A clause is weighed a little below a whole sentence: a few words alone match a question easily.
CLAUSE_COST = 0.05


def clauses(sentence: str) -> list[str]:
    """The clauses of four words or more of a sentence that joins several; none for one."""
    parts = [p for p in _CLAUSE_JOINT.split(sentence) if len(p.split()) >= 4]
    return parts if len(parts) >= 2 else []


def meanings(embedder: Embedder, question: str, texts: Sequence[str]) -> list[float]:
    """Each text's cosine with ``question``, or its closest clause's less ``CLAUSE_COST`` where
    that is higher: "What did the two leaders agree to pursue?" is answered by the first clause
    of "The two leaders also said they would pursue more cultural exchanges, and Putin added
    that …", which as a whole is about electric vehicles and tariffs too."""
    parts = [clauses(t) for t in texts]
    flat = [c for ps in parts for c in ps]
    asked, *vectors = question_and(embedder, question, [*texts, *flat])
    best = [cosine(asked, v) for v in vectors[: len(texts)]]
    owners = [i for i, ps in enumerate(parts) for _ in ps]
    for i, vec in zip(owners, vectors[len(texts) :], strict=True):
        best[i] = max(best[i], cosine(asked, vec) - CLAUSE_COST)
    return best


def akin_terms(wanted: Collection[str], present: Collection[str]) -> set[str]:
    """The ``wanted`` terms whose word family ``present`` holds in a shorter form: the stemmer
    leaves "relationship" whole but cuts "relations" to "relat", and "economy" to "economi" but
    "economic" to "econom". A present stem of five letters or more that begins a wanted one is
    its family; a longer word is not ("councillor" is no "council", "statement" no "state")."""
    have = {u for u in present if len(u) >= 5}
    return {t for t in wanted if t not in present and any(t.startswith(u) for u in have)}


_AGENT_ENDINGS = ("er", "or", "r")


def agent_terms(wanted: Collection[str], present: Collection[str]) -> set[str]:
    """The ``wanted`` verbs whose doer ``present`` names: "Who used to edit the Global Times?"
    is answered by "the former editor of the Global Times", "Who founded the firm?" by "its
    founder", "Who leads the party?" by "the party's leader"."""

    def doers(verb: str) -> set[str]:
        # (a short verb doubles its last letter: "run", "runner"; "council" is no "councillor")
        return {verb + e for e in _AGENT_ENDINGS} | ({verb + verb[-1] + "er"} if len(verb) <= 4 else set())

    return {t for t in wanted if t not in present and doers(t) & set(present)}
