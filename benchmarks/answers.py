"""Right answers, end to end: RealTime QA questions asked of the library, answers judged.

Each question is asked open-ended (the choices are not shown) with its ``question_date`` as
"now", against the 8-week library the retrieval benchmark builds (cached). An answer is
correct when the gold choice appears in it on word boundaries after normalising, as the
retrieval benchmark matches. Reported per row, with 95% intervals:

    accuracy            correct answers / questions
    precision           correct / answered (not refused)
    refused             share refused
    cited support       a cited sentence holds the gold answer
    in context          retrieval put the gold answer in the first 1,280 tokens
    accuracy in context correct / in context: what the answer stage keeps of what retrieval found
    false answers       answered, on questions whose gold appears in no article of the library
    verified            share of citations whose offsets quote the article exactly (must be 100%)
    s/answer            median seconds per answer (warm)

Questions are split by week: weeks 1-4 were used to develop the answer step, weeks 5-8 are
reported apart as held out.

    python benchmarks/answers.py [--weeks 8] [--limit 0]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import time
from datetime import date

from common import save, stamp
from retrieval import CACHE, budget_text, contains, load, normalise

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TQDM_DISABLE", "1")

from assistant import Assistant, Query, Settings  # after the offline flags

DEV_WEEKS = 4


def interval(p: float, n: int) -> float:
    return 1.96 * math.sqrt(max(p * (1 - p), 1e-9) / n) if n else 0.0


def judge(bot: Assistant, q: dict[str, str], tokenizer: object) -> dict[str, float]:
    now = date.fromisoformat(q["date"])
    query = Query(q["question"], as_of=now)
    gold = normalise(q["gold"])
    passages = bot.retrieve(query, top_k=30)
    in_context = contains(normalise(budget_text([p.text for p in passages], 1280, tokenizer)), gold)
    t0 = time.perf_counter()
    answer = bot.ask(query)
    seconds = time.perf_counter() - t0
    text = normalise(answer.text)
    verified = [bot.article(c.article_id).text[c.start : c.end] == c.quote for c in answer.citations]
    return {
        "correct": float(not answer.refused and contains(text, gold)),
        "refused": float(answer.refused),
        "cited": float(any(contains(normalise(c.quote), gold) for c in answer.citations)),
        "in_context": float(in_context),
        "citations": float(len(verified)),
        "verified": float(sum(verified)),
        "seconds": seconds,
    }


def summarise(rows: list[dict[str, float]]) -> dict[str, float]:
    n = len(rows)
    answered = [r for r in rows if not r["refused"]]
    in_context = [r for r in rows if r["in_context"]]
    return {
        "n": n,
        "accuracy": sum(r["correct"] for r in rows) / n,
        "precision": sum(r["correct"] for r in answered) / len(answered) if answered else 0.0,
        "refused": sum(r["refused"] for r in rows) / n,
        "cited_support": sum(r["cited"] for r in rows) / n,
        "in_context": len(in_context) / n,
        "accuracy_in_context": sum(r["correct"] for r in in_context) / len(in_context) if in_context else 0.0,
        "n_in_context": len(in_context),
        "verified": sum(r["verified"] for r in rows) / max(1.0, sum(r["citations"] for r in rows)),
        "seconds": statistics.median(r["seconds"] for r in rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--limit", type=int, default=0, help="ask only the first N questions (0: all)")
    args = parser.parse_args()
    _, questions, unanswerable, weeks = load_split(args.weeks)
    library = CACHE / f"rtqa-{args.weeks}w" / "ours-int8"
    if not library.exists():
        raise SystemExit(f"{library} is missing: run benchmarks/retrieval.py --weeks {args.weeks} first")
    bot = Assistant.from_settings(Settings(data_dir=library))
    tokenizer = bot.library.embedder._tokenizer()  # type: ignore[attr-defined]
    if args.limit:
        questions, unanswerable = questions[: args.limit], unanswerable[: args.limit]
    started = time.perf_counter()
    rows = {q["id"]: judge(bot, q, tokenizer) for q in questions}
    false = [
        not bot.ask(Query(q["question"], as_of=date.fromisoformat(q["date"]))).refused for q in unanswerable
    ]
    seconds = time.perf_counter() - started
    dev = [rows[q["id"]] for q in questions if weeks[q["id"]] < DEV_WEEKS]
    held = [rows[q["id"]] for q in questions if weeks[q["id"]] >= DEV_WEEKS]
    parts = {"all": summarise(list(rows.values())), "weeks 1-4 (dev)": summarise(dev)}
    if held:
        parts["weeks 5-8 (held out)"] = summarise(held)
    false_rate = sum(false) / len(false) if false else 0.0
    info = stamp()
    lines = [
        "## Right answers: RealTime QA, end to end",
        "",
        f"{len(questions)} questions whose gold answer is in the {args.weeks}-week library, "
        f"{len(unanswerable)} whose gold answer is in none of its articles; extractive answers "
        f"(the default, no LLM); measured {info['date']} on {info['machine']} in {seconds:.0f} s.",
        "",
        "| row | questions | accuracy | precision | refused | cited support | in context "
        "| accuracy in context | citations verified | s/answer |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s in parts.items():
        n = int(s["n"])
        lines.append(
            f"| ours, extractive: {name} | {n} | {s['accuracy']:.3f} ± {interval(s['accuracy'], n):.3f} "
            f"| {s['precision']:.3f} | {s['refused']:.3f} | {s['cited_support']:.3f} | {s['in_context']:.3f} "
            f"| {s['accuracy_in_context']:.3f} ({int(s['n_in_context'])}) | {s['verified']:.1%} "
            f"| {s['seconds']:.2f} |"
        )
    lines += [
        "",
        f"False answers on the {len(false)} questions the library cannot answer: **{false_rate:.1%}** "
        f"± {interval(false_rate, len(false)):.1%} (goal: at most 10%).",
    ]
    results = {**info, "weeks": args.weeks, "parts": parts, "false_answers": false_rate, "per_question": rows}
    save("answers", results, lines)


def load_split(weeks: int) -> tuple[object, list[dict[str, str]], list[dict[str, str]], dict[str, int]]:
    """Questions with their answer in the corpus, those without, and each question's week."""
    import gzip

    from retrieval import DATA, question_record

    week_of: dict[str, int] = {}
    every: list[dict[str, str]] = []
    for i, qa in enumerate(sorted(DATA.glob("*_qa.jsonl.gz"))[:weeks]):
        with gzip.open(qa, "rt", encoding="utf-8") as fh:
            for q in map(question_record, fh):
                if q is not None:
                    week_of[q["id"]] = i
                    every.append(q)
    records, kept = load(weeks)
    answerable = {q["id"] for q in kept}
    return records, kept, [q for q in every if q["id"] not in answerable], week_of


if __name__ == "__main__":
    main()
