"""The scripted model on a copy of the seed library: answer tests script what the model says."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from assistant import Assistant, Settings
from assistant.llm.fake import FakeLLM

__all__ = ["fake", "scripted_assistant"]


def scripted_assistant(seed_library: Path, tmp_path: Path, structured: bool) -> Iterator[Assistant]:
    """The seed article (built once per session), copied so a test may add to it."""
    shutil.copytree(seed_library, tmp_path / "lib")
    llm = {"backend": "fake", "structured": structured}
    assistant = Assistant.from_settings(
        Settings(data_dir=tmp_path / "lib", embed={"backend": "hash"}, llm=llm)
    )
    yield assistant
    assistant.close()


def fake(bot: Assistant) -> FakeLLM:
    """The scripted model behind ``bot``."""
    llm = bot.answerer.llm  # type: ignore[attr-defined]
    assert isinstance(llm, FakeLLM)
    return llm
