"""Answers and conversations as Markdown, with numbered citations a reader can check.

Each citation lists its article (title, outlet, date, URL), the exact quote, and the quote's
character offsets into the article's text as ``assistant show ID`` prints it. Text that comes
from articles or users is escaped, so a title cannot turn into a link or HTML when the file is
rendered.
"""

from __future__ import annotations

import re

from .conversations import Conversation
from .models import Answer, Citation

__all__ = ["answer_markdown", "conversation_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """``text`` with Markdown's and HTML's special characters backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def _source(c: Citation) -> list[str]:
    when = c.published.isoformat() if c.published else "undated"
    outlet = f" — {escape(c.source)}" if c.source else ""
    link = f" <{c.url}>" if c.url and re.match(r"https?://[^\s<>]+$", c.url) else ""
    quote = " ".join(c.quote.split())
    return [
        f"{c.n}. **{escape(c.title or c.article_id)}**{outlet}, {when}.{link}",
        f"   > {escape(quote)}",
        "",
        f"   Characters {c.start}–{c.end} of article `{c.article_id.replace('`', '')}`.",
    ]


def answer_markdown(answer: Answer, question: str | None = None, level: int = 2) -> str:
    """One answer: the question as a heading, the answer, what was not supported, the sources."""
    heading = "#" * level
    lines = [f"{heading} {escape(question or answer.question or 'Answer')}", ""]
    if answer.refused:
        lines += [f"*No answer:* {escape(answer.text)}", ""]
    else:
        lines += [escape(line) for line in answer.text.splitlines()] + [""]
    flagged = answer.flagged()
    if flagged:
        lines += ["*Not supported by the articles (shown without a citation):*", ""]
        lines += [f"- {escape(s)}" + (f" ({escape(r)})" if r else "") for s, r in flagged]
        lines.append("")
    if answer.citations:
        lines += [f"{heading}# Sources", ""]
        for c in answer.citations:
            lines += [*_source(c), ""]
    return "\n".join(lines).rstrip() + "\n"


def conversation_markdown(conversation: Conversation) -> str:
    """A whole conversation: its title, then every question with its answer and sources."""
    parts = [
        f"# {escape(conversation.title or 'Conversation')}",
        "",
        f"Saved conversation `{conversation.id}`, started {conversation.created:%Y-%m-%d %H:%M} UTC, "
        f"{len(conversation.turns)} questions.",
        "",
    ]
    for turn in conversation.turns:
        parts.append(answer_markdown(turn.answer, turn.asked, level=2))
    return "\n".join(parts).rstrip() + "\n"
