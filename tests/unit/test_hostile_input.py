"""A folder of hostile files: each bad one gets a reason, every good one is still ingested,
and no question, however odd, produces a traceback."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from assistant import Assistant, AssistantError
from assistant.cli import main
from assistant.query import MAX_QUESTION_CHARS

GOOD = (
    "Port strike ends\nDock workers voted on Friday to end a nine-day strike at the port, union leaders said."
)


def zeros_gz(megabytes: int) -> bytes:
    """A gzip file of ``megabytes`` MB of zero bytes on one line: about a thousandth of that."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip container
    block = b"0" * 2**20
    return b"".join(squeeze.compress(block) for _ in range(megabytes)) + squeeze.flush()


def hostile_folder(root: Path) -> dict[str, str]:
    """Write the hostile corpus; returns {file name: words its failure reason must contain}."""
    root.mkdir()
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "latin1.txt").write_bytes("Café vote\nThe café owners voted against the plan.".encode("latin-1"))
    (root / "utf16.txt").write_bytes("Zürich poll\nVoters in Zürich backed the tram line.".encode("utf-16"))
    (root / "odd name – ü ✓ (1).md").write_text(
        "# Odd name\nA file with an odd name was read.", encoding="utf-8"
    )
    (root / "records.jsonl").write_text(
        json.dumps({"title": "Mayor re-elected", "text": "The mayor won a third term on Sunday."})
        + "\n{this is not json\n"
        + json.dumps({"title": "no text field"})
        + "\n"
    )
    expected = {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "huge.txt": "may be at most 1 MB",
        "nobody.html": "no article text",
        "scripts.html": "no article text",
        "nested.html": "no article text",
        "truncated.jsonl.gz": "damaged or cut short",
        "loop": "link loop",
        "noise.txt": "mostly control or unprintable characters",
        "endless.jsonl.gz": "longer than 16 MB",
        "sprawl.jsonl": "expands to more than 4 MB",
    }
    # Random bytes with no NUL: decoded, they are mostly control characters.
    (root / "noise.txt").write_bytes(os.urandom(8192).replace(b"\x00", b"\x01"))
    (root / "endless.jsonl.gz").write_bytes(zeros_gz(64))  # one line of 64 MB
    (root / "sprawl.jsonl").write_bytes(b"\n" * (5 * 2**20))  # many empty lines: 5 MB
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(os.urandom(2048).replace(b"\x00", b"\x01") + b"\x00" * 64)
    with open(root / "huge.txt", "wb") as fh:  # over the limit the test sets (1 MB)
        fh.write(b"Huge\n" + b"word " * (2 * 1024 * 1024 // 5))
    (root / "nobody.html").write_text("<html><head><title>Only a title</title></head></html>")
    (root / "scripts.html").write_text(
        "<html><body><script>var a = 1;</script><script>go()</script></body></html>"
    )
    (root / "nested.html").write_text(
        "<html><body>" + "<div>" * 20000 + "deep" + "</div>" * 20000 + "</body></html>"
    )
    data = gzip.compress(
        "".join(
            json.dumps({"title": f"t{i}", "text": f"Body {i} {i * 31337:x}."}) + "\n" for i in range(300)
        ).encode()
    )
    (root / "truncated.jsonl.gz").write_bytes(data[: len(data) // 2])
    os.symlink(root / "loop", root / "loop")
    return expected


def test_hostile_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "hostile"
    expected = hostile_folder(folder)
    monkeypatch.setattr("index.read.files.MAX_ARTICLE_FILE_BYTES", 1024 * 1024)  # 10 MB by default
    monkeypatch.setenv("ASSISTANT_EMBED__BACKEND", "hash")
    monkeypatch.setenv("ASSISTANT_INGEST__MAX_DECOMPRESSED_MB", "4")  # 512 MB by default
    lib = tmp_path / "lib"
    files = [str(p) for p in sorted(folder.iterdir())] + [str(tmp_path / "missing.txt")]
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(lib), "ingest", "--json", *files])
    assert exit_info.value.code == 1
    report = json.loads(capsys.readouterr().out)
    reasons: dict[str, str] = {}
    for failure in report["failed"]:
        name = Path(failure["source"].split(":")[0]).name
        reasons[name] = reasons.get(name, "") + failure["reason"]
    for name, words in expected.items():
        assert name in reasons, f"{name} was not reported"
        assert words in reasons[name], (name, reasons[name])
    assert "not valid JSON" in reasons["records.jsonl"] and "no 'text'" in reasons["records.jsonl"]
    assert reasons["missing.txt"] == "no such file or directory"

    bot = Assistant.from_settings(__import__("assistant").Settings(data_dir=lib, embed={"backend": "hash"}))
    titles = {i.title for i in bot.articles()}
    assert {"Port strike ends", "Café vote", "Zürich poll", "Odd name", "Mayor re-elected"} <= titles
    assert not any(t.startswith("Huge") for t in titles)
    assert "t0" in titles and "t299" not in titles  # intact records before the damage are kept
    bot.close()


@pytest.fixture
def port(fast_assistant: Assistant, tmp_path: Path) -> Assistant:
    (tmp_path / "good.txt").write_text(GOOD)
    fast_assistant.ingest([tmp_path / "good.txt"])
    return fast_assistant


def test_shouting_and_punctuation_do_not_hide_the_question(port: Assistant) -> None:
    answer = port.ask("!!! when did dock workers END the STRIKE at the port ???")
    assert not answer.refused
    assert answer.citations[0].quote == GOOD.splitlines()[1]


def test_markup_pasted_with_a_question_is_read_as_its_text(port: Assistant) -> None:
    """A question copied from a web page keeps its link markup; the words the markup would
    add ("href", the link's address) are not words of the question."""
    answer = port.ask(
        'When did the <a data-analytics-id="inline-link" href="https://example.com/tag/port">dock '
        "workers</a> end the strike at the port?"
    )
    assert answer.question == "When did the dock workers end the strike at the port?"
    assert not answer.refused
    assert answer.citations[0].quote == GOOD.splitlines()[1]


def test_a_very_long_question_is_cut_not_fatal(port: Assistant) -> None:
    answer = port.ask("When did the dock workers end the strike at the port? " * 100)
    assert len(answer.question) == MAX_QUESTION_CHARS


@pytest.mark.parametrize(
    "question",
    [
        "¿Qué dijeron los trabajadores del puerto sobre la huelga?",
        "港口罢工什么时候结束？",
        "Что сказали докеры?",
    ],
)
def test_questions_the_english_articles_cannot_match_are_refused(port: Assistant, question: str) -> None:
    answer = port.ask(question)
    assert answer.refused and not answer.citations
    assert "do not answer" in answer.text


@pytest.mark.parametrize("question", ["", "   \n\t", "?!?!...;;"])
def test_wordless_questions_are_a_clear_message(fast_assistant: Assistant, question: str) -> None:
    with pytest.raises(AssistantError, match="at least one word"):
        fast_assistant.ask(question)


# The process's own peak memory: VmHWM starts afresh at exec (getrusage's ru_maxrss would
# carry the forking test process's size over). Each script ends by printing it to stderr.
_PEAK_AFTER = """
finally:
    status = open("/proc/self/status").read()
    print("peak-rss-kb", re.search(r"VmHWM:\\s+(\\d+)", status).group(1), file=sys.stderr)
"""
_CLI = """
import re, sys
from assistant.cli import main
try:
    main(sys.argv[1:])
"""
_UPLOAD = """
import re, sys
from assistant.api import Assistant
from assistant.config import Settings
from assistant.ui import ChatApp
try:
    bot = Assistant.from_settings(Settings(data_dir=sys.argv[1]))
    print(ChatApp(bot).add_files([sys.argv[2]])[0])
"""


def _run_measured(script: str, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``script`` in a new Python with the hash embedding; its result and peak memory in MB."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_EMBED__BACKEND="hash", HF_HUB_OFFLINE="1")
    cmd = [sys.executable, "-c", script + _PEAK_AFTER, *args]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    return done, int(done.stderr.split("peak-rss-kb")[-1].split()[0]) / 1024


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".json.gz"])
def test_a_decompression_bomb_is_refused_with_flat_memory(tmp_path: Path, suffix: str) -> None:
    """2 MB of gzip that expands to 2 GB on one line: refused, and the process never holds it."""
    bomb = tmp_path / f"bomb{suffix}"
    bomb.write_bytes(zeros_gz(2048))
    assert bomb.stat().st_size < 3 * 2**20
    done, peak_mb = _run_measured(_CLI, "--data-dir", str(tmp_path / "lib"), "ingest", "--json", str(bomb))
    report = json.loads(done.stdout)
    assert done.returncode == 1 and report["added"] == []
    (failure,) = report["failed"]
    assert "16 MB" in failure["reason"] and "refused" in failure["reason"]
    assert peak_mb < 500, f"peak memory {peak_mb:.0f} MB"


def test_a_decompression_bomb_upload_is_refused_with_flat_memory(tmp_path: Path) -> None:
    """The same bomb through the browser's Add button (the handler the page calls)."""
    bomb = tmp_path / "bomb.json.gz"
    bomb.write_bytes(zeros_gz(2048))
    done, peak_mb = _run_measured(_UPLOAD, str(tmp_path / "lib"), str(bomb))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Added 0" in done.stdout and "failed 1" in done.stdout, done.stdout
    assert "refused" in done.stdout
    assert not [p for p in (tmp_path / "lib" / "uploads").rglob("*") if p.is_file()]  # no leftovers
    assert peak_mb < 500, f"peak memory {peak_mb:.0f} MB"
