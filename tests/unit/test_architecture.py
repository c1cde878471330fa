"""The seams a contributor extends: registries by name, settings that resolve keys and paths,
the frozen Query, retrieval stages, and keyword searches that run side by side."""

from __future__ import annotations

import threading
from dataclasses import FrozenInstanceError, replace
from datetime import date
from pathlib import Path

import pytest

from assistant import Assistant, ConfigError, Filters, Query, Settings, load_settings
from assistant.answer import ANSWERERS
from assistant.llm import LLMS, build_llm
from index.embedding import EMBEDDERS, EmbedConfig, build_embedder
from index.models import Passage
from index.retrieve import Search


def test_each_backend_kind_is_looked_up_by_name() -> None:
    assert {"local", "openai", "openai_compatible", "hash"} <= set(EMBEDDERS)
    assert {"openai", "openai_compatible", "llama_cpp", "fake"} <= set(LLMS)
    assert set(ANSWERERS) == {"extractive", "generative"}
    assert build_embedder(EmbedConfig(backend="hash")).model_id == "hash-bow-256"
    with pytest.raises(ConfigError, match=r"embed\.backend 'nope' is not one of e5, hash, local, openai"):
        build_embedder(EmbedConfig(backend="nope"))
    assert build_llm(Settings(llm={"backend": "fake"}).llm).name == "fake"


def test_openai_key_comes_from_openai_api_key_for_openai_backends_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    s = load_settings(llm={"backend": "openai"}, embed={"backend": "openai"})
    assert s.llm.api_key is not None and s.llm.api_key.get_secret_value() == "sk-from-env"
    assert s.embed_config().api_key == "sk-from-env"
    assert "sk-from-env" not in repr(s)
    given = load_settings(llm={"backend": "openai", "api_key": "sk-given"}).llm.api_key
    assert given is not None and given.get_secret_value() == "sk-given"
    local = load_settings(
        llm={"backend": "openai_compatible", "base_url": "http://127.0.0.1:1/v1", "model": "m"}
    )
    assert local.llm.api_key is None  # a local server is not sent someone's OpenAI key
    assert Settings().llm.api_key is None  # the default object was not changed on the way


def test_cache_dir_is_a_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(tmp_path / "c"))
    assert load_settings().embed_config().cache_dir == tmp_path / "c"
    monkeypatch.delenv("ASSISTANT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert load_settings().cache_dir == tmp_path / "xdg" / "news-assistant"


def test_a_query_is_one_frozen_value() -> None:
    q = Query(
        "  What did   Muraviev say\nthis week? ", Filters(sources=("abc.net.au",)), as_of=date(2025, 1, 10)
    )
    assert q.text == "What did Muraviev say this week?"
    assert q.frame().since == date(2025, 1, 4) and q.frame().until == date(2025, 1, 10)
    with pytest.raises(FrozenInstanceError):
        q.text = "other"  # type: ignore[misc]
    assert replace(q, text="And about trade?").filters == q.filters
    assert len(Query("x" * 5000).text) == 2000


def test_a_chat_keeps_the_filters_of_its_query(fast_assistant: Assistant, corpus_dir: Path) -> None:
    fast_assistant.ingest([corpus_dir])
    chat = fast_assistant.chat()
    answer = chat.send(Query("What did Okafor say about the harbor?", Filters(since=date(2030, 1, 1))))
    assert answer.refused  # nothing was published after 2030, so nothing may be cited
    answer = chat.send("What did Okafor say about the harbor?")
    assert "oyster beds" in answer.citations[0].quote


def test_a_post_processor_is_the_extension_point(fast_assistant: Assistant, corpus_dir: Path) -> None:
    fast_assistant.ingest([corpus_dir])
    retriever = fast_assistant.library.retriever
    before = [p.chunk_id for p in fast_assistant.retrieve("strike pay offer rail workers")]

    class Reverse:
        name = "reverse"

        def process(self, search: Search, passages: list[Passage], retrieve: object) -> list[Passage]:
            return passages[::-1]

    retriever.postprocessors.append(Reverse())
    after = [p.chunk_id for p in fast_assistant.retrieve("strike pay offer rail workers", top_k=len(before))]
    retriever.postprocessors.pop()
    assert len(before) > 1 and after[-1] == before[0]
    assert [s.name for s in retriever.searches] == ["hybrid", "time-window"]
    assert [p.name for p in retriever.postprocessors] == ["time-rerank", "speaker-first"]


def test_keyword_searches_run_side_by_side_without_mixing_filters(
    fast_assistant: Assistant, corpus_dir: Path
) -> None:
    fast_assistant.ingest([corpus_dir])
    library = fast_assistant.library
    generation = library.catalog.generation()
    sources = sorted({i.source for i in fast_assistant.articles()})
    jobs = [("strike wildfire rates harbor grid", Filters(sources=(s,))) for s in sources] * 6
    expected = [library.keyword.search(q, 10, generation, f) for q, f in jobs]
    got: list[list[Passage]] = [[] for _ in jobs]
    start = threading.Barrier(len(jobs))

    def run(i: int) -> None:
        start.wait()
        got[i] = library.keyword.search(jobs[i][0], 10, generation, jobs[i][1])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == expected
    assert all(p.source == f.sources[0] for (_, f), hits in zip(jobs, got, strict=True) for p in hits)
