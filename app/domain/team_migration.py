"""Moving a solo database file into a team (PostgreSQL) database: `medtour team migrate-from FILE.db`.

The user's file is never opened for writing: a snapshot is taken with SQLite's backup API (as the
app's backups are, so a desk may keep working on it meanwhile) and checked, and that private copy
is brought to the schema head with the app's own upgrade (`db.migrate.upgrade`, which
`app.storage.open_database` runs; this layer cannot call that) when it is older. Every table of
`db.models` is then copied in one transaction of the team database (all or nothing), in batches of
COPY (multi-row INSERTs where row-level security refuses COPY):

- **people** (coordinators) become users to be mapped: each keeps its name, contacts, languages,
  countries and signature, with no login (so nobody signs in as them) unless `people_map` maps the
  solo person (by name or id) to a login that a user of the team database already has; their
  history is then carried by that user. The solo file's anonymous placeholder "Coordinator" is
  the team database's own placeholder;
- **leads** with every column (erased tombstones, merge pointers and references included), and
  their phones, interactions (packets too), status changes and field edits;
- **the case** of each lead (db.case_models: records and their files, the read log, consents,
  reviews, quotes, people, travel details, schedule), its foreign keys followed like the rest;
- **app_meta**, except the team's own settings (`team.*`) and keys the team database already has.

The partner catalogue is not copied: the team database has its own (its revisions, made by its
admins), which every desk of the team shares.

Into an empty team database (no lead) the ids are kept and the sequences moved past them; the copy
is then verified: per table, the row count and a SHA-256 over the rows in key order, each value in a
canonical text form (times as UTC ISO, numbers with fixed decimals, JSON with sorted keys,
booleans as t/f), computed the same way on both sides. A mismatch rolls everything back and names
the table.

A team database that already holds leads is refused unless ``merge=True``: rows then get new ids
(foreign keys follow), a reference already taken gets the next free number of its year, and each
live solo lead that the duplicate rule (`db.lead_queries.find_by_contact`, the rule new leads and
imports follow) matches to a team lead is merged into it with `leads.merge_leads_in`, as a merge
in the desk would: its interactions, history and edits move onto the team lead.
"""
from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    bindparam,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from app.domain.clock import Clock, utc_now
from app.domain.errors import NotFoundError, UserError, ValidationError
from app.domain.lead_reference import format_reference
from app.domain.leads import merge_leads_in
from app.domain.team import TeamNeedsPostgresError
from db.backup import BackupError, backup_sqlite, file_schema_revision
from db.engine import Database
from db.lead_queries import find_by_contact
from db.migrate import SchemaTooNewError, head_revision, upgrade
from db.models import Coordinator, Lead, LeadPhone
from db.schema import metadata
from db.types import UTCDateTime

__all__ = [
    "MigrationCancelled",
    "MigrationReport",
    "TableReport",
    "TargetNotEmptyError",
    "TeamNeedsPostgresError",
    "VerificationError",
    "canonical_value",
    "migrate_from",
    "table_checksum",
]

ProgressCallback = Callable[[int, int], None]  # (rows done, rows in all)
CancelCheck = Callable[[], bool]

#: Rows read, written and hashed at a time.
CHUNK = 2000
#: app_meta keys that belong to a team (team settings): never copied from a solo file.
TEAM_META_PREFIX = "team."

_REFERENCE = re.compile(r"L-(\d{4})-(\d+)")

_PEOPLE: Table = metadata.tables["coordinators"]
#: The people columns a copy keeps as they are (and that the verification compares).
_PEOPLE_COLUMNS = ("name", "email", "phone", "whatsapp", "signature", "active", "created_at", "languages", "countries", "placeholder")


class TargetNotEmptyError(UserError):
    """The team database already holds leads and no merge was asked for."""


class VerificationError(UserError):
    """The copy did not read back as it was written; nothing was kept."""


class MigrationCancelled(UserError):  # noqa: N818 - the user's choice, not an error
    """The user stopped the migration; nothing was copied."""


@dataclass(frozen=True)
class TableReport:
    rows: int
    #: The verified SHA-256 of the table's copied rows; None when merging (nothing to compare with).
    checksum: str | None


