"""A team database on PostgreSQL: making it (`team_init`), its people (logins with roles) and who
may upgrade it.

What each role may do is enforced by the server (db/team_policies.py); this module makes the
logins and their coordinators rows in one transaction, and words what goes wrong. Passwords are
turned into SCRAM verifiers on this machine and never logged.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.domain.clock import Clock, utc_now
from app.domain.errors import NotFoundError, UserError, ValidationError
from app.domain.profiles import ProfileInput, clean_profile
from app.domain.speed_to_lead import OPEN_STATUSES
from app.domain.team_roles import Permission, Role, may
from app.domain.team_settings import TeamSettings, read_team_settings, write_team_setting
from db import team_policies
from db.engine import Database
from db.models import Coordinator, FieldEdit, Lead

__all__ = [
    "DeactivateResult", "TeamInitResult", "TeamNeedsPostgresError", "TeamUpgradeNeededError", "UserRecord",
    "add_user", "change_team_setting", "check_login", "deactivate_user", "list_users", "refuse_upgrade_by_member",
    "require_postgres", "set_role", "signed_in", "team_init", "team_settings",
]

TEAM_NEEDS_POSTGRES = ("a team needs PostgreSQL: give a server database URL (postgresql://USER@HOST/DB); "
                       "this is an SQLite file, which one person uses on one machine")


class TeamNeedsPostgresError(UserError):
    """A team command met an SQLite database."""


class TeamUpgradeNeededError(UserError):
    """A team member opened a team database whose schema is behind the app's (only its owner may upgrade it)."""


@dataclass(frozen=True)
class TeamInitResult:
    location: str
    owner: str
    groups: dict[str, str]  # app role → PostgreSQL group role
    migrated: bool


@dataclass(frozen=True)
class UserRecord:
    login: str
    name: str
    role: str
    active: bool
    can_sign_in: bool
    email: str | None
    phone: str | None
    whatsapp: str | None
    languages: tuple[str, ...]


@dataclass(frozen=True)
class DeactivateResult:
    login: str
    moved_to: str | None  # the login that took the open leads, None for the pool
    references: tuple[str, ...]  # the open leads that moved


def require_postgres(db: Database) -> None:
    if db.is_sqlite:
        raise TeamNeedsPostgresError(TEAM_NEEDS_POSTGRES)


_LOGIN = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def check_login(login: str) -> str:
    """A login name as PostgreSQL takes it unquoted: lowercase letters, digits and _, at most 63."""
    value = (login or "").strip()
    if not _LOGIN.match(value):
        raise ValidationError(f"'{value}' is not a login name: use lowercase letters, digits and _ "
                              "(starting with a letter or _), at most 63 characters")
    if value.startswith("pg_") or value in ("public", "none", "current_user", "session_user", "current_role"):
        raise ValidationError(f"'{value}' is reserved by PostgreSQL; choose another login name")
    return value


def _role(role: str) -> Role:
    try:
        return Role((role or "").strip().lower())
    except ValueError:
        raise ValidationError(f"no role '{role}': use one of {', '.join(r.value for r in Role)}") from None


# ---------------------------------------------------------------- the database


def team_init(owner_url: str, *, clock: Clock = utc_now) -> TeamInitResult:
    """Create or upgrade the schema of the database at `owner_url` (connected as the owner of its
    tables, or the role that is to own them) and apply the team's roles, GRANTs, policies and
    triggers. Running it again changes nothing; after an app upgrade it upgrades."""
    from app.domain.catalogue import current_catalogue
    from app.domain.leads import ensure_default_coordinator
    from db.migrate import upgrade

    db = Database(owner_url)
    try:
        require_postgres(db)
        migrated = upgrade(db)
        ensure_default_coordinator(db, clock())
        current_catalogue(db, clock=clock)  # the seed catalogue, stored by the owner, for everyone
        with db.engine.begin() as conn:
            groups = team_policies.apply_team_policies(conn)
            owner = team_policies.table_owner(conn) or ""
        return TeamInitResult(db.location, owner, groups, migrated)
    finally:
        db.dispose()


def refuse_upgrade_by_member(db: Database) -> None:
    """On a server database whose schema is behind the app's, refuse (before trying) when the
    connected user does not own the tables: a team member cannot upgrade it, its owner must."""
    from db.migrate import current_revision, head_revision

    if db.is_sqlite:
        return
    current = current_revision(db)
    if current is None or current == head_revision():
        return
    with db.engine.connect() as conn:
        if team_policies.owns_tables(conn):
            return
    url = db.url
    raise TeamUpgradeNeededError(
        f"the team database needs an upgrade (schema {current}, this app needs {head_revision()}): ask your admin to run "
        f"`medtour team init postgresql://OWNER@{url.host or 'HOST'}{f':{url.port}' if url.port else ''}/{url.database}`"
    )


def _require_team(session: Session) -> None:
    if not team_policies.team_groups(session.connection()):
        raise UserError("this database is not a team database yet: run `medtour team init postgresql://OWNER@HOST/DB` first")


def _me(session: Session) -> Coordinator | None:
    """The coordinators row of the signed-in login (None for the owner, or on a solo database)."""
    return session.scalars(select(Coordinator).where(Coordinator.login == text("current_user"))).first()


