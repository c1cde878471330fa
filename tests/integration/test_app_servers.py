"""Several app servers, each with its own data dir, sharing one library on a real `chroma run`.

Real processes throughout: a long-running app server that answers questions, the CLI ingesting
and removing through another data dir, and an ingest killed with SIGKILL while it holds the
library's ingest lock (hash embedding keeps the runs short).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import Assistant, Settings

QUESTION = "What did Muraviev say about power balance?"
APP_SERVER = r"""
import json, sys
from assistant import Assistant, Settings

bot = Assistant.from_settings(Settings(data_dir=sys.argv[1]))
print("ready", flush=True)
for line in sys.stdin:
    answer = bot.ask(line.strip())
    cited = [{"article_id": c.article_id, "quote": c.quote} for c in answer.citations]
    print(json.dumps({"refused": answer.refused, "citations": cited}), flush=True)
"""


def _env(host: str, port: int, collection: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OPENAI_"))}
    env.update(
        HF_HUB_OFFLINE="1",
        TQDM_DISABLE="1",
        ASSISTANT_EMBED__BACKEND="hash",
        ASSISTANT_STORE__CHROMA_HOST=host,
        ASSISTANT_STORE__CHROMA_PORT=str(port),
        ASSISTANT_STORE__COLLECTION=collection,
        ASSISTANT_STORE__LEASE_SECONDS="3",
    )
    return env


def _cli(env: dict[str, str], data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "assistant", "--data-dir", str(data_dir), *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)


def _assistant(env: dict[str, str], data_dir: Path) -> Assistant:
    """An assistant in this process on the shared library ``env`` names, with its own data dir."""
    store = {
        "chroma_host": env["ASSISTANT_STORE__CHROMA_HOST"],
        "chroma_port": int(env["ASSISTANT_STORE__CHROMA_PORT"]),
        "collection": env["ASSISTANT_STORE__COLLECTION"],
    }
    return Assistant.from_settings(Settings(data_dir=data_dir, embed={"backend": "hash"}, store=store))


class AppServer:
    """A long-running process holding one Assistant, asked questions over its stdin."""

    def __init__(self, env: dict[str, str], data_dir: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", APP_SERVER, str(data_dir)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None and self.process.stdout.readline().strip() == "ready"

    def ask(self, question: str) -> dict[str, object]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(question + "\n")
        self.process.stdin.flush()
        return dict(json.loads(self.process.stdout.readline()))

    def until(self, refused: bool, seconds: float = 15.0) -> tuple[dict[str, object], float]:
        """Ask until the answer is (or is not) refused; the answer and how long it took."""
        started = time.monotonic()
        while True:
            answer = self.ask(QUESTION)
            if answer["refused"] == refused or time.monotonic() - started > seconds:
                return answer, time.monotonic() - started
            time.sleep(0.2)

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def shared_env(chroma_server: tuple[str, int]) -> dict[str, str]:
    host, port = chroma_server
    return _env(host, port, f"t{uuid.uuid4().hex[:8]}")


@pytest.fixture
def app_server(shared_env: dict[str, str], tmp_path: Path) -> Iterator[AppServer]:
    server = AppServer(shared_env, tmp_path / "server-b")
    yield server
    server.close()


def test_what_one_app_server_ingests_or_removes_the_other_answers_within_seconds(
    shared_env: dict[str, str], app_server: AppServer, tmp_path: Path, seed_path: Path
) -> None:
    assert app_server.ask(QUESTION)["refused"]  # opened on an empty library
    done = _cli(shared_env, tmp_path / "server-a", "ingest", str(seed_path))
    assert done.returncode == 0, done.stderr

    answer, seconds = app_server.until(refused=False)
    citations = answer["citations"]
    assert isinstance(citations, list) and citations, answer
    assert any("power balance" in c["quote"] for c in citations)
    assert seconds < 5

    removed = _cli(shared_env, tmp_path / "server-a", "remove", citations[0]["article_id"])
    assert removed.returncode == 0, removed.stderr
    answer, seconds = app_server.until(refused=True)
    assert answer["refused"] and seconds < 5

    listed = _cli(shared_env, tmp_path / "server-c", "list", "--json")  # a third, fresh data dir
    assert listed.returncode == 0 and json.loads(listed.stdout) == []


@pytest.fixture(scope="module")
def corpus(week_records: Path) -> Path:
    return week_records


def _shared_articles(env: dict[str, str]) -> int:
    import chromadb

    client = chromadb.HttpClient(
        host=env["ASSISTANT_STORE__CHROMA_HOST"], port=int(env["ASSISTANT_STORE__CHROMA_PORT"])
    )
    try:
        return int(client.get_collection(f"{env['ASSISTANT_STORE__COLLECTION']}-library-articles").count())
    except Exception:  # not created yet
        return 0


def test_one_ingest_at_a_time_and_a_killed_app_servers_lock_is_taken_over(
    shared_env: dict[str, str], tmp_path: Path, corpus: Path, seed_path: Path
) -> None:
    first = subprocess.Popen(
        [sys.executable, "-m", "assistant", "--data-dir", str(tmp_path / "a"), "ingest", str(corpus)],
        env=shared_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while _shared_articles(shared_env) < 20 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.1)
    assert first.poll() is None, "the first ingest ended before the test could interrupt it"

    busy = _cli(shared_env, tmp_path / "b", "ingest", str(seed_path))
    assert busy.returncode == 1
    assert "is busy" in busy.stderr and f"pid {first.pid}" in busy.stderr, busy.stderr

    first.send_signal(signal.SIGKILL)  # killed mid-ingest, holding the lock
    first.wait()
    time.sleep(4)  # its lease (3 s here) runs out
    done = _cli(shared_env, tmp_path / "b", "ingest", str(corpus), str(seed_path))
    assert done.returncode == 0, done.stderr

    bot = _assistant(shared_env, tmp_path / "b")
    lib = bot.library
    counts = lib.store.chunk_counts()
    catalog = lib.catalog.chunk_counts()
    assert counts == catalog  # no chunk without its article, no article short of chunks
    assert sorted(lib.keyword.chunk_ids(lib.catalog.generation())) == sorted(
        lib.store.collection.get(include=[])["ids"]
    )
    assert "power balance" in bot.ask(QUESTION).citations[0].quote
    bot.close()

    again = _cli(shared_env, tmp_path / "a", "list", "--json")  # the killed server's data dir
    assert again.returncode == 0, again.stderr
    assert sorted(a["id"] for a in json.loads(again.stdout)) == sorted(catalog)


def test_a_conversation_saved_through_one_app_server_is_continued_through_another(
    shared_env: dict[str, str], tmp_path: Path, seed_path: Path
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert _cli(shared_env, a, "ingest", str(seed_path)).returncode == 0

    def chat(data_dir: Path, *questions: str, resume: str = "") -> str:
        cmd = [sys.executable, "-m", "assistant", "--data-dir", str(data_dir), "chat"]
        cmd += ["--resume", resume] if resume else []
        done = subprocess.run(
            cmd,
            env=shared_env,
            input="\n".join([*questions, ""]) + "\n",
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "Saved as conversation" in chat(a, QUESTION)
    listed = _cli(shared_env, b, "conversations", "--json")  # another app server, its own data dir
    (saved,) = json.loads(listed.stdout)
    assert saved["title"] == QUESTION and saved["questions"] == 1
    assert "Continuing conversation" in chat(b, "What about Ukraine?", resume=saved["id"])
    shown = _cli(shared_env, a, "conversations", "show", saved["id"], "--json")
    turns = json.loads(shown.stdout)["turns"]
    assert [t["standalone"] for t in turns] == [QUESTION, "What did Muraviev say about Ukraine?"]
    assert "power balance" in turns[0]["citations"][0]["quote"]
    assert not (a / "conversations.sqlite3").exists() and not (b / "conversations.sqlite3").exists()
    assert _cli(shared_env, b, "conversations", "delete", saved["id"]).returncode == 0
    assert json.loads(_cli(shared_env, a, "conversations", "--json").stdout) == []


def test_an_account_added_through_one_app_server_logs_in_on_another(
    shared_env: dict[str, str], tmp_path: Path
) -> None:
    cmd = [sys.executable, "-m", "assistant", "--data-dir", str(tmp_path / "a"), "users", "add", "ana"]
    cmd += ["--admin", "--password-stdin"]
    added = subprocess.run(
        cmd, env=shared_env, input="ana-long-password\n", capture_output=True, text=True, timeout=300
    )
    assert added.returncode == 0 and "ana is an admin of the Chroma server at" in added.stdout, added.stderr
    assert _cli(shared_env, tmp_path / "b", "users", "list").stdout.strip() == "ana  (admin)"
    bot = _assistant(shared_env, tmp_path / "b")
    try:
        assert bot.users.check("ana", "ana-long-password") and not bot.users.check("ana", "wrong-password!")
    finally:
        bot.close()
