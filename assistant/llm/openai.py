"""OpenAI and OpenAI-compatible chat models (Ollama, vLLM, llama.cpp server, LM Studio).

Always the chat-completions endpoint. A JSON schema is sent as ``response_format``: first the
OpenAI form (``json_schema``: OpenAI, vLLM, Ollama, llama.cpp's llama-server), then the
``json_object`` + ``schema`` form of llama-cpp-python's server; the first form a server accepts
is kept, and a server that takes neither raises ``StructuredUnsupported``. The client, its
retries and its error messages are shared with the embedding backend (``index.openai_client``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import BackendError, BackendUnavailable, ConfigError
from index.openai_client import openai_client, translate_error

from . import Schema, StructuredUnsupported

if TYPE_CHECKING:
    from ..config import LLMSettings

__all__ = ["OpenAIChat"]


def _formats(schema: Schema) -> list[dict[str, Any]]:
    """The ``response_format`` spellings of ``schema``, most widely supported first."""
    return [
        {"type": "json_schema", "json_schema": {"name": "answer", "schema": schema, "strict": True}},
        {"type": "json_object", "schema": schema},
    ]


def _refuses_format(exc: Exception) -> bool:
    """A server's "I do not take that response_format" (llama-cpp-python's says it with HTTP 500)."""
    status = getattr(exc, "status_code", 0)
    return status in (400, 422) or (status == 500 and "response_format" in str(exc))


class OpenAIChat:
    """A chat model served over the OpenAI chat-completions protocol."""

    def __init__(
        self,
        name: str,
        model: str,
        base_url: str | None,
        api_key: str | None,
        timeout: float,
        max_retries: int,
        temperature: float,
        max_tokens: int,
    ) -> None:
        self.name = name
        self.model = model
        self.where = base_url or "api.openai.com"
        self.max_retries = max_retries
        self.options: dict[str, Any] = {"temperature": temperature, "max_tokens": max_tokens}
        self.client = openai_client(base_url, api_key, timeout, max_retries)
        self.format: int | None = None  # which of ``_formats`` the server took; -1: none

    @classmethod
    def from_settings(cls, settings: LLMSettings, cache_dir: Path | None = None) -> OpenAIChat:
        key = settings.api_key.get_secret_value() if settings.api_key else None
        if settings.backend == "openai":
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
        return cls(
            name=settings.backend,
            model=model,
            base_url=settings.base_url,
            api_key=key,
            timeout=settings.timeout,
            max_retries=settings.max_retries,
            temperature=settings.temperature,
            max_tokens=settings.max_tokens,
        )

    def _error(self, exc: Exception) -> Exception:
        return translate_error(exc, self.name, self.where, self.model, self.max_retries)

    def _create(self, messages: list[dict[str, str]], schema: Schema | None, stream: bool) -> Any:
        """The chat-completions call; with a schema, in the first format the server accepts."""
        import openai

        if schema is None:
            return self.client.chat.completions.create(
                model=self.model, messages=messages, stream=stream, **self.options
            )
        formats = _formats(schema)
        probing = self.format is None
        for i in range(len(formats)) if self.format is None else [self.format]:
            if i < 0:
                break
            try:
                reply = self.client.chat.completions.create(
                    model=self.model,
                    messages=messages,
                    stream=stream,
                    response_format=formats[i],
                    **self.options,
                )
            except openai.APIStatusError as exc:
                if probing and _refuses_format(exc):
                    continue  # this server does not know this spelling
                raise
            self.format = i
            return reply
        self.format = -1
        raise StructuredUnsupported(
            f"The {self.name} server at {self.where} does not accept a JSON schema for its replies."
        )

    def complete(self, messages: list[dict[str, str]], schema: Schema | None = None) -> str:
        try:
            reply = self._create(messages, schema, stream=False)
            return reply.choices[0].message.content or ""
        except StructuredUnsupported:
            raise
        except Exception as exc:
            raise self._error(exc) from None

    def stream(self, messages: list[dict[str, str]], schema: Schema | None = None) -> Iterator[str]:
        try:
            chunks = self._create(messages, schema, stream=True)
            finished = False
            for chunk in chunks:
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                if choice.delta and choice.delta.content:
                    yield choice.delta.content
                finished = finished or choice.finish_reason is not None
        except StructuredUnsupported:
            raise
        except Exception as exc:
            raise self._error(exc) from None
        if not finished:
            raise BackendError(
                f"The {self.name} server at {self.where} ended the stream before the answer did."
            )
