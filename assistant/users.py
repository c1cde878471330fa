"""Accounts for ``assistant serve``: names, bcrypt password hashes, and who may change the library.

Kept in ``users.json`` in the data dir (or, when app servers share a Chroma server, in one
record there, ``SharedUsers``, so that every app server knows the same accounts), written by
``assistant users add NAME`` (the password is asked for, or read from standard input), never in
clear. When there are accounts, the browser asks for a login and each user sees only their own
conversations; adding or removing articles is for admins. Without accounts the app is
login-free on loopback (or guarded by the single ``--auth user:password``).
"""

from __future__ import annotations

import functools
import hmac
import json
import os
import re
import threading
from pathlib import Path
from typing import Any

import bcrypt

from index.errors import ConfigError
from index.shared import NO_VECTOR

__all__ = ["MIN_PASSWORD", "Access", "SharedUsers", "Users"]

MIN_PASSWORD = 12
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
# bcrypt reads at most 72 bytes of a password; a longer one is refused rather than cut silently.
_MAX_PASSWORD_BYTES = 72


class Users:
    """The accounts file of one data dir."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _read(self) -> dict[str, dict[str, object]]:
        if not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"Cannot read the accounts file {self.path}: {exc}") from exc
        return {str(k): dict(v) for k, v in data.get("users", {}).items()}

    def _write(self, users: dict[str, dict[str, object]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"users": users}, indent=2, sort_keys=True), encoding="utf-8")
        os.chmod(temporary, 0o600)
        temporary.replace(self.path)

    @property
    def where(self) -> str:
        """Where the accounts are kept, as messages name it."""
        return str(self.path.parent)

    def names(self) -> list[str]:
        return sorted(self._read())

    def __bool__(self) -> bool:
        return bool(self._read())

    def add(self, name: str, password: str, admin: bool = False) -> None:
        """Add ``name``, or set a new password (and role) for them."""
        if not _NAME.fullmatch(name):
            raise ConfigError(
                f"{name!r} is not a user name: letters, digits and . _ @ - only, up to 64 characters."
            )
        if len(password) < MIN_PASSWORD:
            raise ConfigError(
                f"A password needs at least {MIN_PASSWORD} characters (this one has {len(password)})."
            )
        if len(password.encode("utf-8")) > _MAX_PASSWORD_BYTES:
            raise ConfigError(f"A password may have at most {_MAX_PASSWORD_BYTES} bytes.")
        digest = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")
        with self._lock:
            users = self._read()
            users[name] = {"hash": digest, "admin": bool(admin)}
            self._write(users)

    def remove(self, name: str) -> None:
        with self._lock:
            users = self._read()
            if name not in users:
                raise ConfigError(f"No user {name!r} (`assistant users list` shows them).")
            del users[name]
            self._write(users)

    def check(self, name: str, password: str) -> bool:
        """Whether ``password`` is ``name``'s (the same work whether or not the name exists)."""
        record = self._read().get(name)
        digest = str(record["hash"]).encode("ascii") if record else _dummy()
        data = password.encode("utf-8")
        ok = len(data) <= _MAX_PASSWORD_BYTES and bcrypt.checkpw(data, digest)
        return ok and record is not None

    def is_admin(self, name: str) -> bool:
        record = self._read().get(name)
        return bool(record and record.get("admin"))


class SharedUsers(Users):
    """The accounts of the app servers that share one Chroma server: one record (the same JSON
    as ``users.json``) in ``<collection>-accounts``. A ``users.json`` already in the data dir is
    published there the first time, when the server holds no accounts yet."""

    def __init__(self, path: Path, client: Any, prefix: str, where: str) -> None:
        super().__init__(path)
        self.records = client.get_or_create_collection(f"{prefix}-accounts")
        self._where = where

    @property
    def where(self) -> str:
        return self._where

    def _read(self) -> dict[str, dict[str, object]]:
        got = self.records.get(ids=["users"], include=["documents"])
        if not got["ids"]:
            local = super()._read()
            if local:
                self._write(local)
            return local
        return {str(k): dict(v) for k, v in json.loads(got["documents"][0] or "{}").items()}

    def _write(self, users: dict[str, dict[str, object]]) -> None:
        self.records.upsert(
            ids=["users"], documents=[json.dumps(users, sort_keys=True)], embeddings=[NO_VECTOR]
        )


@functools.cache
def _dummy() -> bytes:
    """Checked against when the name is unknown, so a wrong name costs as long as a wrong password."""
    return bcrypt.hashpw(b"no such user", bcrypt.gensalt())


class Access:
    """Who may use a served app, and who may change its library: the accounts of ``users``,
    and the single ``--auth user:password`` (an admin) when given. Neither: open to all
    (loopback only; ``check_bind`` refuses more)."""

    def __init__(self, users: Users, single: tuple[str, str] | None = None) -> None:
        self.users = users
        self.single = single

    @property
    def required(self) -> bool:
        """Whether a login (or an API key) is needed."""
        return self.single is not None or bool(self.users)

    def login(self, name: str, password: str) -> bool:
        if self.single is not None and _same(name, self.single[0]) and _same(password, self.single[1]):
            return True
        return self.users.check(name, password)

    def api_key(self, key: str) -> bool:
        """An API key is ``name:password`` of a user (or the single password alone)."""
        if not self.required:
            return True
        if self.single is not None and _same(key, self.single[1]):
            return True
        name, colon, password = key.partition(":")
        return bool(colon) and self.login(name, password)

    def may_change_library(self, name: str) -> bool:
        """Adding and removing articles: anyone without accounts, else the admins."""
        if not self.users:
            return True
        if self.single is not None and _same(name, self.single[0]):
            return True
        return self.users.is_admin(name)


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
