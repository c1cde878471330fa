"""Article URLs and RSS/Atom feeds, served by a local HTTP server on loopback."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sites import Site, rss

from assistant import Assistant, Query
from assistant.cli import main
from index.models import Article, IngestFailure
from index.read import Fetcher, iter_inputs
from index.read.web import FetchError, PublicOnly


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.close()


def read(*inputs: str, fetcher: Fetcher | None = None) -> tuple[list[Article], dict[str, str]]:
    items = list(iter_inputs(inputs, fetcher or Fetcher(timeout=1)))
    articles = [i for _, i in items if isinstance(i, Article)]
    failures = {f.source.rsplit("/", 1)[-1]: f.reason for _, f in items if isinstance(f, IngestFailure)}
    return articles, failures


def test_a_page_url_becomes_an_article(site: Site) -> None:
    (article,), failures = read(f"{site.base}/a1.html")
    assert not failures
    assert article.title == "Bridge reopens after repairs"
    assert article.published == date(2025, 1, 8)
    assert article.url == f"{site.base}/a1.html" and article.id == article.url
    assert "river bridge reopened" in article.text


def test_redirects_are_followed_to_the_final_url(site: Site) -> None:
    (article,), _ = read(f"{site.base}/moved")
    assert article.url == f"{site.base}/a1.html"


def test_rss_and_atom_feeds_fetch_every_item(site: Site) -> None:
    articles, failures = read(f"{site.base}/feed.xml", f"{site.base}/atom")
    assert sorted(a.title for a in articles) == [
        "Bridge reopens after repairs",
        "Ferry fares frozen",
        "Library extends hours",
    ]
    assert failures == {"missing.html": "HTTP 404 Not Found"}


def test_a_feed_file_fetches_its_items(site: Site, tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_bytes(rss(site.base, ["a2"]))
    (article,), _ = read(str(tmp_path / "wire.rss"))
    assert article.title == "Library extends hours"


def test_fetch_faults_are_per_item_reasons(site: Site) -> None:
    _, failures = read(
        f"{site.base}/slow.html",
        f"{site.base}/report.pdf",
        f"{site.base}/huge.html",
        f"{site.base}/nope",
        "http://127.0.0.1:9/closed",
    )
    assert failures["slow.html"] == "no answer within 1 s"
    assert failures["report.pdf"] == "not an HTML page or a feed (application/pdf)"
    assert failures["huge.html"] == "larger than 5 MB"
    assert failures["nope"] == "HTTP 404 Not Found"
    assert failures["closed"].startswith("cannot fetch")


def test_watch_adds_new_feed_items_only(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ASSISTANT_EMBED__BACKEND", "hash")
    lib = tmp_path / "lib"
    site.feed_items = ["a1", "a2"]
    argv = [
        "--data-dir",
        str(lib),
        "ingest",
        "--watch",
        "--every",
        "0",
        "--polls",
        "2",
        f"{site.base}/feed.xml",
    ]
    with pytest.raises(SystemExit) as first:
        main(argv)
    assert first.value.code == 0
    out = capsys.readouterr().out
    assert "poll 1: added 2" in out and "poll 2: added 0" in out
    assert site.hits["/a1.html"] == 1  # known items are not fetched again
    site.feed_items = ["a1", "a2", "a3"]
    with pytest.raises(SystemExit):
        main([*argv[:-2], "1", f"{site.base}/feed.xml"])  # one more poll
    assert "poll 1: added 1" in capsys.readouterr().out
    assert site.hits["/a1.html"] == 1 and site.hits["/a3.html"] == 1
    from assistant import Settings

    bot = Assistant.from_settings(Settings(data_dir=lib, embed={"backend": "hash"}))
    assert len(bot.articles()) == 3
    # "this year" as of the articles' own year (asked in a later year, it is a refusal: see test_when).
    answer = bot.ask(Query("Will ferry fares rise this year?", as_of=date(2025, 1, 10)))
    assert answer.citations and answer.citations[0].url == f"{site.base}/a3.html"
    bot.close()


def test_the_public_only_guard_checks_every_address_and_every_redirect(site: Site) -> None:
    guarded = Fetcher(timeout=2, guard=PublicOnly())
    _, failures = read(f"{site.base}/a1.html", "file:///etc/passwd", "ftp://example.org/x", fetcher=guarded)
    assert "127.0.0.1, not a public address" in failures["a1.html"]
    assert site.hits["/a1.html"] == 0  # refused before any connection
    other = Site("127.0.0.2")  # an intranet server the setting lets through
    try:
        allowed = Fetcher(timeout=2, guard=PublicOnly(("127.0.0.2/32",)))
        (article,), failures = read(f"{other.base}/a1.html", f"{other.base}/to-metadata", fetcher=allowed)
        assert article.title == "Bridge reopens after repairs"
        assert "169.254.169.254, not a public address" in failures["to-metadata"]  # the redirect's target
        _, failures = read(f"{other.base}/to-loopback", fetcher=allowed)
        assert "127.0.0.1, not a public address" in failures["to-loopback"] and site.hits["/a1.html"] == 0
        assert other.hits["/to-loopback"] == 1
    finally:
        other.close()
    lookup = PublicOnly()
    for bad in ("file:///etc/passwd", "ftp://example.org/x", "http:///nohost"):
        with pytest.raises(FetchError):
            lookup.check(bad)


def test_a_name_that_resolves_again_elsewhere_is_refused_at_connection(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the name's first answer is an allowed address, the next one the loopback
    site. The connection must go to a checked address, not to whatever a second lookup says."""
    answers = iter(["127.0.0.2", "127.0.0.1", "127.0.0.1", "127.0.0.1"])
    real = socket.getaddrinfo

    def rebinding(host: str, port: object, *args: Any, **kwargs: Any) -> Any:
        if host == "news.rebind.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    fetcher = Fetcher(timeout=2, guard=PublicOnly(("127.0.0.2/32",)))
    fetched, failures = read(f"http://news.rebind.test:{site.port}/a1.html", fetcher=fetcher)
    assert not fetched and "127.0.0.1, not a public address" in failures["a1.html"]
    assert site.hits["/a1.html"] == 0  # the loopback site was never reached


