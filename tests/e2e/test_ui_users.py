"""Several users: each logs in, sees only their own conversations (in the page, and when asking
the server directly for another's), and only an admin may change the library."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import ask, open_app
from servers import serve_assistant

ALICE, BOB = "alice-long-password", "bobs-long-password"
QUESTION = "What did Muraviev say about power balance?"


def _assistant(data_dir: Path, *args: str, stdin: str = "") -> None:
    cmd = [sys.executable, "-m", "assistant", "--data-dir", str(data_dir), *args]
    subprocess.run(cmd, check=True, capture_output=True, input=stdin, text=True)


@pytest.fixture(scope="module")
def accounts(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("ui-users")
    _assistant(data_dir, "ingest", str(seed_path))
    _assistant(data_dir, "users", "add", "alice", "--admin", "--password-stdin", stdin=ALICE + "\n")
    _assistant(data_dir, "users", "add", "bob", "--password-stdin", stdin=BOB + "\n")
    yield from serve_assistant(data_dir)


def test_each_user_sees_only_their_conversations(browser: Any, accounts: str, artifacts: Path) -> None:
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    alice = open_app(browser, accounts, ("alice", ALICE))
    ask(alice, QUESTION, "power balance")
    alice.locator("#conversations label").filter(has_text=QUESTION).wait_for()
    alice.screenshot(path=str(artifacts / "users-1-alice.png"), full_page=True)

    bob = open_app(browser, accounts, ("bob", BOB))
    bob.wait_for_timeout(1000)  # the list is filled on load
    assert bob.locator("#conversations label").count() == 0
    ask(bob, "How much has trade between China and Russia grown?", "240 billion")
    bob.locator("#conversations label").filter(has_text="How much has trade").wait_for()
    assert bob.locator("#conversations label").filter(has_text=QUESTION).count() == 0
    bob.screenshot(path=str(artifacts / "users-2-bob.png"), full_page=True)

    # Bob asks the server directly for Alice's conversation (its id from Alice's page).
    alice.reload()
    alice.locator("#status").filter(has_text="articles").wait_for()
    alice_id = alice.locator("#conversations input[type=radio]").first.get_attribute("value")
    assert alice_id
    # The page refuses an id it did not list to Bob; behind it, the store finds no conversation
    # of Alice's for Bob (tests/unit/test_conversations.py).
    as_bob = Client(accounts, auth=("bob", BOB), verbose=False)
    with pytest.raises(AppError, match="not in the list of choices"):
        as_bob.predict(alice_id, api_name="/open")
    alice.locator("#conversations label").filter(has_text=QUESTION).click()
    alice.locator("#chat .answer").filter(has_text="power balance").wait_for()


def _add(page: Any, path: Path) -> None:
    page.get_by_role("tab", name="Library").click()
    page.locator("#upload input[type=file]").set_input_files([str(path)])
    page.wait_for_function(
        "name => document.querySelector('#upload').innerText.replace(/\\s+/g, '').includes(name)",
        arg=path.name,
    )
    page.locator("#add").click()


def test_only_an_admin_changes_the_library(
    browser: Any, accounts: str, tmp_path: Path, artifacts: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text(
        "Ferry strike ends\nDockworkers in Norway ended a nine-day strike on Monday, the union said.\n"
    )
    bob = open_app(browser, accounts, ("bob", BOB))
    _add(bob, note)
    bob.locator("#report").filter(has_text="Only an admin can add or remove articles").wait_for()
    bob.screenshot(path=str(artifacts / "users-3-not-admin.png"), full_page=True)
    assert "1 articles" in bob.locator("#status").inner_text()

    alice = open_app(browser, accounts, ("alice", ALICE))
    _add(alice, note)
    alice.locator("#report").filter(has_text="Added 1").wait_for(timeout=60_000)
