"""Real components: the all-MiniLM-L6-v2 model, Chroma on disk, and a `chroma run` server.

The corpus is the seed article plus the real news articles of the first RealTime QA week,
read from ../shared/data at run time (never copied into the repository).
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import free_port, port_open, run_server

from assistant import Assistant, Settings

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
WEEK = SHARED / "realtimeqa" / "20250103_gcs.jsonl.gz"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "integration" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def news_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article and one week of real search-result articles, as files to ingest."""
    if not WEEK.exists():
        pytest.fail(f"missing shared data: {WEEK}")
    root = tmp_path_factory.mktemp("news")
    shutil.copy(SHARED / "seed" / "000_2b0fe4645fc6f911.txt", root / "seed.txt")
    with (
        gzip.open(WEEK, "rt", encoding="utf-8") as src,
        open(root / "week.jsonl", "w", encoding="utf-8") as dst,
    ):
        for line in src:
            for record in json.loads(line)["search_result"]:
                record["text"] = (record.get("text") or "")[:6000]  # keeps the suite's embedding time low
                dst.write(json.dumps(record) + "\n")
    return root


@pytest.fixture(scope="session")
def real_library(tmp_path_factory: pytest.TempPathFactory, news_corpus: Path) -> Path:
    """A library built once with the real model; tests open their own Assistant on it."""
    data_dir = tmp_path_factory.mktemp("real-lib")
    bot = Assistant.from_settings(Settings(data_dir=data_dir))
    report = bot.ingest([news_corpus])
    bot.close()
    assert len(report.added) > 50, report.to_json()
    return data_dir


@pytest.fixture
def real_assistant(real_library: Path) -> Iterator[Assistant]:
    bot = Assistant.from_settings(Settings(data_dir=real_library))
    yield bot
    bot.close()


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    """A real Chroma server (`chroma run`) on loopback, stopped after the test."""
    chroma = shutil.which("chroma") or str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "chroma")
    port = free_port()
    cmd = [
        chroma,
        "run",
        "--path",
        str(tmp_path / "chroma-server"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    for _ in run_server(cmd, port_open(port), tmp_path / "chroma.log", timeout=60):
        yield "127.0.0.1", port


@pytest.fixture(scope="module")
def week_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 300 real articles (three RealTime QA weeks, texts cut to 3,000 characters to keep
    the runs quick), one JSON record per line."""
    path = tmp_path_factory.mktemp("weeks") / "articles.jsonl"
    seen = set()
    with open(path, "w", encoding="utf-8") as out:
        for week in sorted((SHARED / "realtimeqa").glob("*_gcs.jsonl.gz"))[:3]:
            with gzip.open(week, "rt", encoding="utf-8") as fh:
                for line in fh:
                    for record in json.loads(line)["search_result"]:
                        if record.get("url") in seen or not (record.get("text") or "").strip():
                            continue
                        seen.add(record.get("url"))
                        record["text"] = record["text"][:3000]
                        out.write(json.dumps(record) + "\n")
    assert len(seen) >= 300
    return path
