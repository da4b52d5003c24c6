"""Retention: closed leads untouched for longer than the agency's rule are anonymised (off by
default), with the erasure's machinery, logged without personal data; a dry run changes nothing."""
from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.cli import main
from app.domain.clock import FixedClock
from app.domain.errors import UserError
from app.domain.lead_records import LeadInput
from app.domain.leads import InteractionInput, create_lead, log_interaction
from app.safety.erasure import ERASED_NAME, RETENTION_NOTE
from app.safety.retention import apply_retention, parse_years, read_retention, write_retention
from db.models import Interaction, Lead
from tests.safety.conftest import found_in_files, make_person

LONG_AGO = datetime(2018, 3, 1, 10, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def leads(sqlite_db, tmp_path):
    """An old closed lead (due), an old open lead, an old closed lead touched last month, a new closed one."""
    old = FixedClock(LONG_AGO)
    due = make_person(sqlite_db, old, 0)
    open_old = create_lead(sqlite_db, LeadInput(full_name="Open Since Long", phones=[("+7 916 555 00 11", "mobile")]),
                           clock=old)
    touched = make_person(sqlite_db, old, 1)
    log_interaction(sqlite_db, touched.lead_id, InteractionInput(kind="call", outcome="reached", notes="asked again"),
                    clock=FixedClock(datetime(2026, 10, 20, 9, 0, tzinfo=UTC)))
    recent = make_person(sqlite_db, FixedClock(datetime(2024, 5, 1, tzinfo=UTC)), 2)
    return due, open_old, touched, recent


def _lead(db, lead_id) -> Lead:
    with db.read() as s:
        lead = s.get(Lead, lead_id)
        s.expunge(lead)
        return lead


def test_the_rule_is_off_by_default_and_then_changes_nothing(sqlite_db, leads):
    with sqlite_db.read() as s:
        assert read_retention(s) is None
    result = apply_retention(sqlite_db, clock=FixedClock(NOW))
    assert result.years is None and result.references == ()
    assert _lead(sqlite_db, leads[0].lead_id).erased_at is None


def test_a_dry_run_lists_only_closed_leads_untouched_for_longer_than_the_rule_and_changes_nothing(sqlite_db, leads):
    due, open_old, _touched, recent = leads
    write_retention(sqlite_db, 7)
    before = sqlite_db.path.read_bytes()
    result = apply_retention(sqlite_db, dry_run=True, clock=FixedClock(NOW))
    assert result.dry_run and result.references == (due.reference,)
    assert _lead(sqlite_db, due.lead_id).erased_at is None
    assert sqlite_db.path.read_bytes() == before
    # a rule of 2 years takes the 2024 lead too, never the open or the recently touched one
    write_retention(sqlite_db, 2)
    assert set(apply_retention(sqlite_db, dry_run=True, clock=FixedClock(NOW)).references) == {due.reference, recent.reference}
    assert open_old.reference not in apply_retention(sqlite_db, dry_run=True, clock=FixedClock(NOW)).references


def test_applying_the_rule_anonymises_the_due_lead_everywhere_and_logs_it_without_personal_data(sqlite_db, leads):
    due, open_old, touched, recent = leads
    write_retention(sqlite_db, 7)
    result = apply_retention(sqlite_db, clock=FixedClock(NOW))
    assert result.references == (due.reference,) and result.failed == ()

    lead = _lead(sqlite_db, due.lead_id)
    assert (lead.full_name, lead.erased_at, lead.status) == (ERASED_NAME, NOW, "lost")
    assert not due.packet_file.exists()
    with sqlite_db.read() as s:
        notes = s.scalars(select(Interaction).where(Interaction.lead_id == due.lead_id, Interaction.notes.is_not(None))).all()
    assert [(n.notes, n.details) for n in notes] == [(RETENTION_NOTE, {"retention_years": 7})]
    # the others keep everything
    for other in (open_old, touched, recent):
        assert _lead(sqlite_db, other.lead_id).erased_at is None
    # nothing of the person is left in the file (the WAL is emptied by the erasure)
    files = [sqlite_db.path, sqlite_db.path.with_name(sqlite_db.path.name + "-wal")]
    assert found_in_files(files, due.secrets) == {}
    # a second run finds nothing more to do
    assert apply_retention(sqlite_db, clock=FixedClock(NOW)).references == ()


def test_a_stop_midway_leaves_the_done_leads_done_and_the_rest_for_the_next_run(sqlite_db, leads):
    due, _open_old, _touched, recent = leads
    write_retention(sqlite_db, 2)
    calls = []
    first = apply_retention(sqlite_db, clock=FixedClock(NOW), cancelled=lambda: bool(calls),
                            progress=lambda done, total: calls.append((done, total)))
    assert len(first.references) == 1 and calls == [(1, 2)] and "next run" in first.notes[0]
    second = apply_retention(sqlite_db, clock=FixedClock(NOW))
    assert set(first.references + second.references) == {due.reference, recent.reference}


@pytest.mark.parametrize("text, years", [("7", 7), (" 10 ", 10), ("off", None), ("none", None), ("0", None)])
def test_the_years_are_read_from_what_the_user_types(text, years):
    assert parse_years(text) == years


@pytest.mark.parametrize("text", ["", "seven", "-1", "101", "2.5"])
def test_anything_else_is_refused_in_words(text):
    with pytest.raises(UserError, match="number of years from 1 to 100"):
        parse_years(text)


def test_the_command_line_sets_shows_and_applies_the_rule(sqlite_db, leads, capsys, monkeypatch):
    due = leads[0]
    db = str(sqlite_db.path)
    assert main(["--db", db, "retention", "show", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"years": None, "due": 0}
    assert main(["--db", db, "retention", "set", "7"]) == 0
    assert "more than 7 year(s)" in capsys.readouterr().out
    assert main(["--db", db, "retention", "apply", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would anonymise" in out and due.reference in out  # (the real clock: 2018 is more than 7 years ago)
    assert _lead(sqlite_db, due.lead_id).erased_at is None
    assert main(["--db", db, "retention", "apply", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["years"] == 7 and report["anonymised"] == [due.reference] and report["count"] == 1
    assert report["dry_run"] is False and report["failed"] == []
    assert _lead(sqlite_db, due.lead_id).erased_at is not None
    assert main(["--db", db, "retention", "set", "off"]) == 0
    assert main(["--db", db, "retention", "apply"]) == 0
    assert "the rule is off" in capsys.readouterr().out
    assert main(["--db", db, "retention", "set", "forever"]) == 1
    assert "number of years" in capsys.readouterr().err
