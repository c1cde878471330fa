"""An int8 ONNX Runtime copy of a local sentence-transformers model, made on this machine.

PyTorch runs all-MiniLM-L6-v2 at about 27 chunks/s on two cores. The same weights exported
to ONNX and quantised to int8 (per channel, matrix multiplications only) run about twice as
fast with embeddings within 0.99 cosine of the fp32 ones. Nothing is downloaded: the export
reads the installed model, and the result is cached under the cache dir the settings give
(``cache_dir``, default ``~/.cache/news-assistant``), keyed by the model files and library versions.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import os
import re
import tempfile
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import BackendUnavailable
from .wordpieces import FastTokenizer

__all__ = ["OnnxInt8Encoder", "cache_root", "default_cache"]

log = logging.getLogger(__name__)


def default_cache() -> Path:
    """The cache dir when the settings give none: ``~/.cache/news-assistant``."""
    return Path("~/.cache/news-assistant").expanduser()


def cache_root(cache_dir: Path | None = None) -> Path:
    """Where int8 exports live: ``cache_dir/onnx``, by default under ``~/.cache/news-assistant``."""
    return (cache_dir or default_cache()) / "onnx"


# Matrix multiplications left in fp32, by model type. MPNet's feed-forward output layers read
# activations with outliers that int8 scales flatten: quantised, all-mpnet-base-v2 lands at
# cosine 0.90-0.95 to its fp32 self; with these 12 of its 96 products in fp32, above 0.99.
_KEEP_FP32 = {"mpnet": r"layer\.\d+/output/dense/MatMul$"}
# Model types whose int8 weights use 7 bits ("reduce_range"): all-mpnet-base-v2's products
# overflow 8-bit weights on a CPU without VNNI instructions (onnxruntime 1.31-1.32 measured here:
# cosine -0.08 to its fp32 self; with 7 bits, 0.98-0.99). MiniLM's do not.
_REDUCED_RANGE = frozenset({"mpnet"})


def _recipe(model_dir: Path) -> tuple[str | None, bool]:
    """How the model is quantised, by its type (read once from its config): the products kept
    in fp32 (a pattern of node names), and whether its weights take 7 bits."""
    config = model_dir / "config.json"
    kind = str(json.loads(config.read_text()).get("model_type") if config.exists() else None)
    return _KEEP_FP32.get(kind), kind in _REDUCED_RANGE


def _fingerprint(model_dir: Path, keep_fp32: str | None, reduce_range: bool) -> str:
    import onnxruntime

    recipe = "int8-matmul-per-channel" + (f"|fp32:{keep_fp32}" if keep_fp32 else "")
    recipe += "|7-bit" if reduce_range else ""
    digest = hashlib.sha1(f"{onnxruntime.__version__}|{recipe}".encode())
    for path in sorted(model_dir.rglob("*")):
        if path.is_file() and path.suffix in (".safetensors", ".bin", ".json", ".txt"):
            stat = path.stat()
            digest.update(f"{path.relative_to(model_dir)}|{stat.st_size}|{int(stat.st_mtime)}".encode())
    return digest.hexdigest()[:16]


def _export(model: Any, target: Path, keep_fp32: str | None = None, reduce_range: bool = False) -> None:
    """Export the transformer of ``model`` to ONNX, quantise it to int8 (but the products whose
    node names match ``keep_fp32``; with 7-bit weights when ``reduce_range``), write ``target``."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class LastHidden(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, *inputs: Any) -> Any:
            return self.inner(**dict(zip(names, inputs, strict=True))).last_hidden_state

    sample = model.tokenizer(["a short sample", "another one"], padding=True, return_tensors="pt")
    # BERT-like models also take token types; MPNet and others take ids and mask only.
    takes_types = "token_type_ids" in inspect.signature(model[0].auto_model.forward).parameters
    names = ["input_ids", "attention_mask"] + (["token_type_ids"] if takes_types else [])
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]}
    target.parent.mkdir(parents=True, exist_ok=True)
    quiet = logging.getLogger()  # the quantiser logs advice at WARNING on the root logger
    level = quiet.level
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about constant shapes that hold here
        quiet.setLevel(logging.ERROR)
        fp32 = Path(tmp) / "model.onnx"
        with torch.no_grad():
            torch.onnx.export(
                LastHidden(model[0].auto_model.eval()),
                tuple(sample[name] for name in names),
                str(fp32),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
        int8 = Path(tmp) / "model-int8.onnx"
        nodes = [n.name for n in onnx.load(str(fp32), load_external_data=False).graph.node]
        quantize_dynamic(
            str(fp32),
            str(int8),
            weight_type=QuantType.QInt8,
            per_channel=True,
            reduce_range=reduce_range,
            op_types_to_quantize=["MatMul"],
            nodes_to_exclude=[n for n in nodes if keep_fp32 and re.search(keep_fp32, n)],
        )
        quiet.setLevel(level)
        os.replace(int8, target)  # atomic: a concurrent process sees the old file or the new one


def _tokenizer(root: Path) -> Any:
    """The model's tokenizer: its ``tokenizer.json`` read directly (no transformers, no torch:
    a faster cold start), else through transformers for a model that ships none."""
    if (root / "tokenizer.json").exists():
        return FastTokenizer(root / "tokenizer.json")
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(root), local_files_only=True)


