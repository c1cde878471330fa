"""The catalog shared through Chroma: following other servers' writes, the log, the ingest lock.

Two ``SharedCatalog``s with their own SQLite files on one embedded Chroma client stand for two
app servers on one Chroma server (the real server and processes: tests/integration/test_app_servers.py).
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index.errors import LibraryBusy
from index.models import Article, Duplicate, Quote
from index.shared import SharedCatalog
from index.store import open_chroma_client


def _article(n: int, text: str = "") -> Article:
    text = text or f"Story {n} says something. It goes on."
    return Article(
        id=f"https://x.example/{n}",
        title=f"Story {n}",
        text=text,
        url=f"https://x.example/{n}",
        published=date(2025, 1, n),
        source="x.example",
        content_hash=f"h{n}-{len(text)}",
        sentences=((0, 25), (26, len(text))),
    )


@pytest.fixture
def pair(tmp_path: Path) -> tuple[SharedCatalog, SharedCatalog]:
    client = open_chroma_client(tmp_path / "chroma", None, 8000)
    a = SharedCatalog(tmp_path / "a.sqlite3", client, "lib", "the test server", lease_s=0.5)
    b = SharedCatalog(tmp_path / "b.sqlite3", client, "lib", "the test server", lease_s=0.5)
    return a, b


def test_another_server_takes_in_articles_features_and_removals(pair: Any) -> None:
    a, b = pair
    quote = Quote("Ana Duarte", 0, 25, True)
    signature = np.arange(8, dtype=np.uint64)
    with a.ingest_lock():
        a.put(_article(1), 2, [quote], signature)
        a.put(_article(2), 1)
        a.add_duplicate(
            Duplicate("https://y.example/1", "https://x.example/1", "Copy", None, "y.example", None, 0.9)
        )
    assert b.follow(force=True)
    got = b.get("https://x.example/1")
    assert got == replace(_article(1), quotes=(quote,))  # text, metadata, sentences and quotes
    assert b.chunk_counts() == {"https://x.example/1": 2, "https://x.example/2": 1}
    assert [d.id for d in b.duplicates()["https://x.example/1"]] == ["https://y.example/1"]
    assert np.array_equal(dict(b.signatures())["https://x.example/1"], signature)
    assert not b.follow(force=True)  # nothing new

    rewritten = _article(2, "Story 2 was rewritten today. Longer now.")
    with a.ingest_lock():
        a.delete("https://x.example/1")
        a.put(rewritten, 3)
    before = b.generation()
    assert b.follow(force=True)
    assert b.versions() == a.versions() == {rewritten.id: rewritten.content_hash}
    assert b.duplicates() == {}
    assert b.generation() > before  # the keyword index follows the local generation


def test_a_server_that_cannot_read_the_log_compares_everything(pair: Any) -> None:
    a, b = pair
    with a.ingest_lock():
        a.put(_article(1), 1)
        a.put(_article(2), 1)
    a.records.log.delete(ids=["change-1"])  # a gap in the log
    b.follow(force=True)
    assert set(b.versions()) == {"https://x.example/1", "https://x.example/2"}


def test_one_ingest_lock_and_a_dead_holders_lock_is_taken_over(pair: Any, tmp_path: Path) -> None:
    a, b = pair
    busy = r"The library on the test server is busy: .* \(pid \d+, data dir .*\) has been ingesting"
    with a.ingest_lock(), pytest.raises(LibraryBusy, match=busy), b.ingest_lock():
        pass
    with b.ingest_lock():  # released
        b.put(_article(3), 1)

    # A holder killed after storing an article but before logging it: no heartbeat, no log.
    a.records.client.create_collection("lib-lock", metadata={"owner": "dead", "since": 0.0, "beat": 0.0})
    a.records.put(_article(4), 1, [], None, a.records.generation() + 1)
    time.sleep(0.6)
    with b.ingest_lock():  # taken over: what the dead holder stored is adopted and logged
        assert "https://x.example/4" in b.versions()
    a.follow(force=True)
    assert set(a.versions()) == {"https://x.example/3", "https://x.example/4"}


@pytest.mark.parametrize("taker_is_new", [False, True])
def test_what_a_killed_holder_stored_or_removed_unlogged_reaches_every_server(
    pair: Any, tmp_path: Path, taker_is_new: bool
) -> None:
    a, b = pair
    with a.ingest_lock():
        a.put(_article(1), 1)
        a.put(_article(2), 1)
    b.follow(force=True)
    # A holder killed part-way: it stored article 3 and a copy and began removing article 1,
    # logging none of it.
    dead = SharedCatalog(tmp_path / "dead.sqlite3", a.records.client, "lib", "the test server", lease_s=0.5)
    generation = dead.records.generation() + 1
    dead.records.put(_article(3), 1, [], None, generation)
    copy = Duplicate("https://y.example/2", "https://x.example/2", "Copy", None, "y.example", None, 0.9)
    dead.records.add_duplicate(copy, generation)
    dead.records.begin_removal(["https://x.example/1"])
    dead.records.put_features("https://x.example/9", [], None, generation)  # died before its article
    a.records.client.create_collection("lib-lock", metadata={"owner": "dead", "since": 0.0, "beat": 0.0})
    time.sleep(0.6)
    # The next ingest takes the lock over, from a server that has followed the log or from a
    # new one that compares everything: either way it logs what the dead holder left unlogged.
    new = SharedCatalog(tmp_path / "new.sqlite3", a.records.client, "lib", "the test server", lease_s=0.5)
    taker = new if taker_is_new else b
    with taker.ingest_lock():
        pass
    for server in (a, b, taker):
        server.follow(force=True)
        assert set(server.versions()) == {"https://x.example/2", "https://x.example/3"}
        assert [d.id for d in server.duplicates()["https://x.example/2"]] == ["https://y.example/2"]
    assert set(a.records.versions()) == {"https://x.example/2", "https://x.example/3"}  # removal finished


def test_a_live_holder_keeps_its_lock_past_the_lease(pair: Any) -> None:
    a, b = pair
    with a.ingest_lock():
        time.sleep(1.2)  # more than twice the lease: the heartbeat renews it
        with pytest.raises(LibraryBusy, match="is busy"), b.ingest_lock():
            pass


def test_a_library_from_before_the_catalog_was_shared_is_published_not_lost(
    pair: Any, tmp_path: Path
) -> None:
    from index.catalog import Catalog

    a, b = pair
    a.close()
    older = Catalog(tmp_path / "a.sqlite3")  # written by a version that kept it local only
    older.put(_article(5), 2, [Quote("Ana Duarte", 0, 25, True)])
    older.close()
    client = b.records.client
    a = SharedCatalog(tmp_path / "a.sqlite3", client, "lib", "the test server", lease_s=0.5)
    assert not a.follow(force=True) and set(a.versions()) == {"https://x.example/5"}  # kept
    with a.ingest_lock():  # its next ingest publishes it
        pass
    b.follow(force=True)
    assert b.versions() == a.versions()
    assert b.quotes("https://x.example/5") == [Quote("Ana Duarte", 0, 25, True)]
