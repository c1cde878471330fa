"""`assistant serve` speaks the OpenAI chat-completions protocol: the official `openai` client,
against a real server process on loopback with the real int8 model, behind the password."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest
from servers import cli_json, serve_assistant

from assistant import Assistant, Settings

REFERENCE = "What did Muraviev say about power balance?"
PASSWORD = "s3cret-pass"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    root = tmp_path_factory.mktemp("openai-api")
    shutil.copy(seed_path, root / "seed.txt")
    bot = Assistant.from_settings(Settings(data_dir=root / "lib"))
    assert bot.ingest([root / "seed.txt"]).ok
    bot.close()
    return root / "lib"


@pytest.fixture(scope="module")
def server(library: Path) -> Iterator[str]:
    for url in serve_assistant(library, "--auth", f"ana:{PASSWORD}"):
        yield url.rstrip("/") + "/v1"


@pytest.fixture
def client(server: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=server, api_key=PASSWORD, max_retries=0, timeout=120)


def _check_citations(library: Path, citations: list[dict[str, object]]) -> None:
    assert citations
    for c in citations:
        text = cli_json(library, "show", str(c["article_id"]), "--json")["text"]
        assert text[int(str(c["start"])) : int(str(c["end"]))] == c["quote"]


def test_models_lists_the_assistant(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == ["news-assistant"]


def test_an_answer_cites_in_the_message_and_in_the_extra_field(client: openai.OpenAI, library: Path) -> None:
    done = client.chat.completions.create(
        model="news-assistant", messages=[{"role": "user", "content": REFERENCE}]
    )
    content = done.choices[0].message.content or ""
    assert "power balance" in content and "\n\nSources:\n[1] " in content
    citations = done.model_extra["citations"]  # type: ignore[index]
    assert done.model_extra["refused"] is False  # type: ignore[index]
    assert "power balance" in citations[0]["quote"]
    assert f"(characters {citations[0]['start']}–{citations[0]['end']})" in content
    _check_citations(library, citations)


def test_streamed_text_then_sources_and_citations_last(client: openai.OpenAI, library: Path) -> None:
    chunks = list(
        client.chat.completions.create(
            model="news-assistant", messages=[{"role": "user", "content": REFERENCE}], stream=True
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert "power balance" in text and "Sources:\n[1] " in text
    assert len(chunks) > 3  # written piece by piece
    assert chunks[-1].choices[0].finish_reason == "stop"
    _check_citations(library, chunks[-1].model_extra["citations"])  # type: ignore[index]


def test_a_follow_up_is_read_in_the_conversation_the_messages_make(client: openai.OpenAI) -> None:
    first = client.chat.completions.create(
        model="news-assistant", messages=[{"role": "user", "content": REFERENCE}]
    )
    follow = client.chat.completions.create(
        model="news-assistant",
        messages=[
            {"role": "system", "content": "You answer from news articles."},
            {"role": "user", "content": REFERENCE},
            {"role": "assistant", "content": first.choices[0].message.content or ""},
            {"role": "user", "content": "And what did he say about symbolism?"},
        ],
    )
    assert "all about symbolism" in follow.model_extra["citations"][0]["quote"]  # type: ignore[index]


def test_a_refusal_has_no_citations(client: openai.OpenAI) -> None:
    done = client.chat.completions.create(
        model="news-assistant", messages=[{"role": "user", "content": "What did Beyoncé say about tariffs?"}]
    )
    assert done.model_extra["refused"] is True and done.model_extra["citations"] == []  # type: ignore[index]
    assert "Sources:" not in (done.choices[0].message.content or "")


def test_the_password_is_the_api_key(server: str) -> None:
    wrong = openai.OpenAI(base_url=server, api_key="guess", max_retries=0)
    with pytest.raises(openai.AuthenticationError, match="API key is wrong"):
        wrong.models.list()
    both = openai.OpenAI(base_url=server, api_key=f"ana:{PASSWORD}", max_retries=0, timeout=120)
    assert [m.id for m in both.models.list()] == ["news-assistant"]
    with pytest.raises(openai.BadRequestError, match="last message must be the user's question"):
        both.chat.completions.create(
            model="news-assistant", messages=[{"role": "assistant", "content": "hi"}]
        )
