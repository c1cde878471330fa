"""Load test: concurrent chat sessions against `assistant serve` on loopback, bounded in time.

Two configurations, one after the other, on a library of the seed article plus one RealTime QA
week (built once, cached in benchmarks/.cache/load-library):

- one app server on the library in its data dir (embedded Chroma);
- SERVERS app servers, each with a fresh data dir of its own, on one `chroma run` server that
  holds the library (ingested through yet another data dir): each rebuilds its catalog and
  keyword index from the Chroma server when it starts.

Each runs SESSIONS browser-like sessions (each a gradio_client with its own server-side chat
history, spread over the app servers) asking known questions for DURATION seconds. Reported:
failed requests, wrong answers (every answer must equal what a quiet session gets from the
first server), latency p50/p95, throughput, and the app servers' resident memory at start,
peak and end. Writes benchmarks/results/load.json and load.md.

Usage: python benchmarks/load.py [--sessions 20] [--duration 120] [--servers 2]
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
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def _week_file(folder: Path) -> Path:
    week = folder / "week.jsonl"
    with gzip.open(DATA / "realtimeqa" / "20250103_gcs.jsonl.gz", "rt") as src, open(week, "w") as dst:
        for line in src:
            for record in json.loads(line)["search_result"]:
                record["text"] = (record.get("text") or "")[:6000]
                dst.write(json.dumps(record) + "\n")
    return week


def build_library(folder: Path, env: dict[str, str]) -> Path:
    """The seed article plus one RealTime QA week, ingested into ``folder`` (once) under ``env``."""
    if (folder / "ready").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    week = _week_file(folder)
    cmd = [
        sys.executable,
        "-m",
        "assistant",
        "--data-dir",
        str(folder),
        "ingest",
        str(DATA / "seed"),
        str(week),
    ]
    # Exits 1 when some records of the week cannot be read (empty texts): the rest is stored.
    done = subprocess.run(cmd, check=False, env={**env, "TQDM_DISABLE": "1"}, capture_output=True, text=True)
    if not re.search(r"Added [1-9]", done.stdout + done.stderr):
        raise RuntimeError(f"building the load library failed: {done.stderr[-2000:]}")
    (folder / "ready").write_text("ok")
    return folder


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


def start_app(data_dir: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """`assistant serve` on a free loopback port, once it answers."""
    from servers import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "assistant", "--data-dir", str(data_dir), "serve", "--port", str(port)]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait(lambda: urllib.request.urlopen(url, timeout=2).close())
    return server, url


def start_chroma(path: Path) -> tuple[subprocess.Popen[bytes], int]:
    """`chroma run` on a free loopback port, once it accepts connections."""
    import socket

    from servers import free_port

    port = free_port()
    chroma = shutil.which("chroma") or str(ROOT / ".venv" / "bin" / "chroma")
    cmd = [chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait(lambda: socket.create_connection(("127.0.0.1", port), timeout=0.5).close())
    return server, port


def _wait(probe: Callable[[], None], seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            probe()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _ask(client: Any, question: str) -> str:
    return _text(client.predict(question, [], [], "", "", api_name="/respond")[0][-1]["content"])


def measure(
    urls: list[str], pids: list[int], sessions: int, duration: float, max_requests: int
) -> dict[str, Any]:
    """``sessions`` chat sessions spread over the app servers at ``urls`` for ``duration`` seconds.

    Every answer must be the one a quiet session gets from the first server (so the servers
    must agree with each other too); RSS is the app servers' summed.
    """
    from gradio_client import Client

    quiet = [Client(url, verbose=False) for url in urls]
    baseline = {q: _ask(quiet[0], q) for q, _ in QUESTIONS}
    disagree = [
        q for client in quiet[1:] for q, _ in QUESTIONS if _same(_ask(client, q)) != _same(baseline[q])
    ]
    rss_start = sum(rss_mb(pid) for pid in pids)
    latencies: list[float] = []
    failures: list[str] = []
    wrong: list[str] = list(disagree)
    lock = threading.Lock()
    stop_at = time.monotonic() + duration
    peak = [rss_start]

    def session(k: int) -> None:
        client = Client(urls[k % len(urls)], verbose=False)
        for i in range(max_requests):
            if time.monotonic() >= stop_at:
                return
            question, expected = QUESTIONS[(k + i) % len(QUESTIONS)]
            t0 = time.perf_counter()
            try:
                html = _ask(client, question)
                took = time.perf_counter() - t0
                text = re.sub(r"<[^>]+>", "", html).replace("&#x27;", "'")
                ok = expected in text and _same(html) == _same(baseline[question])
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
            now = sum(rss_mb(pid) for pid in pids)
            peak[0] = max(peak[0], now)
            second = int(time.monotonic() - begun)
            if second // 30 > len(timeline) - 1 or not timeline:
                timeline.append((second, round(now)))
            time.sleep(1)

    threads = [threading.Thread(target=session, args=(k,)) for k in range(sessions)]
    sampler = threading.Thread(target=sample, daemon=True)
    started = time.monotonic()
    sampler.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    ordered = sorted(latencies)
    return {
        "app_servers": len(urls),
        "seconds": round(elapsed, 1),
        "requests": len(latencies) + len(failures),
        "failed": len(failures),
        "wrong_answers": len(wrong),
        "p50_s": round(statistics.median(ordered), 2) if ordered else None,
        "p95_s": round(ordered[int(0.95 * (len(ordered) - 1))], 2) if ordered else None,
        "answers_per_s": round(len(latencies) / elapsed, 2),
        "rss_mb_start": round(rss_start),
        "rss_mb_peak": round(peak[0]),
        "rss_mb_end": round(sum(rss_mb(pid) for pid in pids)),
        "rss_mb_every_30s": timeline,
        "failures_sample": failures[:3],
        "wrong_sample": sorted(set(wrong))[:3],
    }


def _stop(*processes: subprocess.Popen[bytes]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


def embedded(env: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    """One app server on the library in its data dir (embedded Chroma)."""
    library = build_library(CACHE / "embedded", env)
    server, url = start_app(library, env)
    try:
        return measure([url], [server.pid], args.sessions, args.duration, args.max_requests)
    finally:
        _stop(server)


def shared(env: dict[str, str], args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """``--servers`` app servers with fresh data dirs of their own on one Chroma server; the
    library was ingested through yet another data dir, so each server first rebuilds its
    catalog and keyword index from what the Chroma server holds."""
    chroma, port = start_chroma(CACHE / "chroma-server")
    servers: list[subprocess.Popen[bytes]] = []
    try:
        env = {**env, "ASSISTANT_STORE__CHROMA_HOST": "127.0.0.1", "ASSISTANT_STORE__CHROMA_PORT": str(port)}
        build_library(CACHE / "shared-ingest", env)
        urls = []
        for n in range(args.servers):
            server, url = start_app(work / f"app-{n}", env)
            servers.append(server)
            urls.append(url)
        row = measure(urls, [s.pid for s in servers], args.sessions, args.duration, args.max_requests)
        row["chroma_rss_mb_end"] = round(rss_mb(chroma.pid))
        return row
    finally:
        _stop(*servers, chroma)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=120.0)
    parser.add_argument("--max-requests", type=int, default=400, help="per session, a hard bound")
    parser.add_argument("--servers", type=int, default=2, help="app servers sharing one Chroma server")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(HF_HUB_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False")
    with tempfile.TemporaryDirectory(prefix="load-") as work:
        rows = {
            "1 app server, embedded Chroma": embedded(env, args),
            f"{args.servers} app servers, one Chroma server": shared(env, args, Path(work)),
        }
    results = {**stamp(), "sessions": args.sessions, "duration_s": args.duration, "rows": rows}
    lines = [
        f"Measured {results['date']} on {results['machine']}: {args.sessions} concurrent chat sessions for "
        f"{args.duration:.0f} s per configuration against `assistant serve` (extractive answers with the "
        "default int8 embeddings, seed + 1 RealTime QA week). Sessions are spread over the app servers.",
        "",
        "| configuration | requests | failed | wrong answers | p50 | p95 | answers/s "
        "| app servers' RSS start / peak / end |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in rows.items():
        lines.append(
            f"| {name} | {r['requests']} | {r['failed']} | {r['wrong_answers']} | {r['p50_s']} s "
            f"| {r['p95_s']} s | {r['answers_per_s']} | {r['rss_mb_start']} / {r['rss_mb_peak']} / "
            f"{r['rss_mb_end']} MB |"
        )
    lines += [""] + [
        f"{name}: RSS every 30 s (s, MB): " + ", ".join(f"{t}: {m}" for t, m in r["rss_mb_every_30s"])
        for name, r in rows.items()
    ]
    chroma_rss = next((r["chroma_rss_mb_end"] for r in rows.values() if "chroma_rss_mb_end" in r), None)
    if chroma_rss is not None:
        lines.append(f"The Chroma server's RSS at the end: {chroma_rss} MB.")
    save("load", results, lines)
    if any(r["failed"] or r["wrong_answers"] for r in rows.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
