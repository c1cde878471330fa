"""One immutable BM25 segment: a bm25s score matrix and per-chunk columns, memory-mapped.

A segment is written once (from chunks read back from Chroma) and never changed: the bm25s
index (its CSC score matrix, vocabulary and parameters) plus, per chunk, its id, published
day, source and article as fixed-width arrays. Opening one maps the arrays from disk, so a
served library holds only the pages its queries touch. Chunk texts stay in Chroma.

Scores are computed per query term so that the index can rescale each term to the IDF of the
whole library (``idf``), not of this segment: a small segment of this week's news must not
lose to an old large one because its topical words are common inside it.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["Doc", "Segment", "idf", "query_terms"]

_COLUMNS = "columns.json"
_STOPWORDS = "en"


@dataclass(frozen=True)
class Doc:
    """What the keyword index needs of one chunk."""

    chunk_id: str
    article_id: str
    text: str
    day: int
    source: str

    @classmethod
    def from_record(cls, chunk_id: str, text: str, meta: Mapping[str, Any]) -> Doc:
        """A chunk as Chroma stores it; the title is searched with the text."""
        title = str(meta.get("title") or "")
        return cls(
            chunk_id=chunk_id,
            article_id=str(meta["article_id"]),
            text=f"{title}\n{text}" if title else text,
            day=int(meta.get("published_day") or 0),
            source=str(meta.get("source") or ""),
        )


def idf(df: Any, docs: int) -> Any:
    """BM25's IDF as bm25s computes it by default (the Lucene form), over arrays or numbers."""
    return np.log1p((docs - df + 0.5) / (df + 0.5))


_local = threading.local()


def _stemmer() -> Any:
    """One English stemmer per thread: PyStemmer's objects must not be shared between threads."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def query_terms(text: str) -> dict[str, int]:
    """The stemmed terms of ``text`` as the index stores them, with how often each occurs."""
    import bm25s

    tokens = bm25s.tokenize(
        text, stopwords=_STOPWORDS, stemmer=_stemmer(), return_ids=False, show_progress=False
    )[0]
    counts: dict[str, int] = {}
    for token in tokens:
        counts[token] = counts.get(token, 0) + 1
    return counts


class Segment:
    """An opened segment; ``scores`` ranks its chunks for a query."""

    def __init__(self, directory: Path) -> None:
        import bm25s

        self.directory = directory
        with contextlib.redirect_stderr(io.StringIO()):  # bm25s may draw progress bars
            self.bm25 = bm25s.BM25.load(str(directory), mmap=True, show_progress=False)
        matrix = self.bm25.scores
        self.data, self.indices, self.indptr = matrix["data"], matrix["indices"], matrix["indptr"]
        self.docs = int(matrix["num_docs"])
        self.vocab: dict[str, int] = self.bm25.vocab_dict
        self.df = np.diff(np.asarray(self.indptr)).astype(np.int64)  # chunks holding each term
        columns = json.loads((directory / _COLUMNS).read_text())
        self.sources: list[str] = columns["sources"]
        self.articles: list[str] = columns["articles"]
        self.chunk_ids = np.load(directory / "chunk.npy", mmap_mode="r")
        self.day = np.load(directory / "day.npy", mmap_mode="r")
        self.source = np.load(directory / "source.npy", mmap_mode="r")
        self.article = np.load(directory / "article.npy", mmap_mode="r")
        self._article_codes: dict[str, int] | None = None

    @property
    def name(self) -> str:
        return self.directory.name

    @classmethod
    def build(cls, directory: Path, docs: Sequence[Doc]) -> Segment:
        """Tokenise ``docs`` once, index them with bm25s and write the segment to ``directory``."""
        import bm25s

        directory.mkdir(parents=True)
        tokens = bm25s.tokenize(
            [d.text for d in docs], stopwords=_STOPWORDS, stemmer=_stemmer(), show_progress=False
        )
        bm25 = bm25s.BM25()
        with contextlib.redirect_stderr(io.StringIO()):
            bm25.index(tokens, show_progress=False)
            bm25.save(str(directory), show_progress=False)
        sources = sorted({d.source for d in docs})
        articles = list(dict.fromkeys(d.article_id for d in docs))
        source_code = {s: i for i, s in enumerate(sources)}
        article_code = {a: i for i, a in enumerate(articles)}
        np.save(directory / "chunk.npy", np.array([d.chunk_id.encode() for d in docs], dtype=bytes))
        np.save(directory / "day.npy", np.array([d.day for d in docs], dtype=np.int32))
        np.save(directory / "source.npy", np.array([source_code[d.source] for d in docs], dtype=np.int32))
        np.save(
            directory / "article.npy", np.array([article_code[d.article_id] for d in docs], dtype=np.int32)
        )
        (directory / _COLUMNS).write_text(json.dumps({"sources": sources, "articles": articles}))
        return cls(directory)

    def codes(self, article_ids: Sequence[str]) -> list[int]:
        """The segment's codes of those of ``article_ids`` it holds."""
        if self._article_codes is None:
            self._article_codes = {a: i for i, a in enumerate(self.articles)}
        return [self._article_codes[a] for a in article_ids if a in self._article_codes]

    def alive(self, dead: Sequence[str]) -> Any:
        """Which chunks still count: those of articles not removed (or replaced) since the build."""
        mask = np.ones(self.docs, dtype=bool)
        codes = self.codes(dead)
        if codes:
            mask &= ~np.isin(self.article, codes)
        return mask

    def term_stats(self, terms: Mapping[str, int]) -> dict[str, int]:
        """How many of this segment's chunks hold each of ``terms`` (for the library-wide IDF)."""
        return {t: int(self.df[self.vocab[t]]) for t in terms if t in self.vocab}

    def scores(self, weights: Mapping[str, float]) -> Any:
        """BM25 of every chunk, each term's precomputed score scaled by ``weights[term]``.

        A term's column holds each chunk at most once, so a plain indexed add is exact.
        """
        scores = np.zeros(self.docs, dtype=np.float32)
        for term, weight in weights.items():
            column = self.vocab.get(term)
            if column is None or weight <= 0:
                continue
            start, end = int(self.indptr[column]), int(self.indptr[column + 1])
            scores[self.indices[start:end]] += self.data[start:end] * np.float32(weight)
        return scores

    def own_idf(self, term: str) -> float:
        """The IDF bm25s folded into this segment's scores for ``term``."""
        return float(idf(self.df[self.vocab[term]], self.docs)) if term in self.vocab else math.nan
