"""Stories on real news with the real model: the seed article and a week of RealTime QA articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from servers import cli_json

from assistant import Assistant
from index.text import content_terms


def _exact(bot: Assistant, citation: object) -> None:
    text = bot.article(citation.article_id).text  # type: ignore[attr-defined]
    assert text[citation.start : citation.end] == citation.quote  # type: ignore[attr-defined]


def _alike(a: str, b: str) -> float:
    x, y = set(content_terms(a)), set(content_terms(b))
    return len(x & y) / len(x | y) if x | y else 0.0


def test_digest_of_a_real_story(real_assistant: Assistant) -> None:
    story = real_assistant.digest("Delaware medical aid in dying bill")
    assert 3 <= len(story.items) <= 8
    for item in story.items:
        _exact(real_assistant, item.citation)
    # The development itself is among them: the bill's passage in Delaware.
    assert any("Delaware" in i.citation.quote and "bill" in i.citation.quote for i in story.items)
    quotes = [i.citation.quote for i in story.items]
    assert all(_alike(a, b) < 0.5 for n, a in enumerate(quotes) for b in quotes[n + 1 :])  # no copies
    published = [i.citation.published or date.max for i in story.items]
    assert published == sorted(published)


def test_timeline_and_an_unreported_topic(real_assistant: Assistant) -> None:
    story = real_assistant.timeline("Muraviev Xi Putin talks in Beijing")
    assert story.items
    # The seed article has no date: its events come after the dated ones, still in order.
    days = [i.event.day if i.event else (i.citation.published or date.max) for i in story.items]
    assert days == sorted(days)
    assert any(i.when == "undated" for i in story.items)
    for item in story.items:
        _exact(real_assistant, item.citation)
    nothing = real_assistant.digest("Martian parliament election recount")
    assert nothing.items == () and "No article in the span" in nothing.note
    one = real_assistant.compare("Muraviev power balance", until=date(2024, 5, 31))
    assert "Only one outlet" in one.note or len(one.sources) >= 2


def test_cli_digest_json_in_a_new_process(real_library: Path) -> None:
    story = cli_json(real_library, "digest", "chronic absenteeism", "--limit", "4", "--json")
    assert story["kind"] == "digest" and 1 <= len(story["items"]) <= 4
    first = story["items"][0]["citation"]
    shown = cli_json(real_library, "show", first["article_id"], "--json")
    assert shown["text"][first["start"] : first["end"]] == first["quote"]