@dataclass
class MigrationReport:
    source: str
    target: str
    #: The solo file's schema revision before its copy was upgraded.
    source_revision: str
    merge: bool
    tables: dict[str, TableReport] = field(default_factory=dict)
    #: Each solo person: the login they were mapped to, or None (a user to be mapped later).
    people: dict[str, str | None] = field(default_factory=dict)
    #: merge: (solo reference, team reference) of each solo lead merged into a team lead.
    merged: list[tuple[str, str]] = field(default_factory=list)
    #: merge: solo leads copied as leads of their own (tombstones included).
    added: int = 0
    #: merge: solo references that were taken in the team database → the reference given instead.
    renumbered: dict[str, str] = field(default_factory=dict)
    #: app_meta keys left out (team settings, keys the team database already had).
    skipped_meta: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source, "target": self.target, "source_revision": self.source_revision,
            "tables": {name: {"rows": t.rows, "checksum": t.checksum} for name, t in self.tables.items()},
            "people": self.people, "skipped_meta": self.skipped_meta,
        }
        if self.merge:
            out["merged"] = {"leads_merged": len(self.merged), "leads_added": self.added,
                             "pairs": [{"solo": solo, "into": team} for solo, team in self.merged],
                             "renumbered": self.renumbered}
        return out


# ---------------------------------------------------------------- canonical form and checksums


def canonical_value(value: Any, column: Column[Any] | None = None) -> str | None:
    """One value as text that reads the same from SQLite and PostgreSQL (None stays None)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        aware = value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.isoformat(timespec="microseconds")
    if isinstance(value, (Decimal, float)):
        scale = getattr(column.type, "scale", None) if column is not None else None
        return f"{Decimal(str(value)):.{scale if scale is not None else 6}f}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dict, list)):
        return _JSON_FORM.encode(value)
    return str(value)


_JSON_FORM = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
_ROW_FORM = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _canonical_time(value: Any) -> str | None:
    if value is None:
        return None
    if value.tzinfo is UTC:  # what UTCDateTime hands back: no conversion to make
        return value.isoformat(timespec="microseconds")
    return canonical_value(value)


def _canonical_json(value: Any) -> str | None:
    return None if value is None else _JSON_FORM.encode(value)


def _canonical_text(value: Any) -> str | None:
    return value if value is None or isinstance(value, str) else canonical_value(value)


def _canonical_int(value: Any) -> str | None:
    return None if value is None else str(int(value))


def _canonical_formatters(columns: Sequence[Column[Any]]) -> list[tuple[int, Callable[[Any], str | None]]]:
    """The canonical form of each column, chosen once per table by its type (the same as
    `canonical_value` gives, without asking each value its type)."""
    out: list[tuple[int, Callable[[Any], str | None]]] = []
    for index, column in enumerate(columns):
        kind = column.type
        if isinstance(kind, (String, Text)) and not isinstance(kind, (JSON, Numeric)):
            out.append((index, _canonical_text))
        elif isinstance(kind, Integer) and not isinstance(kind, Boolean):
            out.append((index, _canonical_int))
        elif isinstance(kind, UTCDateTime):
            out.append((index, _canonical_time))
        elif isinstance(kind, JSON):
            out.append((index, _canonical_json))
        else:
            out.append((index, partial(canonical_value, column=column)))
    return out


class _Checksum:
    """SHA-256 over rows in key order: each row a JSON list of its values' canonical forms (so no
    text inside a value can shift into the next)."""

    def __init__(self, columns: Sequence[Column[Any]]) -> None:
        self.formatters = _canonical_formatters(columns)
        self.digest = hashlib.sha256()
        self.rows = 0

    def add(self, row: Sequence[Any]) -> None:
        self.digest.update(_ROW_FORM.encode([f(row[i]) for i, f in self.formatters]).encode())
        self.digest.update(b"\n")
        self.rows += 1

    def result(self) -> tuple[int, str]:
        return self.rows, self.digest.hexdigest()


def table_checksum(rows: Iterable[Sequence[Any]], columns: Sequence[Column[Any]]) -> tuple[int, str]:
    """(row count, SHA-256 hex) of `rows`, already in key order."""
    checksum = _Checksum(columns)
    for row in rows:
        checksum.add(row)
    return checksum.result()


# ---------------------------------------------------------------- writing rows


def _copy_formatters(columns: Sequence[Column[Any]]) -> list[tuple[int, Callable[[Any], Any]]]:
    """How each value is handed to COPY: times as naive UTC (as UTCDateTime stores them), JSON as text."""
    out: list[tuple[int, Callable[[Any], Any]]] = []
    for index, column in enumerate(columns):
        if isinstance(column.type, UTCDateTime):
            out.append((index, _naive_utc))
        elif isinstance(column.type, JSON):
            out.append((index, _json_text))
    return out


def _naive_utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


class _TableWriter:
    """Rows into one team table: COPY where the server allows it, else multi-row INSERTs (PostgreSQL
    refuses COPY FROM into a table whose row-level security applies to the one copying)."""

    def __init__(self, session: Session, table: Table, names: Sequence[str]) -> None:
        self.session = session
        self.table = table
        self.names = list(names)
        self.columns = [table.c[name] for name in self.names]
        self.copy_ok: bool | None = None  # not tried yet

    def write(self, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        if self.copy_ok is None:
            self.copy_ok = self._try_copy(rows)
            if self.copy_ok:
                return
        if self.copy_ok:
            self._copy(rows)
        else:
            self._insert(rows)

    def _try_copy(self, rows: Sequence[Mapping[str, Any]]) -> bool:
        import psycopg

        try:
            with self.session.begin_nested():
                self._copy(rows)
        except (psycopg.errors.FeatureNotSupported, psycopg.errors.InsufficientPrivilege):
            return False
        return True

    def _copy(self, rows: Sequence[Mapping[str, Any]]) -> None:
        from psycopg import sql

        raw: Any = self.session.connection().connection.driver_connection
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(self.table.name), sql.SQL(", ").join(sql.Identifier(n) for n in self.names))
        formatters = _copy_formatters(self.columns)
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                values = [row[name] for name in self.names]
                for index, fn in formatters:
                    values[index] = fn(values[index])
                copy.write_row(values)

    def _insert(self, rows: Sequence[Mapping[str, Any]]) -> None:
        per_statement = max(1, 30_000 // max(1, len(self.names)))  # well under PostgreSQL's 65,535 parameters
        for start in range(0, len(rows), per_statement):
            part = [{name: row[name] for name in self.names} for row in rows[start:start + per_statement]]
            self.session.execute(insert(self.table).values(part))


# ---------------------------------------------------------------- the solo file


def _open_snapshot(path: Path, folder: Path) -> tuple[Database, str]:
    """A private copy of the solo file at the schema head, and the file's own revision."""
    if not path.is_file():
        raise NotFoundError(f"no solo database at {path}; nothing was copied")
    copy = folder / "solo-snapshot.db"
    try:  # one consistent copy (safe while a desk writes to the file), checked before anything is read
        backup_sqlite(path, copy, check="quick_check")
    except BackupError as exc:
        raise ValidationError(f"{path} cannot be read as a MedTour Desk database ({exc}); nothing was copied") from None
    revision = file_schema_revision(copy)
    if revision is None:
        raise ValidationError(f"{path} is not a MedTour Desk database; nothing was copied")
    solo = Database(copy)
    if revision != head_revision():
        try:
            upgrade(solo)
        except SchemaTooNewError:
            solo.dispose()
            raise ValidationError(f"{path} was written by a newer version of MedTour Desk (schema {revision}); "
                                  "update the app to migrate it. Nothing was copied.") from None
    return solo, revision


