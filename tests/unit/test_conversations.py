"""Saved conversations: stored as they go, reopened after a restart with their citations,
continued, kept apart per user, renamed, deleted, exported as Markdown (API and CLI)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.cli import main
from assistant.conversations import ConversationNotFound
from assistant.export import answer_markdown, conversation_markdown
from assistant.models import Answer, Citation

REFERENCE = "What did Muraviev say about power balance?"


@pytest.fixture
def library(news_library: Path, tmp_path: Path) -> Path:
    """A writable copy of the session's library (conversations are written beside it), without
    the conversations other tests' chats saved in it."""
    copy = Path(shutil.copytree(news_library, tmp_path / "lib"))
    for saved in copy.glob("conversations.sqlite3*"):
        saved.unlink()
    return copy


def _open(library: Path) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=library, embed={"backend": "hash"}))


@pytest.fixture
def bot(library: Path) -> Iterator[Assistant]:
    assistant = _open(library)
    yield assistant
    assistant.close()


def test_a_conversation_is_saved_and_reopened_after_a_restart(library: Path) -> None:
    first = _open(library)
    session = first.chat()
    assert session.conversation_id is None  # nothing is stored before the first answer
    answer = session.send(REFERENCE)
    assert answer.citations and "power balance" in answer.citations[0].quote
    session.send("And what about Ukraine?")
    saved_id = session.conversation_id
    first.close()

    again = _open(library)  # a new process would open the same files
    try:
        listed = again.conversations.list()
        assert [c.id for c in listed] == [saved_id]
        assert listed[0].title == REFERENCE and listed[0].questions == 2
        conversation = again.conversations.get(str(saved_id))
        turn = conversation.turns[0]
        assert turn.asked == REFERENCE and turn.answer.text == answer.text
        same = [replace(c, score=round(c.score, 4)) for c in answer.citations]  # saved to 4 places
        assert list(turn.answer.citations) == same  # quotes, offsets, titles, outlets, dates
        assert conversation.turns[1].standalone == "What did Muraviev say about Ukraine?"
    finally:
        again.close()


def test_a_resumed_conversation_continues_from_its_turns(bot: Assistant) -> None:
    session = bot.chat()
    session.send(REFERENCE)
    saved_id = str(session.conversation_id)
    resumed = bot.chat(resume=saved_id)
    assert [t.asked for t in resumed.history] == [REFERENCE]
    resumed.send("What about Ukraine?")  # "what about X" resolves against the saved speaker
    assert resumed.conversation_id == saved_id
    turns = bot.conversations.get(saved_id).turns
    assert [t.standalone for t in turns] == [REFERENCE, "What did Muraviev say about Ukraine?"]
    with pytest.raises(ConversationNotFound, match="No conversation 'nope'"):
        bot.chat(resume="nope")


def test_each_user_sees_only_their_conversations(bot: Assistant) -> None:
    alice = bot.chat(user="alice")
    alice.send(REFERENCE)
    store = bot.conversations
    assert [c.id for c in store.list(user="alice")] == [alice.conversation_id]
    assert store.list(user="bob") == [] and store.list() == []
    for action in (
        lambda: store.get(str(alice.conversation_id), user="bob"),
        lambda: store.rename(str(alice.conversation_id), "mine now", user="bob"),
        lambda: store.delete(str(alice.conversation_id), user="bob"),
        lambda: bot.chat(resume=alice.conversation_id, user="bob"),
    ):
        with pytest.raises(ConversationNotFound):
            action()
    assert store.get(str(alice.conversation_id), user="alice").title == REFERENCE


def test_rename_search_delete_and_order(bot: Assistant) -> None:
    store = bot.conversations
    older, newer = bot.chat(), bot.chat()
    older.send(REFERENCE)
    newer.send("How much has trade between China and Russia grown?")
    assert [c.id for c in store.list()] == [newer.conversation_id, older.conversation_id]
    store.rename(str(older.conversation_id), "  Muraviev   on power ")
    assert [c.title for c in store.list(search="muraviev")] == ["Muraviev on power"]
    assert store.list(search="100%_") == []  # LIKE's wildcards are plain text here
    with pytest.raises(ValueError, match="cannot be empty"):
        store.rename(str(older.conversation_id), "   ")
    store.delete(str(newer.conversation_id))
    assert [c.id for c in store.list()] == [older.conversation_id] and store.count() == 1


def test_an_unsaved_chat_writes_nothing(bot: Assistant) -> None:
    bot.chat(save=False).send(REFERENCE)
    assert bot.conversations.count() == 0


def test_markdown_export_numbers_sources_with_quotes_and_offsets(bot: Assistant) -> None:
    session = bot.chat()
    answer = session.send(REFERENCE)
    text = answer_markdown(answer, REFERENCE)
    c = answer.citations[0]
    assert text.startswith(f"## {REFERENCE}\n")
    assert "### Sources" in text
    assert f"1. **{c.title}** — {c.source}" in text
    assert f"Characters {c.start}–{c.end} of article `{c.article_id}`." in text
    assert "power balance" in text.split("### Sources")[1]
    whole = conversation_markdown(bot.conversations.get(str(session.conversation_id)))
    assert whole.startswith(f"# {REFERENCE}\n") and text.strip() in whole


def test_markdown_escapes_what_articles_and_users_wrote() -> None:
    title = "<script>x</script> [click](http://evil)"
    citation = Citation(1, "a1", title, "javascript:alert(1)", None, "Wire*", "q", 0, 1, 1.0)
    answer = Answer("It said *this* [1]", citations=(citation,), question="Who <b>?")
    text = answer_markdown(answer)
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\\[click\\](http://evil)" in text
    assert "javascript:" not in text  # only http(s) URLs become links
    assert "## Who \\<b\\>?" in text and "It said \\*this\\* \\[1\\]" in text


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out + err


def test_cli_chat_resume_list_show_export_rename_delete(
    library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_EMBED__BACKEND", "hash")
    lines = iter([REFERENCE, ""])
    monkeypatch.setattr("builtins.input", lambda _prompt="": next(lines))
    code, out = _run(capsys, "--data-dir", str(library), "chat")
    assert code == 0 and "Saved as conversation" in out
    code, out = _run(capsys, "--data-dir", str(library), "conversations", "--json")
    (listed,) = json.loads(out)
    assert listed["title"] == REFERENCE and listed["questions"] == 1

    lines = iter(["What about Ukraine?", ""])
    code, out = _run(capsys, "--data-dir", str(library), "chat", "--resume", listed["id"])
    assert code == 0 and "Continuing conversation" in out and "(1 questions so far)" in out
    code, out = _run(capsys, "--data-dir", str(library), "conversations", "show", listed["id"], "--markdown")
    assert out.startswith(f"# {REFERENCE}\n") and "## What about Ukraine?" in out and "### Sources" in out

    code, out = _run(capsys, "--data-dir", str(library), "ask", REFERENCE, "--markdown")
    assert code == 0 and out.startswith(f"## {REFERENCE}\n") and "Characters " in out

    _run(capsys, "--data-dir", str(library), "conversations", "rename", listed["id"], "Power balance")
    code, out = _run(capsys, "--data-dir", str(library), "conversations")
    assert "Power balance" in out and "1 of 1 conversations" in out
    _run(capsys, "--data-dir", str(library), "conversations", "delete", listed["id"])
    code, out = _run(capsys, "--data-dir", str(library), "conversations", "show", listed["id"])
    assert code == 1 and f"No conversation '{listed['id']}'" in out
