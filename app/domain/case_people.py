"""The people on a patient's case: relatives and companions, who decides and who travels, and the
one rule that counts the travellers of every estimate (`travellers`).

Phones are parsed like the patient's (app.domain.phone, the lead's country as the default region);
a number that is not valid is kept as typed with a warning, never dropped. Every change goes on the
lead's timeline through `case_event`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.case_file import case_event, case_lead, ensure_case
from app.domain.catalogue import Offer, catalogue_in
from app.domain.clock import Clock, utc_now
from app.domain.countries import language_name, resolve_language
from app.domain.errors import NotFoundError, ValidationError
from app.domain.leads import check_email, quote_one_line
from app.domain.phone import parse_for_storage
from app.domain.quotes import chosen_quote_in
from db.case_models import CasePerson
from db.engine import Database
from db.models import Lead

__all__ = [
    "RELATIONS",
    "CasePersonRecord",
    "PersonInput",
    "SavedPerson",
    "Travellers",
    "add_person",
    "chosen_offer_key",
    "list_people",
    "people_in",
    "remove_person",
    "travellers",
    "update_person",
]

#: The relations the desk offers; the coordinator may type another word.
RELATIONS = ("spouse", "son", "daughter", "parent", "sibling", "friend", "other")
MAX_NAME = 300
MAX_RELATION = 40
MAX_NOTES = 10_000
MAX_PHONES = 5


@dataclass(frozen=True)
class PersonInput:
    name: str
    relation: str
    #: As typed: "+7 916 123-45-67", or (number, kind) pairs.
    phones: Sequence[str | tuple[str, str]] = ()
    email: str | None = None
    language: str | None = None
    decides: bool = False
    travels: bool = False
    notes: str | None = None


@dataclass(frozen=True)
class CasePersonRecord:
    id: int
    position: int
    name: str
    relation: str
    phones: tuple[dict[str, Any], ...]
    email: str | None
    language: str | None
    decides: bool
    travels: bool
    notes: str | None

    @property
    def phone_warnings(self) -> tuple[str, ...]:
        return tuple(_phone_warning(p) for p in self.phones if not p.get("valid"))

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "relation": self.relation, "phones": list(self.phones),
                "email": self.email, "language": self.language, "decides": self.decides, "travels": self.travels,
                "notes": self.notes, "warnings": list(self.phone_warnings)}


@dataclass(frozen=True)
class SavedPerson:
    person: CasePersonRecord
    #: What the coordinator should know (a phone kept as typed because it is not valid).
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Travellers:
    """Who travels: the patient and the people on the case who travel."""

    count: int  # the patient included
    companions: int
    #: True when the offer requires a companion, none travels, and one is counted anyway.
    assumed_companion: bool
    names: tuple[str, ...]
    #: Why the count is what it is, when it is not simply the recorded travellers.
    note: str | None = None
    notes: tuple[str, ...] = field(default=())


def _phone_warning(phone: dict[str, Any]) -> str:
    problem = phone.get("problem") or "not a valid phone number"
    return f"phone '{quote_one_line(str(phone.get('raw', '')), 40)}' is kept as typed: {problem}"


def _record(row: CasePerson) -> CasePersonRecord:
    return CasePersonRecord(row.id, row.position, row.name, row.relation, tuple(dict(p) for p in row.phones or ()),
                            row.email, row.language, bool(row.decides), bool(row.travels), row.notes)


def _text(value: str | None, what: str, limit: int, *, required: bool = False) -> str | None:
    cleaned = (value or "").replace("\x00", "").strip()
    if not cleaned:
        if required:
            raise ValidationError(f"a person on the case needs a {what}")
        return None
    if len(cleaned) > limit:
        raise ValidationError(f"the {what} is too long ({len(cleaned):,} characters; the limit is {limit:,})")
    return cleaned


def _phones(raw: Sequence[str | tuple[str, str]], region: str | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for entry in raw:
        number, kind = (entry, "mobile") if isinstance(entry, str) else (entry[0], entry[1] or "mobile")
        if not number or not number.strip():
            continue
        info = parse_for_storage(number, region)
        key = info.e164 or info.raw
        if key in seen:
            continue
        seen.add(key)
        out.append({"raw": info.raw, "e164": info.e164, "valid": info.valid, "region": info.region, "kind": kind,
                    "problem": info.problem})
    if len(out) > MAX_PHONES:
        raise ValidationError(f"a person on the case has at most {MAX_PHONES} phones")
    return out


def _language(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    code = resolve_language(value)
    if code is None or len(code) > 8:
        raise ValidationError(f"'{quote_one_line(value, 40)}' is not a language the desk knows (e.g. ru, ar, zh, English)")
    return code


def _fields(data: PersonInput, lead: Lead) -> dict[str, Any]:
    if (problem := check_email(data.email)) is not None:
        raise ValidationError(problem)
    return {
        "name": _text(data.name, "name", MAX_NAME, required=True),
        "relation": (_text(data.relation, "relation", MAX_RELATION, required=True) or "").casefold(),
        "phones": _phones(data.phones, lead.country),
        "email": (data.email or "").strip() or None,
        "language": _language(data.language),
        "decides": bool(data.decides),
        "travels": bool(data.travels),
        "notes": _text(data.notes, "notes", MAX_NOTES),
    }


def _role_words(fields: dict[str, Any]) -> str:
    roles = [w for w, on in (("decides", fields["decides"]), ("travels", fields["travels"])) if on]
    return f" ({', '.join(roles)})" if roles else ""


def _saved(row: CasePerson) -> SavedPerson:
    record = _record(row)
    return SavedPerson(record, record.phone_warnings)


def add_person(db: Database, key: int | str, data: PersonInput, *, actor_id: int | None = None,
               clock: Clock = utc_now) -> SavedPerson:
    """Add a relative or companion to the case (the case is opened on first use)."""
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        fields = _fields(data, lead)
        ensure_case(session, lead, now)
        position = (session.scalar(select(func.max(CasePerson.position)).where(CasePerson.lead_id == lead.id)) or 0) + 1
        row = CasePerson(lead_id=lead.id, position=position, created_at=now, **fields)
        session.add(row)
        session.flush()
        case_event(session, lead, "person_added", f"{fields['name']}, {fields['relation']}, added to the case"
                   f"{_role_words(fields)}", now=now, actor_id=actor_id, details={"person_id": row.id})
        return _saved(row)


def _person(session: Session, lead: Lead, person_id: int) -> CasePerson:
    row = session.get(CasePerson, person_id)
    if row is None or row.lead_id != lead.id:
        raise NotFoundError(f"{lead.reference} has no person {person_id} on its case")
    return row


def update_person(db: Database, key: int | str, person_id: int, data: PersonInput, *, actor_id: int | None = None,
                  clock: Clock = utc_now) -> SavedPerson:
    """Replace what is recorded about one person; the timeline says which fields changed."""
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        row = _person(session, lead, person_id)
        fields = _fields(data, lead)
        changed = [name for name, value in fields.items() if getattr(row, name) != value]
        for name, value in fields.items():
            setattr(row, name, value)
        session.flush()
        if changed:
            case_event(session, lead, "person_changed", f"{row.name}: {', '.join(changed)} changed",
                       now=now, actor_id=actor_id, details={"person_id": row.id, "fields": changed})
        return _saved(row)


def remove_person(db: Database, key: int | str, person_id: int, *, actor_id: int | None = None,
                  clock: Clock = utc_now) -> CasePersonRecord:
    """Take a person off the case (their passport details go with them)."""
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        row = _person(session, lead, person_id)
        record = _record(row)
        session.delete(row)
        session.flush()
        case_event(session, lead, "person_removed", f"{record.name}, {record.relation}, removed from the case",
                   now=now, actor_id=actor_id, details={"person_id": person_id})
        return record


def people_in(session: Session, lead: Lead) -> list[CasePersonRecord]:
    rows = session.scalars(select(CasePerson).where(CasePerson.lead_id == lead.id)
                           .order_by(CasePerson.position, CasePerson.id))
    return [_record(r) for r in rows]


def list_people(db: Database, key: int | str) -> list[CasePersonRecord]:
    with db.read() as session:
        return people_in(session, case_lead(session, key))


def chosen_offer_key(session: Session, lead: Lead) -> str | None:
    """The offer of the case's chosen quote (quotes.chosen_at set), if one is chosen and names one."""
    chosen = chosen_quote_in(session, lead.id)
    return chosen.offer_key if chosen is not None else None


