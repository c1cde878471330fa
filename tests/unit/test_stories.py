"""Digest, timeline and compare on a small story told by several outlets (written for the tests).

A dock strike runs over a week in three outlets; one wire sentence is carried word for word
by two of them, the outlets disagree on a number and on who said a quotation, and an older
article reported the strike threat. Hash embedding: fast, and words decide relevance.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from story import ARTICLES, TOPIC, WIRE

from assistant import Assistant, AssistantError, Query, Settings
from assistant.cli import main


@pytest.fixture(scope="module")
def story_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("story")
    files = []
    for n, record in enumerate(ARTICLES):
        files.append(root / f"a{n}.json")
        files[-1].write_text(json.dumps(record), encoding="utf-8")
    bot = Assistant.from_settings(Settings(data_dir=root / "lib", embed={"backend": "hash"}))
    report = bot.ingest(files)
    bot.close()
    assert report.ok and len(report.added) == len(ARTICLES) and not report.duplicates
    return root / "lib"


@pytest.fixture
def bot(story_library: Path) -> Iterator[Assistant]:
    assistant = Assistant.from_settings(Settings(data_dir=story_library, embed={"backend": "hash"}))
    yield assistant
    assistant.close()


def _exact(bot: Assistant, citation: object) -> None:
    text = bot.article(citation.article_id).text  # type: ignore[attr-defined]
    assert text[citation.start : citation.end] == citation.quote  # type: ignore[attr-defined]


def test_digest_folds_the_wire_copy_and_names_the_other_outlet(bot: Assistant) -> None:
    story = bot.digest(TOPIC, since=date(2025, 3, 1), until=date(2025, 3, 7))
    assert 0 < len(story.items) <= 8
    for item in story.items:
        _exact(bot, item.citation)
        assert item.citation.published is not None and item.citation.published >= date(2025, 3, 1)
    wire = [i for i in story.items if i.citation.quote == WIRE]
    assert len(wire) == 1, "the same wire sentence must be one item"
    assert wire[0].citation.source == "Port Gazette"  # the earliest report leads
    assert [o.source for o in wire[0].also] == ["Coast Times"]
    published = [i.citation.published for i in story.items]
    assert published == sorted(published)  # told in the order it was reported
    assert all("interest rate" not in i.citation.quote for i in story.items)
    assert len(bot.digest(TOPIC, limit=2).items) == 2


def test_new_since_keeps_only_what_was_not_reported_before(bot: Assistant) -> None:
    story = bot.digest(TOPIC, new_since=date(2025, 3, 5))
    assert story.items
    assert all(i.citation.source == "Harbor Daily" for i in story.items)
    assert not any(i.citation.quote == WIRE for i in story.items)
    everything = bot.digest(TOPIC, until=date(2025, 3, 4))
    assert any("threatened a strike" in i.citation.quote for i in everything.items)


def test_timeline_orders_events_by_the_day_they_happened(bot: Assistant) -> None:
    story = bot.timeline(TOPIC, since=date(2025, 2, 1))
    keys = [(i.event.day if i.event else i.citation.published) for i in story.items]
    assert keys == sorted(keys)  # type: ignore[type-var]
    by_quote = {i.citation.quote: i for i in story.items}
    threat = next(i for q, i in by_quote.items() if "threatened a strike" in q)
    assert threat.event is not None and threat.event.day == date(2025, 2, 18)  # "on Tuesday" of Feb 20
    talks = next(i for q, i in by_quote.items() if q.startswith("Talks between"))
    assert talks.event is not None and talks.event.day == date(2025, 3, 5)  # Wednesday, story of Thursday
    mediator = next((i for q, i in by_quote.items() if "mediator" in q), None)
    if mediator is not None:  # "will join ... next Monday" looks ahead
        assert mediator.event is not None and mediator.event.day == date(2025, 3, 10)
    wire = by_quote[WIRE]
    assert wire.event is not None and wire.event.day == date(2025, 3, 3)
    assert [o.source for o in wire.also] == ["Coast Times"]  # one event, both outlets
    row = wire.to_json()
    assert row["event_date"] == "2025-03-03" and row["date_phrase"] == "on Monday"
    assert row["citation"]["published"] == "2025-03-03"  # type: ignore[index]


def test_compare_finds_the_number_and_the_attribution_they_disagree_on(bot: Assistant) -> None:
    found = bot.compare(TOPIC, since=date(2025, 3, 1))
    numbers = [d for d in found.differences if d.kind == "number"]
    assert any(set(d.values) == {"1,200 members", "1,500 members"} for d in numbers), found.to_json()
    number = next(d for d in numbers if "1,200 members" in d.values)
    assert {s.citation.source for s in number.sides} == {"Port Gazette", "Coast Times"}
    quoted = [d for d in found.differences if d.kind == "attribution"]
    assert quoted and set(quoted[0].values) == {"Mara Quist", "Leo Brandt"}
    for group in (found.differences, found.agreements, found.only):
        for difference in group:
            for side in difference.sides:
                _exact(bot, side.citation)
    assert {"Port Gazette", "Coast Times", "Harbor Daily"} <= set(found.sources)


def test_what_happened_questions_are_answered_with_a_digest(bot: Assistant) -> None:
    answer = bot.ask(Query("What happened with the Northport dock strike this week?", as_of=date(2025, 3, 7)))
    assert not answer.refused and answer.backend.endswith("(digest)")
    assert WIRE in answer.text and "(also: 1 outlet (Coast Times))" in answer.text
    for citation in answer.citations:
        _exact(bot, citation)
        assert citation.published is not None and citation.published >= date(2025, 3, 1)  # this week
    assert f"[{answer.citations[0].n}]" in answer.text
    # A named time is a preference: when nothing of that week reports on it, all dates do, and it says so.
    later = bot.ask(Query("What happened with the Northport dock strike this week?", as_of=date(2025, 6, 6)))
    assert not later.refused and later.text.startswith("Nothing published 'this week'")
    assert WIRE in later.text
    fact = bot.ask(Query("How many members joined the Northport dock strike?", as_of=date(2025, 3, 7)))
    assert "(digest)" not in fact.backend


def test_a_span_that_ends_before_it_starts_is_refused(bot: Assistant) -> None:
    with pytest.raises(AssistantError, match="after --until"):
        bot.digest(TOPIC, since=date(2025, 3, 7), until=date(2025, 3, 1))
    empty = bot.digest(TOPIC, since=date(2030, 1, 1))
    assert empty.items == () and "No article in the span" in empty.note


def test_story_commands_print_json(
    story_library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_EMBED__BACKEND", "hash")
    for command in ("digest", "timeline", "compare"):
        with pytest.raises(SystemExit) as exit_info:
            main(["--data-dir", str(story_library), command, TOPIC, "--since", "2025-03-01", "--json"])
        assert exit_info.value.code in (0, None)
        out = json.loads(capsys.readouterr().out)
        assert out["kind"] == command and out["topic"] == TOPIC and out["since"] == "2025-03-01"
        if command == "compare":
            assert {"differences", "agreements", "only", "sources"} <= set(out)
        else:
            assert out["items"] and {"text", "citation", "also"} <= set(out["items"][0])
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "--data-dir",
                str(story_library),
                "digest",
                TOPIC,
                "--since",
                "2025-03-09",
                "--until",
                "2025-03-01",
            ]
        )
    assert exit_info.value.code == 1
    assert "after --until" in capsys.readouterr().err


def test_a_written_summary_is_checked_like_an_answer(story_library: Path, tmp_path: Path) -> None:
    """With a model configured the digest also gets a summary; every sentence is checked: one
    the chosen sentences support keeps its citation, a changed figure is flagged."""
    import shutil

    from scripted import fake

    shutil.copytree(story_library, tmp_path / "lib")
    llm = {"backend": "fake", "structured": False}
    bot = Assistant.from_settings(Settings(data_dir=tmp_path / "lib", embed={"backend": "hash"}, llm=llm))
    try:
        plain = bot.digest(TOPIC, since=date(2025, 3, 1), until=date(2025, 3, 7))
        wire_n = next(n for n, i in enumerate(plain.items, start=1) if i.citation.quote == WIRE)
        fake(bot).enqueue(
            f"Dock workers at Northport walked off the job on Monday, halting cargo traffic [{wire_n}]. "
            f"The port authority offered dock workers a raise of sixteen percent [{wire_n}]."
        )
        story = bot.digest(TOPIC, since=date(2025, 3, 1), until=date(2025, 3, 7))
        _, user = fake(bot).history[-1]
        assert user["content"].count("</passage>") == len(story.items)  # the chosen sentences, fenced
        summary = story.summary
        assert summary is not None and summary.citations
        for citation in summary.citations:
            _exact(bot, citation)
        assert any(c.quote == WIRE for c in summary.citations)
        assert any("sixteen percent" in s for s in summary.unsupported)
        assert story.to_json()["summary"]["unsupported"]  # type: ignore[index]
        # In chat, the checked summary is the answer; its flagged sentence is listed as such.
        fake(bot).enqueue(f"Dock workers at Northport walked off the job on Monday [{wire_n}].")
        answer = bot.ask(
            Query("What happened with the Northport dock strike this week?", as_of=date(2025, 3, 7))
        )
        assert not answer.refused and answer.citations and answer.citations[0].quote == WIRE
    finally:
        bot.close()
