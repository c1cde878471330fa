"""Everything that turns articles into searchable passages: read, chunk, embed, store, retrieve.

    read/        files, folders, pages and feeds -> Article values (one id per article)
    text         words, stems, titles and file formats, shared with ``assistant``
    chunking     sentence-aware chunks with exact offsets (sentences: the spans)
    quotes       who said what, found once at ingest; duplicates: near-copy wire stories
    embedding/   one contract, one module per provider, registered by name
    store        the Chroma collection; keyword: BM25 beside it; catalog: SQLite, the texts
    ingest       one run: read, skip, fold copies, chunk, embed, write (crash-safe)
    retrieve/    named stages: hybrid -> time window -> fuse -> time re-rank -> speaker first
    library      the front: a data dir with all of the above, and its write lock
    errors       the exception tree of the whole product

This package never imports ``assistant``.
"""

from __future__ import annotations

from .embedding import EMBEDDERS, EmbedConfig, Embedder, build_embedder
from .errors import *  # noqa: F403 - the tree is listed once, in index.errors
from .errors import __all__ as _errors
from .ingest import IngestProgress
from .library import Library
from .models import Article, ArticleInfo, Chunk, IngestFailure, IngestReport, Passage
from .retrieve import Search, TimeSignal
from .store import Filters

__all__ = [
    "EMBEDDERS",
    "Article",
    "ArticleInfo",
    "Chunk",
    "EmbedConfig",
    "Embedder",
    "Filters",
    "IngestFailure",
    "IngestProgress",
    "IngestReport",
    "Library",
    "Passage",
    "Search",
    "TimeSignal",
    "build_embedder",
]
__all__ += _errors
__all__.sort()  # one sorted list, the errors among the rest
