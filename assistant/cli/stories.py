"""The story commands of the ``assistant`` CLI: ``digest``, ``timeline`` and ``compare``.

Each takes a topic and a span of publication dates, calls the public API and prints the
items with their citations (or, with ``--json``, the object README.md documents).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from ..api import Assistant
from ..stories.models import Comparison, Difference, Story, StoryItem

__all__ = ["COMMANDS", "add_parsers"]


def add_parsers(sub: Any, as_date: Callable[[str], date]) -> None:
    """Add ``digest``, ``timeline`` and ``compare`` to the CLI's subcommands."""
    helps = {
        "digest": "what happened with a topic: one cited sentence per development",
        "timeline": "a topic's events in the order they happened, each dated and cited",
        "compare": "what outlets report differently about a topic (numbers, quotes, exclusives)",
    }
    for name, text in helps.items():
        p = sub.add_parser(name, help=text)
        p.add_argument("topic", help='what the story is about, e.g. "Gaza ceasefire"')
        p.add_argument("--since", type=as_date, help="articles published on or after YYYY-MM-DD")
        p.add_argument("--until", type=as_date, help="articles published on or before YYYY-MM-DD")
        p.add_argument("--source", action="append", default=[], help="only this outlet (repeatable)")
        p.add_argument("--json", action="store_true", help="print the result as one JSON object")
        if name != "compare":
            p.add_argument(
                "--new-since", type=as_date, help="only what no article before YYYY-MM-DD reported"
            )
            p.add_argument("--limit", type=int, help="most items (digest 8, timeline 12)")


def _span(story: Story | Comparison) -> str:
    if story.since is None and story.until is None:
        return "all dates"
    return f"{story.since or '…'} to {story.until or '…'}"


def _item(console: Any, item: StoryItem, when: bool = True) -> None:
    from rich.markup import escape

    c = item.citation
    head = f"[bold][{c.n}][/] {escape(item.when) + ' · ' if when else ''}{escape(c.source or c.title)}: "
    console.print(head + escape(c.quote), highlight=False)
    if item.event is not None and c.published is not None:
        phrase = escape(item.event.phrase)
        console.print(f"    [dim]“{phrase}” in a story of {c.published}[/]", highlight=False)
    if item.also:
        console.print(f"    [dim]{escape(item.also_text())}[/]", highlight=False)
    console.print(f"    [dim]{escape(c.url or c.article_id)}  (chars {c.start}–{c.end})[/]", highlight=False)


def _story(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    from rich.markup import escape

    method = bot.digest if args.command == "digest" else bot.timeline
    extra = {"limit": args.limit} if args.limit else {}
    story = method(
        args.topic, since=args.since, until=args.until, new_since=args.new_since, sources=args.source, **extra
    )
    if args.json:
        print(json.dumps(story.to_json(), ensure_ascii=False, indent=2))
        return 0
    new = f", new since {story.new_since}" if story.new_since else ""
    title = f"[bold]{args.command.title()}: {escape(story.topic)}[/]"
    console.print(f"{title} ({_span(story)}{new})", highlight=False)
    if story.summary is not None and story.summary.citations:
        console.print(f"\n{escape(story.summary.text)}\n", highlight=False)
        for sentence, reason in story.summary.flagged():
            console.print(f"  ? {escape(sentence)} [dim]({escape(reason)})[/]", highlight=False)
    if not story.items:
        console.print(f"[yellow]{escape(story.note or 'Nothing found.')}[/]", highlight=False)
    for item in story.items:
        _item(console, item)
    return 0


def _side(console: Any, difference: Difference) -> None:
    from rich.markup import escape

    values = difference.values or ("",) * len(difference.sides)
    for side, value in zip(difference.sides, values, strict=False):
        if value:
            console.print(f"  [bold]{escape(value)}[/]", highlight=False)
        _item(console, side, when=False)


def _compare(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    from rich.markup import escape

    found = bot.compare(args.topic, since=args.since, until=args.until, sources=args.source)
    if args.json:
        print(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
        return 0
    console.print(
        f"[bold]Compare: {escape(found.topic)}[/] "
        f"({_span(found)}; outlets: {escape(', '.join(found.sources))})",
        highlight=False,
    )
    if found.note:
        console.print(f"[yellow]{escape(found.note)}[/]", highlight=False)
    sections = (
        ("Reported differently", found.differences),
        ("Reported alike", found.agreements),
        ("Reported by one outlet only", found.only),
    )
    for title, group in sections:
        if group:
            console.print(f"\n[bold]{title}[/]")
        for difference in group:
            console.print(f"- {difference.kind}: {escape(difference.about)}", highlight=False)
            _side(console, difference)
    if not (found.differences or found.agreements or found.only) and not found.note:
        console.print("No differences found: the outlets in the span report this alike.")
    return 0


COMMANDS = {"digest": _story, "timeline": _story, "compare": _compare}
