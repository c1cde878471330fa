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
