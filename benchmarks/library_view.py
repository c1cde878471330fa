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

Writes benchmarks/results/library_view.{json,md}. Usage: python benchmarks/library_view.py
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import save, stamp

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TQDM_DISABLE", "1")

from retrieval import CACHE, load  # after the offline flags

ARTICLES, CONVERSATIONS, RUNS = 5000, 500, 7


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

    def baseline() -> None:
        infos = bot.articles()
        library_rows(infos, bot.people())
        _ = [(f"{i.title} ({i.id})", i.id) for i in infos]

    rows = {
        "library tab, first page": (lambda: app.library_view(), "50 rows"),
        "library tab, a search": (lambda: app.library_view("Trump", 1), "50 rows"),
        "baseline: all rows (before paging)": (baseline, f"{bot.library.counts()[0]:,} rows"),
        "conversation list (500)": (lambda: app.conversations.load(None), "200 newest"),
        "a conversation reopened": (lambda: app.conversations.open(newest, None), "3 answers"),
    }
    results: dict[str, dict[str, object]] = {}
    for name, (fn, sent) in rows.items():
        fn()  # first call: caches warm
        results[name] = {"seconds": timed(fn), "sent": sent}
        print(name, results[name], flush=True)
    bot.close()
    lines = [
        f"{ARTICLES:,} articles and {CONVERSATIONS} saved conversations; server-side handler time, "
        f"median of {RUNS} runs; measured {stamp()['date']} on {stamp()['machine']}.",
        "",
        "| view | median | sent to the browser |",
        "|---|---|---|",
    ]
    lines += [f"| {n} | {r['seconds'] * 1000:.0f} ms | {r['sent']} |" for n, r in results.items()]
    save("library_view", {**stamp(), "rows": results}, lines)


if __name__ == "__main__":
    main()
