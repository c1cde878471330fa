"""Cold start: from a new `assistant ask` process to the answer, and what the time goes to.

Runs the real CLI in fresh processes (the seed article's library, built once) and reports the
wall time; then, in one more fresh process, times each stage: importing the packages, building
the Assistant (Chroma open), and the first question (model load, keyword segments mapped,
first encode).
Both precisions, in the same run: int8 (the default: ONNX Runtime) and fp32 (PyTorch).
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


PRECISIONS = {"int8 (default)": "true", "fp32": "false"}


def measure(env: dict[str, str], runs: int) -> dict[str, object]:
    """CLI wall times and per-stage times for a fresh library under ``env``."""
    with tempfile.TemporaryDirectory(prefix="coldstart-") as lib:
        cli = [sys.executable, "-m", "assistant", "--data-dir", lib]
        subprocess.run([*cli, "ingest", str(SEED)], env=env, check=True, capture_output=True)
        walls = []
        for _ in range(runs):
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
    return {
        "cli_ask_wall_s": [round(w, 2) for w in walls],
        "cli_ask_median_s": round(statistics.median(walls), 2),
        "stages_s": {k: round(v, 2) for k, v in stages.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(HF_HUB_OFFLINE="1", TQDM_DISABLE="1")
    rows = {
        name: measure({**env, "ASSISTANT_EMBED__QUANTIZE": flag}, args.runs)
        for name, flag in PRECISIONS.items()
    }
    results = {**stamp(), "rows": rows}
    names = list(rows)
    stage = {n: rows[n]["stages_s"] for n in names}

    def cells(key: str) -> str:
        return " | ".join(str(stage[n][key]) for n in names)  # type: ignore[index]

    lines = [
        f"Measured {results['date']} on {results['machine']}.",
        "",
        "`assistant ask` in a new process, median over "
        f"{args.runs} runs: "
        + "; ".join(
            f"{n} {rows[n]['cli_ask_median_s']} s ({', '.join(map(str, rows[n]['cli_ask_wall_s']))})"  # type: ignore[call-overload]
            for n in names
        )
        + ".",
        "",
        "| stage | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
        f"| import assistant (providers are imported lazily) | {cells('imports_s')} |",
        f"| Assistant.from_settings (chromadb import, Chroma and catalog open) | {cells('open_s')} |",
        "| first ask (embedding runtime import and model load, keyword segments mapped, first encode) "
        f"| {cells('first_ask_s')} |",
        f"| baseline: the same ask again, warm | {cells('warm_ask_s')} |",
    ]
    save("coldstart", results, lines)


if __name__ == "__main__":
    main()
