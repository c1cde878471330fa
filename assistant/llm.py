"""Language models behind one small contract, and the one place that builds them from settings.

A backend has a ``name`` and two methods: ``complete(messages) -> str`` and
``stream(messages) -> Iterator[str]``. Provider packages are imported lazily inside the
builders, and a missing package, key, server or model file is a ``BackendUnavailable`` that
says what to install or set. Nothing ever falls back to another backend.
"""

from __future__ import annotations

import os
import re
import threading
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from .errors import BackendUnavailable, ConfigError

if TYPE_CHECKING:
    from .config import LLMSettings

__all__ = ["LLM", "FakeLLM", "Message", "build_llm"]

Message = dict[str, str]


class LLM(Protocol):
    """What the answer step needs from a chat model."""

    name: str

    def complete(self, messages: list[Message]) -> str: ...

    def stream(self, messages: list[Message]) -> Iterator[str]: ...


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


def build_llm(settings: LLMSettings) -> LLM:
    """The configured chat model; ``extractive`` has none."""
    if settings.backend == "fake":
        return FakeLLM()
    if settings.backend in ("openai", "openai_compatible"):
        from .llm_openai import OpenAIChat

        key = settings.api_key.get_secret_value() if settings.api_key else None
        if settings.backend == "openai":
            key = key or os.environ.get("OPENAI_API_KEY")
            if not key:
                raise BackendUnavailable(
                    "The openai backend needs an API key: set OPENAI_API_KEY or ASSISTANT_LLM__API_KEY."
                )
            model = settings.model or "gpt-4o-mini"
        else:
            if not settings.base_url or not settings.model:
                raise ConfigError(
                    "The openai_compatible backend needs llm.base_url and llm.model, e.g. "
                    "ASSISTANT_LLM__BASE_URL=http://127.0.0.1:11434/v1 ASSISTANT_LLM__MODEL=llama3.1"
                )
            model = settings.model
        return OpenAIChat(
            name=settings.backend,
            model=model,
            base_url=settings.base_url,
            api_key=key,
            timeout=settings.timeout,
            max_retries=settings.max_retries,
            temperature=settings.temperature,
            max_tokens=settings.max_tokens,
        )
    if settings.backend == "llama_cpp":
        from .llm_llamacpp import LlamaCppChat

        if settings.model_path is None:
            raise ConfigError(
                "The llama_cpp backend needs llm.model_path, a local .gguf file: "
                "set ASSISTANT_LLM__MODEL_PATH=/path/to/model.gguf (nothing is downloaded)."
            )
        return LlamaCppChat(
            settings.model_path,
            context_tokens=settings.context_tokens,
            chat_format=settings.chat_format,
            temperature=settings.temperature,
            max_tokens=settings.max_tokens,
        )
    raise ConfigError(f"llm.backend {settings.backend!r} has no chat model to build.")
