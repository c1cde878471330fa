"""Right answers, end to end: RealTime QA questions asked of the library, answers judged.

Each question is asked open-ended (the choices are not shown) with its ``question_date`` as
"now", against the 8-week library the retrieval benchmark builds (cached). An answer is
correct when the gold choice appears in it on word boundaries after normalising, as the
retrieval benchmark matches. Reported per row, with 95% intervals:

    accuracy            correct answers / questions
    loose accuracy      the same with punctuation set aside on both sides ("Washington D.C."
                        holds "Washington, DC"; "U.S." is "US"): the strict match counts such
                        right answers as wrong, for every row alike
    precision           correct / answered (not refused)
    refused             share refused
    cited support       a cited sentence (or chunk) holds the gold answer
    in context          the gold answer is in what the model is shown: for ours, the first
                        1,280 tokens of retrieval; for plain LlamaIndex, its two chunks
    accuracy in context correct / in context: what the answer stage keeps of what retrieval found
    on the question       (a line under the table, ours only) the gold answer is in a sentence of
                        that context holding a third or more of the question's words: the
                        in-context questions less those where the gold string is there by
                        chance ("Cynthia Erivo" as a past presenter, for this year's host)
    false answers       answered, on questions whose gold appears in no article of the library
    verified            share of citations whose text is the article's text (must be 100%)
    s/answer            median seconds per answer (warm); first token: median seconds to it
    tokens/s            tokens streamed after the first, per second (median)

Rows (``answer_rows``): ours extractive (always); with ``--llm NAME`` (a packaged GGUF, e.g.
qwen2.5-coder-1.5b) ours with that model in process, structured (the default) and free text,
the same model behind ``llama_cpp.server`` (openai_compatible), and plain LlamaIndex's
``CitationQueryEngine`` with the same model. Questions are split by week: weeks 1-4 were used
to develop the answer step, weeks 5-8 are reported apart as held out.

    python benchmarks/answers.py [--weeks 8] [--limit 0] [--llm qwen2.5-coder-1.5b] [--held-out]
        [--no-server] [--no-baseline] [--no-free-text] [--tag NAME] [--from-week 1]

``--from-week 35`` asks the questions of weeks 35-42 of a library of those weeks (built into
benchmarks/.cache on first use, about 3 minutes): weeks no rule was tuned on, as a check that
a change fixes a class of questions rather than the examples it was found with.
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import re
import statistics
import time
from collections.abc import Callable
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from common import save, stamp
from retrieval import CACHE, budget_text, build_ours, cached_corpus, contains, forms, load, normalise

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TQDM_DISABLE", "1")

from answer_rows import Outcome, llama_server, llamaindex, ours  # after the offline flags

from assistant import Assistant, Query, Settings
from assistant.config import default_cache_dir
from assistant.llm.packaged import resolve_model_path
from index.sentences import sentence_spans
from index.text import content_terms

DEV_WEEKS = 4
Ask = Callable[[dict[str, str]], Outcome]


def interval(p: float, n: int) -> float:
    return 1.96 * math.sqrt(max(p * (1 - p), 1e-9) / n) if n else 0.0


def loose(text: str) -> str:
    """``normalise``d, then punctuation set aside: dashes, slashes, colons and brackets become
    spaces ("more:cia" is "more cia"), other marks go ("d.c." is "dc", "washington, dc" is
    "washington dc"); "&" is "and", so a list stays one."""
    text = re.sub(r"[-‐‑‒–—/:;()\[\]]", " ", normalise(text).replace("&", " and "))
    return " ".join(re.sub(r"[^\w\s]", "", text).split())


def judge(outcome: Outcome, gold: str, in_context: bool, on_topic: bool) -> dict[str, float]:
    gold = normalise(gold)
    if outcome.context:  # a row with a context of its own (plain LlamaIndex): not measured
        in_context, on_topic = contains(normalise(outcome.context), gold), False
    after = outcome.seconds - outcome.first_token
    said = loose(outcome.text)
    return {
        "correct": float(not outcome.refused and contains(normalise(outcome.text), gold)),
        "loose": float(not outcome.refused and any(contains(said, loose(f)) for f in forms(gold))),
        "refused": float(outcome.refused),
        "cited": float(any(contains(normalise(q), gold) for q in outcome.quotes)),
        "in_context": float(in_context),
        "on_topic": float(on_topic),
        "citations": float(len(outcome.verified)),
        "verified": float(sum(outcome.verified)),
        "seconds": outcome.seconds,
        "first_token": outcome.first_token,
        "tokens_per_s": (outcome.tokens - 1) / after if outcome.tokens > 1 and after > 0 else 0.0,
        "structured": float(outcome.checks.get("structured", 0)),
    }


def summarise(rows: list[dict[str, float]]) -> dict[str, float]:
    n = len(rows)
    answered = [r for r in rows if not r["refused"]]
    in_context = [r for r in rows if r["in_context"]]
    on_topic = [r for r in rows if r["on_topic"]]
    rates = [r["tokens_per_s"] for r in rows if r["tokens_per_s"]]
    return {
        "n": n,
        "accuracy": sum(r["correct"] for r in rows) / n,
        "loose_accuracy": sum(r.get("loose", r["correct"]) for r in rows) / n,
        "precision": sum(r["correct"] for r in answered) / len(answered) if answered else 0.0,
        "refused": sum(r["refused"] for r in rows) / n,
        "cited_support": sum(r["cited"] for r in rows) / n,
        "in_context": len(in_context) / n,
        "accuracy_in_context": sum(r["correct"] for r in in_context) / len(in_context) if in_context else 0.0,
        "n_in_context": len(in_context),
        "accuracy_on_topic": sum(r["correct"] for r in on_topic) / len(on_topic) if on_topic else 0.0,
        "n_on_topic": len(on_topic),
        "verified": sum(r["verified"] for r in rows) / max(1.0, sum(r["citations"] for r in rows)),
        "seconds": statistics.median(r["seconds"] for r in rows),
        "first_token": statistics.median(r["first_token"] for r in rows),
        "tokens_per_s": statistics.median(rates) if rates else 0.0,
    }


ON_TOPIC = 1 / 3  # share of the question's words a sentence holds to be about the question


def on_topic(text: str, question: str, gold: str) -> bool:
    """Whether a sentence of ``text`` holds ``gold`` (normalised) and a third or more of the
    question's words: the answer is there, not only its string by chance."""
    wanted = set(content_terms(question))
    sentences = (text[start:end] for start, end in sentence_spans(text))
    return bool(wanted) and any(
        contains(normalise(sentence), gold)
        and len(wanted & set(content_terms(sentence))) >= ON_TOPIC * len(wanted)
        for sentence in sentences
    )


