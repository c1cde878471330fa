"""Killing an ingest at random points, then running it again, gives exactly the library one
uninterrupted run gives; a second process ingesting at the same time is told the library is
busy. Real subprocesses, real on-disk Chroma (hash embedding to keep the runs short)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import Assistant, Settings


@pytest.fixture(scope="module")
def corpus(week_records: Path) -> Path:
    return week_records


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OPENAI_"))}
    env.update(HF_HUB_OFFLINE="1", ASSISTANT_EMBED__BACKEND="hash", TQDM_DISABLE="1")
    return env


def _ingest(data_dir: Path, corpus: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "assistant", "--data-dir", str(data_dir), "ingest", str(corpus)]
    return subprocess.Popen(cmd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _articles_so_far(data_dir: Path) -> int:
    try:
        with sqlite3.connect(f"file:{data_dir / 'catalog.sqlite3'}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _state(data_dir: Path) -> dict[str, object]:
    bot = Assistant.from_settings(Settings(data_dir=data_dir, embed={"backend": "hash"}))
    lib = bot.library
    got = lib.store.collection.get(include=["metadatas"])
    ids = got["ids"]
    keyword_ids = lib.keyword.chunk_ids(lib.catalog.generation())
    state = {
        "articles": {i.id: i.chunks for i in bot.articles()},
        "chunk_ids": sorted(ids),
        "stored": lib.store.chunk_counts(),
        "duplicates": len(ids) - len(set(ids)),
        "bm25": len(keyword_ids),
        "bm25_ids": sorted(keyword_ids),
    }
    bot.close()
    return state


def test_sigkill_at_random_points_then_rerun(tmp_path: Path, corpus: Path) -> None:
    reference = tmp_path / "reference"
    assert _ingest(reference, corpus).wait(timeout=600) == 0
    expected = _state(reference)

    crashed = tmp_path / "crashed"
    rng = random.Random(20261128)
    kills = 0
    for _ in range(3):
        target = rng.randint(10, 280)
        proc = _ingest(crashed, corpus)
        deadline = time.monotonic() + 300
        while proc.poll() is None and _articles_so_far(crashed) < target and time.monotonic() < deadline:
            time.sleep(0.05)
        if proc.poll() is None:
            time.sleep(rng.random() * 0.3)  # land anywhere: mid-embedding, mid-write, mid-commit
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
    assert kills >= 2
    final = _ingest(crashed, corpus)
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode()[-2000:]

    got = _state(crashed)
    assert got["duplicates"] == 0
    assert got["articles"] == expected["articles"]
    assert got["stored"] == got["articles"]  # no orphan or missing chunks
    assert got["chunk_ids"] == expected["chunk_ids"]
    assert got["bm25"] == len(got["chunk_ids"]) and got["bm25_ids"] == got["chunk_ids"]


def test_a_second_ingest_is_told_the_library_is_busy(tmp_path: Path, corpus: Path) -> None:
    first = _ingest(tmp_path / "lib", corpus)
    deadline = time.monotonic() + 120
    while _articles_so_far(tmp_path / "lib") < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    second = _ingest(tmp_path / "lib", corpus)
    _, err = second.communicate(timeout=120)
    assert first.wait(timeout=600) == 0
    assert second.returncode == 1
    assert "is busy: another process is ingesting into it" in err.decode()
    state = _state(tmp_path / "lib")
    assert state["stored"] == state["articles"] and state["duplicates"] == 0
