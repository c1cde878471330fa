"""Steps the browser tests share: open the app (logging in when asked), ask and wait."""

from __future__ import annotations

from typing import Any


def open_app(browser: Any, url: str, login: tuple[str, str] | None = None) -> Any:
    """A new page on the app, loaded (after logging in with ``login``)."""
    page = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True).new_page()
    page.goto(url)
    if login is not None:
        page.get_by_label("username").fill(login[0])
        page.get_by_label("password").fill(login[1])
        page.get_by_role("button", name="Login").click()
    page.locator("#status").filter(has_text="articles").wait_for()
    return page


def ask(page: Any, question: str, expect: str) -> None:
    """Ask in the chat and wait for an answer that holds ``expect``."""
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")
    page.locator("#chat .answer").last.filter(has_text=expect).wait_for(timeout=60_000)
