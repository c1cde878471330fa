"""Retrieval latency and memory as the library grows (synthetic chunks, real store and BM25).

For each size, a fresh library gets N synthetic chunks (random unit vectors, texts drawn from
a fixed vocabulary) through the real ChunkStore (llama-index nodes in embedded Chroma) and the
real BM25 index (catalog rows name the articles, as an ingest would), then answers 50
queries. Reported per size: our hybrid retrieve (dense + BM25
+ fusion) p50/p95, the dense-only Chroma query on the same store as the baseline, build time,
and the building process's RSS; then the library is opened in a new process the way `assistant
serve` opens it (real MiniLM for the questions) and its RSS, peak RSS and retrieve p50 are
reported. ``--server`` does the same with each library on its own `chroma run` server on
loopback (server mode). Writes benchmarks/results/scale.{json,md,png}.

Usage: python benchmarks/scale.py [--sizes 1000 10000 100000]   (add 1000000 for the 1M point;
it takes over an hour and 20 GB of memory here). ``--keep`` keeps the saved rows of the sizes not
run this time, so the 1M point can be measured on its own and added to the table;
``--library-dir`` keeps the built libraries, so a later run measures again without rebuilding.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from common import save, stamp

os.environ.setdefault("TQDM_DISABLE", "1")
RESULTS = Path(__file__).resolve().parents[1] / "benchmarks" / "results"
KEYWORD_INDEX = "bm25s segments, memory-mapped"  # rows kept from older runs say what they measured
STORE: dict[str, Any] = {}  # with --server: the Chroma server every library of this run is on


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2+onnx-int8"  # the default model, as a new library has it


def served(root: Path, queries: int) -> dict[str, float]:
    """Open the library as `assistant serve` does (real MiniLM for questions, BM25 loaded) in a
    new process, answer ``queries`` retrievals, and report its RSS and peak RSS."""
    import subprocess
    import sys

    code = f"""
import json, resource, statistics, time
from assistant import Assistant, Settings

bot = Assistant.from_settings(Settings(data_dir={str(root)!r}, store={STORE!r}))
times = []
for i in range({queries}):
    t0 = time.perf_counter()
    bot.retrieve(f"what about the election and the tariff w{{i}}", top_k=8)
    times.append((time.perf_counter() - t0) * 1000)
