"""The answer benchmark's matcher: when a gold answer counts as given (lists, quoted golds,
aliases in brackets), so the accuracy the README reports means what it says."""

from __future__ import annotations

from pathlib import Path

import pytest

TEAMS = "philadelphia eagles & kansas city chiefs"
BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def contains(monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import retrieval

    return retrieval.contains


@pytest.mark.parametrize(
    ("answer", "gold", "found"),
    [
        ("the kansas city chiefs met the philadelphia eagles", TEAMS, True),
        ("the kansas city chiefs met the 49ers", TEAMS, False),
        ('missing from end zones will be "end racism." per the nfl', '"end racism"', True),
        ("the end of racism", '"end racism"', False),
        ("more: cia offers buyouts to its workforce", "central intelligence agency (cia)", True),
        ("the central intelligence agency said", "central intelligence agency (cia)", True),
        ("a special agency offer", "central intelligence agency (cia)", False),
        ("osakan officials", "osaka", False),  # on word boundaries only
    ],
)
def test_gold_answers_are_matched_in_their_forms(
    contains: object, answer: str, gold: str, found: bool
) -> None:
    assert contains(answer, gold) is found  # type: ignore[operator]


def test_a_gold_string_in_a_sentence_about_something_else_is_not_on_the_question(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ "In context" counts the gold string anywhere; "on the question" needs it in a sentence
    that holds a third of the question's words (a past presenter is no answer to this year's host)."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import answers

    question = "Which singer will host the Tony Awards this year?"
    chance = "Past presenters include Dana Rees and Sam Ode. The stadium opened in 1990."
    assert not answers.on_topic(chance, question, "dana rees")
    answer = "The stadium opened in 1990. Dana Rees will host the Tony Awards in June."
    assert answers.on_topic(answer, question, "dana rees")
