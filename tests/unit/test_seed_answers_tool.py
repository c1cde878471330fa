"""The seed-question tool reads back what it wrote and lists only the answers that moved."""

from __future__ import annotations

from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_answers_are_read_back_by_question_and_only_moved_ones_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import seed_answers

    before = tmp_path / "before.txt"
    after = tmp_path / "after.txt"
    before.write_text("Q: Who came?\n  Putin came. [1]\nQ: When?\n  On Thursday. [1]\n  Later. [2]\n")
    after.write_text("Q: Who came?\n  Putin came. [1]\nQ: When?\n  On Thursday. [1]\nQ: New?\n  Yes.\n")
    old, new = seed_answers.read(before), seed_answers.read(after)
    assert old["When?"] == "On Thursday. [1]\nLater. [2]\n"
    assert seed_answers.changed(old, new) == [
        ("When?", "On Thursday. [1]\nLater. [2]\n", "On Thursday. [1]\n")
    ]
    # every question of the file is a line of its own, none blank
    questions = (BENCHMARKS / "seed_questions.txt").read_text(encoding="utf-8").splitlines()
    assert questions and all(q.strip() for q in questions) and len(set(questions)) == len(questions)
