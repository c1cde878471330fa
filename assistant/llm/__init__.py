"""Language models behind one small contract, registered by name: one module per backend.

A backend has a ``name`` and two methods, ``complete(messages, schema) -> str`` and
``stream(messages, schema) -> Iterator[str]``, and is built by ``from_settings(LLMSettings, cache_dir)``
(``cache_dir``: where it may keep files it derives, such as an assembled model).
``LLMS`` maps each ``llm.backend`` to its class; the module is imported only when chosen, so
provider packages load lazily, and a missing package, key, server or model file is a
``BackendUnavailable`` that says what to install or set. Nothing falls back to another backend.
With a JSON ``schema`` the reply must be JSON of that shape (a llama.cpp grammar in process,
``response_format`` on a server); a backend or server that cannot constrain its output raises
``StructuredUnsupported`` and the caller asks again in free text.
``extractive`` is not a model: it answers with quotes and has no entry here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from index.errors import BackendError
from index.registry import resolve

if TYPE_CHECKING:
    from ..config import LLMSettings

__all__ = ["LLM", "LLMS", "Message", "Schema", "StructuredUnsupported", "build_llm"]

Message = dict[str, str]
Schema = dict[str, Any]  # a JSON schema


class StructuredUnsupported(BackendError):
    """The backend or its server cannot constrain a reply to a JSON schema."""


class LLM(Protocol):
    """What the answer step needs from a chat model."""

    name: str

    def complete(self, messages: list[Message], schema: Schema | None = None) -> str: ...

    def stream(self, messages: list[Message], schema: Schema | None = None) -> Iterator[str]: ...


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
