"""The public error tree (see ``index.errors`` for the diagram): re-exported for users.

``from assistant import AssistantError`` catches everything the product raises on purpose.
"""

from __future__ import annotations

from index.errors import (
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
from index.ingest import LibraryBusy

__all__ = [
    "AssistantError",
    "BackendError",
    "BackendUnavailable",
    "ConfigError",
    "EmbeddingMismatch",
    "IndexNotFound",
    "IngestError",
    "LibraryBusy",
    "PromptError",
    "StoreUnavailable",
]
