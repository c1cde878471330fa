"""Load test: concurrent chat sessions against `assistant serve` on loopback, bounded in time.

Starts the app on a free 127.0.0.1 port over a library of the seed article plus one RealTime QA
week (built once, cached in benchmarks/.cache), then runs SESSIONS browser-like sessions (each a
gradio_client with its own server-side chat history) asking known questions for DURATION
seconds. Reports failed requests, wrong answers, latency p50/p95, throughput, and the server's
resident memory at start, peak and end. Writes benchmarks/results/load.json and load.md.

Usage: python benchmarks/load.py [--sessions 20] [--duration 120]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from common import save, stamp

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CACHE = ROOT / "benchmarks" / ".cache" / "load-library"
RESULTS = ROOT / "benchmarks" / "results"
# (question, what the final answer must contain: a quote, or the refusal's marker)
QUESTIONS = [
    ("What did Muraviev say about power balance?", "power balance"),
    ("What did Hu Xijin say?", "Hu Xijin"),
    ("What did Blinken say about Europe?", "biggest threat to European security"),
    ("What did Zelensky say about Bitcoin?", "No answer."),
    ("What is the new owner of the historic du Pont estate Granogue?", "Longwood Gardens"),
]


def build_library() -> Path:
    if (CACHE / "ready").exists():
        return CACHE
    shutil.rmtree(CACHE, ignore_errors=True)
    CACHE.mkdir(parents=True)
    week = CACHE / "week.jsonl"
    with gzip.open(DATA / "realtimeqa" / "20250103_gcs.jsonl.gz", "rt") as src, open(week, "w") as dst:
        for line in src:
            for record in json.loads(line)["search_result"]:
                record["text"] = (record.get("text") or "")[:6000]
                dst.write(json.dumps(record) + "\n")
    cmd = [
        sys.executable,
        "-m",
        "assistant",
        "--data-dir",
        str(CACHE),
        "ingest",
        str(DATA / "seed"),
        str(week),
    ]
    subprocess.run(cmd, check=False, env={**os.environ, "TQDM_DISABLE": "1"}, capture_output=True)
    (CACHE / "ready").write_text("ok")
    return CACHE


def _text(content: object) -> str:
    """A chat message's content as text (gradio_client returns a list of parts)."""
    if isinstance(content, str):
        return content
    return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))  # type: ignore[attr-defined]


def _same(html: str) -> str:
    """An answer's HTML without its per-turn anchor ids, which differ between sessions."""
    return re.sub(r"src-\d+-", "src-", html)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=120.0)
    parser.add_argument("--max-requests", type=int, default=400, help="per session, a hard bound")
    args = parser.parse_args()
    from gradio_client import Client

    sys.path.insert(0, str(ROOT / "tests"))
    from servers import free_port

    library = build_library()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(HF_HUB_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False")
    cmd = [sys.executable, "-m", "assistant", "--data-dir", str(library), "serve", "--port", str(port)]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                time.sleep(0.5)
        # The answers one quiet session gets: under load every answer must be exactly these.
        warm = Client(url, verbose=False)
        baseline = {
            q: _text(warm.predict(q, [], [], "", "", api_name="/respond")[0][-1]["content"])
            for q, _ in QUESTIONS
        }
        rss_start = rss_mb(server.pid)
        latencies: list[float] = []
        failures: list[str] = []
        wrong: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.duration
        peak = [rss_start]

        def session(k: int) -> None:
            client = Client(url, verbose=False)
            for i in range(args.max_requests):
                if time.monotonic() >= stop_at:
                    return
                question, expected = QUESTIONS[(k + i) % len(QUESTIONS)]
                t0 = time.perf_counter()
                try:
                    history, _, _ = client.predict(question, [], [], "", "", api_name="/respond")
                    took = time.perf_counter() - t0
                    html = _text(history[-1]["content"])
                    ok = expected in re.sub(r"<[^>]+>", "", html).replace("&#x27;", "'") and _same(
                        html
                    ) == _same(baseline[question])
                    with lock:
                        latencies.append(took)
                        if not ok:
                            wrong.append(question)
                except Exception as exc:  # a failed request is a result, not a crash
                    with lock:
                        failures.append(f"{type(exc).__name__}: {exc}"[:200])

        timeline: list[tuple[int, int]] = []

        def sample() -> None:
            begun = time.monotonic()
            while time.monotonic() < stop_at + 5:
                now = rss_mb(server.pid)
                peak[0] = max(peak[0], now)
                second = int(time.monotonic() - begun)
                if second // 30 > len(timeline) - 1 or not timeline:
                    timeline.append((second, round(now)))
                time.sleep(1)

        threads = [threading.Thread(target=session, args=(k,)) for k in range(args.sessions)]
        sampler = threading.Thread(target=sample, daemon=True)
        started = time.monotonic()
        sampler.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        rss_end = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    ordered = sorted(latencies)
    results = {
        **stamp(),
        "sessions": args.sessions,
        "seconds": round(elapsed, 1),
        "requests": len(latencies) + len(failures),
        "failed": len(failures),
        "wrong_answers": len(wrong),
        "p50_s": round(statistics.median(ordered), 2) if ordered else None,
        "p95_s": round(ordered[int(0.95 * (len(ordered) - 1))], 2) if ordered else None,
        "answers_per_s": round(len(latencies) / elapsed, 2),
        "rss_mb_start": round(rss_start),
        "rss_mb_peak": round(peak[0]),
        "rss_mb_end": round(rss_end),
        "rss_mb_every_30s": timeline,
        "failures_sample": failures[:3],
        "wrong_sample": sorted(set(wrong))[:3],
    }
    table = "\n".join(
        [
            f"Measured {results['date']} on {results['machine']}: {args.sessions} concurrent chat sessions "
            f"for {results['seconds']} s against `assistant serve` (extractive answers, "
            "seed + 1 RealTime QA week).",
            "",
            "| requests | failed | wrong answers | p50 | p95 | answers/s | server RSS start / peak / end |",
            "|---|---|---|---|---|---|---|",
            f"| {results['requests']} | {results['failed']} | {results['wrong_answers']} "
            f"| {results['p50_s']} s "
            f"| {results['p95_s']} s | {results['answers_per_s']} | {results['rss_mb_start']} / "
            f"{results['rss_mb_peak']} / {results['rss_mb_end']} MB |",
            "",
            "Server RSS every 30 s (s, MB): " + ", ".join(f"{t}: {m}" for t, m in timeline),
        ]
    )
    save("load", results, table.split("\n"))
    if failures or wrong:
        sys.exit(1)


if __name__ == "__main__":
    main()
