"""The served app's guard: login throttling, security headers, Lax cookies, files as downloads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from assistant.ui.guard import Guard, LoginThrottle


def test_throttle_doubles_the_wait_after_the_free_attempts() -> None:
    throttle = LoginThrottle(free=3, max_delay=10)
    for _ in range(3):
        assert throttle.wait("10.0.0.1", now=0) == 0
        throttle.failed("10.0.0.1", now=0)
    assert throttle.wait("10.0.0.1", now=0) == 1  # 2 ** 0 s after the third failure
    throttle.failed("10.0.0.1", now=1)
    assert throttle.wait("10.0.0.1", now=1) == 2
    for _ in range(10):
        throttle.failed("10.0.0.1", now=1)
    assert throttle.wait("10.0.0.1", now=1) == 10  # capped
    assert throttle.wait("10.0.0.2", now=1) == 0  # per address
    throttle.succeeded("10.0.0.1")
    assert throttle.wait("10.0.0.1", now=1) == 0


def _app() -> Starlette:
    async def login(request: Request) -> Response:
        form = await request.form()
        if form.get("password") == "right-password":
            reply = JSONResponse({"success": True})
            reply.set_cookie("access-token", "t", httponly=True, samesite="none", secure=True)
            return reply
        return JSONResponse({"detail": "Incorrect credentials."}, status_code=400)

    async def upload(request: Request) -> Response:
        return PlainTextResponse("<script>1</script>", headers={"content-disposition": "inline"})

    return Starlette(
        routes=[Route("/login", login, methods=["POST"]), Route("/gradio_api/file={path:path}", upload)]
    )


def _client(free: int = 5) -> Any:
    return TestClient(Guard(_app(), LoginThrottle(free=free, max_delay=60)))


def test_twenty_wrong_logins_are_throttled_and_the_right_one_works_after_the_delay() -> None:
    client = _client()
    codes = [client.post("/login", data={"password": "wrong"}).status_code for _ in range(20)]
    assert codes[:5] == [400] * 5 and codes[5:] == [429] * 15
    early = client.post("/login", data={"password": "right-password"})
    assert early.status_code == 429  # the right password waits like any other attempt
    assert early.headers["retry-after"] == "1"
    assert "Too many failed logins" in early.json()["detail"]


def test_the_right_password_after_the_wait_logs_in_and_clears_the_record() -> None:
    throttle = LoginThrottle(free=2, max_delay=60)
    client = TestClient(Guard(_app(), throttle))
    for _ in range(2):
        client.post("/login", data={"password": "wrong"})
    assert throttle.wait("testclient") > 0
    throttle._records["testclient"].last -= 5  # as if the delay had passed
    assert client.post("/login", data={"password": "right-password"}).status_code == 200
    assert throttle.wait("testclient") == 0


def test_every_response_has_the_security_headers_and_lax_cookies() -> None:
    client = _client()
    reply = client.post("/login", data={"password": "right-password"})
    assert reply.headers["x-frame-options"] == "DENY"
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in reply.headers["content-security-policy"]
    cookie = reply.headers["set-cookie"]
    assert "samesite=lax" in cookie.lower() and "samesite=none" not in cookie.lower()
    refused = client.post("/login", data={"password": "wrong"})
    assert refused.headers["x-frame-options"] == "DENY"


def test_served_files_are_attachments_never_inline() -> None:
    reply = _client().get("/gradio_api/file=/tmp/uploads/note.txt")
    assert reply.headers["content-disposition"] == "attachment"
    assert reply.headers["x-content-type-options"] == "nosniff"


def test_wrong_api_keys_are_throttled_like_wrong_passwords(tmp_path: Path) -> None:
    from assistant.ui.openai_api import openai_app
    from assistant.users import Access, Users

    root = Starlette()
    access = Access(Users(tmp_path / "users.json"), ("ana", "right-password"))
    root.mount("/v1", openai_app(None, access))  # type: ignore[arg-type]
    client = TestClient(Guard(root, LoginThrottle(free=3, max_delay=60)))
    wrong = {"authorization": "Bearer guess"}
    first = client.get("/v1/models", headers=wrong)
    assert first.status_code == 401 and "API key is wrong" in first.json()["error"]["message"]
    codes = [client.get("/v1/models", headers=wrong).status_code for _ in range(4)]
    assert codes == [401, 401, 429, 429]
    right = client.get("/v1/models", headers={"authorization": "Bearer right-password"})
    assert right.status_code == 429  # the right key waits like any other attempt
