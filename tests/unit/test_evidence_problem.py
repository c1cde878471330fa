"""The sentences a model's answer cites must be able to answer the question, as a quote must."""

from __future__ import annotations

from datetime import date

from assistant import Query
from assistant.answer.extractive import evidence_problem
from assistant.config import RetrievalSettings
from assistant.query import read
from assistant.questions import Question


def question_of(text: str, as_of: date | None = None) -> Question:
    return read(Query(text, as_of=as_of), RetrievalSettings()).question


def test_cited_sentences_about_a_namesake_cannot_answer() -> None:
    question = question_of("How will the Marlow Inlet district pay for dredging?")
    cited = ["The Sebastian Inlet district raised its tax rate to pay for dredging."]
    assert evidence_problem(question, cited, []) == (
        "The articles found are about Sebastian Inlet, not what the question names."
    )
    assert (
        evidence_problem(question_of("How will the Sebastian Inlet district pay for dredging?"), cited, [])
        is None
    )


def test_cited_sentences_dated_before_the_week_asked_about_cannot_answer() -> None:
    cited = ["On April 11, 2024, regulators opened an inquiry into fuel leaks in the Ranger SUV."]
    this_week = question_of(
        "What did regulators open into the Ranger SUV this week?", as_of=date(2025, 7, 25)
    )
    assert evidence_problem(this_week, cited, []) == (
        "The sentences found date what they tell before the time the question asks about."
    )
    then = question_of("What did regulators open into the Ranger SUV in April 2024?", as_of=date(2025, 7, 25))
    assert evidence_problem(then, cited, []) is None
