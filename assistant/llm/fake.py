"""A scripted chat model for tests and demos (``llm.backend = "fake"``).

Replies come from ``enqueue`` in order; with none queued it quotes the first sentence of
passage [1] (asked for JSON: ``{"answerable": true, "sentences": [{"quote": "S1"}]}``), so a
conversation works end to end without a model. ``structured=False`` makes it refuse schemas,
like a server that cannot constrain its output. ``history`` keeps every
list of messages it was sent, so tests can inspect the prompt.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from . import Message, Schema, StructuredUnsupported

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

    def __init__(self, replies: list[str] | None = None, structured: bool = True) -> None:
        self.replies: deque[str] = deque(replies or [])
        self.structured = structured
        self.schemas: list[Schema | None] = []  # the schema of each call, None for free text
        self.history: list[list[Message]] = []
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: LLMSettings, cache_dir: Path | None = None) -> FakeLLM:
        return cls()

    def enqueue(self, *replies: str) -> None:
        self.replies.extend(replies)

    def _reply(self, messages: list[Message], schema: Schema | None = None) -> str:
        if schema is not None and not self.structured:
            raise StructuredUnsupported("The fake model was told not to take a JSON schema.")
        with self._lock:
            self.history.append([dict(m) for m in messages])
            self.schemas.append(schema)
            if self.replies:
                return self.replies.popleft()
        if schema is not None:
            return '{"answerable": true, "sentences": [{"quote": "S1"}]}'
        match = _FIRST_PASSAGE.search(messages[-1]["content"])
        if not match:
            return messages[-1]["content"].strip().splitlines()[-1]
        first = _SENTENCE.match(match.group("text").strip())
        return f"{(first.group(0) if first else match.group('text')).strip()} [1]"

    def complete(self, messages: list[Message], schema: Schema | None = None) -> str:
        return self._reply(messages, schema)

    def stream(self, messages: list[Message], schema: Schema | None = None) -> Iterator[str]:
        yield from re.findall(r"\S+\s*", self._reply(messages, schema))
