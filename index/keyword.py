"""The BM25 keyword index beside Chroma, kept consistent with it.

The index is built from the chunks stored in Chroma (never from a separate copy), saved
under the data dir together with the catalog generation it reflects, and rebuilt when the
catalog has moved on: after an ingest or remove in this process or in another one.
Filters are applied as a weight mask, so a filtered query still ranks the whole corpus.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from .models import Passage
from .store import ChunkStore, Filters, passage_from_node

__all__ = ["KeywordIndex"]

_STATE = "generation.json"


class KeywordIndex:
    """BM25 over every chunk of the library (llama-index's bm25s-backed retriever)."""

    def __init__(self, directory: Path, store: ChunkStore) -> None:
        self.directory = directory
        self.store = store
        self._lock = threading.Lock()
        self._retriever: Any = None
        self._generation = -1
        self._columns: dict[str, Any] = {}

    def _saved_generation(self) -> int:
        try:
            return int(json.loads((self.directory / _STATE).read_text())["generation"])
        except (OSError, ValueError, KeyError):
            return -1

    def _index_columns(self) -> None:
        """Per-document metadata as arrays, so a filter mask costs one vector operation."""
        import numpy as np

        corpus = self._retriever.corpus if self._retriever is not None else []
        self._columns = {
            "day": np.array([int(d.get("published_day") or 0) for d in corpus], dtype=np.int64),
            "source": np.array([str(d.get("source") or "") for d in corpus], dtype=object),
            "article_id": np.array([str(d.get("article_id") or "") for d in corpus], dtype=object),
        }

    def _load_or_build(self, generation: int) -> None:
        if self._generation != generation:
            self._load_or_build_index(generation)
            self._index_columns()

    def _load_or_build_index(self, generation: int) -> None:
        from llama_index.retrievers.bm25 import BM25Retriever

        if self._saved_generation() == generation:
            try:
                # bm25s draws a progress bar it offers no switch for; keep stderr clean.
                with contextlib.redirect_stderr(io.StringIO()):
                    self._retriever = BM25Retriever.from_persist_dir(str(self.directory))
                self._generation = generation
                return
            except (OSError, ValueError, KeyError):
                pass  # a half-written or foreign index: rebuild it below
        nodes = self.store.all_nodes()
        self._retriever = BM25Retriever.from_defaults(nodes=nodes, language="en") if nodes else None
        self._generation = generation
        self._save(generation)

    def _save(self, generation: int) -> None:
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".bm25-", dir=self.directory.parent))
        if self._retriever is not None:
            with contextlib.redirect_stderr(io.StringIO()):
                self._retriever.persist(str(tmp))
        (tmp / _STATE).write_text(json.dumps({"generation": generation}))
        old = self.directory.with_name(self.directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.directory.exists():
            self.directory.rename(old)
        tmp.rename(self.directory)
        shutil.rmtree(old, ignore_errors=True)

    def is_saved(self, generation: int) -> bool:
        """Whether the index on disk already reflects catalog ``generation``."""
        return self._saved_generation() == generation

    def refresh(self, generation: int) -> None:
        """Make the index reflect catalog ``generation`` (loads or rebuilds as needed)."""
        with self._lock:
            self._load_or_build(generation)

    def chunk_ids(self, generation: int) -> list[str]:
        """The ids of the chunks the index covers at catalog ``generation`` (a consistency check)."""
        with self._lock:
            self._load_or_build(generation)
            retriever = self._retriever
        return [str(d["node_id"]) for d in retriever.corpus] if retriever is not None else []

    def search(
        self, query: str, top_k: int, generation: int, filters: Filters | None = None
    ) -> list[Passage]:
        """BM25 over every chunk (``filters`` as a weight mask). Concurrent searches run in
        parallel: they read the index and never change it."""
        import bm25s
        import numpy as np
        from llama_index.core.vector_stores.utils import metadata_dict_to_node

        with self._lock:  # only to pick up a newer generation; searching needs no lock
            self._load_or_build(generation)
            retriever, columns = self._retriever, self._columns
        if retriever is None or not retriever.corpus:
            return []
        mask = None
        if filters:
            selected = _mask(columns, filters)
            if not selected.any():
                return []
            mask = selected.astype(np.float32)
        tokens = bm25s.tokenize(
            query,
            stemmer=None if retriever.skip_stemming else _stemmer(),
            token_pattern=retriever.token_pattern,
            show_progress=False,
        )
        k = max(1, min(top_k, len(retriever.corpus)))
        indexes, scores = retriever.bm25.retrieve(tokens, k=k, show_progress=False, weight_mask=mask)
        out = []
        for idx, score in zip(indexes[0], scores[0], strict=True):
            if not np.isfinite(score) or score <= 0:
                continue
            node = metadata_dict_to_node(idx if isinstance(idx, dict) else retriever.corpus[int(idx)])
            out.append(passage_from_node(node, float(score)))
        return out


_local = threading.local()


def _stemmer() -> Any:
    """One English stemmer per thread: PyStemmer's objects must not be shared between threads."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def _mask(columns: dict[str, Any], filters: Filters) -> Any:
    """Which chunks pass ``filters``, as one boolean vector over the corpus."""
    import numpy as np

    mask = np.ones(len(columns["day"]), dtype=bool)
    if filters.sources:
        mask &= np.isin(columns["source"], list(filters.sources))
    if filters.article_ids:
        mask &= np.isin(columns["article_id"], list(filters.article_ids))
    if filters.since:  # undated chunks (day 0) never match a date range
        mask &= columns["day"] >= filters.since.toordinal()
    if filters.until:
        mask &= (columns["day"] > 0) & (columns["day"] <= filters.until.toordinal())
    return mask
