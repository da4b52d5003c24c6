"""A solo SQLite database copied into a team database on the suite's PostgreSQL server: every row and
every audit entry arrives, checksums match, a damaged copy is caught, a non-empty team is refused
unless merging, and merging runs the duplicate rule."""
from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text, update

from app.domain.clock import FixedClock
from app.domain.errors import NotFoundError, ValidationError
from app.domain.team_migration import (
    MigrationCancelled,
    TargetNotEmptyError,
    TeamNeedsPostgresError,
    VerificationError,
    canonical_value,
    migrate_from,
    table_checksum,
)
from db.case_models import CASE_TABLES
from db.engine import Database
from db.models import AppMeta, Coordinator, Interaction, Lead, StatusChange
from db.schema import metadata

FIXTURES = Path(__file__).resolve().parents[1] / "safety" / "fixtures"
CLOCK = FixedClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
CHILD_TABLES = ("leads", "lead_phones", "interactions", "status_changes", "field_edits")


def build_solo_demo(path: Path, leads: int = 500) -> dict[str, str]:
    """A solo database meeting every table: demo leads with calls and status moves, an edit, a packet,
    a merge, an erasure, settings in app_meta. Returns the references of the leads it adds by hand."""
    from app.domain.demo_data import generate_demo
    from app.domain.lead_records import LeadInput
    from app.domain.leads import InteractionInput, create_lead, get_lead, log_interaction, merge_leads, update_lead
    from app.safety.erasure import erase_person
    from app.storage import open_database

    db = open_database(path, create=True)
    try:
        generate_demo(db, leads - 3, seed=11, clock=CLOCK)
        anna = create_lead(db, LeadInput(full_name="Анна Смирнова", latin_name="Anna Smirnova", country="RU",
                                         phones=[("8 916 765-43-21", "mobile")], email="anna.smirnova@example.ru",
                                         diagnosis="B-ALL relapse", consent_health_data=True, consent_method="web form",
                                         budget_amount=12345.5, budget_currency="USD"), clock=CLOCK)
        update_lead(db, anna.lead_id, get_lead(db, anna.lead_id).version, {"program": "leukemia_b_all"}, clock=CLOCK)
        log_interaction(db, anna.lead_id, InteractionInput(kind="call", outcome="reached", notes="Records by Friday"),
                        move_to="contacted", clock=CLOCK)
        log_interaction(db, anna.lead_id, InteractionInput(kind="packet", details={
            "sha256": "ab" * 32, "language": "ru", "program": "leukemia_b_all", "file": "packet-ru.pdf"}), clock=CLOCK)
        twin = create_lead(db, LeadInput(full_name="Anna Smirnova", email="anna.s@example.com"), clock=CLOCK,
                           check_duplicates=False)
        merge_leads(db, anna.reference, twin.reference, clock=CLOCK)
        gone = create_lead(db, LeadInput(full_name="Erased Person", email="erased@example.com"), clock=CLOCK)
        erase_person(db, gone.reference, clock=CLOCK)
        with db.write() as s:
            s.add_all([AppMeta(key="team.visibility", value="own"), AppMeta(key="desk.note", value="kept")])
        db.checkpoint()
    finally:
        db.dispose()
    return {"anna": anna.reference, "twin": twin.reference, "erased": gone.reference}


@pytest.fixture(scope="module")
def solo_demo(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("solo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEDTOUR_DATA_DIR", str(folder / "data"))
        refs = build_solo_demo(folder / "solo.db")
    return folder / "solo.db", refs


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _open_copy(path: Path, tmp_path: Path) -> Database:
    from app.storage import open_database

    copy = tmp_path / f"copy-of-{path.name}"
    shutil.copy(path, copy)
    return open_database(copy)


def _rows(db: Database, table_name: str, coordinator_map: dict[int, int] | None = None) -> list[dict]:
    table = metadata.tables[table_name]
    pk = next(iter(table.primary_key.columns))
    with db.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(table).order_by(pk))]
    for row in rows:
        if coordinator_map and row.get("coordinator_id") is not None:
            row["coordinator_id"] = coordinator_map[row["coordinator_id"]]
    return rows


