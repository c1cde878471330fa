"""A library of 5,000 articles and 500 saved conversations: does the browser's view stay quick?

Builds (once, cached under benchmarks/.cache/ui-5000) a catalog of 5,000 real RealTime QA
articles with the quotes ingest finds in them (their chunks are not embedded: the Library tab
and the conversation list read the catalog and the conversation store only), and 500 saved
conversations of three answers each, with real quotes as citations. Then times, median of 7
runs each, the handlers the page calls, side by side with the baseline of the view before
paging (every article's row and a removal picker of every article, sent on every load):

    library tab, first page        ChatApp.library_view(): the page's rows, picker, status, page line
    library tab, a search          the same for "Trump" (title, outlet or quoted person)
    baseline: all rows             the previous view's rows and picker for all 5,000 articles
    conversation list (500)        ConversationsView.load: the 200 newest of the user's 500
    a conversation reopened        ConversationsView.open: its answers and source cards
    an article opened in the reader  ChatApp.read: the whole article, its people and copies

and the same two from the conversation store app servers share on a real `chroma run` (the 500
conversations copied there). Then, in Debian's headless Chromium against `assistant serve` on
the library (skipped without /usr/bin/chromium), what a user waits for, median of 5 page
loads, beside the same page on an empty library (the app's own cost):

    page loaded                    from navigation to the status line and 200 conversations listed
    library tab shown              a click on the tab to its first page of 50 rows shown
    library search                 typing "Trump" to its page of rows shown
    conversation reopened          a click in the list to its answers shown

Writes benchmarks/results/library_view.{json,md}. Usage: python benchmarks/library_view.py
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import save, stamp

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TQDM_DISABLE", "1")

from retrieval import CACHE, load  # after the offline flags

ARTICLES, CONVERSATIONS, RUNS, PAGE_LOADS = 5000, 500, 7, 5
CHROMIUM = "/usr/bin/chromium"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # (the tests' server helpers)


def build(root: Path) -> None:
    """The catalog of ``ARTICLES`` real articles and ``CONVERSATIONS`` saved conversations."""
    from assistant import Answer, Assistant, Settings
    from assistant.chat import Turn
    from assistant.models import Citation
    from index.quotes import find_quotes
    from index.read.articles import article_from_record

    bot = Assistant.from_settings(Settings(data_dir=root, embed={"backend": "hash"}))
    records, _ = load(52)
    articles = []
    with bot.library.catalog.transaction():
        for record in records:
            try:
                article = article_from_record(record, "bench")
            except ValueError:
                continue
            bot.library.catalog.put(article, 1, find_quotes(article.text))
            articles.append(article)
            if len(articles) == ARTICLES:
                break
    for n in range(CONVERSATIONS):
        session = bot.conversations.start()
        for k in range(3):
            a = articles[(n * 3 + k) % len(articles)]
            cite = Citation(1, a.id, a.title, a.url, a.published, a.source, a.text[:200], 0, 200, 0.5)
            answer = Answer(text=f"{a.text[:200]} [1]", citations=(cite,), question=a.title)
            bot.conversations.add_turn(session.id, Turn(a.title, a.title, answer))
    bot.close()
    print(f"built {len(articles)} articles and {CONVERSATIONS} conversations in {root}", flush=True)


def timed(fn: Callable[[], Any]) -> float:
    runs = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    from assistant import Assistant, Settings
    from assistant.ui.app import ChatApp
    from assistant.ui.render import library_rows

    root = CACHE / "ui-5000"
    if not (root / "conversations.sqlite3").exists():
        build(root)
    bot = Assistant.from_settings(Settings(data_dir=root, embed={"backend": "hash"}))
    app = ChatApp(bot)
    newest = bot.conversations.list(limit=1)[0].id
    reading = json.dumps({"id": bot.library.catalog.infos()[0].id, "start": 0, "end": 40})

    def baseline() -> None:
        infos = bot.articles()
        library_rows(infos, bot.people())
        _ = [(f"{i.title} ({i.id})", i.id) for i in infos]

    rows = {
        "library tab, first page": (lambda: app.library_view(), "50 rows"),
        "library tab, a search": (lambda: app.library_view("Trump", 1), "50 rows"),
        "baseline: all rows (before paging)": (baseline, f"{bot.library.counts()[0]:,} rows"),
        "an article opened in the reader": (lambda: app.read(reading), "1 article"),
        "baseline: the reader before (every listing read)": (
            lambda: (bot.articles(), app.read(reading)),
            "1 article",
        ),
        "conversation list (500)": (lambda: app.conversations.load(None), "200 newest"),
        "a conversation reopened": (lambda: app.conversations.open(newest, None), "3 answers"),
    }
    results: dict[str, dict[str, object]] = {}
    for name, (fn, sent) in rows.items():
        fn()  # first call: caches warm
        results[name] = {"seconds": timed(fn), "sent": sent}
        print(name, results[name], flush=True)
    results.update(shared_store(bot))
    bot.close()
    browser = in_browser(root) if Path(CHROMIUM).exists() else {}
    lines = [
        f"{ARTICLES:,} articles and {CONVERSATIONS} saved conversations; server-side handler time, "
        f"median of {RUNS} runs; measured {stamp()['date']} on {stamp()['machine']}.",
        "",
        "| view | median | sent to the browser |",
        "|---|---|---|",
    ]
    lines += [f"| {n} | {_ms(float(str(r['seconds'])))} | {r['sent']} |" for n, r in results.items()]
    if browser:
        lines += [
            "",
            f"In headless Chromium (median of {PAGE_LOADS} page loads), beside the same page on an "
            "empty library:",
            "",
            "| what the user waits for | 5,000 articles, 500 conversations | empty library |",
            "|---|---|---|",
        ]
        lines += [f"| {n} | {full * 1000:.0f} ms | {_ms(empty)} |" for n, (full, empty) in browser.items()]
    save("library_view", {**stamp(), "rows": results, "browser": browser}, lines)


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "(nothing to open)"
    return f"{seconds * 1000:.1f} ms" if seconds < 0.01 else f"{seconds * 1000:.0f} ms"


def shared_store(bot: Any) -> dict[str, dict[str, object]]:
    """The conversation list and a reopened conversation from the store app servers share: the
    same 500 conversations copied to a real `chroma run`, read through the same view."""
    from load import start_chroma

    from assistant import Assistant, Settings
    from assistant.chat import Turn
    from assistant.ui.app import ChatApp

    folder = Path(tempfile.mkdtemp(prefix="shared-conversations-"))
    chroma, port = start_chroma(folder / "chroma")
    try:
        store = {"chroma_host": "127.0.0.1", "chroma_port": port}
        shared = Assistant.from_settings(
            Settings(data_dir=folder / "app", embed={"backend": "hash"}, store=store)
        )
        for listed in bot.conversations.list(limit=CONVERSATIONS):
            copy = shared.conversations.start()
            for turn in bot.conversations.get(listed.id).turns:
                shared.conversations.add_turn(copy.id, Turn(turn.asked, turn.standalone, turn.answer))
        app = ChatApp(shared)
        newest = shared.conversations.list(limit=1)[0].id
        out: dict[str, dict[str, object]] = {}
        for name, fn in (
            ("conversation list (500), shared store", lambda: app.conversations.load(None)),
            ("a conversation reopened, shared store", lambda: app.conversations.open(newest, None)),
        ):
            fn()
            out[name] = {"seconds": timed(fn), "sent": "on `chroma run`"}
            print(name, out[name], flush=True)
        shared.close()
        return out
    finally:
        chroma.kill()
        shutil.rmtree(folder, ignore_errors=True)


def in_browser(root: Path) -> dict[str, tuple[float, float | None]]:
    """What a user waits for in Chromium: on the full library, and on an empty one."""
    from load import start_app
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "ASSISTANT_EMBED__BACKEND": "hash", "GRADIO_ANALYTICS_ENABLED": "False"}
    empty = Path(tempfile.mkdtemp(prefix="empty-library-"))
    waits: dict[str, dict[bool, list[float]]] = {}
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for full, data_dir in ((True, root), (False, empty)):
            server, url = start_app(data_dir, env)
            try:
                for _ in range(PAGE_LOADS):
                    for name, seconds in _page_waits(chromium, url, full).items():
                        waits.setdefault(name, {True: [], False: []})[full].append(seconds)
            finally:
                server.kill()
                server.wait()
        chromium.close()
    shutil.rmtree(empty, ignore_errors=True)
    result = {
        n: (statistics.median(w[True]), statistics.median(w[False]) if w[False] else None)
        for n, w in waits.items()
    }
    print("in the browser", result, flush=True)
    return result


def _page_waits(chromium: Any, url: str, full: bool) -> dict[str, float]:
    """One page load: seconds from navigation to rows and list shown, a search, a reopening."""
    context = chromium.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    page.locator("#status").filter(has_text="articles").wait_for()
    if full:
        page.locator("#conversations label").nth(199).wait_for(state="attached")
    loaded = time.perf_counter() - t0
    t0 = time.perf_counter()
    page.get_by_role("tab", name="Library").click()
    page.locator("#library-pages").filter(has_text="5,000" if full else "").wait_for()
    tab = time.perf_counter() - t0
    t0 = time.perf_counter()
    page.locator("#library-search textarea, #library-search input").first.fill("Trump")
    page.locator("#library-pages").filter(has_text="articles match").wait_for()
    searched = time.perf_counter() - t0
    waits = {"page loaded": loaded, "library tab shown": tab, "library search": searched}
    if full:
        page.get_by_role("tab", name="Chat").click()
        t0 = time.perf_counter()
        page.locator("#conversations label").first.click()
        page.locator("#chat .answer").first.wait_for()
        waits["conversation reopened"] = time.perf_counter() - t0
    context.close()
    return waits


if __name__ == "__main__":
    main()
