"""The passport details travel needs, for the patient (person_id None) and each traveller: the name
as in the passport, date of birth, nationality, passport number and expiry.

Stored apart (db.case_models.TravelDocument) and shown only on request: every read goes in the
read log (document_reads, purpose "travel_details", no document). On a team database viewers
cannot read the table at all (the server's grant). Erased with the rest of the lead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.case_file import case_event, case_lead, ensure_case
from app.domain.case_schedule import schedule_in
from app.domain.clock import Clock, utc_now
from app.domain.countries import country_name, resolve_country
from app.domain.errors import NotFoundError, ValidationError
from app.domain.leads import _actor, quote_one_line
from db.case_models import CasePerson, DocumentRead, TravelDocument
from db.engine import Database
from db.models import Lead

__all__ = [
    "READ_PURPOSE",
    "TravelDetails",
    "TravelInput",
    "missing_travel_details",
    "read_travel_details",
    "set_travel_details",
    "travel_details_in",
]

READ_PURPOSE = "travel_details"
#: Visas ask for a passport valid this long after the departure.
VISA_VALIDITY = timedelta(days=183)
_PASSPORT_NUMBER = re.compile(r"^[A-Z0-9]{5,20}$")
_OLDEST = date(1900, 1, 1)
_FIELDS = {"full_name": "passport name", "date_of_birth": "date of birth", "nationality": "nationality",
           "passport_number": "passport number", "passport_expiry": "passport expiry"}


@dataclass(frozen=True)
class TravelInput:
    full_name: str | None = None
    date_of_birth: date | None = None
    nationality: str | None = None  # a code (KZ) or a name the desk recognises (Kazakhstan)
    passport_number: str | None = None
    passport_expiry: date | None = None


@dataclass(frozen=True)
class TravelDetails:
    person_id: int | None  # None: the patient
    who: str  # "the patient" or the person's name
    full_name: str | None
    date_of_birth: date | None
    nationality: str | None
    passport_number: str | None
    passport_expiry: date | None

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(words for name, words in _FIELDS.items() if getattr(self, name) in (None, ""))

    def as_json(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "who": self.who, "passport_name": self.full_name,
                "born": self.date_of_birth.isoformat() if self.date_of_birth else None,
                "nationality": self.nationality, "passport": self.passport_number,
                "expiry": self.passport_expiry.isoformat() if self.passport_expiry else None,
                "missing": list(self.missing)}


@dataclass(frozen=True)
class SavedTravel:
    details: TravelDetails
    warnings: tuple[str, ...] = ()


def _clean(data: TravelInput, today: date) -> dict[str, Any]:
    name = " ".join((data.full_name or "").replace("\x00", "").split()) or None
    if name is not None and len(name) > 200:
        raise ValidationError("the passport name is too long (200 characters at most)")
    number = re.sub(r"[\s-]", "", data.passport_number or "").upper() or None
    if number is not None and not _PASSPORT_NUMBER.match(number):
        raise ValidationError(f"'{quote_one_line(data.passport_number or '', 40)}' is not a passport number "
                              "(5–20 letters and digits)")
    nationality = None
    if data.nationality and data.nationality.strip():
        nationality = resolve_country(data.nationality)
        if nationality is None:
            raise ValidationError(f"'{quote_one_line(data.nationality, 40)}' is not a country the desk knows: "
                                  "give a two-letter code such as KZ")
    born = data.date_of_birth
    if born is not None and not (_OLDEST <= born <= today):
        raise ValidationError(f"the date of birth {born.isoformat()} is not a real birth date")
    expiry = data.passport_expiry
    if expiry is not None and expiry > today + timedelta(days=366 * 20):
        raise ValidationError(f"the passport expiry {expiry.isoformat()} is more than 20 years away")
    return {"full_name": name, "date_of_birth": born, "nationality": nationality, "passport_number": number,
            "passport_expiry": expiry}


def _check_expiry(expiry: date | None, departure: date | None, back: date | None, today: date, who: str) -> list[str]:
    """Errors for a passport that will not last the journey; warnings for one a visa may refuse."""
    if expiry is None:
        return []
    if expiry <= today:
        raise ValidationError(f"{who}'s passport expired on {expiry.isoformat()}")
    if back is not None and expiry <= back:
        raise ValidationError(f"{who}'s passport expires on {expiry.isoformat()}, before the planned return "
                              f"({back.isoformat()}): it must be valid after it")
    start = departure or today
    if expiry < start + VISA_VALIDITY:
        return [f"{who}'s passport expires on {expiry.isoformat()}, less than 6 months after the departure "
                f"({start.isoformat()}): most visas need 6 months"]
    return []


def _holder(session: Session, lead: Lead, person_id: int | None) -> str:
    if person_id is None:
        return "the patient"
    person = session.get(CasePerson, person_id)
    if person is None or person.lead_id != lead.id:
        raise NotFoundError(f"{lead.reference} has no person {person_id} on its case")
    return person.name


def set_travel_details(db: Database, key: int | str, data: TravelInput, *, person_id: int | None = None,
                       actor_id: int | None = None, clock: Clock = utc_now) -> SavedTravel:
    """Record the passport details of the patient or of one person on the case (a field not
    given, None, keeps what was recorded).
    Refused: an expired passport, one that expires before the planned return, dates that cannot be;
    warned: one valid less than 6 months after the departure."""
    now = clock()
    today = now.date()
    with db.write() as session:
        lead = case_lead(session, key)
        who = _holder(session, lead, person_id)
        given = _clean(data, today)
        row = session.scalars(select(TravelDocument).where(
            TravelDocument.lead_id == lead.id,
            TravelDocument.person_id.is_(None) if person_id is None else TravelDocument.person_id == person_id)).first()
        # What is not given stays as it was.
        fields = {name: value if value is not None else (getattr(row, name) if row is not None else None)
                  for name, value in given.items()}
        born, expiry = fields["date_of_birth"], fields["passport_expiry"]
        if born is not None and expiry is not None and expiry <= born:
            raise ValidationError("the passport cannot expire before its holder was born")
        schedule = schedule_in(session, lead)
        warnings = _check_expiry(given["passport_expiry"], schedule.departure, schedule.planned_return, today,
                                 who.capitalize() if person_id is None else who)
        ensure_case(session, lead, now)
        if row is None:
            row = TravelDocument(lead_id=lead.id, person_id=person_id, updated_at=now)
            session.add(row)
        changed = [words for name, words in _FIELDS.items() if getattr(row, name) != fields[name]]
        for name, value in fields.items():
            setattr(row, name, value)
        row.updated_at = now
        session.flush()
        if changed:  # what changed, never the values: the timeline is read by more people than passports
            case_event(session, lead, "travel_details_set", f"Passport details for {who}: {', '.join(changed)} recorded",
                       now=now, actor_id=actor_id, details={"person_id": person_id, "fields": changed})
        return SavedTravel(_details(row, who), tuple(warnings))


def _details(row: TravelDocument, who: str) -> TravelDetails:
    return TravelDetails(row.person_id, who, row.full_name, row.date_of_birth, row.nationality, row.passport_number,
                         row.passport_expiry)


def travel_details_in(session: Session, lead: Lead, *, actor_id: int | None, now: datetime,
                      person_id: int | str | None = "all") -> list[TravelDetails]:
    """The passport details of the patient and the people on the case (or of one: `person_id`,
    None for the patient), each read written to the read log."""
    rows = list(session.scalars(select(TravelDocument).where(TravelDocument.lead_id == lead.id)))
    if person_id != "all":
        rows = [r for r in rows if r.person_id == person_id]
    names = {p.id: p.name for p in session.scalars(select(CasePerson).where(CasePerson.lead_id == lead.id))}
    reader = _actor(session, actor_id)
    session.add(DocumentRead(lead_id=lead.id, document_id=None, purpose=READ_PURPOSE, coordinator_id=reader,
                             read_at=now))
    session.flush()
    out = [_details(r, "the patient" if r.person_id is None else names.get(r.person_id, f"person {r.person_id}"))
           for r in rows]
    return sorted(out, key=lambda d: (d.person_id is not None, d.person_id or 0))


def read_travel_details(db: Database, key: int | str, *, person_id: int | str | None = "all",
                        actor_id: int | None = None, clock: Clock = utc_now) -> list[TravelDetails]:
    """Show the passport details (logged as a read, purpose "travel_details")."""
    with db.write() as session:
        return travel_details_in(session, case_lead(session, key), actor_id=actor_id, now=clock(),
                                 person_id=person_id)


def missing_travel_details(details: list[TravelDetails], people: list[tuple[int | None, str]]) -> list[str]:
    """For each traveller ((person_id, name); None is the patient): what is missing, in words
    ("the patient: passport number, passport expiry"; "Aigerim: no passport details")."""
    by_person = {d.person_id: d for d in details}
    problems = []
    for person_id, name in people:
        found = by_person.get(person_id)
        if found is None:
            problems.append(f"{name}: no passport details")
        elif found.missing:
            problems.append(f"{name}: {', '.join(found.missing)}")
    return problems


def nationality_words(code: str | None) -> str:
    return country_name(code) if code else ""
