"""Chat sessions: follow-up questions resolved against the conversation so far.

"And what did he say about Ukraine?" is rewritten into a standalone question
("And what did Muraviev say about Ukraine?") before retrieval, using the last person the
conversation asked about. The rewritten question is kept in the history with its answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .models import Answer
from .questions import parse_question

if TYPE_CHECKING:
    from .api import Assistant

__all__ = ["ChatSession", "Turn", "condense"]

_PRONOUN = re.compile(r"\b(he|she|him|her|they|them)\b", re.IGNORECASE)
_WHAT_ABOUT = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\s+(?P<topic>.+?)[\s?.!]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Turn:
    asked: str
    standalone: str
    answer: Answer


def condense(history: list[Turn], question: str) -> str:
    """A standalone version of ``question`` given the earlier turns."""
    speaker = next(
        (
            parse_question(t.standalone).speaker
            for t in reversed(history)
            if parse_question(t.standalone).speaker
        ),
        None,
    )
    if not speaker:
        return question
    about = _WHAT_ABOUT.match(question)
    if about:
        return f"What did {speaker} say about {about.group('topic')}?"
    if parse_question(question).speaker is None and _PRONOUN.search(question):
        return _PRONOUN.sub(speaker, question, count=1)
    return question


@dataclass
class ChatSession:
    """A conversation with the assistant; ``send`` answers one message."""

    assistant: Assistant
    history: list[Turn] = field(default_factory=list)

    def send(self, message: str, **filters: object) -> Answer:
        standalone = condense(self.history, message)
        answer = self.assistant.ask(standalone, **filters)  # type: ignore[arg-type]
        self.history.append(Turn(message, standalone, answer))
        return answer
