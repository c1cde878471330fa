"""The library's own state in the Chroma store, so that app servers can share one Chroma server.

With a Chroma server (``store.chroma_host``), an app server's SQLite catalog and keyword index
are caches. What it needs to answer lives in Chroma collections beside the chunks:

- ``<collection>-library-articles``: each article's text (the document) and metadata;
- ``<collection>-library-features``: its sentences, quotes and MinHash signature (JSON);
- ``<collection>-library-duplicates``: the near-copies recorded against stored articles;
- ``<collection>-library-log``: the library generation and, per generation, what changed.

``SharedCatalog`` is a ``Catalog`` that writes there before writing its local copy and logs
each change; ``follow()`` pulls what other app servers changed since it last looked (through
the log; a whole comparison when the log cannot say). The ingest lock is a collection too:
the server refuses to create a collection that exists, so one app server at a time holds it.
Its holder renews a heartbeat in the lock's metadata; a lock whose heartbeat is older than
the lease (its holder was killed) is taken over by the next ingest.

Records that carry no vector get a one-dimensional placeholder: Chroma stores none without one.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from .catalog import Catalog
from .errors import LibraryBusy
from .models import Article, Duplicate, Quote
from .store import SERVER_HINT, guarded

__all__ = ["NO_VECTOR", "SharedCatalog"]

NO_VECTOR = [0.0]  # what records that carry no vector hold: Chroma stores none without one
_PAGE = 5000


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


class _Records:
    """The library's collections on the Chroma server, and the reads and writes they take."""

    def __init__(self, client: Any, prefix: str) -> None:
        self.client = client
        self.prefix = prefix
        self.articles = client.get_or_create_collection(f"{prefix}-articles")
        self.features = client.get_or_create_collection(f"{prefix}-features")
        self.duplicates = client.get_or_create_collection(f"{prefix}-duplicates")
        self.log = client.get_or_create_collection(f"{prefix}-log")

    def put(
        self,
        article: Article,
        chunks: int,
        quotes: Sequence[Quote],
        signature: np.ndarray | None,
        generation: int,
    ) -> None:
        """Store ``article`` as part of ``generation`` (the one its log entry will have)."""
        meta = {
            "title": article.title,
            "url": article.url or "",
            "published": article.published.isoformat() if article.published else "",
            "authors": json.dumps(list(article.authors)),
            "source": article.source,
            "content_hash": article.content_hash,
            "chunks": chunks,
            "generation": generation,
        }
        self.put_features(article.id, quotes, signature, generation, article.sentences)
        self.articles.upsert(
            ids=[article.id], documents=[article.text], metadatas=[meta], embeddings=[NO_VECTOR]
        )

    def put_features(
        self,
        article_id: str,
        quotes: Sequence[Quote],
        signature: np.ndarray | None,
        generation: int,
        sentences: Sequence[tuple[int, int]] | None = None,
    ) -> None:
        if sentences is None:  # keep the sentences already stored
            sentences = self.fetch_features([article_id]).get(article_id, {}).get("sentences", [])
        payload = {
            "sentences": [list(s) for s in sentences],
            "quotes": [[q.speaker, q.start, q.end, q.direct] for q in quotes],
            "signature": base64.b64encode(signature.astype(np.uint64).tobytes()).decode()
            if signature is not None
            else None,
        }
        self.features.upsert(
            ids=[article_id],
            documents=[json.dumps(payload)],
            metadatas=[{"generation": generation}],
            embeddings=[NO_VECTOR],
        )

    def fetch_features(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        if not ids:  # (Chroma refuses an empty list of ids)
            return {}
        got = self.features.get(ids=list(ids), include=["documents"])
        return {i: json.loads(d) for i, d in zip(got["ids"], got["documents"], strict=True)}

    def fetch(self, ids: Sequence[str]) -> Iterator[tuple[Article, int, list[Quote], np.ndarray | None]]:
        """The stored articles ``ids`` (those that exist), with their chunk count and features."""
        for start in range(0, len(ids), 500):
            batch = list(ids[start : start + 500])
            got = self.articles.get(ids=batch, include=["documents", "metadatas"])
            features = self.fetch_features(got["ids"])
            for i, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                extra = features.get(i, {})
                signature = extra.get("signature")
                article = Article(
                    id=i,
                    title=str(meta["title"]),
                    text=text or "",
                    url=str(meta["url"]) or None,
                    published=_day(meta["published"]),
                    authors=tuple(json.loads(str(meta["authors"]))),
                    source=str(meta["source"]),
                    content_hash=str(meta["content_hash"]),
                    sentences=tuple((s, e) for s, e in extra.get("sentences", [])),
                )
                quotes = [Quote(str(q[0]), int(q[1]), int(q[2]), bool(q[3])) for q in extra.get("quotes", [])]
                minhash = np.frombuffer(base64.b64decode(signature), dtype=np.uint64) if signature else None
                yield article, int(meta["chunks"]), quotes, minhash

    def versions(self) -> dict[str, str]:
        """Every stored article's content hash, by id."""
        out: dict[str, str] = {}
        for offset in range(0, self.articles.count(), _PAGE):
            got = self.articles.get(include=["metadatas"], limit=_PAGE, offset=offset)
            out.update((i, str(m["content_hash"])) for i, m in zip(got["ids"], got["metadatas"], strict=True))
        return out

    def set_hash(self, article_id: str, content_hash: str, generation: int) -> None:
        got = self.articles.get(ids=[article_id], include=["metadatas"])
        if got["ids"]:
            meta = {**got["metadatas"][0], "content_hash": content_hash, "generation": generation}
            self.articles.update(ids=[article_id], metadatas=[meta])

    def delete(self, article_id: str) -> None:
        self.articles.delete(ids=[article_id])
        self.features.delete(ids=[article_id])
        self.duplicates.delete(where={"canonical_id": article_id})

    def add_duplicate(self, d: Duplicate, generation: int) -> None:
        meta = {
            "canonical_id": d.canonical_id,
            "title": d.title,
            "url": d.url or "",
            "source": d.source,
            "published": d.published.isoformat() if d.published else "",
            "similarity": d.similarity,
            "generation": generation,
        }
        self.duplicates.upsert(ids=[d.id], metadatas=[meta], embeddings=[NO_VECTOR])

    def all_duplicates(self, ids: Sequence[str] | None = None) -> list[Duplicate]:
        """Every recorded duplicate, or those of ``ids`` (the ones that exist)."""
        if ids is not None:
            pages = [self.duplicates.get(ids=list(ids), include=["metadatas"])] if ids else []
        else:
            pages = [
                self.duplicates.get(include=["metadatas"], limit=_PAGE, offset=offset)
                for offset in range(0, self.duplicates.count(), _PAGE)
            ]
        out = []
        for got in pages:
            for i, m in zip(got["ids"], got["metadatas"], strict=True):
                out.append(
                    Duplicate(
                        i,
                        str(m["canonical_id"]),
                        str(m["title"]),
                        str(m["url"]) or None,
                        str(m["source"]),
                        _day(m["published"]),
                        float(m["similarity"]),
                    )
                )
        return out

    # -- the generation and its log ------------------------------------------------------

    def generation(self) -> int:
        got = self.log.get(ids=["generation"], include=["metadatas"])
        return int(got["metadatas"][0]["value"]) if got["ids"] else 0

    def commit(self, change: dict[str, list[str]], generation: int) -> None:
        """Log ``change`` as ``generation`` and clear the pending removal, in one write (the
        caller holds the ingest lock)."""
        self.log.upsert(
            ids=[f"change-{generation}", "generation", "pending"],
            documents=[json.dumps(change), "", "[]"],
            metadatas=[{"value": generation}, {"value": generation}, {"value": generation}],
            embeddings=[NO_VECTOR, NO_VECTOR, NO_VECTOR],
        )

    def begin_removal(self, ids: Sequence[str]) -> None:
        """Note the removal about to start, so that a holder killed part-way leaves it findable."""
        self.log.upsert(ids=["pending"], documents=[json.dumps(list(ids))], embeddings=[NO_VECTOR])

    def unlogged(self, generation: int) -> dict[str, list[str]]:
        """What a killed holder wrote after ``generation`` (the last logged one) but never logged:
        records marked with a later generation, and the removal it had begun."""
        later = {"generation": {"$gt": generation}}
        put = dict.fromkeys(self.articles.get(where=later, include=[])["ids"])
        put.update(dict.fromkeys(self.features.get(where=later, include=[])["ids"]))
        pending = self.log.get(ids=["pending"], include=["documents"])["documents"]
        return {
            "put": list(put),
            "removed": json.loads(pending[0] or "[]") if pending else [],
            "duplicates": self.duplicates.get(where=later, include=[])["ids"],
        }

    def changes(self, after: int, until: int) -> list[dict[str, list[str]]] | None:
        """The logged changes of generations ``after + 1 .. until``; None when some are missing."""
        ids = [f"change-{g}" for g in range(after + 1, until + 1)]
        got = self.log.get(ids=ids, include=["documents"])
        found = dict(zip(got["ids"], got["documents"], strict=True))
        if len(found) != len(ids):
            return None
        return [json.loads(found[i]) for i in ids]

    # -- the ingest lock -------------------------------------------------------------------

    @contextmanager
    def lock(self, owner: str, lease_s: float, where: str) -> Iterator[bool]:
        """Hold the library's ingest lock, or raise ``LibraryBusy`` while another app server does.
        Yields whether the lock was taken over from a holder that stopped renewing it."""
        name = f"{self.prefix}-lock"
        held, taken_over = self._take(name, owner, lease_s, where)
        stop = threading.Event()

        def beat() -> None:
            while not stop.wait(lease_s / 3):
                try:
                    held.modify(
                        metadata={"owner": owner, "since": held.metadata["since"], "beat": time.time()}
                    )
                except Exception:  # the server is away: the next beat tries again
                    continue

        heart = threading.Thread(target=beat, name="ingest-lock-heartbeat", daemon=True)
        heart.start()
        try:
            yield taken_over
        finally:
            stop.set()
            heart.join()
            with suppress(Exception):  # gone already (taken over after a long pause)
                self.client.delete_collection(name)

    def _take(self, name: str, owner: str, lease_s: float, where: str) -> tuple[Any, bool]:
        now = time.time()
        meta = {"owner": owner, "since": now, "beat": now}
        taken_over = False
        for _ in range(2):
            try:
                return self.client.create_collection(name, metadata=meta), taken_over
            except Exception as exc:
                if "exists" not in str(exc):
                    raise
            try:
                current = self.client.get_collection(name).metadata or {}
            except Exception:  # released meanwhile: try again
                continue
            if time.time() - float(current.get("beat", 0)) <= lease_s:
                since = time.strftime("%H:%M:%S", time.localtime(float(current.get("since", 0))))
                raise LibraryBusy(
                    f"The library on {where} is busy: {current.get('owner', 'another app server')} "
                    f"has been ingesting into it since {since}. Wait for it to finish, then try again."
                )
            self.client.delete_collection(name)  # its holder stopped beating: it was killed
            taken_over = True
        raise LibraryBusy(f"The library on {where} is busy: another app server took its ingest lock.")


class SharedCatalog(Catalog):
    """A catalog whose writes go to the Chroma server first; ``follow`` pulls other servers' writes."""

    def __init__(self, path: Path, client: Any, prefix: str, where: str, lease_s: float = 30.0) -> None:
        super().__init__(path)
        self.records = _Records(client, prefix)
        self.where = where
        self.hint = SERVER_HINT
        self.lease_s = lease_s
        self._checked = -1e9
        self._following = threading.Lock()

    @contextmanager
    def ingest_lock(self) -> Iterator[None]:
        owner = f"{socket.gethostname()} (pid {os.getpid()}, data dir {self.path.parent})"
        with self.records.lock(owner, self.lease_s, self.where) as taken_over:
            self.follow(force=True)
            if taken_over:
                self._adopt_unlogged()
            if self.meta("shared_generation") is None and self.records.generation() == 0:
                self._publish()  # a library from before the catalog was shared, or a new one
            yield

    # -- writes: the server first, then the local copy, then the log ---------------------

    def put(
        self, article: Article, chunks: int, quotes: Sequence[Quote] = (), signature: np.ndarray | None = None
    ) -> None:
        generation = self._next()
        self.records.put(article, chunks, quotes, signature, generation)
        super().put(article, chunks, quotes, signature)
        self._commit(generation, put=[article.id])

    def put_features(self, article_id: str, quotes: Sequence[Quote], signature: np.ndarray | None) -> None:
        generation = self._next()
        self.records.put_features(article_id, quotes, signature, generation)
        super().put_features(article_id, quotes, signature)
        self._commit(generation, put=[article_id])

    def invalidate(self, article_id: str) -> None:
        generation = self._next()
        self.records.set_hash(article_id, "", generation)
        super().invalidate(article_id)
        self._commit(generation, put=[article_id])

    def add_duplicate(self, duplicate: Duplicate) -> None:
        generation = self._next()
        self.records.add_duplicate(duplicate, generation)
        super().add_duplicate(duplicate)
        self._commit(generation, duplicates=[duplicate.id])

    def delete(self, article_id: str) -> bool:
        generation = self._next()
        self.records.begin_removal([article_id])
        self.records.delete(article_id)
        deleted = super().delete(article_id)
        self._commit(generation, removed=[article_id])
        return deleted

    def _publish(self) -> None:
        """Put this local catalog on the server (the first time anything is shared there)."""
        signatures, chunks = dict(self.signatures()), self.chunk_counts()
        generation = self._next()
        for article_id in chunks:
            article = self.get(article_id)
            if article is not None:
                self.records.put(
                    article, chunks[article_id], article.quotes, signatures.get(article_id), generation
                )
        copies = [d for group in self.duplicates().values() for d in group]
        for duplicate in copies:
            self.records.add_duplicate(duplicate, generation)
        self.set_meta("shared_generation", "0")
        if chunks or copies:
            self._commit(generation, put=list(chunks), duplicates=[d.id for d in copies])

    def _next(self) -> int:
        """The generation the next write will be logged as (the caller holds the ingest lock).
        Records are marked with it before the log says so: see ``_adopt_unlogged``."""
        return self.records.generation() + 1

    def _commit(self, generation: int, **change: list[str]) -> None:
        before = self.meta("shared_generation")
        self.records.commit({k: change.get(k, []) for k in ("put", "removed", "duplicates")}, generation)
        if before == str(generation - 1):  # nobody else wrote in between: this copy is current
            self.set_meta("shared_generation", str(generation))

    # -- reads: catch up with the other app servers ----------------------------------------

    @guarded  # every question reads the server's generation here: a server gone says so
    def follow(self, force: bool = False) -> bool:
        """Pull what other app servers changed (at most once a second unless ``force``)."""
        with self._following:
            if not force and time.monotonic() - self._checked < 1.0:
                return False
            self._checked = time.monotonic()
            theirs = self.records.generation()
            mine = self.meta("shared_generation")
            if mine == str(theirs) or (mine is None and theirs == 0):
                return False  # (nothing shared yet: a local catalog stays until its next ingest publishes it)
            logged = self.records.changes(int(mine), theirs) if mine is not None else None
            if logged is None:
                self._compare_all()
            else:
                self._apply(logged)
            self.set_meta("shared_generation", str(theirs))
            return True

    def _adopt_unlogged(self) -> None:
        """After taking the lock from a killed app server: finish and log what it wrote but did
        not log (it died between a record and its log entry), so that every app server learns it.

        Found from the records themselves (each is marked with the generation its log entry was
        to have, and a removal is noted before it starts), not by comparing with this server's
        copy: a new app server's first follow has already copied the unlogged records."""
        generation = self.records.generation()
        change = self.records.unlogged(generation)
        if not any(change.values()):
            return
        for article_id in change["removed"]:
            self.records.delete(article_id)  # (idempotent: it may have got that far)
            Catalog.delete(self, article_id)
        self._pull(change["put"])
        for duplicate in self.records.all_duplicates(change["duplicates"]):
            Catalog.add_duplicate(self, duplicate)
        self._commit(generation + 1, **change)

    def _apply(self, logged: list[dict[str, list[str]]]) -> None:
        put: dict[str, None] = {}
        for change in logged:
            for article_id in change["removed"]:
                put.pop(article_id, None)
                Catalog.delete(self, article_id)
            put.update(dict.fromkeys(change["put"]))
        self._pull(list(put))
        wanted = list(dict.fromkeys(d for change in logged for d in change["duplicates"]))
        for duplicate in self.records.all_duplicates(wanted):
            Catalog.add_duplicate(self, duplicate)

    def _compare_all(self) -> dict[str, list[str]]:
        """Make the local copy what the server holds, comparing everything; returns what differed."""
        theirs, mine = self.records.versions(), self.versions()
        changed = [a for a, v in theirs.items() if mine.get(a) != v]
        gone = [a for a in mine if a not in theirs]
        known = {d.id for copies in self.duplicates().values() for d in copies}
        for article_id in gone:
            Catalog.delete(self, article_id)
        self._pull(changed)
        new: list[str] = []
        for duplicate in self.records.all_duplicates():
            if duplicate.id not in known:
                new.append(duplicate.id)
            Catalog.add_duplicate(self, duplicate)
        return {"put": changed, "removed": gone, "duplicates": new}

    def _pull(self, ids: Sequence[str]) -> None:
        present = set()
        for article, chunks, quotes, signature in self.records.fetch(ids):
            Catalog.put(self, article, chunks, quotes, signature)
            present.add(article.id)
        for article_id in set(ids) - present:  # removed again since it was logged
            Catalog.delete(self, article_id)
