"""The segmented BM25 index: what an ingest reads, library-wide scoring, removals, old layouts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index import Library
from index.embedding.hash import HashEmbedder
from index.keyword import KeywordIndex
from index.store import Filters

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo"]


def _write(folder: Path, n: int, start: int = 0, zebra: set[int] = frozenset(), source: str = "a") -> Path:  # type: ignore[assignment]
    """``n`` one-chunk articles of exactly seven terms each (so every chunk has the same length)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        words = [WORDS[(i + k) % len(WORDS)] for k in range(6)]
        if i in zebra:
            words[0] = "zebra"
        item = {"url": f"https://{source}.example/{i}", "title": f"Item{i}", "text": " ".join(words) + "."}
        (folder / f"{i}.json").write_text(json.dumps(item))
    return folder


def _manifest(lib: Library) -> dict[str, Any]:
    return json.loads((lib.keyword.directory / "segments.json").read_text())


def _scores(lib: Library, query: str) -> dict[str, float]:
    return {p.chunk_id: p.score for p in lib.retriever.sparse(query, 50)}


def test_an_ingest_reads_back_only_the_articles_it_adds(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib", HashEmbedder(64))
    lib.ingest([_write(tmp_path / "first", 6)])
    calls: list[dict[str, Any]] = []
    records = lib.store.records
    lib.store.records = lambda **kw: calls.append(kw) or records(**kw)  # type: ignore[method-assign]
    lib.ingest([_write(tmp_path / "second", 1, start=6, zebra={6})])
    assert [sorted(c) for c in calls] == [["article_ids"]]
    assert list(calls[0]["article_ids"]) == ["https://a.example/6"]
    assert [p.article_id for p in lib.retriever.sparse("zebra", 5)] == ["https://a.example/6"]
    assert lib.retriever.sparse("alpha", 10)  # the first segment still answers
    lib.close()


def test_every_segment_scores_with_the_idf_of_the_whole_library(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib", HashEmbedder(64))
    lib.ingest([_write(tmp_path / "old", 10, zebra={3})])
    lib.ingest([_write(tmp_path / "new", 2, start=10, zebra={10, 11})])
    assert len(_manifest(lib)["segments"]) == 2  # the new articles are a segment of their own
    incremental = _scores(lib, "zebra golf")

    rebuilt = KeywordIndex(tmp_path / "rebuilt", lib.store, lib.catalog.versions)
    generation = lib.catalog.generation()
    whole = {p.chunk_id: p.score for p in rebuilt.search("zebra golf", 50, generation)}
    assert len(json.loads((tmp_path / "rebuilt" / "segments.json").read_text())["segments"]) == 1
    assert set(incremental) == set(whole) and len(whole) >= 3
    for chunk_id, score in whole.items():
        assert incremental[chunk_id] == pytest.approx(score, rel=1e-4)
    lib.close()


def test_removed_articles_stop_counting_and_a_mostly_dead_segment_is_rewritten(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib", HashEmbedder(64))
    lib.ingest([_write(tmp_path / "batch", 10, zebra={0, 1, 2, 9})])
    lib.remove("https://a.example/0")
    entry = _manifest(lib)["segments"][0]
    assert entry["dead"] == ["https://a.example/0"] and entry["live"] == 9
    assert "https://a.example/0" not in {p.article_id for p in lib.retriever.sparse("zebra", 10)}
    for i in range(1, 6):
        lib.remove(f"https://a.example/{i}")
    (entry,) = _manifest(lib)["segments"]
    assert entry["dead"] == [] and entry["docs"] == 4  # rebuilt from its four live chunks
    assert [p.article_id for p in lib.retriever.sparse("zebra", 10)] == ["https://a.example/9"]
    assert sorted(lib.keyword.chunk_ids(lib.catalog.generation())) == sorted(
        lib.store.collection.get(include=[])["ids"]
    )
    lib.close()


def test_small_ingests_are_merged_and_filters_apply_across_segments(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib", HashEmbedder(64))
    for i in range(8):
        lib.ingest([_write(tmp_path / f"one{i}", 1, start=i, zebra={i}, source="a" if i % 2 else "b")])
    segments = _manifest(lib)["segments"]
    assert len(segments) <= 3 and sum(e["live"] for e in segments) == 8
    assert len(list((tmp_path / "lib" / "bm25").glob("seg-*"))) == len(segments)  # merged ones deleted
    hits = lib.retriever.sparse("zebra", 10, Filters(sources=("a.example",)))
    assert sorted(p.article_id for p in hits) == [f"https://a.example/{i}" for i in (1, 3, 5, 7)]
    lib.close()


def test_an_index_saved_in_an_older_layout_is_rebuilt(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib", HashEmbedder(64))
    lib.ingest([_write(tmp_path / "batch", 3, zebra={1})])
    lib.close()
    folder = tmp_path / "lib" / "bm25"
    shutil.rmtree(folder)
    folder.mkdir()
    (folder / "docstore.json").write_text("{}")  # what llama-index's BM25Retriever left
    (folder / "generation.json").write_text('{"generation": 99}')
    again = Library(tmp_path / "lib", HashEmbedder(64))
    assert [p.article_id for p in again.retriever.sparse("zebra", 5)] == ["https://a.example/1"]
    assert not (folder / "docstore.json").exists()
    again.close()


def test_a_segment_is_memory_mapped_and_holds_no_text(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib", HashEmbedder(64))
    lib.ingest([_write(tmp_path / "batch", 3)])
    lib.retriever.sparse("alpha", 3)
    ((segment, _),) = lib.keyword._open.segments
    for array in (segment.data, segment.indices, segment.chunk_ids, segment.day, segment.article):
        assert isinstance(array, np.memmap)
    on_disk = b"".join(p.read_bytes() for p in segment.directory.iterdir())
    assert b"charlie delta" not in on_disk  # texts stay in Chroma
    lib.close()


def test_an_article_whose_chunks_land_in_two_segments_is_removed_from_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.keyword as keyword

    folder = tmp_path / "long"
    folder.mkdir()
    for name in ("a", "b"):
        sentences = [f"Zebra {name} report number {i} describes harbor cranes at length." for i in range(12)]
        item = {"url": f"https://{name}.example/1", "title": name.upper(), "text": " ".join(sentences)}
        (folder / f"{name}.json").write_text(json.dumps(item))
    lib = Library(tmp_path / "lib", HashEmbedder(64), chunk_tokens=40)
    lib.ingest([folder])
    assert lib.catalog.chunk_counts()["https://a.example/1"] >= 2

    # A rebuild that reads the chunks of the two articles interleaved, one segment per chunk.
    records = list(lib.store.records())
    interleaved = sorted(records, key=lambda r: (int(r[2]["index"]), str(r[2]["article_id"])))
    by_filter = lib.store.records
    monkeypatch.setattr(lib.store, "records", lambda **kw: by_filter(**kw) if kw else iter(interleaved))
    monkeypatch.setattr(keyword, "SEGMENT_DOCS", 1)
    shutil.rmtree(lib.keyword.directory)
    fresh = KeywordIndex(lib.keyword.directory, lib.store, lib.catalog.versions)
    generation = lib.catalog.generation()
    assert {p.article_id for p in fresh.search("zebra", 50, generation)} == {
        "https://a.example/1",
        "https://b.example/1",
    }
    with lib.catalog.writing():
        lib.store.delete_article("https://a.example/1")
        lib.catalog.delete("https://a.example/1")
    hits = fresh.search("zebra", 50, lib.catalog.generation())
    assert hits and {p.article_id for p in hits} == {"https://b.example/1"}
    stored = lib.store.collection.get(include=[])["ids"]
    assert sorted(fresh.chunk_ids(lib.catalog.generation())) == sorted(stored)  # none of A's counts
    lib.close()
