"""Profiles: the people who work a solo database (name, contact, languages, signature), which one
is the database's current profile, and who signs a patient packet.

A new database starts with one placeholder "Coordinator" (app.domain.leads.ensure_default_coordinator).
The first profile set fills that row in, so everything it already owns (leads created or imported
before, their interactions and history) becomes the real person's, and leads without an owner
become theirs too when nobody real existed yet; later profiles with another name are new rows (a
shared office laptop), one with the same name (any case) is updated. Who is
working for an action is app.domain.working_profile's rule; this module re-exports it.

On PostgreSQL each person is a team member signed in with their own login: `set_profile` edits
the signed-in person's own row and refuses anyone who is not a member.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.domain.clock import Clock, utc_now
from app.domain.countries import all_languages, resolve_language
from app.domain.errors import NotFoundError, UserError, ValidationError
from app.domain.leads import check_email, quote_one_line
from app.domain.phone import parse_for_storage
from app.domain.working_profile import (
    CURRENT_PROFILE_KEY,
    is_team_database,
    signed_in_login,
    stored_current_id,
    working_profile_id,
    working_profile_in,
)
from db.engine import Database
from db.models import AppMeta, Coordinator, Lead

__all__ = [
    "NO_SIGNER_MESSAGE",
    "NoSignerError",
    "NotTeamMemberError",
    "ProfileInput",
    "ProfileRecord",
    "clean_profile",
    "is_placeholder_name",
    "list_profiles",
    "needs_profile",
    "packet_signer",
    "parse_languages",
    "profile",
    "profile_problems",
    "select_profile",
    "set_profile",
    "working_profile",
    "working_profile_id",
]

MAX_NAME = 200
MAX_SIGNATURE = 500

NO_SIGNER_MESSAGE = ("Who signs this packet? Set your profile first: Settings → My profile, "
                     "or `medtour profile set --name …`")

#: Words that name a role, not a person: a "name" made only of these (and the agency's own words)
#: is a placeholder ("Coordinator", "MedTour Desk coordinator", "Your patient coordinator").
_ROLE_WORDS = frozenset({
    "coordinator", "coordinators", "patient", "patients", "personal", "your", "the", "our", "team", "desk",
    "medtour", "agency", "care", "support", "office", "manager", "admin", "staff", "user", "default", "nobody",
    "unknown", "координатор", "منسق", "المنسق", "协调员", "顾问",
})


def is_placeholder_name(name: str | None, *, also: str = "") -> bool:
    """True for a name that names no person: empty, or only role words ("Coordinator",
    "MedTour Desk coordinator") and the words of `also` (e.g. the agency's name)."""
    extra = {word for word in re.findall(r"\w+", also.casefold())}
    words = re.findall(r"\w+", (name or "").casefold())
    return not [word for word in words if word not in _ROLE_WORDS and word not in extra and not word.isdigit()]


class NoSignerError(ValidationError):
    """A packet with nobody real to sign it (only the placeholder "Coordinator")."""

    def __init__(self) -> None:
        super().__init__(NO_SIGNER_MESSAGE)


class NotTeamMemberError(UserError):
    """Signed in to a server database as a role that is no person of its team."""


@dataclass(frozen=True)
class ProfileInput:
    """What a person says about themselves: as typed (cleaned by `clean_profile`)."""

    name: str
    email: str | None = None
    phone: str | None = None
    whatsapp: str | None = None
    languages: Sequence[str] = field(default_factory=tuple)
    signature: str | None = None


@dataclass(frozen=True)
class ProfileRecord:
    id: int
    name: str
    email: str | None
    phone: str | None
    whatsapp: str | None
    languages: tuple[str, ...]
    signature: str | None
    role: str
    placeholder: bool
    active: bool
    login: str | None
    current: bool = False

    @property
    def has_contact(self) -> bool:
        return bool(self.email or self.phone or self.whatsapp)

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "email": self.email, "phone": self.phone,
                "whatsapp": self.whatsapp, "languages": list(self.languages), "signature": self.signature,
                "role": self.role, "current": self.current}


# ---------------------------------------------------------------- checking what was typed


def _text(value: str | None) -> str | None:
    cleaned = (value or "").replace("\x00", "").strip()
    return cleaned or None


