"""The saved-conversation commands of the ``assistant`` CLI.

``assistant conversations`` lists them, newest first; ``conversations show ID`` prints one
(``--markdown`` as the export the browser downloads, ``--json`` as data); ``rename`` and
``delete`` do what they say. ``assistant chat --resume ID`` continues one (``cli``).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..api import Assistant
from ..export import conversation_markdown

__all__ = ["COMMANDS", "add_parsers"]


def add_parsers(sub: Any) -> None:
    """Add ``conversations`` (with ``list``, ``show``, ``rename``, ``delete``) to the CLI."""
    p = sub.add_parser("conversations", help="list, show, export, rename or delete saved conversations")
    actions = p.add_subparsers(dest="action")
    listing = actions.add_parser("list", help="the saved conversations, most recent first (the default)")
    for q in (p, listing):
        q.add_argument("--search", default="", help="only those whose title holds this text")
        q.add_argument("--limit", type=int, default=50, help="most conversations listed (50)")
        q.add_argument("--json", action="store_true", help="print them as a JSON list")
    show = actions.add_parser("show", help="one conversation with its answers and sources")
    show.add_argument("id")
    form = show.add_mutually_exclusive_group()
    form.add_argument("--markdown", action="store_true", help="print it as Markdown (the export)")
    form.add_argument("--json", action="store_true", help="print it as one JSON object")
    rename = actions.add_parser("rename", help="give a conversation a new title")
    rename.add_argument("id")
    rename.add_argument("title")
    delete = actions.add_parser("delete", help="delete a conversation and its answers")
    delete.add_argument("id")


def _conversations(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    from rich.markup import escape

    store = bot.conversations
    action = args.action or "list"
    if action == "list":
        found = store.list(limit=args.limit, search=args.search)
        if args.json:
            print(json.dumps([c.to_json() | {"turns": None} for c in found], ensure_ascii=False, indent=2))
            return 0
        for c in found:
            console.print(
                f"{c.updated:%Y-%m-%d %H:%M}  {c.questions:>3} questions  [bold]{c.id}[/]  {escape(c.title)}",
                highlight=False,
            )
        console.print(f"{len(found)} of {store.count()} conversations", highlight=False)
        return 0
    if action == "show":
        conversation = store.get(args.id)
        if args.json:
            print(json.dumps(conversation.to_json(), ensure_ascii=False, indent=2))
        elif args.markdown:
            print(conversation_markdown(conversation), end="")
        else:
            console.print(conversation_markdown(conversation), markup=False, highlight=False)
        return 0
    if action == "rename":
        store.rename(args.id, args.title)
        console.print(f"Renamed {args.id}.", highlight=False)
        return 0
    store.delete(args.id)
    console.print(f"Deleted {args.id}.", highlight=False)
    return 0


COMMANDS = {"conversations": _conversations}
