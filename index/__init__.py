"""Everything that turns articles into searchable passages: ingest, chunking, store, retrieve.

This package never imports ``assistant``.
"""

from __future__ import annotations

from .embedding import Embedder, HashEmbedder, LocalEmbedder
from .errors import (
    AssistantError,
    BackendError,
    BackendUnavailable,
    ConfigError,
    EmbeddingMismatch,
    IndexNotFound,
    IngestError,
    PromptError,
    StoreUnavailable,
)
from .ingest import IngestProgress, LibraryBusy
from .library import Library
from .models import Article, ArticleInfo, Chunk, IngestFailure, IngestReport, Passage
from .store import Filters

__all__ = [
    "Article",
    "ArticleInfo",
    "AssistantError",
    "BackendError",
    "BackendUnavailable",
    "Chunk",
    "ConfigError",
    "Embedder",
    "EmbeddingMismatch",
    "Filters",
    "HashEmbedder",
    "IndexNotFound",
    "IngestError",
    "IngestFailure",
    "IngestProgress",
    "IngestReport",
    "Library",
    "LibraryBusy",
    "LocalEmbedder",
    "Passage",
    "PromptError",
    "StoreUnavailable",
]
