"""Shared fixtures: a clean environment, articles written for the tests, and assistants.

Unit tests use the deterministic ``hash`` embedding; integration tests use the real
all-MiniLM-L6-v2 model and real Chroma. Article text from ../shared/data is read in place,
never copied into the repository.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SEED = SHARED / "seed" / "000_2b0fe4645fc6f911.txt"
REFERENCE_QUESTION = "What did Muraviev say about power balance?"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A developer's environment must not change a result."""
    for key in list(os.environ):
        if key.startswith(("ASSISTANT_", "OPENAI_")):
            monkeypatch.delenv(key)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.chdir(tmp_path)  # so no ./assistant.toml of the developer's is read


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.fail(f"the seed article is missing: {SEED} (../shared must sit beside the repo)")
    return SEED


ENERGY = """Grid operator warns of winter shortfall

The national grid operator said on Monday that electricity reserves could fall short in January.
"We are asking households to cut peak demand by five percent," said Dana Whitfield,
the operator's chief executive.
Whitfield added that two gas plants remain offline for repairs.
"""

HARBOR = """# Harbor expansion approved

The city council approved a $1.2 billion harbor expansion on Tuesday after a six-hour debate.
Councillor Ray Okafor voted against the plan. "The dredging will ruin the oyster beds," Okafor said.
Construction is expected to start in the spring and finish by 2029.
"""

HTML = """<!doctype html><html><head><title>Rail strike ends after three weeks | Daily Ledger</title>
<meta property="og:title" content="Rail strike ends after three weeks">
<meta name="author" content="Priya Nair">
<meta property="article:published_time" content="2024-03-14T09:00:00Z">
<link rel="canonical" href="https://ledger.example.com/news/rail-strike-ends">
</head><body><nav>Home | World | Sport</nav><article><h1>Rail strike ends after three weeks</h1>
<p>Rail workers voted on Wednesday to accept a new pay offer, ending a strike that lasted three weeks
and stranded thousands of commuters across the region.</p>
<p>"This deal recognises the work our members do every day," union leader Tomas Berg told reporters
outside the depot. The agreement raises wages by seven percent over two years.</p>
<p>Trains are expected to run a normal timetable from Monday, the operator said in a statement.</p>
</article><footer>Copyright Daily Ledger</footer></body></html>"""

RECORDS = [
    {
        "title": "Central bank holds rates steady",
        "text": "The central bank kept its main interest rate at 4.5 percent on Thursday. "
        "Governor Elena Marsh said inflation was cooling but remained above target. "
        "Markets had expected the decision.",
        "url": "https://news.example.org/economy/rates-steady?utm_source=feed",
        "authors": ["Sam Lee"],
        "publish_date": "2025/01/09",
    },
    {
        "title": "Wildfire contained near Alder Creek",
        "text": "Firefighters contained a wildfire near Alder Creek after four days. "
        "No homes were destroyed, the county fire chief said.",
        "url": "https://valley.example.net/fire-contained",
        "authors": [],
        "publish_date": "2024-08-02",
    },
]


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A folder with one article in each supported format (all written for the tests)."""
    return write_corpus(tmp_path / "corpus")


def write_corpus(root: Path) -> Path:
    (root / "nested").mkdir(parents=True)
    (root / "energy.txt").write_text(ENERGY, encoding="utf-8")
    (root / "nested" / "harbor.md").write_text(HARBOR, encoding="utf-8")
    (root / "rail.html").write_text(HTML, encoding="utf-8")
    (root / "rates.json").write_text(json.dumps(RECORDS[0]), encoding="utf-8")
    with gzip.open(root / "nested" / "feed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"question_id": "q1", "search_result": [RECORDS[1]]}) + "\n")
    (root / "notes.csv").write_text("not,an,article\n")  # ignored inside a directory
    return root


def _hash_library(root: Path, inputs: list[Path]) -> Path:
    """A library of ``inputs`` built with the hash embedding, in a clean environment."""
    from assistant import Assistant, Settings

    with pytest.MonkeyPatch.context() as env:
        for key in list(os.environ):
            if key.startswith(("ASSISTANT_", "OPENAI_")):
                env.delenv(key)
        bot = Assistant.from_settings(Settings(data_dir=root / "lib", embed={"backend": "hash"}))
        report = bot.ingest(inputs)
        bot.close()
    assert report.ok, report.failed
    return root / "lib"


@pytest.fixture(scope="session")
def seed_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article, ingested once per session (hash embedding); open it read-only."""
    return _hash_library(tmp_path_factory.mktemp("seed-lib"), [SEED])


@pytest.fixture(scope="session")
def news_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article and the written corpus, ingested once per session; open it read-only."""
    root = tmp_path_factory.mktemp("news-lib")
    return _hash_library(root, [write_corpus(root / "corpus"), SEED])


@pytest.fixture
def fast_assistant(tmp_path: Path) -> Iterator[object]:
    from assistant import Assistant, Settings

    bot = Assistant.from_settings(Settings(data_dir=tmp_path / "lib", embed={"backend": "hash"}))
    yield bot
    bot.close()
