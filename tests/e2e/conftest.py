"""A real `assistant serve` process and Debian's headless Chromium driven by Playwright.

Screenshots of each step go to tests/.artifacts/ (or $ASSISTANT_ARTIFACTS). Without
/usr/bin/chromium the browser tests are skipped, unless REQUIRE_BROWSER=1 (set by CI), where
a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import serve_assistant

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("ASSISTANT_ARTIFACTS", Path(__file__).resolve().parents[1] / ".artifacts"))


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def ui_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ui-lib")


@pytest.fixture(scope="module")
def server(ui_dir: Path) -> Iterator[str]:
    """The app with an empty library and the default (extractive) answers."""
    yield from serve_assistant(ui_dir)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but /usr/bin/chromium is missing: apt-get install chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(server)
    page.locator("#status").filter(has_text="articles").wait_for()  # filled once the page has loaded
    yield page
    context.close()
