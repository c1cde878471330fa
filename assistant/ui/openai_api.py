"""The OpenAI chat-completions protocol, so any chat client can talk to the assistant.

``assistant serve`` answers ``GET /v1/models`` and ``POST /v1/chat/completions`` (streamed as
server-sent events with ``"stream": true``, or as one object), behind the same password as
the browser: a client sends ``name:password`` of a user (``assistant users add``) as its API
key (``Authorization: Bearer ...``), or with ``--auth user:password`` that password alone.
The last user message is the question; the earlier messages are the conversation it follows
("And what did he say about Ukraine?").

Citations travel twice: in the message, as a numbered "Sources" list a person can read, and in
an extra top-level field ``citations`` (the objects ``assistant ask --json`` prints, with the
exact quote and its offsets), beside ``refused`` and ``unsupported``. The official ``openai``
client shows extra fields as attributes (``completion.citations``); streamed, they come with
the last chunk.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

from index.errors import AssistantError, BackendUnavailable, StoreUnavailable

from ..api import Assistant
from ..chat import ChatSession, Turn
from ..models import Answer
from ..users import Access

__all__ = ["MODEL", "openai_app", "sources_text"]

MODEL = "news-assistant"


def sources_text(answer: Answer) -> str:
    """The "Sources" list appended to an answer's message: number, article, quote, offsets."""
    if answer.refused or not answer.citations:
        return ""
    lines = ["", "", "Sources:"]
    for c in answer.citations:
        when = c.published.isoformat() if c.published else "undated"
        outlet = f" — {c.source}" if c.source else ""
        lines.append(f"[{c.n}] {c.title or c.article_id}{outlet}, {when}. {c.url or c.article_id}")
        lines.append(f"    “{' '.join(c.quote.split())}” (characters {c.start}–{c.end})")
    return "\n".join(lines)


def _extra(answer: Answer) -> dict[str, Any]:
    data = answer.to_json()
    return {"citations": data["citations"], "refused": answer.refused, "unsupported": data["unsupported"]}


def _text(content: Any) -> str:
    """A message's text: a string, or the text parts of a list of content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            str(p.get("text", "")) for p in content if isinstance(p, dict) and p.get("type") == "text"
        )
    return ""


def _session(bot: Assistant, messages: list[dict[str, Any]]) -> tuple[ChatSession, str]:
    """The chat the messages make, and the question to answer (the last user message)."""
    turns = [(str(m.get("role")), _text(m.get("content"))) for m in messages if isinstance(m, dict)]
    turns = [(role, text) for role, text in turns if role in ("user", "assistant") and text.strip()]
    if not turns or turns[-1][0] != "user":
        raise ValueError("The last message must be the user's question.")
    history: list[Turn] = []
    asked: str | None = None
    for role, text in turns[:-1]:
        if role == "user":
            asked = text
        elif asked is not None:
            history.append(Turn(asked, asked, Answer(text=text, question=asked)))
            asked = None
    return ChatSession(bot.stream, bot.answerer.llm, history), turns[-1][1].strip()


def _error(status: int, message: str, kind: str, code: str | None = None) -> Any:
    return JSONResponse(
        {"error": {"message": message, "type": kind, "param": None, "code": code}}, status_code=status
    )


def _chunk(ident: str, created: int, delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
    body = {
        "id": ident,
        "object": "chat.completion.chunk",
        "created": created,
        "model": MODEL,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        **extra,
    }
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


def _stream(events: Iterator[str | Answer], ident: str, created: int) -> Iterator[str]:
    """Server-sent events: the text as written, then what checking changed, the sources and
    the citations; ``[DONE]`` last. An error mid-answer ends the stream with its message."""
    yield _chunk(ident, created, {"role": "assistant", "content": ""})
    written = []
    try:
        for event in events:
            if isinstance(event, str):
                written.append(event)
                yield _chunk(ident, created, {"content": event})
                continue
            tail = sources_text(event)
            if event.text.strip() != "".join(written).strip():  # the checker removed or withheld text
                tail = f"\n\nChecked against the articles:\n{event.text}{tail}"
            yield _chunk(ident, created, {"content": tail}, "stop", **_extra(event))
    except AssistantError as exc:
        yield _chunk(ident, created, {"content": f"\n\nError: {exc}"}, "stop")
    yield "data: [DONE]\n\n"


def _completion(bot: Assistant, body: dict[str, Any]) -> Any:
    """One chat completion: streamed as server-sent events, or one object."""
    try:
        session, question = _session(bot, list(body.get("messages") or []))
    except ValueError as exc:
        return _error(400, str(exc), "invalid_request_error")
    ident, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
    if body.get("stream"):
        events = _stream(session.stream(question), ident, created)
        return StreamingResponse(events, media_type="text/event-stream")
    try:
        answer = session.send(question)
    except (BackendUnavailable, StoreUnavailable) as exc:
        return _error(503, str(exc), "server_error")
    except AssistantError as exc:
        return _error(400, str(exc), "invalid_request_error")
    message = {"role": "assistant", "content": answer.text + sources_text(answer)}
    return {
        "id": ident,
        "object": "chat.completion",
        "created": created,
        "model": MODEL,
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        **_extra(answer),
    }


def openai_app(bot: Assistant, access: Access) -> FastAPI:
    """A FastAPI app with the two routes, to mount at ``/v1``."""
    api = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    def allowed(request: Request) -> bool:
        if not access.required:
            return True
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and access.api_key(given.strip())

    def refused() -> Any:
        return _error(
            401,
            "The API key is wrong or missing: send name:password of a user (`assistant users add`), "
            "or the password of `assistant serve --auth user:password`, as the API key.",
            "invalid_request_error",
            "invalid_api_key",
        )

    @api.get("/models")
    def models(request: Request) -> Any:
        if not allowed(request):
            return refused()
        return {
            "object": "list",
            "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "news-assistant"}],
        }

    @api.post("/chat/completions")
    def completions(request: Request, body: dict[str, Any]) -> Any:
        if not allowed(request):
            return refused()
        return _completion(bot, body)

    return api
