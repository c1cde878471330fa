"""The served app reads no files but its own, and a password really locks it."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import serve_assistant


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


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_assistant(tmp_path_factory.mktemp("ui-locked"), "--auth", "ana:s3cret-pass")


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
