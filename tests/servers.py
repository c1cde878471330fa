"""Starting real servers for tests: a free loopback port, a readiness probe, a clean stop."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

__all__ = ["free_port", "http_ready", "ingest_record", "port_open", "run_server", "serve_assistant"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_open(port: int) -> Callable[[], bool]:
    def probe() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    return probe


def http_ready(url: str) -> Callable[[], bool]:
    def probe() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                return bool(reply.status == 200)
        except OSError:
            return False

    return probe


def run_server(
    cmd: Sequence[str],
    ready: Callable[[], bool],
    log_path: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``cmd`` until ``ready()``; yield the process; terminate it afterwards."""
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            list(cmd), env=dict(env) if env else None, stdout=log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + timeout
        while not ready():
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"{cmd[0]} did not start: {log_path.read_text()[-3000:]}")
            time.sleep(0.3)
        try:
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def _clean_env(**extra: str) -> dict[str, str]:
    """This environment without the caller's assistant settings or keys, offline."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OPENAI_"))}
    env.update(HF_HUB_OFFLINE="1", **extra)
    return env


def ingest_record(data_dir: Path, name: str, record: Mapping[str, str]) -> None:
    """Write one JSON article record and add it with `assistant ingest` in a new process."""
    path = data_dir / name
    path.write_text(json.dumps(dict(record)))
    cmd = [sys.executable, "-m", "assistant", "--data-dir", str(data_dir), "ingest", str(path)]
    subprocess.run(cmd, check=True, capture_output=True, env=_clean_env())


def cli_json(data_dir: Path, *args: str) -> Any:
    """`assistant ARGS` in a new process on the library ASSISTANT_DATA_DIR names; its JSON."""
    cmd = [sys.executable, "-m", "assistant", *args]
    env = _clean_env(ASSISTANT_DATA_DIR=str(data_dir))
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def serve_assistant(data_dir: Path, *args: str, **env_extra: str) -> Iterator[str]:
    """`assistant serve` on a free loopback port; yields its URL, stops it afterwards."""
    port = free_port()
    env = _clean_env(GRADIO_ANALYTICS_ENABLED="False", ASSISTANT_UI__MAX_UPLOAD_MB="1")
    env.update(env_extra)
    url = f"http://127.0.0.1:{port}/"
    cmd = [
        sys.executable,
        "-m",
        "assistant",
        "--data-dir",
        str(data_dir),
        "serve",
        "--port",
        str(port),
        *args,
    ]
    for _ in run_server(cmd, http_ready(url), data_dir / "serve.log", env):
        yield url
