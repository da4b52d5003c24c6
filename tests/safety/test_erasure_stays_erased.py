"""Erasure that stays erased: its files go first or stay on a to-do list a rerun finishes, and an
older copy of the database (a restored backup, a copy opened with --db) never brings the person
back — the erasure ledger, kept outside the database, erases them again and says so."""
from __future__ import annotations

import os
import shutil
import stat
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.cli import main
from app.domain.clock import FixedClock
from app.domain.erasure_ledger import ledger_path, read_ledger
from app.safety import erasure
from app.safety.backups import make_backup
from app.safety.erasure import ERASED_NAME, FILES_TO_DO, erase_person
from app.storage import open_database, reerased
from db.models import Interaction, Lead
from tests.safety.conftest import PEOPLE, found_in_files, make_person
from tests.safety.file_faults import unlink_fails


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _name(db, reference) -> str:
    with db.read() as s:
        return s.scalar(select(Lead.full_name).where(Lead.reference == reference))


def _second_packet(db, clock, person):
    from app.domain.leads import InteractionInput, log_interaction

    second = person.packet_file.with_name(f"{person.reference}_en.pdf")
    second.write_bytes(b"%PDF-1.4 second packet")
    log_interaction(db, person.lead_id, InteractionInput(kind="packet", details={"file": str(second)}), clock=clock)
    return second


# ------------------------------------------------------------------ item 9: files first, a to-do list


def test_a_packet_that_cannot_be_deleted_stays_on_the_to_do_list_and_a_rerun_finishes(sqlite_db, clock, person,
                                                                                      monkeypatch, capsys):
    second = _second_packet(sqlite_db, clock, person)
    with unlink_fails(monkeypatch, person.packet_file) as refused:
        result = erase_person(sqlite_db, person.reference, clock=clock)
        assert refused == [person.packet_file]
        # the other file is not skipped, the records are erased, the stuck one is named with why
        assert result.deleted_files == (second,) and not second.exists()
        assert [(f.path, "permission denied" in f.reason) for f in result.files_left] == [(str(person.packet_file), True)]
        assert _name(sqlite_db, person.reference) == ERASED_NAME
        with sqlite_db.read() as s:
            todo = s.scalars(select(Interaction.details).where(Interaction.lead_id == person.lead_id,
                                                               Interaction.kind == "note")).all()
        # durable, committed with the erasure (with the fingerprint recorded for the file)
        assert [t[FILES_TO_DO] for t in todo] == [[str(person.packet_file)]]
        # a rerun while the file is still held says what is left and why (exit 1), not "already erased"
        code, out, _ = run(capsys, "--db", sqlite_db.path, "erase", person.reference)
        assert code == 1 and "deleting the 1 file(s) left then" in out
        assert "still left (not deleted: permission denied" in out and str(person.packet_file) in out
    assert person.packet_file.exists()
    code, out, _ = run(capsys, "--db", sqlite_db.path, "erase", person.reference)  # the viewer was closed
    assert code == 0 and "deleted 1 packet file(s)" in out and "is complete: nothing is left" in out
    assert not person.packet_file.exists()
    with sqlite_db.read() as s:
        assert s.scalars(select(Interaction.details).where(Interaction.lead_id == person.lead_id,
                                                           Interaction.kind == "note")).all() == [{}]
    code, _out, err = run(capsys, "--db", sqlite_db.path, "erase", person.reference)
    assert code == 1 and "already erased on 2026-11-25" in err


def test_a_failure_between_the_files_and_the_records_leaves_records_a_rerun_erases(sqlite_db, clock, person,
                                                                                 monkeypatch):
    def crash(*_args):
        raise RuntimeError("killed before the commit")

    with monkeypatch.context() as patch:
        patch.setattr(erasure, "_anonymise", crash)
        with pytest.raises(RuntimeError):
            erase_person(sqlite_db, person.reference, clock=clock)
    assert not person.packet_file.exists()  # files first: nothing is orphaned
    assert _name(sqlite_db, person.reference) == PEOPLE[0][0]  # the records were not committed
    result = erase_person(sqlite_db, person.reference, clock=clock)
    assert _name(sqlite_db, person.reference) == ERASED_NAME
    assert result.files_not_deleted == (str(person.packet_file),) and result.files_left == ()  # already gone


