"""Cold start: from a new `assistant ask` process to the answer, and what the time goes to.

Runs the real CLI in fresh processes (the seed article's library, built once) and reports the
wall time; then, in one more fresh process, times each stage: importing the packages, building
the Assistant (model load, Chroma open), and the first question (BM25 load, first encode).
Writes benchmarks/results/coldstart.{json,md}.

Usage: python benchmarks/coldstart.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import save, stamp

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "data" / "seed"
RESULTS = ROOT / "benchmarks" / "results"
QUESTION = "What did Muraviev say about power balance?"
STAGES = r"""
import json, sys, time
t0 = time.perf_counter()
import assistant
from assistant import Assistant, Settings

t1 = time.perf_counter()
bot = Assistant.from_settings(Settings(data_dir=sys.argv[1]))
t2 = time.perf_counter()
bot.ask(sys.argv[2])
t3 = time.perf_counter()
bot.ask(sys.argv[2])
t4 = time.perf_counter()
print(json.dumps({"imports_s": t1 - t0, "open_s": t2 - t1, "first_ask_s": t3 - t2, "warm_ask_s": t4 - t3}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(HF_HUB_OFFLINE="1", TQDM_DISABLE="1")
    with tempfile.TemporaryDirectory(prefix="coldstart-") as lib:
        cli = [sys.executable, "-m", "assistant", "--data-dir", lib]
        subprocess.run([*cli, "ingest", str(SEED)], env=env, check=True, capture_output=True)
        walls = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            subprocess.run([*cli, "ask", "--json", QUESTION], env=env, check=True, capture_output=True)
            walls.append(time.perf_counter() - t0)
        stages = json.loads(
            subprocess.run(
                [sys.executable, "-c", STAGES, lib, QUESTION],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
    results = {
        **stamp(),
        "cli_ask_wall_s": [round(w, 2) for w in walls],
        "cli_ask_median_s": round(statistics.median(walls), 2),
        "stages_s": {k: round(v, 2) for k, v in stages.items()},
    }
    s = results["stages_s"]
    lines = [
        f"Measured {results['date']} on {results['machine']}.",
        "",
        f"`assistant ask` in a new process: median {results['cli_ask_median_s']} s over {args.runs} runs "
        f"({', '.join(str(w) for w in results['cli_ask_wall_s'])} s).",
        "",
        "| stage | seconds |",
        "|---|---|",
        f"| import assistant (providers are imported lazily) | {s['imports_s']} |",
        f"| Assistant.from_settings (chromadb and llama-index imports, Chroma open) | {s['open_s']} |",
        f"| first ask (torch and sentence-transformers import, MiniLM load, BM25 load, first encode) "
        f"| {s['first_ask_s']} |",
        f"| baseline: the same ask again, warm | {s['warm_ask_s']} |",
    ]
    save("coldstart", results, lines)


if __name__ == "__main__":
    main()
