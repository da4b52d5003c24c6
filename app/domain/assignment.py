"""Who gets a new inquiry, and why — the team's assignment rule.

Who is dealt leads
    In a team (anyone has a PostgreSQL login), the active people whose role is *coordinator*.
    Managers and admins are not dealt leads by the rule: they assign them, and take one by
    assigning it to themselves. Viewers never. On a solo desk (no logins: one SQLite file, perhaps
    with several profiles) the coordinators again, and if there are none, whoever may work leads
    (the placeholder "Coordinator" a new database starts with, or the one real profile), so a
    single person still gets every lead ("the only coordinator"). On a solo desk a lead entered
    or imported while a real profile is working is that person's ("entered by Mona Saleh"): the
    people sharing one laptop each take what they enter.

Whom among them
    Preference: someone who speaks the patient's language, else someone who looks after the
    patient's country, else anyone. Among those preferred, the one given a lead least recently
    (never before first; ties: lowest id) — a round-robin. Anyone already holding the team's
    `new_lead_cap` open new leads is skipped; if that leaves nobody, the lead waits in the
    unassigned pool.

`choose` is the pure rule; `Assigner` applies it to a run of leads in one transaction (the import
keeps the figures in memory as it deals); `assign_new` / `reassign` / `reassign_untouched` are
the database operations. The choice and the insert happen in one write transaction, serialised
(SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so two importers never both count a
coordinator as having room.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.clock import Clock, utc_now
from app.domain.countries import country_name, language_name
from app.domain.errors import NotFoundError, ValidationError
from app.domain.lead_change_set import ChangeKind, LeadChanges
from app.domain.lead_search import find_lead_ids
from app.domain.speed_to_lead import untouched_inquiry_ids
from app.domain.team_roles import Permission, Role, may
from app.domain.team_settings import TeamSettings, format_duration, read_team_settings
from db.assignment_queries import CandidateRow, candidate_stats, lock_assignment
from db.engine import Database
from db.lead_queries import LeadFilter
from db.models import Coordinator, FieldEdit, Lead, StatusChange

__all__ = [
    "Assigner",
    "Candidate",
    "Choice",
    "Given",
    "assign_new",
    "assignable_people",
    "choose",
    "chosen_by",
    "dealt_leads",
    "given_to",
    "reassign",
    "reassign_matching",
    "reassign_untouched",
]

NO_ONE = "waiting in the pool: no active coordinator"


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str = ""
    role: str = Role.COORDINATOR.value
    active: bool = True
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    open_new: int = 0
    last_assigned_at: datetime | None = None
    last_lead_id: int | None = None

    @classmethod
    def from_row(cls, row: CandidateRow) -> Candidate:
        return cls(row.id, row.name, row.role, True, tuple(_language(x) for x in row.languages),
                   tuple(x.upper() for x in row.countries), row.open_new, row.last_assigned_at, row.last_lead_id)

    def turn(self) -> tuple[Any, ...]:
        """Sorts the one given a lead least recently first (never: before everyone; ties: lowest id)."""
        if self.last_assigned_at is None:
            return (0, self.last_lead_id or 0, self.id)
        return (1, self.last_assigned_at, self.last_lead_id or 0, self.id)


class Choice(NamedTuple):
    coordinator_id: int | None
    reason: str


def _language(code: str | None) -> str:
    """'ar', 'AR', 'zh-Hans', 'pt_BR' → the primary subtag, lower case."""
    return (code or "").replace("_", "-").split("-")[0].strip().lower()


def dealt_leads(candidates: Iterable[Candidate], *, solo: bool = False) -> list[Candidate]:
    """The people the rule deals leads to (see the module's docstring)."""
    active = [c for c in candidates if c.active]
    dealt = [c for c in active if c.role == Role.COORDINATOR.value]
    if not dealt and solo:
        dealt = [c for c in active if may(c.role, Permission.WORK_LEADS)]
    return dealt


def choose(candidates: Sequence[Candidate], lead_language: str | None, lead_country: str | None,
           settings: TeamSettings, *, solo: bool = False, exclude: Iterable[int] = ()) -> Choice:
    """The coordinator for a new lead in this language and country, with the reason shown on it;
    coordinator_id None: the lead waits in the pool (the reason says why)."""
    excluded = set(exclude)
    dealt = [c for c in dealt_leads(candidates, solo=solo) if c.id not in excluded]
    if not dealt:
        return Choice(None, NO_ONE)
    cap = settings.new_lead_cap
    room = [c for c in dealt if cap is None or c.open_new < cap]
    if not room:
        return Choice(None, f"waiting in the pool: everyone is at the cap of {cap} new lead{'s' if cap != 1 else ''}")
    if len(dealt) == 1:
        return Choice(room[0].id, "the only coordinator")
    language = _language(lead_language)
    speakers = [c for c in room if language and language in c.languages]
    if speakers:
        return Choice(_next(speakers).id, f"speaks {language_name(language)}")
    country = (lead_country or "").upper()
    locals_ = [c for c in room if country and country in c.countries]
    if locals_:
        return Choice(_next(locals_).id, f"looks after {country_name(country)}")
    return Choice(_next(room).id, "next in turn")


def _next(candidates: Sequence[Candidate]) -> Candidate:
    return min(candidates, key=Candidate.turn)


class Assigner:
    """The rule applied to a run of leads inside one write transaction: the figures are read once
    (after taking the assignment lock) and kept up to date as leads are dealt."""

    def __init__(self, session: Session, settings: TeamSettings | None = None, *, actor: int | None = None) -> None:
        lock_assignment(session)
        rows = candidate_stats(session)
        self.settings = settings if settings is not None else read_team_settings(session)
        self.solo = not any(r.has_login for r in rows)
        self.people = {r.id: Candidate.from_row(r) for r in rows}
        #: On a solo desk, the real profile working now (who takes what they enter), else None.
        self.working: Candidate | None = None
        if (self.solo and actor is not None and actor in self.people
                and may(self.people[actor].role, Permission.WORK_LEADS)
                and session.scalar(select(Coordinator.placeholder).where(Coordinator.id == actor)) is False):
            self.working = self.people[actor]
        # Leads given here have no id yet (the batch writer inserts later); they are newer than any
        # lead in the database, so they sort after every known one, in the order given.
        self._sequence = max((c.last_lead_id or 0 for c in self.people.values()), default=0)

    def choose(self, language: str | None, country: str | None, *, exclude: Iterable[int] = ()) -> Choice:
        if self.working is not None and self.working.id not in set(exclude):
            return Choice(self.working.id, f"entered by {self.working.name}")
        return choose(list(self.people.values()), language, country, self.settings, solo=self.solo, exclude=exclude)

    def given(self, coordinator_id: int | None, now: datetime, *, lead_id: int | None = None,
              taken_from: int | None = None, new: bool = True) -> None:
        """Count a lead (in status new when `new`) as given to `coordinator_id`, taken from `taken_from`."""
        if taken_from is not None and taken_from in self.people and new:
            old = self.people[taken_from]
            self.people[taken_from] = replace(old, open_new=max(0, old.open_new - 1))
        if coordinator_id is None or coordinator_id not in self.people:
            return
        self._sequence = max(self._sequence + 1, lead_id or 0)
        person = self.people[coordinator_id]
        self.people[coordinator_id] = replace(person, open_new=person.open_new + (1 if new else 0),
                                              last_assigned_at=now, last_lead_id=self._sequence)

    def name(self, coordinator_id: int | None) -> str | None:
        person = self.people.get(coordinator_id) if coordinator_id is not None else None
        return person.name if person else None


def chosen_by(session: Session, actor_id: int | None) -> str:
    """The reason on a lead whose coordinator was named when it was entered."""
    name = session.scalar(select(Coordinator.name).where(Coordinator.id == actor_id)) if actor_id is not None else None
    return f"chosen by {name}" if name else "chosen when entered"


def assign_new(session: Session, lead: Lead, settings: TeamSettings | None, now: datetime,
               assigner: Assigner | None = None, *, actor: int | None = None) -> Choice:
    """Give `lead` (which has no coordinator yet) to whoever the rule picks; in the open write
    transaction, so the choice and the insert are one unit."""
    if lead.coordinator_id is not None:
        raise ValidationError(f"{lead.reference or 'this lead'} already has a coordinator")
    assigner = assigner or Assigner(session, settings, actor=actor)
    choice = assigner.choose(lead.language, lead.country)
    lead.coordinator_id = choice.coordinator_id
    lead.assigned_at = now if choice.coordinator_id is not None else None
    lead.assignment_reason = choice.reason
    assigner.given(choice.coordinator_id, now, lead_id=lead.id)
    return choice


# ---------------------------------------------------------------- reassignment


def assignable_people(db: Database) -> list[Candidate]:
    """Everyone a lead can be given to by hand (active, not a viewer), by name, with their figures."""
    with db.read() as session:
        rows = candidate_stats(session)
    people = [Candidate.from_row(r) for r in rows if r.role != Role.VIEWER.value]
    return sorted(people, key=lambda c: (c.name.casefold(), c.id))



def _resolve_target(session: Session, coordinator_id: int | None) -> Coordinator | None:
    if coordinator_id is None:
        return None
    person = session.get(Coordinator, coordinator_id)
    if person is None:
        raise NotFoundError(f"no person with id {coordinator_id}")
    if not person.active:
        raise ValidationError(f"{person.name} is not active; leads can only go to an active person")
    if person.role == Role.VIEWER.value:
        raise ValidationError(f"{person.name} is a viewer and cannot work leads")
    return person


def _move(session: Session, lead: Lead, to: int | None, reason: str, actor: int | None, now: datetime) -> None:
    """One reassignment, on the lead's timeline: the coordinator edit, with why as its companion edit."""
    session.add(FieldEdit(lead_id=lead.id, field="coordinator_id", old_value=_text(lead.coordinator_id),
                          new_value=_text(to), coordinator_id=actor, edited_at=now))
    session.add(FieldEdit(lead_id=lead.id, field="assignment_reason", old_value=lead.assignment_reason,
                          new_value=reason, coordinator_id=actor, edited_at=now))
    lead.coordinator_id = to
    lead.assigned_at = now if to is not None else None
    lead.assignment_reason = reason
    lead.updated_at = now


def _text(value: int | None) -> str | None:
    return None if value is None else str(value)


def reassign(db: Database, lead_ids: Iterable[int], coordinator_id: int | None, *, actor_id: int | None = None,
             reason: str | None = None, clock: Clock = utc_now) -> LeadChanges:
    """Give these leads to `coordinator_id` (None: back to the pool). Leads already theirs are left
    alone. The reason shown is `reason`, else "reassigned by <actor>"."""
    ids = sorted(set(int(i) for i in lead_ids))
    changed: list[int] = []
    with db.write() as session:
        session.connection()  # the write lock first, then the time: assignments stay in order
        now = clock()
        _resolve_target(session, coordinator_id)
        actor_name = session.scalar(select(Coordinator.name).where(Coordinator.id == actor_id)) if actor_id else None
        why = reason or (f"reassigned by {actor_name}" if actor_name else "reassigned")
        for start in range(0, len(ids), 500):
            for lead in session.scalars(select(Lead).where(Lead.id.in_(ids[start:start + 500]), Lead.erased_at.is_(None))):
                if lead.coordinator_id == coordinator_id:
                    continue
                _move(session, lead, coordinator_id, why, actor_id, now)
                changed.append(lead.id)
        session.flush()
    return LeadChanges.of(changed, ChangeKind.FIELDS, origin="assign") if changed else LeadChanges()


def reassign_matching(db: Database, query: LeadFilter, coordinator_id: int | None, *, actor_id: int | None = None,
                      reason: str | None = None, clock: Clock = utc_now) -> LeadChanges:
    """Every lead the list's filter matches, reassigned as `reassign` does."""
    return reassign(db, find_lead_ids(db, query), coordinator_id, actor_id=actor_id, reason=reason, clock=clock)


class Given(NamedTuple):
    """A lead someone else gave this person (or the rule dealt them): what their desk tells them."""
    lead_id: int
    reference: str
    name: str
    reason: str | None
    assigned_at: datetime
    by: str | None  # who made the assignment (None: the rule, for an inquiry nobody entered by hand)


def given_to(db: Database, person_id: int, since: datetime, *, limit: int = 20) -> list[Given]:
    """Leads assigned to `person_id` after `since`, oldest first, except those they took or entered
    themselves: the new owner's desk announces these."""
    with db.read() as session:
        rows = session.execute(
            select(Lead.id, Lead.reference, Lead.full_name, Lead.assignment_reason, Lead.assigned_at)
            .where(Lead.erased_at.is_(None), Lead.coordinator_id == person_id, Lead.assigned_at > since)
            .order_by(Lead.assigned_at, Lead.id).limit(limit)
        ).all()
        given: list[Given] = []
        for lead_id, reference, name, reason, at in rows:
            actor = session.scalar(select(FieldEdit.coordinator_id).where(
                FieldEdit.lead_id == lead_id, FieldEdit.field == "coordinator_id").order_by(FieldEdit.id.desc()).limit(1))
            if actor is None:  # never reassigned: whoever entered it (its first status change)
                actor = session.scalar(select(StatusChange.coordinator_id).where(StatusChange.lead_id == lead_id)
                                       .order_by(StatusChange.id).limit(1))
            if actor == person_id or at is None:
                continue
            by = session.scalar(select(Coordinator.name).where(Coordinator.id == actor)) if actor is not None else None
            given.append(Given(lead_id, reference, name, reason, at, by))
    return given


def reassign_untouched(db: Database, now: datetime) -> LeadChanges:
    """When the team asks for it (TeamSettings.reassign_untouched): each new inquiry nobody has
    contacted past the first-response target, and held that long by its coordinator, moves to the
    next coordinator by the rule (not the current one). One nobody else can take stays put.
    For a desk timer to call now and then; returns what changed."""
    changed: list[int] = []
    with db.read() as session:  # most of the time it is off: no write transaction for that
        if not read_team_settings(session).reassign_untouched:
            return LeadChanges()
    with db.write() as session:
        settings = read_team_settings(session)
        if not settings.reassign_untouched:
            return LeadChanges()
        reason = f"untouched past the {format_duration(settings.first_response)} first-response target"
        ids = untouched_inquiry_ids(session, now, settings.first_response)
        if not ids:
            return LeadChanges()
        assigner = Assigner(session, settings)
        for lead in session.scalars(select(Lead).where(Lead.id.in_(ids)).order_by(Lead.inquiry_at, Lead.id)):
            exclude = [lead.coordinator_id] if lead.coordinator_id is not None else []
            choice = assigner.choose(lead.language, lead.country, exclude=exclude)
            if choice.coordinator_id is None:
                continue
            assigner.given(choice.coordinator_id, now, lead_id=lead.id, taken_from=lead.coordinator_id)
            _move(session, lead, choice.coordinator_id, reason, None, now)
            changed.append(lead.id)
        session.flush()
    return LeadChanges.of(changed, ChangeKind.FIELDS, origin="first-response") if changed else LeadChanges()
