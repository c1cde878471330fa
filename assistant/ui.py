"""The browser chat (Gradio): chat with streaming cited answers, sources panel, library.

Only the public API is called here; retrieval and answer logic live elsewhere. Each browser
session has its own chat history. Errors become readable messages and the server keeps
running. Binding anywhere but loopback requires a user and password.
"""

from __future__ import annotations

import ipaddress
import logging
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from .api import Assistant
from .chat import ChatSession
from .errors import AssistantError, ConfigError
from .models import Answer
from .ui_render import answer_html, library_rows, sources_html, status_markdown

__all__ = ["UPLOAD_SUFFIXES", "build_app", "check_bind", "serve"]

log = logging.getLogger(__name__)
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".gz")
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
}
"""


def check_bind(host: str, auth: str | None) -> None:
    """Refuse to expose the library beyond this machine without a password."""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not auth:
        raise ConfigError(
            f"Serving on {host} makes the library reachable from other machines: "
            "pass --auth user:password (or set ASSISTANT_UI__AUTH), or bind to 127.0.0.1."
        )
    if auth and ":" not in auth:
        raise ConfigError("--auth must look like user:password.")


def _date(value: str, name: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise AssistantError(f"{name} must be a date like 2024-05-16, not {value!r}.") from None


def build_app(bot: Assistant) -> Any:
    import gradio as gr

    settings = bot.settings
    uploads = Path(settings.data_dir) / "uploads"
    limit = settings.ui.max_upload_mb * 1024 * 1024

    def status() -> str:
        return status_markdown(bot.status())

    def sources_choices() -> list[str]:
        return sorted({i.source for i in bot.articles() if i.source})

    def library_view() -> tuple[Any, ...]:
        infos = bot.articles()
        return (
            library_rows(infos, bot.people()),
            gr.update(choices=[(f"{i.title} ({i.id})", i.id) for i in infos], value=None),
            gr.update(choices=sources_choices()),
            status(),
        )

    def respond(
        message: str,
        history: list[dict[str, Any]],
        session: ChatSession | None,
        sources: list[str],
        since: str,
        until: str,
        recent_first: bool = True,
    ) -> Iterator[tuple[Any, ...]]:
        session = session or bot.chat()
        message = (message or "").strip()
        history = [*history, {"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        turns = [(t.asked, t.answer) for t in session.history]
        panel = sources_html(turns, bot.article)
        if not message:
            history[-1]["content"] = answer_html(Answer(text="Type a question first.", refused=True), 0)
            yield history, session, panel, ""
            return
        written = ""
        try:
            filters = {
                "sources": sources or (),
                "since": _date(since, "Since"),
                "until": _date(until, "Until"),
                "recency": bool(recent_first),
            }
            for event in session.stream(message, **filters):
                if isinstance(event, str):
                    written += event
                    history[-1]["content"] = written
                    yield history, session, panel, ""
                else:
                    turns.append((message, event))
                    history[-1]["content"] = answer_html(event, len(turns) - 1)
                    yield history, session, sources_html(turns, bot.article), ""
        except AssistantError as exc:
            history[-1]["content"] = f'<div class="refusal"><strong>Error.</strong> {escape(str(exc))}</div>'
            yield history, session, panel, ""
        except Exception:  # the server must keep serving whatever one request does
            log.exception("chat request failed")
            history[-1]["content"] = (
                '<div class="refusal"><strong>Error.</strong> Something went wrong.</div>'
            )
            yield history, session, panel, ""

    def add_files(files: list[Any] | None, progress: Any = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        if not files:
            return ("Choose one or more files first.", *library_view())
        uploads.mkdir(parents=True, exist_ok=True)
        accepted: list[str] = []
        problems: list[str] = []
        for item in files:
            source = Path(item if isinstance(item, str) else item.name)
            name = source.name
            suffix = ".jsonl.gz" if name.lower().endswith(".jsonl.gz") else source.suffix.lower()
            if not name.lower().endswith(UPLOAD_SUFFIXES):
                problems.append(f"{name}: not an article file (use {', '.join(UPLOAD_SUFFIXES)})")
            elif source.stat().st_size > limit:
                problems.append(f"{name}: larger than {settings.ui.max_upload_mb} MB")
            else:
                target = uploads / f"{uuid.uuid4().hex}{suffix}"  # never the client's file name
                shutil.copyfile(source, target)
                accepted.append(str(target))

        def show(p: Any) -> None:
            progress((p.articles, None), desc=f"Ingested {p.articles} articles, {p.chunks} chunks")

        lines = [f"- {p}" for p in problems]
        if accepted:
            try:
                report = bot.ingest(accepted, progress=show)
                lines.insert(
                    0,
                    f"Added {len(report.added)}, updated {len(report.updated)}, "
                    f"unchanged {len(report.skipped)}, near-duplicates {len(report.duplicates)}, "
                    f"failed {len(report.failed)} "
                    f"({report.chunks} chunks).",
                )
                lines += [f"- {Path(f.source).suffix or 'file'}: {f.reason}" for f in report.failed]
            except AssistantError as exc:
                lines.insert(0, f"Error: {exc}")
        return ("\n".join(lines), *library_view())

    def remove(article_id: str | None) -> tuple[Any, ...]:
        if not article_id:
            return ("Choose an article to remove.", *library_view())
        try:
            bot.remove(article_id)
            message = f"Removed {article_id}."
        except AssistantError as exc:
            message = f"Error: {exc}"
        return (message, *library_view())

    with gr.Blocks(title="News assistant", analytics_enabled=False) as app:
        status_line = gr.Markdown(status(), elem_id="status")
        # One chat history per browser session, dropped after a day without use.
        session = gr.State(None, time_to_live=24 * 3600)
        with gr.Tab("Chat", id="chat"), gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(elem_id="chat", height=520, sanitize_html=True, label="Answers")
                question = gr.Textbox(
                    placeholder="Ask about your articles, e.g. What did Muraviev say about power balance?",
                    show_label=False,
                    elem_id="question",
                )
                with gr.Accordion("Filter the next questions", open=False):
                    source_filter = gr.Dropdown(
                        choices=sources_choices(), multiselect=True, label="Sources", elem_id="filter-sources"
                    )
                    with gr.Row():
                        since = gr.Textbox(label="Published since (YYYY-MM-DD)", elem_id="filter-since")
                        until = gr.Textbox(label="Published until (YYYY-MM-DD)", elem_id="filter-until")
                    recent_first = gr.Checkbox(
                        value=bot.settings.retrieval.recency,
                        label="Prefer recent articles (and the dates a question names, e.g. 'this week')",
                        elem_id="filter-recency",
                    )
            with gr.Column(scale=2):
                gr.Markdown("### Sources")
                sources_panel = gr.HTML(sources_html([], bot.article), elem_id="sources")
        with gr.Tab("Library", id="library"):
            files = gr.File(
                file_count="multiple",
                file_types=list(UPLOAD_SUFFIXES),
                label="Add articles",
                elem_id="upload",
            )
            add = gr.Button("Add to library", variant="primary", elem_id="add")
            report = gr.Markdown(elem_id="report")
            table = gr.Dataframe(
                value=library_rows(bot.articles(), bot.people()),
                headers=HEADERS,
                interactive=False,
                elem_id="articles",
            )
            with gr.Row():
                picked = gr.Dropdown(label="Article", elem_id="remove-choice")
                drop = gr.Button("Remove", variant="stop", elem_id="remove")

        question.submit(
            respond,
            [question, chatbot, session, source_filter, since, until, recent_first],
            [chatbot, session, sources_panel, question],
        )
        library_outputs = [report, table, picked, source_filter, status_line]
        add.click(add_files, [files], library_outputs)
        drop.click(remove, [picked], library_outputs)
        app.load(library_view, None, [table, picked, source_filter, status_line])
    return app


def serve(bot: Assistant, host: str | None = None, port: int | None = None, auth: str | None = None) -> None:
    """Run the app until interrupted."""
    ui = bot.settings.ui
    host = host or ui.host
    port = port or ui.port
    auth = auth or (ui.auth.get_secret_value() if ui.auth else None)
    check_bind(host, auth)
    app = build_app(bot)
    credentials = tuple(auth.split(":", 1)) if auth else None
    print(f"News assistant on http://{host}:{port} (Ctrl-C stops it)", flush=True)
    app.queue(default_concurrency_limit=8).launch(
        server_name=host,
        server_port=port,
        auth=credentials,
        max_file_size=f"{ui.max_upload_mb}mb",
        show_error=False,
        quiet=True,
        css=CSS,
        js=JS,
        footer_links=[],
    )
