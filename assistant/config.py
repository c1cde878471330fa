"""Settings: keyword arguments > environment (``ASSISTANT_…``, ``__`` nesting) > TOML > defaults.

Nothing is read at import time: ``load_settings()`` (or ``Settings()``) reads the
environment and the TOML file (``ASSISTANT_CONFIG``, default ``./assistant.toml``) when
called. One setting picks each backend. This is the one place where keys, paths and the
offline flags are resolved: ``OPENAI_API_KEY`` fills an ``openai`` backend's missing key,
``cache_dir`` (``ASSISTANT_CACHE_DIR``) defaults under ``XDG_CACHE_HOME``, and
``offline_environment()`` tells the Hugging Face libraries never to reach a hub.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from index.embedding import EmbedConfig
from index.errors import ConfigError

__all__ = [
    "EmbedSettings",
    "LLMSettings",
    "RetrievalSettings",
    "Settings",
    "StoreSettings",
    "UISettings",
    "default_cache_dir",
    "load_settings",
    "offline_environment",
]

LLMBackend = Literal["extractive", "openai", "openai_compatible", "llama_cpp", "fake"]
EmbedBackend = Literal["local", "openai", "openai_compatible", "hash", "e5"]


class LLMSettings(BaseModel):
    """Which model writes answers; ``extractive`` answers with verbatim quotes and needs no LLM.

    ``openai``: ``model`` (+ ``api_key`` or OPENAI_API_KEY). ``openai_compatible``: ``base_url``
    and ``model`` (Ollama, vLLM, llama.cpp server, LM Studio). ``llama_cpp``: ``model_path`` to
    a GGUF file. ``fake``: a scripted model for tests.
    """

    backend: LLMBackend = "extractive"
    model: str | None = None
    base_url: str | None = None
    api_key: SecretStr | None = None
    model_path: Path | None = None
    timeout: float = Field(60.0, gt=0, description="seconds to wait for a reply")
    max_retries: int = Field(3, ge=0, le=10, description="retries on 429, 5xx and dropped connections")
    temperature: float = Field(
        0.0,
        ge=0,
        le=2,
        description="0: the model's likeliest words, so the same question on the same articles "
        "gets the same answer",
    )
    max_tokens: int = Field(400, ge=16, le=8192)
    context_tokens: int = Field(4096, ge=512, le=131072, description="llama_cpp context window")
    chat_format: str | None = Field(
        None, description="llama_cpp prompt format when the GGUF has no chat template, e.g. 'gemma'"
    )
    passage_tokens: int = Field(
        1280,
        ge=128,
        le=100000,
        description="most passage text the model reads, in tokens (about 4 characters each): "
        "whole passages, best first; on a CPU the prompt is most of the answer time",
    )
    structured: bool = Field(
        True,
        description="ask for JSON answers whose sentences name the passage sentences they rest on, "
        "where the backend can constrain its output (free text with [n] markers otherwise)",
    )


class EmbedSettings(BaseModel):
    """Which model embeds chunks and questions. ``hash`` is a deterministic test embedding."""

    backend: EmbedBackend = "local"
    model: str = "all-MiniLM-L6-v2"
    base_url: str | None = None
    api_key: SecretStr | None = None
    batch_size: int = Field(32, ge=1, le=1024)
    timeout: float = Field(60.0, gt=0, description="openai backends: seconds to wait for a reply")
    max_retries: int = Field(3, ge=0, le=10, description="openai backends: retries on 429, 5xx")
    # ``local`` only: run the model as int8 in ONNX Runtime (exported and quantised on this
    # machine from the installed weights, cached). About twice as fast as fp32 PyTorch, with
    # recall within a point of it. A library keeps the precision it was built with: questions
    # are always embedded like its chunks, so this applies to new libraries.
    quantize: bool = True


class StoreSettings(BaseModel):
    """Embedded Chroma under ``data_dir``, or a Chroma server when ``chroma_host`` is set."""

    chroma_host: str | None = None
    chroma_port: int = Field(8000, ge=1, le=65535)
    collection: str = "articles"
    # With a Chroma server: an ingest lock not renewed for this long (its app server was
    # killed) is taken over by the next ingest.
    lease_seconds: float = Field(30.0, gt=0)


class RetrievalSettings(BaseModel):
    """How many passages are retrieved, how articles are cut into chunks, how time and copies count."""

    top_k: int = Field(8, ge=1, le=100)
    candidates: int = Field(30, ge=1, le=1000)
    # How widely Chroma's HNSW graph is searched for the dense candidates. Chroma's default
    # (100) missed some of the 30 nearest chunks for a quarter of the benchmark questions, and
    # which ones changed from one process to the next (the graph's newest part is rebuilt on
    # opening); at 800 the 30 found were the 30 nearest, the same every time, for 0.6 ms more
    # a query (benchmarks/search_width.py). Applied to the collection when the library opens.
    search_ef: int = Field(800, ge=10, le=10000)
    chunk_tokens: int = Field(200, ge=32, le=8192)
    # Recency as a ranking signal: recent articles (or those inside a window the question
    # names, such as "this week") rank higher. Off: time plays no part in ranking.
    recency: bool = True
    recency_half_life_days: float = Field(14.0, gt=0)
    recency_weight: float = Field(0.5, ge=0)
    # Near-copies of a stored article (estimated shingle overlap at least this) are recorded
    # against it, not stored again; 1.0 keeps every copy.
    duplicate_threshold: float = Field(0.6, gt=0, le=1.0)
    # An answer whose every cited article is older than this, counted back from the question's
    # date (or the library's newest article, when that is older), tells an earlier story of the
    # same kind; it is withheld unless the question or its filters name a time. 0: never.
    stale_after_days: int = Field(1461, ge=0)


class IngestSettings(BaseModel):
    """Bounds on what one input file may cost to read, checked while reading it."""

    max_decompressed_mb: int = Field(
        512, ge=1, le=65536, description="most a JSON(.gz) file may expand to; a larger one is refused"
    )
    max_line_mb: int = Field(
        16, ge=1, le=4096, description="longest line of a JSON Lines file, and largest whole JSON document"
    )


class UISettings(BaseModel):
    """The browser chat: where it listens, who may use it, how big an upload may be."""

    host: str = "127.0.0.1"
    port: int = Field(7860, ge=1, le=65535)
    auth: SecretStr | None = Field(None, description="user:password; required off loopback")
    max_upload_mb: int = Field(25, ge=1, le=2048)
    # Failed logins an address may make at full speed; after that each attempt waits a delay
    # that doubles per failure (1 s, 2 s, 4 s, ...) up to login_max_delay_s.
    login_free_attempts: int = Field(5, ge=1, le=1000)
    login_max_delay_s: float = Field(300.0, ge=1, le=86_400)
    # "Add URLs" in the browser fetches only from public addresses; these networks (CIDR, e.g.
    # ["10.1.0.0/16"] for an intranet feed server) are let through too.
    fetch_private_networks: list[str] = Field(default_factory=list)

    @field_validator("fetch_private_networks")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for network in value:
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError:
                raise ValueError(f"{network!r} is not a network like 10.1.0.0/16") from None
        return value


class Settings(BaseSettings):
    """Everything configurable, with defaults that run fully offline."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", extra="forbid", validate_default=True
    )

    data_dir: Path = Path("library")
    # Derived files that can be rebuilt (the int8 embedding model export); ASSISTANT_CACHE_DIR.
    cache_dir: Path = Field(default_factory=lambda: default_cache_dir())
    llm: LLMSettings = LLMSettings()
    embed: EmbedSettings = EmbedSettings()
    store: StoreSettings = StoreSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    ingest: IngestSettings = IngestSettings()
    ui: UISettings = UISettings()

    @model_validator(mode="after")
    def _resolve_keys(self) -> Settings:
        """``OPENAI_API_KEY`` is the key of an ``openai`` backend that was given none."""
        key = os.environ.get("OPENAI_API_KEY")
        if key:
            if self.llm.backend == "openai" and self.llm.api_key is None:
                self.llm = self.llm.model_copy(update={"api_key": SecretStr(key)})
            if self.embed.backend == "openai" and self.embed.api_key is None:
                self.embed = self.embed.model_copy(update={"api_key": SecretStr(key)})
        return self

    def embed_config(self) -> EmbedConfig:
        """What the embedding backend is built from, secrets revealed to it alone."""
        embed = self.embed
        return EmbedConfig(
            backend=embed.backend,
            model=embed.model,
            base_url=embed.base_url,
            api_key=embed.api_key.get_secret_value() if embed.api_key else None,
            batch_size=embed.batch_size,
            quantize=embed.quantize,
            timeout=embed.timeout,
            max_retries=embed.max_retries,
            cache_dir=self.cache_dir,
        )

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


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(base) / "news-assistant"


def offline_environment() -> None:
    """Nothing is downloaded at run time: the Hugging Face libraries are told so before they load."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ.setdefault(name, "1")
    os.environ.setdefault("TQDM_DISABLE", "1")


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
