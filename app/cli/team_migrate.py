"""`medtour team migrate-from FILE.db`: its commands join the `team` group through `register_team`.

(A placeholder until the command exists: it adds nothing.)
"""
from __future__ import annotations


def register_team(team_sub) -> None:
    """Add this module's commands to `medtour team …` (`team_sub`: the group's subparsers)."""
