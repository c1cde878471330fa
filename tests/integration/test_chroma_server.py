"""The same library on a real Chroma server (`chroma run` on loopback)."""

from __future__ import annotations

from pathlib import Path

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
