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
    parser.add_argument(
        "--llm", help="also a row with this packaged GGUF in process, e.g. qwen2.5-coder-1.5b"
    )
    parser.add_argument("--held-out", action="store_true", help="only the held-out weeks (5-8)")
    args = parser.parse_args()
    _, questions, unanswerable, weeks = load_split(args.weeks)
    if args.held_out:
        questions = [q for q in questions if weeks[q["id"]] >= DEV_WEEKS]
        unanswerable = [q for q in unanswerable if weeks[q["id"]] >= DEV_WEEKS]
    if args.limit:
        questions, unanswerable = questions[: args.limit], unanswerable[: args.limit]
    library = CACHE / f"rtqa-{args.weeks}w" / "ours-int8"
    if not library.exists():
        raise SystemExit(f"{library} is missing: run benchmarks/retrieval.py --weeks {args.weeks} first")
    rows = {"ours, extractive": Settings(data_dir=library)}
    if args.llm:
        llm = {"backend": "llama_cpp", "model_path": args.llm, "context_tokens": 4096}
        rows[f"ours, llama_cpp {args.llm}"] = Settings(data_dir=library, llm=llm)
    started = time.perf_counter()
    table: dict[str, dict[str, dict[str, float]]] = {}
    false: dict[str, float] = {}
    per_question: dict[str, dict[str, dict[str, float]]] = {}
    for name, settings in rows.items():
        bot = Assistant.from_settings(settings)
        tokenizer = bot.library.embedder._tokenizer()  # type: ignore[attr-defined]
        judged = {q["id"]: judge(bot, q, tokenizer) for q in questions}
        per_question[name] = judged
        dev = [judged[q["id"]] for q in questions if weeks[q["id"]] < DEV_WEEKS]
        held = [judged[q["id"]] for q in questions if weeks[q["id"]] >= DEV_WEEKS]
        parts = {"all": summarise(list(judged.values()))}
        if dev and held:
            parts["weeks 1-4 (dev)"] = summarise(dev)
        if held and dev:
            parts["weeks 5-8 (held out)"] = summarise(held)
        table[name] = parts
        answered = [
            not bot.ask(Query(q["question"], as_of=date.fromisoformat(q["date"]))).refused
            for q in unanswerable
        ]
        false[name] = sum(answered) / len(answered) if answered else 0.0
        bot.close()
    seconds = time.perf_counter() - started
    info = stamp()
    scope = "weeks 5-8 (held out)" if args.held_out else f"{args.weeks} weeks"
    lines = [
        "## Right answers: RealTime QA, end to end",
        "",
        f"{len(questions)} questions whose gold answer is in the {args.weeks}-week library ({scope}), "
        f"{len(unanswerable)} whose gold answer is in none of its articles; measured {info['date']} on "
        f"{info['machine']} in {seconds:.0f} s.",
        "",
        "| row | questions | accuracy | precision | refused | cited support | in context "
        "| accuracy in context | citations verified | s/answer |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, parts in table.items():
        for part, s in parts.items():
            n = int(s["n"])
            lines.append(
                f"| {name}: {part} | {n} | {s['accuracy']:.3f} ± {interval(s['accuracy'], n):.3f} "
                f"| {s['precision']:.3f} | {s['refused']:.3f} | {s['cited_support']:.3f} "
                f"| {s['in_context']:.3f} "
                f"| {s['accuracy_in_context']:.3f} ({int(s['n_in_context'])}) | {s['verified']:.1%} "
                f"| {s['seconds']:.2f} |"
            )
    lines.append("")
    for name, rate in false.items():
        lines.append(
            f"- {name}: false answers on the {len(unanswerable)} questions the library cannot answer: "
            f"**{rate:.1%}** ± {interval(rate, len(unanswerable)):.1%} (goal: at most 10%)"
        )
    if len(rows) > 1:
        first, second = list(per_question.values())
        wins = sum(second[i]["correct"] > first[i]["correct"] for i in first)
        losses = sum(second[i]["correct"] < first[i]["correct"] for i in first)
        lines.append(f"- {list(rows)[1]} against extractive, per question: {wins} wins / {losses} losses")
    results = {
        **info,
        "weeks": args.weeks,
        "rows": table,
        "false_answers": false,
        "per_question": per_question,
    }
    save(f"answers-{args.llm}" if args.llm else "answers", results, lines)


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
