"""Medical records on a team database, as each person signs in: a coordinator files and reads the
documents of their own patients; under visibility "own" never another's; a viewer reads the
checklist but not a document's bytes nor the read log; the server writes who read and when."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from app.domain.case_records import attach_file, document_reads_for, read_document, record_checklist
from app.domain.clock import FixedClock
from app.domain.errors import NotFoundError
from app.error_words import describe
from tests.db import test_team_permissions as team_tests

team = team_tests.team  # the fixture: a team database with omar, lina (coordinators), mona, adam, vera (viewer)
_refused = team_tests._refused

pytestmark = pytest.mark.postgres

PDF = b"%PDF-1.4\n% pathology of the patient\n%%EOF\n"
LONG_AGO = FixedClock(datetime(2020, 1, 1, 12, 0, tzinfo=UTC))


def _attach(db, ref, tmp_path, name="path.pdf", data=PDF):
    path = tmp_path / name
    path.write_bytes(data)
    return attach_file(db, ref, "pathology_report", path, clock=LONG_AGO).document


def test_a_coordinator_reads_their_own_documents_and_the_server_writes_the_read_log(team, tmp_path):
    omar = team.app("omar")
    doc = _attach(omar, team.leads["omar"], tmp_path)
    _info, data = read_document(omar, team.leads["omar"], doc.id, clock=LONG_AGO)
    assert data == PDF
    [entry] = document_reads_for(omar, team.leads["omar"])
    assert (entry.purpose, entry.coordinator, entry.login) == ("opened", "Omar", team.login("omar"))
    assert entry.read_at.year > 2020  # the server's clock, not the one the app passed
    with team.owner.read() as s:  # the trigger, not the app, named the reader
        row = s.execute(text("SELECT coordinator_id, login FROM document_reads")).one()
    assert tuple(row) == (team.ids["omar"], team.login("omar"))


def test_under_own_a_coordinator_cannot_read_another_coordinators_documents(team, tmp_path):
    omar, lina = team.app("omar"), team.app("lina")
    doc = _attach(omar, team.leads["omar"], tmp_path)
    team.set_visibility("own")
    with pytest.raises(NotFoundError):
        record_checklist(lina, team.leads["omar"])
    with pytest.raises(NotFoundError):
        read_document(lina, team.leads["omar"], doc.id)
    conn = team.connect("lina")
    assert conn.execute("SELECT count(*) FROM case_documents").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM document_contents").fetchone() == (0,)
    # nor write into the read log or the bytes of a lead she cannot see
    _refused(conn, "INSERT INTO document_reads (lead_id, document_id, purpose, read_at) VALUES (%s, %s, 'opened', now())",
             (team.lead_id("omar"), doc.id))
    _refused(conn, "INSERT INTO document_contents (document_id, lead_id, data) VALUES (%s, %s, 'x')",
             (doc.id, team.lead_id("omar")))


def test_under_team_a_coordinator_may_read_but_not_file_on_anothers_lead(team, tmp_path):
    omar, lina = team.app("omar"), team.app("lina")
    doc = _attach(omar, team.leads["omar"], tmp_path)
    team.set_visibility("team")
    assert [f.id for f in record_checklist(lina, team.leads["omar"]).item("pathology_report").files] == [doc.id]
    read_document(lina, team.leads["omar"], doc.id)  # a read of a visible lead is logged, whoever's it is
    assert {e.coordinator for e in document_reads_for(omar, team.leads["omar"])} == {"Lina"}
    with pytest.raises(Exception) as caught:  # the server's refusal, classified below
        _attach(lina, team.leads["omar"], tmp_path, "other.pdf", PDF + b"x")
    assert "may not" in describe(caught.value).message  # a row-level policy refused it
    assert len(record_checklist(omar, team.leads["omar"]).item("pathology_report").files) == 1


def test_a_viewer_sees_the_checklist_but_not_the_bytes_or_the_read_log(team, tmp_path):
    omar = team.app("omar")
    doc = _attach(omar, team.leads["omar"], tmp_path)
    read_document(omar, team.leads["omar"], doc.id)
    vera = team.app("vera")
    assert record_checklist(vera, team.leads["omar"]).item("pathology_report").state == "received"
    conn = team.connect("vera")
    _refused(conn, "SELECT data FROM document_contents")
    _refused(conn, "SELECT * FROM document_reads")
    with pytest.raises(Exception) as caught:
        read_document(vera, team.leads["omar"], doc.id)
    assert "permission denied" in str(caught.value)
