"""The served app reads no files but its own, a password really locks it, guessing one is
throttled, nothing of the library shows before login, and every response carries the
security headers and Lax cookies."""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest
from servers import ingest_record, serve_assistant


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status, reply.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


@pytest.mark.parametrize(
    "path",
    ["gradio_api/file=/etc/passwd", "file=/etc/passwd", "gradio_api/file=../../../../etc/passwd"],
)
def test_no_arbitrary_file_reads(server: str, ui_dir: Path, path: str) -> None:
    status, body = _get(server + path)
    assert status != 200 or "root:" not in body
    status, body = _get(server + f"gradio_api/file={ui_dir / 'catalog.sqlite3'}")
    assert status != 200 or "SQLite" not in body


OUTLET = "Lighthouse Ledger"
TITLE = "Harbor council approves ferry plan"


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A password-locked app over a library of one article, by an outlet with a telling name."""
    data_dir = tmp_path_factory.mktemp("ui-locked")
    text = "The harbor council approved the ferry plan on Tuesday, officials said."
    ingest_record(data_dir, "harbor.json", {"title": TITLE, "source": OUTLET, "text": text})
    yield from serve_assistant(data_dir, "--auth", "ana:s3cret-pass")


def _post(url: str, form: dict[str, str]) -> tuple[int, Message, str]:
    request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode())
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.headers, reply.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode()


def test_auth_is_enforced(locked: str) -> None:
    status, _ = _get(locked + "config")
    assert status == 401
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    bad = urllib.parse.urlencode({"username": "ana", "password": "wrong"}).encode()
    with pytest.raises(urllib.error.HTTPError):
        opener.open(locked + "login", data=bad, timeout=10)
    good = urllib.parse.urlencode({"username": "ana", "password": "s3cret-pass"}).encode()
    assert opener.open(locked + "login", data=good, timeout=10).status == 200
    with opener.open(locked + "config", timeout=10) as reply:
        assert reply.status == 200


def test_nothing_of_the_library_before_login(locked: str) -> None:
    for path in ("", "config", "info", "gradio_api/info", "login"):
        _, body = _get(locked + path)
        assert OUTLET not in body and TITLE not in body, path


def test_wrong_logins_are_throttled_and_the_right_one_works_after_the_delay(locked: str) -> None:
    wrong = {"username": "ana", "password": "not-the-password"}
    codes = [_post(locked + "login", wrong)[0] for _ in range(20)]
    assert codes[:5] == [400] * 5, codes  # five free attempts (ui.login_free_attempts)
    assert codes.count(429) >= 14, codes
    right = {"username": "ana", "password": "s3cret-pass"}
    status, headers, body = _post(locked + "login", right)
    assert status == 429 and "Too many failed logins" in body
    time.sleep(int(headers["Retry-After"]) + 0.2)
    status, headers, _ = _post(locked + "login", right)
    assert status == 200
    cookies = headers.get_all("Set-Cookie") or []
    assert cookies and all("SameSite=Lax" in c for c in cookies), cookies


def test_every_response_has_the_security_headers(locked: str, server: str) -> None:
    for url in (locked, locked + "config", server, server + "config", server + "theme.css"):
        try:
            reply = urllib.request.urlopen(url, timeout=10)
        except urllib.error.HTTPError as exc:
            reply = exc
        with reply:
            assert reply.headers["X-Frame-Options"] == "DENY", url
            assert reply.headers["X-Content-Type-Options"] == "nosniff", url
            assert "frame-ancestors 'none'" in reply.headers["Content-Security-Policy"], url
