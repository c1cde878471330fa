"""Language models behind one small contract, registered by name: one module per backend.

A backend has a ``name`` and two methods, ``complete(messages) -> str`` and
``stream(messages) -> Iterator[str]``, and is built by ``from_settings(LLMSettings, cache_dir)``
(``cache_dir``: where it may keep files it derives, such as an assembled model).
``LLMS`` maps each ``llm.backend`` to its class; the module is imported only when chosen, so
provider packages load lazily, and a missing package, key, server or model file is a
``BackendUnavailable`` that says what to install or set. Nothing falls back to another backend.
``extractive`` is not a model: it answers with quotes and has no entry here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from index.registry import resolve

if TYPE_CHECKING:
    from ..config import LLMSettings

__all__ = ["LLM", "LLMS", "Message", "build_llm"]

Message = dict[str, str]


class LLM(Protocol):
    """What the answer step needs from a chat model."""

    name: str

    def complete(self, messages: list[Message]) -> str: ...

    def stream(self, messages: list[Message]) -> Iterator[str]: ...


# llm.backend -> "module:Class"; each class has ``from_settings(LLMSettings, cache_dir)``.
LLMS = {
    "openai": "assistant.llm.openai:OpenAIChat",
    "openai_compatible": "assistant.llm.openai:OpenAIChat",
    "llama_cpp": "assistant.llm.llama_cpp:LlamaCppChat",
    "fake": "assistant.llm.fake:FakeLLM",
}


def build_llm(settings: LLMSettings, cache_dir: Path | None = None) -> LLM:
    """The chat model ``settings.backend`` names."""
    llm: LLM = resolve(LLMS, settings.backend, "llm.backend").from_settings(settings, cache_dir)
    return llm
