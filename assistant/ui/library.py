"""The Library tab's table: searched by title, outlet or quoted person, newest first, a page at a time.

A library of thousands of articles is never sent whole to the browser: the table holds one page
(``PAGE`` rows), and the article picker for removal offers that page's articles.
"""

from __future__ import annotations

from typing import Any

from index.models import ArticleInfo

from ..api import Assistant
from .render import library_rows

__all__ = ["PAGE", "LibraryView"]

PAGE = 50


def _newest_first(info: ArticleInfo) -> tuple[bool, int, str]:
    return (
        info.published is None,
        -(info.published.toordinal() if info.published else 0),
        info.title.lower(),
    )


class LibraryView:
    """One page of the library's table for a search."""

    def __init__(self, bot: Assistant) -> None:
        self.bot = bot

    def page(
        self, search: str = "", number: float | None = 1, infos: list[ArticleInfo] | None = None
    ) -> tuple[list[list[object]], list[Any], str]:
        """(rows, picker choices, "Page 2 of 100 · 5,000 articles") for ``search`` and page
        ``number``; ``infos``: the library's articles, when the caller has them already."""
        everything = infos if infos is not None else self.bot.articles()
        wanted = " ".join((search or "").split()).casefold()
        matched = everything
        people: dict[str, list[tuple[str, int]]] | None = None
        if wanted:
            people = self.bot.people()
            matched = [
                i
                for i in everything
                if wanted in i.title.casefold()
                or wanted in i.source.casefold()
                or any(wanted in name.casefold() for name, _ in people.get(i.id, ()))
            ]
        matched = sorted(matched, key=_newest_first)
        pages = max(1, -(-len(matched) // PAGE))
        current = min(max(1, int(number or 1)), pages)
        shown = matched[(current - 1) * PAGE : current * PAGE]
        found = (
            f"{len(matched):,} of {len(everything):,} articles match"
            if wanted
            else f"{len(everything):,} articles"
        )
        return (
            library_rows(shown, people if people is not None else self.bot.people([i.id for i in shown])),
            [(f"{i.title} ({i.id})", i.id) for i in shown],
            f"Page {current} of {pages} · {found}, newest first",
        )
