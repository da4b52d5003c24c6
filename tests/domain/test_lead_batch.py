"""The batch writer behind the import and the demo data."""
from __future__ import annotations

import csv
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from app.domain.clock import FixedClock
from app.domain.demo_data import generate_demo
from app.domain.errors import ValidationError
from app.domain.lead_batch import LeadBatchWriter
from app.domain.lead_import import import_csv
from app.domain.lead_records import LeadInput
from app.storage import open_database
from db.models import Lead


def _add(db, clock, name: str, phone: str) -> str:
    with db.write() as session:
        writer = LeadBatchWriter(session, now=clock())
        result = writer.add(LeadInput(full_name=name, phones=[(phone, "mobile")]))
        writer.flush()
    return result.reference


# --- one validation for single leads and batches ---------------------------------------------

CASES = [
    (LeadInput(full_name="Иван Петров", phones=[("8 916 123-45-67", "mobile"), ("+7 916 123 45 67", "whatsapp")], country="RU"), None),
    (LeadInput(full_name="  ", phones=[("+7 916 123 45 67", "mobile")]), "needs a name"),
    (LeadInput(full_name="x" * 501, email="a@b.co"), "too long"),
    (LeadInput(full_name="No Way", phones=[("12", "mobile")], email="not-an-email"), "no usable phone or email"),
    (LeadInput(full_name="No Way", phones=[], email=None), "no phone, email or messenger"),
    (LeadInput(full_name="Messenger Only", messengers={"telegram": "@someone"}), None),
    (LeadInput(full_name="Flagged", phones=[("000", "mobile"), ("", "other"), ("0803 123 4567", None)], country="NG", email="x@y.ng"), None),
    (LeadInput(full_name="Bad Category", email="a@b.co", diagnosis_category="flu"), "unknown diagnosis category"),
]


@pytest.mark.parametrize("data,refusal", CASES, ids=range(len(CASES)))
def test_the_batch_writer_and_create_lead_agree(tmp_path, clock, data, refusal):
    """The import's batch writer and a single create_lead refuse, warn and store phones alike."""
    from app.domain.leads import create_lead, get_lead

    single, batch = open_database(tmp_path / "single.db", create=True), open_database(tmp_path / "batch.db", create=True)
    outcomes = []
    for db in (single, batch):
        try:
            if db is single:
                result = create_lead(db, data, clock=clock)
            else:
                with db.write() as session:
                    writer = LeadBatchWriter(session, now=clock())
                    result = writer.add(data)
                    writer.flush()
        except ValidationError as exc:
            outcomes.append(("refused", str(exc)))
        else:
            lead = get_lead(db, result.reference)
            outcomes.append(("stored", result.warnings, [(p.raw, p.e164, p.valid, p.kind) for p in lead.phones]))
    assert outcomes[0] == outcomes[1]
    if refusal is None:
        assert outcomes[0][0] == "stored"
    else:
        assert outcomes[0][0] == "refused" and refusal in outcomes[0][1]


def _inquiries(db, reference):
    from app.domain.leads import get_lead

    return [(i.kind, i.direction, i.occurred_at, i.notes, i.coordinator, i.details)
            for i in get_lead(db, reference).interactions]


def test_the_batch_writer_and_create_lead_record_the_same_inquiries(tmp_path, clock):
    """The inquiry row (a new lead's and a repeat inquiry's on the lead it duplicates) is built by
    one function: the same message, source and differing diagnosis whichever path brought it."""
    from app.domain.leads import create_lead

    first = LeadInput(full_name="Иван Петров", phones=[("+7 916 123 45 67", "mobile")], source="Website form",
                      diagnosis="  Lymphoma  ", diagnosis_category="lymphoma", message="Is CAR-T possible?")
    again = LeadInput(full_name="Ivan Petrov", phones=[("8 916 123-45-67", "mobile")], country="RU",
                      source="WhatsApp", diagnosis="Relapsed lymphoma", message="Any news?")
    same = LeadInput(full_name="Ivan P.", phones=[("+79161234567", "mobile")], diagnosis="Lymphoma")
    single, batch = open_database(tmp_path / "single.db", create=True), open_database(tmp_path / "batch.db", create=True)
    try:
        references = [create_lead(single, data, clock=clock).reference for data in (first, again, same)]
        with batch.write() as session:
            writer = LeadBatchWriter(session, now=clock())
            batched = [writer.add(data).reference for data in (first, again, same)]
            writer.flush()
        assert references == batched == ["L-2026-00001"] * 3
        recorded = _inquiries(single, references[0])
        assert recorded == _inquiries(batch, batched[0])
        assert all(len(details["fingerprint"]) == 64 for *_rest, details in recorded)  # what each said, as a digest
        assert sorted((notes or "", tuple((k, v) for k, v in details.items() if k != "fingerprint"))
                      for _k, _d, _t, notes, _c, details in recorded) == [
            ("", ()),
            ("Any news?", (("source", "WhatsApp"), ("diagnosis", "Relapsed lymphoma"))),
            ("Is CAR-T possible?", (("source", "Website form"),)),
        ]
    finally:
        single.dispose()
        batch.dispose()


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
    db = open_database(tmp_path / name, create=True)
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


