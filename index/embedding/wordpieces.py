"""A model's own ``tokenizer.json`` read with the ``tokenizers`` library: no transformers, no torch.

The int8 encoder needs token ids, and counting tokens needs them too; loading them through
transformers' ``AutoTokenizer`` imports transformers and torch, over a second of a cold
``assistant ask``. The fast tokenizer behind ``AutoTokenizer`` is this same file run by the
same library, so the ids, masks and offsets are the same (a test compares them on real news).
``FastTokenizer`` answers the calls the project makes in the shape transformers answers them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["FastTokenizer"]


class FastTokenizer:
    """``tokenizer(texts, ...)`` as transformers answers it, for the keywords this project uses."""

    def __init__(self, path: Path) -> None:
        from tokenizers import Tokenizer

        self._plain = Tokenizer.from_file(str(path))
        self._plain.no_padding()
        self._plain.no_truncation()
        self._truncating: dict[int, Any] = {}
        self._path = path

    def _backend(self, max_length: int | None) -> Any:
        if max_length is None:
            return self._plain
        if max_length not in self._truncating:
            from tokenizers import Tokenizer

            backend = Tokenizer.from_file(str(self._path))
            backend.no_padding()
            backend.enable_truncation(max_length)
            self._truncating[max_length] = backend
        return self._truncating[max_length]

    def __call__(
        self,
        texts: str | Sequence[str],
        add_special_tokens: bool = True,
        truncation: bool = False,
        max_length: int | None = None,
        return_tensors: str | None = None,
        return_offsets_mapping: bool = False,
        verbose: bool = True,
    ) -> dict[str, Any]:
        single = isinstance(texts, str)
        batch = [texts] if isinstance(texts, str) else list(texts)
        backend = self._backend(max_length if truncation else None)
        encodings = backend.encode_batch(batch, add_special_tokens=add_special_tokens)
        out: dict[str, Any] = {
            "input_ids": [e.ids for e in encodings],
            "token_type_ids": [e.type_ids for e in encodings],
            "attention_mask": [e.attention_mask for e in encodings],
        }
        if return_offsets_mapping:
            out["offset_mapping"] = [list(e.offsets) for e in encodings]
        if return_tensors == "np":
            if len({len(ids) for ids in out["input_ids"]}) > 1:
                raise ValueError("texts of different lengths cannot be one array without padding")
            return {k: np.asarray(v, dtype=np.int64) for k, v in out.items()}
        if single:
            return {k: v[0] for k, v in out.items()}
        return out
