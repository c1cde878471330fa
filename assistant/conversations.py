"""Saved conversations: every question asked in a chat and its checked answer, per user.

Kept in ``conversations.sqlite3`` in the data dir, beside the library (or, when app servers
share a Chroma server, on that server: ``shared_conversations``), so a conversation
survives a restart of ``assistant serve`` and can be listed, reopened (its answers with their
citations, exactly as shown), renamed, deleted, exported and continued from the browser, the
CLI (``assistant chat --resume ID``) and the Python API (``Assistant.chat(resume=ID)``).

Every read and write names the user it is for: a conversation of another user is not found,
the same as one that does not exist, so ids cannot be probed. The single-user setup (no
accounts) uses the user ``""``.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from index.errors import AssistantError

from .chat import Turn
from .models import Answer

__all__ = ["Conversation", "ConversationNotFound", "ConversationStore", "Conversations", "SavedTurn"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    title TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_by_user ON conversations(user, updated);
CREATE TABLE IF NOT EXISTS turns (
    conversation TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    asked TEXT NOT NULL,
    standalone TEXT NOT NULL,
    answer TEXT NOT NULL,
    backend TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (conversation, n)
);
"""
TITLE_CHARS = 80


class ConversationNotFound(AssistantError):
    """No conversation with that id for this user (the same words whichever store is asked)."""

    def __init__(self, conversation_id: str) -> None:
        super().__init__(
            f"No conversation {conversation_id!r}: `assistant conversations` lists the saved ones."
        )


@dataclass(frozen=True)
class SavedTurn:
    """One question of a saved conversation, as asked and as searched, with its answer."""

    n: int
    asked: str
    standalone: str
    answer: Answer
    at: datetime

    def to_json(self) -> dict[str, object]:
        return {
            "n": self.n,
            "asked": self.asked,
            "standalone": self.standalone,
            "at": self.at.isoformat(timespec="seconds"),
            **self.answer.to_json(),
        }


@dataclass(frozen=True)
class Conversation:
    """A saved conversation; ``turns`` is empty in listings."""

    id: str
    user: str
    title: str
    created: datetime
    updated: datetime
    turns: tuple[SavedTurn, ...] = ()
    questions: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "created": self.created.isoformat(timespec="seconds"),
            "updated": self.updated.isoformat(timespec="seconds"),
            "questions": self.questions,
            "turns": [t.to_json() for t in self.turns],
        }

    def history(self) -> list[Turn]:
        """The turns as a chat session continues from them (follow-ups resolve against them)."""
        return [Turn(t.asked, t.standalone, t.answer) for t in self.turns]


def when(seconds: float) -> datetime:
    """A stored time (seconds since the epoch) as an aware UTC datetime."""
    return datetime.fromtimestamp(seconds, tz=UTC)


def clean_title(title: str) -> str:
    """A title as a rename stores it: spaces collapsed, at most 200 characters, never empty."""
    title = " ".join(title.split())[:200]
    if not title:
        raise ValueError("A conversation's title cannot be empty.")
    return title


