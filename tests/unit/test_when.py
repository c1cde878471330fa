"""Time in questions: relative phrases resolved against the question date, recency as ranking."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant import Query
from assistant.when import dates_told, resolve_time
from index.retrieve import TimeSignal

NOW = date(2025, 1, 10)  # a Friday


@pytest.mark.parametrize(
    ("question", "since", "until"),
    [
        ("What happened this week in Gaza?", date(2025, 1, 4), NOW),
        ("Who resigned yesterday?", date(2025, 1, 9), date(2025, 1, 9)),
        ("What did the minister say last week?", date(2024, 12, 30), date(2025, 1, 5)),
        ("What has changed since March?", date(2024, 3, 1), NOW),
        ("What happened since March 15, 2023?", date(2023, 3, 15), NOW),
        ("Which bills passed in May 2024?", date(2024, 5, 1), date(2024, 5, 31)),
        ("What happened in December?", date(2024, 12, 1), date(2024, 12, 31)),
        ("What happened in January?", date(2025, 1, 1), NOW),
        ("What did they say last month?", date(2024, 12, 1), date(2024, 12, 31)),
        ("Any fires in the past 3 days?", date(2025, 1, 7), NOW),
        ("Who won in 2024?", date(2024, 1, 1), date(2024, 12, 31)),
        ("What was agreed before June 2024?", None, date(2024, 5, 31)),
        ("What did he say on Sept 3?", date(2024, 9, 3), date(2024, 9, 3)),
        ("What happened since Monday?", date(2025, 1, 6), NOW),
        ("What happened this month?", date(2025, 1, 1), NOW),
        # A weekday in the news is the latest one: from it until now (a Friday: today).
        ("Which island was hit by an earthquake on Wednesday?", date(2025, 1, 8), NOW),
        ("Stocks fell on Monday after which report?", date(2025, 1, 6), NOW),
        ("Who spoke on Friday?", NOW, NOW),
        ("What did the mayor announce last Tuesday?", date(2025, 1, 7), NOW),
        # News style: a past verb, then the day ("announced Thursday").
        ("The nominations were announced Thursday. Which film led?", date(2025, 1, 9), NOW),
        ("Who was killed Sunday in the attack?", date(2025, 1, 5), NOW),
        # The weekend past, from its Saturday until now, when it was reported.
        ("Which movie topped the box office last weekend?", date(2025, 1, 4), NOW),
        ("Who won the derby this past weekend?", date(2025, 1, 4), NOW),
        ("What happened over the weekend?", date(2025, 1, 4), NOW),
    ],
)
def test_relative_phrases_resolve_against_the_question_date(
    question: str, since: date | None, until: date | None
) -> None:
    frame = resolve_time(question, NOW)
    assert (frame.since, frame.until) == (since, until)
    assert frame.phrase and frame.phrase.lower() in question.lower()


def test_last_weekend_said_in_a_weekend_is_the_one_before_it() -> None:
    sunday = date(2025, 1, 12)
    assert resolve_time("Which movie topped the box office last weekend?", sunday).since == date(2025, 1, 4)
    assert resolve_time("What happened over the weekend?", sunday).since == date(2025, 1, 11)
    # "this weekend" on a Friday: the reporting of the last days, ahead of it
    assert resolve_time("Which films open this weekend?", NOW).since == date(2025, 1, 7)


@pytest.mark.parametrize(
    "question",
    ["Which category will be added to the Golden Globes in 2026?", "Which city hosts the Games in 2027?"],
)
def test_a_time_still_to_come_is_no_window_of_publication(question: str) -> None:
    """Articles about next year's plans are published before it: no window to refuse by."""
    frame = resolve_time(question, NOW)
    assert (frame.since, frame.until) == (None, None)


def test_no_time_phrase_and_latest() -> None:
    plain = resolve_time("What may happen to the harbour?", NOW)  # "may" is not May
    assert plain.since is None and plain.until is None and not plain.latest
    latest = resolve_time("What is the latest on the strike?", NOW)
    assert latest.latest and latest.since is None
    assert latest.describe() == "most recent first"
    for named_day in ("What sold best on Black Friday?", "Who won Super Tuesday?", "Who met Monday, Jan. 6?"):
        frame = resolve_time(named_day, NOW)
        assert frame.since is None and frame.until is None, named_day