# ------------------------------------------------------------------ item 8: the erasure ledger


def test_the_ledger_holds_no_personal_data_and_is_private(sqlite_db, clock, person, private_dirs):
    erase_person(sqlite_db, person.reference, clock=clock)
    ledger = ledger_path()
    assert ledger.parent == private_dirs
    assert found_in_files([ledger], person.secrets) == {}
    assert stat.S_IMODE(os.stat(ledger).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(private_dirs / "erasure-ledger.salt").st_mode) == 0o600
    [entry] = read_ledger()
    assert entry.reference == person.reference and entry.erased_at == clock()
    assert len(entry.identifiers) == 2  # the phone (E.164) and the email, hashed with the salt
    assert all(len(h) == 64 for h in entry.identifiers)


def test_restoring_a_backup_from_before_the_erasure_erases_the_person_again(sqlite_db, clock, person, capsys):
    other = make_person(sqlite_db, clock, 1)
    backup = make_backup(sqlite_db, clock=clock).backup.path
    erase_person(sqlite_db, person.reference, clock=clock)
    sqlite_db.dispose()
    code, out, _ = run(capsys, "--db", sqlite_db.path, "restore", backup)
    assert code == 0
    assert f"re-erased 1 person(s) this older copy of the database brought back: {person.reference} " \
           "(erased on 2026-11-25)" in out
    db = open_database(sqlite_db.path)
    try:
        assert _name(db, person.reference) == ERASED_NAME
        assert _name(db, other.reference) == PEOPLE[1][0]  # only the erased person
        assert reerased(db) is None  # done once; the next open has nothing to do
        code, out, _ = run(capsys, "--db", sqlite_db.path, "leads", "--search", PEOPLE[0][1])
        assert person.reference not in out
    finally:
        db.dispose()


def test_opening_an_older_copy_erases_the_person_again_and_says_so(sqlite_db, clock, person, tmp_path, capsys):
    backup = make_backup(sqlite_db, clock=clock).backup.path
    erase_person(sqlite_db, person.reference, clock=clock)
    copy = tmp_path / "copy-from-a-usb-stick.db"
    shutil.copy(backup, copy)
    code, out, err = run(capsys, "--db", copy, "leads", "--json")
    assert code == 0
    assert "note: re-erased 1 person(s)" in err and person.reference in err
    assert PEOPLE[0][0] not in out
    db = open_database(copy)
    try:
        assert _name(db, person.reference) == ERASED_NAME
    finally:
        db.dispose()


@pytest.mark.parametrize("created", ["at another time", "at the same second"])
def test_the_same_reference_in_another_database_is_not_touched(sqlite_db, clock, person, tmp_path, capsys, created):
    erase_person(sqlite_db, person.reference, clock=clock)
    elsewhere = open_database(tmp_path / "other-agency.db", create=True)
    try:
        later = FixedClock(datetime(2026, 12, 1, 10, 0, tzinfo=UTC)) if created == "at another time" else clock
        someone = make_person(elsewhere, later, 2)
        assert someone.reference == person.reference  # the same reference, another person
    finally:
        elsewhere.dispose()
    code, _out, err = run(capsys, "--db", tmp_path / "other-agency.db", "leads")
    assert code == 0 and "re-erased" not in err
    again = open_database(tmp_path / "other-agency.db")
    try:
        assert _name(again, someone.reference) == PEOPLE[2][0]
    finally:
        again.dispose()