def contexts(library: Path, questions: list[dict[str, str]]) -> dict[str, tuple[bool, bool]]:
    """Whether our retrieval puts each question's gold answer in its first 1,280 tokens, and
    whether in a sentence about the question."""
    bot = Assistant.from_settings(Settings(data_dir=library))
    tokenizer = bot.library.embedder._tokenizer()  # type: ignore[attr-defined]
    found = {}
    for q in questions:
        passages = bot.retrieve(Query(q["question"], as_of=date.fromisoformat(q["date"])), top_k=30)
        text = budget_text([p.text for p in passages], 1280, tokenizer)
        gold = normalise(q["gold"])
        found[q["id"]] = (contains(normalise(text), gold), on_topic(text, q["question"], gold))
    bot.close()
    return found


def rows(args: argparse.Namespace, library: Path, stack: ExitStack) -> dict[str, Ask]:
    """Every row's ask function; servers and models stay up until ``stack`` closes."""
    ask, bot = ours(Settings(data_dir=library))
    stack.callback(bot.close)
    table = {"ours, extractive": ask}
    if not args.llm:
        return table
    path = resolve_model_path(Path(args.llm), default_cache_dir())
    local = {"backend": "llama_cpp", "model_path": str(path), "context_tokens": 4096}
    variants: dict[str, dict[str, object]] = {f"ours, llama_cpp {args.llm}, structured": local}
    if not args.no_free_text:
        variants[f"ours, llama_cpp {args.llm}, free text"] = {**local, "structured": False}
    if not args.no_server:
        url = stack.enter_context(llama_server(path))
        server = {"backend": "openai_compatible", "base_url": url, "model": "local", "timeout": 300}
        variants[f"ours, llama_cpp.server {args.llm}, structured"] = server
    for name, llm in variants.items():
        table[name] = _lazy(library, llm, stack)
    if not args.no_baseline:
        table[f"plain LlamaIndex CitationQueryEngine, {args.llm}"] = _baseline(library, path)
    return table


