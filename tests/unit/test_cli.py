"""The ``assistant`` command as a user runs it (in-process, hash embedding for speed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


@pytest.fixture
def lib(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("ASSISTANT_EMBED__BACKEND", "hash")
    return tmp_path / "cli-lib"


def test_ingest_list_show_ask_remove(
    capsys: pytest.CaptureFixture[str], lib: Path, corpus_dir: Path, seed_path: Path
) -> None:
    code, out, _ = _run(capsys, "--data-dir", str(lib), "ingest", str(corpus_dir), str(seed_path), "--json")
    assert code == 0
    report = json.loads(out)
    assert len(report["added"]) == 6 and report["failed"] == []

    code, out, _ = _run(capsys, "--data-dir", str(lib), "list", "--json")
    listed = json.loads(out)
    assert len(listed) == 6
    # DESIGN.md's keys, plus the near-duplicate copies recorded against each article.
    assert set(listed[0]) == {"id", "title", "url", "published", "authors", "source", "chunks", "duplicates"}

    code, out, _ = _run(
        capsys,
        "--data-dir",
        str(lib),
        "ask",
        "--json",
        "What did Muraviev say about power balance?",
    )
    answer = json.loads(out)
    assert list(answer) == ["answer", "refused", "citations", "unsupported", "checks"]
    assert answer["refused"] is False
    assert answer["unsupported"] == [] and answer["checks"] == {
        "verified": len(answer["citations"]),
        "unsupported": 0,
    }
    cite = answer["citations"][0]
    assert set(cite) >= {
        "n",
        "article_id",
        "title",
        "url",
        "published",
        "quote",
        "start",
        "end",
        "score",
    }

    code, out, _ = _run(capsys, "--data-dir", str(lib), "show", cite["article_id"], "--json")
    shown = json.loads(out)
    assert shown["text"][cite["start"] : cite["end"]] == cite["quote"]
    assert "power balance" in cite["quote"]
    quoted = {q["speaker"]: q["sentences"] for q in shown["quoted"]}
    assert quoted["Alexey Muraviev"] >= 8 and "Hu Xijin" in quoted and "Vladimir Putin" in quoted

    code, out, _ = _run(capsys, "--data-dir", str(lib), "remove", cite["article_id"])
    assert code == 0
    code, out, _ = _run(
        capsys,
        "--data-dir",
        str(lib),
        "ask",
        "--json",
        "What did Muraviev say about power balance?",
    )
    assert json.loads(out)["refused"] is True


def test_ingest_with_a_bad_file_exits_1_and_names_it(
    capsys: pytest.CaptureFixture[str], lib: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Headline\nSomething happened today.")
    code, out, _ = _run(capsys, "--data-dir", str(lib), "ingest", str(good), str(tmp_path / "nope.txt"))
    assert code == 1
    assert "Added 1" in out and "nope.txt" in out and "no such file" in out


def test_errors_are_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], lib: Path, corpus_dir: Path
) -> None:
    code, _, err = _run(capsys, "--data-dir", str(lib), "ask", "anything")
    assert code == 1 and "run `assistant ingest PATH` first" in err and "Traceback" not in err
    _run(capsys, "--data-dir", str(lib), "ingest", str(corpus_dir))
    code, _, err = _run(capsys, "--data-dir", str(lib), "show", "no-such-id")
    assert code == 1 and "No article with id 'no-such-id'" in err
    code, _, err = _run(capsys, "--data-dir", str(lib), "ask", "???")
    assert code == 1 and "at least one word" in err


def test_filters_on_the_command_line(capsys: pytest.CaptureFixture[str], lib: Path, corpus_dir: Path) -> None:
    _run(capsys, "--data-dir", str(lib), "ingest", str(corpus_dir))
    question = "Did firefighters contain the wildfire near Alder Creek?"
    code, out, _ = _run(
        capsys, "--data-dir", str(lib), "ask", "--json", "--source", "valley.example.net", question
    )
    cited = {c["article_id"] for c in json.loads(out)["citations"]}
    assert cited == {"https://valley.example.net/fire-contained"}
    code, out, _ = _run(
        capsys, "--data-dir", str(lib), "ask", "--json", "--source", "news.example.org", question
    )
    assert "https://valley.example.net/fire-contained" not in {
        c["article_id"] for c in json.loads(out)["citations"]
    }
    code, out, _ = _run(capsys, "--data-dir", str(lib), "ask", "--json", "--until", "2024-01-01", question)
    assert json.loads(out)["refused"] is True  # the fire story is from August 2024
    code, _, err = _run(capsys, "--data-dir", str(lib), "ask", "--since", "March 3", "x")
    assert code == 2 and "YYYY-MM-DD" in err


def test_serve_off_loopback_without_auth_is_refused(capsys: pytest.CaptureFixture[str], lib: Path) -> None:
    code, _, err = _run(capsys, "--data-dir", str(lib), "serve", "--host", "0.0.0.0")
    assert code == 1 and "--auth user:password" in err
