"""A scripted chat model for tests and demos (``llm.backend = "fake"``).

Replies come from ``enqueue`` in order; with none queued it quotes the first sentence of
passage [1], so a conversation works end to end without a model. ``history`` keeps every
list of messages it was sent, so tests can inspect the prompt.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from . import Message

if TYPE_CHECKING:
    from ..config import LLMSettings

__all__ = ["FakeLLM"]

_FIRST_PASSAGE = re.compile(r'<passage n="1"[^>]*>\n(?P<text>.*?)\n</passage>', re.DOTALL)
_SENTENCE = re.compile(r"^.*?[.!?](?=\s|$)", re.DOTALL)


class FakeLLM:
    """A scripted model for tests and demos: replies from ``enqueue``, else quotes passage [1].

    ``history`` keeps every list of messages it was sent, so tests can inspect the prompt.
    """

    name = "fake"

    def __init__(self, replies: list[str] | None = None) -> None:
        self.replies: deque[str] = deque(replies or [])
        self.history: list[list[Message]] = []
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: LLMSettings, cache_dir: Path | None = None) -> FakeLLM:
        return cls()

    def enqueue(self, *replies: str) -> None:
        self.replies.extend(replies)

    def _reply(self, messages: list[Message]) -> str:
        with self._lock:
            self.history.append([dict(m) for m in messages])
            if self.replies:
                return self.replies.popleft()
        match = _FIRST_PASSAGE.search(messages[-1]["content"])
        if not match:
            return messages[-1]["content"].strip().splitlines()[-1]
        first = _SENTENCE.match(match.group("text").strip())
        return f"{(first.group(0) if first else match.group('text')).strip()} [1]"

    def complete(self, messages: list[Message]) -> str:
        return self._reply(messages)

    def stream(self, messages: list[Message]) -> Iterator[str]:
        yield from re.findall(r"\S+\s*", self._reply(messages))
