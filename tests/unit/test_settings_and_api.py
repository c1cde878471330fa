"""Settings precedence and errors, and the public surface of the package."""

from __future__ import annotations

from pathlib import Path

import pytest

import assistant
import index
from assistant import ConfigError, Settings, load_settings


def test_defaults_run_offline() -> None:
    s = load_settings()
    assert s.llm.backend == "extractive" and s.embed.backend == "local"
    assert s.store.chroma_host is None and s.data_dir == Path("library")


def test_precedence_kwargs_over_env_over_toml(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    toml = tmp_path / "assistant.toml"
    toml.write_text('data_dir = "from-toml"\n[retrieval]\ntop_k = 3\n[store]\ncollection = "toml"\n')
    monkeypatch.setenv("ASSISTANT_CONFIG", str(toml))
    assert load_settings().data_dir == Path("from-toml")
    assert load_settings().retrieval.top_k == 3
    monkeypatch.setenv("ASSISTANT_DATA_DIR", "from-env")
    monkeypatch.setenv("ASSISTANT_STORE__COLLECTION", "env")
    s = load_settings()
    assert s.data_dir == Path("from-env") and s.store.collection == "env" and s.retrieval.top_k == 3
    assert load_settings(data_dir="from-kwargs").data_dir == Path("from-kwargs")


def test_unknown_backend_lists_the_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_LLM__BACKEND", "gpt-banana")
    with pytest.raises(ConfigError, match=r"llm\.backend: Input should be 'extractive', 'openai'"):
        load_settings()
    monkeypatch.setenv("ASSISTANT_LLM__BACKEND", "llama_cpp")
    monkeypatch.setenv("ASSISTANT_LLM__MODEL_PATH", "/models/x.gguf")
    assert load_settings().llm.model_path == Path("/models/x.gguf")


def test_missing_config_file_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_CONFIG", "/nonexistent/assistant.toml")
    with pytest.raises(ConfigError, match="not a file"):
        load_settings()


def test_settings_object_is_not_read_at_import(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", "late")
    assert Settings().data_dir == Path("late")


@pytest.mark.parametrize("module", [assistant, index])
def test_public_names_are_sorted_and_importable(module: object) -> None:
    names = module.__all__  # type: ignore[attr-defined]
    assert names == sorted(names)
    for name in names:
        assert getattr(module, name) is not None


def test_every_error_is_an_assistant_error() -> None:
    for name in assistant.__all__:
        obj = getattr(assistant, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, assistant.AssistantError), name


def test_every_package_is_shipped() -> None:
    """A sub-package missing from pyproject.toml works in a checkout and breaks ``pip install .``."""
    import tomllib

    root = Path(__file__).resolve().parents[2]
    listed = set(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(root).parts)
        for top in ("assistant", "index")
        for init in (root / top).rglob("__init__.py")
    }
    assert found | {"assistant.prompts"} == listed
