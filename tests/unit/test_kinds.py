"""Which kind of answer a question asks for, and whether a sentence holds one (no model needed)."""

from __future__ import annotations

import pytest

from assistant.answer.kinds import asked, holds
from assistant.questions import parse_question


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many people were evacuated?", "amount"),
        ("When will the river crest?", "date"),
        ("Who voted against the plan?", "name"),
        ("Republicans introduced a bill with what name?", "name"),
        ("What was the new museum called?", "name"),
        ("What is the rocket’s name?", "name"),
        ("What was the name given to the storm?", "name"),
        ("Name the company that bought the harbor.", "name"),
        ("What are the new rules?", None),
        ("What did the leaders sign at the summit?", None),  # what they signed, not a leader
        ("Where was Putin welcomed?", "place"),
        ("Why did the league move the final?", "reason"),
        ("What was the reason for the delay?", "reason"),
        ("What caused the outage in Madrid?", "reason"),
        ("What did Muraviev say about power balance?", None),
        ("How did Xi describe the meeting?", None),
    ],
)
def test_the_kind_of_answer_a_question_asks_for(question: str, kind: str | None) -> None:
    assert asked(question) == kind


@pytest.mark.parametrize(
    ("sentence", "gives"),
    [
        ("The final moved to Dover because the arena was too expensive.", True),
        ("The league moved the final after costs doubled.", True),
        ("The club cut prices in a bid to fill the stadium.", True),
        ('"We could not pay for the arena any more," the director said.', True),  # in their own words
        ("The final was moved to Dover on Tuesday.", False),
        ("The league will hold the final in Dover.", False),
    ],
)
def test_a_reason_is_a_cause_or_purpose_said_as_one(sentence: str, gives: bool) -> None:
    assert holds("reason", sentence, "Why did the league move the final?") is gives


@pytest.mark.parametrize(
    ("question", "polar"),
    [
        ("Did China supply arms to Russia?", True),
        ("Is Putin willing to negotiate?", True),
        ("Has China called for Russia to withdraw its troops?", True),
        ("And was the deal signed?", True),
        ("Which city did Putin visit?", False),
        ("What did Muraviev say about power balance?", False),
        ("Who is Hu Xijin?", False),
    ],
)
def test_a_question_asking_for_a_yes_or_a_no(question: str, polar: bool) -> None:
    assert parse_question(question).polar is polar
