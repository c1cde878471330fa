"""The Stories tab: a topic and a span of days told as a digest, a timeline or a comparison.

Every item is a cited sentence whose [n] marker opens its source card (the quote marked in
its paragraph), as in chat answers. Everything from an article is HTML-escaped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from html import escape
from typing import Any

from index.errors import AssistantError
from index.models import Article

from ..api import Assistant
from ..models import Citation
from ..stories.models import Comparison, Difference, Story, StoryItem
from .render import answer_html, source_card

__all__ = ["KINDS", "StoriesView", "stories_tab"]

log = logging.getLogger(__name__)
KINDS = ["Digest", "Timeline", "Compare"]
TURN = "story"
SUMMARY = "summary"


def _marker(n: int) -> str:
    return f'<a class="cite" href="#src-{TURN}-{n}" data-cite="src-{TURN}-{n}">[{n}]</a>'


def _item_body(item: StoryItem, when: bool = True) -> str:
    c = item.citation
    date = f'<span class="story-when">{escape(item.when)}</span> · ' if when else ""
    phrase = ""
    if item.event is not None:
        phrase = f' <span class="source-meta">(“{escape(item.event.phrase)}”, story of {c.published})</span>'
    also = f' <span class="story-also">{escape(item.also_text())}</span>' if item.also else ""
    who = f"<strong>{escape(c.source or c.title)}</strong>"
    return f"{date}{who}: {escape(c.quote)} {_marker(c.n)}{phrase}{also}"


def _renumbered(sides: list[StoryItem], start: int) -> list[StoryItem]:
    return [replace(s, citation=replace(s.citation, n=start + i)) for i, s in enumerate(sides)]


def story_html(story: Story) -> tuple[str, list[Citation]]:
    """A digest or timeline as HTML, and the citations its markers point at."""
    head = f"<h3>{story.kind.title()}: {escape(story.topic)}</h3>"
    if not story.items:
        return head + f'<div class="refusal">{escape(story.note or "Nothing found.")}</div>', []
    items = "".join(f'<li class="story-item">{_item_body(i)}</li>' for i in story.items)
    return f'{head}<ol class="story">{items}</ol>', [i.citation for i in story.items]


def summary_html(story: Story) -> str:
    """The model's written summary (checked like an answer), its markers on their own cards."""
    if story.summary is None or not story.summary.citations:
        return ""
    return f'<div class="story-summary">{answer_html(story.summary, SUMMARY)}</div>'


def comparison_html(found: Comparison) -> tuple[str, list[Citation]]:
    """A comparison as HTML (differences, agreements, one-outlet reports) and its citations."""
    parts = [f"<h3>Compare: {escape(found.topic)}</h3>"]
    parts.append(f'<div class="source-meta">Outlets: {escape(", ".join(found.sources)) or "none"}</div>')
    if found.note:
        parts.append(f'<div class="refusal">{escape(found.note)}</div>')
    citations: list[Citation] = []
    sections: list[tuple[str, tuple[Difference, ...]]] = [
        ("Reported differently", found.differences),
        ("Reported alike", found.agreements),
        ("Reported by one outlet only", found.only),
    ]
    for title, group in sections:
        if not group:
            continue
        parts.append(f"<h4>{title}</h4><ul>")
        for difference in group:
            sides = _renumbered(list(difference.sides), len(citations) + 1)
            citations += [s.citation for s in sides]
            values = [*difference.values, *[""] * len(sides)]
            rows = "".join(
                f"<li>{f'<em>{escape(v)}</em> · ' if v else ''}{_item_body(s, when=False)}</li>"
                for s, v in zip(sides, values, strict=False)
            )
            parts.append(
                f'<li class="difference"><strong>{escape(difference.kind)}</strong>: '
                f"{escape(difference.about)}<ul>{rows}</ul></li>"
            )
        parts.append("</ul>")
    if len(parts) == 2 and not found.note:
        parts.append("<p>No differences found: the outlets in the span report this alike.</p>")
    return "".join(parts), citations


def cards_html(
    citations: list[Citation], article: Callable[[str], Article], summary: Story | None = None
) -> str:
    """Source cards of a story's items (and of its written summary, first)."""
    cards = ""
    if summary is not None and summary.summary is not None:
        cards += "".join(source_card(c, SUMMARY, article) for c in summary.summary.citations)
    cards += "".join(source_card(c, TURN, article) for c in citations)
    if not cards:
        return '<div class="sources-empty">Sources of the story appear here.</div>'
    return f'<div class="sources">{cards}</div>'


class StoriesView:
    """The handler behind the Stories tab."""

    def __init__(self, bot: Assistant, parse_date: Callable[[str, str], Any]) -> None:
        self.bot = bot
        self.parse_date = parse_date

    def show(self, topic: str, kind: str, since: str, until: str) -> tuple[str, str]:
        empty = cards_html([], self.bot.article)
        topic = (topic or "").strip()
        if not topic:
            return '<div class="refusal">Name a topic first, e.g. Gaza ceasefire.</div>', empty
        try:
            start, end = self.parse_date(since, "Since"), self.parse_date(until, "Until")
            if kind == "Compare":
                html, citations = comparison_html(self.bot.compare(topic, since=start, until=end))
                return html, cards_html(citations, self.bot.article)
            method = self.bot.timeline if kind == "Timeline" else self.bot.digest
            story = method(topic, since=start, until=end)
        except AssistantError as exc:
            return f'<div class="refusal"><strong>Error.</strong> {escape(str(exc))}</div>', empty
        except Exception:  # the server keeps serving whatever one request does
            log.exception("story request failed")
            return '<div class="refusal"><strong>Error.</strong> Something went wrong.</div>', empty
        html, citations = story_html(story)
        return summary_html(story) + html, cards_html(citations, self.bot.article, story)


def stories_tab(view: StoriesView) -> None:
    import gradio as gr

    with gr.Tab("Stories", id="stories"), gr.Row():
        with gr.Column(scale=3):
            topic = gr.Textbox(label="Topic", placeholder="e.g. Gaza ceasefire", elem_id="story-topic")
            with gr.Row():
                kind = gr.Radio(KINDS, value="Digest", label="Show", elem_id="story-kind")
                since = gr.Textbox(label="Published since (YYYY-MM-DD)", elem_id="story-since")
                until = gr.Textbox(label="Published until (YYYY-MM-DD)", elem_id="story-until")
            go = gr.Button("Show", variant="primary", elem_id="story-go")
            result = gr.HTML(elem_id="story")
        with gr.Column(scale=2):
            gr.Markdown("### Sources")
            cards = gr.HTML(cards_html([], view.bot.article), elem_id="story-sources")
    for trigger in (go.click, topic.submit):
        trigger(view.show, [topic, kind, since, until], [result, cards])
