"""The Library tab's table: a page at a time, newest first, searched by title, outlet or person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import assistant.ui.library as library
from assistant import Assistant
from assistant.ui.library import LibraryView


def test_pages_newest_first_and_search(
    fast_assistant: Assistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [
        {
            "title": f"Harbor story {day:02d}",
            "text": f'The harbor council met on day {day}. "We will rebuild the pier," Mayor Ada Quill said.',
            "publish_date": f"2025-01-{day:02d}",
            "source": "coast.example" if day % 2 else "port.example",
        }
        for day in range(1, 8)
    ]
    records.append(
        {"title": "Undated notice", "text": "The ferry timetable changes next month, officials said."}
    )
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    assert fast_assistant.ingest([path]).ok
    monkeypatch.setattr(library, "PAGE", 3)
    view = LibraryView(fast_assistant)

    rows, choices, pages = view.page("", 1)
    assert [r[0] for r in rows] == ["Harbor story 07", "Harbor story 06", "Harbor story 05"]
    assert pages == "Page 1 of 3 · 8 articles, newest first" and len(choices) == 3
    rows, _, pages = view.page("", 99)  # past the end: the last page, the undated article last
    assert [r[0] for r in rows] == ["Harbor story 01", "Undated notice"] and pages.startswith("Page 3 of 3")

    rows, _, pages = view.page("  PORT.example ", 1)  # by outlet, any case and spacing
    assert [r[0] for r in rows] == ["Harbor story 06", "Harbor story 04", "Harbor story 02"]
    assert pages == "Page 1 of 1 · 3 of 8 articles match, newest first"
    rows, _, _ = view.page("ada quill", 1)  # by quoted person
    assert len(rows) == 3 and all("Ada Quill" in str(r[3]) for r in rows)
    rows, _, _ = view.page("notice", 1)  # by title
    assert [r[0] for r in rows] == ["Undated notice"]
    rows, choices, pages = view.page("nothing like this", 1)
    assert rows == [] and choices == [] and pages.startswith("Page 1 of 1 · 0 of 8")
