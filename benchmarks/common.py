"""What every benchmark shares: when and where it ran, and writing its JSON and Markdown."""

from __future__ import annotations

import json
import os
import platform
from datetime import datetime, timezone
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def stamp() -> dict[str, str]:
    """The date (UTC) and a description of this machine, for every results file."""
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }


def save(stem: str, results: dict[str, object], lines: list[str]) -> None:
    """Write ``results/<stem>.json`` and ``results/<stem>.md`` and print the Markdown."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{stem}.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / f"{stem}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
