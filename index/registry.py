"""Backends registered by name: a table of ``name -> "module:Class"`` per kind of backend.

The module is imported only when its name is chosen, so a provider package that is not
installed costs nothing until someone asks for it. ``EMBEDDERS``, ``LLMS`` and ``ANSWERERS``
are such tables; a new backend is one module and one line in its table.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from .errors import ConfigError

__all__ = ["resolve"]


def resolve(table: Mapping[str, str], name: str, setting: str) -> Any:
    """The class registered as ``name``; a ``ConfigError`` naming ``setting`` and the choices."""
    try:
        module, cls = table[name].split(":")
    except KeyError:
        raise ConfigError(f"{setting} {name!r} is not one of {', '.join(sorted(table))}.") from None
    return getattr(importlib.import_module(module), cls)
