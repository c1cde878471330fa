"""Both conversation stores keep the same promises: SQLite in the data dir, and the Chroma
collections app servers share (here on an embedded client; a real Chroma server and two app
servers: tests/integration/test_app_servers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from assistant.chat import Turn
from assistant.conversations import ConversationNotFound, Conversations, ConversationStore
from assistant.models import Answer, Citation
from assistant.shared_conversations import SharedConversations
from index.store import open_chroma_client


def _turn(asked: str, quote: str = "China's economic might", start: int = 120) -> Turn:
    citation = Citation(
        1,
        "a1",
        "Power balance",
        "https://x.example/a1",
        date(2025, 1, 8),
        "x.example",
        quote,
        start,
        start + len(quote),
        0.5,
    )
    return Turn(asked, asked.replace("he", "Muraviev"), Answer(f"“{quote}” [1]", (citation,), question=asked))


@pytest.fixture(params=["sqlite", "chroma"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ConversationStore]:
    made: ConversationStore
    if request.param == "sqlite":
        made = Conversations(tmp_path / "conversations.sqlite3")
    else:
        made = SharedConversations(open_chroma_client(tmp_path / "chroma", None, 8000), "articles")
    yield made
    made.close()


def test_turns_come_back_in_order_with_their_citations(store: ConversationStore) -> None:
    started = store.start(user="alice")
    assert started.title == "" and store.get(started.id, "alice").turns == ()
    first = store.add_turn(started.id, _turn("What did he say about power balance?"), user="alice")
    second = store.add_turn(
        started.id, _turn("And about trade?", "more than $240 billion", 400), user="alice"
    )
    assert (first.n, second.n) == (1, 2)
    got = store.get(started.id, "alice")
    assert got.title == "What did he say about power balance?"  # titled by its first question
    assert [t.asked for t in got.turns] == ["What did he say about power balance?", "And about trade?"]
    assert got.turns[0].standalone == "What did Muraviev say about power balance?"
    cited = got.turns[1].answer.citations[0]
    assert (cited.quote, cited.start, cited.end, cited.published) == (
        "more than $240 billion",
        400,
        422,
        date(2025, 1, 8),
    )
    assert [h.asked for h in got.history()] == [t.asked for t in got.turns]


def test_listing_search_rename_delete_and_users(store: ConversationStore) -> None:
    older = store.start(user="alice")
    store.add_turn(older.id, _turn("What did he say about power balance?"), user="alice")
    newer = store.start(user="alice")
    store.add_turn(newer.id, _turn("How much has trade grown?"), user="alice")
    bobs = store.start(user="bob", title="Bob's")
    listed = store.list(user="alice")
    assert [c.id for c in listed] == [newer.id, older.id] and [c.questions for c in listed] == [1, 1]
    assert [c.id for c in store.list(user="alice", limit=1, offset=1)] == [older.id]
    store.rename(older.id, "  Muraviev   on POWER ", user="alice")
    assert [c.title for c in store.list(user="alice", search="power")] == ["Muraviev on POWER"]
    assert store.list(user="alice", search="100%_") == []
    with pytest.raises(ValueError, match="cannot be empty"):
        store.rename(older.id, "  ", user="alice")
    for action in (
        lambda: store.get(older.id, "bob"),
        lambda: store.rename(older.id, "mine", "bob"),
        lambda: store.delete(older.id, "bob"),
        lambda: store.add_turn(older.id, _turn("x"), "bob"),
        lambda: store.get("nope", "alice"),
    ):
        with pytest.raises(ConversationNotFound, match="No conversation"):
            action()
    assert [c.id for c in store.list(user="bob")] == [bobs.id] and store.count("bob") == 1
    store.delete(newer.id, user="alice")
    assert [c.id for c in store.list(user="alice")] == [older.id] and store.count("alice") == 1
    with pytest.raises(ConversationNotFound):
        store.get(newer.id, "alice")