# ---------------------------------------------------------------- the plan of the copy


#: Tables the copy leaves alone: the team's own catalogue is the one its desks share.
NOT_COPIED = ("catalogue_revisions",)


def _tables() -> list[Table]:
    return [t for t in metadata.sorted_tables if t.name not in NOT_COPIED]


def _integer_pk(table: Table) -> Column[Any] | None:
    pk = list(table.primary_key.columns)
    if len(pk) == 1 and isinstance(pk[0].type, Integer):
        return pk[0]
    return None


def _referenced_tables() -> set[str]:
    return {fk.column.table.name for table in _tables() for fk in table.foreign_keys}


def _foreign_keys(table: Table) -> dict[str, str]:
    """column name → the table it refers to."""
    return {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}


def _ordered(conn: Connection, table: Table, columns: Sequence[Column[Any]]) -> Iterator[Sequence[Any]]:
    """Every row of `table` in key order (integer keys by the database; others sorted here, so that
    both sides agree whatever their collation)."""
    pk = _integer_pk(table)
    if pk is not None:
        result = conn.execution_options(yield_per=CHUNK).execute(select(*columns).order_by(pk))
        yield from result
        return
    keys = [columns.index(c) for c in table.primary_key.columns]
    rows = list(conn.execute(select(*columns)))
    yield from sorted(rows, key=lambda r: tuple(r[k] for k in keys))


