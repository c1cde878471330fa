"""The BM25 keyword index beside Chroma: segments that follow the catalog, memory-mapped.

The index is a list of immutable segments (``segment.Segment``) under the data dir and a
manifest naming them, the catalog generation they reflect, and which articles each one no
longer counts. When the catalog moves on (an ingest or a removal, in this process or
another), the index compares the articles it covers with the catalog's and catches up:
chunks of new or changed articles are read back from Chroma (never from a separate copy) into
a new small segment, removed or changed articles are marked dead in theirs. Small segments
are merged as they accumulate (each one at most ``SEGMENT_DOCS`` chunks), so an ingest costs
what it adds, not the size of the library. A library saved in an older layout is rebuilt.

Scores use the IDF of the whole library (every segment's chunk counts summed), so a term
weighs the same in every segment. Filters are applied as a mask over each segment, so a
filtered query still ranks the whole corpus. Searching takes no lock; a search that finds a
newer generation reloads the manifest first.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..models import Passage
from ..store import ChunkStore, Filters
from .segment import Doc, Segment, idf, query_terms

__all__ = ["SEGMENT_DOCS", "KeywordIndex"]

SEGMENT_DOCS = 200_000  # chunks in one segment at most (bounds the memory of building one)
_MERGE_RATIO = 3  # merge the newest segment into the one before when it is at least 1/3 its size
_MAX_SEGMENTS = 24
_MANIFEST = "segments.json"
_ARTICLES = "articles.json"
_LAYOUT = 2


@dataclass
class _Open:
    """The segments of one generation, opened, with what each still counts."""

    generation: int
    segments: list[tuple[Segment, Any]]  # (segment, alive mask)

    @property
    def docs(self) -> int:
        return sum(s.docs for s, _ in self.segments)


class KeywordIndex:
    """BM25 over every chunk of the library, kept in step with ``versions`` (article id -> hash)."""

    def __init__(self, directory: Path, store: ChunkStore, versions: Callable[[], Mapping[str, str]]) -> None:
        self.directory = directory
        self.store = store
        self.versions = versions
        self._lock = threading.Lock()
        self._open = _Open(-1, [])

    # -- the manifest ------------------------------------------------------------------

    def _manifest(self) -> dict[str, Any] | None:
        try:
            manifest = json.loads((self.directory / _MANIFEST).read_text())
        except (OSError, ValueError):
            return None
        return manifest if manifest.get("layout") == _LAYOUT else None

    def _write(self, manifest: dict[str, Any], covered: Mapping[str, list[str]]) -> None:
        """Write the article map, then the manifest (each by an atomic rename)."""
        for name, payload in ((_ARTICLES, covered), (_MANIFEST, manifest)):
            tmp = self.directory / f".{name}.{os.getpid()}.tmp"
            tmp.write_text(json.dumps(payload))
            tmp.replace(self.directory / name)

    @contextmanager
    def _writer(self) -> Iterator[None]:
        """One process at a time brings the saved index up to date."""
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        with open(self.directory.with_name(self.directory.name + ".lock"), "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    def is_saved(self, generation: int) -> bool:
        """Whether the index on disk already reflects catalog ``generation``."""
        manifest = self._manifest()
        return manifest is not None and manifest["generation"] == generation

    # -- keeping up with the catalog ------------------------------------------------------

    def refresh(self, generation: int) -> None:
        """Make the index reflect catalog ``generation`` (loads, or catches up and saves)."""
        self._current(generation)

    def _current(self, generation: int) -> _Open:
        with self._lock:
            if self._open.generation != generation:
                manifest = self._manifest()
                if manifest is None or manifest["generation"] != generation:
                    with self._writer():
                        manifest = self._manifest()
                        if manifest is None or manifest["generation"] != generation:
                            manifest = self._catch_up(manifest, generation)
                try:
                    self._open = self._load(manifest)
                except OSError:  # another process merged a segment away meanwhile: read again
                    with self._writer():
                        self._open = self._load(self._manifest() or self._catch_up(None, generation))
            return self._open

    def _segment(self, name: str) -> Segment:
        """The segment ``name``, from those already open when it is one of them."""
        for segment, _ in self._open.segments:
            if segment.name == name:
                return segment
        return Segment(self.directory / name)

    def _load(self, manifest: dict[str, Any]) -> _Open:
        segments = []
        for entry in manifest["segments"]:
            segment = self._segment(entry["name"])
            segments.append((segment, segment.alive(entry["dead"])))
        return _Open(int(manifest["generation"]), segments)

    def _catch_up(self, manifest: dict[str, Any] | None, generation: int) -> dict[str, Any]:
        """Bring the saved index to the catalog's articles; returns the new manifest."""
        versions = dict(self.versions())
        if manifest is None:
            shutil.rmtree(self.directory, ignore_errors=True)  # nothing, or an older layout
            self.directory.mkdir(parents=True)
            manifest, covered = {"layout": _LAYOUT, "generation": -1, "segments": []}, {}
            added = list(versions)
            docs: Iterator[Doc] = (d for d in self._docs(self.store.records()) if d.article_id in versions)
        else:
            covered = json.loads((self.directory / _ARTICLES).read_text())
            added = [a for a, v in versions.items() if covered.get(a, [None])[0] != v]
            self._mark_dead(
                manifest, covered, [a for a, entry in covered.items() if versions.get(a) != entry[0]]
            )
            docs = self._docs(self.store.records(article_ids=added)) if added else iter(())
        for segment in self._build(docs):
            manifest["segments"].append(_entry(segment))
            for article_id in segment.articles:  # [version, the segments holding its chunks...]
                covered.setdefault(article_id, [versions[article_id]]).append(segment.name)
        for article_id in added:  # articles without chunks: covered, in no segment
            covered.setdefault(article_id, [versions[article_id]])
        self._compact(manifest, covered)
        manifest["generation"] = generation
        self._write(manifest, covered)
        self._remove_unlisted(manifest)
        return manifest

    def _mark_dead(self, manifest: dict[str, Any], covered: dict[str, list[str]], stale: list[str]) -> None:
        """Stop counting the chunks of ``stale`` articles (removed, or changed and read again)."""
        entries = {e["name"]: e for e in manifest["segments"]}
        touched = set()
        for article_id in stale:
            for name in covered.pop(article_id)[1:]:
                if name in entries:
                    entries[name]["dead"].append(article_id)
                    touched.add(name)
        for name in touched:
            entry = entries[name]
            entry["live"] = int(self._segment(name).alive(entry["dead"]).sum())

    @staticmethod
    def _docs(records: Iterator[tuple[str, str, Mapping[str, Any]]]) -> Iterator[Doc]:
        return (Doc.from_record(i, text or "", meta) for i, text, meta in records)

    def _build(self, docs: Iterator[Doc]) -> Iterator[Segment]:
        """Segments of about ``SEGMENT_DOCS`` chunks, cut between articles (an article whose chunks
        do not come one after another may still span two: the article map lists every segment)."""
        batch: list[Doc] = []
        for doc in docs:
            if len(batch) >= SEGMENT_DOCS and doc.article_id != batch[-1].article_id:
                yield Segment.build(self.directory / f"seg-{uuid.uuid4().hex[:12]}", batch)
                batch = []
            batch.append(doc)
        if batch:
            yield Segment.build(self.directory / f"seg-{uuid.uuid4().hex[:12]}", batch)

    def _compact(self, manifest: dict[str, Any], covered: dict[str, list[str]]) -> None:
        """Merge the newest segments while they are of a size, and rewrite mostly-dead ones."""
        segments = manifest["segments"]
        while True:
            live = [int(e["live"]) for e in segments]
            if 0 in live:
                del segments[live.index(0)]
            elif mostly_dead := [i for i, e in enumerate(segments) if live[i] * 2 < e["docs"]]:
                self._merge(segments, mostly_dead[:1], covered)
            elif (
                len(segments) >= 2
                and live[-1] + live[-2] <= SEGMENT_DOCS
                and (live[-1] * _MERGE_RATIO >= live[-2] or len(segments) > _MAX_SEGMENTS)
            ):
                self._merge(segments, [len(segments) - 2, len(segments) - 1], covered)
            else:
                return

    def _merge(
        self, segments: list[dict[str, Any]], which: Sequence[int], covered: dict[str, list[str]]
    ) -> None:
        """Replace the segments at ``which`` with one built from their live chunks."""
        ids: list[str] = []
        for i in which:
            old = self._segment(segments[i]["name"])
            ids.extend(c.decode() for c in old.chunk_ids[old.alive(segments[i]["dead"])])
        built = list(self._build(self._docs(self.store.records(chunk_ids=ids))))
        merged = {segments[i]["name"] for i in which}
        for entry in covered.values():
            if merged.intersection(entry[1:]):
                entry[1:] = [n for n in entry[1:] if n not in merged]
        for segment in built:
            for article_id in segment.articles:
                if article_id in covered:
                    covered[article_id].append(segment.name)
        segments[which[0] : which[-1] + 1] = [_entry(s) for s in built]

    def _remove_unlisted(self, manifest: dict[str, Any]) -> None:
        """Delete segments no manifest names any more (a process that has one mapped keeps it)."""
        listed = {e["name"] for e in manifest["segments"]}
        for path in self.directory.glob("seg-*"):
            if path.name not in listed:
                shutil.rmtree(path, ignore_errors=True)

    # -- searching --------------------------------------------------------------------

    def chunk_ids(self, generation: int) -> list[str]:
        """The ids of the chunks the index covers at catalog ``generation`` (a consistency check)."""
        state = self._current(generation)
        return [c.decode() for s, alive in state.segments for c in s.chunk_ids[alive]]

    def search(
        self, query: str, top_k: int, generation: int, filters: Filters | None = None
    ) -> list[Passage]:
        """BM25 over every chunk (``filters`` as a mask); the texts come from Chroma.

        Concurrent searches run in parallel: they read the index and never change it.
        """
        import numpy as np

        state = self._current(generation)
        terms = query_terms(query)
        if not state.segments or not terms:
            return []
        docs = state.docs
        held = [s.term_stats(terms) for s, _ in state.segments]
        df = {t: sum(h.get(t, 0) for h in held) for t in terms}
        whole = {t: float(idf(df[t], docs)) for t in terms if df[t]}
        found: list[tuple[float, bytes]] = []
        for segment, alive in state.segments:
            weights = {t: n * whole[t] / segment.own_idf(t) for t, n in terms.items() if t in whole}
            scores = segment.scores(weights)
            keep = alive & _mask(segment, filters) if filters else alive
            scores[~keep] = 0.0
            k = min(top_k, int(np.count_nonzero(scores)))
            if k == 0:
                continue
            top = np.argpartition(-scores, k - 1)[:k]
            found.extend((float(scores[i]), bytes(segment.chunk_ids[i])) for i in top)
        found.sort(key=lambda f: -f[0])
        best = found[:top_k]
        return self.store.passages([c.decode() for _, c in best], [s for s, _ in best])


def _entry(segment: Segment) -> dict[str, Any]:
    return {"name": segment.name, "docs": segment.docs, "live": segment.docs, "dead": []}


def _mask(segment: Segment, filters: Filters) -> Any:
    """Which of ``segment``'s chunks pass ``filters``, as one boolean vector."""
    import numpy as np

    mask = np.ones(segment.docs, dtype=bool)
    if filters.sources:
        wanted = set(filters.sources)
        codes = [i for i, s in enumerate(segment.sources) if s in wanted]
        mask &= np.isin(segment.source, codes)
    if filters.article_ids:
        mask &= np.isin(segment.article, segment.codes(filters.article_ids))
    if filters.since:  # undated chunks (day 0) never match a date range
        mask &= segment.day >= filters.since.toordinal()
    if filters.until:
        mask &= (segment.day > 0) & (segment.day <= filters.until.toordinal())
    return mask