def _people_map(solo: Database, team: Database) -> dict[int, int]:
    """solo coordinator id → team coordinator id, by name (the placeholder onto the team's own)."""
    with solo.read() as s, team.read() as t:
        team_ids = {name: cid for cid, name in t.execute(select(Coordinator.id, Coordinator.name))}
        return {cid: team_ids[name] for cid, name in s.execute(select(Coordinator.id, Coordinator.name))}


def _index_definitions(db: Database) -> dict[str, str]:
    with db.engine.connect() as conn:
        return dict(conn.exec_driver_sql("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'").all())


def _count(db: Database, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.postgres
def test_every_row_and_audit_entry_arrives_and_checksums_match(solo_demo, postgres_db, tmp_path):
    path, refs = solo_demo
    before = _sha(path)
    indexes = _index_definitions(postgres_db)
    report = migrate_from(path, postgres_db)
    assert _sha(path) == before  # the user's file was only read
    assert _index_definitions(postgres_db) == indexes  # rebuilt after the copy, as they were
    assert any("gin_trgm_ops" in d for d in indexes.values())
    assert set(report.tables) == set(metadata.tables) - {"catalogue_revisions"}  # every table but the team's catalogue
    solo = _open_copy(path, tmp_path)
    try:
        people = _people_map(solo, postgres_db)
        for name in CHILD_TABLES:
            solo_rows = _rows(solo, name, people)
            team_rows = _rows(postgres_db, name)
            assert len(team_rows) == len(solo_rows) == report.tables[name].rows
            assert solo_rows or name in CASE_TABLES, name
            assert team_rows == solo_rows, name  # every column of every row, ids kept
            table = metadata.tables[name]
            columns = list(table.columns)
            assert table_checksum(([r[c.name] for c in columns] for r in team_rows), columns) == (
                len(solo_rows), report.tables[name].checksum)
        assert report.tables["interactions"].rows > 500
        # Four named people copied as users to be mapped; the placeholder is the team's own.
        with postgres_db.read() as t:
            team_people = t.execute(select(Coordinator.name, Coordinator.login, Coordinator.placeholder)).all()
        assert sorted(n for n, _login, _p in team_people) == sorted(
            ["Coordinator", "Elena Markova", "Omar Haddad", "Li Wen", "Grace Adeyemi"])
        assert all(login is None for _n, login, _p in team_people)
        assert report.tables["coordinators"].rows == 4
        assert report.people == {"Coordinator": None, "Elena Markova": None, "Omar Haddad": None, "Li Wen": None,
                                 "Grace Adeyemi": None}
        # app_meta: the solo file's own keys, never its team settings.
        with postgres_db.read() as t:
            meta = dict(t.execute(select(AppMeta.key, AppMeta.value)).all())
        assert meta.get("desk.note") == "kept" and "team.visibility" not in meta
        assert "team.visibility" in report.skipped_meta
        # The tombstone, the merge pointer and the packet record came over.
        erased = _rows(postgres_db, "leads")
        by_ref = {r["reference"]: r for r in erased}
        assert by_ref[refs["erased"]]["erased_at"] is not None
        assert by_ref[refs["twin"]]["merged_into_id"] == by_ref[refs["anna"]]["id"]
    finally:
        solo.dispose()


@pytest.mark.postgres
def test_a_lead_reads_the_same_on_both_sides_and_numbering_continues(solo_demo, postgres_db, tmp_path):
    from app.domain.lead_records import LeadInput
    from app.domain.lead_reference import format_reference
    from app.domain.leads import InteractionInput, create_lead, get_lead, log_interaction

    path, refs = solo_demo
    migrate_from(path, postgres_db)
    solo = _open_copy(path, tmp_path)
    try:
        for ref in (refs["anna"], refs["twin"], refs["erased"], "L-2026-00007"):
            mine, theirs = asdict(get_lead(solo, ref)), asdict(get_lead(postgres_db, ref))
            assert theirs == mine, ref
        anna = get_lead(postgres_db, refs["anna"])
        assert "Records by Friday" in [i.notes for i in anna.interactions]
        assert any(i.kind == "packet" and i.details["sha256"] == "ab" * 32 for i in anna.interactions)
        with solo.read() as s:
            last_id = s.scalar(select(func.max(Lead.id)))
    finally:
        solo.dispose()
    new = create_lead(postgres_db, LeadInput(full_name="After Migration", email="after@example.com"), clock=CLOCK)
    assert new.reference == format_reference(2026, 501)  # the references (and the ids) go on
    assert new.lead_id == last_id + 1
    logged = log_interaction(postgres_db, new.reference, InteractionInput(kind="call", outcome="reached"), clock=CLOCK)
    assert logged.reference == new.reference  # the child sequences were moved on too


@pytest.mark.postgres
def test_a_team_database_with_leads_is_refused_unless_merging(solo_demo, postgres_db):
    path, _refs = solo_demo
    migrate_from(path, postgres_db)
    counts = {m.__tablename__: _count(postgres_db, m) for m in (Lead, Interaction, StatusChange, Coordinator)}
    with pytest.raises(TargetNotEmptyError, match=r"already holds 500 leads.*--merge"):
        migrate_from(path, postgres_db)
    assert {m.__tablename__: _count(postgres_db, m) for m in (Lead, Interaction, StatusChange, Coordinator)} == counts


@pytest.mark.postgres
def test_merge_runs_the_duplicate_rule_and_adds_the_rest(solo_demo, postgres_db):
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead, get_lead

    path, refs = solo_demo
    # The team already knows Anna (same phone, written another way) and has a lead of its own
    # holding the reference L-2026-00001.
    team_anna = create_lead(postgres_db, LeadInput(full_name="Anna S.", phones=[("+7 916 765 43 21", "mobile")], country="RU"),
                            clock=CLOCK)
    other = create_lead(postgres_db, LeadInput(full_name="Team Only", email="team.only@example.com"), clock=CLOCK)
    assert (team_anna.reference, other.reference) == ("L-2026-00001", "L-2026-00002")
    report = migrate_from(path, postgres_db, merge=True, clock=CLOCK)
    assert report.merged == [(refs["anna"], team_anna.reference)]
    assert report.added == 499
    assert _count(postgres_db, Lead) == 2 + 500
    merged = get_lead(postgres_db, team_anna.reference)
    assert "Records by Friday" in [i.notes for i in merged.interactions]  # the solo lead's calls moved onto it
    assert any(i.kind == "packet" for i in merged.interactions)
    assert merged.program == "leukemia_b_all" and merged.email == "anna.smirnova@example.ru"  # filled in by the merge
    assert any(c.to_status == "contacted" for c in merged.status_history)
    # The solo lead remains as a duplicate pointing at the team lead, like any merge.
    with postgres_db.read() as s:
        solo_anna = s.scalars(select(Lead).where(Lead.full_name == "Анна Смирнова")).one()
        assert solo_anna.status == "duplicate" and solo_anna.merged_into_id == team_anna.lead_id
        # References the team had are renumbered; the rest kept.
        assert report.renumbered == {"L-2026-00001": "L-2026-00501", "L-2026-00002": "L-2026-00502"}
        assert s.scalar(select(func.count()).select_from(Lead).where(Lead.reference == "L-2026-00003")) == 1
        assert s.scalar(select(func.count(func.distinct(Lead.reference)))) == 502
    assert report.to_json()["merged"]["leads_merged"] == 1 and report.to_json()["merged"]["leads_added"] == 499
    json.dumps(report.to_json())


@pytest.mark.postgres
def test_merging_the_same_file_again_does_not_double_the_people(solo_demo, postgres_db):
    path, _refs = solo_demo
    migrate_from(path, postgres_db)
    people = _count(postgres_db, Coordinator)
    report = migrate_from(path, postgres_db, merge=True, clock=CLOCK)
    assert _count(postgres_db, Coordinator) == people
    assert len(report.merged) > 400  # every live lead is its own duplicate


@pytest.mark.postgres
@pytest.mark.parametrize("damage", ["changed", "deleted"])
def test_a_damaged_copy_is_caught_and_nothing_is_kept(solo_demo, postgres_db, damage):
    path, _refs = solo_demo
    people = _count(postgres_db, Coordinator)

    def tamper(session) -> None:
        victim = session.scalar(select(StatusChange.id).order_by(StatusChange.id.desc()).limit(1))
        if damage == "changed":
            session.execute(update(StatusChange).where(StatusChange.id == victim).values(reason="tampered"))
        else:
            session.execute(delete(StatusChange).where(StatusChange.id == victim))

    with pytest.raises(VerificationError, match="status_changes did not verify"):
        migrate_from(path, postgres_db, before_verify=tamper)
    assert _count(postgres_db, Lead) == 0 and _count(postgres_db, StatusChange) == 0
    assert _count(postgres_db, Coordinator) == people


@pytest.mark.postgres
def test_cancel_keeps_nothing_and_progress_reaches_the_end(solo_demo, postgres_db):
    path, _refs = solo_demo
    seen: list[tuple[int, int]] = []
    with pytest.raises(MigrationCancelled):
        migrate_from(path, postgres_db, progress=lambda done, total: seen.append((done, total)), cancel=lambda: len(seen) >= 2)
    assert _count(postgres_db, Lead) == 0 and len(seen) >= 2
    seen.clear()
    report = migrate_from(path, postgres_db, progress=lambda done, total: seen.append((done, total)))
    total = sum(t.rows for t in report.tables.values())
    assert seen[-1] == (total, total) and [d for d, _t in seen] == sorted(d for d, _t in seen)


@pytest.mark.postgres
def test_people_map_puts_history_on_a_team_user(solo_demo, postgres_db):
    path, _refs = solo_demo
    with postgres_db.write() as s:
        omar = Coordinator(name="Omar H.", email="omar@team.example", login="omar", role="coordinator", languages=["ar"],
                           countries=[], active=True, created_at=CLOCK())
        s.add(omar)
        s.flush()
        omar_id = omar.id
    report = migrate_from(path, postgres_db, people_map={"omar haddad": "omar"})
    assert report.people["Omar Haddad"] == "omar"
    with postgres_db.read() as s:
        names = list(s.scalars(select(Coordinator.name)))
        assert "Omar Haddad" not in names  # not copied: he is the team's "omar"
        assert s.scalar(select(func.count()).select_from(Interaction).where(Interaction.coordinator_id == omar_id)) > 0
        assert s.scalar(select(func.count()).select_from(Lead).where(Lead.coordinator_id == omar_id)) > 0
    with pytest.raises(ValidationError, match="no user 'nobody' in the team database"):
        migrate_from(path, postgres_db, people_map={"Li Wen": "nobody"}, merge=True)
    with pytest.raises(ValidationError, match="no person 'Zed' in the solo file"):
        migrate_from(path, postgres_db, people_map={"Zed": "omar"}, merge=True)


@pytest.mark.postgres
def test_an_old_schema_file_is_upgraded_as_a_copy_and_migrated(postgres_db, tmp_path):
    expected = json.loads((FIXTURES / "schema_0001.json").read_text(encoding="utf-8"))
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_0001.db", path)
    before = _sha(path)
    report = migrate_from(path, postgres_db)
    assert _sha(path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]  # untouched, no side files
    assert report.source_revision == "0001"
    for name, count in expected["counts"].items():
        assert report.tables[name].rows == count
        with postgres_db.read() as s:
            assert s.scalar(select(func.count()).select_from(metadata.tables[name])) == count
    from app.domain.leads import get_lead

    lead = get_lead(postgres_db, expected["lead"]["reference"])
    assert (lead.full_name, lead.status, lead.program) == (expected["lead"]["full_name"], expected["lead"]["status"],
                                                           expected["lead"]["program"])
    assert get_lead(postgres_db, expected["lead"]["merged"]).merged_into == expected["lead"]["reference"]


def test_a_team_needs_postgresql(solo_demo, sqlite_db):
    path, _refs = solo_demo
    with pytest.raises(TeamNeedsPostgresError, match="a team needs PostgreSQL"):
        migrate_from(path, sqlite_db)


@pytest.mark.postgres
def test_a_file_that_is_not_a_database_is_refused(postgres_db, tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("not a database\n" * 100)
    with pytest.raises(ValidationError, match="cannot be read as a MedTour Desk database"):
        migrate_from(junk, postgres_db)
    with pytest.raises(NotFoundError, match="no solo database at"):
        migrate_from(tmp_path / "missing.db", postgres_db)


@pytest.mark.parametrize(("value", "text"), [
    (None, None), (True, "t"), (False, "f"), (7, "7"),
    (datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "2026-01-02T03:04:05.000000+00:00"),
    (datetime(2026, 1, 2, 3, 4, 5), "2026-01-02T03:04:05.000000+00:00"),
    ({"b": 1, "a": [2, "я"]}, '{"a":[2,"я"],"b":1}'),
])
def test_canonical_values(value, text):
    assert canonical_value(value) == text


def test_numbers_are_compared_with_the_column_scale():
    column = Lead.__table__.c.budget_amount
    from decimal import Decimal

    assert canonical_value(Decimal("12345.5"), column) == canonical_value(12345.50, column) == "12345.50"
    columns = [Lead.__table__.c.full_name, Lead.__table__.c.companions]
    assert table_checksum([["a", 11]], columns) != table_checksum([["a1", 1]], columns)  # no value runs into the next
    assert table_checksum([["\\N", 1]], columns) != table_checksum([[None, 1]], columns)
    assert table_checksum([["a", 1]], columns) == (1, table_checksum([("a", 1)], columns)[1])


@pytest.fixture
def owner_db(postgres_server):
    """A real team database (`team init`: group roles, forced row-level security, the audit
    triggers) owned by a role that is not a superuser: PostgreSQL refuses COPY FROM into its tables,
    and its triggers would rewrite audit rows for anyone but the owner."""
    import os

    from sqlalchemy import create_engine

    from app.domain.team import team_init
    from app.storage import open_database

    role, name, password = f"mig_owner_{os.getpid()}", f"medtour_rls_{os.getpid()}", "owner-Pass-9"
    admin = create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE ROLE \"{role}\" LOGIN CREATEROLE PASSWORD '{password}'")
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" OWNER "{role}"')
    url = postgres_server.url(name, user=role, password=password)
    team_init(url)
    db = open_database(url)
    yield db
    db.dispose()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for group in ("admin", "manager", "coordinator", "viewer"):
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}_{group}"')
        conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
    admin.dispose()


