"""The partner catalogue: hospitals, their doctors, the programs each offers, the medical records
an offer needs, and the conditions that make an offer fit or rule it out.

One home for these facts. The catalogue lives in the database (db.case_models.CatalogueRevision),
one revision per change with who and when, so a team shares it; a new database is seeded from
resources/content/hospitals.toml, and `catalogue_toml` writes it back in that file's shape.
Every price a case or packet shows comes from an offer's line items here (or a hospital's quote).
"""
from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.domain.case_words import APPROVAL_STATES
from app.domain.clock import Clock, utc_now
from app.domain.errors import ValidationError
from app.paths import content_dir
from db.case_models import CatalogueRevision
from db.engine import Database

__all__ = [
    "APPROVAL_STATES",
    "Accreditation",
    "Catalogue",
    "Doctor",
    "Exclusion",
    "Hospital",
    "Indication",
    "JourneyStage",
    "Offer",
    "PriceItem",
    "RecordKind",
    "catalogue_history",
    "catalogue_in",
    "current_catalogue",
    "document_sha256",
    "parse_catalogue",
    "publish_catalogue",
    "read_catalogue_file",
    "record_labels",
    "seed_document",
]

SEED_FILE = "hospitals.toml"


@dataclass(frozen=True)
class RecordKind:
    key: str
    label: str
    labels: Mapping[str, str] = field(default_factory=dict)

    def label_in(self, language: str | None) -> str:
        """The label in `language` where the catalogue has one, else English."""
        return self.labels.get(language or "en") or self.label


@dataclass(frozen=True)
class Exclusion:
    key: str
    label: str
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Indication:
    key: str
    category: str
    label: str
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Accreditation:
    body: str
    year: int | None = None

    def __str__(self) -> str:
        return f"{self.body} ({self.year})" if self.year else self.body


@dataclass(frozen=True)
class Doctor:
    name: str
    local_name: str | None = None
    title: str | None = None
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hospital:
    key: str
    name: str
    local_name: str | None
    city: str
    country: str
    airport: str | None = None
    accreditations: tuple[Accreditation, ...] = ()
    car_t_experience: str | None = None
    patients_treated: int | None = None
    languages: tuple[str, ...] = ()
    #: The international department: contact (a name or desk), email, phone, and the 24/7 hotline.
    international: Mapping[str, str] = field(default_factory=dict)
    doctors: tuple[Doctor, ...] = ()
    notes: str | None = None

    @property
    def hotline(self) -> str | None:
        return self.international.get("hotline")


@dataclass(frozen=True)
class PriceItem:
    item: str
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class JourneyStage:
    step: str
    first_week: int | None
    last_week: int | None
    at_home: bool = False


@dataclass(frozen=True)
class Offer:
    key: str
    hospital: str
    program: str
    product: str
    approval: str
    registry: str | None
    indications: tuple[str, ...]
    excludes: tuple[str, ...]
    records: tuple[str, ...]
    requires_companion: bool
    currency: str
    medical: tuple[PriceItem, ...]
    journey: tuple[JourneyStage, ...]

    @property
    def stay_weeks(self) -> int:
        """Weeks in the hospital's city: to the last week of a step that is not at home."""
        return max((s.last_week or 0) for s in self.journey if not s.at_home)


