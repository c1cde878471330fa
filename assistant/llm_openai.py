"""OpenAI and OpenAI-compatible chat models (Ollama, vLLM, llama.cpp server, LM Studio).

Always the chat-completions endpoint. The ``openai`` client brings timeouts and retries with
exponential backoff on 429, 5xx and dropped connections; this module turns what is left into
errors a person can act on. API keys never appear in a message.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .errors import BackendError, BackendUnavailable

__all__ = ["OpenAIChat", "translate_error"]


def translate_error(exc: Exception, name: str, where: str, model: str, retries: int) -> Exception:
    """A readable, secret-free error for anything the openai client or transport raised."""
    import httpx
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return BackendError(f"The {name} server at {where} did not answer in time (after {retries} retries).")
    if isinstance(exc, openai.APIConnectionError):
        return BackendUnavailable(
            f"Cannot reach the {name} server at {where} (after {retries} retries): is it running?"
        )
    if isinstance(exc, openai.AuthenticationError):
        return BackendUnavailable(
            f"The {name} server at {where} rejected the API key: "
            "check ASSISTANT_LLM__API_KEY (or OPENAI_API_KEY)."
        )
    if isinstance(exc, openai.NotFoundError):
        return BackendUnavailable(f"The {name} server at {where} has no model {model!r}: check llm.model.")
    if isinstance(exc, openai.RateLimitError):
        return BackendError(
            f"The {name} server at {where} is rate-limiting (HTTP 429) after {retries} retries."
        )
    if isinstance(exc, openai.APIStatusError):
        return BackendError(
            f"The {name} server at {where} answered HTTP {exc.status_code} (after {retries} retries)."
        )
    if isinstance(exc, (json.JSONDecodeError, openai.APIResponseValidationError, KeyError, TypeError)):
        return BackendError(f"The {name} server at {where} sent a malformed reply.")
    if isinstance(exc, httpx.HTTPError):
        return BackendError(f"The connection to the {name} server at {where} broke off mid-answer.")
    return BackendError(f"The {name} server at {where} failed: {type(exc).__name__}.")


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
        try:
            import openai
        except ImportError as exc:
            raise BackendUnavailable("The openai package is missing: run `pip install openai`.") from exc
        self.name = name
        self.model = model
        self.where = base_url or "api.openai.com"
        self.max_retries = max_retries
        self.options: dict[str, Any] = {"temperature": temperature, "max_tokens": max_tokens}
        self.client = openai.OpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",  # local servers accept anything
            timeout=timeout,
            max_retries=max_retries,
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
