"""HTML for the chat UI: answers with clickable [n] markers, and source cards with the quote
highlighted inside its paragraph.

Pure functions of public API values. Everything that comes from an article or a model is
HTML-escaped here, so an article's ``<script>`` is shown as text, never run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from html import escape

from index.errors import AssistantError
from index.models import Article, ArticleInfo
from index.sentences import paragraph_spans

from ..models import Answer, Citation

__all__ = [
    "answer_html",
    "library_rows",
    "reader_html",
    "source_card",
    "sources_html",
    "status_markdown",
    "streaming_html",
]

_MARKER = re.compile(r"\[(\d+)\]")


def answer_html(answer: Answer, turn: int | str) -> str:
    """The chat message for an answer: markers link to their source cards."""
    if answer.refused:
        return f'<div class="refusal"><strong>No answer.</strong> {escape(answer.text)}</div>'
    known = {c.n for c in answer.citations}

    def link(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n not in known:
            return match.group(0)
        return f'<a class="cite" href="#src-{turn}-{n}" data-cite="src-{turn}-{n}">[{n}]</a>'

    body = _MARKER.sub(link, escape(answer.text)).replace("\n", "<br>")
    flagged = ""
    if answer.unsupported:
        items = "".join(
            f"<li>{escape(s)}" + (f" <em>({escape(r)})</em>" if r else "") + "</li>"
            for s, r in answer.flagged()
        )
        flagged = f'<div class="unsupported">Not supported by the articles:<ul>{items}</ul></div>'
    return f'<div class="answer">{body}</div>{flagged}'


def _context(article: Article, citation: Citation) -> str:
    """The paragraph around the quote, with the quote marked."""
    start, end = citation.start, citation.end
    for p_start, p_end in paragraph_spans(article.text):
        if p_start <= start < p_end:
            start, end = p_start, max(p_end, end)
            break
    text = article.text
    return (
        escape(text[start : citation.start])
        + f"<mark>{escape(text[citation.start : citation.end])}</mark>"
        + escape(text[citation.end : end])
    )


def _paragraph(citation: Citation, article: Callable[[str], Article]) -> str:
    """The quote marked in its paragraph; the quote alone when the article has since been
    removed from the library (a saved conversation keeps its quotes)."""
    try:
        return _context(article(citation.article_id), citation)
    except AssistantError:
        return f"<mark>{escape(citation.quote)}</mark> <em>(article no longer in the library)</em>"


def _link(url: str | None, text: str) -> str:
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{text}</a>'
    return text


def reader_html(
    article: Article, info: ArticleInfo | None, start: int | None = None, end: int | None = None
) -> str:
    """The whole article to read: headline (linked), outlet, date, URL, who it quotes, the other
    outlets that ran it; its text in paragraphs with ``start:end`` marked (``#reader-mark``).
    Everything from the article is escaped."""
    when = article.published.isoformat() if article.published else "undated"
    people = ", ".join(f"{escape(name)} ({n})" for name, n in article.people()[:8]) or "nobody"
    copies = ", ".join(
        _link(d.url, escape(d.source or d.title)) + (f" ({d.published})" if d.published else "")
        for d in (info.duplicates if info else ())
    )
    meta = f'<div class="reader-meta">{escape(article.source)} · {when}'
    meta += f" · {_link(article.url, escape(article.url))}</div>" if article.url else "</div>"
    meta += f'<div class="reader-meta">Quotes: {people}</div>'
    meta += f'<div class="reader-meta">Also ran in: {copies}</div>' if copies else ""
    text = article.text
    mark = (start, end) if start is not None and end is not None and 0 <= start < end <= len(text) else None
    paragraphs = []
    for p_start, p_end in paragraph_spans(text) or [(0, len(text))]:
        if mark and p_start <= mark[0] < p_end:
            m_start, m_end = mark
            body = (
                escape(text[p_start:m_start]) + f'<mark id="reader-mark">{escape(text[m_start:m_end])}</mark>'
            )
            body += escape(text[m_end : max(m_end, p_end)])
        elif mark and mark[0] < p_start < mark[1]:
            continue  # inside the marked span: shown with it
        else:
            body = escape(text[p_start:p_end])
        paragraphs.append(f"<p>{body}</p>")
    head = f'<h3 class="reader-title">{_link(article.url, escape(article.title))}</h3>'
    return f'<div class="reader" data-article="{escape(article.id)}">{head}{meta}{"".join(paragraphs)}</div>'


def source_card(citation: Citation, turn: int | str, article: Callable[[str], Article]) -> str:
    """One source card: title, outlet, date, offsets, and the quote marked in its paragraph."""
    title = escape(citation.title)
    if citation.url and citation.url.startswith(("http://", "https://")):
        title = f'<a href="{escape(citation.url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    when = citation.published.isoformat() if citation.published else "undated"
    return (
        f'<div class="source" id="src-{turn}-{citation.n}">'
        f'<div class="source-head"><span class="n">[{citation.n}]</span> {title}</div>'
        f'<div class="source-meta">{escape(citation.source)} · {when} · '
        f"chars {citation.start}–{citation.end} · "
        f'<a class="read" href="#reader" data-article="{escape(citation.article_id)}" '
        f'data-start="{citation.start}" data-end="{citation.end}">read the article</a></div>'
        f'<p class="source-context">{_paragraph(citation, article)}</p></div>'
    )


def sources_html(turns: Sequence[tuple[str, Answer]], article: Callable[[str], Article]) -> str:
    """Source cards of every answer so far, newest first."""
    if not turns:
        return '<div class="sources-empty">Sources of each answer appear here.</div>'
    blocks = []
    for turn in range(len(turns) - 1, -1, -1):
        question, answer = turns[turn]
        cards = "".join(source_card(c, turn, article) for c in answer.citations) or (
            '<div class="source-none">No sources: the question was not answered.</div>'
        )
        blocks.append(f'<div class="turn"><div class="turn-q">{escape(question)}</div>{cards}</div>')
    return '<div class="sources">' + "".join(blocks) + "</div>"


def library_rows(
    infos: Sequence[ArticleInfo], people: Mapping[str, Sequence[tuple[str, int]]] | None = None
) -> list[list[object]]:
    """One table row per article: who it quotes (most quoted first) and where else it ran."""
    people = people or {}
    return [
        [
            i.title,
            i.published.isoformat() if i.published else "",
            i.source,
            ", ".join(name for name, _ in people.get(i.id, ())[:4]),
            ", ".join(d.source for d in i.duplicates),
            i.chunks,
            i.id,
        ]
        for i in infos
    ]


def status_markdown(status: dict[str, object]) -> str:
    return (
        f"**Answers:** {status['answer_backend']} · **Embeddings:** {status['embedding_model']} · "
        f"**Library:** {status['articles']} articles, {status['chunks']} chunks · {status['store']}"
    )


def streaming_html(text: str) -> str:
    """A model's words while they arrive, escaped like article text: never markup, never a link."""
    return '<div class="answer streaming">' + escape(text).replace("\n", "<br>") + "</div>"
