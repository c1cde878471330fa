"""The OpenAI client, shared by the chat and embedding backends: built once, errors translated.

Both talk the OpenAI protocol (to OpenAI or to a compatible server: Ollama, vLLM, llama.cpp
server). The ``openai`` client brings time-outs and retries with exponential backoff on
429, 5xx and dropped connections; ``translate_error`` turns what is left into errors a person
can act on. API keys never appear in a message.
"""

from __future__ import annotations

import json
from typing import Any

from .errors import BackendError, BackendUnavailable

__all__ = ["openai_client", "translate_error"]


def openai_client(base_url: str | None, api_key: str | None, timeout: float, max_retries: int) -> Any:
    """An ``openai.OpenAI`` client; local servers accept any key, so one is always sent."""
    try:
        import openai
    except ImportError as exc:
        raise BackendUnavailable("The openai package is missing: run `pip install openai`.") from exc
    return openai.OpenAI(
        base_url=base_url, api_key=api_key or "not-needed", timeout=timeout, max_retries=max_retries
    )


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
            "check ASSISTANT_LLM__API_KEY / ASSISTANT_EMBED__API_KEY (or OPENAI_API_KEY)."
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
