"""Backend selection and faults: clear errors, no silent fallback, retries, secrets kept out."""

from __future__ import annotations

from pathlib import Path

import pytest
from openai_stub import StubOpenAI

from assistant import Assistant, BackendError, BackendUnavailable, ConfigError, PromptError, Settings
from assistant.templates import render

SECRET = "sk-test-secret-0123456789"
QUESTION = "What did Muraviev say about power balance?"


def make(tmp_path: Path, **llm: object) -> Assistant:
    return Assistant.from_settings(
        Settings(data_dir=tmp_path / "lib", embed={"backend": "hash"}, llm={"max_retries": 1, **llm})
    )


def test_openai_without_a_key_says_how_to_set_one(tmp_path: Path) -> None:
    with pytest.raises(BackendUnavailable, match="OPENAI_API_KEY"):
        make(tmp_path, backend="openai")


def test_openai_compatible_needs_base_url_and_model(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ASSISTANT_LLM__BASE_URL"):
        make(tmp_path, backend="openai_compatible", model="llama3.1")


def test_llama_cpp_without_a_model_file_never_downloads(tmp_path: Path) -> None:
    with pytest.raises(BackendUnavailable, match="never downloads"):
        make(tmp_path, backend="llama_cpp", model_path=str(tmp_path / "missing.gguf"))


def test_prompt_templates_check_their_variables() -> None:
    with pytest.raises(PromptError, match=r"needs history, question"):
        render("condense")
    with pytest.raises(PromptError, match="no-such-prompt"):
        render("no-such-prompt")


@pytest.fixture
def stub() -> StubOpenAI:
    with StubOpenAI() as server:
        yield server


@pytest.fixture
def remote(stub: StubOpenAI, tmp_path: Path, seed_path: Path) -> Assistant:
    bot = make(tmp_path, backend="openai", api_key=SECRET, base_url=stub.base_url, model="gpt-test")
    bot.ingest([seed_path])
    return bot


def test_openai_streams_over_chat_completions(remote: Assistant, stub: StubOpenAI) -> None:
    stub.enqueue("ok", "China's economic might has been a powerful determinant in the power balance.")
    events = list(remote.stream(QUESTION))
    assert sum(isinstance(e, str) for e in events) > 5
    assert events[-1].citations and "power balance" in events[-1].citations[0].quote  # type: ignore[union-attr]
    (request,) = stub.chat_requests()
    assert request["path"] == "/v1/chat/completions" and request["body"]["stream"] is True
    assert request["body"]["model"] == "gpt-test" and request["auth"] == f"Bearer {SECRET}"


def test_server_errors_are_retried(remote: Assistant, stub: StubOpenAI) -> None:
    stub.enqueue("500")
    stub.enqueue("ok", "China's economic might has been a powerful determinant in the power balance.")
    answer = remote.ask(QUESTION)
    assert not answer.refused and len(stub.chat_requests()) == 2


@pytest.mark.parametrize(
    ("kind", "times", "message"),
    [
        ("429", 2, "rate-limiting"),  # first try and one retry (max_retries=1)
        ("500", 2, "HTTP 500"),
        ("malformed", 1, "malformed"),
        ("drop", 1, "ended the stream|broke off"),
    ],
)
def test_faults_become_clear_errors_without_the_key(
    remote: Assistant, stub: StubOpenAI, kind: str, times: int, message: str
) -> None:
    for _ in range(times):
        stub.enqueue(kind, "one two three four five six seven eight")
    with pytest.raises((BackendError, BackendUnavailable), match=message) as info:
        remote.ask(QUESTION)
    assert SECRET not in str(info.value)
    assert len(stub.chat_requests()) == times
    stub.enqueue("ok", "China's economic might has been a powerful determinant in the power balance.")
    assert not remote.ask(QUESTION).refused  # the assistant keeps working afterwards


def test_slow_server_times_out(stub: StubOpenAI, tmp_path: Path, seed_path: Path) -> None:
    bot = make(tmp_path, backend="openai_compatible", base_url=stub.base_url, model="m", timeout=0.5)
    bot.ingest([seed_path])
    stub.enqueue("slow", "3")
    stub.enqueue("slow", "3")
    with pytest.raises(BackendError, match="did not answer in time"):
        bot.ask(QUESTION)


def test_server_down_is_backend_unavailable(tmp_path: Path, seed_path: Path) -> None:
    bot = make(
        tmp_path, backend="openai_compatible", base_url="http://127.0.0.1:9/v1", model="m", api_key=SECRET
    )
    bot.ingest([seed_path])
    with pytest.raises(BackendUnavailable, match="Cannot reach the openai_compatible server") as info:
        bot.ask(QUESTION)
    assert SECRET not in str(info.value)


def test_openai_compatible_embeddings(stub: StubOpenAI, tmp_path: Path, seed_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "lib",
        embed={"backend": "openai_compatible", "base_url": stub.base_url, "model": "stub-embed"},
    )
    bot = Assistant.from_settings(settings)
    assert bot.library.embedder.model_id == "openai_compatible:stub-embed"
    assert bot.library.embedder.dimension == 16
    report = bot.ingest([seed_path])
    assert report.chunks > 0 and any(r["path"].endswith("/embeddings") for r in stub.requests)
    assert bot.status()["embedding_model"] == "openai_compatible:stub-embed"
