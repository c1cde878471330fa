"""A local server that speaks the OpenAI chat-completions and embeddings protocol, for tests.

Replies come from a script (``enqueue``); faults can be injected per request: HTTP 500 or 429,
a slow reply, malformed JSON, or a stream that stops half way. Every request is recorded.
``formats``: the ``response_format`` types it takes (others get HTTP 400, as real servers
answer); None takes the field and ignores it, as servers without structured output do.
Listens on 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["StubOpenAI"]


class StubOpenAI:
    def __init__(self) -> None:
        self.script: deque[tuple[str, str]] = deque()
        self.requests: list[dict[str, Any]] = []
        self.default = "ok"
        self.formats: set[str] | None = None
        self.refusal_status = 400  # llama-cpp-python's server refuses a format with HTTP 500
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def handle(self) -> None:
                # The client gives up on a stream in fault tests: expected.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    super().handle()

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                stub.requests.append(
                    {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
                )
                if self.path.endswith("/embeddings"):
                    return self._embeddings(body)
                wanted = body.get("response_format", {}).get("type", "text")
                if stub.formats is not None and wanted not in stub.formats | {"text"}:
                    message = f"response_format {wanted!r} is not supported"
                    error = {"message": message, "type": "invalid_request_error"}
                    return self._send(stub.refusal_status, {"error": error})
                kind, text = stub.script.popleft() if stub.script else (stub.default, "Nothing scripted.")
                if kind in ("500", "429"):
                    return self._send(int(kind), {"error": {"message": "injected", "type": "server_error"}})
                if kind == "slow":
                    time.sleep(float(text))
                    kind, text = "ok", "Late reply."
                if kind == "malformed" and body.get("stream"):
                    return self._raw(200, b'data: {"choices": [ {"delta": \n\n', "text/event-stream")
                if kind == "malformed":
                    return self._raw(200, b'{"choices": [ {"message": ', "application/json")
                if body.get("stream"):
                    return self._stream(text, drop=kind == "drop")
                return self._send(200, _completion(text))

            def _embeddings(self, body: dict[str, Any]) -> None:
                inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
                data = [
                    {"object": "embedding", "index": i, "embedding": _vector(t)} for i, t in enumerate(inputs)
                ]
                self._send(
                    200,
                    {
                        "object": "list",
                        "data": data,
                        "model": body.get("model", "stub"),
                        "usage": {"prompt_tokens": 1, "total_tokens": 1},
                    },
                )

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                self._raw(status, json.dumps(payload).encode(), "application/json")

            def _raw(self, status: int, data: bytes, ctype: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, text: str, drop: bool) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                words = text.split(" ")
                for i, word in enumerate(words):
                    piece = word if i == 0 else " " + word
                    self.wfile.write(f"data: {json.dumps(_chunk(piece, None))}\n\n".encode())
                    self.wfile.flush()
                    if drop and i >= len(words) // 2:
                        self.close_connection = True
                        return
                    time.sleep(0.01)
                self.wfile.write(f"data: {json.dumps(_chunk('', 'stop'))}\n\ndata: [DONE]\n\n".encode())
                self.close_connection = True

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def enqueue(self, kind: str, text: str = "") -> None:
        self.script.append((kind, text))

    def chat_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"].endswith("/chat/completions")]

    def __enter__(self) -> StubOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _completion(text: str) -> dict[str, Any]:
    return {
        "id": "stub-1",
        "object": "chat.completion",
        "created": 0,
        "model": "stub",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(piece: str, finish: str | None) -> dict[str, Any]:
    delta = {"content": piece} if piece else {}
    return {
        "id": "stub-1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "stub",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _vector(text: str) -> list[float]:
    digest = hashlib.sha256(text.encode()).digest()
    return [b / 255.0 for b in digest[:16]]