def title_of(question: str) -> str:
    """A conversation's first title: its first question, cut at a word near ``TITLE_CHARS``."""
    text = " ".join(question.split())
    if len(text) <= TITLE_CHARS:
        return text
    cut = text[:TITLE_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


class ConversationStore(Protocol):
    """Where conversations are kept: ``Conversations`` (SQLite in the data dir) or, when app
    servers share a Chroma server, ``shared_conversations.SharedConversations``."""

    def start(self, user: str = "", title: str = "") -> Conversation: ...
    def get(self, conversation_id: str, user: str = "") -> Conversation: ...
    def list(
        self, user: str = "", limit: int = 50, offset: int = 0, search: str = ""
    ) -> builtins.list[Conversation]: ...
    def count(self, user: str = "") -> int: ...
    def add_turn(self, conversation_id: str, turn: Turn, user: str = "") -> SavedTurn: ...
    def rename(self, conversation_id: str, title: str, user: str = "") -> None: ...
    def delete(self, conversation_id: str, user: str = "") -> None: ...
    def close(self) -> None: ...


class Conversations:
    """The conversation store of one data dir (thread-safe; one SQLite connection)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA journal_mode = WAL")
        with self._db:
            self._db.executescript(_SCHEMA)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._db:
            yield self._db

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def start(self, user: str = "", title: str = "") -> Conversation:
        """A new, empty conversation (titled by its first question unless ``title`` is given)."""
        now = time.time()
        conversation_id = uuid.uuid4().hex[:16]
        with self._transaction() as db:
            db.execute(
                "INSERT INTO conversations(id, user, title, created, updated) VALUES (?, ?, ?, ?, ?)",
                (conversation_id, user, title.strip()[:200], now, now),
            )
        return Conversation(conversation_id, user, title.strip()[:200], when(now), when(now))

    def _owned(self, db: sqlite3.Connection, conversation_id: str, user: str) -> tuple[str, float, float]:
        row = db.execute(
            "SELECT title, created, updated FROM conversations WHERE id = ? AND user = ?",
            (conversation_id, user),
        ).fetchone()
        if row is None:
            raise ConversationNotFound(conversation_id)
        return str(row[0]), float(row[1]), float(row[2])

    def get(self, conversation_id: str, user: str = "") -> Conversation:
        """The conversation with all its turns, oldest first."""
        with self._transaction() as db:
            title, created, updated = self._owned(db, conversation_id, user)
            rows = db.execute(
                "SELECT n, asked, standalone, answer, backend, at FROM turns "
                "WHERE conversation = ? ORDER BY n",
                (conversation_id,),
            ).fetchall()
        turns = tuple(
            SavedTurn(int(n), asked, alone, Answer.from_json(json.loads(answer), asked, backend), when(at))
            for n, asked, alone, answer, backend, at in rows
        )
        return Conversation(
            conversation_id, user, title, when(created), when(updated), turns, questions=len(turns)
        )

    def list(self, user: str = "", limit: int = 50, offset: int = 0, search: str = "") -> list[Conversation]:
        """The user's conversations, most recently used first (without their turns); ``search``
        keeps those whose title holds it."""
        query = (
            "SELECT c.id, c.title, c.created, c.updated, COUNT(t.n) FROM conversations c "
            "LEFT JOIN turns t ON t.conversation = c.id WHERE c.user = ? AND c.title LIKE ? ESCAPE '\\' "
            "GROUP BY c.id ORDER BY c.updated DESC, c.id LIMIT ? OFFSET ?"
        )
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        with self._transaction() as db:
            rows = db.execute(query, (user, pattern, limit, offset)).fetchall()
        return [
            Conversation(i, user, title, when(created), when(updated), questions=int(count))
            for i, title, created, updated, count in rows
        ]

    def count(self, user: str = "") -> int:
        with self._transaction() as db:
            return int(db.execute("SELECT COUNT(*) FROM conversations WHERE user = ?", (user,)).fetchone()[0])

    def add_turn(self, conversation_id: str, turn: Turn, user: str = "") -> SavedTurn:
        """Save one answered question at the end of the conversation."""
        now = time.time()
        with self._transaction() as db:
            title, _, _ = self._owned(db, conversation_id, user)
            last = db.execute("SELECT MAX(n) FROM turns WHERE conversation = ?", (conversation_id,))
            n = int(last.fetchone()[0] or 0) + 1
            db.execute(
                "INSERT INTO turns(conversation, n, asked, standalone, answer, backend, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    conversation_id,
                    n,
                    turn.asked,
                    turn.standalone,
                    json.dumps(turn.answer.to_json(), ensure_ascii=False),
                    turn.answer.backend,
                    now,
                ),
            )
            db.execute(
                "UPDATE conversations SET updated = ?, title = ? WHERE id = ?",
                (now, title or title_of(turn.asked), conversation_id),
            )
        return SavedTurn(n, turn.asked, turn.standalone, turn.answer, when(now))

    def rename(self, conversation_id: str, title: str, user: str = "") -> None:
        title = clean_title(title)
        with self._transaction() as db:
            self._owned(db, conversation_id, user)
            db.execute("UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id))

    def delete(self, conversation_id: str, user: str = "") -> None:
        with self._transaction() as db:
            self._owned(db, conversation_id, user)
            db.execute("DELETE FROM turns WHERE conversation = ?", (conversation_id,))
            db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
