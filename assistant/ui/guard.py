"""What the served app adds to every HTTP exchange: login throttling, security headers, cookies.

``Guard`` is plain ASGI middleware around the whole app (Gradio included), so it sees every
request and response, streamed ones too, without buffering them:

- **Login throttling.** Each client address may fail ``free`` logins; after that, each further
  attempt must wait a delay that doubles with every failure (1 s, 2 s, 4 s, … at most
  ``max_delay`` seconds). An attempt made too early is answered 429 with ``Retry-After`` and
  a readable message, whatever the password, so guessing cannot continue at full speed. A
  successful login clears the address's record. Behind a reverse proxy every client shares
  the proxy's address: the throttle then protects the password, not a single user's access.
- **Headers** on every response: no framing by other sites (``X-Frame-Options`` and CSP
  ``frame-ancestors``), ``nosniff``, a same-origin referrer, and a content policy the app
  works under (scripts and styles from the app itself; no plugins; no foreign form targets).
- **Cookies** are ``SameSite=Lax`` (Gradio sets ``None``), so another site cannot make a
  logged-in browser send requests with them.
- **Files are downloads.** Files the app serves (uploads in the browser's file picker) are
  sent as attachments, never rendered inline.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["SECURITY_HEADERS", "Guard", "LoginThrottle"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# 'unsafe-inline'/'unsafe-eval' for scripts: Gradio's page boots from inline scripts and
# compiles the app's event handlers at run time. Everything else is the app's own origin.
CONTENT_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "content-security-policy": CONTENT_POLICY,
}
LOGIN_PATHS = ("/login", "/login/")
API_PATH = "/v1/"  # the OpenAI-compatible API (``openai_api``)
FILE_MARK = "/file="  # Gradio's file routes: /gradio_api/file=<path>
_TRACKED = 10_000  # addresses remembered at most; the oldest records go first


@dataclass
class _Record:
    failures: int = 0
    last: float = field(default_factory=time.monotonic)


class LoginThrottle:
    """Failed logins per client address, and how long each address must wait now."""

    def __init__(self, free: int = 5, max_delay: float = 300.0) -> None:
        self.free = free
        self.max_delay = max_delay
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    def wait(self, address: str, now: float | None = None) -> float:
        """Seconds ``address`` must still wait before its next attempt (0: it may try now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            record = self._records.get(address)
            if record is None or record.failures < self.free:
                return 0.0
            delay = min(self.max_delay, 2.0 ** (record.failures - self.free))
            return max(0.0, record.last + delay - now)

    def failed(self, address: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            record = self._records.setdefault(address, _Record())
            record.failures += 1
            record.last = now
            if len(self._records) > _TRACKED:
                oldest = min(self._records, key=lambda a: self._records[a].last)
                del self._records[oldest]

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._records.pop(address, None)


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _lax(cookie: bytes) -> bytes:
    """The same cookie with ``SameSite=Lax``, whatever it said before."""
    parts = [p for p in cookie.split(b";") if not p.strip().lower().startswith(b"samesite")]
    return b";".join([*parts, b" SameSite=Lax"])


class Guard:
    """ASGI middleware: throttles ``POST /login``; adds headers; makes cookies ``Lax``."""

    def __init__(self, app: ASGIApp, throttle: LoginThrottle | None = None) -> None:
        self.app = app
        self.throttle = throttle or LoginThrottle()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        login = scope.get("method") == "POST" and path.endswith(LOGIN_PATHS)
        api = path.startswith(API_PATH)  # an API key is a password too: wrong ones are throttled alike
        address = _client(scope)
        if (login or api) and (wait := self.throttle.wait(address)) > 0:
            await self._refuse(send, wait)
            return
        download = FILE_MARK in path

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self._headers(message.get("headers", []), download)
                status = int(message["status"])
                if (login or api) and status == 200:
                    self.throttle.succeeded(address)
                elif (login and 400 <= status < 500) or (api and status == 401):
                    self.throttle.failed(address)
            await send(message)

        await self.app(scope, receive, guarded)

    @staticmethod
    def _headers(headers: list[tuple[bytes, bytes]], download: bool) -> list[tuple[bytes, bytes]]:
        out = [
            (name, _lax(value) if name.lower() == b"set-cookie" else value)
            for name, value in headers
            if name.lower().decode() not in SECURITY_HEADERS
            and not (download and name.lower() == b"content-disposition")
        ]
        out += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
        if download:
            out.append((b"content-disposition", b"attachment"))
        return out

    async def _refuse(self, send: Send, wait: float) -> None:
        seconds = math.ceil(wait)
        body = json.dumps(
            {"detail": f"Too many failed logins from your address: try again in {seconds} s."}
        ).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(seconds).encode()),
        ]
        await send({"type": "http.response.start", "status": 429, "headers": self._headers(headers, False)})
        await send({"type": "http.response.body", "body": body})