def test_the_question_searched_keeps_its_verb_without_the_day() -> None:
    from assistant.config import RetrievalSettings
    from assistant.query import read

    question = Query("Which film led the nominations announced Thursday?", as_of=NOW)
    reading = read(question, RetrievalSettings())
    assert reading.question.subject == "Which film led the nominations announced ?"
    assert reading.question.time is not None and reading.question.time.since == date(2025, 1, 9)


def test_a_year_the_question_names_stays_in_what_is_searched() -> None:
    from assistant.config import RetrievalSettings
    from assistant.query import read

    reading = read(Query("What happened in 1950, according to Muraviev?", as_of=NOW), RetrievalSettings())
    assert reading.question.subject == "What happened 1950 , according to Muraviev?"  # "in" goes
    assert reading.search.text == reading.question.subject
    assert reading.question.time is not None and reading.question.time.since == date(1950, 1, 1)
    # A phrase without a year goes whole.
    reading = read(Query("What happened with the strike this week?", as_of=NOW), RetrievalSettings())
    assert reading.question.subject == "What happened with the strike ?"


def test_time_signal_closeness() -> None:
    recent = TimeSignal(now=NOW, half_life_days=10)
    assert recent.closeness(NOW) == 1.0
    assert recent.closeness(date(2024, 12, 31)) == pytest.approx(0.5)
    assert recent.closeness(date(2025, 1, 20)) == pytest.approx(0.5)  # "about that time", either side
    assert recent.window() is None
    assert recent.closeness(None) == 0.0
    window = TimeSignal(now=NOW, since=date(2024, 5, 1), until=date(2024, 5, 31), half_life_days=10)
    assert window.closeness(date(2024, 5, 15)) == 1.0
    assert window.closeness(date(2024, 6, 10)) == pytest.approx(0.5)
    assert window.closeness(date(2024, 4, 21)) == pytest.approx(0.5)
    assert window.window() == (date(2024, 5, 1), date(2024, 5, 31))