@pytest.mark.postgres
def test_a_table_under_row_level_security_is_written_with_inserts(solo_demo, owner_db):
    import psycopg

    path, _refs = solo_demo
    raw = owner_db.engine.raw_connection()
    try:  # the premise: this role may not COPY into the table
        with pytest.raises(psycopg.errors.FeatureNotSupported), raw.driver_connection.cursor() as cursor:
            cursor.execute("COPY interactions (lead_id, kind, occurred_at, created_at, details) FROM STDIN").close()
    finally:
        raw.rollback()
        raw.close()
    report = migrate_from(path, owner_db)
    assert _count(owner_db, Interaction) == report.tables["interactions"].rows > 500
    assert _count(owner_db, Lead) == 500
    with sqlite3.connect(path) as solo:
        solo_audit = solo.execute("SELECT c.name, count(*) FROM interactions i JOIN coordinators c "
                                  "ON c.id = i.coordinator_id GROUP BY c.name ORDER BY c.name").fetchall()
    with owner_db.read() as session:
        team_audit = session.execute(text("SELECT c.name, count(*) FROM interactions i JOIN coordinators c "
                                          "ON c.id = i.coordinator_id GROUP BY c.name ORDER BY c.name")).all()
    assert [tuple(r) for r in team_audit] == solo_audit and solo_audit  # the triggers rewrote nobody's entries
