"""Ingest, re-ingest, update, remove, list and filters on a real on-disk Chroma (hash embedding)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant import Assistant, EmbeddingMismatch, Filters, IndexNotFound, Query, Settings
from index import Library
from index.embedding.hash import HashEmbedder


def _chunk_ids(bot: Assistant) -> set[str]:
    return set(bot.library.store.collection.get(include=[])["ids"])


def test_ingest_reports_and_lists_every_format(fast_assistant: Assistant, corpus_dir: Path) -> None:
    report = fast_assistant.ingest([corpus_dir])
    assert report.ok and len(report.added) == 5 and not report.skipped
    infos = {i.title: i for i in fast_assistant.articles()}
    assert set(infos) == {
        "Grid operator warns of winter shortfall",
        "Harbor expansion approved",
        "Rail strike ends after three weeks",
        "Central bank holds rates steady",
        "Wildfire contained near Alder Creek",
    }
    assert sum(i.chunks for i in infos.values()) == report.chunks == fast_assistant.library.store.count()


def test_reingest_unchanged_does_nothing(fast_assistant: Assistant, corpus_dir: Path) -> None:
    fast_assistant.ingest([corpus_dir])
    before = _chunk_ids(fast_assistant)
    calls: list[int] = []
    embed = fast_assistant.library.embedder.embed
    fast_assistant.library.embedder.embed = lambda texts: calls.append(len(texts)) or embed(texts)  # type: ignore[method-assign]
    report = fast_assistant.ingest([corpus_dir])
    assert len(report.skipped) == 5 and not report.added and not report.updated
    assert calls == []  # nothing re-embedded
    assert _chunk_ids(fast_assistant) == before


def test_changed_article_replaces_its_chunks(fast_assistant: Assistant, tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    path.write_text('{"url": "https://a.example/s", "title": "T", "text": "Old claim about tariffs."}')
    fast_assistant.ingest([path])
    old = _chunk_ids(fast_assistant)
    path.write_text('{"url": "https://a.example/s", "title": "T", "text": "New figures on exports. More."}')
    report = fast_assistant.ingest([path])
    assert report.updated == ["https://a.example/s"]
    assert not (_chunk_ids(fast_assistant) & old)
    assert fast_assistant.article("https://a.example/s").text == "New figures on exports. More."
    hits = fast_assistant.retrieve("tariffs claim")
    assert all("tariffs" not in p.text for p in hits)


def test_remove_deletes_article_chunks_and_keyword_entries(
    fast_assistant: Assistant, corpus_dir: Path
) -> None:
    fast_assistant.ingest([corpus_dir])
    harbor = next(i for i in fast_assistant.articles() if i.title.startswith("Harbor"))
    assert any(
        p.article_id == harbor.id for p in fast_assistant.library.retriever.sparse("oyster dredging", 5)
    )
    fast_assistant.remove(harbor.id)
    assert harbor.id not in {i.id for i in fast_assistant.articles()}
    assert not fast_assistant.library.store.collection.get(where={"article_id": harbor.id})["ids"]
    assert not fast_assistant.library.retriever.sparse("oyster dredging", 5)
    with pytest.raises(IndexNotFound, match="assistant list"):
        fast_assistant.remove(harbor.id)


def test_keyword_index_survives_restart_and_sees_other_process_changes(
    tmp_path: Path, corpus_dir: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "lib", embed={"backend": "hash"})
    first = Assistant.from_settings(settings)
    first.ingest([corpus_dir])
    second = Assistant.from_settings(settings)  # a second process on the same library
    assert second.library.retriever.sparse("oyster dredging", 3)[0].title == "Harbor expansion approved"
    harbor = next(i for i in second.articles() if i.title.startswith("Harbor"))
    second.remove(harbor.id)
    assert not first.library.retriever.sparse("oyster dredging", 3)  # first sees the removal
    first.close()
    second.close()


def test_filters_by_source_and_date(fast_assistant: Assistant, corpus_dir: Path) -> None:
    fast_assistant.ingest([corpus_dir])
    only = fast_assistant.retrieve("wildfire interest rate")
    assert {p.source for p in only} >= {"news.example.org", "valley.example.net"}

    hits = fast_assistant.retrieve(Query("wildfire interest rate", Filters(sources=("news.example.org",))))
    assert hits and {p.source for p in hits} == {"news.example.org"}
    hits = fast_assistant.retrieve(Query("wildfire interest rate", Filters(since=date(2025, 1, 1))))
    assert hits and all(p.published and p.published >= date(2025, 1, 1) for p in hits)
    hits = fast_assistant.retrieve(Query("strike", Filters(until=date(2024, 12, 31))))
    assert hits and all(p.published and p.published <= date(2024, 12, 31) for p in hits)
    answer = fast_assistant.ask(
        Query("What did Governor Elena Marsh say about inflation?", Filters(since=date(2030, 1, 1)))
    )
    assert answer.refused


def test_opening_with_another_embedding_model_is_a_clear_error(tmp_path: Path, corpus_dir: Path) -> None:
    lib = Library(tmp_path / "lib", HashEmbedder(256))
    lib.ingest([corpus_dir])
    lib.close()
    with pytest.raises(EmbeddingMismatch) as info:
        Library(tmp_path / "lib", HashEmbedder(128))
    assert "hash-bow-256" in str(info.value) and "hash-bow-128" in str(info.value)
    assert "ASSISTANT_EMBED__MODEL" in str(info.value)


def test_the_vector_index_is_searched_as_wide_as_set(tmp_path: Path, corpus_dir: Path) -> None:
    """Chroma's default search width (100) missed some of the 30 nearest chunks, differently
    in each process; the library opens its collection searched 800 wide, or as set."""
    lib = Library(tmp_path / "lib", HashEmbedder(256))
    lib.ingest([corpus_dir])
    assert lib.store.collection.configuration["hnsw"]["ef_search"] == 800
    lib.close()
    lib = Library(tmp_path / "lib", HashEmbedder(256), search_ef=250)  # an existing library, widened
    assert lib.store.collection.configuration["hnsw"]["ef_search"] == 250
    hits = lib.retriever.dense("inflation and interest rates", 3)
    assert len(hits) == 3 and hits[0].score >= hits[1].score >= hits[2].score
    lib.close()


def test_a_run_that_dies_mid_write_is_repaired_by_the_next(
    fast_assistant: Assistant, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = fast_assistant.library

    def die(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # killed after the chunks reached Chroma, before the catalog

    with monkeypatch.context() as patch:
        patch.setattr(lib.catalog, "put", die)
        with pytest.raises(KeyboardInterrupt):
            fast_assistant.ingest([corpus_dir])
    assert lib.catalog.unfinished() and lib.store.count() > 0 and not fast_assistant.articles()
    report = fast_assistant.ingest([corpus_dir])
    assert not lib.catalog.unfinished()
    assert lib.store.chunk_counts() == {i.id: i.chunks for i in fast_assistant.articles()}
    assert len(report.added) == len(fast_assistant.articles()) > 0


def test_reingesting_a_consistent_library_does_not_read_back_every_chunk(
    fast_assistant: Assistant, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_assistant.ingest([corpus_dir])
    lib = fast_assistant.library

    def full_scan() -> dict[str, int]:
        raise AssertionError("a clean library was scanned chunk by chunk")

    monkeypatch.setattr(lib.store, "chunk_counts", full_scan)
    report = fast_assistant.ingest([corpus_dir])
    assert not report.added and len(report.skipped) == len(fast_assistant.articles())


def test_reconcile_repairs_what_an_interrupted_run_left(fast_assistant: Assistant, corpus_dir: Path) -> None:
    fast_assistant.ingest([corpus_dir])
    lib = fast_assistant.library
    infos = {i.title: i for i in fast_assistant.articles()}
    orphan = infos["Harbor expansion approved"].id
    partial = infos["Rail strike ends after three weeks"].id
    with pytest.raises(KeyboardInterrupt), lib.catalog.writing():  # runs killed mid-write
        lib.catalog.delete(orphan)  # chunks left in Chroma, no catalog row
        lib.store.collection.delete(ids=lib.store.collection.get(where={"article_id": partial})["ids"][:1])
        raise KeyboardInterrupt
    assert lib.catalog.unfinished()
    report = fast_assistant.ingest([corpus_dir / "rail.html"])  # the harbor file is not re-read
    assert report.updated == [partial]  # its chunk count was wrong, so it was rewritten
    counts = lib.store.chunk_counts()
    assert orphan not in counts
    assert counts == {i.id: i.chunks for i in fast_assistant.articles()}


def test_chunks_the_catalog_does_not_know_are_removed_even_without_the_mark(
    fast_assistant: Assistant, corpus_dir: Path
) -> None:
    fast_assistant.ingest([corpus_dir])
    lib = fast_assistant.library
    orphan = next(i.id for i in fast_assistant.articles() if i.title == "Harbor expansion approved")
    lib.catalog.delete(orphan)  # the totals no longer agree
    assert not lib.catalog.unfinished()
    fast_assistant.ingest([corpus_dir / "rail.html"])
    assert orphan not in lib.store.chunk_counts()


def test_sentences_found_at_ingest_are_kept_and_an_older_library_still_answers(
    fast_assistant: Assistant, corpus_dir: Path
) -> None:
    from index.sentences import sentence_spans

    fast_assistant.ingest([corpus_dir])
    catalog = fast_assistant.library.catalog
    for info in fast_assistant.articles():
        article = catalog.get(info.id)
        assert article is not None and article.sentences == tuple(sentence_spans(article.text))
    question = "What did Governor Elena Marsh say about inflation?"
    answer = fast_assistant.ask(question)
    with catalog.transaction() as db:  # a library written before sentences were stored
        db.execute("UPDATE articles SET sentences = NULL")
    assert all(catalog.get(i.id).sentences == () for i in fast_assistant.articles())  # type: ignore[union-attr]
    again = fast_assistant.ask(question)
    assert not answer.refused and again.text == answer.text
    assert [(c.start, c.end) for c in again.citations] == [(c.start, c.end) for c in answer.citations]


def test_chunks_written_by_llama_index_are_read_and_removed_like_ours(tmp_path: Path) -> None:
    """Libraries from before the store wrote to Chroma directly hold llama-index nodes."""
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from index.models import Article, Chunk
    from index.store import chunk_metadata

    lib = Library(tmp_path / "lib", HashEmbedder(64))
    article = Article(
        id="https://old.example/1", title="Old", text="Harbor cranes were sold.", source="old.example"
    )
    chunk = Chunk(id="old-0", article_id=article.id, text=article.text, start=0, end=24, index=0)
    meta = {
        k: v
        for k, v in chunk_metadata(chunk, article).items()
        if k not in ("document_id", "doc_id", "ref_doc_id")
    }
    node = TextNode(
        id_=chunk.id,
        text=chunk.text,
        embedding=lib.embedder.embed([chunk.text])[0],
        metadata=meta,
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article.id)},
    )
    ChromaVectorStore(chroma_collection=lib.store.collection).add([node])
    (passage,) = lib.store.passages(["old-0"], [1.0])
    assert (passage.article_id, passage.text, passage.start, passage.end) == (article.id, article.text, 0, 24)
    assert lib.store.query(lib.embedder.embed(["Harbor cranes"])[0], 1)[0].chunk_id == "old-0"
    lib.store.delete_article(article.id)
    assert lib.store.count() == 0
    lib.close()
