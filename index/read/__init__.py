"""Reading inputs into articles: files and folders, article pages, RSS/Atom feeds.

``iter_inputs`` is the front: it dispatches each input to the file readers (``files``) or
the web fetcher (``web``); both build articles the same way (``articles``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..models import IngestFailure
from ..text import ARTICLE_SUFFIXES, FEED_SUFFIXES, article_suffix
from .articles import Item, article_from_html, article_from_record, canonical_url, content_hash
from .files import ReadLimits, read_path
from .web import Fetcher, is_url

__all__ = [
    "Fetcher",
    "Item",
    "ReadLimits",
    "article_from_html",
    "article_from_record",
    "canonical_url",
    "content_hash",
    "is_url",
    "iter_inputs",
    "read_path",
]


def iter_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    fetcher: Fetcher | None = None,
    limits: ReadLimits | None = None,
) -> Iterator[tuple[str, Item]]:
    """Read files and directories (recursively, hidden entries skipped), page and feed URLs,
    and feed files (.rss, .atom, .xml named explicitly: a folder's XML files are not fetched)."""
    fetcher = fetcher or Fetcher()
    for raw in inputs:
        if isinstance(raw, str) and is_url(raw):
            yield from fetcher.url(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root) / name
                    if name.startswith(".") or article_suffix(name) not in ARTICLE_SUFFIXES:
                        continue
                    for item in read_path(child, limits):
                        yield str(child), item
        elif path.exists() and path.suffix.lower() in FEED_SUFFIXES:
            yield from fetcher.feed_file(path)
        elif path.exists():
            for item in read_path(path, limits):
                yield str(path), item
        elif path.is_symlink():
            yield str(path), IngestFailure(str(path), "a broken symbolic link (or a link loop)")
        else:
            yield str(path), IngestFailure(str(path), "no such file or directory")
