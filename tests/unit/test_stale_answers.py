"""Answers told only by reporting years older than the question are withheld, saying when.

A news question asks about the news of its day: "which city's gallery reopened?" asked in 2025
is not answered by a 2016 reopening. Unless the question names a time ("in 2016", "the 2016
reopening"), its filters do, or the library itself is an archive that ends in 2016.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from assistant import Query
from assistant.answer import check_age
from assistant.models import Answer, Citation
from index.store import Filters

NOW = date(2025, 2, 1)
QUESTION = "Which curator led the reopening of the Harbour Gallery?"


def _articles(folder: Path, *, recent: bool = True) -> Path:
    folder.mkdir(parents=True)
    records = [
        {
            "title": "Harbour Gallery reopens",
            "text": "The curator Anna Berg led the reopening of the Harbour Gallery after two years of "
            "repairs. Visitors queued along the quay on the first morning.",
            "url": "https://arts.example.com/harbour-gallery-reopens",
            "publish_date": "2016/03/04",
        }
    ]
    if recent:
        records.append(
            {
                "title": "Tram line extended",
                "text": "The city extended its tram line to the airport on Monday. Trams will run "
                "every ten minutes.",
                "url": "https://city.example.com/tram-line",
                "publish_date": "2025/01/28",
            }
        )
    (folder / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return folder


def test_an_answer_only_years_old_reporting_gives_is_withheld(fast_assistant: object, tmp_path: Path) -> None:
    bot = fast_assistant
    bot.ingest([_articles(tmp_path / "news")])  # type: ignore[attr-defined]

    stale = bot.ask(Query(QUESTION, as_of=NOW))  # type: ignore[attr-defined]
    assert stale.refused and not stale.citations
    assert stale.text == (
        "The newest article that answers this is of 2016-03-04, 8 years before the library's latest "
        "news (2025-01-28): it tells an earlier story. Ask about that time (“in 2016”) to be "
        "answered from it."
    )
    # What was withheld is still shown, flagged with the reason.
    assert any("Anna Berg" in s and r == stale.text for s, r in stale.flagged())

    # Naming the time, its year, a date range or the article: then the old report is what was asked.
    asked = [
        Query(QUESTION.replace("?", " in 2016?"), as_of=NOW),
        Query("Which curator led the 2016 reopening of the Harbour Gallery?", as_of=NOW),
        Query(QUESTION, as_of=NOW, filters=Filters(since=date(2016, 1, 1))),
    ]
    for query in asked:
        answer = bot.ask(query)  # type: ignore[attr-defined]
        assert not answer.refused, query
        assert "Anna Berg" in answer.citations[0].quote

    # Switched off, any age answers.
    bot.settings.retrieval.stale_after_days = 0  # type: ignore[attr-defined]
    assert not bot.ask(Query(QUESTION, as_of=NOW)).refused  # type: ignore[attr-defined]


def test_an_archive_is_not_stale_against_the_calendar(fast_assistant: object, tmp_path: Path) -> None:
    """A library of 2016 asked today: its age counts from its own newest article."""
    bot = fast_assistant
    bot.ingest([_articles(tmp_path / "archive", recent=False)])  # type: ignore[attr-defined]
    answer = bot.ask(QUESTION)  # type: ignore[attr-defined]
    assert not answer.refused
    assert "Anna Berg" in answer.citations[0].quote
    assert bot.library.newest(date(2016, 3, 3)) is None  # type: ignore[attr-defined]
    assert bot.library.newest(NOW) == date(2016, 3, 4)  # type: ignore[attr-defined]


def _cited(*published: date | None) -> Answer:
    citations = tuple(
        Citation(n, f"a{n}", f"Title {n}", None, day, "source", "A quoted sentence.", 0, 18, 1.0)
        for n, day in enumerate(published, 1)
    )
    return Answer(text="A quoted sentence. [1]", citations=citations, question="q", backend="extractive")


def test_one_recent_or_undated_citation_keeps_the_answer() -> None:
    old, recent = date(2019, 5, 1), date(2024, 12, 1)
    assert check_age(_cited(old), NOW, 1461).refused
    assert not check_age(_cited(old, recent), NOW, 1461).refused
    assert not check_age(_cited(old, None), NOW, 1461).refused  # an undated one may be recent
    assert not check_age(_cited(old), None, 1461).refused  # the question named its time
    assert not check_age(_cited(old), NOW, 0).refused
    last_year = check_age(_cited(date(2024, 1, 1)), NOW, 365)  # under two years: told in days
    assert last_year.text.startswith("The newest article that answers this is of 2024-01-01, 397 days before")
    refused = replace(_cited(old), refused=True, text="No.")
    assert check_age(refused, NOW, 1461) is refused


def test_the_newest_date_is_read_from_an_index(tmp_path: Path) -> None:
    """Every answer asks for it: a seek on ``published``, not a scan of every article's row."""
    from index.catalog import Catalog

    catalog = Catalog(tmp_path / "catalog.sqlite3")
    plan = catalog._db.execute(
        "EXPLAIN QUERY PLAN SELECT MAX(published) FROM articles WHERE published <= ?", ("2025-02-01",)
    ).fetchall()
    catalog.close()
    assert "USING COVERING INDEX articles_published" in str(plan)
