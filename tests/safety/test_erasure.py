"""Right to erasure: the person is gone from every table, the search index and the file itself."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from app.cli import main
from app.domain.errors import ValidationError
from app.domain.lead_search import list_leads
from app.safety.erasure import ERASED_CASE_TABLES, ERASED_NAME, erase_person, erasure_preview
from app.safety.integrity_check import check_database
from db.case_models import CaseDocument, DocumentRead
from db.models import FieldEdit, Interaction, Lead, LeadPhone, StatusChange
from tests.safety.conftest import PEOPLE, found_in_files, make_person


def test_erasure_removes_the_person_everywhere_and_keeps_a_tombstone(sqlite_db, clock, person):
    other = make_person(sqlite_db, clock, 1)
    leads_before = len(list_leads(sqlite_db))
    assert erasure_preview(sqlite_db, person.reference).documents == 2  # the confirmation counts the case's files
    result = erase_person(sqlite_db, person.reference, clock=clock)

    assert result.references == (person.reference,) and result.wal_emptied
    assert result.deleted_files == (person.packet_file,) and not person.packet_file.exists()
    with sqlite_db.read() as s:
        lead = s.get(Lead, person.lead_id)
        assert (lead.reference, lead.status, lead.erased_at) == (person.reference, "lost", clock())
        assert lead.full_name == ERASED_NAME
        assert all(getattr(lead, f) is None for f in ("latin_name", "email", "email_norm", "diagnosis", "status_reason",
                                                       "consent_method", "country", "source", "budget_amount"))
        assert lead.messengers == {} and lead.search_text == "" and lead.sort_name == ""
        assert s.scalars(select(LeadPhone).where(LeadPhone.lead_id == person.lead_id)).all() == []
        interactions = s.scalars(select(Interaction).where(Interaction.lead_id == person.lead_id)).all()
        assert {i.kind for i in interactions} >= {"inquiry", "call_out", "packet", "note"}  # the bare facts stay
        assert all(i.details == {} for i in interactions)
        assert [i.notes for i in interactions if i.notes] == ["Personal data erased at the person's request."]
        edits = s.scalars(select(FieldEdit).where(FieldEdit.lead_id == person.lead_id)).all()
        assert edits and all(e.old_value is None and e.new_value is None for e in edits)
        moves = s.scalars(select(StatusChange).where(StatusChange.lead_id == person.lead_id)).all()
        assert [m.to_status for m in moves] == ["new", "contacted", "lost"] and all(m.reason is None for m in moves)
        # the case goes whole; the read log stays with the tombstone, its document emptied
        for model in ERASED_CASE_TABLES:
            assert s.scalars(select(model).where(model.lead_id == person.lead_id)).all() == [], model.__tablename__
        reads = s.scalars(select(DocumentRead).where(DocumentRead.lead_id == person.lead_id)).all()
        assert [(r.purpose, r.document_id) for r in reads] == [("opened", None)]
        # the other person is untouched, their case too
        assert s.get(Lead, other.lead_id).full_name == PEOPLE[1][0]
        assert len(s.scalars(select(CaseDocument).where(CaseDocument.lead_id == other.lead_id)).all()) == 2
    # gone from lists and search, counted as a tombstone
    assert len(list_leads(sqlite_db)) == leads_before - 1
    for term in ("Квашнин", "Kvashnina", "zinaida", "9165551234", "+7 916 555"):
        assert list_leads(sqlite_db, search=term) == [], term
    assert [l.reference for l in list_leads(sqlite_db, search=PEOPLE[1][1])] == [other.reference]
    assert check_database(sqlite_db).ok


def _bytes_scan(db, person) -> dict[str, list[str]]:
    from app import paths

    files = [db.path, f"{db.path}-wal", f"{db.path}-shm", *paths.backups_dir().glob("*.partial"), *paths.backups_dir().glob("*.db")]
    return found_in_files(files, person.secrets)


@pytest.mark.parametrize(
    "secure_delete",
    [
        "ON",
        pytest.param("OFF", marks=pytest.mark.xfail(strict=True, raises=AssertionError,
                                                     reason="proves the scan can fail: without secure_delete the bytes stay")),
    ],
)
def test_erased_person_cannot_be_found_in_the_database_file(tmp_path, clock, monkeypatch, secure_delete):
    import db.engine as engine
    from app.domain.demo_data import generate_demo
    from app.safety.backups import make_backup
    from app.storage import open_database

    pragmas = tuple(p if "secure_delete" not in p else f"PRAGMA secure_delete={secure_delete}" for p in engine._SQLITE_PRAGMAS)
    monkeypatch.setattr(engine, "_SQLITE_PRAGMAS", pragmas)
    db = open_database(tmp_path / "scan.db", create=True)
    try:
        generate_demo(db, 150, seed=7)  # neighbours on the same pages
        people = [make_person(db, clock, i) for i in range(len(PEOPLE))]
        generate_demo(db, 150, seed=8)
        db.checkpoint()
        assert _bytes_scan(db, people[0]), "the scan must see the person before erasure"
        for p in people:  # the case too: documents' names and bytes, a companion, a passport number
            seen = {s for found in _bytes_scan(db, p).values() for s in found}
            assert set(p.case_secrets) <= seen, set(p.case_secrets) - seen
        for p in people:
            erase_person(db, p.reference, clock=clock)
        make_backup(db, clock=clock)  # a backup taken after the erasure carries nothing of them either
        for p in people:
            assert _bytes_scan(db, p) == {}, p.reference
    finally:
        db.dispose()


def test_merged_leads_are_the_same_person_and_go_together(sqlite_db, clock):
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead, merge_leads

    keep = create_lead(sqlite_db, LeadInput(full_name="Olga Sokolova", phones=[("+7 903 111 22 33", "mobile")]), clock=clock)
    drop = create_lead(sqlite_db, LeadInput(full_name="Ольга Соколова", email="olga.s@example.ru"), clock=clock,
                       check_duplicates=False)
    bystander = create_lead(sqlite_db, LeadInput(full_name="Someone Else", email="else@example.com"), clock=clock)
    merge_leads(sqlite_db, keep.reference, drop.reference, clock=clock)

    preview = erasure_preview(sqlite_db, drop.reference)  # starting from either side finds both
    assert set(preview.references) == {keep.reference, drop.reference}
    result = erase_person(sqlite_db, keep.reference, clock=clock)
    assert set(result.references) == {keep.reference, drop.reference}
    with sqlite_db.read() as s:
        names = dict(s.execute(select(Lead.reference, Lead.full_name)).all())
        notes = [n for n in s.scalars(select(Interaction.notes)) if n]
    assert names[keep.reference] == names[drop.reference] == ERASED_NAME
    assert names[bystander.reference] == "Someone Else"
    assert not any("Соколова" in n or "Sokolova" in n for n in notes)


def test_the_merge_link_is_the_column_not_the_prose(sqlite_db, clock):
    """Erasure follows leads.merged_into_id, transitively and from either side; the words of a
    status reason or a note link nothing."""
    from sqlalchemy import update

    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead, merge_leads

    def lead(name, email):
        return create_lead(sqlite_db, LeadInput(full_name=name, email=email), clock=clock, check_duplicates=False).reference

    first, second, third, other = (lead("Olga Sokolova", "o1@example.ru"), lead("Ольга Соколова", "o2@example.ru"),
                                   lead("O. Sokolova", "o3@example.ru"), lead("Not Olga", "n@example.com"))
    merge_leads(sqlite_db, second, third, clock=clock)
    merge_leads(sqlite_db, first, second, clock=clock)
    with sqlite_db.write() as s:  # no words left that say "merged"; a prose-only "link" to `other`
        s.execute(update(StatusChange).where(StatusChange.reason.like("merged into%")).values(reason="moved"))
        s.execute(update(Lead).where(Lead.status_reason.is_not(None)).values(status_reason="moved"))
        s.execute(update(Interaction).where(Interaction.kind == "note").values(details={}))
        s.execute(update(Lead).where(Lead.reference == other).values(status_reason=f"merged into {first}"))
    assert set(erasure_preview(sqlite_db, third).references) == {first, second, third}
    assert set(erase_person(sqlite_db, first, clock=clock).references) == {first, second, third}
    with sqlite_db.read() as s:
        assert s.scalar(select(Lead.full_name).where(Lead.reference == other)) == "Not Olga"


def test_erasing_twice_is_refused(sqlite_db, clock, person):
    erase_person(sqlite_db, person.lead_id, clock=clock)
    with pytest.raises(ValidationError, match="already erased on 2026-11-25"):
        erase_person(sqlite_db, person.reference, clock=clock)


def test_packet_files_outside_the_packets_folder_are_reported_not_deleted(sqlite_db, clock, tmp_path):
    from app.domain.leads import InteractionInput, log_interaction

    person = make_person(sqlite_db, clock)
    outside = tmp_path / "Desktop" / "packet-copy.pdf"
    outside.parent.mkdir()
    outside.write_bytes(b"%PDF")
    log_interaction(sqlite_db, person.lead_id, InteractionInput(kind="packet", details={"file": str(outside)}), clock=clock)
    result = erase_person(sqlite_db, person.reference, clock=clock)
    assert outside.exists() and result.files_not_deleted == (str(outside),)
    assert result.deleted_files == (person.packet_file,)


def test_older_copies_are_listed(sqlite_db, clock, person):
    from app.safety.backups import make_backup

    backup = make_backup(sqlite_db, clock=clock)
    result = erase_person(sqlite_db, person.reference, clock=clock)
    assert [c.path for c in result.older_copies] == [backup.backup.path]
    assert found_in_files([backup.backup.path], person.secrets)  # which is why the user is told


@pytest.mark.postgres
def test_erasure_on_postgresql_reports_vacuum(postgres_db, clock):
    person = make_person(postgres_db, clock)
    result = erase_person(postgres_db, person.reference, clock=clock)
    assert result.references == (person.reference,) and any("VACUUM" in n for n in result.notes)
    with postgres_db.read() as s:
        assert s.get(Lead, person.lead_id).full_name == ERASED_NAME
        assert s.scalars(select(LeadPhone).where(LeadPhone.lead_id == person.lead_id)).all() == []
        for model in ERASED_CASE_TABLES:
            assert s.scalars(select(model).where(model.lead_id == person.lead_id)).all() == [], model.__tablename__
        reads = s.scalars(select(DocumentRead).where(DocumentRead.lead_id == person.lead_id)).all()
        assert [(r.purpose, r.document_id) for r in reads] == [("opened", None)]
    assert check_database(postgres_db).ok


# ------------------------------------------------------------------ the CLI


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_erase_needs_a_terminal_or_yes(capsys, sqlite_db, clock, person, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, out, err = run(capsys, "--db", str(sqlite_db.path), "erase", person.reference)
    assert code == 1 and "needs confirmation" in err and "--yes" in err
    with sqlite_db.read() as s:
        assert s.get(Lead, person.lead_id).erased_at is None


def test_cli_erase_asks_for_the_reference(capsys, sqlite_db, clock, person, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "L-2026-99999")
    code, _, err = run(capsys, "--db", str(sqlite_db.path), "erase", person.reference)
    assert code == 1 and "did not match; nothing was erased" in err
    monkeypatch.setattr("builtins.input", lambda prompt: person.reference.lower())
    code, out, _ = run(capsys, "--db", str(sqlite_db.path), "erase", str(person.lead_id))
    assert code == 0 and f"erased {person.reference}" in out and "deleted 1 packet file" in out
    with sqlite_db.read() as s:
        assert s.get(Lead, person.lead_id).erased_at is not None


def test_cli_erase_yes_lists_older_copies(capsys, sqlite_db, person):
    code, out, _ = run(capsys, "--db", str(sqlite_db.path), "backup")
    assert code == 0
    code, out, _ = run(capsys, "--db", str(sqlite_db.path), "erase", person.reference, "--yes")
    assert code == 0 and "older copies made before the erasure still hold" in out and "backups" in out
    raw = sqlite3.connect(sqlite_db.path)
    assert raw.execute("SELECT full_name FROM leads WHERE id = ?", (person.lead_id,)).fetchone()[0] == ERASED_NAME
    raw.close()
