"""The `medtour` parser: the groups of commands, listed here, each adding its own.

A group is a module with ``register(subparsers, lead_subparsers)`` that adds its commands (to
`subparsers`, or under `medtour lead …` to `lead_subparsers`) and sets each one's ``handler``
(a function of the parsed arguments returning the exit code). A new group (team, case) is a new
module and one line in GROUPS.

`--db` is accepted before or after the command: every parser below the top one takes it too,
with a suppressed default, so the one given after the command wins and one given before is kept.
"""
from __future__ import annotations

import argparse

from app.cli import (
    assign,
    catalogue,
    database,
    encryption,
    family,
    files,
    gui,
    leads,
    packets,
    profile,
    records,
    retention,
    review,
    safety,
    team,
    users,
)

GROUPS = (database, encryption, leads, assign, files, packets, catalogue, records, review, safety, retention, profile,
          team, users, family, gui)

DB_HELP = "database file or SQLAlchemy URL (default: MEDTOUR_DB or the user data folder)"


class CommandParser(argparse.ArgumentParser):
    """A command's parser: it takes `--db` as well, without a default of its own."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.add_argument("--db", default=argparse.SUPPRESS, help=DB_HELP)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medtour", description="MedTour Desk — leads, calls, pipeline and patient packets.")
    parser.add_argument("--db", help=DB_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    lead_parser = sub.add_parser("lead", help="one lead")
    lead_parser.set_defaults(group_parser=lead_parser)
    lead = lead_parser.add_subparsers(dest="lead_command", metavar="ACTION", parser_class=CommandParser)
    for group in GROUPS:
        group.register(sub, lead)
    return parser
