"""How wide Chroma's HNSW graph is searched: recall of the nearest chunks, stability, latency.

On the answer benchmark's libraries (real news, real int8 MiniLM vectors; weeks 1-8 and 35-42,
built by `answers.py`), every RealTime QA question of the span is embedded once and its 30
dense candidates are asked of Chroma at each search width (``ef_search``), each width in
``--opens`` fresh processes (Chroma rebuilds the newest part of its graph when a library opens,
so a narrow search can miss different chunks from one process to the next). Reported per
width, beside Chroma's default (100):

- recall@30 against the exact 30 nearest (a brute-force cosine over every stored vector);
- questions whose 30 candidates differ between the processes;
- the dense query's p50 and p95 (one process, one query after the other).

Usage: python benchmarks/search_width.py [--from-weeks 1 35] [--widths 100 400 800] [--opens 3]
Writes benchmarks/results/search_width.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from common import save, stamp

CACHE = Path(__file__).resolve().parent / ".cache"
K = 30


def _span(first_week: int) -> tuple[Path, list[str]]:
    """The library and every question (answerable or not) of the 8 weeks from ``first_week``."""
    from answers import load_split

    first = first_week - 1
    name = "rtqa-8w" if first == 0 else f"rtqa-w{first + 1}-{first + 8}"
    library = CACHE / name / "ours-int8"
    if not library.exists():
        flag = "" if first == 0 else f" --from-week {first_week}"
        raise SystemExit(f"{library} is missing: run benchmarks/answers.py{flag} first, which builds it.")
    _, answerable, unanswerable, _ = load_split(8, first)
    return library, [q["question"] for q in [*answerable, *unanswerable]]


def _one_open(library: Path, width: int, vectors: Path) -> dict[str, Any]:
    """In this (fresh) process: open the library searched ``width`` wide and ask every vector."""
    import numpy as np

    from assistant import Settings
    from index import Library
    from index.embedding import build_embedder

    settings = Settings(data_dir=library)
    lib = Library(library, build_embedder(settings.embed_config()), search_ef=width)
    collection = lib.store.collection
    queries = np.load(vectors)
    ids, times = [], []
    for v in queries:
        start = time.perf_counter()
        got = collection.query(query_embeddings=[v.tolist()], n_results=K, include=["distances"])
        times.append(time.perf_counter() - start)
        ids.append(got["ids"][0])
    lib.close()
    return {"ids": ids, "times": times}


def _exact(library: Path, questions: list[str], vectors: Path) -> list[list[str]]:
    import numpy as np

    from assistant import Settings
    from index import Library
    from index.embedding import build_embedder

    settings = Settings(data_dir=library)
    lib = Library(library, build_embedder(settings.embed_config()))
    queries = np.array(lib.embedder.embed_queries(questions), dtype=np.float32)
    np.save(vectors, queries)
    stored = lib.store.collection.get(include=["embeddings"])
    matrix = np.array(stored["embeddings"], dtype=np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    sims = (queries / np.linalg.norm(queries, axis=1, keepdims=True)) @ matrix.T
    lib.close()
    return [[stored["ids"][i] for i in np.argsort(-row)[:K]] for row in sims]


def _measure(first_week: int, widths: list[int], opens: int) -> list[dict[str, Any]]:
    library, questions = _span(first_week)
    vectors = library.parent / "search-width-queries.npy"
    exact = _exact(library, questions, vectors)
    rows = []
    for width in widths:
        runs = []
        for _ in range(opens):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(library), str(width), str(vectors)],
                capture_output=True,
                text=True,
                check=True,
            )
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        first = [len(set(got) & set(want)) / K for got, want in zip(runs[0]["ids"], exact, strict=True)]
        unstable = sum(len({tuple(run["ids"][i]) for run in runs}) > 1 for i in range(len(questions)))
        times = sorted(t * 1000 for t in runs[-1]["times"])
        rows.append(
            {
                "library": library.parent.name,
                "questions": len(questions),
                "ef_search": width,
                "recall_at_30": statistics.mean(first),
                "questions_below_full_recall": sum(r < 1 for r in first),
                "unstable_questions": unstable,
                "p50_ms": statistics.median(times),
                "p95_ms": times[int(0.95 * (len(times) - 1))],
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--from-weeks", type=int, nargs="+", default=[1, 35], help="each span's first week")
    parser.add_argument("--widths", type=int, nargs="+", default=[100, 400, 800])
    parser.add_argument("--opens", type=int, default=3)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)  # library width vectors
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.child:
        print(json.dumps(_one_open(Path(args.child[0]), int(args.child[1]), Path(args.child[2]))))
        return
    rows = [row for first in args.from_weeks for row in _measure(first, args.widths, args.opens)]
    results = {**stamp(), "opens": args.opens, "rows": rows}
    lines = [
        f"# Dense search width ({results['date']}, {results['machine']})",
        "",
        "Each span's RealTime QA questions (answerable or not), 30 candidates each, each width "
        f"opened in {args.opens} fresh processes; recall against the exact 30 nearest (brute-force cosine).",
        "",
        "| library | questions | ef_search | recall@30 | questions missing a nearest chunk | questions whose "
        "candidates change between processes | query p50 | query p95 | p50 vs Chroma's default |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        base = next(r for r in rows if r["library"] == row["library"] and r["ef_search"] == args.widths[0])
        lines.append(
            f"| {row['library']} | {row['questions']} | {row['ef_search']} | {row['recall_at_30']:.4f} | "
            f"{row['questions_below_full_recall']} | {row['unstable_questions']} | {row['p50_ms']:.2f} ms | "
            f"{row['p95_ms']:.2f} ms | {row['p50_ms'] / base['p50_ms']:.2f}x |"
        )
    save("search_width", results, lines)


if __name__ == "__main__":
    main()
