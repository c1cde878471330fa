"""Saved conversations in the browser: saved as they go, listed, reopened after a server
restart with their answers and sources, continued, exported, renamed, deleted."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import ask, open_app
from servers import serve_assistant

QUESTION = "What did Muraviev say about power balance?"
FOLLOW_UP = "And what did he say about symbolism?"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    data_dir = tmp_path_factory.mktemp("conversations-ui")
    cmd = [sys.executable, "-m", "assistant", "--data-dir", str(data_dir), "ingest", str(seed_path)]
    subprocess.run(cmd, check=True, capture_output=True)
    return data_dir


def _served(library: Path) -> Iterator[str]:
    return serve_assistant(library)


def _export(page: Any, tries: int = 5) -> str:
    """The downloaded export, once it holds the last question (the button's file comes with
    the answer; a slow page may still hold the one before for a moment)."""
    text = ""
    for _ in range(tries):
        with page.expect_download() as download:
            page.locator("#export-chat").click()
        text = Path(download.value.path()).read_text(encoding="utf-8")
        if FOLLOW_UP in text:
            break
        page.wait_for_timeout(1000)
    return text


def test_a_conversation_survives_a_restart_and_goes_on(
    browser: Any, library: Path, artifacts: Path, tmp_path: Path
) -> None:
    for url in _served(library):
        page = open_app(browser, url)
        ask(page, QUESTION, "power balance")
        saved = page.locator("#conversations label").filter(has_text=QUESTION)
        saved.wait_for()  # listed by its first question once answered
        ask(page, FOLLOW_UP, "symbolism")
        page.wait_for_function(  # the title comes with the answer (and so does the export)
            "q => [...document.querySelectorAll('#conversation-title textarea, #conversation-title input')]"
            ".some(e => e.value === q)",
            arg=QUESTION,
        )
        exported = _export(page)
        assert exported.startswith(f"# {QUESTION}\n")
        assert f"## {FOLLOW_UP}" in exported and "### Sources" in exported and "Characters " in exported
        assert "power balance" in exported and "all about symbolism" in exported
        page.screenshot(path=str(artifacts / "conversations-1-saved.png"), full_page=True)
        page.context.close()

    for url in _served(library):  # a new server process on the same data dir
        page = open_app(browser, url)
        page.locator("#conversations label").filter(has_text=QUESTION).click()
        page.locator("#chat .answer").filter(has_text="all about symbolism").wait_for()
        assert page.locator("#chat .answer").count() == 2
        page.locator("#chat a.cite").first.click()
        page.locator("#sources .source.active").wait_for()
        page.screenshot(path=str(artifacts / "conversations-2-reopened.png"), full_page=True)
        # The whole article, the cited sentence marked and scrolled into view.
        page.locator("#sources .source.active a.read").click()
        mark = page.locator("#reader mark#reader-mark")
        mark.wait_for()
        assert "power balance" in mark.inner_text()
        assert "In talks with Putin" in page.locator("#reader .reader-title").inner_text()
        assert "Alexey Muraviev" in page.locator("#reader").inner_text()  # who it quotes
        page.wait_for_function(
            "() => { const r = document.getElementById('reader-mark').getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= window.innerHeight; }"
        )
        page.screenshot(path=str(artifacts / "conversations-2b-reader.png"))
        # A library row opens the same reader (no sentence marked).
        page.get_by_role("tab", name="Library").click()
        page.locator("#articles span.text").filter(has_text="In talks with Putin").first.click()
        page.wait_for_function("() => !document.getElementById('reader-mark')")
        assert "In talks with Putin" in page.locator("#reader .reader-title").inner_text()
        page.get_by_role("tab", name="Chat").click()
        # Continued: the follow-up resolves against the reopened turns, in the same conversation.
        ask(page, "What about the economic might?", "economic might")
        assert page.locator("#conversations label").count() == 1

        title = page.locator("#conversation-title input, #conversation-title textarea")
        title.fill("Muraviev on the balance of power")
        page.locator("#rename-chat").click()
        page.locator("#conversations label").filter(has_text="Muraviev on the balance of power").wait_for()

        page.locator("#new-chat").click()
        page.wait_for_function("() => document.querySelectorAll('#chat .answer').length === 0")
        ask(page, "How much has trade between China and Russia grown?", "240 billion")
        page.locator("#conversations label").filter(has_text="How much has trade").wait_for()
        assert page.locator("#conversations label").count() == 2
        page.screenshot(path=str(artifacts / "conversations-3-two.png"), full_page=True)

        page.locator("#conversations label").filter(has_text="How much has trade").click()
        page.locator("#chat .answer").filter(has_text="240 billion").wait_for()
        page.locator("#delete-chat").click()
        page.locator("#conversation-note").filter(has_text="Deleted.").wait_for()
        assert page.locator("#conversations label").count() == 1
        page.screenshot(path=str(artifacts / "conversations-4-deleted.png"), full_page=True)
        page.context.close()
