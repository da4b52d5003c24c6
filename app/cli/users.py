"""`medtour user add | list | deactivate | set-role`: the people of a team database (app.domain.team).

Run with `--db URL` as the owner of the team database or as an admin. A password is read from
standard input (`--password-stdin`, its first line) or asked for on a terminal; it is never an
argument, so it stays out of shell history and process lists.
"""
from __future__ import annotations

import argparse
import getpass
import sys

from app.cli.output import print_json
from app.cli.team import open_team
from app.domain.errors import ValidationError


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        password = password[:-1] if password.endswith("\r") else password
    elif sys.stdin.isatty():
        password = getpass.getpass(f"password for {args.login}: ")
        if getpass.getpass("again: ") != password:
            raise ValidationError("the two passwords differ; nothing was changed")
    else:
        raise ValidationError("give the password on standard input with --password-stdin")
    if not password:
        raise ValidationError("the password is empty; nothing was changed")
    return password


def cmd_add(args: argparse.Namespace) -> int:
    from app.domain.team import add_user

    db = open_team(args)
    password = _password(args)
    languages = [c for c in (args.languages or "").split(",") if c.strip()]
    user = add_user(db, args.login, name=args.name, role=args.role, password=password, email=args.email,
                    phone=args.phone, whatsapp=args.whatsapp, languages=languages)
    print(f"added {user.login} ({user.name}, {user.role}); they sign in with their own password")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from app.domain.team import list_users

    users = list_users(open_team(args))
    if args.json:
        print_json(users)
        return 0
    if not users:
        print("nobody yet: medtour --db URL user add LOGIN --name \"…\" --role coordinator --password-stdin")
    for u in users:
        state = "active" if u.active and u.can_sign_in else "deactivated"
        languages = ",".join(u.languages) or "—"
        print(f"{u.login:<20} {u.role:<12} {state:<12} {languages:<10} {u.name}")
    return 0


def cmd_deactivate(args: argparse.Namespace) -> int:
    from app.domain.team import deactivate_user

    result = deactivate_user(open_team(args), args.login, to=args.to)
    where = f"to {result.moved_to}" if result.moved_to else "to the unassigned pool"
    print(f"{result.login} can no longer sign in; {len(result.references)} open lead(s) moved {where}")
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    from app.domain.team import set_role

    user = set_role(open_team(args), args.login, args.role)
    print(f"{user.login} is now {user.role}")
    return 0


ROLES = ["coordinator", "manager", "admin", "viewer"]


def register(sub, _lead_sub) -> None:
    user_parser = sub.add_parser("user", help="the people of a team database: add, list, deactivate")
    user_parser.set_defaults(group_parser=user_parser)
    user_sub = user_parser.add_subparsers(dest="user_command", metavar="ACTION")  # its parsers are the group's kind: they take --db too
    p = user_sub.add_parser("add", help="a new person with their own PostgreSQL login")
    p.add_argument("login")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--email")
    p.add_argument("--phone")
    p.add_argument("--whatsapp")
    p.add_argument("--languages", help="ISO 639-1 codes, e.g. ru,ar")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.set_defaults(handler=cmd_add)
    p = user_sub.add_parser("list", help="everyone in the team")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = user_sub.add_parser("deactivate", help="stop a login; their open leads go to the pool or --to LOGIN")
    p.add_argument("login")
    p.add_argument("--to", metavar="LOGIN")
    p.set_defaults(handler=cmd_deactivate)
    p = user_sub.add_parser("set-role", help="give a person another role")
    p.add_argument("login")
    p.add_argument("role", choices=ROLES)
    p.set_defaults(handler=cmd_set_role)