def _phone_problem(label: str, raw: str) -> tuple[str | None, str | None]:
    """(E.164, None) for a number that parses, else (None, the problem in words)."""
    info = parse_for_storage(raw, None)
    if info.valid and info.e164:
        return info.e164, None
    shown = quote_one_line(raw)
    if not raw.lstrip().startswith(("+", "00")) and any(c.isdigit() for c in raw):
        return None, f"the {label} '{shown}' has no country code: write it with + and the country code, e.g. +971 50 123 4567"
    return None, f"the {label} '{shown}' is not a valid phone number"


def parse_languages(values: Sequence[str] | str | None) -> tuple[tuple[str, ...], list[str]]:
    """(the ISO 639-1 codes, the problems): codes or names ("ru", "Arabic"), comma-separated or as
    a list; each language kept once, in the order given."""
    if values is None:
        return (), []
    items = values.split(",") if isinstance(values, str) else list(values)
    known = {code for code, _name in all_languages()}
    codes: list[str] = []
    problems: list[str] = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        code = resolve_language(item)
        if code is None or code not in known:
            problems.append(f"'{quote_one_line(item)}' is not a language: use ISO 639-1 codes such as ru, ar, zh, en")
        elif code not in codes:
            codes.append(code)
    return tuple(codes), problems


def profile_problems(data: ProfileInput) -> dict[str, str]:
    """Each field's problem in words ({} when the profile can be saved): name, email, phone,
    whatsapp, languages, signature."""
    problems: dict[str, str] = {}
    name = _text(data.name)
    if not name:
        problems["name"] = "your name is needed: it is how patients and colleagues see you"
    elif len(name) > MAX_NAME:
        problems["name"] = f"the name is too long ({len(name):,} characters; the limit is {MAX_NAME})"
    if problem := check_email(data.email):
        problems["email"] = problem
    for key, label, raw in (("phone", "phone", data.phone), ("whatsapp", "WhatsApp number", data.whatsapp)):
        if _text(raw) and (problem := _phone_problem(label, raw or "")[1]):
            problems[key] = problem
    _codes, language_problems = parse_languages(data.languages)
    if language_problems:
        problems["languages"] = "; ".join(language_problems)
    signature = _text(data.signature)
    if signature and len(signature) > MAX_SIGNATURE:
        problems["signature"] = f"the signature is too long ({len(signature):,} characters; the limit is {MAX_SIGNATURE})"
    return problems


def clean_profile(data: ProfileInput) -> ProfileInput:
    """The profile as it is stored: trimmed, phones in E.164, languages as codes. Raises
    ValidationError naming every problem."""
    if problems := profile_problems(data):
        raise ValidationError("; ".join(problems.values()))
    phone = _phone_problem("phone", data.phone or "")[0] if _text(data.phone) else None
    whatsapp = _phone_problem("WhatsApp number", data.whatsapp or "")[0] if _text(data.whatsapp) else None
    return ProfileInput(name=_text(data.name) or "", email=_text(data.email), phone=phone, whatsapp=whatsapp,
                        languages=parse_languages(data.languages)[0], signature=_text(data.signature))


# ---------------------------------------------------------------- reading


def _record(row: Coordinator, current_id: int | None) -> ProfileRecord:
    return ProfileRecord(row.id, row.name, row.email, row.phone, row.whatsapp, tuple(row.languages or ()),
                         row.signature, row.role, bool(row.placeholder), bool(row.active), row.login,
                         current=row.id == current_id)


def profile(db: Database, profile_id: int) -> ProfileRecord:
    with db.read() as session:
        row = session.get(Coordinator, profile_id)
        if row is None:
            raise NotFoundError(f"no profile {profile_id}")
        return _record(row, working_profile_in(session))


def list_profiles(db: Database, *, include_placeholder: bool = False) -> list[ProfileRecord]:
    """The active profiles by name (the placeholder only when asked for)."""
    with db.read() as session:
        current = working_profile_in(session)
        query = select(Coordinator).where(Coordinator.active.is_(True)).order_by(Coordinator.name, Coordinator.id)
        if not include_placeholder:
            query = query.where(Coordinator.placeholder.is_(False))
        return [_record(row, current) for row in session.scalars(query)]


def working_profile(db: Database, chosen: int | None = None) -> ProfileRecord | None:
    """The person who is working (see app.domain.working_profile), or None."""
    with db.read() as session:
        found = working_profile_in(session, chosen)
        row = session.get(Coordinator, found) if found is not None else None
        return _record(row, found) if row is not None else None


