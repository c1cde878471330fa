"""PDF articles: read from their text layer, titled and dated from the document, cited with
offsets into the extracted text like any article; scans and broken files are clear failures."""

from __future__ import annotations

from pathlib import Path

from pdfs import make_pdf

from assistant import Assistant

HARBOR = [
    "The city council approved a $1.2 billion harbor expansion on Tuesday after a six-",
    "hour debate. Councillor Ray Okafor voted against the plan.",
    '"The dredging will ruin the oyster beds," Okafor said after the vote.',
    "Construction is expected to start in the spring and finish by 2029.",
]


def test_a_pdf_is_read_titled_dated_and_cited(fast_assistant: Assistant, tmp_path: Path) -> None:
    path = tmp_path / "harbor.pdf"
    path.write_bytes(
        make_pdf(
            [HARBOR, ["The port authority will publish the plans next month."]],
            title="Harbor expansion approved",
            created="D:20240516093000",
        )
    )
    report = fast_assistant.ingest([path])
    assert report.ok and len(report.added) == 1
    article = fast_assistant.article(report.added[0])
    assert article.title == "Harbor expansion approved" and str(article.published) == "2024-05-16"
    assert "after a six-hour debate." in article.text  # lines joined, the hyphen kept
    assert "\n\nThe port authority" in article.text  # a page is a paragraph
    answer = fast_assistant.ask("What did Okafor say about the dredging?")
    assert answer.citations and "oyster beds" in answer.citations[0].quote
    for c in answer.citations:
        assert article.text[c.start : c.end] == c.quote


def test_without_metadata_the_first_line_is_the_title_and_a_date_near_the_top_counts(
    fast_assistant: Assistant, tmp_path: Path
) -> None:
    path = tmp_path / "plain.pdf"
    path.write_bytes(make_pdf([["Harbor expansion approved", "March 3, 2025", *HARBOR]]))
    report = fast_assistant.ingest([path])
    article = fast_assistant.article(report.added[0])
    assert article.title == "Harbor expansion approved"
    assert str(article.published) == "2025-03-03"
    assert not article.text.startswith("Harbor expansion approved")


def test_a_scan_without_text_and_a_broken_file_are_failures_that_say_why(
    fast_assistant: Assistant, tmp_path: Path
) -> None:
    (tmp_path / "scan.pdf").write_bytes(make_pdf([[], []], title="Scanned page"))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a PDF body\n")
    report = fast_assistant.ingest([tmp_path / "scan.pdf", tmp_path / "broken.pdf"])
    reasons = {Path(f.source).name: f.reason for f in report.failed}
    assert "no text layer" in reasons["scan.pdf"] and "OCR" in reasons["scan.pdf"]
    assert "not a readable PDF" in reasons["broken.pdf"] and not report.added
