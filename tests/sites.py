"""A local web site for the tests: article pages, RSS/Atom feeds, redirects and faults."""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Site", "page", "rss"]


def page(title: str, body: str, day: str | None = "2025-01-08") -> bytes:
    paragraphs = "".join(
        f"<p>{body} Officials described the decision as a turning point for the region and its residents.</p>"
        for _ in range(3)
    )
    return (
        f'<!doctype html><html><head><title>{title}</title><meta property="og:title" content="{title}">'
        + (f'<meta property="article:published_time" content="{day}T08:00:00Z">' if day else "")
        + "</head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def rss(base: str, items: list[str]) -> bytes:
    entries = "".join(f"<item><title>{i}</title><link>{base}/{i}.html</link></item>" for i in items)
    channel = f"<channel><title>Wire</title>{entries}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


class Site:
    """Pages, feeds and faults on a loopback address (127.0.0.1 unless ``host``); counts every
    request. ``/to-metadata`` redirects to the cloud metadata address, ``/to-loopback`` to
    127.0.0.1."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.hits: Counter[str] = Counter()
        self.feed_items = ["a1", "a2", "missing"]
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.hits[self.path] += 1
                base = f"http://{host}:{site.port}"
                pages = {
                    "/a1.html": page(
                        "Bridge reopens after repairs", "The river bridge reopened to traffic on Monday."
                    ),
                    "/a2.html": page("Library extends hours", "The city library will stay open until 10 pm."),
                    "/a3.html": page(
                        "Ferry fares frozen", "Ferry fares will not rise this year, the operator said."
                    ),
                }
                undated = {  # pages that give no date of their own
                    "/undated.html": page(
                        "Council hires auditor", "The council hired an outside auditor.", None
                    ),
                    "/2024/03/05/harbor.html": page(
                        "Harbor dredging", "Dredging of the harbor begins.", None
                    ),
                }
                pages.update(undated)
                if self.path in pages:
                    return self.send(200, "text/html; charset=utf-8", pages[self.path])
                if self.path == "/dated.xml":  # an item whose date is the feed's only
                    item = f"<item><title>Auditor</title><link>{base}/undated.html</link>"
                    item += "<pubDate>Wed, 08 Jan 2025 10:00:00 GMT</pubDate></item>"
                    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{item}'
                    feed += "</channel></rss>"
                    return self.send(200, "application/rss+xml", feed.encode())
                if self.path == "/feed.xml":
                    return self.send(200, "application/rss+xml", rss(base, site.feed_items))
                if self.path == "/atom":
                    atom = (
                        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
                        f'<entry><title>Ferry</title><link href="{base}/a3.html"/><id>x</id></entry></feed>'
                    )
                    return self.send(200, "application/atom+xml", atom.encode())
                moves = {
                    "/moved": "/a1.html",
                    "/to-metadata": "http://169.254.169.254/latest/meta-data/",
                    "/to-loopback": f"http://127.0.0.1:{site.port}/a1.html",
                }
                if self.path in moves:
                    self.send_response(302)
                    self.send_header("Location", moves[self.path])
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

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://{host}:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