def needs_profile(db: Database, chosen: int | None = None) -> bool:
    """True while nobody real is working: the placeholder, or a profile without a name or any contact."""
    person = working_profile(db, chosen)
    return person is None or person.placeholder or not person.name.strip() or not person.has_contact


# ---------------------------------------------------------------- writing


def _store_current(session: Session, profile_id: int) -> None:
    row = session.get(AppMeta, CURRENT_PROFILE_KEY)
    if row is None:
        session.add(AppMeta(key=CURRENT_PROFILE_KEY, value=str(profile_id)))
    else:
        row.value = str(profile_id)


def _own_team_row(session: Session) -> Coordinator:
    login = signed_in_login(session)
    row = session.scalars(select(Coordinator).where(Coordinator.login == login)).first()
    if row is None:
        raise NotTeamMemberError(
            f"you are signed in to this server as '{login}', who is not a member of its team: "
            f"an admin adds you with `medtour user add {login} --name …`")
    return row


def _solo_row(session: Session, name: str, profile_id: int | None, now_clock: Clock) -> tuple[Coordinator, bool]:
    """The row a solo profile is saved into, and whether it is the database's first real person."""
    rows = list(session.scalars(select(Coordinator).order_by(Coordinator.id)))
    first_real = not any(not r.placeholder for r in rows)
    if profile_id is not None:
        chosen = next((r for r in rows if r.id == profile_id), None)
        if chosen is None:
            raise NotFoundError(f"no profile {profile_id}")
        return chosen, first_real
    wanted = name.casefold()
    same = next((r for r in rows if not r.placeholder and r.name.casefold() == wanted), None)
    if same is not None:
        return same, first_real
    # Whoever worked as the placeholder is the first to say who they are (demo coordinators aside).
    if (placeholder := next((r for r in rows if r.placeholder), None)) is not None:
        return placeholder, first_real
    row = Coordinator(name=name, is_default=False, active=True, created_at=now_clock(), role="admin",
                      languages=[], countries=[], placeholder=False)
    session.add(row)
    return row, first_real


def set_profile(db: Database, data: ProfileInput, *, select: bool = True, profile_id: int | None = None,
                clock: Clock = utc_now) -> ProfileRecord:
    """Save who is working (see the module notes) and, with `select`, make them the database's
    current profile. `profile_id` edits that profile (the My profile dialog renaming someone);
    without it the profile with the same name is updated, or a new one made. Raises
    ValidationError for what was typed, NotTeamMemberError on a server database."""
    cleaned = clean_profile(data)
    with db.write() as session:
        if session.get_bind().dialect.name == "postgresql":
            row, first_real = _own_team_row(session), False
        else:
            row, first_real = _solo_row(session, cleaned.name, profile_id, clock)
        row.name, row.email, row.phone, row.whatsapp = cleaned.name, cleaned.email, cleaned.phone, cleaned.whatsapp
        row.languages, row.signature = list(cleaned.languages), cleaned.signature
        row.placeholder, row.active = False, True
        session.flush()
        if first_real:  # leads created or imported without an owner become the first person's
            session.execute(update(Lead).where(Lead.coordinator_id.is_(None)).values(coordinator_id=row.id))
        if select and not is_team_database(session):
            _store_current(session, row.id)
        current = working_profile_in(session)
        return _record(row, current)


def select_profile(db: Database, profile_id: int) -> ProfileRecord:
    """Make an active profile the database's current one (the "Who is working?" choice)."""
    with db.write() as session:
        row = session.get(Coordinator, profile_id)
        if row is None or not row.active:
            raise NotFoundError(f"no active profile {profile_id}")
        _store_current(session, row.id)
        return _record(row, row.id)


def packet_signer(db: Database, lead_coordinator_id: int | None, chosen: int | None = None) -> ProfileRecord:
    """Who a lead's packet names as the patient's coordinator: the lead's own coordinator when
    that is a real, active person, else who is working when real. Never the placeholder: with
    nobody real, NoSignerError says how to set a profile."""
    with db.read() as session:
        for candidate in (lead_coordinator_id, working_profile_in(session, chosen)):
            row = session.get(Coordinator, candidate) if candidate is not None else None
            if row is not None and row.active and not row.placeholder and not is_placeholder_name(row.name):
                return _record(row, stored_current_id(session))
    raise NoSignerError()
