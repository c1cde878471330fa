"""Everything that turns a question into a cited answer; the public API lives here.

from assistant import Assistant, Settings
bot = Assistant.from_settings(Settings(data_dir="./library"))
bot.ingest(["articles/"])
answer = bot.ask("What did Muraviev say about power balance?")
"""

from __future__ import annotations

from index.models import Article, ArticleInfo, IngestFailure, IngestReport, Passage
from index.store import Filters

from .api import Assistant
from .chat import ChatSession
from .config import Settings, load_settings
from .errors import (
    AssistantError,
    BackendError,
    BackendUnavailable,
    ConfigError,
    EmbeddingMismatch,
    IndexNotFound,
    IngestError,
    LibraryBusy,
    PromptError,
    StoreUnavailable,
)
from .models import Answer, Citation

__all__ = [
    "Answer",
    "Article",
    "ArticleInfo",
    "Assistant",
    "AssistantError",
    "BackendError",
    "BackendUnavailable",
    "ChatSession",
    "Citation",
    "ConfigError",
    "EmbeddingMismatch",
    "Filters",
    "IndexNotFound",
    "IngestError",
    "IngestFailure",
    "IngestReport",
    "LibraryBusy",
    "Passage",
    "PromptError",
    "Settings",
    "StoreUnavailable",
    "load_settings",
]
