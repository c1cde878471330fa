"""Near-duplicate wire stories: one canonical copy stored, the other outlets recorded.

The stories are real articles from ../shared/data (read at run time); the republished copies
are made here the way outlets do it: new headline, their own boilerplate, a trimmed ending,
a few words changed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from index.duplicates import signature, similarity

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"  # ../shared beside the repo

BOILERPLATE = (
    "Sign up for the Morning Wire newsletter to get the top stories delivered to your inbox.\n"
    "This story was provided by a news agency and has been edited for length.\n"
)


def _real_articles(n: int) -> list[dict[str, str]]:
    """``n`` long, distinct real articles from the first RealTime QA week."""
    path = sorted((SHARED / "realtimeqa").glob("*_gcs.jsonl.gz"))[0]
    out: dict[str, dict[str, str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            for r in json.loads(line)["search_result"]:
                text = r.get("text") or ""
                if 3000 < len(text) < 20000 and r["url"] not in out and "cookie" not in text.lower():
                    out[r["url"]] = {**r, "url": r["url"].rstrip("/")}  # stored URLs are canonical
    picked = list(out.values())[:: max(1, len(out) // n)][:n]
    assert len(picked) == n
    return picked


def _republished(record: dict[str, str], outlet: str) -> dict[str, str]:
    paragraphs = [p for p in record["text"].split("\n") if p.strip()]
    body = "\n".join(paragraphs[:-1]).replace(" said ", " says ", 3)
    return {
        "title": f"{record.get('title') or 'Story'} | {outlet}",
        "text": BOILERPLATE + body,
        "url": f"https://{outlet}/wire/{hashlib.sha1(record['url'].encode()).hexdigest()[:12]}",
        "publish_date": record.get("publish_date") or "",
    }


@pytest.fixture
def wire(tmp_path: Path) -> tuple[Path, list[dict[str, str]]]:
    story, other = _real_articles(2)
    copy = _republished(story, "dailyherald.example.com")
    folder = tmp_path / "wire"
    folder.mkdir()
    for name, record in (("a-story", story), ("b-other", other), ("c-copy", copy)):
        (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    return folder, [story, other, copy]


def test_signatures_tell_copies_from_other_stories(wire: tuple[Path, list[dict[str, str]]]) -> None:
    _, (story, other, copy) = wire
    a, b, c = (signature(r["text"]) for r in (story, other, copy))
    assert a is not None and b is not None and c is not None
    assert similarity(a, c) >= 0.6
    assert similarity(a, b) < 0.2
    assert signature("Too short to judge: a caption.") is None


def test_ingest_keeps_one_copy_and_records_the_other_outlet(
    fast_assistant: object, wire: tuple[Path, list[dict[str, str]]]
) -> None:
    folder, (story, other, copy) = wire
    bot = fast_assistant
    report = bot.ingest([folder])  # type: ignore[attr-defined]
    assert len(report.added) == 2 and report.failed == []
    assert [d.url for d in report.duplicates] == [copy["url"]]
    assert report.duplicates[0].similarity >= 0.6

    infos = {i.url: i for i in bot.articles()}  # type: ignore[attr-defined]
    assert set(infos) == {story["url"], other["url"]}
    recorded = infos[story["url"]].duplicates
    assert [(d.url, d.source) for d in recorded] == [(copy["url"], "dailyherald.example.com")]
    assert infos[other["url"]].duplicates == ()
    (one,) = bot.articles([infos[story["url"]].id])  # type: ignore[attr-defined]
    assert one == infos[story["url"]]  # one article's listing (the reader's), copies included

    # Answers cite the story once: no passage of the copy can be retrieved.
    passages = bot.retrieve(story["title"], top_k=10)  # type: ignore[attr-defined]
    assert {p.url for p in passages} <= {story["url"], other["url"]}

    # Ingesting again changes nothing: the copy is known, not re-checked or embedded.
    again = bot.ingest([folder])  # type: ignore[attr-defined]
    assert again.added == [] and again.duplicates == [] and len(again.skipped) == 3

    # Removing the canonical article removes what was recorded against it.
    bot.remove(infos[story["url"]].id)  # type: ignore[attr-defined]
    assert all(i.duplicates == () for i in bot.articles())  # type: ignore[attr-defined]


def test_threshold_one_keeps_every_copy(tmp_path: Path, wire: tuple[Path, list[dict[str, str]]]) -> None:
    from assistant import Assistant, Settings

    folder, _ = wire
    settings = Settings(
        data_dir=tmp_path / "all", embed={"backend": "hash"}, retrieval={"duplicate_threshold": 1.0}
    )
    bot = Assistant.from_settings(settings)
    try:
        report = bot.ingest([folder])
        assert len(report.added) == 3 and report.duplicates == []
    finally:
        bot.close()


def test_cli_reports_and_shows_duplicates(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    wire: tuple[Path, list[dict[str, str]]],
) -> None:
    from assistant.cli import run

    monkeypatch.setenv("ASSISTANT_EMBED__BACKEND", "hash")
    folder, (story, _, copy) = wire
    lib = str(tmp_path / "lib")
    assert run(["--data-dir", lib, "ingest", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "near-duplicates 1" in out and copy["url"] in out
    run(["--data-dir", lib, "list", "--json"])
    listed = {i["url"]: i for i in json.loads(capsys.readouterr().out)}
    assert [d["url"] for d in listed[story["url"]]["duplicates"]] == [copy["url"]]
    run(["--data-dir", lib, "show", listed[story["url"]]["id"]])
    assert "Also published: dailyherald.example.com" in capsys.readouterr().out
