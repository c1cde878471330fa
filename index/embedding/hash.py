"""A deterministic hashed bag-of-words embedding, for fast unit tests.

Lexical, not semantic, but stable across runs, machines and ``PYTHONHASHSEED``: no model,
no randomness. Never a default; chosen with ``embed.backend = "hash"``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from ..chunking import approx_tokens
from . import EmbedConfig, EmbedderBase

__all__ = ["HashEmbedder"]

_TOKEN = re.compile(r"\w+", re.UNICODE)


class HashEmbedder(EmbedderBase):
    """Deterministic hashed bag-of-words vectors (tests only; they stand in for MiniLM)."""

    calibrated = True

    def __init__(self, dimension: int = 256) -> None:
        self.dimension = dimension
        self.model_id = f"hash-bow-{dimension}"
        self.max_tokens = 256

    @classmethod
    def from_config(cls, config: EmbedConfig) -> HashEmbedder:
        return cls()

    def _vector(self, text: str) -> list[float]:
        vec = np.zeros(self.dimension)
        for token in _TOKEN.findall(text.lower()):
            digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
            slot = int.from_bytes(digest[:4], "little") % self.dimension
            vec[slot] += 1.0 if digest[4] & 1 else -1.0
        norm = float(np.linalg.norm(vec)) or 1.0
        return [float(v) for v in vec / norm]

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return approx_tokens(texts)
