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

    def _saved_generation(self) -> int:
        try:
            return int(json.loads((self.directory / _STATE).read_text())["generation"])
        except (OSError, ValueError, KeyError):
            return -1

    def _load_or_build(self, generation: int) -> None:
        from llama_index.retrievers.bm25 import BM25Retriever

        if self._generation == generation:
            return
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

    def refresh(self, generation: int) -> None:
        """Make the index reflect catalog ``generation`` (loads or rebuilds as needed)."""
        with self._lock:
            self._load_or_build(generation)

    def search(
        self, query: str, top_k: int, generation: int, filters: Filters | None = None
    ) -> list[Passage]:
        import numpy as np
        from llama_index.core.schema import QueryBundle

        with self._lock:
            self._load_or_build(generation)
            retriever = self._retriever
            if retriever is None:
                return []
            mask = None
            if filters:
                mask = [int(filters.accepts(doc)) for doc in retriever.corpus]
                if not any(mask):
                    return []
            retriever.corpus_weight_mask = mask
            retriever.similarity_top_k = max(1, min(top_k, len(retriever.corpus)))
            try:
                results = retriever.retrieve(QueryBundle(query))
            finally:
                retriever.corpus_weight_mask = None
        out = []
        for hit in results:
            if hit.score is None or hit.score <= 0 or not np.isfinite(hit.score):
                continue
            out.append(passage_from_node(hit.node, float(hit.score)))
        return out
