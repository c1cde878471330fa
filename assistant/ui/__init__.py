"""The browser chat (Gradio): ``app`` builds the page and its handlers, ``render`` the HTML.

Only the public API is called from here; retrieval and answer logic live elsewhere.
"""

from __future__ import annotations

from .app import ChatApp, build_app, check_bind, serve

__all__ = ["ChatApp", "build_app", "check_bind", "serve"]
