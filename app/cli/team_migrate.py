"""`medtour --db URL team migrate-from FILE.db [--merge] [--map "Solo Name=login" …] [--json]`: a solo
database file copied into the team database, verified table by table (app.domain.team_migration).

The `team` group's module adds this command to its subcommands with `register_team(team_sub)`.
"""
from __future__ import annotations

import argparse

from app.cli.database import open_existing, target
from app.cli.output import Progress, print_json
from app.domain.errors import ValidationError


def people_map(pairs: list[str]) -> dict[str, str]:
    """--map "Solo Name=login" (or "ID=login"), repeated."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        name, sep, login = pair.rpartition("=")
        if not sep or not name.strip() or not login.strip():
            raise ValidationError(f"--map takes \"Solo Name=login\", not '{pair}'")
        mapping[name.strip()] = login.strip()
    return mapping


def cmd_migrate_from(args: argparse.Namespace) -> int:
    from app.domain.team_migration import TeamNeedsPostgresError, migrate_from
    from app.storage import database_url

    if database_url(target(args)).get_backend_name() == "sqlite":
        raise TeamNeedsPostgresError("a team needs PostgreSQL: give the team database as --db postgresql://USER@HOST/DB; "
                                     f"{args.file} is the solo file it copies from. Nothing was copied.")
    mapping = people_map(args.map)
    db = open_existing(args)
    progress = Progress()
    try:
        report = migrate_from(args.file, db, merge=args.merge, people_map=mapping, progress=progress)
    finally:
        progress.end()
    if args.json:
        print_json(report.to_json())
        return 0
    for name, table in report.tables.items():
        checksum = f"  sha256 {table.checksum[:16]}…" if table.checksum else ""
        print(f"{name:<16} {table.rows:>9,} rows{checksum}")
    if report.merge:
        print(f"merged {len(report.merged):,} solo leads into team leads (same phone or email), added {report.added:,}")
        for solo, new in report.renumbered.items():
            print(f"  {solo} is now {new} (its reference was taken)")
    else:
        print(f"copied {report.source} into {report.target}; every table verified (rows and checksum)")
    unmapped = [name for name, login in report.people.items() if login is None]
    if unmapped:
        print(f"people without a login yet: {', '.join(unmapped)} (map them with --map \"Name=login\")")
    return 0


def register_team(team_sub) -> None:
    p = team_sub.add_parser("migrate-from", help="copy a solo database file into this team database, verified table by table")
    p.add_argument("file", metavar="FILE.db", help="the solo database file (it is only read)")
    p.add_argument("--merge", action="store_true",
                   help="the team database already has leads: merge duplicates (same phone or email), add the rest")
    p.add_argument("--map", action="append", default=[], metavar="\"SOLO NAME=LOGIN\"",
                   help="the solo person (name or id) who is this team login; repeat for each")
    p.add_argument("--json", action="store_true", help="print the report as JSON (tables, rows, checksums, merged)")
    p.set_defaults(handler=cmd_migrate_from)
