"""Prompt templates: text files in ``prompts/``, loaded by name, rendered with checked variables.

A template names its variables as ``${name}``. Rendering with a missing variable, or asking
for a template that does not exist, is a ``PromptError`` that names what is missing.
"""

from __future__ import annotations

import string
from functools import lru_cache
from importlib import resources

from index.errors import PromptError

__all__ = ["render", "required_variables"]


@lru_cache(maxsize=32)
def _template(name: str) -> string.Template:
    try:
        text = resources.files("assistant.prompts").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise PromptError(f"No prompt template named {name!r} (looked for prompts/{name}.txt).") from exc
    return string.Template(text)


def required_variables(name: str) -> set[str]:
    return set(_template(name).get_identifiers())


def render(name: str, **variables: object) -> str:
    missing = required_variables(name) - set(variables)
    if missing:
        raise PromptError(f"Prompt {name!r} needs {', '.join(sorted(missing))}; they were not given.")
    return _template(name).substitute({k: str(v) for k, v in variables.items()})