def _strike_articles(root: Path) -> Path:
    """Three reports on one dock strike, months apart, in different words (not near-copies)."""
    root.mkdir()
    records = [
        {
            "title": "Dock strike begins at the port",
            "text": "Dock workers at the port walked out on Monday over pay. The dock strike halted "
            "container traffic and the union said the dock strike would continue for a week.",
            "url": "https://port.example.com/strike-begins",
            "publish_date": "2024/05/06",
        },
        {
            "title": "Dock strike talks stall",
            "text": "Talks to end the dock strike stalled again as the port authority rejected the "
            "union's latest offer. Ships are waiting outside the harbour.",
            "url": "https://port.example.com/strike-talks",
            "publish_date": "2024/09/20",
        },
        {
            "title": "Dock strike ends with pay deal",
            "text": "The dock strike ended on Wednesday when workers accepted a pay deal of six percent. "
            "Cranes were moving again by the evening.",
            "url": "https://port.example.com/strike-ends",
            "publish_date": "2025/01/08",
        },
    ]
    (root / "strike.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return root


def test_recency_and_named_windows_rank_first(fast_assistant: object, tmp_path: Path) -> None:
    bot = fast_assistant
    bot.ingest([_strike_articles(tmp_path / "strike")])  # type: ignore[attr-defined]

    def first(question: str, **kw: object) -> str:
        passages = bot.retrieve(Query(question, as_of=NOW, **kw), top_k=3)  # type: ignore[attr-defined]
        return str(passages[0].url)

    # Date-blind, the article that repeats "dock strike" most wins on words alone.
    assert first("What is the latest on the dock strike?", recency=False).endswith("strike-begins")
    # "latest", as of 10 January 2025: the newest report comes first.
    assert first("What is the latest on the dock strike?").endswith("strike-ends")
    # A named window wins over recency: "in September" is the talks report.
    assert first("What happened with the dock strike in September?").endswith("strike-talks")
    # Recency re-ranks, it never filters: all three are still returned.
    assert len(bot.retrieve(Query("dock strike", as_of=NOW), top_k=3)) == 3  # type: ignore[attr-defined]
    # Switched off in settings, time plays no part.
    bot.settings.retrieval.recency = False  # type: ignore[attr-defined]
    assert first("What is the latest on the dock strike?").endswith("strike-begins")


def test_cli_as_of_and_no_recency(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.cli import run

    monkeypatch.setenv("ASSISTANT_EMBED__BACKEND", "hash")
    lib = tmp_path / "lib"
    assert run(["--data-dir", str(lib), "ingest", str(_strike_articles(tmp_path / "strike"))]) == 0
    capsys.readouterr()
    assert (
        run(
            [
                "--data-dir",
                str(lib),
                "ask",
                "What pay deal ended the dock strike this week?",
                "--as-of",
                "2025-01-10",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Time: 'this week': 2025-01-04 to 2025-01-10" in out
    assert "[1] Dock strike ends with pay deal" in out  # the report from that week is quoted first
    run(["--data-dir", str(lib), "ask", "--json", "--no-recency", "What happened with the dock strike?"])
    story = json.loads(capsys.readouterr().out)  # a story question: answered with a digest
    assert not story["refused"] and story["checks"]["digest"] == len(story["citations"]) > 1


def test_real_news_dates_and_recency(fast_assistant: object, tmp_path: Path) -> None:
    """One real RealTime QA week: dates normalised from YYYY/MM/DD, and recency moves newer up."""
    import gzip

    shared = Path(__file__).resolve().parents[2].parent / "shared" / "data"
    week = sorted((shared / "realtimeqa").glob("*_gcs.jsonl.gz"))[0]
    qa = week.with_name(week.name.replace("_gcs", "_qa"))
    records: dict[str, dict[str, object]] = {}
    with gzip.open(week, "rt", encoding="utf-8") as fh:
        for line in list(fh)[:6]:
            for r in json.loads(line)["search_result"]:
                records.setdefault(r["url"], {**r, "text": (r.get("text") or "")[:3000]})
    corpus = tmp_path / "week.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records.values()))
    bot = fast_assistant
    bot.ingest([corpus])  # type: ignore[attr-defined]
    # These search results are months to years older than their questions: a long half-life.
    bot.settings.retrieval.recency_half_life_days = 365  # type: ignore[attr-defined]
    dated = {i.url: i.published for i in bot.articles()}  # type: ignore[attr-defined]
    for r in records.values():
        url, raw = str(r["url"]).rstrip("/"), str(r.get("publish_date") or "")
        if url in dated and raw:
            assert dated[url] == date.fromisoformat(raw.replace("/", "-")), (url, raw)

    with gzip.open(qa, "rt", encoding="utf-8") as fh:
        questions = [json.loads(line) for line in list(fh)[:6]]
    older = newer = 0
    for q in questions:
        now = date.fromisoformat(q["question_date"].replace("/", "-"))

        def mean_age(recency: bool, q: dict[str, str] = q, now: date = now) -> float:
            found = bot.retrieve(Query(q["question_sentence"], as_of=now, recency=recency), top_k=5)  # type: ignore[attr-defined]
            ages = [(now - p.published).days for p in found if p.published and p.published <= now]
            return sum(ages) / len(ages) if ages else 0.0

        aware, blind = mean_age(True), mean_age(False)
        newer += aware < blind
        older += aware > blind
    assert newer > older, (newer, older)


def test_recent_reporting_is_searched_on_its_own(fast_assistant: object, tmp_path: Path) -> None:
    """Asked about "this week", a recent article that ranks below every old one on words still
    reaches the top five."""
    folder = tmp_path / "archive"
    folder.mkdir()
    records = [
        {
            "title": f"Ferry fares and ferry timetables, part {n}",
            "text": f"Ferry fares rose again. Ferry timetables changed in spring {2010 + n}. "
            "The ferry company said ferry fares follow fuel prices.",
            "url": f"https://archive.example.com/ferry-{n}",
            "publish_date": f"{2010 + n}/04/01",
        }
        for n in range(12)
    ]
    records.append(
        {
            "title": "Island council meets",
            "text": "The island council agreed on Tuesday to freeze ferry fares until the summer.",
            "url": "https://island.example.com/council-freeze",
            "publish_date": "2025/01/07",
        }
    )
    (folder / "ferry.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    bot = fast_assistant
    bot.ingest([folder])  # type: ignore[attr-defined]
    bot.library.retriever.candidates = 5  # type: ignore[attr-defined]
    question = "What happened to ferry fares this week?"  # a named window is searched on its own
    blind = bot.retrieve(Query(question, as_of=NOW, recency=False), top_k=5)  # type: ignore[attr-defined]
    assert all("archive.example.com" in str(p.url) for p in blind)
    aware = bot.retrieve(Query(question, as_of=NOW), top_k=5)  # type: ignore[attr-defined]
    assert any("council-freeze" in str(p.url) for p in aware)


def test_a_question_about_a_time_is_not_answered_from_another(fast_assistant: object, tmp_path: Path) -> None:
    """ "this week" answered only by articles of about that week; an answer found only in older
    reporting is a refusal that names the window and the date of what was found."""
    bot = fast_assistant
    bot.ingest([_strike_articles(tmp_path / "strike")])  # type: ignore[attr-defined]
    ask = bot.ask  # type: ignore[attr-defined]
    # Answered in the week: the deal of 8 January.
    this_week = ask(Query("What pay deal did dock workers accept this week?", as_of=NOW))
    assert not this_week.refused and this_week.citations[0].published == date(2025, 1, 8)
    # Only September reporting has the rejected offer: not an answer for "this week".
    stale = ask(Query("What did the port authority reject this week?", as_of=NOW))
    assert stale.refused and not stale.citations
    assert "No article from 2025-01-04 to 2025-01-10 answers this" in stale.text
    assert "article of 2024-09-20" in stale.text
    # Without the time phrase, or with recency off, the same question is answered.
    assert not ask(Query("What did the port authority reject?", as_of=NOW)).refused
    assert not ask(Query("What did the port authority reject this week?", as_of=NOW, recency=False)).refused
    # A time long past may be told of later, by a sentence that names its year ...
    recollection = {
        "title": "Port authority looks back",
        "text": "Back in 2023, the port authority rejected a merger with the ferry company. "
        "The authority now plans new cranes for the harbour.",
        "url": "https://port.example.com/looking-back",
        "publish_date": "2025/01/09",
    }
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "later.jsonl").write_text(json.dumps(recollection) + "\n")
    bot.ingest([tmp_path / "later"])  # type: ignore[attr-defined]
    recalled = ask(Query("What merger did the port authority reject in 2023?", as_of=NOW))
    assert not recalled.refused and recalled.citations[0].quote.startswith("Back in 2023")
    # ... not by later reporting that names none of it (September's, and 2023's, for May 2024).
    later = ask(Query("What did the port authority reject in May 2024?", as_of=NOW))
    assert later.refused and not later.citations


@pytest.mark.parametrize(
    ("sentence", "told"),
    [
        ("On April 11, 2024, the agency opened a recall query.", [date(2024, 4, 11)]),
        ("On July 23, 2024, it began; in May 2025 it ended.", [date(2024, 7, 23), date(2025, 5, 31)]),
        ("The funding expires on Tuesday, Sept. 30, 2025.", [date(2025, 9, 30)]),
        # a day without a year, a year alone, or no such day: no full date
        ("On Monday, April 11, he said so.", []),
        ("In 2024 the agency did not act.", []),
        ("On June 31, 2024, nothing happened.", []),
    ],
)
def test_the_full_dates_a_sentence_gives(sentence: str, told: list[date]) -> None:
    assert dates_told(sentence) == told