def test_import_restores_the_garbage_collector_threshold(sqlite_db, clock, tmp_path):
    import gc

    from app.domain.lead_import import import_csv

    path = tmp_path / "two.csv"
    path.write_text("Name,Phone\nAnna,+7 916 123 45 67\nLi,12\n", encoding="utf-8")
    before = gc.get_threshold()
    report = import_csv(sqlite_db, path, clock=clock)
    assert (report.imported, report.rejected) == (1, 1)
    assert gc.get_threshold() == before


def _stored_both_ways(tmp_path, now, table, rows_for, read_back: str) -> list[list]:
    """`rows_for(lead_id)` written by the batch writer's direct multi-row insert and by
    SQLAlchemy's insert, each into a fresh database; what `read_back` selects from each."""
    from sqlalchemy import insert

    from app.domain.lead_batch import _insert_multirow

    stored = []
    for name, direct in (("direct.db", True), ("core.db", False)):
        db = open_database(tmp_path / name, create=True)
        with db.write() as session:
            writer = LeadBatchWriter(session, now=now)
            result = writer.add(LeadInput(full_name="Anna", email="anna@example.com"))
            writer.flush()
            rows = rows_for(session.scalar(select(Lead.id).where(Lead.reference == result.reference)))
            if direct:
                _insert_multirow(session, table, rows)
            else:
                session.execute(insert(table), rows)
        with db.engine.connect() as conn:
            stored.append(conn.exec_driver_sql(read_back).all())
        db.dispose()
    return stored


def test_direct_inserts_convert_each_timestamp_as_sqlalchemy_does(tmp_path):
    """Timestamps are converted once per distinct value: equal instants in other zones and naive
    values still store exactly what SQLAlchemy's insert stores."""
    from datetime import timedelta

    from db.models import StatusChange

    utc = datetime(2026, 3, 29, 0, 30, tzinfo=timezone.utc)
    moments = [utc, utc.astimezone(timezone(timedelta(hours=3))), utc.replace(tzinfo=None), utc,
               utc.astimezone(timezone(timedelta(hours=-5, minutes=-30))), utc.replace(tzinfo=None) + timedelta(microseconds=1),
               utc.replace(tzinfo=None)]

    def rows_for(lead_id):
        return [dict(lead_id=lead_id, from_status="new", to_status="contacted", reason=None, coordinator_id=None,
                     changed_at=moment) for moment in moments]

    stored = _stored_both_ways(tmp_path, utc, StatusChange.__table__, rows_for,
                               "SELECT changed_at FROM status_changes WHERE to_status = 'contacted' ORDER BY id")
    assert stored[0] == stored[1]
    assert len({value for (value,) in stored[0]}) == 2  # the same instant everywhere but one


def test_direct_inserts_convert_json_objects_as_sqlalchemy_does(tmp_path):
    """JSON objects are converted once per distinct object of strings; values that are equal but of
    other types (1, 1.0, True), nested objects and key order still store what SQLAlchemy stores."""
    from db.models import Interaction

    now = datetime(2026, 3, 29, 0, 30, tzinfo=timezone.utc)
    details = [{}, {"source": "x"}, {"n": 1}, {"n": True}, {"n": 1.0}, {"n": "1"}, {"a": {"b": "c"}},
               {"source": "x", "k": "v"}, {"k": "v", "source": "x"}, {}, {"source": "x"}, {"n": 1}, {"n": True},
               {"n": None}, {"list": ["a", "b"]}, {"é": "ü"}]

    def rows_for(lead_id):
        return [dict(lead_id=lead_id, kind="note", direction=None, occurred_at=now, duration_seconds=None,
                     outcome=None, notes=str(i), coordinator_id=None, follow_up_at=None, details=d, created_at=now)
                for i, d in enumerate(details)]

    stored = _stored_both_ways(tmp_path, now, Interaction.__table__, rows_for,
                               "SELECT details FROM interactions WHERE kind = 'note' ORDER BY id")
    assert stored[0] == stored[1]
    assert len({value for (value,) in stored[0]}) == 12
