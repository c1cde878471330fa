"""The article catalog: one SQLite file holding every article's text and metadata.

Citation offsets index into the text stored here, so ``show`` always returns exactly the
text a citation points into. Beside each article it keeps what ingest learned about it: who
is quoted in which sentences, its MinHash signature, and the near-duplicate copies that were
not stored (other outlets of the same wire story). The catalog also keeps a ``generation``
counter that moves on every change; the keyword index compares it to decide whether it is
stale, so it stays consistent with Chroma across processes and restarts.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np

from .models import Article, ArticleInfo, Duplicate, Quote
from .read.dates import parse_date

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
    ingested_at TEXT NOT NULL DEFAULT (datetime('now')),
    sentences TEXT
);
-- every answer asks for the newest article before its date (Catalog.newest): a seek, not a scan
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL,
    speaker TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    direct INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS signatures (article_id TEXT PRIMARY KEY, minhash BLOB);
CREATE TABLE IF NOT EXISTS duplicates (
    id TEXT PRIMARY KEY,
    canonical_id TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    source TEXT NOT NULL,
    published TEXT,
    similarity REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS duplicates_canonical ON duplicates(canonical_id);
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
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(articles)")}
        if "sentences" not in columns:  # a library from before sentences were stored
            self._db.execute("ALTER TABLE articles ADD COLUMN sentences TEXT")
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

    def _mark_unfinished(self, unfinished: bool) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO meta(key, value) VALUES('unfinished', ?) ON CONFLICT(key) "
                "DO UPDATE SET value = excluded.value",
                ("1" if unfinished else "0",),
            )

    @contextmanager
    def writing(self) -> Iterator[None]:
        """The crash protocol around every write to the chunk store (ingest and remove).

        The catalog is marked unfinished before the first chunk is written and cleared only
        when the block completes. A run that dies in between leaves the mark, so the next
        ingest checks every article's chunks against the store (``reconcile``); otherwise
        comparing two totals is enough. A block that completes clears a mark an earlier,
        repaired run left.
        """
        self._mark_unfinished(True)
        yield
        self._mark_unfinished(False)

    def meta(self, key: str) -> str | None:
        """A value the library keeps about itself (None when unset)."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO meta(key, value) VALUES(?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def unfinished(self) -> bool:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key='unfinished'").fetchone()
        return bool(row and row[0] == "1")

    def content_hash(self, article_id: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT content_hash FROM articles WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def put(
        self,
        article: Article,
        chunks: int,
        quotes: Sequence[Quote] = (),
        signature: np.ndarray | None = None,
    ) -> None:
        """Store (or replace) an article with what ingest learned about it, atomically."""
        with self.transaction() as db:
            self._put_features(db, article.id, quotes, signature)
            db.execute(
                "INSERT OR REPLACE INTO articles"
                "(id, title, url, published, authors, source, text, content_hash, chunks, sentences)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    json.dumps([i for span in article.sentences for i in span])
                    if article.sentences
                    else None,
                ),
            )
            self._bump(db)

    @staticmethod
    def _put_features(
        db: sqlite3.Connection, article_id: str, quotes: Sequence[Quote], signature: np.ndarray | None
    ) -> None:
        db.execute("DELETE FROM quotes WHERE article_id=?", (article_id,))
        db.executemany(
            'INSERT INTO quotes(article_id, speaker, start, "end", direct) VALUES (?, ?, ?, ?, ?)',
            [(article_id, q.speaker, q.start, q.end, int(q.direct)) for q in quotes],
        )
        blob = signature.astype(np.uint64).tobytes() if signature is not None else None
        db.execute("INSERT OR REPLACE INTO signatures(article_id, minhash) VALUES (?, ?)", (article_id, blob))

    def put_features(self, article_id: str, quotes: Sequence[Quote], signature: np.ndarray | None) -> None:
        """Record quotes and signature for an article stored before the catalog kept them."""
        with self.transaction() as db:
            self._put_features(db, article_id, quotes, signature)

    def without_features(self) -> list[str]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM signatures)"
            ).fetchall()
        return [r[0] for r in rows]

    def signatures(self) -> Iterator[tuple[str, np.ndarray]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT article_id, minhash FROM signatures WHERE minhash IS NOT NULL"
            ).fetchall()
        for article_id, blob in rows:
            yield article_id, np.frombuffer(blob, dtype=np.uint64)

    def quotes(self, article_id: str) -> list[Quote]:
        with self._lock:
            rows = self._db.execute(
                'SELECT speaker, start, "end", direct FROM quotes WHERE article_id=? ORDER BY start',
                (article_id,),
            ).fetchall()
        return [Quote(r[0], r[1], r[2], bool(r[3])) for r in rows]

    def speakers(self, like: str) -> list[tuple[str, str]]:
        """(article id, speaker) pairs whose speaker name contains ``like`` (case-insensitive)."""
        with self._lock:
            return self._db.execute(
                "SELECT DISTINCT article_id, speaker FROM quotes WHERE speaker LIKE ?", (f"%{like}%",)
            ).fetchall()

    def people(self, article_ids: Sequence[str] | None = None) -> dict[str, list[tuple[str, int]]]:
        """Everyone quoted, by article (of ``article_ids`` only, when given): (speaker, sentences),
        most quoted first."""
        where, args = _among("article_id", article_ids)
        with self._lock:
            rows = self._db.execute(
                f"SELECT article_id, speaker, COUNT(*) AS n FROM quotes{where} GROUP BY article_id, speaker"
                " ORDER BY article_id, n DESC, speaker",
                args,
            ).fetchall()
        out: dict[str, list[tuple[str, int]]] = {}
        for article_id, speaker, n in rows:
            out.setdefault(article_id, []).append((speaker, n))
        return out

    def add_duplicate(self, duplicate: Duplicate) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO duplicates"
                "(id, canonical_id, title, url, source, published, similarity)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    duplicate.id,
                    duplicate.canonical_id,
                    duplicate.title,
                    duplicate.url,
                    duplicate.source,
                    duplicate.published.isoformat() if duplicate.published else None,
                    duplicate.similarity,
                ),
            )

    def canonical_of(self, article_id: str) -> str | None:
        """The stored article that ``article_id`` was found to duplicate, if it was."""
        with self._lock:
            row = self._db.execute("SELECT canonical_id FROM duplicates WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def duplicates(self, canonical_ids: Sequence[str] | None = None) -> dict[str, list[Duplicate]]:
        """Every recorded duplicate (or those of ``canonical_ids``), by the id of the canonical
        article it copies."""
        where, args = _among("canonical_id", canonical_ids)
        with self._lock:
            rows = self._db.execute(
                "SELECT id, canonical_id, title, url, source, published, similarity FROM duplicates"
                f"{where} ORDER BY published, id",
                args,
            ).fetchall()
        out: dict[str, list[Duplicate]] = {}
        for r in rows:
            out.setdefault(r[1], []).append(Duplicate(r[0], r[1], r[2], r[3], r[4], parse_date(r[5]), r[6]))
        return out

    def delete(self, article_id: str) -> bool:
        """Remove an article, its quotes and signature, and the duplicates recorded against it."""
        with self.transaction() as db:
            deleted = db.execute("DELETE FROM articles WHERE id=?", (article_id,)).rowcount
            db.execute("DELETE FROM quotes WHERE article_id=?", (article_id,))
            db.execute("DELETE FROM signatures WHERE article_id=?", (article_id,))
            db.execute("DELETE FROM duplicates WHERE canonical_id=? OR id=?", (article_id, article_id))
            if deleted:
                self._bump(db)
        return bool(deleted)

    def get(self, article_id: str) -> Article | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, title, url, published, authors, source, text, content_hash, sentences"
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
            quotes=tuple(self.quotes(article_id)),
            sentences=_pairs(json.loads(row[8])) if row[8] else (),
        )

    def infos(self, ids: Sequence[str] | None = None) -> list[ArticleInfo]:
        """Every article's listing (or those of ``ids``), newest first."""
        where, args = _among("id", ids)
        with self._lock:
            rows = self._db.execute(
                "SELECT id, title, url, published, authors, source, chunks FROM articles"
                f"{where} ORDER BY published DESC, title",
                args,
            ).fetchall()
        duplicates = self.duplicates(ids)
        return [
            ArticleInfo(
                id=r[0],
                title=r[1],
                url=r[2],
                published=parse_date(r[3]),
                authors=tuple(json.loads(r[4])),
                source=r[5],
                chunks=r[6],
                duplicates=tuple(duplicates.get(r[0], ())),
            )
            for r in rows
        ]

    def versions(self) -> dict[str, str]:
        """Every article's content hash by id: what the keyword index follows."""
        with self._lock:
            return dict(self._db.execute("SELECT id, content_hash FROM articles").fetchall())

    def chunk_counts(self) -> dict[str, int]:
        with self._lock:
            return dict(self._db.execute("SELECT id, chunks FROM articles").fetchall())

    def invalidate(self, article_id: str) -> None:
        """Forget the stored hash so that the next ingest of this article rewrites it."""
        with self.transaction() as db:
            db.execute("UPDATE articles SET content_hash = '' WHERE id = ?", (article_id,))
            self._bump(db)

    def newest(self, until: date) -> date | None:
        """The latest publication date of an article published on or before ``until``."""
        with self._lock:
            row = self._db.execute(
                "SELECT MAX(published) FROM articles WHERE published <= ?", (until.isoformat(),)
            ).fetchone()
        return parse_date(row[0]) if row[0] else None

    def counts(self) -> tuple[int, int]:
        """(articles, chunks) in the library."""
        with self._lock:
            row = self._db.execute("SELECT COUNT(*), COALESCE(SUM(chunks), 0) FROM articles").fetchone()
        return int(row[0]), int(row[1])


def _flat(spans: Sequence[tuple[int, int]]) -> str | None:
    return json.dumps([i for span in spans for i in span]) if spans else None


def _pairs(flat: list[int]) -> tuple[tuple[int, int], ...]:
    return tuple(zip(flat[::2], flat[1::2], strict=True))


def _among(column: str, values: Sequence[str] | None) -> tuple[str, list[str]]:
    """A ``WHERE column IN (...)`` clause and its arguments; none when ``values`` is None."""
    if values is None:
        return "", []
    return f" WHERE {column} IN ({','.join('?' * len(values))})", list(values)
