"""Settings: keyword arguments > environment (``ASSISTANT_…``, ``__`` nesting) > TOML > defaults.

Nothing is read at import time: ``load_settings()`` (or ``Settings()``) reads the
environment and the TOML file (``ASSISTANT_CONFIG``, default ``./assistant.toml``) when
called. One setting picks each backend.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from .errors import ConfigError

__all__ = [
    "EmbedSettings",
    "LLMSettings",
    "RetrievalSettings",
    "Settings",
    "StoreSettings",
    "load_settings",
]

_PLANNED_LLM = {"openai", "openai_compatible", "llama_cpp", "fake"}


class LLMSettings(BaseModel):
    """Which model writes answers. ``extractive`` answers with verbatim quotes, no LLM."""

    backend: str = "extractive"

    @field_validator("backend")
    @classmethod
    def _known(cls, value: str) -> str:
        if value == "extractive":
            return value
        if value in _PLANNED_LLM:
            raise ValueError(
                f"the {value!r} answer backend is not available in this release yet; "
                "use llm.backend='extractive' (verbatim, cited quotes)"
            )
        raise ValueError(f"unknown answer backend {value!r}; choose 'extractive'")


class EmbedSettings(BaseModel):
    """Which model embeds chunks and questions. ``hash`` is a deterministic test embedding."""

    backend: Literal["local", "hash"] = "local"
    model: str = "all-MiniLM-L6-v2"
    batch_size: int = Field(32, ge=1, le=1024)


class StoreSettings(BaseModel):
    """Embedded Chroma under ``data_dir``, or a Chroma server when ``chroma_host`` is set."""

    chroma_host: str | None = None
    chroma_port: int = Field(8000, ge=1, le=65535)
    collection: str = "articles"


class RetrievalSettings(BaseModel):
    """How many passages are retrieved and how articles are cut into chunks."""

    top_k: int = Field(8, ge=1, le=100)
    candidates: int = Field(30, ge=1, le=1000)
    chunk_tokens: int = Field(200, ge=32, le=8192)


class Settings(BaseSettings):
    """Everything configurable, with defaults that run fully offline."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", extra="forbid", validate_default=True
    )

    data_dir: Path = Path("library")
    llm: LLMSettings = LLMSettings()
    embed: EmbedSettings = EmbedSettings()
    store: StoreSettings = StoreSettings()
    retrieval: RetrievalSettings = RetrievalSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = Path(os.environ.get("ASSISTANT_CONFIG", "assistant.toml"))
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=toml_file),
        )


def load_settings(**overrides: Any) -> Settings:
    """Settings from overrides, the environment and the TOML file; a ``ConfigError`` if invalid."""
    config = os.environ.get("ASSISTANT_CONFIG")
    if config and not Path(config).is_file():
        raise ConfigError(f"ASSISTANT_CONFIG points to {config!r}, which is not a file.")
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        raise ConfigError(f"Invalid settings: {problems}.") from exc
