"""Every question of ``seed_questions.txt`` asked of the seed article, to see what a change moves.

The questions were written while building the quote answers (issue 12), each answer read by a
person. This tool does not judge the answers. It writes them all to a file under
``benchmarks/.cache`` (they quote the article, which stays out of the repository) and lists the
answers that differ between two such files. Before and after a change:

    python benchmarks/seed_answers.py --tag before        # about 10 minutes on 2 cores
    python benchmarks/seed_answers.py --tag after
    python benchmarks/seed_answers.py --compare before after

``--limit N`` asks the first N questions only.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SEED = HERE.parent.parent / "shared" / "data" / "seed" / "000_2b0fe4645fc6f911.txt"
QUESTIONS = HERE / "seed_questions.txt"
CACHE = HERE / ".cache"


def _path(tag: str) -> Path:
    return CACHE / f"seed-answers-{tag}.txt"


def ask_all(tag: str, limit: int = 0) -> Path:
    """Ask every question of a fresh library holding the seed article; write "Q: …" lines, each
    followed by its answer indented, to the tag's file."""
    from assistant import Assistant, Settings
    from assistant.config import load_settings

    if not SEED.exists():
        raise SystemExit(f"The seed article is not at {SEED}: put ../shared beside the repository.")
    questions = [q.strip() for q in QUESTIONS.read_text(encoding="utf-8").splitlines() if q.strip()]
    questions = questions[:limit] if limit else questions
    out = _path(tag)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data_dir:
        settings: Settings = load_settings(data_dir=Path(data_dir))
        bot = Assistant.from_settings(settings)
        bot.ingest([SEED])
        with out.open("w", encoding="utf-8") as f:
            for n, question in enumerate(questions, 1):
                answer = bot.ask(question)
                f.write(f"Q: {question}\n  " + answer.text.replace("\n", "\n  ") + "\n")
                if n % 50 == 0:
                    print(f"{n} of {len(questions)} asked", file=sys.stderr)
    return out


def read(path: Path) -> dict[str, str]:
    """The answers of a file ``ask_all`` wrote, by question."""
    answers: dict[str, str] = {}
    question = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("Q: "):
            question = line[3:]
            answers[question] = ""
        elif question is not None:
            answers[question] += line.strip() + "\n"
    return answers


def changed(before: dict[str, str], after: dict[str, str]) -> list[tuple[str, str, str]]:
    """(question, answer before, answer after) for each question both asked and answered apart."""
    return [(q, before[q], after[q]) for q in before if q in after and before[q] != after[q]]


def _one_line(answer: str) -> str:
    return " / ".join(answer.strip().splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tag", help="ask every question; write the answers under this tag")
    parser.add_argument("--limit", type=int, default=0, help="ask the first N questions only")
    parser.add_argument(
        "--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="list the answers two tags differ on"
    )
    args = parser.parse_args(argv)
    if args.compare:
        paths = [_path(tag) for tag in args.compare]
        for path in paths:
            if not path.exists():
                raise SystemExit(f"No answers under {path}: run with --tag first.")
        before, after = (read(path) for path in paths)
        rows = changed(before, after)
        for question, old, new in rows:
            print(f"== {question}\n  BEFORE: {_one_line(old)}\n  AFTER:  {_one_line(new)}")
        print(f"{len(rows)} of {len(set(before) & set(after))} answers changed")
        return 0
    if not args.tag:
        parser.error("give --tag NAME to ask, or --compare BEFORE AFTER")
    print(f"answers written to {ask_all(args.tag, args.limit)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
