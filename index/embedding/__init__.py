"""Embedding models behind one small contract, registered by name: one module per provider.

A backend is a class with ``model_id``, ``dimension``, ``max_tokens``, ``embed`` (what is
stored), ``embed_queries`` (what is asked; the base answers with ``embed``) and
``count_tokens``, built by ``from_config(EmbedConfig)``. What a backend can do beyond that
is declared on the contract (``adopt`` answers whether it can switch to the precision a
library was built with, ``token_ids`` whether it embeds token ids; the base says no to
both), never probed. A new backend is one module and
one line in ``EMBEDDERS``; the provider module is imported only when chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..registry import resolve

__all__ = ["EMBEDDERS", "EmbedConfig", "Embedder", "EmbedderBase", "build_embedder", "settings_for"]


@dataclass(frozen=True)
class EmbedConfig:
    """Everything a backend may need, resolved (keys, paths) by the caller's settings."""

    backend: str = "local"
    model: str = "all-MiniLM-L6-v2"
    base_url: str | None = None
    api_key: str | None = None
    batch_size: int = 32
    quantize: bool = True
    timeout: float = 60.0
    max_retries: int = 3
    cache_dir: Path | None = None


class Embedder(Protocol):
    """What the index needs from an embedding model."""

    model_id: str
    dimension: int
    max_tokens: int
    # Whether the answer stage's cosine thresholds, measured with all-MiniLM-L6-v2, hold for
    # this model's vectors. Cosines of other models sit elsewhere (multilingual-e5-small gives
    # 0.72-0.83 to every sentence of the seed article), so answers over a library embedded
    # with one are scored with MiniLM.
    calibrated: bool

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        """Vectors of questions to search with (``embed`` is for what is stored). The same
        as ``embed`` but for models that read a query otherwise, such as E5's "query: "."""
        ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]: ...

    def adopt(self, model_id: str) -> bool:
        """Switch to ``model_id`` if it is this model at another precision; False otherwise."""
        ...

    def token_ids(self, texts: Sequence[str]) -> list[list[int]] | None:
        """Each text's token ids (no special tokens), which ``embed_token_ids`` takes back; None
        when this backend embeds text only. Ingest tokenises each sentence once with it."""
        ...

    def embed_token_ids(self, ids: Sequence[Sequence[int]]) -> list[list[float]]:
        """``embed`` of the texts these ids (from ``token_ids``, joined) stand for."""
        ...


class EmbedderBase:
    """Default capabilities: a backend that cannot adopt another precision, embeds text only
    and is not the model the answer thresholds were measured with."""

    model_id: str
    dimension: int
    max_tokens: int
    calibrated = False

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        raise NotImplementedError

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return self.embed(texts)

    def adopt(self, model_id: str) -> bool:
        return False

    def token_ids(self, texts: Sequence[str]) -> list[list[int]] | None:
        return None

    def embed_token_ids(self, ids: Sequence[Sequence[int]]) -> list[list[float]]:
        raise NotImplementedError(f"{type(self).__name__} embeds text only")


# name -> "module:Class"; each class has ``from_config(EmbedConfig)``.
EMBEDDERS = {
    "local": "index.embedding.local:LocalEmbedder",
    "openai": "index.embedding.openai:OpenAIEmbedder",
    "openai_compatible": "index.embedding.openai:OpenAIEmbedder",
    "hash": "index.embedding.hash:HashEmbedder",
    "e5": "index.embedding.e5:E5Embedder",
}


def settings_for(model_id: str) -> str:
    """The settings that embed like ``model_id`` (as a library records it), for error texts."""
    if model_id.startswith("intfloat/multilingual-e5-small"):
        return "ASSISTANT_EMBED__BACKEND=e5"
    if "all-mpnet-base-v2" in model_id:
        return "ASSISTANT_EMBED__MODEL=all-mpnet-base-v2"
    if "all-MiniLM-L6-v2" in model_id:
        return "the default embed settings (no ASSISTANT_EMBED__BACKEND or ASSISTANT_EMBED__MODEL)"
    backend, _, model = model_id.partition(":")
    if backend in ("openai", "openai_compatible") and model:
        return f"ASSISTANT_EMBED__BACKEND={backend} ASSISTANT_EMBED__MODEL={model}"
    return "embed.backend and embed.model (ASSISTANT_EMBED__BACKEND, ASSISTANT_EMBED__MODEL)"


def build_embedder(config: EmbedConfig) -> Embedder:
    """The embedding model ``config.backend`` names, built from ``config``."""
    embedder: Embedder = resolve(EMBEDDERS, config.backend, "embed.backend").from_config(config)
    return embedder
