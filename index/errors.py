"""The error tree shared by the whole product.

``index`` never imports ``assistant``, so the whole hierarchy lives here, drawn once below;
``assistant`` and ``index`` re-export exactly ``__all__``. Every message says what to do next.

    AssistantError                 base of everything this product raises on purpose
    ├── ConfigError                a setting is missing, unknown or inconsistent
    ├── IngestError                one input (path or URL) could not be read; carries .source
    ├── IndexNotFound              an article id (or library) that does not exist
    ├── LibraryBusy                another process is ingesting into the same library
    ├── EmbeddingMismatch          the library was built with another embedding model
    ├── StoreUnavailable           the Chroma store cannot be opened or reached
    ├── BackendUnavailable         an answer/embedding backend is not installed or not running
    ├── BackendError               a backend failed or timed out while answering
    └── PromptError                a prompt template is missing or lacks a variable
"""

from __future__ import annotations

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


class AssistantError(Exception):
    """Base class: anything the assistant raises on purpose, with a message for a person."""


class ConfigError(AssistantError):
    """A setting is missing, unknown or inconsistent."""


class IngestError(AssistantError):
    """One input could not be ingested; ``source`` is the offending path or URL."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class IndexNotFound(AssistantError):
    """An article id that is not in the library."""


class LibraryBusy(AssistantError):
    """Another process is ingesting into (or removing from) the same library."""


class EmbeddingMismatch(AssistantError):
    """The stored collection was embedded with another model than the one configured."""


class StoreUnavailable(AssistantError):
    """The vector store cannot be opened or reached."""


class BackendUnavailable(AssistantError):
    """A backend is not installed, not configured, or its server is not running."""


class BackendError(AssistantError):
    """A backend failed or timed out while working on a request."""


class PromptError(AssistantError):
    """A prompt template is missing or is missing a required variable."""