@dataclass(frozen=True)
class Catalogue:
    records: Mapping[str, RecordKind]
    exclusions: Mapping[str, Exclusion]
    indications: Mapping[str, Indication]
    hospitals: Mapping[str, Hospital]
    offers: Mapping[str, Offer]
    #: The database revision it was read from (0 for a file not stored yet), and who/when.
    revision: int = 0
    changed_at: datetime | None = None
    changed_by: int | None = None

    def hospital(self, key_or_name: str) -> Hospital:
        """The hospital by key, or by its English or local name (case-insensitive); a clear error
        naming the hospitals there are otherwise."""
        wanted = (key_or_name or "").strip()
        if wanted in self.hospitals:
            return self.hospitals[wanted]
        folded = wanted.casefold()
        for hospital in self.hospitals.values():
            if folded in (hospital.name.casefold(), (hospital.local_name or "").casefold()):
                return hospital
        known = ", ".join(f"{h.key} ({h.name})" for h in self.hospitals.values()) or "none yet"
        raise ValidationError(f"no partner hospital '{wanted}' in the catalogue; there are: {known}")

    def offer(self, key: str) -> Offer:
        if key in self.offers:
            return self.offers[key]
        raise ValidationError(f"no offer '{key}' in the catalogue; there are: {', '.join(self.offers) or 'none'}")

    def offers_of(self, hospital_key: str) -> list[Offer]:
        return [o for o in self.offers.values() if o.hospital == hospital_key]

    def record(self, key: str) -> RecordKind:
        return self.records.get(key) or RecordKind(key, key.replace("_", " ").capitalize())


# ---------------------------------------------------------------- reading a document


def _problem(where: str, problem: str) -> ValidationError:
    return ValidationError(f"catalogue, {where}: {problem}")


