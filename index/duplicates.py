"""Near-duplicate wire stories: MinHash signatures over word shingles, checked at ingest.

The same agency story is republished by many outlets with a new headline, a different
boilerplate paragraph, a trimmed ending. Storing every copy wastes embedding time and makes
answers cite one story three times. Each article's text gets a MinHash signature (datasketch)
over 5-word shingles; an LSH index finds stored articles whose estimated Jaccard similarity
is at least ``threshold``, and the ingest step then keeps the canonical copy (the one stored
first) and records the newcomer's outlet, URL and title against it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np

__all__ = ["MIN_WORDS", "NUM_PERM", "DuplicateIndex", "signature"]

NUM_PERM = 128
SHINGLE_WORDS = 5
MIN_WORDS = 40  # shorter texts (stubs, captions, paywall notices) are never merged
SCHEME = "affine32"  # datasketch's hashing scheme: stored signatures are only comparable within one
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _permutations() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def _minhash(hashvalues: np.ndarray | None = None) -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashvalues=hashvalues, permutations=_permutations())


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of ``text``'s word shingles, or None if it is too short to judge."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    minhash = _minhash()
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


class DuplicateIndex:
    """Signatures of the stored articles, searchable for near-duplicates in sublinear time."""

    def __init__(self, signatures: Iterable[tuple[str, np.ndarray]] = (), threshold: float = 0.6) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh: Any = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, np.ndarray] = {}
        for article_id, sig in signatures:
            self.add(article_id, sig)

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, article_id: str, sig: np.ndarray) -> None:
        if article_id in self._signatures:
            self.remove(article_id)
        self._signatures[article_id] = sig
        self._lsh.insert(article_id, _minhash(sig))

    def remove(self, article_id: str) -> None:
        if self._signatures.pop(article_id, None) is not None:
            self._lsh.remove(article_id)

    def find(self, article_id: str, sig: np.ndarray) -> tuple[str, float] | None:
        """The most similar other stored article at or above the threshold, with its similarity."""
        best: tuple[str, float] | None = None
        for other in self._lsh.query(_minhash(sig)):
            if other == article_id:
                continue
            score = similarity(sig, self._signatures[other])
            if score >= self.threshold and (best is None or score > best[1]):
                best = (other, score)
        return best
