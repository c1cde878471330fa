"""The browser chat as a user meets it: upload, ask, watch it stream, click a citation, remove."""

from __future__ import annotations

import gzip
import os
import re
import shutil
from pathlib import Path
from typing import Any

from pdfs import make_pdf

from assistant.ui.conversations import EXPORT_SUFFIX

QUESTION = "What did Muraviev say about power balance?"


def ask(page: Any, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")


def _tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def _upload(page: Any, *paths: Path) -> str:
    """Add files in the Library tab; the report once the add has finished.

    The picker shows the file once it is uploaded, and empties when the add is done.
    """
    _tab(page, "Library")
    page.locator("#upload input[type=file]").set_input_files([str(p) for p in paths])
    # The picker shows a file's stem and suffix on separate lines: compare without whitespace.
    shown = "name => document.querySelector('#upload').innerText.replace(/\\s+/g, '').includes(name)"
    page.wait_for_function(shown, arg=paths[0].name, timeout=60_000)
    page.locator("#add").click()
    done = (  # the picker emptied and the report shows no progress text any more
        f"name => !({shown})(name) && document.querySelector('#report').innerText.trim().startsWith('Added')"
    )
    page.wait_for_function(done, arg=paths[0].name, timeout=120_000)
    return str(page.locator("#report").inner_text())


def _left(ui_dir: Path) -> list[Path]:
    """Files with content under the app's upload folders (not the conversation exports Gradio
    serves from there, which its cache deletes once a day old)."""
    return [
        p
        for p in (ui_dir / "uploads").rglob("*")
        if p.is_file() and p.stat().st_size and not p.name.endswith(EXPORT_SUFFIX)
    ]


def test_upload_ask_stream_cite_remove(
    page: Any, seed_path: Path, tmp_path: Path, artifacts: Path, ui_dir: Path
) -> None:
    article = tmp_path / "..%2F..%2Fxi-putin.txt"
    shutil.copy(seed_path, article)
    report = _upload(page, article)
    assert "Added 1" in report
    # Once ingested, no copy of the upload is left: not ours, not the upload's temp file
    # (Gradio leaves one empty probe file of its own at start).
    assert _left(ui_dir) == []
    page.locator("#status").filter(has_text="1 articles").wait_for()
    page.locator("#articles").filter(has_text="In talks with Putin").wait_for()
    page.locator("#articles").filter(has_text="Alexey Muraviev").wait_for()  # who the article quotes
    page.screenshot(path=str(artifacts / "1-uploaded.png"), full_page=True)

    _tab(page, "Chat")
    # Count how often the answer bubble changes while it is written: streaming means many.
    page.evaluate(
        """() => {
          window.__updates = 0;
          new MutationObserver(() => { window.__updates += 1; })
            .observe(document.querySelector('#chat'), {subtree: true, childList: true, characterData: true});
        }"""
    )
    page.locator("#question textarea").fill(QUESTION)
    page.locator("#question textarea").press("Enter")
    answer = page.locator("#chat .answer").last
    answer.filter(has_text="Muraviev said").wait_for(timeout=60_000)
    assert page.evaluate("window.__updates") > 5
    assert "power balance" in answer.inner_text()
    page.screenshot(path=str(artifacts / "2-answered.png"), full_page=True)

    page.locator("#chat a.cite").first.click()
    card = page.locator("#sources .source.active")
    card.wait_for()
    assert "In talks with Putin" in card.inner_text()
    marked = card.locator("mark").inner_text()
    assert "power balance" in marked and "Muraviev said" in marked
    page.screenshot(path=str(artifacts / "3-citation.png"), full_page=True)

    ask(page, "And what did he say about symbolism?")
    page.locator("#chat .answer").last.filter(has_text="all about symbolism").wait_for(timeout=60_000)

    # Recency is on by default and can be switched off; answers still come.
    page.get_by_text("Filter the next questions").click()
    recency = page.locator("#filter-recency input[type=checkbox]")
    assert recency.is_checked()
    recency.uncheck()
    ask(page, "What did Muraviev say about the power balance this week?")
    page.locator("#chat .answer").last.filter(has_text="Muraviev said").wait_for(timeout=60_000)
    page.get_by_text("Filter the next questions").click()

    page.get_by_text("Filter the next questions").click()
    page.locator("#filter-since input, #filter-since textarea").first.fill("2030-01-01")
    ask(page, QUESTION)
    page.locator("#chat .refusal").last.wait_for(timeout=60_000)  # the article is undated
    page.locator("#filter-since input, #filter-since textarea").first.fill("")

    page.locator("#question textarea").fill("What did Zelensky say about Bitcoin?")
    page.locator("#question textarea").press("Enter")
    page.locator("#chat .refusal").filter(has_text="Zelensky").wait_for(timeout=60_000)

    _tab(page, "Library")
    page.locator("#remove-choice input").click()
    page.get_by_role("option").filter(has_text="In talks with Putin").click()
    page.locator("#remove").click()
    page.locator("#report").filter(has_text="Removed").wait_for()
    page.locator("#status").filter(has_text="0 articles").wait_for()
    page.screenshot(path=str(artifacts / "4-removed.png"), full_page=True)


def test_bad_uploads_and_html_are_handled(page: Any, tmp_path: Path, artifacts: Path, ui_dir: Path) -> None:
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ\x00\x00")
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "<script>window.__pwned = 1</script> Harbor <b>vote</b>\n"
        "The council approved the harbor plan on Tuesday, officials said. "
        '<img src=x onerror="window.__pwned = 2"> The vote was 7 to 2.\n'
    )
    _tab(page, "Library")
    page.locator("#upload input[type=file]").set_input_files([str(exe)])
    toast = page.get_by_text("Invalid file type: tool.exe")
    toast.wait_for()
    page.screenshot(path=str(artifacts / "5-bad-upload.png"), full_page=True)
    page.reload()
    page.locator("#status").filter(has_text="articles").wait_for()  # filled once the page has loaded
    assert "Added 1" in _upload(page, hostile)
    wire = tmp_path / "wire.json.gz"  # a compressed JSON record: stored and read as .json.gz
    wire.write_bytes(
        gzip.compress(b'{"title": "Ferry strike off", "text": "The ferry union called it off."}')
    )
    report = _upload(page, wire)
    assert "Added 1" in report and "failed 0" in report, report
    pdf = tmp_path / "harbor.pdf"  # a PDF's text layer is the article; a scan has none to cite
    lines = [
        "The council approved the harbor dredging on Monday after a long night debate.",
        "It costs a lot.",
    ]
    pdf.write_bytes(make_pdf([lines * 3], title="Harbor dredging approved"))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf([[]], title="A scanned page"))
    report = _upload(page, pdf, scan)
    assert "Added 1" in report and "failed 1" in report and "no text layer" in report, report
    page.locator("#articles").filter(has_text="Harbor dredging approved").wait_for()
    page.screenshot(path=str(artifacts / "5b-pdf-upload.png"), full_page=True)
    noise = tmp_path / "noise.txt"  # binary with no NUL byte: refused by ingest, then deleted
    noise.write_bytes(os.urandom(4096).replace(b"\x00", b"\x01"))
    report = _upload(page, noise)
    assert "Added 0" in report and "failed 1" in report and "unprintable" in report, report
    assert _left(ui_dir) == []

    _tab(page, "Chat")
    page.locator("#question textarea").fill("Did the council approve the harbor plan on Tuesday?")
    page.locator("#question textarea").press("Enter")
    page.locator("#chat .answer").last.filter(has_text="approved the harbor plan").wait_for(timeout=60_000)
    page.locator("#chat a.cite").last.click()
    page.locator("#sources .source.active").wait_for()
    assert page.evaluate("window.__pwned") is None  # shown as text, never run
    assert "<script>" in page.locator("#sources").inner_text()
    page.screenshot(path=str(artifacts / "6-hostile.png"), full_page=True)


def test_upload_over_the_size_limit_is_refused(
    page: Any, tmp_path: Path, artifacts: Path, ui_dir: Path
) -> None:
    big = tmp_path / "big.txt"  # the server under test allows 1 MB (ASSISTANT_UI__MAX_UPLOAD_MB=1)
    big.write_text("Big file\n" + "A sentence about the harbor. " * 80_000)
    before = sorted((ui_dir / "uploads").glob("*")) if (ui_dir / "uploads").exists() else []
    _tab(page, "Library")
    page.locator("#upload input[type=file]").set_input_files([str(big)])
    page.get_by_text(re.compile(r"exceed the maximum allowed size of 1(\.0)? ?Mb")).first.wait_for(
        timeout=30_000
    )
    page.screenshot(path=str(artifacts / "8-too-large.png"), full_page=True)
    after = sorted((ui_dir / "uploads").glob("*")) if (ui_dir / "uploads").exists() else []
    assert after == before  # nothing was stored
