"""Who is working at this desk, for what the desk opens on: a coordinator's "My leads" and "My
Today", a manager's choice of everyone's day or one person's, and whose dashboard row to show.

Who that is comes from the one rule, app.domain.working_profile: on a team database the person
whose login is the server's ``current_user`` (the server decides who signed in, not the desk),
otherwise the profile chosen for this session (`actor_id`), else the database's current profile.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.domain.team_roles import Permission, Role, may
from app.domain.working_profile import working_profile_in
from db.engine import Database
from db.models import Coordinator

__all__ = ["DeskPerson", "desk_person"]


@dataclass(frozen=True)
class DeskPerson:
    id: int
    name: str
    role: Role

    @property
    def works_own_leads(self) -> bool:
        """A coordinator: the desk opens on their leads and their day (and the unassigned pool)."""
        return self.role is Role.COORDINATOR

    @property
    def sees_everyone(self) -> bool:
        return may(self.role, Permission.EVERYONES_DASHBOARD)


def desk_person(db: Database, actor_id: int | None = None) -> DeskPerson | None:
    """The person at this desk (None on a database with nobody in it yet)."""
    with db.read() as session:
        person = working_profile_in(session, actor_id)
        row = session.execute(_COLUMNS.where(Coordinator.id == person)).first() if person is not None else None
    if row is None:
        return None
    try:
        role = Role(row[2])
    except ValueError:
        role = Role.VIEWER  # an unknown role may do nothing
    return DeskPerson(row[0], row[1], role)


_COLUMNS = select(Coordinator.id, Coordinator.name, Coordinator.role)
