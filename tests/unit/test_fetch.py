"""Article URLs and RSS/Atom feeds, served by a local HTTP server on loopback."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant import Assistant, Query
from assistant.cli import main
from index.models import Article, IngestFailure
from index.read import Fetcher, iter_inputs


def page(title: str, body: str, day: str = "2025-01-08") -> bytes:
    paragraphs = "".join(
        f"<p>{body} Officials described the decision as a turning point for the region and its residents.</p>"
        for _ in range(3)
    )
    return (
        f'<!doctype html><html><head><title>{title}</title><meta property="og:title" content="{title}">'
        f'<meta property="article:published_time" content="{day}T08:00:00Z"></head>'
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def rss(base: str, items: list[str]) -> bytes:
    entries = "".join(f"<item><title>{i}</title><link>{base}/{i}.html</link></item>" for i in items)
    channel = f"<channel><title>Wire</title>{entries}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


class Site:
    """Pages, feeds and faults on 127.0.0.1; counts every request."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.feed_items = ["a1", "a2", "missing"]
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.hits[self.path] += 1
                base = f"http://127.0.0.1:{site.port}"
                pages = {
                    "/a1.html": page(
                        "Bridge reopens after repairs", "The river bridge reopened to traffic on Monday."
                    ),
                    "/a2.html": page("Library extends hours", "The city library will stay open until 10 pm."),
                    "/a3.html": page(
                        "Ferry fares frozen", "Ferry fares will not rise this year, the operator said."
                    ),
                }
                if self.path in pages:
                    return self.send(200, "text/html; charset=utf-8", pages[self.path])
                if self.path == "/feed.xml":
                    return self.send(200, "application/rss+xml", rss(base, site.feed_items))
                if self.path == "/atom":
                    atom = (
                        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
                        f'<entry><title>Ferry</title><link href="{base}/a3.html"/><id>x</id></entry></feed>'
                    )
                    return self.send(200, "application/atom+xml", atom.encode())
                if self.path == "/moved":
                    self.send_response(302)
                    self.send_header("Location", "/a1.html")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                if self.path == "/slow.html":
                    time.sleep(2)
                    return self.send(200, "text/html", page("Slow", "Too late to matter."))
                if self.path == "/report.pdf":
                    return self.send(200, "application/pdf", b"%PDF-1.4 not html")
                if self.path == "/huge.html":
                    return self.send(200, "text/html", b"<html>" + b"x" * (6 * 1024 * 1024))
                return self.send(404, "text/plain", b"not found")

            def send(self, status: int, ctype: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.server.shutdown()
    s.server.server_close()


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
