"""The batch writer behind the import and the demo data."""
from __future__ import annotations

import csv
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from app.domain.clock import FixedClock
from app.domain.demo_data import generate_demo
from app.domain.errors import ValidationError
from app.domain.lead_batch import LeadBatchWriter, _validate
from app.domain.lead_import import import_csv
from app.domain.lead_records import LeadInput
from app.domain.leads import validate_input
from app.storage import open_database
from db.models import Lead


def _add(db, clock, name: str, phone: str) -> str:
    with db.write() as session:
        writer = LeadBatchWriter(session, now=clock())
        result = writer.add(LeadInput(full_name=name, phones=[(phone, "mobile")]))
        writer.flush()
    return result.reference


def test_references_continue_past_99999(sqlite_db, clock):
    """Past 99,999 leads a year the reference grows a digit; the next one follows the largest number,
    not the largest text ('L-2026-99999' sorts after 'L-2026-100000')."""
    first = _add(sqlite_db, clock, "Anna Smirnova", "+7 916 123-45-67")
    second = _add(sqlite_db, clock, "Ivan Petrov", "+7 916 123-45-68")
    with sqlite_db.write() as session:
        session.execute(update(Lead).where(Lead.reference == first).values(reference="L-2026-99999"))
        session.execute(update(Lead).where(Lead.reference == second).values(reference="L-2026-100000"))
    assert _add(sqlite_db, clock, "Olga Volkova", "+7 916 123-45-69") == "L-2026-100001"
    with sqlite_db.read() as session:
        assert len(session.scalars(select(Lead.reference)).all()) == 3


# --- the batch writer's validation is validate_input's ----------------------------------------


def _outcome(check, data):
    try:
        result = check(data)
    except ValidationError as exc:
        return ("rejected", str(exc))
    if check is validate_input:
        phones, warnings = result
        rows = [(p.position, p.kind, p.raw, p.e164, bool(p.valid), p.region) for p in phones]
    else:
        phones, warnings, _email_problem = result
        rows = [(position, kind, p.raw, p.e164, p.valid, p.region) for position, kind, p in phones]
    return ("accepted", rows, warnings)


def _assert_same(data: LeadInput) -> None:
    assert _outcome(_validate, data) == _outcome(validate_input, data), data


CASES = [
    LeadInput(full_name="Иван Петров", phones=[("8 916 123-45-67", "mobile"), ("+7 916 123 45 67", "whatsapp")], country="RU"),
    LeadInput(full_name="  ", phones=[("+7 916 123 45 67", "mobile")]),
    LeadInput(full_name="x" * 501, email="a@b.co"),
    LeadInput(full_name="No Way", phones=[("12", "mobile")], email="not-an-email"),
    LeadInput(full_name="No Way", phones=[], email=None),
    LeadInput(full_name="Messenger Only", messengers={"telegram": "@someone"}),
    LeadInput(full_name="Flagged", phones=[("000", "mobile"), ("", "other"), ("0803 123 4567", None)], country="NG", email="x@y.ng"),
    LeadInput(full_name="Bad Category", email="a@b.co", diagnosis_category="flu"),
    LeadInput(full_name="Nul\x00Name", phones=[("00971501234567", "mobile")], country="US"),
]


@pytest.mark.parametrize("data", CASES, ids=range(len(CASES)))
def test_batch_validation_is_validate_input(data):
    _assert_same(data)


_phone_text = st.one_of(
    st.sampled_from(["8 (916) 123-45-67", "+7 916 123 45 67", "0803 123 4567", "050 123 4567", "12", "", "   ", "+999 1"]),
    st.text(alphabet="0123456789+()- ", max_size=16),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(["Anna", "", "  ", "x" * 501, "Ли На"]),
    phones=st.lists(st.tuples(_phone_text, st.sampled_from(["mobile", "whatsapp", "", "other"])), max_size=3),
    email=st.sampled_from([None, "", "a@b.co", "bad", "x@y"]),
    country=st.sampled_from([None, "RU", "NG", "ae", "XX"]),
    messengers=st.sampled_from([{}, {"telegram": " "}, {"wechat": "wx1"}]),
    category=st.sampled_from([None, "lymphoma", "flu"]),
)
def test_batch_validation_is_validate_input_on_random_leads(name, phones, email, country, messengers, category):
    _assert_same(LeadInput(full_name=name, phones=phones, email=email, country=country, messengers=messengers,
                           diagnosis_category=category))


# --- SQLite's direct inserts store exactly what SQLAlchemy's Core insert stores ----------------


def _fill(tmp_path, name, monkeypatch, *, portable: bool):
    """Demo data plus an import (budgets, messengers, a repeat inquiry) into a new database; every
    stored row back. `portable` takes the path other backends take (RETURNING, Core inserts)."""
    if portable:
        original = LeadBatchWriter.__init__

        def init(self, *args, **kwargs):
            original(self, *args, **kwargs)
            self._sqlite = False

        monkeypatch.setattr(LeadBatchWriter, "__init__", init)
    clock = FixedClock(datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc))
    db = open_database(tmp_path / name)
    generate_demo(db, 120, seed=9, clock=clock)
    path = tmp_path / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Name", "Phone", "Email", "Country", "Budget", "Companions", "Telegram", "Submitted", "Message"])
        out.writerow(["Анна Смирнова", "8 903 555 12 34", "anna@example.ru", "Russia", "$100,000", "2", "@anna", "2026-10-02 09:14", "Нужна информация"])
        out.writerow(["Li Na", "+86 138 0013 8000", "", "China", "", "", "", "", ""])
        out.writerow(["Same Anna", "+79035551234", "", "", "", "", "", "", "again"])
        out.writerow(["Budget Only", "", "b@example.com", "", "12.5", "x", "", "yesterday", ""])
    report = import_csv(db, path, clock=clock)
    dump = {}
    with db.engine.connect() as conn:
        for table in ("leads", "lead_phones", "interactions", "status_changes"):
            dump[table] = [tuple(row) for row in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")]
        dump["fts"] = conn.exec_driver_sql("SELECT rowid FROM lead_fts WHERE lead_fts MATCH '\"смирн\"'").all()
    db.dispose()
    monkeypatch.undo()
    return report, dump


def test_sqlite_direct_inserts_store_what_sqlalchemy_stores(tmp_path, monkeypatch):
    fast_report, fast = _fill(tmp_path, "fast.db", monkeypatch, portable=False)
    portable_report, portable = _fill(tmp_path, "portable.db", monkeypatch, portable=True)
    assert [(r.outcome, r.reference) for r in fast_report.rows] == [(r.outcome, r.reference) for r in portable_report.rows]
    assert (fast_report.imported, fast_report.duplicates) == (3, 1)
    assert fast["fts"]
    for table in portable:
        assert fast[table] == portable[table], table
