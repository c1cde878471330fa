"""Reading each input format into articles, and per-input failures."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

from index.models import Article, IngestFailure
from index.read import canonical_url, iter_inputs


def _read(*paths: Path | str) -> tuple[list[Article], list[IngestFailure]]:
    items = [item for _, item in iter_inputs(paths)]
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestFailure)]


def test_text_file_title_is_first_nonempty_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("\n\n  Big headline  \n\nBody sentence one. Body two.\n", encoding="utf-8")
    (article,), failed = _read(path)
    assert not failed
    assert article.title == "Big headline"
    assert article.text == "Body sentence one. Body two."
    assert article.id.startswith("sha256:")


def test_markdown_heading_marker_is_stripped(corpus_dir: Path) -> None:
    (article,), _ = _read(corpus_dir / "nested" / "harbor.md")
    assert article.title == "Harbor expansion approved"


def test_html_extracts_text_and_metadata(corpus_dir: Path) -> None:
    (article,), failed = _read(corpus_dir / "rail.html")
    assert not failed
    assert article.title == "Rail strike ends after three weeks"
    assert article.published == date(2024, 3, 14)
    assert "Priya Nair" in article.authors
    assert article.url == "https://ledger.example.com/news/rail-strike-ends"
    assert article.id == article.url
    assert "seven percent" in article.text
    assert "Copyright Daily Ledger" not in article.text and "Home | World" not in article.text


def test_json_record_and_realtimeqa_search_results(corpus_dir: Path) -> None:
    (rates,), _ = _read(corpus_dir / "rates.json")
    assert rates.url == "https://news.example.org/economy/rates-steady"  # tracking removed
    assert rates.published == date(2025, 1, 9)
    assert rates.source == "news.example.org"
    assert rates.authors == ("Sam Lee",)
    (fire,), _ = _read(corpus_dir / "nested" / "feed.jsonl.gz")
    assert fire.title == "Wildfire contained near Alder Creek"
    assert fire.published == date(2024, 8, 2)


def test_directory_is_walked_recursively_and_other_files_ignored(corpus_dir: Path) -> None:
    articles, failed = _read(corpus_dir)
    assert not failed
    assert len(articles) == 5


def test_bad_inputs_fail_one_by_one(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Title\nA body sentence.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage" * 10)
    lines = tmp_path / "lines.jsonl"
    lines.write_text('{"title": "ok", "text": "Fine text."}\n{broken\n{"title": "no text"}\n')
    whole = gzip.compress(
        "".join(
            json.dumps({"title": f"part {i}", "text": f"Line {i} {i * 7919:x}."}) + "\n" for i in range(400)
        ).encode()
    )
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "sheet.xlsx").write_bytes(b"PK")
    articles, failed = _read(
        good,
        tmp_path / "empty.txt",
        tmp_path / "binary.txt",
        lines,
        tmp_path / "cut.jsonl.gz",
        tmp_path / "sheet.xlsx",
        tmp_path / "missing.txt",
    )
    assert sorted(a.title for a in articles if not a.title.startswith("part")) == ["Title", "ok"]
    reasons: dict[str, str] = {}
    for f in failed:
        name = Path(f.source.split(":")[0]).name
        reasons[name] = reasons.get(name, "") + f.reason + " | "
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "not valid JSON" in reasons["lines.jsonl"]
    assert any("no 'text'" in f.reason for f in failed)
    assert "end-of-stream" in reasons["cut.jsonl.gz"]
    assert "unsupported file type" in reasons["sheet.xlsx"]
    assert reasons["missing.txt"] == "no such file or directory | "
    assert any(f.source.endswith("lines.jsonl:2") for f in failed)  # the line number is given


def test_latin1_and_utf16_text_are_decoded(tmp_path: Path) -> None:
    (tmp_path / "l1.txt").write_bytes("Café owner speaks\nThe café reopened.".encode("latin-1"))
    (tmp_path / "u16.txt").write_bytes("Zürich vote\nVoters in Zürich approved it.".encode("utf-16"))
    articles, failed = _read(tmp_path / "l1.txt", tmp_path / "u16.txt")
    assert not failed
    assert {a.title for a in articles} == {"Café owner speaks", "Zürich vote"}


def test_canonical_url_is_stable() -> None:
    assert (
        canonical_url("HTTPS://WWW.Example.com/a/b/?utm_medium=x&id=3#top")
        == "https://www.example.com/a/b?id=3"
    )
    assert canonical_url("not a url") is None
    assert json.dumps(canonical_url("https://x.org")) == '"https://x.org/"'
