"""Adding article URLs and feeds from the browser: fetched as the CLI fetches them, but only
from public addresses (checked after DNS and at every redirect) unless a setting allows a
network; here 127.0.0.2 stands for an allowed intranet feed server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from servers import serve_assistant
from sites import Site


@pytest.fixture(scope="module")
def intranet() -> Iterator[Site]:
    site = Site("127.0.0.2")
    yield site
    site.close()


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("ui-urls")
    allow = json.dumps(["127.0.0.2/32"])
    yield from serve_assistant(data_dir, ASSISTANT_UI__FETCH_PRIVATE_NETWORKS=allow)


def _add_urls(page: Any, *urls: str) -> str:
    """The report of adding ``urls`` (once it replaced the one before)."""
    page.get_by_role("tab", name="Library").click()
    before = page.locator("#report").inner_text()
    page.locator("#urls textarea").fill("\n".join(urls))
    page.locator("#add-urls").click()
    page.wait_for_function(  # the report from "Added" on (a timer may stand before it) is new
        "before => { const t = document.querySelector('#report').innerText, at = t.indexOf('Added');"
        " const old = before.slice(before.indexOf('Added'));"
        " return at >= 0 && !t.includes('processing') && t.slice(at) !== old; }",
        arg=before,
        timeout=120_000,
    )
    text = str(page.locator("#report").inner_text())
    return text[text.index("Added") :]


def test_a_feed_is_added_and_private_addresses_are_refused(
    browser: Any, guarded: str, intranet: Site, artifacts: Path
) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(guarded)
    page.locator("#status").filter(has_text="articles").wait_for()
    report = _add_urls(page, f"{intranet.base}/feed.xml")
    assert "Added 2" in report and "failed 1" in report, report  # two items fetched, one 404 listed
    assert "missing.html: HTTP 404" in report and "added: Bridge reopens after repairs" in report
    page.locator("#articles").filter(has_text="Library extends hours").wait_for()
    page.screenshot(path=str(artifacts / "urls-1-feed.png"), full_page=True)
    page.locator("#library-search textarea").fill("library extends")  # the table, searched
    page.locator("#library-pages").filter(has_text="1 of 2 articles match").wait_for()
    assert "Bridge reopens" not in page.locator("#articles").inner_text()
    page.locator("#library-search textarea").fill("")
    page.locator("#library-pages").filter(has_text="Page 1 of 1 · 2 articles").wait_for()

    loopback = f"http://127.0.0.1:{intranet.port}/a3.html"
    report = _add_urls(page, loopback, f"{intranet.base}/to-metadata", "file:///etc/passwd")
    assert "Added 0" in report and "failed 2" in report, report
    assert "is 127.0.0.1, not a public address" in report
    assert "is 169.254.169.254, not a public address" in report  # refused at the redirect
    assert "file:///etc/passwd: not an http(s) URL" in report
    assert intranet.hits["/to-metadata"] == 1 and "/a3.html" not in intranet.hits
    page.screenshot(path=str(artifacts / "urls-2-refused.png"), full_page=True)
    page.context.close()
