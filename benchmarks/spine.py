"""Ingest throughput and ask latency on >= 300 real news articles, with a baseline in the same run.

Corpus: the seed article plus the search-result articles of the first WEEKS RealTime QA weeks
(../shared/data/realtimeqa), read in place. Prints a Markdown table and writes
benchmarks/results/spine.json and spine.md.

Measured, all in one process on the same machine:
- ingest (our pipeline: read, chunk, embed, Chroma, BM25) in chunks/s and articles/s;
- baseline: the raw sentence-transformers ``encode`` of the same chunk texts (a sample), the
  ceiling for any pipeline using this model on this CPU; the ratio shows our overhead;
- re-ingest of the unchanged corpus (should cost near nothing);
- warm ``ask`` latency (median, p95) over the weeks' questions and the reference question.

Usage: python benchmarks/spine.py [--weeks 3] [--baseline-sample 600]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from common import save, stamp

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TQDM_DISABLE", "1")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results"
REFERENCE = "What did Muraviev say about power balance?"


def week_files(weeks: int) -> list[Path]:
    return sorted((DATA / "realtimeqa").glob("*_gcs.jsonl.gz"))[:weeks]


def questions(weeks: int) -> list[str]:
    out = [REFERENCE]
    for gcs in week_files(weeks):
        qa = gcs.with_name(gcs.name.replace("_gcs", "_qa"))
        with gzip.open(qa, "rt", encoding="utf-8") as fh:
            out += [json.loads(line)["question_sentence"] for line in fh if line.strip()]
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--weeks", type=int, default=3)
    parser.add_argument("--baseline-sample", type=int, default=600)
    args = parser.parse_args()

    from assistant import Assistant, Settings

    inputs = [DATA / "seed", *week_files(args.weeks)]
    data_dir = Path(tempfile.mkdtemp(prefix="bench-spine-"))
    bot = Assistant.from_settings(Settings(data_dir=data_dir))
    embedder = bot.library.embedder
    embedder.embed(["warm-up"])  # model load is cold start, not ingest throughput

    t0 = time.perf_counter()
    report = bot.ingest(inputs)
    ingest_s = time.perf_counter() - t0
    articles = len(report.added)

    t0 = time.perf_counter()
    again = bot.ingest(inputs)
    reingest_s = time.perf_counter() - t0

    # Baseline: raw encode of a sample of the very chunks we stored (same text the model saw).
    got = bot.library.store.collection.get(include=["documents", "metadatas"], limit=args.baseline_sample)
    texts = [f"{m['title']}\n{d}" for d, m in zip(got["documents"], got["metadatas"], strict=True)]
    t0 = time.perf_counter()
    embedder.embed(texts)
    raw_s = time.perf_counter() - t0

    latencies = []
    refused = 0
    for q in questions(args.weeks):
        t0 = time.perf_counter()
        answer = bot.ask(q)
        latencies.append(time.perf_counter() - t0)
        refused += answer.refused
    reference = bot.ask(REFERENCE)

    results = {
        **stamp(),
        "articles": articles,
        "chunks": report.chunks,
        "failed_inputs": len(report.failed),
        "ingest_seconds": round(ingest_s, 1),
        "ingest_chunks_per_s": round(report.chunks / ingest_s, 1),
        "ingest_articles_per_s": round(articles / ingest_s, 2),
        "baseline_raw_encode_chunks_per_s": round(len(texts) / raw_s, 1),
        "ingest_vs_raw_encode": round((report.chunks / ingest_s) / (len(texts) / raw_s), 2),
        "reingest_seconds": round(reingest_s, 2),
        "reingest_skipped": len(again.skipped),
        "questions": len(latencies),
        "refused": refused,
        "ask_median_s": round(statistics.median(latencies), 3),
        "ask_p95_s": round(percentile(latencies, 0.95), 3),
        "reference_cited": (not reference.refused)
        and "power balance" in reference.citations[0].quote
        and "Muraviev" in reference.citations[0].quote,
    }
    bot.close()
    table = "\n".join(
        [
            f"Measured {results['date']} on {results['machine']}: "
            f"{articles} articles, {report.chunks} chunks.",
            "",
            "| measure | value |",
            "|---|---|",
            f"| ingest (read, chunk, embed, Chroma, BM25) | {results['ingest_chunks_per_s']} chunks/s, "
            f"{results['ingest_articles_per_s']} articles/s |",
            "| baseline: raw `encode` of the same chunks by the same model | "
            f"{results['baseline_raw_encode_chunks_per_s']} chunks/s |",
            f"| ingest / raw encode | {results['ingest_vs_raw_encode']} |",
            f"| re-ingest unchanged corpus | {results['reingest_seconds']} s "
            f"({results['reingest_skipped']} skipped) |",
            f"| `ask` latency, warm, {len(latencies)} questions | median {results['ask_median_s']} s, "
            f"p95 {results['ask_p95_s']} s |",
            f"| refused | {refused} of {len(latencies)} |",
            f"| reference question cited correctly | {results['reference_cited']} |",
        ]
    )
    save("spine", results, table.split("\n"))


if __name__ == "__main__":
    main()
