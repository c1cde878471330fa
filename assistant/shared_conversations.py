"""Saved conversations on the Chroma server that app servers share (``store.chroma_host``).

With one Chroma server behind several app servers, a conversation saved through one must be
listed, reopened and continued through any other, so it lives beside the shared library
instead of in one server's data dir: ``<collection>-conversations`` holds each conversation
(its user, title and times in the metadata) and ``<collection>-turns`` each answered question
(the answer's JSON as the document). The reads and writes, and the rule that another user's
conversation is not found, are those of the SQLite store (``conversations.Conversations``).

Records carry the library's one-dimensional placeholder vector (``index.shared.NO_VECTOR``).
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from index.shared import NO_VECTOR

from .chat import Turn
from .conversations import Conversation, ConversationNotFound, SavedTurn, clean_title, title_of, when
from .models import Answer

__all__ = ["SharedConversations"]


class SharedConversations:
    """The conversation store of the app servers that share one Chroma server."""

    def __init__(self, client: Any, prefix: str) -> None:
        self.conversations = client.get_or_create_collection(f"{prefix}-conversations")
        self.turns = client.get_or_create_collection(f"{prefix}-turns")

    def close(self) -> None:
        """(The Chroma client belongs to the library, which closes it.)"""

    def start(self, user: str = "", title: str = "") -> Conversation:
        """A new, empty conversation (titled by its first question unless ``title`` is given)."""
        now = time.time()
        conversation_id = uuid.uuid4().hex[:16]
        title = title.strip()[:200]
        self._put(conversation_id, {"user": user, "title": title, "created": now, "updated": now})
        return Conversation(conversation_id, user, title, when(now), when(now))

    def _put(self, conversation_id: str, meta: dict[str, Any]) -> None:
        self.conversations.upsert(ids=[conversation_id], metadatas=[meta], embeddings=[NO_VECTOR])

    def _owned(self, conversation_id: str, user: str) -> dict[str, Any]:
        got = self.conversations.get(ids=[conversation_id], include=["metadatas"])
        if not got["ids"] or got["metadatas"][0].get("user") != user:
            raise ConversationNotFound(conversation_id)
        return dict(got["metadatas"][0])

    def get(self, conversation_id: str, user: str = "") -> Conversation:
        """The conversation with all its turns, oldest first."""
        meta = self._owned(conversation_id, user)
        got = self.turns.get(where={"conversation": conversation_id}, include=["documents", "metadatas"])
        rows = sorted(
            zip(got["metadatas"], got["documents"], strict=True), key=lambda r: (r[0]["n"], r[0]["at"])
        )
        turns = tuple(
            SavedTurn(
                int(m["n"]),
                str(m["asked"]),
                str(m["standalone"]),
                Answer.from_json(json.loads(str(doc)), str(m["asked"]), str(m["backend"])),
                when(float(m["at"])),
            )
            for m, doc in rows
        )
        return Conversation(
            conversation_id,
            user,
            str(meta["title"]),
            when(float(meta["created"])),
            when(float(meta["updated"])),
            turns,
            questions=len(turns),
        )

    def list(self, user: str = "", limit: int = 50, offset: int = 0, search: str = "") -> list[Conversation]:
        """The user's conversations, most recently used first (without their turns); ``search``
        keeps those whose title holds it (case aside)."""
        got = self.conversations.get(where={"user": user}, include=["metadatas"])
        wanted = search.casefold()
        found = [
            (i, m)
            for i, m in zip(got["ids"], got["metadatas"], strict=True)
            if wanted in str(m["title"]).casefold()
        ]
        found.sort(key=lambda r: (-float(r[1]["updated"]), r[0]))
        return [
            Conversation(
                i,
                user,
                str(m["title"]),
                when(float(m["created"])),
                when(float(m["updated"])),
                questions=int(m.get("questions", 0)),
            )
            for i, m in found[offset : offset + limit]
        ]

    def count(self, user: str = "") -> int:
        return len(self.conversations.get(where={"user": user}, include=[])["ids"])

    def add_turn(self, conversation_id: str, turn: Turn, user: str = "") -> SavedTurn:
        """Save one answered question at the end of the conversation."""
        now = time.time()
        meta = self._owned(conversation_id, user)
        numbers = self.turns.get(where={"conversation": conversation_id}, include=["metadatas"])["metadatas"]
        n = max((int(m["n"]) for m in numbers), default=0) + 1
        self.turns.add(
            ids=[f"{conversation_id}-{n:06d}-{uuid.uuid4().hex[:6]}"],  # (two servers at once: both kept)
            documents=[json.dumps(turn.answer.to_json(), ensure_ascii=False)],
            metadatas=[
                {
                    "conversation": conversation_id,
                    "user": user,
                    "n": n,
                    "asked": turn.asked,
                    "standalone": turn.standalone,
                    "backend": turn.answer.backend,
                    "at": now,
                }
            ],
            embeddings=[NO_VECTOR],
        )
        title = str(meta["title"]) or title_of(turn.asked)
        self._put(conversation_id, {**meta, "title": title, "updated": now, "questions": n})
        return SavedTurn(n, turn.asked, turn.standalone, turn.answer, when(now))

    def rename(self, conversation_id: str, title: str, user: str = "") -> None:
        title = clean_title(title)
        meta = self._owned(conversation_id, user)
        self._put(conversation_id, {**meta, "title": title})

    def delete(self, conversation_id: str, user: str = "") -> None:
        self._owned(conversation_id, user)
        self.turns.delete(where={"conversation": conversation_id})
        self.conversations.delete(ids=[conversation_id])