def test_an_import_of_an_erased_person_is_rejected_with_the_date(sqlite_db, clock, person, tmp_path):
    from app.domain.lead_import import import_csv

    erase_person(sqlite_db, person.reference, clock=clock)
    name, latin, _phone, _country, email = PEOPLE[0]
    csv = tmp_path / "old-export.csv"
    csv.write_text("Name,Phone,Email,Country\n"
                   f"{name},+7 916 555 12 34,,RU\n"  # the same phone, written another way
                   f"{latin},,{email.upper()},RU\n"  # the same email, in capitals
                   "Someone New,+7 916 000 00 01,new@example.org,RU\n", encoding="utf-8")
    report = import_csv(sqlite_db, csv, clock=clock)
    assert [(r.outcome, r.reason) for r in report.rows] == [
        ("rejected", "erased at the person's request on 2026-11-25"),
        ("rejected", "erased at the person's request on 2026-11-25"),
        ("imported", None),
    ]


# ------------------------------------------------------------------ packets written outside the packets folder


def _packet_outside(db, clock, tmp_path):
    """A lead with a real packet written with `-o` to a folder of the user's (recorded with its SHA-256)."""
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead
    from app.domain.profiles import ProfileInput, set_profile
    from app.packets.lead_packets import write_for_lead

    set_profile(db, ProfileInput(name="Anna Lee", email="anna.lee@medtourdesk.example"))
    lead = create_lead(db, LeadInput(full_name="Outside Folder", email="outside@example.org", language="en"), clock=clock)
    made = write_for_lead(db, lead.reference, f"{tmp_path / 'out'}{os.sep}", clock=clock)
    return lead, made.path


def test_a_packet_written_outside_the_packets_folder_is_erased_when_its_bytes_are_the_ones_recorded(
        sqlite_db, clock, tmp_path):
    lead, pdf = _packet_outside(sqlite_db, clock, tmp_path)
    assert pdf.exists() and pdf.parent == (tmp_path / "out").resolve()
    result = erase_person(sqlite_db, lead.reference, clock=clock)
    assert result.deleted_files == (pdf,) and result.files_not_deleted == ()
    assert not pdf.exists()


def test_a_file_outside_the_packets_folder_that_is_not_what_the_app_wrote_is_not_deleted(sqlite_db, clock, tmp_path):
    """A record cannot make erasure delete just any file: outside the packets folder only the
    bytes the app recorded go; a changed file, or a path with no fingerprint, stays and is named."""
    from app.domain.leads import InteractionInput, log_interaction

    lead, pdf = _packet_outside(sqlite_db, clock, tmp_path)
    pdf.write_bytes(b"%PDF-1.4 the user's own edit")
    someone_elses = tmp_path / "notes.txt"
    someone_elses.write_text("not a packet")
    log_interaction(sqlite_db, lead.lead_id, InteractionInput(kind="packet", details={"file": str(someone_elses)}),
                    clock=clock)
    result = erase_person(sqlite_db, lead.reference, clock=clock)
    assert sorted(result.files_not_deleted) == sorted([str(pdf), str(someone_elses)])
    assert pdf.exists() and someone_elses.exists()
    assert _name(sqlite_db, lead.reference) == ERASED_NAME


def test_an_undeletable_packet_outside_the_packets_folder_keeps_its_fingerprint_on_the_to_do_list(
        sqlite_db, clock, tmp_path, monkeypatch, capsys):
    from app.safety.erasure import FILES_TO_DO_SHA256

    lead, pdf = _packet_outside(sqlite_db, clock, tmp_path)
    with unlink_fails(monkeypatch, pdf):
        result = erase_person(sqlite_db, lead.reference, clock=clock)
    assert [f.path for f in result.files_left] == [str(pdf)]
    with sqlite_db.read() as s:
        [todo] = s.scalars(select(Interaction.details).where(Interaction.lead_id == lead.lead_id,
                                                             Interaction.kind == "note")).all()
    assert todo[FILES_TO_DO] == [str(pdf)] and set(todo[FILES_TO_DO_SHA256]) == {str(pdf)}
    code, out, _ = run(capsys, "--db", sqlite_db.path, "erase", lead.reference)
    assert code == 0 and "deleted 1 packet file(s)" in out and "is complete: nothing is left" in out
    assert not pdf.exists()
