"""The ``assistant users`` command: accounts for the browser and the API (``assistant.users``).

assistant users add NAME [--admin] [--password-stdin]   add one, or set a new password
assistant users remove NAME
assistant users list
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from index.errors import ConfigError

from ..api import Assistant

__all__ = ["COMMANDS", "add_parsers"]


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("users", help="accounts for `assistant serve`: add, remove, list")
    actions = p.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a user, or set a new password for one")
    add.add_argument("name")
    add.add_argument("--admin", action="store_true", help="may add and remove articles")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    remove = actions.add_parser("remove", help="remove a user (their saved conversations stay)")
    remove.add_argument("name")
    actions.add_parser("list", help="the users, and which are admins")


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(f"Password for {args.name}: ")
    if getpass.getpass("Again: ") != first:
        raise ConfigError("The two passwords differ; nothing was changed.")
    return first


def _users(bot: Assistant, args: argparse.Namespace, console: Any) -> int:
    users = bot.users
    if args.action == "add":
        users.add(args.name, _password(args), admin=args.admin)
        role = "an admin" if args.admin else "a user"
        console.print(f"{args.name} is {role} of {users.where}.", highlight=False)
    elif args.action == "remove":
        users.remove(args.name)
        console.print(f"Removed {args.name}.", highlight=False)
    else:
        for name in users.names():
            console.print(f"{name}{'  (admin)' if users.is_admin(name) else ''}", highlight=False)
    return 0


COMMANDS = {"users": _users}