rss = [l for l in open('/proc/self/status') if l.startswith('VmRSS:')][0].split()[1]
print(json.dumps({{"served_rss_mb": int(rss) / 1024,
                  "served_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "served_p50_ms": statistics.median(times[1:])}}))
"""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TQDM_DISABLE": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return {k: round(v, 1) for k, v in json.loads(done.stdout.strip().splitlines()[-1]).items()}


@contextlib.contextmanager
def chroma_server(path: Path) -> Iterator[dict[str, Any]]:
    """`chroma run` on a free loopback port, storing under ``path``; the store settings for it."""
    import shutil
    import socket
    import subprocess
    import sys

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    cmd = [chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield {"chroma_host": "127.0.0.1", "chroma_port": port}
    finally:
        server.terminate()
        server.wait(timeout=60)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[round(q * (len(ordered) - 1))]


def synthetic_embedder() -> Any:
    """Hashed vectors under the default int8 MiniLM's id, so a served process opens the library
    with the model a new library has (the synthetic chunks carry random vectors of its size;
    libraries built before 2026-11-29 carry the fp32 id, and a served process loaded PyTorch
    for them)."""
    from index.embedding.hash import HashEmbedder

    embedder = HashEmbedder(384)
    embedder.model_id = MODEL_ID
    return embedder


def build(size: int, root: Path, rng: random.Random) -> tuple[object, float]:
    import numpy as np

    from index import Library
    from index.models import Article, Chunk

    lib = Library(root, synthetic_embedder(), **STORE)
    vocab = [f"w{i}" for i in range(5000)] + ["election", "tariff", "ceasefire", "inflation", "merger"]
    np_rng = np.random.default_rng(rng.randrange(2**32))
    started = time.perf_counter()
    per_article = 20
    batch: list[Any] = []
    for a in range(0, size, per_article):
        article = Article(id=f"https://example.org/a{a}", title=f"Story {a}", text="", source=f"s{a % 7}.org")
        chunks, vectors = [], []
        for i in range(min(per_article, size - a)):
            words = rng.choices(vocab, k=rng.randint(80, 160))
            text = " ".join(words)
            vec = np_rng.standard_normal(384).astype("float32")
            vec /= np.linalg.norm(vec)
            chunks.append(
                Chunk(id=f"c{a + i}", article_id=article.id, text=text, start=0, end=len(text), index=i)
            )
            vectors.append(vec.tolist())
        batch.append((article, chunks, vectors))
        if len(batch) * per_article >= 5000:
            lib.store.put_articles(batch)
            batch = []
    if batch:
        lib.store.put_articles(batch)
    articles = [(a, min(per_article, size - a)) for a in range(0, size, per_article)]
    if STORE:  # the catalog shared through the Chroma server, as an ingest writes it
        with lib.catalog.ingest_lock():  # type: ignore[attr-defined]
            for a, n in articles:
                story = Article(
                    id=f"https://example.org/a{a}", title=f"Story {a}", text="", source=f"s{a % 7}.org"
                )
                lib.catalog.put(replace(story, content_hash=f"h{a}"), n)
    else:
        with lib.catalog.transaction() as db:  # the catalog lists what the keyword index follows
            db.executemany(
                "INSERT INTO articles(id, title, url, published, authors, source, text, content_hash, chunks)"
                " VALUES (?, ?, NULL, NULL, '[]', ?, '', ?, ?)",
                [
                    (f"https://example.org/a{a}", f"Story {a}", f"s{a % 7}.org", f"h{a}", n)
                    for a, n in articles
                ],
            )
    lib.keyword.refresh(lib.catalog.generation())
    return lib, time.perf_counter() - started


def open_or_build(size: int, root: Path, rng: random.Random) -> tuple[Any, float, float | None]:
    """The library of ``size`` chunks under ``root``: reopened when a previous run built it there
    (with that run's build time and RSS), else built now."""
    marker = root / "built.json"
    if marker.exists():
        from index import Library

        saved = json.loads(marker.read_text())
        return Library(root, synthetic_embedder(), **STORE), float(saved["build_s"]), float(saved["rss_mb"])
    root.mkdir(parents=True, exist_ok=True)
    lib, seconds = build(size, root, rng)
    marker.write_text(json.dumps({"build_s": seconds, "rss_mb": rss_mb()}))
    return lib, seconds, None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument(
        "--library-dir",
        type=Path,
        help="build each size's library under this folder and reuse it on later runs (measure again "
        "without rebuilding); by default a temporary folder",
    )
    parser.add_argument(
        "--build-only", action="store_true", help="with --library-dir: build, measure on a later run"
    )
    parser.add_argument("--keep", action="store_true", help="keep the saved rows of sizes not run this time")
    parser.add_argument(
        "--server", action="store_true", help="each library on its own `chroma run` server (server mode)"
    )
    args = parser.parse_args()
    mode = "server" if args.server else "embedded"
    rng = random.Random(7)
    rows = []
    if args.keep and (RESULTS / "scale.json").exists():
        saved = json.loads((RESULTS / "scale.json").read_text())
        rows = [
            r
            for r in saved["rows"]
            if (r["chunks"], r.get("mode", "embedded")) not in {(n, mode) for n in args.sizes}
        ]
    for size in args.sizes:
        with contextlib.ExitStack() as stack:
            if args.library_dir:
                tmp = str(args.library_dir / str(size))
            else:
                tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix=f"scale-{size}-"))
            if args.server:
                tmp = str(Path(tmp) / "server")
                STORE.update(stack.enter_context(chroma_server(Path(tmp) / "chroma-server")))
            lib, seconds, built_rss = open_or_build(size, Path(tmp), rng)
            if args.build_only:
                lib.close()
                print(f"{size:,} chunks built in {seconds:.0f} s under {tmp}", flush=True)
                continue
            print(f"{size:,} chunks built in {seconds:.0f} s; measuring", flush=True)
            questions = [
                f"what about the {rng.choice(['election', 'tariff', 'ceasefire'])} w{rng.randint(0, 4999)}"
                for _ in range(args.queries)
            ]
            vector = lib.embedder.embed(["warm"])[0]  # type: ignore[attr-defined]
            lib.retrieve(questions[0], top_k=8)  # type: ignore[attr-defined]
            hybrid, dense = [], []
            for q in questions:
                t0 = time.perf_counter()
                lib.retrieve(q, top_k=8)  # type: ignore[attr-defined]
                hybrid.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                lib.store.query(vector, 8)  # type: ignore[attr-defined]
                dense.append((time.perf_counter() - t0) * 1000)
            lib.close()  # type: ignore[attr-defined]
            build_rss = built_rss or rss_mb()
            del lib
            gc.collect()  # the served process below needs the memory
            serving = served(Path(tmp), args.queries)
            rows.append(
                {
                    "chunks": size,
                    "mode": mode,
                    "measured": stamp()["date"],
                    "keyword_index": KEYWORD_INDEX,
                    "build_s": round(seconds, 1),
                    "hybrid_p50_ms": round(statistics.median(hybrid), 1),
                    "hybrid_p95_ms": round(percentile(hybrid, 0.95), 1),
                    "dense_only_p50_ms": round(statistics.median(dense), 1),
                    "dense_only_p95_ms": round(percentile(dense, 0.95), 1),
                    "rss_mb": round(build_rss),
                    **serving,
                }
            )
            print(rows[-1], flush=True)
    if args.build_only:
        return
    rows.sort(key=lambda r: (r.get("mode", "embedded"), r["chunks"]))
    results = {
        **stamp(),
        "rows": rows,
    }
    lines = [
        f"Measured on {results['machine']} (synthetic chunks, 50 queries); each row says its store "
        "(embedded Chroma, or a `chroma run` server on loopback), when, and with which keyword index.",
        "",
        "| chunks | store: measured | hybrid p50 | hybrid p95 | baseline: dense-only p50 | dense-only p95 "
        "| build | build RSS | served: RSS | served: peak RSS | served: retrieve p50 (real MiniLM question) "
        "|",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        measured = f"{r.get('mode', 'embedded')}: {r.get('measured', '?')}, {r.get('keyword_index', '?')}"
        lines.append(
            f"| {r['chunks']:,} | {measured} | {r['hybrid_p50_ms']} ms | {r['hybrid_p95_ms']} ms "
            f"| {r['dense_only_p50_ms']} ms "
            f"| {r['dense_only_p95_ms']} ms | {r['build_s']} s | {r['rss_mb']} MB "
            f"| {r['served_rss_mb']:.0f} MB | {r['served_peak_mb']:.0f} MB | {r['served_p50_ms']} ms |"
        )
    save("scale", results, lines)
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(6, 4))
        for store in ("embedded", "server"):
            mine = [r for r in rows if r.get("mode", "embedded") == store]
            if not mine:
                continue
            sizes = [r["chunks"] for r in mine]
            ax.plot(sizes, [r["hybrid_p50_ms"] for r in mine], marker="o", label=f"{store}: hybrid p50")
            ax.plot(
                sizes,
                [r["hybrid_p95_ms"] for r in mine],
                marker="o",
                linestyle="--",
                label=f"{store}: hybrid p95",
            )
            ax.plot(
                sizes, [r["dense_only_p50_ms"] for r in mine], marker="s", label=f"{store}: dense-only p50"
            )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("chunks in the library")
        ax.set_ylabel("retrieval latency (ms)")
        ax.legend()
        fig.tight_layout()
        fig.savefig(RESULTS / "scale.png", dpi=120)
    except ImportError:
        print("matplotlib is not installed: no plot")


if __name__ == "__main__":
    main()
