"""Embeddings from OpenAI or an OpenAI-compatible server (the ``/embeddings`` endpoint).

The dimension is learnt from one probe call when the library is opened, so a library built
with another model is caught as an ``EmbeddingMismatch`` before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from index.chunking import approx_tokens

from .errors import BackendUnavailable, ConfigError
from .llm_openai import translate_error

__all__ = ["OpenAIEmbedder"]


class OpenAIEmbedder:
    """An embedding model behind the OpenAI embeddings API."""

    def __init__(
        self, backend: str, model: str, base_url: str | None, api_key: str | None, batch_size: int
    ) -> None:
        try:
            import openai
        except ImportError as exc:
            raise BackendUnavailable("The openai package is missing: run `pip install openai`.") from exc
        if backend == "openai":
            api_key = api_key or os.environ.get("OPENAI_API_KEY")
            if not api_key:
                raise BackendUnavailable(
                    "OpenAI embeddings need an API key: set OPENAI_API_KEY or ASSISTANT_EMBED__API_KEY."
                )
            if model == "all-MiniLM-L6-v2":
                model = "text-embedding-3-small"
        elif not base_url:
            raise ConfigError(
                "embed.backend=openai_compatible needs embed.base_url (ASSISTANT_EMBED__BASE_URL)."
            )
        self.backend = backend
        self.model = model
        self.where = base_url or "api.openai.com"
        self.batch_size = batch_size
        self.max_tokens = 8191
        self.client = openai.OpenAI(base_url=base_url, api_key=api_key or "not-needed", max_retries=3)
        self.model_id = f"{backend}:{model}"
        self.dimension = len(self.embed(["dimension probe"])[0])

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            batch = list(texts[i : i + self.batch_size])
            try:
                reply = self.client.embeddings.create(model=self.model, input=batch)
            except Exception as exc:
                raise translate_error(exc, self.backend, self.where, self.model, 3) from None
            vectors += [list(d.embedding) for d in sorted(reply.data, key=lambda d: d.index)]
        return vectors

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return approx_tokens(texts)
