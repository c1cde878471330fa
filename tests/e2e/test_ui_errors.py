"""A backend that is down shows a readable error in the chat, and the server keeps serving."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from servers import free_port, serve_assistant

from assistant import Assistant, Settings

SECRET = "sk-never-show-me-0123456789"
DOWN_DIR: list[Path] = [Path()]


@pytest.fixture(scope="module")
def down_server(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Iterator[str]:
    data_dir = DOWN_DIR[0] = tmp_path_factory.mktemp("ui-down")
    bot = Assistant.from_settings(Settings(data_dir=data_dir))
    bot.ingest([seed_path])
    bot.close()
    closed = free_port()  # nothing listens there
    yield from serve_assistant(
        data_dir,
        ASSISTANT_LLM__BACKEND="openai_compatible",
        ASSISTANT_LLM__BASE_URL=f"http://127.0.0.1:{closed}/v1",
        ASSISTANT_LLM__MODEL="absent",
        ASSISTANT_LLM__MAX_RETRIES="0",
        ASSISTANT_LLM__API_KEY=SECRET,
    )


def test_backend_down_is_a_readable_message(browser: Any, down_server: str, artifacts: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(down_server)
    page.locator("#status").filter(has_text="articles").wait_for()  # filled once the page has loaded
    assert "openai_compatible" in page.locator("#status").inner_text()
    for attempt in range(2):  # the second one proves the server kept running
        page.locator("#question textarea").fill("What did Muraviev say about power balance?")
        page.locator("#question textarea").press("Enter")
        errors = page.locator("#chat .refusal").filter(has_text="Cannot reach the openai_compatible server")
        errors.nth(attempt).wait_for(timeout=60_000)
    assert "Traceback" not in page.locator("#chat").inner_text()
    assert SECRET not in page.content()
    page.screenshot(path=str(artifacts / "7-backend-down.png"), full_page=True)
    page.close()
    log = (DOWN_DIR[0] / "serve.log").read_text()
    assert SECRET not in log
