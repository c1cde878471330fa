"""The systems the answer benchmark compares, each behind one call: ``ask(question) -> Outcome``.

    ours(settings)          the assistant as configured (extractive, llama_cpp, openai_compatible)
    llama_server(path)      llama-cpp-python's OpenAI-compatible server on loopback, for the latter
    llamaindex(index, path) the pipeline a user would write: plain LlamaIndex ``CitationQueryEngine``
                            (top 2 of 1024/200 chunks) with the same GGUF through ``LlamaCPP``,
                            at the temperature ours uses

Every row streams, so the time to the first token (mostly reading the prompt, on a CPU) and the
rate of the tokens after it are measured the same way for all.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from assistant import Assistant, Query, Settings
from assistant.answer.generative import is_refusal


@dataclass
class Outcome:
    text: str
    refused: bool
    quotes: list[str]  # the cited text
    verified: list[bool]  # whether each cited text is the article's text at its offsets
    seconds: float
    first_token: float = 0.0
    tokens: int = 0  # pieces streamed (one token each for llama.cpp)
    context: str = ""  # the text the model was shown, when the row knows it
    checks: dict[str, int] = field(default_factory=dict)


class _Timed:
    """Wraps a chat model to time its first token and count what it streams."""

    def __init__(self, llm: Any) -> None:
        self.llm, self.name = llm, llm.name
        self.first, self.tokens = 0.0, 0

    def complete(self, messages: Any, schema: Any = None) -> str:
        return "".join(self.stream(messages, schema))

    def stream(self, messages: Any, schema: Any = None) -> Iterator[str]:
        started, self.first, self.tokens = time.perf_counter(), 0.0, 0
        for piece in self.llm.stream(messages, schema):
            if not self.tokens:
                self.first = time.perf_counter() - started
            self.tokens += 1
            yield piece


def ours(settings: Settings) -> tuple[Callable[[dict[str, str]], Outcome], Assistant]:
    bot = Assistant.from_settings(settings)
    timed = None
    if bot.answerer.llm is not None:
        timed = _Timed(bot.answerer.llm)
        bot.answerer.llm = timed  # type: ignore[attr-defined]

    def ask(q: dict[str, str]) -> Outcome:
        started = time.perf_counter()
        answer = bot.ask(Query(q["question"], as_of=date.fromisoformat(q["date"])))
        seconds = time.perf_counter() - started
        return Outcome(
            text=answer.text,
            refused=answer.refused,
            quotes=[c.quote for c in answer.citations],
            verified=[bot.article(c.article_id).text[c.start : c.end] == c.quote for c in answer.citations],
            seconds=seconds,
            first_token=timed.first if timed else 0.0,
            tokens=timed.tokens if timed else 0,
            checks=dict(answer.checks),
        )

    return ask, bot


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def llama_server(model_path: Path, context_tokens: int = 4096) -> Iterator[str]:
    """``python -m llama_cpp.server`` with ``model_path`` on a free loopback port; its /v1 URL."""
    port = _free_port()
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path), "--host", "127.0.0.1"]
    cmd += ["--port", str(port), "--n_ctx", str(context_tokens), "--model_alias", "local"]
    cmd += ["--n_threads", str(os.cpu_count() or 2)]  # as in process (its default is half the cores)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"llama_cpp.server did not start: {' '.join(cmd)}") from None
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _chatml(prompt: str) -> str:
    """Qwen's chat template, as the LlamaIndex docs tell a user to supply for a chat GGUF."""
    return f"<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n"


_SOURCE = re.compile(r"^Source \d+:\n", re.MULTILINE)
_MARK = re.compile(r"\[(\d+)\]")


def llamaindex(index: Any, model_path: Path, articles: list[str]) -> Callable[[dict[str, str]], Outcome]:
    """Plain LlamaIndex: ``CitationQueryEngine`` over the same GGUF, streaming."""
    from llama_index.core.query_engine import CitationQueryEngine
    from llama_index.llms.llama_cpp import LlamaCPP

    llm = LlamaCPP(
        model_path=str(model_path),
        temperature=Settings().llm.temperature,  # the same decoding as ours
        max_new_tokens=400,
        context_window=4096,
        completion_to_prompt=_chatml,
        messages_to_prompt=lambda messages: _chatml("\n".join(str(m.content) for m in messages)),
        model_kwargs={"n_threads": 2},
        verbose=False,
    )
    engine = CitationQueryEngine.from_args(index, llm=llm, similarity_top_k=2, streaming=True)

    def ask(q: dict[str, str]) -> Outcome:
        started = time.perf_counter()
        response = engine.query(q["question"])
        pieces, first = [], 0.0
        for piece in response.response_gen:
            if not pieces:
                first = time.perf_counter() - started
            pieces.append(piece)
        seconds = time.perf_counter() - started
        text = "".join(pieces).strip()
        nodes = [_SOURCE.sub("", n.node.get_content()) for n in response.source_nodes]
        cited = [nodes[int(m) - 1] for m in dict.fromkeys(_MARK.findall(text)) if 0 < int(m) <= len(nodes)]
        return Outcome(
            text=text,
            refused=is_refusal(text),
            quotes=cited,
            verified=[any(c.strip() in a for a in articles) for c in cited],
            seconds=seconds,
            first_token=first,
            tokens=len(pieces),
            context="\n".join(nodes),
        )

    return ask
