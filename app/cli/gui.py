"""`medtour gui`: the desktop window on the same database."""
from __future__ import annotations

import argparse

from app.cli.database import target


def cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.startup import run_desk

    return run_desk(target(args))


def register(sub, _lead_sub) -> None:
    p = sub.add_parser("gui", help="open the desktop app")
    p.set_defaults(handler=cmd_gui)
