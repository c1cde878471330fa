"""Accounts: bcrypt hashes on disk (never the password), checks, roles, and what Access allows."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.users import Access, Users
from index.errors import ConfigError

ALICE, BOB = "alice-long-password", "bobs-long-password"


def test_passwords_are_hashed_checked_and_never_stored(tmp_path: Path) -> None:
    users = Users(tmp_path / "users.json")
    assert not users and users.names() == []
    users.add("alice", ALICE, admin=True)
    users.add("bob", BOB)
    raw = (tmp_path / "users.json").read_text()
    assert ALICE not in raw and BOB not in raw and raw.count("$2b$") == 2
    assert stat.S_IMODE((tmp_path / "users.json").stat().st_mode) == 0o600
    assert users.check("alice", ALICE) and users.check("bob", BOB)
    assert not users.check("alice", BOB) and not users.check("carol", ALICE)
    assert users.is_admin("alice") and not users.is_admin("bob") and not users.is_admin("carol")
    users.add("bob", "a-new-long-password")  # a new password replaces the old one
    assert not users.check("bob", BOB) and users.check("bob", "a-new-long-password")
    users.remove("bob")
    assert users.names() == ["alice"]
    with pytest.raises(ConfigError, match="No user 'bob'"):
        users.remove("bob")


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("alice", "short", "at least 12 characters"),
        ("a b", ALICE, "not a user name"),
        ("x", "é" * 40, "72 bytes"),
    ],
)
def test_bad_names_and_passwords_are_refused(tmp_path: Path, name: str, password: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Users(tmp_path / "users.json").add(name, password)


def test_access_with_accounts_and_with_the_single_password(tmp_path: Path) -> None:
    users = Users(tmp_path / "users.json")
    assert not Access(users).required and Access(users).may_change_library("")
    single = Access(users, ("ana", "ana-long-password"))
    assert single.required and single.login("ana", "ana-long-password") and not single.login("ana", "x")
    assert single.api_key("ana-long-password") and single.api_key("ana:ana-long-password")
    users.add("alice", ALICE, admin=True)
    users.add("bob", BOB)
    access = Access(users)
    assert access.required and access.login("bob", BOB) and not access.login("bob", ALICE)
    assert access.api_key(f"bob:{BOB}") and not access.api_key(BOB) and not access.api_key("bob:nope")
    assert access.may_change_library("alice") and not access.may_change_library("bob")


def test_users_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_EMBED__BACKEND", "hash")
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(ALICE + "\n"))
    with pytest.raises(SystemExit) as done:
        main(["--data-dir", str(tmp_path), "users", "add", "alice", "--admin", "--password-stdin"])
    assert done.value.code == 0 and "alice is an admin" in capsys.readouterr().out
    assert Users(tmp_path / "users.json").check("alice", ALICE)
    with pytest.raises(SystemExit):
        main(["--data-dir", str(tmp_path), "users", "list"])
    assert capsys.readouterr().out.strip() == "alice  (admin)"
    assert "hash" in json.loads((tmp_path / "users.json").read_text())["users"]["alice"]


def test_app_servers_sharing_a_chroma_server_share_the_accounts(tmp_path: Path) -> None:
    from assistant.users import SharedUsers
    from index.store import open_chroma_client

    client = open_chroma_client(tmp_path / "chroma", None, 8000)
    older = Users(tmp_path / "a" / "users.json")  # accounts from before the store was shared
    older.add("alice", ALICE, admin=True)
    first = SharedUsers(tmp_path / "a" / "users.json", client, "articles", "the test server")
    other = SharedUsers(tmp_path / "b" / "users.json", client, "articles", "the test server")
    assert first.names() == ["alice"]  # published from the data dir's file on first use
    assert other.check("alice", ALICE) and other.is_admin("alice")
    other.add("bob", BOB)
    assert first.check("bob", BOB) and not first.is_admin("bob")
    assert not (tmp_path / "b" / "users.json").exists()  # nothing kept in the data dir
    raw = str(client.get_collection("articles-accounts").get(include=["documents"])["documents"])
    assert BOB not in raw and "$2b$" in raw
    first.remove("alice")
    assert other.names() == ["bob"] and other.where == "the test server"
