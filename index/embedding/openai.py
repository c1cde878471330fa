"""Embeddings from OpenAI or an OpenAI-compatible server (the ``/embeddings`` endpoint).

The dimension is learnt from one probe call when the library is opened, so a library built
with another model is caught as an ``EmbeddingMismatch`` before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..chunking import approx_tokens
from ..errors import BackendUnavailable, ConfigError
from ..openai_client import openai_client, translate_error
from . import EmbedConfig, EmbedderBase

__all__ = ["OpenAIEmbedder"]


class OpenAIEmbedder(EmbedderBase):
    """An embedding model behind the OpenAI embeddings API."""

    def __init__(
        self,
        backend: str,
        model: str,
        base_url: str | None,
        api_key: str | None,
        batch_size: int,
        timeout: float = 60.0,
        max_retries: int = 3,
    ) -> None:
        if backend == "openai":
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
        self.max_retries = max_retries
        self.max_tokens = 8191
        self.client = openai_client(base_url, api_key, timeout, max_retries)
        self.model_id = f"{backend}:{model}"
        self.dimension = len(self.embed(["dimension probe"])[0])

    @classmethod
    def from_config(cls, config: EmbedConfig) -> OpenAIEmbedder:
        return cls(
            config.backend,
            config.model,
            config.base_url,
            config.api_key,
            config.batch_size,
            config.timeout,
            config.max_retries,
        )

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            batch = list(texts[i : i + self.batch_size])
            try:
                reply = self.client.embeddings.create(model=self.model, input=batch)
            except Exception as exc:
                raise translate_error(exc, self.backend, self.where, self.model, self.max_retries) from None
            vectors += [list(d.embedding) for d in sorted(reply.data, key=lambda d: d.index)]
        return vectors

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return approx_tokens(texts)