def _text(raw: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _problem(where, f"'{key}' is missing")
        return None
    if not isinstance(value, str):
        raise _problem(where, f"'{key}' must be text")
    return value.strip()


def _texts(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _problem(where, f"'{key}' must be a list of text")
    return tuple(v.strip() for v in value if v.strip())


def _amount(value: Any, where: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise _problem(where, f"'{value}' is not an amount") from None
    if not amount.is_finite() or amount < 0:
        raise _problem(where, f"'{value}' is not an amount of zero or more")
    return amount


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise _problem(key, "must be a table")
    return value


def _hospital(key: str, raw: Mapping[str, Any]) -> Hospital:
    where = f"hospital '{key}'"
    accreditations = []
    for entry in raw.get("accreditations", []):
        if not isinstance(entry, Mapping) or not entry.get("body"):
            raise _problem(where, "each accreditation needs a 'body' (and may give a 'year')")
        year = entry.get("year")
        if year is not None and not (isinstance(year, int) and 1900 <= year <= 2200):
            raise _problem(where, f"accreditation year '{year}' is not a year")
        accreditations.append(Accreditation(str(entry["body"]).strip(), year))
    doctors = []
    for entry in raw.get("doctors", []):
        if not isinstance(entry, Mapping):
            raise _problem(where, "each doctor must be a table")
        doctors.append(Doctor(_text(entry, "name", f"{where}, a doctor") or "", _text(entry, "local_name", where, required=False),
                              _text(entry, "title", where, required=False), _texts(entry, "languages", where)))
    international = raw.get("international", {})
    if not isinstance(international, Mapping) or not all(isinstance(v, str) for v in international.values()):
        raise _problem(where, "'international' must be a table of text (contact, email, phone, hotline)")
    treated = raw.get("patients_treated")
    if treated is not None and not (isinstance(treated, int) and treated >= 0):
        raise _problem(where, "'patients_treated' must be a whole number")
    country = (_text(raw, "country", where) or "").upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise _problem(where, f"country '{country}' is not a two-letter code")
    return Hospital(key, _text(raw, "name", where) or "", _text(raw, "local_name", where, required=False),
                    _text(raw, "city", where) or "", country, _text(raw, "airport", where, required=False),
                    tuple(accreditations), _text(raw, "car_t_experience", where, required=False), treated,
                    _texts(raw, "languages", where), {k: v.strip() for k, v in international.items() if v.strip()},
                    tuple(doctors), _text(raw, "notes", where, required=False))


def _journey(raw: Any, where: str) -> tuple[JourneyStage, ...]:
    if not isinstance(raw, list) or not raw:
        raise _problem(where, "'journey' must list its steps")
    stages = []
    for entry in raw:
        step = entry.get("step") if isinstance(entry, Mapping) else None
        if not step:
            raise _problem(where, "each journey entry needs a 'step'")
        if entry.get("at_home"):
            stages.append(JourneyStage(step, None, None, True))
            continue
        weeks = entry.get("weeks")
        if not (isinstance(weeks, list) and len(weeks) == 2 and all(isinstance(w, int) and w >= 1 for w in weeks)
                and weeks[0] <= weeks[1]):
            raise _problem(where, f"journey step '{step}' needs weeks = [first, last], counted from 1")
        stages.append(JourneyStage(step, weeks[0], weeks[1]))
    if all(s.at_home for s in stages):
        raise _problem(where, "the journey has no step in the hospital")
    return tuple(stages)


def _offer(key: str, raw: Mapping[str, Any], catalogue: Mapping[str, Mapping[str, Any]]) -> Offer:
    where = f"offer '{key}'"
    hospital = _text(raw, "hospital", where) or ""
    if hospital not in catalogue["hospitals"]:
        raise _problem(where, f"hospital '{hospital}' is not in the catalogue")
    approval = _text(raw, "approval", where) or ""
    if approval not in APPROVAL_STATES:
        raise _problem(where, f"approval '{approval}' is not one of {', '.join(APPROVAL_STATES)}")
    registry = _text(raw, "registry", where, required=False)
    if approval == "clinical_trial" and not registry:
        raise _problem(where, "a clinical trial names its registry number ('registry')")
    for name in ("indications", "excludes", "records"):
        for value in _texts(raw, name, where):
            home = {"indications": "indications", "excludes": "exclusions", "records": "records"}[name]
            if value not in catalogue[home]:
                raise _problem(where, f"'{value}' in '{name}' is not in [{home}]")
    currency = (_text(raw, "currency", where) or "").upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise _problem(where, f"currency '{currency}' is not a three-letter code")
    items = []
    for entry in raw.get("medical", []):
        if not isinstance(entry, Mapping) or not entry.get("item"):
            raise _problem(where, "each medical line item needs an 'item', a 'min' and a 'max'")
        low, high = _amount(entry.get("min"), where), _amount(entry.get("max"), where)
        if low > high:
            raise _problem(where, f"line item '{entry['item']}': min {low} is above max {high}")
        items.append(PriceItem(str(entry["item"]), low, high))
    if not items:
        raise _problem(where, "no medical line items")
    if len({i.item for i in items}) != len(items):
        raise _problem(where, "a medical line item is listed twice")
    return Offer(key, hospital, _text(raw, "program", where) or "", _text(raw, "product", where) or "", approval,
                 registry, _texts(raw, "indications", where), _texts(raw, "excludes", where), _texts(raw, "records", where),
                 bool(raw.get("requires_companion", False)), currency, tuple(items), _journey(raw.get("journey"), where))


def parse_catalogue(document: Mapping[str, Any], *, revision: int = 0, changed_at: datetime | None = None,
                    changed_by: int | None = None) -> Catalogue:
    """Check a catalogue document (the TOML file's shape) and read it; ValidationError naming the
    hospital, offer or field that is wrong, so an admin's edit never publishes half a catalogue."""
    tables = {name: _table(document, name) for name in ("records", "exclusions", "indications", "hospitals", "offers")}
    records = {}
    for key, raw in tables["records"].items():
        labels = raw.get("labels", {})
        if not isinstance(labels, Mapping) or not all(isinstance(v, str) for v in labels.values()):
            raise _problem(f"record '{key}'", "'labels' must be a table of text by language")
        records[key] = RecordKind(key, _text(raw, "label", f"record '{key}'") or "", dict(labels))
    exclusions = {key: Exclusion(key, _text(raw, "label", f"exclusion '{key}'") or "", _texts(raw, "patterns", key))
                  for key, raw in tables["exclusions"].items()}
    indications = {}
    for key, raw in tables["indications"].items():
        indications[key] = Indication(key, _text(raw, "category", f"indication '{key}'") or "",
                                      _text(raw, "label", f"indication '{key}'") or "", _texts(raw, "patterns", key))
    hospitals = {key: _hospital(key, raw) for key, raw in tables["hospitals"].items()}
    offers = {key: _offer(key, raw, tables) for key, raw in tables["offers"].items()}
    return Catalogue(records, exclusions, indications, hospitals, offers, revision, changed_at, changed_by)


def read_catalogue_file(path: Path) -> dict[str, Any]:
    """A catalogue TOML file as a document, checked; ValidationError saying what is wrong."""
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except OSError as error:
        raise ValidationError(f"cannot read {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ValidationError(f"{path} is not valid TOML: {error}") from None
    parse_catalogue(document)
    return document


def seed_document(folder: Path | None = None) -> dict[str, Any]:
    """The catalogue a new database starts with: hospitals.toml in the content folder."""
    return read_catalogue_file((folder or content_dir()) / SEED_FILE)


def document_sha256(document: Mapping[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- the database's catalogue


def _jsonable(document: Mapping[str, Any]) -> dict[str, Any]:
    """TOML gives ints, floats and strings only, but an edited document may hold Decimals."""
    result: dict[str, Any] = json.loads(json.dumps(document, default=str))
    return result


def _newest(session: Session) -> CatalogueRevision | None:
    return session.scalars(select(CatalogueRevision).order_by(CatalogueRevision.revision.desc()).limit(1)).first()


def _from_row(row: CatalogueRevision) -> Catalogue:
    return parse_catalogue(row.document, revision=row.revision, changed_at=row.changed_at, changed_by=row.changed_by)


def catalogue_in(session: Session) -> Catalogue | None:
    """The newest revision stored, or None while the database has none."""
    row = _newest(session)
    return _from_row(row) if row is not None else None


def current_catalogue(db: Database, *, clock: Clock = utc_now) -> Catalogue:
    """The catalogue of `db`: its newest revision, or (for a database that has none yet) the seed
    file stored as revision 1. On a team database where the caller may not write it, the seed is
    read without storing it."""
    with db.read() as session:
        found = catalogue_in(session)
    if found is not None:
        return found
    document = seed_document()
    try:
        return publish_catalogue(db, document, note=f"seeded from {SEED_FILE}", clock=clock, only_if_empty=True)
    except DBAPIError:  # a team member who may not publish: the seed, unsaved, is the same catalogue
        return parse_catalogue(document)


def publish_catalogue(db: Database, document: Mapping[str, Any], *, actor_id: int | None = None, note: str | None = None,
                      clock: Clock = utc_now, only_if_empty: bool = False) -> Catalogue:
    """Check `document` and store it as the next revision (who, when, what changed in `note`).
    Publishing the same document as the newest revision stores nothing and returns it."""
    parse_catalogue(document)
    stored = _jsonable(document)
    digest = document_sha256(stored)
    with db.write() as session:
        newest = _newest(session)
        if newest is not None and (only_if_empty or newest.sha256 == digest):
            return _from_row(newest)
        number = (session.scalar(select(func.max(CatalogueRevision.revision))) or 0) + 1
        row = CatalogueRevision(revision=number, document=stored, sha256=digest, changed_by=actor_id,
                                changed_at=clock(), note=note)
        session.add(row)
        session.flush()
        return _from_row(row)


def catalogue_history(db: Database) -> list[CatalogueRevision]:
    """Every revision, newest first (the document included)."""
    with db.read() as session:
        rows = list(session.scalars(select(CatalogueRevision).order_by(CatalogueRevision.revision.desc())))
        session.expunge_all()
    return rows


def record_labels(catalogue: Catalogue, keys: Iterable[str], language: str | None) -> list[str]:
    return [catalogue.record(k).label_in(language) for k in keys]