def _chunks(rows: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _allocate_ids(session: Session, table: Table, count: int) -> list[int]:
    """`count` new ids from the table's sequence (a merge's rows get new ids; their children follow)."""
    if count == 0:
        return []
    pk = _integer_pk(table)
    assert pk is not None
    return list(session.scalars(
        text("SELECT nextval(pg_get_serial_sequence(:table, :column)) FROM generate_series(1, :n)"),
        {"table": table.name, "column": pk.name, "n": count},
    ))


def _reset_sequences(session: Session) -> None:
    """Move each sequence past the ids now in its table, so the next new row gets the next id."""
    for table in _tables():
        pk = _integer_pk(table)
        if pk is None:
            continue
        session.execute(text(
            f'SELECT setval(pg_get_serial_sequence(:table, :column), '  # the names come from the models
            f'COALESCE((SELECT max("{pk.name}") FROM "{table.name}"), 1), '
            f'(SELECT max("{pk.name}") FROM "{table.name}") IS NOT NULL)'
        ), {"table": table.name, "column": pk.name})


@contextmanager
def _indexes_built_after(session: Session, tables: Sequence[Table]) -> Iterator[None]:
    """Into tables that start empty: their plain (not unique) indexes are dropped for the copy and
    made again after it, in the same transaction. PostgreSQL builds an index over the rows there
    several times faster than it keeps one up to date row by row (the search's trigram index above
    all). Only the tables' owner may do this; for anyone else the indexes stay as they are."""
    if not tables:
        yield
        return
    found = session.execute(text(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
        "WHERE n.nspname = current_schema() AND t.relname = ANY(:names) AND NOT i.indisunique "
        "AND NOT i.indisprimary AND pg_has_role(t.relowner, 'MEMBER') ORDER BY 1"
    ), {"names": [t.name for t in tables]}).all()
    conn = session.connection()
    for name, _definition in found:
        conn.exec_driver_sql(f"DROP INDEX {name}")  # the name as PostgreSQL quotes it
    yield
    for _name, definition in found:
        conn.exec_driver_sql(definition)


class _Run:
    """One migration: the two databases, the id maps, progress and the report being filled in."""

    def __init__(self, session: Session, report: MigrationReport, *, merge: bool,
                 progress: ProgressCallback | None, cancel: CancelCheck | None) -> None:
        self.session = session
        self.report = report
        self.merge = merge
        self.progress = progress
        self.cancel = cancel
        #: table → {solo id → team id}; a table without an entry keeps its ids.
        self.id_maps: dict[str, dict[int, int]] = {}
        #: table → the team ids (or keys) of the rows copied, for reading them back.
        self.copied_keys: dict[str, list[Any]] = {}
        #: table → (count, checksum) of the solo side, for the verification.
        self.expected: dict[str, tuple[int, str]] = {}
        self.done = 0
        self.total = 0

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel():
            raise MigrationCancelled("migration cancelled; nothing was copied")

    def advance(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None:
            self.progress(self.done, self.total)

    def map_value(self, table_name: str, value: int | None) -> int | None:
        if value is None:
            return None
        mapping = self.id_maps.get(table_name)
        return value if mapping is None else mapping[value]


def _people(run: _Run, solo_conn: Connection, people_map: Mapping[str, str]) -> list[dict[str, Any]]:
    """The solo people to copy (as team rows without ids); fills the coordinators id map with the
    people mapped onto team users (by login) and the placeholder onto the team's own."""
    session = run.session
    table = _PEOPLE
    solo_people = [dict(r._mapping) for r in solo_conn.execute(select(table).order_by(table.c.id))]
    wanted: dict[int, str] = {}
    for key, login in people_map.items():
        matches = [p for p in solo_people if str(p["id"]) == key.strip() or p["name"].casefold() == key.strip().casefold()]
        if not matches:
            known = ", ".join(f"{p['name']} (id {p['id']})" for p in solo_people)
            raise ValidationError(f"no person '{key}' in the solo file; its people are: {known}")
        for person in matches:
            wanted[person["id"]] = login.strip()
    team_users = dict(session.execute(select(Coordinator.login, Coordinator.id).where(Coordinator.login.is_not(None))).all())
    team_placeholder = session.scalar(select(Coordinator.id).where(Coordinator.placeholder.is_(True), Coordinator.is_default.is_(True))
                                      .order_by(Coordinator.id).limit(1))
    # A person copied before (a second file merged into the team) is met again, not doubled: a team
    # row without a login with the same name and email. A login is only ever given by `people_map`.
    unmapped = {(name.casefold(), email or ""): cid for cid, name, email in session.execute(
        select(Coordinator.id, Coordinator.name, Coordinator.email).where(Coordinator.login.is_(None),
                                                                         Coordinator.placeholder.is_(False)))}
    mapping: dict[int, int] = {}
    to_copy: list[dict[str, Any]] = []
    for person in solo_people:
        wanted_login = wanted.get(person["id"])
        again = unmapped.get((person["name"].casefold(), person["email"] or ""))
        if wanted_login is not None:
            login = wanted_login
            if login not in team_users:
                raise ValidationError(f"no user '{login}' in the team database; add them first "
                                      f"(medtour user add {login} --name …), then migrate again. Nothing was copied.")
            mapping[person["id"]] = team_users[login]
            run.report.people[person["name"]] = login
        elif again is not None and not person["placeholder"]:
            mapping[person["id"]] = again
            run.report.people[person["name"]] = None
        elif person["placeholder"] and team_placeholder is not None:
            mapping[person["id"]] = team_placeholder
            run.report.people[person["name"]] = None
        else:
            to_copy.append(person)
            run.report.people[person["name"]] = None
    new_ids = _allocate_ids(session, table, len(to_copy))
    for person, new_id in zip(to_copy, new_ids, strict=True):
        mapping[person["id"]] = new_id
    run.id_maps["coordinators"] = mapping
    rows = []
    for person, new_id in zip(to_copy, new_ids, strict=True):
        # Copied people are users to be mapped: no login, no role beyond a coordinator's, and not the
        # team's default ("who did it" when nobody is signed in).
        rows.append({**person, "id": new_id, "login": None, "role": "coordinator", "is_default": False})
    return rows




def _copy_people(run: _Run, rows: list[dict[str, Any]]) -> None:
    table = _PEOPLE
    if rows:
        run.session.execute(insert(table), rows)
    columns = [table.c[name] for name in _PEOPLE_COLUMNS]
    run.expected["coordinators"] = table_checksum(([r[c.name] for c in columns] for r in rows), columns)
    run.copied_keys["coordinators"] = [r["id"] for r in rows]
    run.advance(len(rows))


def _lead_references(run: _Run, solo_conn: Connection) -> dict[str, str]:
    """merge: solo reference → the reference it gets (the same unless the team database has it)."""
    taken = set(run.session.scalars(select(Lead.reference)))
    solo_refs = list(solo_conn.scalars(select(Lead.reference).order_by(Lead.id)))
    last: dict[int, int] = {}
    for ref in taken | set(solo_refs):
        if m := _REFERENCE.fullmatch(ref):
            year, number = int(m.group(1)), int(m.group(2))
            last[year] = max(last.get(year, 0), number)
    given: dict[str, str] = {}
    for ref in solo_refs:
        if ref not in taken:
            given[ref] = ref
            continue
        m = _REFERENCE.fullmatch(ref)
        year = int(m.group(1)) if m else utc_now().year
        last[year] = last.get(year, 0) + 1
        given[ref] = format_reference(year, last[year])
        run.report.renumbered[ref] = given[ref]
    return given


def _duplicates(run: _Run, solo_conn: Connection) -> dict[int, int]:
    """merge: solo lead id → the team lead it duplicates (by the duplicate rule), before anything is copied."""
    phones: dict[int, list[str]] = {}
    for lead_id, e164 in solo_conn.execute(select(LeadPhone.lead_id, LeadPhone.e164).where(LeadPhone.e164.is_not(None))):
        if e164 is not None:
            phones.setdefault(lead_id, []).append(e164)
    live = solo_conn.execute(select(Lead.id, Lead.email_norm).where(Lead.erased_at.is_(None), Lead.status != "duplicate")
                             .order_by(Lead.id))
    found: dict[int, int] = {}
    for index, (lead_id, email_norm) in enumerate(live):
        if index % 200 == 0:
            run.check_cancel()
        match = find_by_contact(run.session, phones.get(lead_id, []), email_norm)
        if match is not None:
            found[lead_id] = match.id
    return found


def _copy_table(run: _Run, solo_conn: Connection, table: Table, *, references: Mapping[str, str] | None = None) -> None:
    """Copy every row of `table` (not the people, not app_meta) in chunks, remapping foreign keys;
    a reference to the table itself (a lead's merge pointer) is set once every row is in."""
    session = run.session
    columns = list(table.columns)
    pk = _integer_pk(table)
    assert pk is not None, f"{table.name} has no integer key"
    fks = _foreign_keys(table)
    self_refs = [name for name, target in fks.items() if target == table.name]
    needs_map = run.merge and table.name in _referenced_tables()
    mapping: dict[int, int] | None = None
    if needs_map:
        solo_ids = list(solo_conn.scalars(select(pk).order_by(pk)))
        mapping = dict(zip(solo_ids, _allocate_ids(session, table, len(solo_ids)), strict=True))
        run.id_maps[table.name] = mapping
    keep_ids = not run.merge
    # A key that is also a foreign key (a document's bytes, keyed by the document) is the
    # referenced row's id, mapped like any foreign key: kept whatever the team numbers.
    pk_follows = pk.name in fks
    names = [c.name for c in columns if keep_ids or mapping is not None or c is not pk or pk_follows]
    writer = _TableWriter(session, table, names)
    checksum = _Checksum(columns)
    pointers: dict[str, list[dict[str, Any]]] = {name: [] for name in self_refs}
    other_fks = [(name, target) for name, target in fks.items() if target != table.name]
    count = 0
    for chunk in _chunks(_ordered(solo_conn, table, columns)):
        run.check_cancel()
        rows = []
        for source in chunk:
            row = dict(zip((c.name for c in columns), source, strict=True))
            for name, target in other_fks:
                row[name] = run.map_value(target, row[name])
            if mapping is not None:
                row[pk.name] = mapping[row[pk.name]]
            if references is not None:
                row["reference"] = references[row["reference"]]
            if keep_ids:
                checksum.add([row[c.name] for c in columns])
            for name in self_refs:
                if row[name] is not None:  # a table that refers to itself is always mapped (or keeps its ids)
                    pointers[name].append({"row_id": row[pk.name], "value": run.map_value(table.name, row[name])})
                row[name] = None
            rows.append(row)  # without its id when nothing refers to it: the team database numbers it
        writer.write(rows)
        count += len(rows)
        run.advance(len(rows))
    for name, values in pointers.items():
        if values:
            session.execute(update(table).where(pk == bindparam("row_id")).values({name: bindparam("value")}), values)
    run.expected[table.name] = checksum.result() if keep_ids else (count, "")


def _copy_meta(run: _Run, solo_conn: Connection, table: Table) -> None:
    key_column = next(iter(table.primary_key.columns))
    present = set(run.session.scalars(select(key_column)))
    columns = list(table.columns)
    rows = []
    for source in _ordered(solo_conn, table, columns):
        row = dict(zip((c.name for c in columns), source, strict=True))
        key = row[key_column.name]
        if key.startswith(TEAM_META_PREFIX) or key in present:
            run.report.skipped_meta.append(key)
            continue
        rows.append(row)
    if rows:
        run.session.execute(insert(table), rows)
    run.expected[table.name] = table_checksum(([r[c.name] for c in columns] for r in rows), columns)
    run.copied_keys[table.name] = [r[key_column.name] for r in rows]
    run.advance(len(rows))


def _read_back(run: _Run, table: Table) -> tuple[int, str]:
    """(count, checksum) of the copied rows as the team database has them."""
    conn = run.session.connection()
    if table.name == "coordinators":
        columns = [table.c[name] for name in _PEOPLE_COLUMNS]
        ids = run.copied_keys["coordinators"]
        if not ids:
            return table_checksum([], columns)
        return table_checksum(conn.execute(select(*columns).where(table.c.id.in_(ids)).order_by(table.c.id)), columns)
    columns = list(table.columns)
    if table.name in run.copied_keys:
        keys = set(run.copied_keys[table.name])
        key_index = columns.index(next(iter(table.primary_key.columns)))
        return table_checksum((r for r in _ordered(conn, table, columns) if r[key_index] in keys), columns)
    return table_checksum(_ordered(conn, table, columns), columns)


def _verify(run: _Run) -> None:
    for table in _tables():
        rows, checksum = run.expected[table.name]
        found_rows, found = _read_back(run, table)
        if found_rows != rows:
            raise VerificationError(f"the copy of {table.name} did not verify: {rows:,} rows were copied but the team "
                                    f"database holds {found_rows:,}; nothing was kept")
        if found != checksum:
            raise VerificationError(f"the copy of {table.name} did not verify: its checksum differs from the solo "
                                    "file's; nothing was kept")
        run.report.tables[table.name] = TableReport(rows, checksum)


def report_rows(report: MigrationReport) -> int:
    return sum(t.rows for t in report.tables.values())


def migrate_from(
    solo_path: str | Path,
    target_db: Database,
    *,
    merge: bool = False,
    people_map: Mapping[str, str] | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    clock: Clock = utc_now,
    before_verify: Callable[[Session], None] | None = None,
) -> MigrationReport:
    """Copy the solo database at `solo_path` into the team database `target_db` (see the module notes).

    `people_map` maps a solo person (name or id) to a team login. `progress(done, total)` follows the
    rows copied; `cancel()` turning true stops it (MigrationCancelled, nothing kept).
    `before_verify(session)` runs inside the transaction just before the verification (tests use it
    to damage a copied row). Raises TeamNeedsPostgresError, TargetNotEmptyError, VerificationError
    or a ValidationError naming what is wrong with the file; the team database is then unchanged."""
    if target_db.is_sqlite:
        raise TeamNeedsPostgresError(
            "a team needs PostgreSQL: give the team database as --db postgresql://USER@HOST/DB "
            f"(not the SQLite file {target_db.location}); nothing was copied")
    path = Path(solo_path).expanduser().resolve()
    with tempfile.TemporaryDirectory(prefix="medtour-migrate-") as scratch:
        solo, revision = _open_snapshot(path, Path(scratch))
        try:
            report = MigrationReport(source=str(path), target=target_db.location, source_revision=revision, merge=merge)
            with solo.engine.connect() as solo_conn, target_db.write() as session:
                _migrate(solo_conn, session, report, merge=merge, people_map=people_map or {}, progress=progress,
                         cancel=cancel, now=clock(), before_verify=before_verify)
            if progress is not None:
                progress(report_rows(report), report_rows(report))
            return report
        finally:
            solo.dispose()


def _migrate(solo_conn: Connection, session: Session, report: MigrationReport, *, merge: bool,
             people_map: Mapping[str, str], progress: ProgressCallback | None, cancel: CancelCheck | None,
             now: datetime, before_verify: Callable[[Session], None] | None) -> None:
    leads_there = session.scalar(select(func.count()).select_from(Lead)) or 0
    if leads_there and not merge:
        raise TargetNotEmptyError(
            f"the team database already holds {leads_there:,} leads; nothing was copied. "
            "Use --merge to merge the solo file into it (duplicates are merged, the rest added)")
    run = _Run(session, report, merge=merge, progress=progress, cancel=cancel)
    run.total = sum(solo_conn.scalar(select(func.count()).select_from(t)) or 0 for t in _tables())
    people = _people(run, solo_conn, people_map)
    duplicates = _duplicates(run, solo_conn) if merge else {}
    references = _lead_references(run, solo_conn) if merge else None
    bulk = [t for t in _tables() if t.name not in ("coordinators", "app_meta")]
    with _indexes_built_after(session, [] if merge else bulk):
        for table in _tables():
            if table.name == "coordinators":
                _copy_people(run, people)
            elif table.name == "app_meta":
                _copy_meta(run, solo_conn, table)
            else:
                _copy_table(run, solo_conn, table, references=references if table.name == "leads" else None)
    _reset_sequences(session)
    if merge:
        solo_refs = dict(solo_conn.execute(select(Lead.id, Lead.reference)).all())
        actor = session.scalar(select(Coordinator.id).where(Coordinator.login == func.current_user()))
        for solo_id, team_id in duplicates.items():
            run.check_cancel()
            result = merge_leads_in(session, team_id, run.id_maps["leads"][solo_id], now=now, actor_id=actor)
            report.merged.append((solo_refs[solo_id], result.kept))
        report.added = run.expected["leads"][0] - len(report.merged)
        for table in _tables():
            report.tables[table.name] = TableReport(run.expected[table.name][0], None)
        return
    session.flush()
    if before_verify is not None:
        before_verify(session)
    _verify(run)
