"""`medtour team init | set | show`: a team database on PostgreSQL (app.domain.team).

`medtour team init postgresql://OWNER@HOST/DB` connects as the owner of the tables; the others take
`--db URL` as every command does, signed in as whoever runs them: the server decides what they may
do. On SQLite each says plainly that a team needs PostgreSQL (exit 1).
"""
from __future__ import annotations

import argparse

from app.cli import team_migrate
from app.cli.database import open_existing, target
from app.cli.output import print_json


def refuse_sqlite(url_or_path: str | None) -> None:
    """Raise TeamNeedsPostgresError before anything is opened when the database is an SQLite file."""
    from app.domain.team import TEAM_NEEDS_POSTGRES, TeamNeedsPostgresError
    from app.storage import database_url

    if database_url(url_or_path).get_backend_name() == "sqlite":
        raise TeamNeedsPostgresError(TEAM_NEEDS_POSTGRES)


def open_team(args: argparse.Namespace):
    refuse_sqlite(target(args))
    return open_existing(args)


def cmd_init(args: argparse.Namespace) -> int:
    from app.domain.team import team_init

    refuse_sqlite(args.url)
    result = team_init(args.url)
    print(f"team database ready at {result.location} (tables owned by {result.owner}"
          f"{', schema upgraded' if result.migrated else ''})")
    print("roles: " + ", ".join(f"{role} = {group}" for role, group in result.groups.items()))
    print("next: medtour --db URL user add LOGIN --name \"…\" --role coordinator --password-stdin")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    from app.domain.team import change_team_setting

    settings = change_team_setting(open_team(args), args.name, args.value)
    shown = settings.as_json()
    key = args.name.replace("-", "_")
    print(f"{args.name} = {shown.get(key, shown.get(key + '_minutes'))}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from app.domain.team import list_users, signed_in, team_settings

    db = open_team(args)
    settings = team_settings(db).as_json()
    login, role = signed_in(db)
    people = [u for u in list_users(db) if u.active]
    if args.json:
        print_json({"settings": settings, "signed_in": {"login": login, "role": role or "owner"},
                    "active_people": len(people)})
        return 0
    print(f"visibility      {settings['visibility']}")
    print(f"first response  {settings['first_response']}")
    print(f"new-lead cap    {settings['new_lead_cap'] if settings['new_lead_cap'] is not None else 'none'}")
    print(f"reassign untouched inquiries  {'on' if settings['reassign_untouched'] else 'off'}")
    print(f"signed in as {login} ({role or 'owner'}); {len(people)} active people")
    return 0


def cmd_reassign_untouched(args: argparse.Namespace) -> int:
    from app.domain.assignment import reassign_untouched
    from app.domain.clock import utc_now
    from app.domain.team import team_settings

    db = open_team(args)
    settings = team_settings(db)
    if not settings.reassign_untouched:
        print("reassign-untouched is off for this team (turn it on: medtour team set reassign-untouched on); nothing moved")
        return 0
    moved = reassign_untouched(db, utc_now())
    count = len(moved.lead_ids)
    print(f"moved {count} inquir{'y' if count == 1 else 'ies'} untouched past the first-response target "
          "to the next coordinator")
    return 0


def register(sub, _lead_sub) -> None:
    team_parser = sub.add_parser("team", help="a team database on PostgreSQL: init, settings")
    team_parser.set_defaults(group_parser=team_parser)
    team_sub = team_parser.add_subparsers(dest="team_command", metavar="ACTION")  # its parsers are the group's kind: they take --db too
    p = team_sub.add_parser("init", help="create or upgrade the schema, roles and policies (as the owner); idempotent")
    p.add_argument("url", metavar="postgresql://OWNER@HOST/DB")
    p.set_defaults(handler=cmd_init)
    p = team_sub.add_parser("set", help="change a team setting (admins): visibility own|team, first-response 2h, …")
    p.add_argument("name", choices=["visibility", "first-response", "new-lead-cap", "reassign-untouched"])
    p.add_argument("value")
    p.set_defaults(handler=cmd_set)
    p = team_sub.add_parser("reassign-untouched", help="move inquiries untouched past the first-response target "
                            "to the next coordinator now (managers; the managers' desks do it every minute)")
    p.set_defaults(handler=cmd_reassign_untouched)
    p = team_sub.add_parser("show", help="the team's settings and who is signed in")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)
    team_migrate.register_team(team_sub)
