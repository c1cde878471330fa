"""In-process GGUF models with llama-cpp-python, using the chat template inside the GGUF.

A JSON schema becomes a llama.cpp grammar, so the reply always has the asked shape.
Never downloads anything: ``model_path`` must be a local file. One model instance is not
thread-safe, so calls are serialised.
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import BackendError, BackendUnavailable, ConfigError

from . import Schema
from .packaged import PACKAGED, resolve_model_path

if TYPE_CHECKING:
    from ..config import LLMSettings

__all__ = ["LlamaCppChat"]

log = logging.getLogger("assistant.llama_cpp")
_LOG_HOOK: Any = None


def _route_logs(llama_cpp: Any) -> None:
    """Send llama.cpp's own log lines to Python logging instead of stderr.

    llama-cpp-python's default hook maps an older ggml level enum, so some notices (the
    sliding-window KV cache line of Gemma 3) reach stderr as errors even with verbose=False.
    ggml now numbers them: 1 debug, 2 info, 3 warn, 4 error, 5 continuation.
    """
    global _LOG_HOOK
    if _LOG_HOOK is not None:
        return

    @llama_cpp.llama_log_callback  # type: ignore[untyped-decorator]
    def hook(level: int, text: bytes, user_data: Any) -> None:
        line = text.decode("utf-8", "replace").rstrip()
        if line:
            log.log(logging.ERROR if level == 4 else logging.DEBUG, "%s", line)

    _LOG_HOOK = hook  # ctypes must keep the callback alive
    llama_cpp.llama_log_set(hook, ctypes.c_void_p(0))


class LlamaCppChat:
    """A local GGUF chat model."""

    name = "llama_cpp"

    def __init__(
        self,
        model_path: Path,
        context_tokens: int,
        temperature: float,
        max_tokens: int,
        chat_format: str | None = None,
    ) -> None:
        try:
            import llama_cpp
        except ImportError as exc:
            raise BackendUnavailable(
                "The llama_cpp backend needs llama-cpp-python: run `pip install '.[local]'` "
                "(it builds llama.cpp from source, about 4 minutes on 2 cores)."
            ) from exc
        _route_logs(llama_cpp)
        path = Path(model_path).expanduser()
        if not path.is_file():
            raise BackendUnavailable(
                f"No GGUF model file at {path}: set ASSISTANT_LLM__MODEL_PATH to a local .gguf file "
                "(the llama_cpp backend never downloads models)."
            )
        self.model = path.name
        self.options: dict[str, Any] = {"temperature": temperature, "max_tokens": max_tokens}
        self._lock = threading.Lock()
        try:
            self.llm = llama_cpp.Llama(
                model_path=str(path),
                n_ctx=context_tokens,
                n_threads=os.cpu_count() or 2,
                verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise BackendUnavailable(f"llama.cpp could not load {path}: {exc}") from exc
        # The template inside the GGUF always wins; chat_format only names one for files that
        # carry none (base models), instead of llama.cpp's guess.
        self.template = "gguf" if self.llm.metadata.get("tokenizer.chat_template") else None
        if self.template is None and chat_format:
            self.llm.chat_format = chat_format
        self.template = self.template or self.llm.chat_format

    @classmethod
    def from_settings(cls, settings: LLMSettings, cache_dir: Path | None = None) -> LlamaCppChat:
        if settings.model_path is None:
            raise ConfigError(
                "The llama_cpp backend needs llm.model_path, a local .gguf file or a packaged model "
                f"({', '.join(PACKAGED)}): set ASSISTANT_LLM__MODEL_PATH (nothing is downloaded)."
            )
        path = resolve_model_path(
            settings.model_path, cache_dir or Path("~/.cache/news-assistant").expanduser()
        )
        return cls(
            path,
            context_tokens=settings.context_tokens,
            chat_format=settings.chat_format,
            temperature=settings.temperature,
            max_tokens=settings.max_tokens,
        )

    def _options(self, schema: Schema | None) -> dict[str, Any]:
        if schema is None:
            return self.options
        return {**self.options, "response_format": {"type": "json_object", "schema": schema}}

    def complete(self, messages: list[dict[str, str]], schema: Schema | None = None) -> str:
        with self._lock:
            try:
                out = self.llm.create_chat_completion(messages=messages, **self._options(schema))
            except (ValueError, RuntimeError) as exc:
                raise BackendError(f"llama.cpp failed on {self.model}: {exc}") from exc
        return str(out["choices"][0]["message"].get("content") or "")

    def stream(self, messages: list[dict[str, str]], schema: Schema | None = None) -> Iterator[str]:
        with self._lock:
            try:
                chunks = self.llm.create_chat_completion(
                    messages=messages, stream=True, **self._options(schema)
                )
                for chunk in chunks:
                    delta = chunk["choices"][0].get("delta", {}).get("content")
                    if delta:
                        yield delta
            except (ValueError, RuntimeError) as exc:
                raise BackendError(f"llama.cpp failed on {self.model}: {exc}") from exc
