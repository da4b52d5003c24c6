"""The server goes away while a desk is open with unsaved edits, and comes back.

A server of its own (not the session's, which other tests share) is stopped the hard way
(``pg_ctl -m immediate``): the status bar says so, the typed text stays, a save fails with the
words for a lost connection and keeps it. Started again on the same port and data, the feed
reconnects, the desk reads again what it shows, the save goes through, and what was saved
before the server went away is all there."""
from __future__ import annotations

import os
import socket
from datetime import UTC

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import create_engine

from app.domain.change_feed import FeedState
from app.domain.leads import get_lead
from app.error_words import CONDITION_WORDS
from app.storage import open_database
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.live_changes import BACK_ONLINE, OFFLINE_SERVER
from app.ui.main_controller import build_desk
from db.errors import Condition
from tests.postgres_server import PostgresServer, find_bindir, start_server
from tests.ui.desk_data import fixed_clock, known_leads

pytestmark = [pytest.mark.gui, pytest.mark.postgres]

PATIENCE_MS = 60_000  # a deadline for what must happen, not a measured timing


def _pg_ctl(server: PostgresServer, *args: str) -> None:
    import subprocess

    cmd = [str(server.bindir / "pg_ctl"), "-D", str(server.folder / "data"), *args]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def kill(server: PostgresServer) -> None:
    """Stop the server at once, as a crash or a pulled cable would (its data stay)."""
    _pg_ctl(server, "-m", "immediate", "stop")


def restart(server: PostgresServer) -> None:
    """Start it again on the same port and data (the options tests.postgres_server starts it with)."""
    options = f"-c listen_addresses=127.0.0.1 -p {server.port} -c unix_socket_directories={server.folder} -c fsync=off"
    _pg_ctl(server, "-o", options, "-l", str(server.folder / "log"), "-w", "start")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10):
        pass


@pytest.fixture
def own_server():
    if find_bindir() is None:
        pytest.skip("PostgreSQL tests skipped: no PostgreSQL server binaries (initdb) on this machine")
    server = start_server()
    yield server
    server.stop()


@pytest.fixture
def team_db(own_server):
    admin = create_engine(own_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql('CREATE DATABASE "medtour_restart"')
    admin.dispose()
    db = open_database(own_server.url("medtour_restart"), create=True)
    yield db
    db.dispose()


def test_the_desk_survives_the_server_going_away_and_coming_back(qtbot, own_server, team_db):
    ids = known_leads(team_db)
    prompts = ScriptedPrompts()
    window, controller = build_desk(team_db, clock=fixed_clock(), zone=UTC, prompts=prompts, safety=False, live=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    live = controller.live
    assert live is not None
    try:
        qtbot.waitUntil(lambda: live.state == FeedState.ONLINE, timeout=PATIENCE_MS)
        saved_before = controller.open_lead(ids["ivan"]).editor
        saved_before.form.diagnosis_edit.setPlainText("Saved before the outage")
        heard = []
        controller.changes.changed.connect(heard.append)
        assert saved_before.save()  # acknowledged: must survive
        # its notification comes back from the server too (the login as origin) and is read before the outage
        qtbot.waitUntil(lambda: any(c.origin == "medtour" and c.affects(ids["ivan"]) for c in heard), timeout=PATIENCE_MS)
        editor = controller.open_lead(ids["anna"]).editor
        editor.form.diagnosis_edit.setPlainText("Typed during the outage")

        kill(own_server)
        qtbot.waitUntil(lambda: live.state == FeedState.OFFLINE, timeout=PATIENCE_MS)
        assert live.label.isVisible() and live.label.text() == OFFLINE_SERVER
        assert editor.form.diagnosis_edit.toPlainText() == "Typed during the outage"

        assert not editor.save()
        _title, lost = CONDITION_WORDS[Condition.CONNECTION_LOST]
        assert prompts.seen[-1][:2] == ("error", "Not saved")
        assert lost[:1].upper() + lost[1:] in prompts.seen[-1][2]
        assert "Traceback" not in prompts.seen[-1][2]
        assert editor.save_state.text() == "Not saved: your changes are kept here"
        assert editor.form.diagnosis_edit.toPlainText() == "Typed during the outage" and editor.is_dirty()

        with qtbot.waitSignal(controller.leads.changesApplied, timeout=PATIENCE_MS) as applied:
            restart(own_server)  # the feed reconnects, then the desk reads everything again
        assert applied.args == [True]
        assert live.state == FeedState.ONLINE and live.label.text() == BACK_ONLINE
        assert editor.form.diagnosis_edit.toPlainText() == "Typed during the outage"

        assert editor.save()
        assert not editor.is_dirty()
    finally:
        controller.stop_live_changes()
        QThreadPool.globalInstance().waitForDone(10_000)

    check = open_database(own_server.url("medtour_restart"))
    try:
        assert get_lead(check, ids["ivan"]).diagnosis == "Saved before the outage"
        assert get_lead(check, ids["anna"]).diagnosis == "Typed during the outage"
    finally:
        check.dispose()
