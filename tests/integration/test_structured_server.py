"""Structured answers against a real llama-cpp-python server with a real instruction-tuned model
(Qwen2.5-Coder-0.5B-Instruct, installed with the test extras).

The server refuses the OpenAI ``json_schema`` spelling and takes ``json_object`` + ``schema``:
the backend must find that once, and the grammar must hold the reply to the schema, so every
answer sentence is either a shown sentence quoted by id, cited at exactly its offsets, or a
written sentence checked against the sentences it names. A model this small is often wrong:
these tests assert what the checker lets through, never that the model is right.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import free_port, http_ready, run_server

from assistant import Answer, Assistant, Settings
from assistant.answer.generative import REFUSAL, WITHHELD
from assistant.config import default_cache_dir
from assistant.llm.openai import OpenAIChat
from assistant.llm.packaged import PACKAGED, assemble
from index.sentences import sentence_spans

QUESTIONS = ("What did Muraviev say about power balance?", "Who won the 2025 Super Bowl?")


@pytest.fixture(scope="module")
def qwen() -> Path:
    model = PACKAGED["qwen2.5-coder-0.5b"]
    pytest.importorskip(model.modules()[0], reason="installed by `make install` (the test extras)")
    return assemble(model.name, default_cache_dir())  # joined once, then reused


@pytest.fixture(scope="module")
def server(qwen: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}/v1"
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(qwen), "--host", "127.0.0.1"]
    cmd += ["--port", str(port), "--n_ctx", "4096", "--n_threads", "2", "--verbose", "False"]
    log = tmp_path_factory.mktemp("qwen-server") / "server.log"
    for _ in run_server(cmd, http_ready(f"{base}/models"), log, timeout=180):
        yield base


def _sentence_of(bot: Assistant, article_id: str, start: int, end: int) -> bool:
    """Whether [start, end) is one whole sentence of a retrieved passage of the article."""
    text = bot.article(article_id).text
    return any(
        (p.start + s, p.start + e) == (start, end)
        for p in bot.retrieve(QUESTIONS[0])
        if p.article_id == article_id
        for s, e in sentence_spans(text[p.start : p.end])
    )


def test_structured_answers_through_a_real_llama_cpp_server(real_library: Path, server: str) -> None:
    llm = {"backend": "openai_compatible", "base_url": server, "model": "qwen", "temperature": 0.0}
    bot = Assistant.from_settings(Settings(data_dir=real_library, llm={**llm, "timeout": 300}))
    model = bot.answerer.llm
    assert isinstance(model, OpenAIChat)
    events = list(bot.stream(QUESTIONS[0]))
    assert model.format == 1  # json_schema refused, json_object + schema taken, and kept
    answer = events[-1]
    assert isinstance(answer, Answer)
    shown = "".join(e for e in events if isinstance(e, str))
    assert "{" not in shown and '"sources"' not in shown  # the stream reads as text
    if answer.refused:  # said so, or a short answer that no passage holds, shown as such
        withheld = f"{WITHHELD} The articles hold no sentence that answers it either."
        assert answer.text in (REFUSAL, withheld) or (
            answer.text.startswith("The model's answer (") and answer.unsupported
        )
    else:
        assert answer.checks["structured"] == 1 and answer.citations
        for c in answer.citations:
            assert bot.article(c.article_id).text[c.start : c.end] == c.quote
        by_id = answer.checks["quoted_by_id"]
        assert by_id <= answer.checks["verified"]
        if by_id:  # a quotation by id is a whole shown sentence, never a retyped one
            assert any(_sentence_of(bot, c.article_id, c.start, c.end) for c in answer.citations)
        assert len(answer.unsupported) == len(answer.reasons) == answer.checks["unsupported"]
    second = bot.ask(QUESTIONS[1])
    assert model.format == 1 and (second.refused or second.checks.get("structured") == 1)
    bot.close()
