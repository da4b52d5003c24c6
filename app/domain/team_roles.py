"""The four roles of a team and what each may do — the client's reading of the rules.

On PostgreSQL the server enforces them (GRANTs, row-level security and triggers made by
`medtour team init`); the desk and the CLI read the same table to hide or refuse what a role may
not do before the server would refuse it, so a coordinator sees a clear sentence, not an error.
"""
from __future__ import annotations

from enum import StrEnum

__all__ = ["ROLE_PERMISSIONS", "Permission", "Role", "may"]


class Role(StrEnum):
    ADMIN = "admin"  # people, team settings, content
    MANAGER = "manager"  # every lead: assign, import, export, erase, everyone's dashboard
    COORDINATOR = "coordinator"  # works their leads and the unassigned pool
    VIEWER = "viewer"  # reads


class Permission(StrEnum):
    WORK_LEADS = "work leads"  # create, edit, log calls, move status
    SEE_ALL_LEADS = "see every lead"  # regardless of the team's visibility setting
    ASSIGN = "assign leads"
    IMPORT = "import leads"
    EXPORT = "export leads"
    ERASE = "erase a person"
    BACK_UP = "back up the database"
    EDIT_CONTENT = "change packet content"
    MANAGE_PEOPLE = "add and deactivate people"
    TEAM_SETTINGS = "change team settings"
    EVERYONES_DASHBOARD = "see everyone's dashboard"


_MANAGER = frozenset({
    Permission.WORK_LEADS, Permission.SEE_ALL_LEADS, Permission.ASSIGN, Permission.IMPORT, Permission.EXPORT,
    Permission.ERASE, Permission.BACK_UP, Permission.EVERYONES_DASHBOARD,
})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: _MANAGER | {Permission.EDIT_CONTENT, Permission.MANAGE_PEOPLE, Permission.TEAM_SETTINGS},
    Role.MANAGER: _MANAGER,
    Role.COORDINATOR: frozenset({Permission.WORK_LEADS}),
    Role.VIEWER: frozenset({Permission.SEE_ALL_LEADS}),
}


def may(role: Role | str, permission: Permission) -> bool:
    """Whether a role may do this (an unknown role may do nothing)."""
    try:
        return permission in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False
