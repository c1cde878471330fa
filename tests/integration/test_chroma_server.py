"""The same library on a real Chroma server (`chroma run` on loopback)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from assistant import Assistant, Settings


def test_ingest_ask_remove_against_a_chroma_server(
    chroma_server: tuple[str, int], tmp_path: Path, seed_path: Path, corpus_dir: Path
) -> None:
    host, port = chroma_server
    settings = Settings(data_dir=tmp_path / "lib", store={"chroma_host": host, "chroma_port": port})
    bot = Assistant.from_settings(settings)
    assert not (tmp_path / "lib" / "chroma").exists()  # nothing embedded locally
    report = bot.ingest([seed_path, corpus_dir])
    assert len(report.added) == 6
    assert bot.status()["store"] == f"chroma server {host}:{port}"

    answer = bot.ask("What did Muraviev say about power balance?")
    cite = answer.citations[0]
    assert "power balance" in cite.quote
    assert bot.article(cite.article_id).text[cite.start : cite.end] == cite.quote

    bot.remove(cite.article_id)
    assert bot.library.store.count() == sum(i.chunks for i in bot.articles())
    assert bot.ask("What did Muraviev say about power balance?").refused
    bot.close()

    again = Assistant.from_settings(settings)  # a new process sees the server's state
    assert len(again.articles()) == 5
    again.close()


def test_chroma_server_restart_gives_a_clear_error_then_recovers(tmp_path: Path, seed_path: Path) -> None:
    from servers import free_port, port_open, run_server

    from assistant import StoreUnavailable

    chroma = shutil.which("chroma") or str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "chroma")
    port = free_port()
    cmd = [chroma, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)]
    settings = Settings(data_dir=tmp_path / "lib", store={"chroma_host": "127.0.0.1", "chroma_port": port})
    question = "What did Muraviev say about power balance?"

    first = run_server(cmd, port_open(port), tmp_path / "chroma-1.log", timeout=60)
    next(first)
    bot = Assistant.from_settings(settings)
    bot.ingest([seed_path])
    assert not bot.ask(question).refused
    first.close()  # the server goes away mid-session

    gone = f"Chroma server at 127.0.0.1:{port}.*Is the Chroma server running"
    with pytest.raises(StoreUnavailable, match=gone):
        bot.ask(question)
    time.sleep(1.1)  # past the once-a-second check for other app servers' writes: it reads the server too
    with pytest.raises(StoreUnavailable, match=gone):
        bot.ask(question)

    second = run_server(cmd, port_open(port), tmp_path / "chroma-2.log", timeout=60)
    next(second)  # back, same data
    answer = bot.ask(question)
    assert "power balance" in answer.citations[0].quote
    bot.close()
    second.close()
