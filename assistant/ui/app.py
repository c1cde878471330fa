"""The browser chat (Gradio): chat with streaming cited answers, sources panel, stories, library.

Only the public API is called here; retrieval and answer logic live elsewhere. Each browser
session has its own chat history. Errors become readable messages and the server keeps
running. Binding anywhere but loopback requires a user and password.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from gradio import Request, SelectData

from index.errors import AssistantError, ConfigError
from index.models import IngestReport
from index.read.web import PublicOnly, is_url
from index.store import Filters
from index.text import ARTICLE_SUFFIXES, article_suffix

from ..api import Assistant
from ..chat import ChatSession
from ..models import Answer
from ..query import Query
from ..users import Access
from .conversations import ConversationsView, conversation_column, user_of
from .guard import Guard, LoginThrottle
from .library import LibraryView
from .openai_api import openai_app
from .render import answer_html, library_rows, reader_html, sources_html, status_markdown, streaming_html
from .stories import StoriesView, stories_tab

__all__ = ["ChatApp", "build_app", "check_bind", "serve"]

log = logging.getLogger(__name__)
# What the browser's file dialog offers: every article format, and ".gz" because dialogs
# match the last suffix only (a ".gz" that is not ".json.gz"/".jsonl.gz" is refused on upload).
PICKER_SUFFIXES = [*ARTICLE_SUFFIXES, ".gz"]
HEADERS = ["Title", "Published", "Source", "Quoted", "Also published by", "Chunks", "ID"]

CSS = """
.refusal { border-left: 4px solid #d97706; padding: 4px 10px; background: #fffbeb; color: #78350f; }
.unsupported { margin-top: 8px; font-size: 0.9em; color: #92400e; }
a.cite { font-weight: 600; text-decoration: none; cursor: pointer; }
.source { border: 1px solid #e5e7eb; border-radius: 8px; padding: 8px 10px; margin: 8px 0; }
.source.active { border-color: #f59e0b; box-shadow: 0 0 0 3px #fde68a; }
.source-meta { font-size: 0.85em; color: #6b7280; }
.source-context mark { background: #fde68a; padding: 0 2px; }
.turn-q { font-weight: 600; margin-top: 12px; }
.story-item { margin: 6px 0; }
.story-when { font-variant-numeric: tabular-nums; color: #374151; }
.story-also { font-size: 0.85em; color: #6b7280; }
.hidden-input { display: none !important; }
.reader { max-width: 52em; }
.reader-meta { font-size: 0.85em; color: #6b7280; }
.reader mark { background: #fde68a; padding: 0 2px; }
a.read { cursor: pointer; }
"""

# A click on an [n] marker shows and highlights its source card instead of following the link.
JS = """
() => {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#src-"]');
    if (!link) return;
    event.preventDefault();
    const card = document.getElementById(link.getAttribute('href').slice(1));
    if (!card) return;
    document.querySelectorAll('.source.active').forEach((el) => el.classList.remove('active'));
    card.classList.add('active');
    card.scrollIntoView({behavior: 'smooth', block: 'center'});
  }, true);
  // "read the article" on a source card: ask the server for the reader (a hidden textbox's change).
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a.read');
    if (!link) return;
    event.preventDefault();
    const box = document.querySelector('#reader-request textarea');
    if (!box) return;
    const d = link.dataset;
    box.value = JSON.stringify({id: d.article, start: +d.start, end: +d.end, at: Date.now()});
    box.dispatchEvent(new Event('input', {bubbles: true}));
  }, true);
}
"""
# Once the reader is filled, its marked sentence is scrolled into view.
SHOW_MARK = (
    "() => { const m = document.getElementById('reader-mark'); if (m) m.scrollIntoView({block: 'center'}); }"
)


MIN_PASSWORD = 12  # for any bind beyond this machine


def check_bind(host: str, auth: str | None, accounts: bool = False) -> None:
    """Refuse to expose the library beyond this machine without a password (``auth``, or
    ``accounts`` in the data dir's users file)."""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not auth and not accounts:
        raise ConfigError(
            f"Serving on {host} makes the library reachable from other machines: add accounts "
            "(`assistant users add NAME`), or pass --auth user:password (or set ASSISTANT_UI__AUTH), "
            "or bind to 127.0.0.1."
        )
    if auth is None:
        return
    user, colon, password = auth.partition(":")
    if not colon or not user.strip() or not password:
        raise ConfigError("--auth must look like user:password, with a user name and a password.")
    if not loopback and len(password) < MIN_PASSWORD:
        raise ConfigError(
            f"Serving on {host} needs a password of at least {MIN_PASSWORD} characters "
            f"(this one has {len(password)})."
        )


def _date(value: str, name: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise AssistantError(f"{name} must be a date like 2024-05-16, not {value!r}.") from None


Outputs = tuple[Any, ...]


class ChatApp:
    """The handlers behind the page: one chat per browser session, the library tab."""

    def __init__(self, bot: Assistant, access: Access | None = None) -> None:
        self.bot = bot
        self.access = access or Access(bot.users)
        self.conversations = ConversationsView(bot)
        self.library = LibraryView(bot)
        self.uploads = Path(bot.settings.data_dir) / "uploads"
        self.max_mb = bot.settings.ui.max_upload_mb

    def status(self) -> str:
        return status_markdown(self.bot.status())

    def library_view(self, search: str = "", page: float | None = 1) -> Outputs:
        """The table's page for ``search``, the removal picker, the chat's outlets, the status
        line and the page line."""
        import gradio as gr

        infos = self.bot.articles()
        rows, choices, pages = self.library.page(search, page, infos)
        return (
            rows,
            gr.update(choices=choices, value=None),
            gr.update(choices=sorted({i.source for i in infos if i.source})),
            self.status(),
            pages,
        )

    def respond(
        self,
        message: str,
        history: list[dict[str, Any]],
        session: ChatSession | None,
        sources: list[str],
        since: str,
        until: str,
        recent_first: bool = True,
        request: Request | None = None,
    ) -> Iterator[Outputs]:
        """Answer in this browser session's chat, saved as it goes. Outputs: chatbot, session,
        sources panel, question box, conversation list, export file, title."""
        import gradio as gr

        skip = (gr.skip(), gr.skip(), gr.skip())
        session = session or self.bot.chat(user=user_of(request))
        new = session.conversation_id is None
        message = (message or "").strip()
        history = [*history, {"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        turns = [(t.asked, t.answer) for t in session.history]
        panel = sources_html(turns, self.bot.article)
        if not message:
            history[-1]["content"] = answer_html(Answer(text="Type a question first.", refused=True), 0)
            yield history, session, panel, "", *skip
            return
        written = ""
        try:
            filters = Filters(tuple(sources or ()), (), _date(since, "Since"), _date(until, "Until"))
            for event in session.stream(Query(message, filters, recency=bool(recent_first))):
                if isinstance(event, str):
                    written += event
                    history[-1]["content"] = streaming_html(written)
                    yield history, session, panel, "", *skip
                else:  # saved by now: the answer comes with the list and the export
                    turns.append((message, event))
                    history[-1]["content"] = answer_html(event, len(turns) - 1)
                    saved = session.conversation_id
                    conversation = self.bot.conversations.get(saved, user_of(request)) if saved else None
                    # A new conversation shows its title; an old one's box is left as the user has it.
                    title = conversation.title if conversation and new else gr.skip()
                    listed = self.conversations.listing(saved, request)
                    export = self.conversations.export_file(conversation) if conversation else None
                    yield history, session, sources_html(turns, self.bot.article), "", listed, export, title
        except AssistantError as exc:
            history[-1]["content"] = f'<div class="refusal"><strong>Error.</strong> {escape(str(exc))}</div>'
            yield history, session, panel, "", *skip
        except Exception:  # the server must keep serving whatever one request does
            log.exception("chat request failed")
            history[-1]["content"] = (
                '<div class="refusal"><strong>Error.</strong> Something went wrong.</div>'
            )
            yield history, session, panel, "", *skip

    def store_uploads(self, files: list[Any]) -> tuple[list[str], list[str]]:
        """Copy acceptable uploads under the data dir with generated names: (paths, problems)."""
        self.uploads.mkdir(parents=True, exist_ok=True)
        accepted: list[str] = []
        problems: list[str] = []
        for item in files:
            source = Path(item if isinstance(item, str) else item.name)
            suffix = article_suffix(source.name)
            if suffix not in ARTICLE_SUFFIXES:
                problems.append(f"{source.name}: not an article file (use {', '.join(ARTICLE_SUFFIXES)})")
            elif not source.is_file():
                problems.append(f"{source.name}: no longer available; choose it again")
            elif source.stat().st_size > self.max_mb * 1024 * 1024:
                problems.append(f"{source.name}: larger than {self.max_mb} MB")
            else:
                target = self.uploads / f"{uuid.uuid4().hex}{suffix}"  # never the client's file name
                shutil.copyfile(source, target)
                accepted.append(str(target))
        return accepted, problems

    def read(self, wanted: str) -> str:
        """The reader for a "read the article" click: ``{"id", "start", "end"}`` as JSON."""
        try:
            asked = json.loads(wanted or "{}")
            article_id = str(asked["id"])
            start, end = int(asked.get("start", -1)), int(asked.get("end", -1))
        except (ValueError, KeyError, TypeError):
            return '<div class="refusal">No such article.</div>'
        return self._reader(article_id, start, end)

    def read_row(self, event: SelectData) -> str:
        """The reader for a click on a library row (its last cell is the article id)."""
        row = getattr(event, "row_value", None) or []
        return self._reader(str(row[-1]), None, None) if row else ""

    def _reader(self, article_id: str, start: int | None, end: int | None) -> str:
        try:
            article = self.bot.article(article_id)
        except AssistantError as exc:
            return f'<div class="refusal">{escape(str(exc))}</div>'
        info = next(iter(self.bot.articles([article_id])), None)  # (one row, not the library)
        return reader_html(article, info, start, end)

    def refused_change(self, request: Request | None) -> str | None:
        """Why this user may not change the library (None: they may)."""
        if self.access.may_change_library(user_of(request)):
            return None
        return "Only an admin can add or remove articles (`assistant users add NAME --admin`)."

    def add_files(
        self, files: list[Any] | None, progress: Any = None, request: Request | None = None
    ) -> Outputs:
        if (why := self.refused_change(request)) is not None:
            self.discard([], files or [])
            return (why, *self.library_view())
        if not files:
            return ("Choose one or more files first.", *self.library_view())
        accepted, problems = self.store_uploads(files)

        def show(p: Any) -> None:
            if progress is not None:
                progress((p.articles, None), desc=f"Ingested {p.articles} articles, {p.chunks} chunks")

        lines = [f"- {p}" for p in problems]
        if accepted:
            try:
                report = self.bot.ingest(accepted, progress=show)  # the text is in the catalog now
                lines = [_summary(report), *lines]
                lines += [f"- {article_suffix(f.source) or 'file'}: {f.reason}" for f in report.failed]
            except AssistantError as exc:
                lines.insert(0, f"Error: {exc}")
        self.discard(accepted, files)
        return ("\n".join(lines), *self.library_view())

    def add_urls(self, text: str, progress: Any = None, request: Request | None = None) -> Outputs:
        """Article pages and RSS/Atom feeds, one URL a line, fetched as the CLI fetches them but
        from public addresses only (``ui.fetch_private_networks`` lets others through)."""
        if (why := self.refused_change(request)) is not None:
            return (why, *self.library_view())
        wanted = [line.strip() for line in (text or "").splitlines() if line.strip()]
        urls = [u for u in wanted if is_url(u)]
        lines = [f"- {u}: not an http(s) URL" for u in wanted if not is_url(u)]
        if not wanted:
            return ("Paste one or more article or feed URLs first, one a line.", *self.library_view())

        def show(p: Any) -> None:
            if progress is not None:
                progress((p.articles, None), desc=f"{p.articles} articles added; now {p.current}")

        if urls:
            guard = PublicOnly(tuple(self.bot.settings.ui.fetch_private_networks))
            try:
                report = self.bot.ingest(urls, progress=show, guard=guard)
                lines = [_summary(report), *lines, *(f"- {f.source}: {f.reason}" for f in report.failed)]
                lines += [f"- added: {self.bot.article(a).title}" for a in report.added]
            except AssistantError as exc:
                lines.insert(0, f"Error: {exc}")
        return ("\n".join(lines), *self.library_view())

    def discard(self, copies: list[str], files: list[Any]) -> None:
        """Delete our copies and the upload's own temp files, ingested, refused or failed alike.

        Only files inside the app's upload folders are ever deleted.
        """
        from gradio.utils import get_upload_folder

        incoming = Path(get_upload_folder()).resolve()
        for item in files:
            path = Path(item if isinstance(item, str) else item.name).resolve()
            if path.is_relative_to(incoming) and path != incoming:
                path.unlink(missing_ok=True)
                with contextlib.suppress(OSError):  # the per-upload folder, once empty
                    path.parent.rmdir()
        for copy in copies:
            if Path(copy).resolve().is_relative_to(self.uploads.resolve()):
                Path(copy).unlink(missing_ok=True)

    def remove(self, article_id: str | None, request: Request | None = None) -> Outputs:
        if (why := self.refused_change(request)) is not None:
            return (why, *self.library_view())
        if not article_id:
            return ("Choose an article to remove.", *self.library_view())
        try:
            self.bot.remove(article_id)
            message = f"Removed {article_id}."
        except AssistantError as exc:
            message = f"Error: {exc}"
        return (message, *self.library_view())


def _chat_tab(app: ChatApp) -> dict[str, Any]:
    import gradio as gr

    with gr.Tab("Chat", id="chat"), gr.Row():
        saved = conversation_column(app.conversations)
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(elem_id="chat", height=520, sanitize_html=True, label="Answers")
            question = gr.Textbox(
                placeholder="Ask about your articles, e.g. What did Muraviev say about power balance?",
                show_label=False,
                elem_id="question",
            )
            with gr.Accordion("Filter the next questions", open=False):
                sources = gr.Dropdown(  # choices come with the page load, after login
                    choices=[], multiselect=True, label="Sources", elem_id="filter-sources"
                )
                with gr.Row():
                    since = gr.Textbox(label="Published since (YYYY-MM-DD)", elem_id="filter-since")
                    until = gr.Textbox(label="Published until (YYYY-MM-DD)", elem_id="filter-until")
                recent = gr.Checkbox(
                    value=app.bot.settings.retrieval.recency,
                    label="Prefer recent articles (and the dates a question names, e.g. 'this week')",
                    elem_id="filter-recency",
                )
        with gr.Column(scale=2):
            gr.Markdown("### Sources")
            panel = gr.HTML(sources_html([], app.bot.article), elem_id="sources")
    return {
        **{f"conversation_{k}": v for k, v in saved.items()},
        "chatbot": chatbot,
        "question": question,
        "sources": sources,
        "since": since,
        "until": until,
        "recent": recent,
        "panel": panel,
    }


def _summary(report: IngestReport) -> str:
    return (
        f"Added {len(report.added)}, updated {len(report.updated)}, unchanged {len(report.skipped)}, "
        f"near-duplicates {len(report.duplicates)}, failed {len(report.failed)} ({report.chunks} chunks)."
    )


def _library_tab(app: ChatApp) -> dict[str, Any]:
    import gradio as gr

    with gr.Tab("Library", id="library"):
        files = gr.File(
            file_count="multiple", file_types=PICKER_SUFFIXES, label="Add articles", elem_id="upload"
        )
        add = gr.Button("Add to library", variant="primary", elem_id="add")
        with gr.Row():
            urls = gr.Textbox(
                label="Article or RSS/Atom feed URLs, one a line", lines=2, elem_id="urls", scale=4
            )
            add_urls = gr.Button("Add URLs", elem_id="add-urls", scale=1)
        report = gr.Markdown(elem_id="report")
        with gr.Row():
            search = gr.Textbox(
                placeholder="Search by title, outlet or quoted person",
                show_label=False,
                elem_id="library-search",
            )
            page = gr.Number(value=1, precision=0, minimum=1, label="Page", elem_id="library-page")
        pages = gr.Markdown(elem_id="library-pages")
        table = gr.Dataframe(  # rows come with the page load, after login
            value=library_rows([], {}),
            headers=HEADERS,
            interactive=False,
            elem_id="articles",
        )
        with gr.Row():
            picked = gr.Dropdown(label="Article", elem_id="remove-choice")
            drop = gr.Button("Remove", variant="stop", elem_id="remove")
    return {
        "files": files,
        "add": add,
        "urls": urls,
        "add_urls": add_urls,
        "report": report,
        "search": search,
        "page": page,
        "pages": pages,
        "table": table,
        "picked": picked,
        "drop": drop,
    }


def _wire_conversations(view: ConversationsView, chat: dict[str, Any], session: Any) -> None:
    """The conversation list's events: open, new, search, rename, delete."""
    c = {k.removeprefix("conversation_"): v for k, v in chat.items() if k.startswith("conversation_")}
    shown = [chat["chatbot"], session, chat["panel"], c["title"], c["export"]]
    c["list"].input(view.open, [c["list"]], shown)
    c["new"].click(lambda: (*view.new(), None), None, [*shown, c["list"]])
    c["search"].change(view.search, [c["search"], c["list"]], [c["list"]])
    c["rename"].click(view.rename, [c["list"], c["title"]], [c["list"], c["note"]])
    c["delete"].click(view.delete, [c["list"]], [c["list"], c["note"], *shown])


def build_app(bot: Assistant, access: Access | None = None) -> Any:
    """The Gradio page: a status line, the Chat, Stories and Library tabs, wired to their handlers."""
    import gradio as gr

    app = ChatApp(bot, access)

    def add(files: list[Any] | None, request: Request, progress: Any = gr.Progress()) -> Outputs:  # noqa: B008
        # The picker empties with the report: its files' temp copies are gone by then.
        return (*app.add_files(files, progress, request), None)

    def fetch(text: str, request: Request, progress: Any = gr.Progress()) -> Outputs:  # noqa: B008
        return app.add_urls(text, progress, request)

    # Gradio's file cache (exports to download) is emptied of files a day old, every hour.
    with gr.Blocks(title="News assistant", analytics_enabled=False, delete_cache=(3600, 86400)) as page:
        status_line = gr.Markdown("Loading the library…", elem_id="status")
        # One chat history per browser session, dropped after a day without use.
        session = gr.State(None, time_to_live=24 * 3600)
        chat = _chat_tab(app)
        stories_tab(StoriesView(bot, _date))
        lib = _library_tab(app)
        wanted = gr.Textbox(elem_id="reader-request", elem_classes=["hidden-input"], show_label=False)
        reader = gr.HTML(
            '<div class="reader-empty">"Read the article" on a source card, or a row of the library, '
            "shows the whole article here.</div>",
            elem_id="reader",
        )
        wanted.change(app.read, [wanted], [reader]).then(None, js=SHOW_MARK)
        lib["table"].select(app.read_row, None, [reader])
        chat["question"].submit(
            app.respond,
            [chat[k] for k in ("question", "chatbot")]
            + [session]
            + [chat[k] for k in ("sources", "since", "until", "recent")],
            [chat["chatbot"], session, chat["panel"], chat["question"]]
            + [chat[f"conversation_{k}"] for k in ("list", "export", "title")],
        )
        _wire_conversations(app.conversations, chat, session)
        viewed = [lib["table"], lib["picked"], chat["sources"], status_line, lib["pages"]]
        outputs = [lib["report"], *viewed]
        lib["add"].click(add, [lib["files"]], [*outputs, lib["files"]])
        lib["add_urls"].click(fetch, [lib["urls"]], outputs)
        lib["drop"].click(app.remove, [lib["picked"]], outputs)
        page.load(app.library_view, None, viewed)
        lib["search"].change(
            lambda text: (*app.library_view(text, 1), 1), [lib["search"]], [*viewed, lib["page"]]
        )
        lib["page"].submit(app.library_view, [lib["search"], lib["page"]], viewed)
        page.load(app.conversations.load, None, [chat["conversation_list"]])
    return page


def serve(bot: Assistant, host: str | None = None, port: int | None = None, auth: str | None = None) -> None:
    """Run the app until interrupted: Gradio mounted in our own FastAPI app behind ``Guard``."""
    import gradio as gr
    import uvicorn
    from fastapi import FastAPI

    ui = bot.settings.ui
    host = host or ui.host
    port = port or ui.port
    auth = auth or (ui.auth.get_secret_value() if ui.auth else None)
    users = bot.users
    check_bind(host, auth, accounts=bool(users))
    # Uploads land in the library's own folder (not the machine-wide temp dir), and are
    # deleted once ingested or refused.
    os.environ["GRADIO_TEMP_DIR"] = str((Path(bot.settings.data_dir) / "uploads" / "incoming").resolve())
    credentials = (auth.split(":", 1)[0], auth.split(":", 1)[1]) if auth else None
    access = Access(users, credentials)
    page = build_app(bot, access).queue(default_concurrency_limit=8)
    root = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    root.mount("/v1", openai_app(bot, access))  # any OpenAI chat client; before the page's routes
    gr.mount_gradio_app(
        root,
        page,
        path="/",
        server_name=host,
        server_port=port,
        auth=access.login if access.required else None,
        # Gradio's login form says only "Incorrect Credentials", whatever the reply: say the rule.
        auth_message=(
            f"After {ui.login_free_attempts} failed logins from one address, each further attempt "
            "must wait longer (1 s, 2 s, 4 s, …); an early attempt fails whatever the password."
        ),
        max_file_size=f"{ui.max_upload_mb}mb",
        show_error=False,
        css=CSS,
        js=JS,
        footer_links=[],
        run_history=False,
    )
    guarded = Guard(root, LoginThrottle(ui.login_free_attempts, ui.login_max_delay_s))
    print(
        f"News assistant on http://{host}:{port} (Ctrl-C stops it); "
        f"OpenAI-compatible API at http://{host}:{port}/v1",
        flush=True,
    )
    uvicorn.run(guarded, host=host, port=port, log_level="warning", proxy_headers=False)
