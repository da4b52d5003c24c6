"""Who is working at this desk, for what the desk opens on: a coordinator's "My leads" and "My
Today", a manager's choice of everyone's day or one person's, and whose dashboard row to show.

The one place the desk asks. On a team database (PostgreSQL) the person is the coordinators row
whose login is the server's ``current_user`` (the server decides who signed in, not the desk);
otherwise it is the profile this desktop works as (`actor_id`, the ``coordinator/me`` setting),
else the database's default coordinator.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.domain.team_roles import Permission, Role, may
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
        row = None
        if not db.is_sqlite:
            row = session.execute(_COLUMNS.where(Coordinator.login == func.current_user())).first()
        if row is None and actor_id:
            row = session.execute(_COLUMNS.where(Coordinator.id == actor_id)).first()
        if row is None:
            row = session.execute(_COLUMNS.where(Coordinator.is_default.is_(True)).order_by(Coordinator.id).limit(1)).first()
    if row is None:
        return None
    try:
        role = Role(row[2])
    except ValueError:
        role = Role.VIEWER  # an unknown role may do nothing
    return DeskPerson(row[0], row[1], role)


_COLUMNS = select(Coordinator.id, Coordinator.name, Coordinator.role)
