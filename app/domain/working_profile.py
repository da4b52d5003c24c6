"""Who is working: the one rule that names the person every action of this process is recorded
under (an interaction, a status move, a field edit, an import, a packet).

    PostgreSQL, a team (some person has a login): the person whose login is `current_user`;
                nobody (None) when the signed-in role is not a member of the team.
    SQLite, or a server database without logins: the profile chosen for this session when it is
                active, else the database's current profile (app_meta 'profile.current', set by
                `medtour profile set` and the My profile dialog), else the default row (the
                placeholder "Coordinator" a new database starts with).

Kept apart from app.domain.profiles (which edits profiles and imports app.domain.leads) so that
app.domain.leads can ask it for the fallback actor without an import cycle.
"""
from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import AppMeta, Coordinator

__all__ = ["CURRENT_PROFILE_KEY", "is_team_database", "signed_in_login", "working_profile_id", "working_profile_in"]

#: The app_meta key holding the id of the database's current profile (solo).
CURRENT_PROFILE_KEY = "profile.current"


def is_team_database(session: Session) -> bool:
    """A server database whose people sign in with their own logins."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    return session.scalar(select(Coordinator.id).where(Coordinator.login.is_not(None)).limit(1)) is not None


def signed_in_login(session: Session) -> str | None:
    """The PostgreSQL role this session is signed in as (None on SQLite)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return session.scalar(text("SELECT current_user"))


def _active(session: Session, coordinator_id: int | None) -> int | None:
    if coordinator_id is None:
        return None
    return session.scalar(select(Coordinator.id).where(Coordinator.id == coordinator_id, Coordinator.active.is_(True)))


def stored_current_id(session: Session) -> int | None:
    """The id app_meta 'profile.current' names (whether or not that row is still active)."""
    value = session.scalar(select(AppMeta.value).where(AppMeta.key == CURRENT_PROFILE_KEY))
    return int(value) if value and value.isdigit() else None


def working_profile_in(session: Session, chosen: int | None = None) -> int | None:
    """The actor for this process, inside a unit of work (see the module notes)."""
    if is_team_database(session):
        return session.scalar(select(Coordinator.id).where(Coordinator.login == signed_in_login(session),
                                                           Coordinator.active.is_(True)))
    for candidate in (chosen, stored_current_id(session)):
        if (found := _active(session, candidate)) is not None:
            return found
    return session.scalar(select(Coordinator.id).where(Coordinator.is_default.is_(True)).order_by(Coordinator.id).limit(1))


def working_profile_id(db: Database, chosen: int | None = None) -> int | None:
    """The actor for this process: `chosen` (the session's "Who is working?" choice) where it
    applies, else the database's current profile (see the module notes)."""
    with db.read() as session:
        return working_profile_in(session, chosen)
