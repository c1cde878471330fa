"""When a sentence's event happened, which questions ask for a story, and numbers compared."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.stories.compare import numbers
from assistant.stories.dates import event_date
from assistant.stories.route import story_topic

THURSDAY = date(2025, 3, 6)


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        # A bare weekday is the latest such day on or before publication...
        ("The company said Tuesday it will cut 300 jobs.", "2025-03-04", "day"),
        ("The ruling came Thursday.", "2025-03-06", "day"),
        ("Officials met on Friday to discuss the budget.", "2025-02-28", "day"),
        # ...or the next one when its own clause looks ahead.
        ("Lawmakers will vote on Tuesday on the bill.", "2025-03-11", "day"),
        ("The debate in Philadelphia on Tuesday will be a major test.", "2025-03-11", "day"),
        ("The platform may shut down on Sunday, reports say.", "2025-03-09", "day"),
        ("It happened yesterday, police said.", "2025-03-05", "day"),
        ("Three days ago, he left the country.", "2025-03-03", "day"),
        # A month and day without a year: the latest on or before publication (a week's grace).
        ("He took office on Jan. 20.", "2025-01-20", "day"),
        ("April 13 — Schools will stay closed, the governor said.", "2024-04-13", "day"),
        ("The work is expected to be completed by March 31.", "2025-03-31", "day"),
        # A weekday written with the date picks the year in which they agree.
        ("The concert is at 7 p.m. Wednesday, July 3.", "2024-07-03", "day"),
        ("Officials met on 3 March 2024.", "2024-03-03", "day"),
        ("The vote is 2025-02-14, the clerk said.", "2025-02-14", "day"),
        # Periods.
        ("Retail sales declined 5.9% last month from a year ago.", "2025-02", "month"),
        ("A poll released last December showed wide support.", "2024-12", "month"),
        ("One December 2022 report accused the app of harm.", "2022-12", "month"),
        ("The deal was signed in February.", "2025-02", "month"),
        ("They were cancelled last year due to the pandemic.", "2024", "year"),
        ("Four years ago, the party won 15% of the vote.", "2021", "year"),
        # A date that frames a comparison is not the event's.
        ("Prices have risen since March, officials said on Tuesday.", "2025-03-04", "day"),
        # A far background date yields to the day of the news.
        ("Rioters who stormed the Capitol on Jan. 6, 2021, expected pardons Monday.", "2025-03-03", "day"),
    ],
)
def test_event_dates_resolve_against_publication(sentence: str, expected: str, precision: str) -> None:
    event = event_date(sentence, THURSDAY)
    assert event is not None
    assert (event.key(), event.precision) == (expected, precision)


def test_a_sentence_without_a_date_and_an_undated_article() -> None:
    assert event_date("Firefighters contained the blaze after a long fight.", THURSDAY) is None
    assert event_date("May I ask a question of the minister?", THURSDAY) is None
    assert event_date("The vote was held on Tuesday.", None) is None  # nothing to resolve against
    absolute = event_date("The vote was held on March 3, 2025.", None)
    assert absolute is not None and absolute.key() == "2025-03-03"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What happened with the Gaza ceasefire this week?", "the Gaza ceasefire"),
        ("What's happening with the rail strike?", "the rail strike"),
        ("What's new on tariffs since Monday?", "tariffs"),
        ("How did the harbor expansion story unfold?", "the harbor expansion"),
        ("Catch me up on the wildfire near Alder Creek", "the wildfire near Alder Creek"),
        ("Give me a digest of the energy crisis over the past week", "the energy crisis"),
        ("What happened to the dock strike this week?", "the dock strike"),
    ],
)
def test_story_questions_are_routed_with_their_topic(question: str, topic: str) -> None:
    assert story_topic(question) == topic


@pytest.mark.parametrize(
    "question",
    [
        "What did Muraviev say about power balance?",
        "Who won the election this week?",
        "How many people were killed in the fire?",
        "When did the strike end?",
        "What happened?",
        "What happened to trade between China and Russia?",  # what became of it: a fact
        # What one source says is a question for that source, not the story of every outlet.
        "What happened in 1950, according to Muraviev?",
        "According to Tass, what happened at the talks?",
    ],
)
def test_fact_questions_are_not_routed(question: str) -> None:
    assert story_topic(question) is None


def test_numbers_are_keyed_by_what_they_count() -> None:
    a = numbers("At least 30 people were killed and 120 injured, officials said on March 3.")
    b = numbers("The blast killed 35 people in 2024, according to police.")
    assert a["dead"][0] == 30.0 and b["dead"][0] == 35.0  # "people killed" and "killed ... people" alike
    assert a["injur"][0] == 120.0 and numbers("Two soldiers died.") == {}  # words are not figures
    assert "march" not in a and not any(v[0] == 2024.0 for v in b.values())  # dates are not quantities
    money = numbers("Trade grew to more than $240 billion, up 5 percent.")
    assert money["$"][0] == 240e9 and money["percent"][0] == 5.0