def _chosen_offer(session: Session, lead: Lead) -> Offer | None:
    key = chosen_offer_key(session, lead)
    if key is None:
        return None
    catalogue = catalogue_in(session)
    return catalogue.offers.get(key) if catalogue is not None else None


def travellers(session: Session, lead: Lead, offer: Offer | None = None) -> Travellers:
    """The travellers of an estimate: the patient plus the people on the case who travel.

    Before anyone is recorded on the case, the lead's old `companions` number stands in (and the
    note says so). Where the offer (`offer`, else the case's chosen quote's) requires a companion
    and none travels, one is counted and the note says so."""
    if offer is None:
        offer = _chosen_offer(session, lead)
    people = people_in(session, lead)
    patient = lead.latin_name or lead.full_name
    notes: list[str] = []
    if people:
        going = [p for p in people if p.travels]
        companions = len(going)
        names = (patient, *(p.name for p in going))
    else:
        companions = max(0, int(lead.companions or 0))
        names = (patient,)
        if companions:
            notes.append(f"{companions} companion{'s' if companions != 1 else ''} counted from the lead's "
                         "companions number; nobody is recorded on the case yet")
    assumed = False
    if offer is not None and offer.requires_companion and companions == 0:
        assumed = True
        companions = 1
        notes.append("one companion counted: the hospital requires one; none is recorded yet")
    note = "; ".join(notes) or None
    return Travellers(1 + companions, companions, assumed, tuple(names), note, tuple(notes))


def describe_person(person: CasePersonRecord) -> str:
    """One line for a list: "Aigerim Nurlanovna — daughter, decides, travels, Russian"."""
    bits = [person.relation]
    bits += [w for w, on in (("decides", person.decides), ("travels", person.travels)) if on]
    if person.language:
        bits.append(language_name(person.language))
    return f"{person.name} — {', '.join(bits)}"
