"""The Stories tab in Chromium: a digest, a timeline and a comparison of a real library.

The dock-strike story (tests/story.py) is added with `assistant ingest` in its own process
(real embedding model) and served by `assistant serve`; the browser asks for each view.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from servers import ingest_record, serve_assistant
from story import ARTICLES, TOPIC, WIRE


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("stories-lib")
    for n, record in enumerate(ARTICLES):
        ingest_record(data_dir, f"a{n}.json", record)
    yield from serve_assistant(data_dir)


def _show(page: Any, kind: str, since: str = "") -> str:
    page.get_by_role("tab", name="Stories").click()
    page.locator("#story-topic textarea").fill(TOPIC)
    page.locator("#story-kind").get_by_label(kind).check()
    page.locator("#story-since textarea").fill(since)
    page.locator("#story-go").click()
    page.locator("#story h3").filter(has_text=f"{kind}:").wait_for(timeout=60_000)
    return str(page.locator("#story").inner_text())


def test_digest_timeline_and_compare_in_the_browser(page: Any, artifacts: Path) -> None:
    digest = _show(page, "Digest", "2025-03-01")
    page.screenshot(path=str(artifacts / "stories-digest.png"), full_page=True)
    assert digest.count(WIRE) == 1  # the wire copy is one item...
    assert "also: 1 outlet (Coast Times)" in digest  # ...that names the other outlet
    assert "interest rate" not in digest
    # Every item's marker opens its source card, the quote marked in its paragraph.
    items = page.locator("#story .story-item")
    assert 2 <= items.count() <= 8
    marker = items.first.locator("a.cite")
    marker.click()
    card = page.locator(f"#{marker.get_attribute('data-cite')}")
    assert "active" in str(card.get_attribute("class"))
    quote = str(items.first.inner_text())
    assert str(card.locator("mark").inner_text()) in quote

    timeline = _show(page, "Timeline")
    page.screenshot(path=str(artifacts / "stories-timeline.png"), full_page=True)
    whens = page.locator("#story .story-when").all_inner_texts()
    assert whens == sorted(whens) and whens[0] == "2025-02-18"  # the threat, "on Tuesday" of Feb 20
    assert "“on Monday”, story of 2025-03-03" in timeline

    compare = _show(page, "Compare", "2025-03-01")
    page.screenshot(path=str(artifacts / "stories-compare.png"), full_page=True)
    assert "Reported differently" in compare
    assert "1,200 members" in compare and "1,500 members" in compare
    assert "Mara Quist" in compare and "Leo Brandt" in compare
    cards = page.locator("#story-sources .source")
    assert cards.count() >= 4  # each side of each difference has its own card


def test_bad_dates_and_an_empty_topic_are_explained(page: Any) -> None:
    page.get_by_role("tab", name="Stories").click()
    page.locator("#story-go").click()
    page.locator("#story").filter(has_text="Name a topic first").wait_for(timeout=30_000)
    page.locator("#story-topic textarea").fill(TOPIC)
    page.locator("#story-since textarea").fill("last week")
    page.locator("#story-go").click()
    page.locator("#story").filter(has_text="Since must be a date like").wait_for(timeout=30_000)