def _on_first_use(make: Callable[[], Ask]) -> Ask:
    """An ask function whose system (and model) ``make`` builds on first use: one model loaded
    at a time, while the rows run one after another."""
    made = functools.cache(make)
    return lambda q: made()(q)


def _lazy(library: Path, llm: dict[str, object], stack: ExitStack) -> Ask:
    def make() -> Ask:
        fn, bot = ours(Settings(data_dir=library, llm=llm))
        stack.callback(bot.close)
        return fn

    return _on_first_use(make)


def _baseline(library: Path, path: Path) -> Ask:
    import json

    from retrieval import build_llamaindex

    corpus = library.parent / "corpus.jsonl"
    records = [json.loads(line) for line in corpus.read_text().splitlines()]
    retriever, _ = build_llamaindex(records, library.parent)
    return _on_first_use(lambda: llamaindex(retriever._index, path, [str(r["text"]) for r in records]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--limit", type=int, default=0, help="ask only the first N questions (0: all)")
    parser.add_argument("--llm", help="also the LLM rows with this packaged GGUF, e.g. qwen2.5-coder-1.5b")
    parser.add_argument("--held-out", action="store_true", help="only the held-out weeks (5-8)")
    parser.add_argument("--no-server", action="store_true", help="skip the llama_cpp.server row")
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain LlamaIndex row")
    parser.add_argument("--no-free-text", action="store_true", help="skip the free-text LLM row")
    parser.add_argument("--tag", help="save as answers-<llm>-<tag> (a run beside the usual one)")
    parser.add_argument(
        "--from-week",
        type=int,
        default=1,
        help="start at this week of the year (a library of its own, built on first use; 1: the usual one)",
    )
    args = parser.parse_args()
    first = args.from_week - 1
    if first and args.held_out:
        parser.error("--held-out splits the first 8 weeks; a span from another week is unseen as a whole")
    records, questions, unanswerable, weeks = load_split(args.weeks, first)
    if first:
        args.tag = args.tag or f"w{args.from_week}-{first + args.weeks}"
    if args.held_out:
        questions = [q for q in questions if weeks[q["id"]] >= DEV_WEEKS]
        unanswerable = [q for q in unanswerable if weeks[q["id"]] >= DEV_WEEKS]
    if args.limit:
        questions, unanswerable = questions[: args.limit], unanswerable[: args.limit]
    library = CACHE / f"rtqa-{args.weeks}w" / "ours-int8"
    if first:
        cache, corpus = cached_corpus(args.weeks, records, first)  # type: ignore[arg-type]
        build_ours(corpus, cache, quantize=True)[0].close()  # type: ignore[attr-defined]
        library = cache / "ours-int8"
    if not library.exists():
        raise SystemExit(f"{library} is missing: run benchmarks/retrieval.py --weeks {args.weeks} first")
    in_context = contexts(library, questions)
    started = time.perf_counter()
    table: dict[str, dict[str, dict[str, float]]] = {}
    false: dict[str, float] = {}
    per_question: dict[str, dict[str, dict[str, float]]] = {}
    texts: dict[str, dict[str, str]] = {}  # every answer, so a later matcher can judge it again
    with ExitStack() as stack:
        for name, ask in rows(args, library, stack).items():
            print(f"{name}: {len(questions) + len(unanswerable)} questions", flush=True)
            outcomes = {q["id"]: ask(q) for q in [*questions, *unanswerable]}
            texts[name] = {i: o.text for i, o in outcomes.items()}
            judged = {q["id"]: judge(outcomes[q["id"]], q["gold"], *in_context[q["id"]]) for q in questions}
            per_question[name] = judged
            dev = [judged[q["id"]] for q in questions if weeks[q["id"]] < DEV_WEEKS]
            held = [judged[q["id"]] for q in questions if weeks[q["id"]] >= DEV_WEEKS]
            parts = {"all": summarise(list(judged.values()))}
            if dev and held and not first:
                parts["weeks 1-4 (dev)"] = summarise(dev)
                parts["weeks 5-8 (held out)"] = summarise(held)
            table[name] = parts
            answered = [not outcomes[q["id"]].refused for q in unanswerable]
            false[name] = sum(answered) / len(answered) if answered else 0.0
    elapsed = time.perf_counter() - started
    report(args, questions, unanswerable, table, false, per_question, elapsed, texts)


def report(
    args: argparse.Namespace,
    questions: list[dict[str, str]],
    unanswerable: list[dict[str, str]],
    table: dict[str, dict[str, dict[str, float]]],
    false: dict[str, float],
    per_question: dict[str, dict[str, dict[str, float]]],
    seconds: float,
    texts: dict[str, dict[str, str]],
) -> None:
    info = stamp()
    scope = "weeks 5-8 (held out)" if args.held_out else f"{args.weeks} weeks"
    if args.from_week > 1:
        scope = f"weeks {args.from_week}-{args.from_week + args.weeks - 1}"
    lines = [
        "## Right answers: RealTime QA, end to end",
        "",
        f"{len(questions)} questions whose gold answer is in the {args.weeks}-week library ({scope}), "
        f"{len(unanswerable)} whose gold answer is in none of its articles; measured {info['date']} on "
        f"{info['machine']} in {seconds:.0f} s.",
        "",
        "| row | questions | accuracy | loose accuracy | precision | refused | cited support | in context "
        "| accuracy in context | citations verified | s/answer | first token s | tokens/s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, parts in table.items():
        for part, s in parts.items():
            n = int(s["n"])
            lines.append(
                f"| {name}: {part} | {n} | {s['accuracy']:.3f} ± {interval(s['accuracy'], n):.3f} "
                f"| {s['loose_accuracy']:.3f} "
                f"| {s['precision']:.3f} | {s['refused']:.3f} | {s['cited_support']:.3f} "
                f"| {s['in_context']:.3f} "
                f"| {s['accuracy_in_context']:.3f} ({int(s['n_in_context'])}) | {s['verified']:.1%} "
                f"| {s['seconds']:.2f} | {s['first_token']:.2f} | {s['tokens_per_s']:.1f} |"
            )
    lines.append("")
    for name, parts in table.items():
        s = parts["all"]
        if s.get("n_on_topic"):
            lines.append(
                f"- {name}: the gold answer in a context sentence about the question (a third of its "
                f"words or more) for {int(s['n_on_topic'])} of the {int(s['n_in_context'])} in context; "
                f"accuracy on them **{s['accuracy_on_topic']:.3f}**"
            )
    for name, rate in false.items():
        lines.append(
            f"- {name}: false answers on the {len(unanswerable)} questions the library cannot answer: "
            f"**{rate:.1%}** ± {interval(rate, len(unanswerable)):.1%} (goal: at most 10%)"
        )
    names = list(per_question)
    baseline = next((n for n in names if n.startswith("plain LlamaIndex")), None)
    pairs = [(other, names[0]) for other in names[1:]]
    pairs += [(other, baseline) for other in names[1:] if baseline and other != baseline]
    for other, against in pairs:
        base, row = per_question[against], per_question[other]
        wins = sum(row[i]["correct"] > base[i]["correct"] for i in base)
        losses = sum(row[i]["correct"] < base[i]["correct"] for i in base)
        lines.append(f"- {other} against {against}, per question: {wins} wins / {losses} losses")
    results = {
        **info,
        "weeks": args.weeks,
        "rows": table,
        "false_answers": false,
        "per_question": per_question,
        "answers": texts,
    }
    name = f"answers-{args.llm}" if args.llm else "answers"
    save(f"{name}-{args.tag}" if args.tag else name, results, lines)


def load_split(
    weeks: int, first: int = 0
) -> tuple[object, list[dict[str, str]], list[dict[str, str]], dict[str, int]]:
    """Questions with their answer in the corpus, those without, and each question's week
    (0 for the span's first)."""
    import gzip

    from retrieval import DATA, question_record

    week_of: dict[str, int] = {}
    every: list[dict[str, str]] = []
    for i, qa in enumerate(sorted(DATA.glob("*_qa.jsonl.gz"))[first : first + weeks]):
        with gzip.open(qa, "rt", encoding="utf-8") as fh:
            for q in map(question_record, fh):
                if q is not None:
                    week_of[q["id"]] = i
                    every.append(q)
    records, kept = load(weeks, first)
    answerable = {q["id"] for q in kept}
    return records, kept, [q for q in every if q["id"] not in answerable], week_of


if __name__ == "__main__":
    main()