def test_the_published_date_is_taken_wherever_the_source_gives_one(site: Site, tmp_path: Path) -> None:
    (undated,), _ = read(f"{site.base}/undated.html")
    assert undated.published is None  # the page gives none, and no date is made up
    (from_feed,), _ = read(f"{site.base}/dated.xml")
    assert from_feed.url == undated.url and from_feed.published == date(2025, 1, 8)  # the item's date
    (from_url,), _ = read(f"{site.base}/2024/03/05/harbor.html")
    assert from_url.published == date(2024, 3, 5)  # the URL's path
    (dated,), _ = read(f"{site.base}/a1.html")
    assert dated.published == date(2025, 1, 8)  # the page's own metadata first

    story = "Dredging of the harbor begins on Monday, the port authority said."
    (tmp_path / "byline.txt").write_text(f"Harbor dredging\n\nBy Ana Duarte | March 5, 2024\n\n{story}\n")
    (tmp_path / "plain.txt").write_text(f"Harbor dredging\n\nOn March 5, 2024, {story}\n")
    (tmp_path / "records.jsonl").write_text(
        '{"title": "Dredging", "text": "' + story + '", "published_at": "2024-03-06T09:00:00Z"}\n'
    )
    got = {
        a.title: a.published for a in read(str(tmp_path / "byline.txt"), str(tmp_path / "records.jsonl"))[0]
    }
    assert got == {"Harbor dredging": date(2024, 3, 5), "Dredging": date(2024, 3, 6)}
    (plain,), _ = read(str(tmp_path / "plain.txt"))
    assert plain.published is None  # a date inside the story is the story's, not its publication's
