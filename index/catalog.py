"""The article catalog: one SQLite file holding every article's text and metadata.

Citation offsets index into the text stored here, so ``show`` always returns exactly the
text a citation points into. The catalog also keeps a ``generation`` counter that moves on
every change; the keyword index compares it to decide whether it is stale, so it stays
consistent with Chroma across processes and restarts.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .dates import parse_date
from .models import Article, ArticleInfo

__all__ = ["Catalog"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    url TEXT,
    published TEXT,
    authors TEXT NOT NULL,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    chunks INTEGER NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
);
"""


class Catalog:
    """Articles by id, with their text; safe to share between threads of one process."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._db:
            yield self._db

    def generation(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    @staticmethod
    def _bump(db: sqlite3.Connection) -> None:
        db.execute(
            "INSERT INTO meta(key, value) VALUES('generation', '1') ON CONFLICT(key) "
            "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def content_hash(self, article_id: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT content_hash FROM articles WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def put(self, article: Article, chunks: int) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO articles"
                "(id, title, url, published, authors, source, text, content_hash, chunks)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.title,
                    article.url,
                    article.published.isoformat() if article.published else None,
                    json.dumps(list(article.authors)),
                    article.source,
                    article.text,
                    article.content_hash,
                    chunks,
                ),
            )
            self._bump(db)

    def delete(self, article_id: str) -> bool:
        with self.transaction() as db:
            deleted = db.execute("DELETE FROM articles WHERE id=?", (article_id,)).rowcount
            if deleted:
                self._bump(db)
        return bool(deleted)

    def get(self, article_id: str) -> Article | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, title, url, published, authors, source, text, content_hash"
                " FROM articles WHERE id=?",
                (article_id,),
            ).fetchone()
        if row is None:
            return None
        return Article(
            id=row[0],
            title=row[1],
            url=row[2],
            published=parse_date(row[3]),
            authors=tuple(json.loads(row[4])),
            source=row[5],
            text=row[6],
            content_hash=row[7],
        )

    def infos(self) -> list[ArticleInfo]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, title, url, published, authors, source, chunks FROM articles"
                " ORDER BY published DESC, title"
            ).fetchall()
        return [
            ArticleInfo(
                id=r[0],
                title=r[1],
                url=r[2],
                published=parse_date(r[3]),
                authors=tuple(json.loads(r[4])),
                source=r[5],
                chunks=r[6],
            )
            for r in rows
        ]

    def chunk_counts(self) -> dict[str, int]:
        with self._lock:
            return dict(self._db.execute("SELECT id, chunks FROM articles").fetchall())

    def invalidate(self, article_id: str) -> None:
        """Forget the stored hash so that the next ingest of this article rewrites it."""
        with self.transaction() as db:
            db.execute("UPDATE articles SET content_hash = '' WHERE id = ?", (article_id,))
            self._bump(db)

    def counts(self) -> tuple[int, int]:
        """(articles, chunks) in the library."""
        with self._lock:
            row = self._db.execute("SELECT COUNT(*), COALESCE(SUM(chunks), 0) FROM articles").fetchone()
        return int(row[0]), int(row[1])