def _person(session: Session, login: str) -> Coordinator:
    person = session.scalars(select(Coordinator).where(Coordinator.login == login)).first()
    if person is None:
        raise NotFoundError(f"no one signs in as '{login}' in this team (see `medtour user list`)")
    return person


# ---------------------------------------------------------------- people


def add_user(
    db: Database,
    login: str,
    *,
    name: str,
    role: str,
    password: str,
    email: str | None = None,
    phone: str | None = None,
    whatsapp: str | None = None,
    languages: Iterable[str] = (),
    clock: Clock = utc_now,
) -> UserRecord:
    """A new person: their PostgreSQL login (in their role's group) and their coordinators row."""
    require_postgres(db)
    login = check_login(login)
    chosen = _role(role)
    if not (name or "").strip():
        raise ValidationError("a person needs a name (--name)")
    if not password:
        raise ValidationError("a person needs a password to sign in with")
    person = clean_profile(ProfileInput(name=name, email=email, phone=phone, whatsapp=whatsapp,
                                        languages=tuple(languages)))
    with db.write() as session:
        _require_team(session)
        conn = session.connection()
        if session.scalars(select(Coordinator.id).where(Coordinator.login == login)).first() is not None:
            raise ValidationError(f"'{login}' is already a member of this team")
        if team_policies.role_exists(conn, login):
            raise ValidationError(f"a role named '{login}' already exists on this server; choose another login name")
        team_policies.create_login(conn, login, password, chosen.value)
        session.add(Coordinator(
            name=person.name, email=person.email, phone=person.phone, whatsapp=person.whatsapp,
            signature=None, is_default=False, active=True, created_at=clock(), login=login,
            role=chosen.value, languages=list(person.languages), countries=[], placeholder=False,
        ))
        session.flush()
    return next(u for u in list_users(db) if u.login == login)


def list_users(db: Database) -> list[UserRecord]:
    require_postgres(db)
    with db.read() as session:
        states = team_policies.login_states(session.connection())
        people = session.scalars(select(Coordinator).where(Coordinator.login.is_not(None)).order_by(Coordinator.name))
        return [UserRecord(c.login or "", c.name, c.role, bool(c.active), bool(states.get(c.login or "")),
                           c.email, c.phone, c.whatsapp, tuple(c.languages or ())) for c in people]


def deactivate_user(db: Database, login: str, *, to: str | None = None, clock: Clock = utc_now) -> DeactivateResult:
    """`login` may no longer sign in; their open leads go to the pool, or to `to`. Each move is a
    field edit of coordinator_id on the lead's timeline."""
    require_postgres(db)
    now = clock()
    with db.write() as session:
        _require_team(session)
        person = _person(session, login)
        heir: Coordinator | None = None
        if to is not None:
            heir = _person(session, to)
            if heir.id == person.id:
                raise ValidationError(f"'{login}' cannot hand their leads to themselves")
            if not heir.active:
                raise ValidationError(f"'{to}' is not active in this team; give the leads to someone who is")
        team_policies.disable_login(session.connection(), login)
        person.active = False
        me = _me(session)
        leads = session.scalars(select(Lead).where(Lead.coordinator_id == person.id, Lead.erased_at.is_(None),
                                                   Lead.status.in_(OPEN_STATUSES)).order_by(Lead.id)).all()
        reason = f"{person.name} left the team" if heir is None else f"reassigned from {person.name}, who left the team"
        for lead in leads:
            lead.coordinator_id = heir.id if heir else None
            lead.assigned_at = now if heir else None
            lead.assignment_reason = reason if heir else None
            lead.updated_at = now
            session.add(FieldEdit(lead_id=lead.id, field="coordinator_id", old_value=person.name,
                                  new_value=heir.name if heir else None, coordinator_id=me.id if me else None,
                                  edited_at=now))
        session.flush()
        return DeactivateResult(login, heir.login if heir else None, tuple(lead.reference for lead in leads))


def set_role(db: Database, login: str, role: str) -> UserRecord:
    """Give `login` another role: their group on the server and their row change together."""
    require_postgres(db)
    chosen = _role(role)
    with db.write() as session:
        _require_team(session)
        person = _person(session, login)
        if person.active:
            team_policies.set_login_group(session.connection(), login, chosen.value)
        person.role = chosen.value
        session.flush()
    return next(u for u in list_users(db) if u.login == login)


# ---------------------------------------------------------------- settings


def _may_change_settings(session: Session) -> None:
    me = _me(session)
    if me is not None and not may(me.role, Permission.TEAM_SETTINGS):
        raise UserError(f"your role ({me.role}) may not change team settings; ask an admin")


def change_team_setting(db: Database, name: str, value: str) -> TeamSettings:
    """`medtour team set NAME VALUE`: refused here for a role that may not (the server refuses too)."""
    require_postgres(db)
    with db.write() as session:
        _may_change_settings(session)
        return write_team_setting(session, name, value)


def team_settings(db: Database) -> TeamSettings:
    require_postgres(db)
    with db.read() as session:
        return read_team_settings(session)


def signed_in(db: Database) -> tuple[str, str | None]:
    """(the connected login, their role in the team or None for the owner)."""
    with db.read() as session:
        who = session.execute(text("SELECT current_user")).scalar_one()
        me = _me(session)
        return who, me.role if me else None

