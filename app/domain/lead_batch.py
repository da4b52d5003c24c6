"""Creating many leads in one transaction, fast: the import and the demo data use this.

Rows are validated and de-duplicated exactly as `create_lead` does, but inserts go out in batches
(with RETURNING for the new ids) and duplicate checks use an in-memory index of every phone and
email already in the database plus those added so far.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import chain
from typing import Any, cast

from sqlalchemy import JSON, Table, func, insert, select
from sqlalchemy.orm import Session, selectinload

from app.domain.assignment import Assigner, chosen_by
from app.domain.erasure_ledger import ErasedPeople, erased_words
from app.domain.errors import ValidationError
from app.domain.inquiries import Absorbed, absorb_inquiry, inquiry_fingerprint, repeats_inquiry
from app.domain.lead_records import LeadInput
from app.domain.lead_reference import format_reference, next_reference_number
from app.domain.leads import (
    CreateResult,
    ParsedPhone,
    PhoneParser,
    _actor,
    _clean_text,
    inquiry_row,
    normalise_email,
    validate_input,
)
from app.domain.phone import parse_for_storage
from app.domain.pipeline import Status
from app.domain.search_text import build_search_text, fold
from db.models import Interaction, Lead, LeadPhone, StatusChange
from db.types import UTCDateTime

BATCH = 1000


@dataclass
class _Pending:
    lead: dict[str, Any]
    phones: list[dict[str, Any]]
    interactions: list[dict[str, Any]]
    history: list[dict[str, Any]]


@dataclass
class ExtraEvents:
    """What demo data adds beyond the inquiry: a status path and interactions (lead_id filled in)."""

    interactions: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    lead_overrides: dict[str, Any] = field(default_factory=dict)


class LeadBatchWriter:
    def __init__(self, session: Session, *, now: datetime, actor_id: int | None = None,
                 parse_phone: PhoneParser = parse_for_storage) -> None:
        """`parse_phone` reads each typed number: `parse_for_storage`, or a stand-in that gives
        exactly what it gives (the import's numbers parsed ahead in another process)."""
        self.session = session
        self.now = now
        self._parse_phone = parse_phone
        self.actor = _actor(session, actor_id)
        self._pending: list[_Pending] = []
        self._by_phone: dict[str, tuple[int | None, str]] = {}
        self._by_email: dict[str, tuple[int | None, str]] = {}
        self._pending_refs: dict[str, _Pending] = {}
        self._duplicate_inquiries: list[tuple[str, LeadInput, datetime, list[ParsedPhone], str | None]] = []
        #: By lead reference, the fingerprints of the inquiries this batch holds for it (a file
        #: that lists the same row twice adds it once).
        self._fingerprints: dict[str, set[str]] = {}
        self._next_numbers: dict[int, int] = {}
        self._sqlite = session.get_bind().dialect.name == "sqlite"
        self._memos: dict[type, dict[Any, Any]] = {}  # value conversions shared by one flush's inserts
        self._assigner: Assigner | None = None  # the team's rule, loaded at the first lead without a coordinator
        self._chosen_by: str | None = None
        self._erased = ErasedPeople()  # the erasure ledger: people erased at their request
        self._load_contacts()

    def _load_contacts(self) -> None:
        """Every live lead's phones and email, the oldest lead winning (rows come newest first)."""
        live = (Lead.erased_at.is_(None)) & (Lead.status != Status.DUPLICATE.value)
        phones = (
            select(LeadPhone.e164, Lead.id, Lead.reference).join(Lead, Lead.id == LeadPhone.lead_id)
            .where(LeadPhone.e164.is_not(None), live).order_by(Lead.id.desc())
        )
        emails = select(Lead.email_norm, Lead.id, Lead.reference).where(Lead.email_norm.is_not(None), live).order_by(Lead.id.desc())
        self._by_phone = {e164: (lead_id, ref) for e164, lead_id, ref in self._rows(phones)}
        self._by_email = {email: (lead_id, ref) for email, lead_id, ref in self._rows(emails)}

    def _rows(self, stmt) -> Iterable[tuple]:
        """`stmt`'s rows; on SQLite straight from the driver's cursor (a million contacts at
        1,000,000 leads: SQLAlchemy's row objects would triple the time)."""
        if not self._sqlite:
            return self.session.execute(stmt)
        conn = self.session.connection()
        compiled = stmt.compile(dialect=conn.dialect)
        params = compiled.construct_params()
        driver = cast(sqlite3.Connection, conn.connection.driver_connection)
        return driver.execute(str(compiled), [params[name] for name in compiled.positiontup])

    def _reference(self, year: int) -> str:
        if year not in self._next_numbers:
            self._next_numbers[year] = next_reference_number(self.session, year)
        number = self._next_numbers[year]
        self._next_numbers[year] += 1
        return format_reference(year, number)

    def _inquiry(self, data: LeadInput, when: datetime, lead_diagnosis: str | None) -> dict[str, Any]:
        return inquiry_row(data, lead_diagnosis=lead_diagnosis, when=when, now=self.now, actor=self.actor)

    def _assignment(self, data: LeadInput) -> tuple[int | None, datetime | None, str]:
        """(coordinator_id, assigned_at, reason): the one named, or the team's rule's choice."""
        if data.coordinator_id is not None:
            if self._chosen_by is None:
                self._chosen_by = chosen_by(self.session, self.actor)
            return data.coordinator_id, self.now, self._chosen_by
        if self._assigner is None:
            self._assigner = Assigner(self.session, actor=self.actor)
        choice = self._assigner.choose(data.language, data.country)
        self._assigner.given(choice.coordinator_id, self.now)
        return choice.coordinator_id, self.now if choice.coordinator_id is not None else None, choice.reason

    def add(self, data: LeadInput, extra: ExtraEvents | None = None) -> CreateResult:
        """Validate and queue one lead (or attach it to the lead it duplicates). Raises ValidationError."""
        phones, warnings, email_problem = validate_input(data, self._parse_phone)
        email_norm = normalise_email(data.email) if not email_problem else None
        when = data.inquiry_at or self.now
        match = None
        for _position, _kind, phone in phones:
            if phone.e164 and phone.e164 in self._by_phone:
                match = self._by_phone[phone.e164]
                break
        if match is None and email_norm and email_norm in self._by_email:
            match = self._by_email[email_norm]
        if match is not None:
            lead_id, reference = match
            fingerprint = inquiry_fingerprint(data, when)
            seen = self._fingerprints.setdefault(reference, set())
            if fingerprint in seen or (lead_id is not None and repeats_inquiry(self.session, lead_id, data, when)):
                return CreateResult(lead_id or 0, reference, duplicate_of=reference, warnings=warnings,
                                    absorbed=Absorbed(repeated=True))
            seen.add(fingerprint)
            self._duplicate_inquiries.append((reference, data, when, phones, email_norm))
            for _position, _kind, phone in phones:  # later rows with this number find the same lead
                if phone.e164:
                    self._by_phone.setdefault(phone.e164, match)
            if email_norm:
                self._by_email.setdefault(email_norm, match)
            return CreateResult(lead_id or 0, reference, duplicate_of=reference, warnings=warnings)

        if self._erased and (erased_on := self._erased.erased_on([p.e164 for _pos, _kind, p in phones], [email_norm])):
            raise ValidationError(erased_words(erased_on))
        reference = self._reference(self.now.year)
        keys: list[str] = []
        for _position, _kind, phone in phones:
            keys.extend(phone.search_keys if phone.e164 else ["".join(c for c in phone.raw if c.isdigit())])
        messengers = {k: v.strip() for k, v in data.messengers.items() if v and v.strip()}
        full_name = data.full_name.replace("\x00", "").strip()
        latin = _clean_text(data.latin_name)
        coordinator_id, assigned_at, assignment_reason = self._assignment(data)
        row: dict[str, Any] = dict(
            reference=reference, full_name=full_name, latin_name=latin,
            sort_name=fold(latin or full_name)[:200],
            country=data.country.upper() if data.country else None, language=data.language or None,
            timezone=data.timezone or None, email=(data.email or "").strip() or None, email_norm=email_norm,
            messengers=messengers, source=_clean_text(data.source, 100), diagnosis=_clean_text(data.diagnosis),
            diagnosis_category=data.diagnosis_category, program=data.program, budget_amount=data.budget_amount,
            budget_currency=data.budget_currency, companions=max(0, int(data.companions or 0)),
            status=Status.NEW.value, status_reason=None,
            coordinator_id=coordinator_id, assigned_at=assigned_at, assignment_reason=assignment_reason,
            next_follow_up=data.next_follow_up, consent_health_data=bool(data.consent_health_data),
            consent_at=when if data.consent_health_data else None,
            consent_method=data.consent_method if data.consent_health_data else None,
            inquiry_at=when, first_contact_at=None, last_contact_at=None, created_at=self.now, updated_at=self.now,
            erased_at=None, version=1,
            search_text=build_search_text(reference=reference, full_name=full_name, latin_name=latin,
                                          email=data.email, phone_keys=keys, extra=messengers.values()),
        )
        history = [dict(from_status=None, to_status=Status.NEW.value, reason="inquiry received",
                        coordinator_id=self.actor, changed_at=when)]
        interactions = [self._inquiry(data, when, row["diagnosis"])]
        self._fingerprints[reference] = {interactions[0]["details"]["fingerprint"]}
        if extra is not None:
            row.update(extra.lead_overrides)
            history.extend(dict(h) for h in extra.history)  # copies: flush fills in lead_id
            interactions.extend(dict(i) for i in extra.interactions)
        pending = _Pending(
            lead=row,
            phones=[dict(position=position, kind=kind, raw=p.raw, e164=p.e164, valid=p.valid, region=p.region)
                    for position, kind, p in phones],
            interactions=interactions,
            history=history,
        )
        self._pending.append(pending)
        self._pending_refs[reference] = pending
        for _position, _kind, phone in phones:
            if phone.e164:
                self._by_phone.setdefault(phone.e164, (None, reference))
        if email_norm:
            self._by_email.setdefault(email_norm, (None, reference))
        if len(self._pending) >= BATCH:
            self.flush()
        return CreateResult(0, reference, warnings=warnings)

    def flush(self) -> None:
        self._memos = {}
        if self._pending:
            rows = [p.lead for p in self._pending]
            if self._sqlite:
                # This transaction holds SQLite's write lock (BEGIN IMMEDIATE), so the ids SQLite
                # would pick (one past the largest) can be given here: no RETURNING needed.
                next_id = (self.session.scalar(select(func.max(Lead.id))) or 0) + 1
                for offset, row in enumerate(rows):
                    row["id"] = next_id + offset
                self._insert(Lead, rows)
                ids = {row["reference"]: row["id"] for row in rows}
            else:
                # New ids come back matched by reference (unique). Asking SQLAlchemy for them in
                # parameter order makes it send one INSERT per row; unordered, ~1,000 per statement.
                table = cast(Table, Lead.__table__)
                ids = dict(self.session.execute(insert(table).returning(table.c.reference, table.c.id), rows).all())
            phones, interactions, history = [], [], []
            for pending in self._pending:
                lead_id = ids[pending.lead["reference"]]
                # The writer made these dicts (copied what callers gave): filled in place.
                for child in (*pending.phones, *pending.interactions, *pending.history):
                    child["lead_id"] = lead_id
                phones.extend(pending.phones)
                interactions.extend(pending.interactions)
                history.extend(pending.history)
            self._insert(LeadPhone, phones)
            self._insert(Interaction, interactions)
            self._insert(StatusChange, history)
            self._pending.clear()
            self._pending_refs.clear()
        if self._duplicate_inquiries:
            # What each duplicate brings is added to its lead (app.domain.inquiries): few rows of
            # a file are duplicates, so through the ORM, one lead at a time.
            refs = {entry[0] for entry in self._duplicate_inquiries}
            leads = {lead.reference: lead for lead in self.session.scalars(
                select(Lead).where(Lead.reference.in_(refs)).options(selectinload(Lead.phones)))}
            for ref, data, when, parsed, email_norm in self._duplicate_inquiries:
                absorb_inquiry(self.session, leads[ref], data, parsed, email_norm, when=when, now=self.now, actor=self.actor)
            self._duplicate_inquiries.clear()

    def _insert(self, model, rows: Iterable[dict[str, Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        keys = rows[0].keys()
        if self._sqlite and all(row.keys() == keys for row in rows):
            _insert_multirow(self.session, model.__table__, rows, self._memos)
        else:  # Core executemany: no ORM bookkeeping for rows nobody holds
            self.session.execute(insert(model.__table__), rows)


#: SQLite's limit on parameters in one statement (SQLITE_MAX_VARIABLE_NUMBER, 32,766 since 3.32).
_SQLITE_MAX_PARAMETERS = 32_766


def _insert_multirow(session: Session, table: Table, rows: list[dict[str, Any]],
                     memos: dict[type, dict[Any, Any]] | None = None) -> None:
    """INSERT `rows` (all with the same keys) as multi-row VALUES statements on the driver's cursor,
    each value passed through its column type's bind processor: the values SQLAlchemy's insert
    sends, without its per-value bookkeeping. Multi-row statements, not executemany: with the FTS5
    trigger on leads, one statement per row costs 2.5 times as much.

    Timestamps and small JSON objects recur (the import's time, each inquiry's time in three
    tables, ``{}``, ``{"source": "Website form"}``): each distinct one is converted once, and
    `memos` (by column type) can carry the conversions from one call to the next."""
    conn = session.connection()
    dialect = conn.dialect
    memos = {} if memos is None else memos
    names = [column.name for column in table.columns if column.name in rows[0]]
    converters: list[tuple[int, Callable[[list[Any]], list[Any]]]] = []
    for i, name in enumerate(names):
        column_type = table.c[name].type
        proc = column_type.dialect_impl(dialect).bind_processor(dialect)
        if proc is None:
            continue
        if isinstance(column_type, UTCDateTime):
            converters.append((i, partial(_convert_hashable, proc, memos.setdefault(UTCDateTime, {}))))
        elif isinstance(column_type, JSON):
            converters.append((i, partial(_convert_json, proc, memos.setdefault(type(column_type), {}))))
        else:
            converters.append((i, partial(_convert_each, proc)))
    per_statement = max(1, min(1000, _SQLITE_MAX_PARAMETERS // len(names)))
    one_row = "(" + ", ".join("?" for _ in names) + ")"
    head = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES "
    cursor = cast(sqlite3.Connection, conn.connection.driver_connection).cursor()
    try:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            columns = [[row[name] for row in chunk] for name in names]
            for i, convert in converters:
                columns[i] = convert(columns[i])
            params = list(chain.from_iterable(zip(*columns, strict=False)))
            cursor.execute(head + ", ".join(one_row for _ in chunk), params)
    finally:
        cursor.close()


def _convert_each(proc: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    return [proc(value) for value in values]


def _convert_hashable(proc: Callable[[Any], Any], memo: dict[Any, Any], values: list[Any]) -> list[Any]:
    """For timestamps: equal datetimes convert alike (naive and aware ones never compare equal;
    equal aware ones are one instant, stored as the same naive UTC)."""
    for value in set(values).difference(memo):
        memo[value] = proc(value)
    return list(map(memo.__getitem__, values))


def _json_key(value: Any) -> tuple[tuple[str, str], ...] | None:
    """A key for a JSON object of strings only (two such objects with equal keys serialise alike);
    None for anything else, which is converted each time."""
    if type(value) is not dict:
        return None
    items = tuple(value.items())
    for key, item in items:
        if type(key) is not str or type(item) is not str:
            return None
    return items


def _convert_json(proc: Callable[[Any], Any], memo: dict[Any, Any], values: list[Any]) -> list[Any]:
    out = []
    for value in values:
        key = _json_key(value)
        if key is None:
            out.append(proc(value))
        else:
            converted = memo.get(key)
            if converted is None:
                converted = memo[key] = proc(value)
            out.append(converted)
    return out


