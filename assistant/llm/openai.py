"""OpenAI and OpenAI-compatible chat models (Ollama, vLLM, llama.cpp server, LM Studio).

Always the chat-completions endpoint. The client, its retries and its error messages are
shared with the embedding backend (``index.openai_client``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import BackendError, BackendUnavailable, ConfigError
from index.openai_client import openai_client, translate_error

if TYPE_CHECKING:
    from ..config import LLMSettings

__all__ = ["OpenAIChat"]


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

    def complete(self, messages: list[dict[str, str]]) -> str:
        try:
            reply = self.client.chat.completions.create(
                model=self.model,
                messages=messages,
                **self.options,  # type: ignore[arg-type]
            )
            return reply.choices[0].message.content or ""
        except Exception as exc:
            raise self._error(exc) from None

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        try:
            chunks = self.client.chat.completions.create(
                model=self.model,
                messages=messages,
                stream=True,
                **self.options,  # type: ignore[arg-type]
            )
            finished = False
            for chunk in chunks:
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                if choice.delta and choice.delta.content:
                    yield choice.delta.content
                finished = finished or choice.finish_reason is not None
        except Exception as exc:
            raise self._error(exc) from None
        if not finished:
            raise BackendError(
                f"The {self.name} server at {self.where} ended the stream before the answer did."
            )
