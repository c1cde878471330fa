"""Everything that turns a question into a cited answer; the public API lives here.

    from assistant import Assistant, Query, Settings
    bot = Assistant.from_settings(Settings(data_dir="./library"))
    bot.ingest(["articles/"])
    answer = bot.ask("What did Muraviev say about power balance?")

    api          Assistant: the facade (configuration meets objects in from_settings)
    query        Query, the frozen question; read(): its one reading into a Search
    questions    speaker and topic of "what did X say about Y"; when: time phrases
    answer/      extractive and generative answerers, verification, citations
    llm/         chat models: one contract, one module per backend, registered by name
    chat         follow-ups made standalone; cli: the terminal; ui/: the browser
    config       Settings; templates: the prompts; models: Answer and Citation

Every error raised on purpose is an ``AssistantError``; the tree is in ``index.errors``.
"""

from __future__ import annotations

from index.errors import *  # noqa: F403 - the tree is listed once, in index.errors
from index.errors import __all__ as _errors
from index.models import Article, ArticleInfo, IngestFailure, IngestReport, Passage, Quote
from index.store import Filters

from .api import Assistant
from .chat import ChatSession
from .config import Settings, load_settings
from .models import Answer, Citation
from .query import Query

__all__ = [
    "Answer",
    "Article",
    "ArticleInfo",
    "Assistant",
    "ChatSession",
    "Citation",
    "Filters",
    "IngestFailure",
    "IngestReport",
    "Passage",
    "Query",
    "Quote",
    "Settings",
    "load_settings",
]
__all__ += _errors
__all__.sort()  # one sorted list, the errors among the rest
