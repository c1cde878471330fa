"""A model that answers with markup: what it streams and what it leaves is shown as text, in Chromium.

The app talks to a scripted OpenAI-compatible server (``openai_compatible`` backend), which
streams an answer holding an ``<img onerror>``, a ``<script>`` and a ``javascript:`` link.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openai_stub import StubOpenAI
from servers import ingest_record, serve_assistant

HOSTILE = (
    'The council <img src=x onerror="window.__pwned = 1"> approved the ferry plan '
    "<script>window.__pwned = 2</script> [read more](javascript:window.__pwned=3) [1]."
)


@pytest.fixture(scope="module")
def stub() -> Iterator[StubOpenAI]:
    with StubOpenAI() as model:
        yield model


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory, stub: StubOpenAI) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("ui-hostile-model")
    text = "The harbor council approved the ferry plan on Tuesday, officials said."
    ingest_record(
        data_dir, "ferry.json", {"title": "Ferry plan approved", "source": "Harbor Post", "text": text}
    )
    yield from serve_assistant(
        data_dir,
        ASSISTANT_LLM__BACKEND="openai_compatible",
        ASSISTANT_LLM__BASE_URL=stub.base_url,
        ASSISTANT_LLM__MODEL="stub",
        ASSISTANT_LLM__API_KEY="test-key",
        ASSISTANT_LLM__STRUCTURED="false",
    )


def test_a_hostile_models_output_is_text_in_the_browser(
    browser: Any, hostile_server: str, stub: StubOpenAI, artifacts: Path
) -> None:
    for _ in range(3):
        stub.enqueue("ok", HOSTILE)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(hostile_server)
        page.locator("#status").filter(has_text="1 articles").wait_for()
        streamed: list[str] = []  # what the chat showed while the answer was streaming
        page.expose_function("__seen", lambda html: streamed.append(html))
        page.evaluate(
            """() => new MutationObserver(() => {
                 const chat = document.querySelector('#chat');
                 if (chat) window.__seen(chat.innerHTML);
               }).observe(document.body, {subtree: true, childList: true, characterData: true})"""
        )
        page.locator("#question textarea").fill("Did the council approve the ferry plan?")
        page.locator("#question textarea").press("Enter")
        page.locator("#chat .answer, #chat .refusal").last.wait_for(timeout=60_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(artifacts / "7-hostile-model.png"), full_page=True)
        assert stub.chat_requests(), "the model was never asked"
        assert any("onerror" in html for html in streamed), "the stream was never shown"
        assert page.evaluate("window.__pwned") is None  # nothing the model wrote ran
        assert page.locator("#chat img").count() == 0
        assert page.locator("#chat script").count() == 0
        assert page.locator('#chat a[href^="javascript:"]').count() == 0
        assert "onerror" in page.locator("#chat").inner_text()  # shown as text instead
    finally:
        context.close()