class OnnxInt8Encoder:
    """Mean-pooled, normalised sentence embeddings from an int8 ONNX Runtime session."""

    def __init__(self, model_dir: str, load_model: Callable[[], Any], cache_dir: Path | None = None) -> None:
        """``load_model`` gives the sentence-transformers model, needed only to export it once."""
        try:
            import onnx  # noqa: F401 - needed by the quantiser
            import onnxruntime as ort
        except ImportError as exc:
            raise BackendUnavailable(
                "embed.quantize needs onnx and onnxruntime: run `make install` "
                "(or `pip install onnx onnxruntime`)."
            ) from exc
        root = Path(model_dir)
        pooling = root / "1_Pooling" / "config.json"
        if pooling.exists() and not json.loads(pooling.read_text()).get("pooling_mode_mean_tokens", False):
            raise BackendUnavailable(
                f"embed.quantize supports mean-pooling models only; {model_dir} pools otherwise."
            )
        config = root / "sentence_bert_config.json"
        self.max_tokens = (
            int(json.loads(config.read_text()).get("max_seq_length", 256)) if config.exists() else 256
        )
        keep_fp32, reduce_range = _recipe(root)
        self.path = cache_root(cache_dir) / _fingerprint(root, keep_fp32, reduce_range) / "model-int8.onnx"
        if not self.path.exists():
            log.info("Preparing the int8 embedding model in %s (once, a few seconds)", self.path.parent)
            try:
                _export(load_model(), self.path, keep_fp32, reduce_range)
            except OSError as exc:
                raise BackendUnavailable(
                    f"Cannot write the int8 embedding model under {self.path.parent}: {exc}. Point "
                    "ASSISTANT_CACHE_DIR at a writable folder, or set embed.quantize = false."
                ) from exc
        self.tokenizer = _tokenizer(root)
        self._framing: tuple[list[int], list[int]] | None = None
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(self.path), options, providers=["CPUExecutionProvider"])
        # BERT-like models take token types too; MPNet takes ids and mask only.
        self._types = any(i.name == "token_type_ids" for i in self.session.get_inputs())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One text per run: int8 activations are scaled per run, so a text embedded alone or
        among others gets the same vector, and no time goes to padding."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        ids = self.tokenizer(list(texts), add_special_tokens=False, verbose=False)["input_ids"]
        return self.encode_ids(ids)

    def encode_ids(self, ids: Sequence[Sequence[int]]) -> np.ndarray:
        """``encode`` of texts given as their token ids (no special tokens): the ids are cut
        to the model's window and framed by its special tokens, as the tokenizer would."""
        if not ids:
            return np.zeros((0, 0), dtype=np.float32)
        first, last = self._specials()
        room = self.max_tokens - len(first) - len(last)
        rows = []
        for row in ids:
            input_ids = np.asarray([[*first, *row[:room], *last]], dtype=np.int64)
            ones = np.ones_like(input_ids)
            feed = {"input_ids": input_ids, "attention_mask": ones}
            if self._types:
                feed["token_type_ids"] = np.zeros_like(ones)
            pooled = self.session.run(None, feed)[0][0].mean(axis=0)
            rows.append(pooled / max(float(np.linalg.norm(pooled)), 1e-12))
        return np.vstack(rows)

    def _specials(self) -> tuple[list[int], list[int]]:
        """The special tokens the tokenizer puts before and after a text ([CLS] and [SEP])."""
        if self._framing is None:
            with_specials = self.tokenizer(["a"])["input_ids"][0]
            plain = self.tokenizer(["a"], add_special_tokens=False)["input_ids"][0]
            at = next(i for i in range(len(with_specials)) if with_specials[i : i + len(plain)] == plain)
            self._framing = (list(with_specials[:at]), list(with_specials[at + len(plain) :]))
        return self._framing
