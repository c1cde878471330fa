"""The ``assistant`` command: ingest, list, show, quotes, remove, ask, chat, serve, the
story commands digest, timeline and compare (``cli_stories``), and the saved conversations
(``cli_conversations``).

A thin shell over the public API. Errors from the assistant are printed as one readable
line and exit with status 1; ``ingest`` also exits 1 when any input failed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from index.errors import AssistantError, IndexNotFound
from index.store import Filters

from ..api import Assistant
from ..config import Settings, load_settings, offline_environment
from ..query import Query
from . import conversations as cli_conversations
from . import stories as cli_stories
from . import users as cli_users

__all__ = ["main"]


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from exc


def _question_parsers(sub: Any) -> None:
    """``ask`` and ``chat``: the question's filters, its date and the recency switch."""
    for name, text in (("ask", "ask one question"), ("chat", "ask questions interactively")):
        p = sub.add_parser(name, help=text)
        if name == "ask":
            p.add_argument("question")
            form = p.add_mutually_exclusive_group()
            form.add_argument("--json", action="store_true", help="print the answer as one JSON object")
            form.add_argument(
                "--markdown", action="store_true", help="print the answer as Markdown with numbered sources"
            )
        else:
            p.add_argument(
                "--resume", metavar="ID", help="continue a saved conversation (`assistant conversations`)"
            )
        p.add_argument("--source", action="append", default=[], help="only this outlet (repeatable)")
        p.add_argument("--article", action="append", default=[], help="only this article id (repeatable)")
        p.add_argument("--since", type=_date, help="only articles published on or after YYYY-MM-DD")
        p.add_argument("--until", type=_date, help="only articles published on or before YYYY-MM-DD")
        p.add_argument(
            "--as-of", type=_date, help="the question's date for 'this week', 'latest'... (default today)"
        )
        p.add_argument(
            "--no-recency", action="store_true", help="rank by relevance only; publication dates play no part"
        )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Ask questions of your news articles; answers cite exact sentences.",
    )
    parser.add_argument("--data-dir", type=Path, help="library directory (env ASSISTANT_DATA_DIR)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "ingest", help="add files, folders, article URLs and RSS/Atom feeds (URL or .rss/.atom/.xml file)"
    )
    p.add_argument("inputs", nargs="+", help="files, directories (recursive), page or feed URLs")
    p.add_argument("--json", action="store_true", help="print the ingest report as JSON")
    p.add_argument("--watch", action="store_true", help="poll the inputs again and again; new items only")
    p.add_argument("--every", type=float, default=300.0, help="seconds between polls with --watch (300)")
    p.add_argument("--polls", type=int, default=0, help="with --watch: stop after N polls (0: until Ctrl-C)")

    p = sub.add_parser("list", help="list the articles in the library")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help="show one article (its text is what citation offsets index)")
    p.add_argument("article_id")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("quotes", help="who is quoted in an article, and their sentences")
    p.add_argument("article_id")
    p.add_argument("--speaker", help="only this person (surname is enough)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("remove", help="remove an article and all its chunks")
    p.add_argument("article_id")

    _question_parsers(sub)
    cli_stories.add_parsers(sub, _date)
    cli_conversations.add_parsers(sub)
    cli_users.add_parsers(sub)
    p = sub.add_parser("serve", help="start the browser chat (default http://127.0.0.1:7860)")
    p.add_argument("--host", help="address to bind (default 127.0.0.1; others need --auth)")
    p.add_argument("--port", type=int, help="port (default 7860)")
    p.add_argument("--auth", help="user:password required to use the app (env ASSISTANT_UI__AUTH)")
    return parser


def _query(args: argparse.Namespace, text: str) -> Query:
    """The one ``Query`` a command line asks: its text, filters, date and recency switch."""
    filters = Filters(tuple(args.source), tuple(args.article), args.since, args.until)
    return Query(text, filters, as_of=args.as_of, recency=False if args.no_recency else None)


def _stream_answer(console: Any, events: Any) -> None:
    """Show the text as it is written, then replace it with the verified answer."""
    from rich.live import Live
    from rich.text import Text

    answer = None
    written = Text()
    with Live(written, console=console, transient=True, refresh_per_second=12) as live:
        for event in events:
            if isinstance(event, str):
                written.append(event)
                live.update(written)
            else:
                answer = event
    if answer is not None:
        _print_answer(console, answer)


def _print_answer(console: Any, answer: Any) -> None:
    from rich.markup import escape

    if answer.refused:
        console.print(f"[bold yellow]No answer:[/] {escape(answer.text)}")
        return
    console.print(escape(answer.text))
    if answer.unsupported:
        console.print("\n[bold yellow]Not supported by the articles (no citation):[/]")
        for sentence, reason in answer.flagged():
            console.print(f"  ? {escape(sentence)}" + (f" [dim]({escape(reason)})[/]" if reason else ""))
    if answer.citations:
        console.print("\n[bold]Sources[/]")
    for c in answer.citations:
        when = c.published.isoformat() if c.published else "undated"
        console.print(f"[bold][{c.n}][/] {escape(c.title)} — {escape(c.source)}, {when}")
        console.print(f"    {escape(c.url or c.article_id)}  (chars {c.start}–{c.end})", style="dim")


def _ingest(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.fields[articles]} articles, {task.fields[chunks]} chunks"),
        TextColumn("[cyan]{task.fields[rate]}"),
        BarColumn(bar_width=None),
        TextColumn("[dim]{task.fields[current]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True, disable=args.json) as progress:
        task = progress.add_task("ingest", total=None, articles=0, chunks=0, rate="", current="")

        def show(p: Any) -> None:
            secs = max(p.elapsed, 1e-6)
            rate = f"{p.articles / secs:.1f} articles/s, {p.chunks / secs:.1f} chunks/s"
            progress.update(
                task, articles=p.articles, chunks=p.chunks, rate=rate, current=Path(p.current).name
            )

        report = bot.ingest(args.inputs, progress=show)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        rate = report.chunks / report.seconds if report.seconds else 0.0
        console.print(
            f"Added {len(report.added)}, updated {len(report.updated)}, "
            f"unchanged {len(report.skipped)}, near-duplicates {len(report.duplicates)}, "
            f"failed {len(report.failed)}; "
            f"{report.chunks} chunks in {report.seconds:.1f}s ({rate:.1f} chunks/s)."
        )
        for copy in report.duplicates:
            console.print(
                f"[dim]near-duplicate[/] {copy.url or copy.id} ({copy.similarity:.0%} alike): "
                f"recorded against {copy.canonical_id}",
                highlight=False,
                soft_wrap=True,
            )
        for failure in report.failed:
            console.print(
                f"[red]failed[/] {failure.source}: {failure.reason}",
                highlight=False,
                soft_wrap=True,
            )
    return 1 if report.failed else 0


def _show(console: Any, article: Any, info: Any) -> None:
    console.print(
        f"[bold]{article.title}[/]\n{article.source} {info.to_json()['published'] or ''}", highlight=False
    )
    if article.quotes:
        people = ", ".join(f"{name} ({n})" for name, n in article.people())
        console.print(f"[dim]Quoted:[/] {people}", highlight=False)
    for copy in info.duplicates:
        console.print(f"[dim]Also published:[/] {copy.source} {copy.url or copy.id}", highlight=False)
    console.print()
    console.print(article.text, highlight=False, markup=False)


def _quotes(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    text = bot.article(args.article_id).text
    quotes = bot.quotes(args.article_id, speaker=args.speaker)
    if args.json:
        rows = [
            {
                "speaker": q.speaker,
                "quote": text[q.start : q.end],
                "start": q.start,
                "end": q.end,
                "direct": q.direct,
            }
            for q in quotes
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not quotes:
        who = f" {args.speaker}" if args.speaker else " anyone"
        console.print(f"The article does not quote{who}.")
        return 0
    last = None
    for q in quotes:
        if q.speaker != last:
            console.print(f"\n[bold]{q.speaker}[/]", highlight=False)
            last = q.speaker
        console.print(f"  {text[q.start : q.end]}  [dim]{q.start}-{q.end}", highlight=False)
    return 0


def _watch(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    """Re-read the inputs every ``--every`` seconds; items already in the library are skipped."""
    import time
    from datetime import datetime

    poll = 0
    while True:
        poll += 1
        report = bot.ingest(args.inputs)
        stamp = datetime.now().strftime("%H:%M:%S")
        console.print(
            f"{stamp} poll {poll}: added {len(report.added)}, updated {len(report.updated)}, "
            f"failed {len(report.failed)}",
            highlight=False,
        )
        for failure in report.failed:
            console.print(
                f"  [red]failed[/] {failure.source}: {failure.reason}", highlight=False, soft_wrap=True
            )
        if args.polls and poll >= args.polls:
            return 0
        try:
            time.sleep(args.every)
        except KeyboardInterrupt:
            return 0


def _chat(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    session = bot.chat(resume=args.resume)
    if args.resume:
        console.print(f"Continuing conversation {args.resume} ({len(session.history)} questions so far).")
    console.print("Ask about your articles; an empty line or Ctrl-D ends the chat.")
    while True:
        try:
            message = input("\n> ").strip()
        except (EOFError, KeyboardInterrupt):
            message = ""
        if not message:
            break
        try:
            _stream_answer(console, session.stream(_query(args, message)))
        except AssistantError as exc:
            console.print(f"[red]error:[/] {exc}")
    if session.conversation_id:
        console.print(
            f"Saved as conversation {session.conversation_id}: "
            f"`assistant chat --resume {session.conversation_id}` continues it.",
            highlight=False,
        )
    return 0


def _list(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    infos = bot.articles()
    if args.json:
        print(json.dumps([i.to_json() for i in infos], ensure_ascii=False, indent=2))
        return 0
    for i in infos:
        when = i.published.isoformat() if i.published else "undated   "
        console.print(
            f"{when}  {i.chunks:>4} chunks  {i.source:<20.20}  {i.title}  [dim]{i.id}", highlight=False
        )
    console.print(f"{len(infos)} articles")
    return 0


def _show_command(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    article = bot.article(args.article_id)
    info = next(i for i in bot.articles() if i.id == article.id)
    if args.json:
        quoted = [{"speaker": name, "sentences": n} for name, n in article.people()]
        print(
            json.dumps(
                {**info.to_json(), "quoted": quoted, "text": article.text}, ensure_ascii=False, indent=2
            )
        )
    else:
        _show(console, article, info)
    return 0


def _remove(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    bot.remove(args.article_id)
    console.print(f"Removed {args.article_id}.")
    return 0


def _ask(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    query = _query(args, args.question)
    if args.json:
        print(json.dumps(bot.ask(query).to_json(), ensure_ascii=False, indent=2))
        return 0
    if args.markdown:
        from ..export import answer_markdown

        print(answer_markdown(bot.ask(query), args.question), end="")
        return 0
    frame = query.frame()
    if frame.describe() and not args.no_recency:
        console.print(f"[dim]Time: {frame.describe()} (ranked first, not a filter)", highlight=False)
    _stream_answer(console, bot.stream(query))
    return 0


def _serve(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    from ..ui import serve

    serve(bot, host=args.host, port=args.port, auth=args.auth)
    return 0


def _ingest_command(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    return _watch(bot, args, console) if args.watch else _ingest(bot, args, console)


Command = Callable[["Assistant", argparse.Namespace, Any], int]
COMMANDS: dict[str, Command] = {
    "ingest": _ingest_command,
    "list": _list,
    "show": _show_command,
    "quotes": _quotes,
    "remove": _remove,
    "ask": _ask,
    "chat": _chat,
    "serve": _serve,
    **cli_stories.COMMANDS,
    **cli_conversations.COMMANDS,
    **cli_users.COMMANDS,
}
_NEEDS_LIBRARY = ("list", "show", "quotes", "remove", "ask", *cli_stories.COMMANDS)


def _check_ready(args: argparse.Namespace, settings: Settings) -> None:
    """Fail before any model loads: no library to read, or a public bind without a password."""
    if args.command in _NEEDS_LIBRARY and not (settings.data_dir.exists() or settings.store.chroma_host):
        raise IndexNotFound(
            f"No library at {settings.data_dir}: run `assistant ingest PATH` first "
            "(or pass --data-dir / set ASSISTANT_DATA_DIR)."
        )
    if args.command == "serve":
        from ..ui import check_bind
        from ..users import Users

        ui = settings.ui
        auth = args.auth or (ui.auth.get_secret_value() if ui.auth else None)
        if not settings.store.chroma_host:  # (shared accounts are checked once the store is open)
            check_bind(args.host or ui.host, auth, accounts=bool(Users(settings.data_dir / "users.json")))


def run(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    offline_environment()
    from rich.console import Console

    overrides = {"data_dir": args.data_dir} if args.data_dir else {}
    settings = load_settings(**overrides)
    _check_ready(args, settings)
    bot = Assistant.from_settings(settings)
    try:
        return COMMANDS[args.command](bot, args, Console(stderr=False))
    finally:
        bot.close()


def main(argv: Sequence[str] | None = None) -> None:
    try:
        code = run(argv)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        code = 1
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:  # `assistant ask --json ... | head`: the reader stopped, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)
