"""The browser's saved conversations: a list beside the chat to reopen, rename, delete and
export them, and a new chat.

Each browser session's chat is saved as it goes (``Assistant.chat``); whose it is comes from
the login (Gradio's ``request.username``; ``""`` when the app has no login). A request for a
conversation of another user finds nothing, as if it did not exist.
"""

from __future__ import annotations

import re
import tempfile
import uuid
from html import escape
from pathlib import Path
from typing import Any

from gradio import Request  # resolved by name when Gradio reads the handlers' annotations

from index.errors import AssistantError

from ..api import Assistant
from ..chat import ChatSession
from ..conversations import Conversation
from ..export import conversation_markdown
from .render import answer_html, sources_html

__all__ = ["EXPORT_SUFFIX", "ConversationsView", "conversation_column", "user_of"]

LISTED = 200  # conversations in the list (the newest); older ones are found by searching
EXPORT_SUFFIX = ".conversation.md"  # Gradio serves a copy from its cache, which deletes day-old files
Outputs = tuple[Any, ...]


def user_of(request: Request | None) -> str:
    """The logged-in user of a Gradio request ("" without a login)."""
    return str(getattr(request, "username", None) or "")


class ConversationsView:
    """Handlers for the conversation list; each returns updates for the chat's components."""

    def __init__(self, bot: Assistant) -> None:
        self.bot = bot
        self.exports = Path(tempfile.gettempdir()) / "news-assistant-exports"

    def choices(self, user: str, search: str = "") -> list[tuple[str, str]]:
        return [
            (f"{c.title or 'Untitled'} · {c.updated:%Y-%m-%d %H:%M}", c.id)
            for c in self.bot.conversations.list(user, limit=LISTED, search=search.strip())
        ]

    def listing(self, selected: str | None, request: Request | None, search: str = "") -> Any:
        import gradio as gr

        return gr.update(choices=self.choices(user_of(request), search), value=selected)

    def search(self, text: str, selected: str | None, request: Request) -> Any:
        return self.listing(selected, request, text or "")

    def load(self, request: Request) -> Any:
        return self.listing(None, request)

    def export_file(self, conversation: Conversation) -> str:
        """The conversation as a Markdown file to download."""
        folder = self.exports / uuid.uuid4().hex
        folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w-]+", "-", conversation.title.lower()).strip("-")[:60] or "conversation"
        path = folder / f"{name}{EXPORT_SUFFIX}"
        path.write_text(conversation_markdown(conversation), encoding="utf-8")
        return str(path)

    def open(self, conversation_id: str | None, request: Request) -> Outputs:
        """Reopen a saved conversation: its answers, their sources, its title; and continue it.

        Outputs: chatbot, session, sources panel, title box, export file."""
        user = user_of(request)
        if not conversation_id:
            return self.new()
        try:
            conversation = self.bot.conversations.get(conversation_id, user)
        except AssistantError as exc:
            return [], None, f'<div class="refusal">{escape(str(exc))}</div>', "", None
        history: list[dict[str, Any]] = []
        turns = []
        for i, turn in enumerate(conversation.turns):
            history += [
                {"role": "user", "content": turn.asked},
                {"role": "assistant", "content": answer_html(turn.answer, i)},
            ]
            turns.append((turn.asked, turn.answer))
        session: ChatSession = self.bot.chat(resume=conversation.id, user=user)
        panel = sources_html(turns, self.bot.article)
        return history, session, panel, conversation.title, self.export_file(conversation)

    def new(self) -> Outputs:
        return [], None, sources_html([], self.bot.article), "", None

    def rename(self, conversation_id: str | None, title: str, request: Request) -> Outputs:
        """Outputs: the list, a note."""
        user = user_of(request)
        if not conversation_id:
            return self.listing(None, request), "Open a conversation to rename it."
        try:
            self.bot.conversations.rename(conversation_id, title, user)
        except (AssistantError, ValueError) as exc:
            return self.listing(conversation_id, request), str(exc)
        return self.listing(conversation_id, request), "Renamed."

    def delete(self, conversation_id: str | None, request: Request) -> Outputs:
        """Outputs: the list, a note, then what ``new`` gives (the chat emptied)."""
        if not conversation_id:
            return self.listing(None, request), "Open a conversation to delete it.", *self.new()
        try:
            self.bot.conversations.delete(conversation_id, user_of(request))
        except AssistantError as exc:
            return self.listing(conversation_id, request), str(exc), *self.new()
        return self.listing(None, request), "Deleted.", *self.new()


def conversation_column(view: ConversationsView) -> dict[str, Any]:
    """The list and its buttons (inside the chat tab's row)."""
    import gradio as gr

    with gr.Column(scale=1, min_width=220):
        new = gr.Button("New chat", elem_id="new-chat", size="sm")
        search = gr.Textbox(placeholder="Search titles", show_label=False, elem_id="conversation-search")
        listing = gr.Radio(choices=[], label="Conversations", elem_id="conversations")
        title = gr.Textbox(label="Title", elem_id="conversation-title")
        with gr.Row():
            rename = gr.Button("Rename", elem_id="rename-chat", size="sm")
            delete = gr.Button("Delete", variant="stop", elem_id="delete-chat", size="sm")
        export = gr.DownloadButton("Export (Markdown)", elem_id="export-chat", size="sm", value=None)
        note = gr.Markdown(elem_id="conversation-note")
    return {
        "new": new,
        "search": search,
        "list": listing,
        "title": title,
        "rename": rename,
        "delete": delete,
        "export": export,
        "note": note,
    }
