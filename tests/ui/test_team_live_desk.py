"""Two people on one team database (the suite's PostgreSQL server, row-level security on), each
in a process of their own: Omar's desk is open here, signed in with his own login; Lina (a
coordinator) and Mona (a manager) work from the `medtour` command line, signed in as themselves.
What they do shows on Omar's desk by itself: the list, the open tab, and "New for you" when a lead
is given to him."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import create_engine

from app.domain.change_feed import FeedState
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, get_lead
from app.domain.team import add_user, team_init
from app.storage import open_database
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.lead_list_model import COL_STATUS
from app.ui.main_controller import build_desk
from db.engine import Database
from tests.ui.desk_data import fixed_clock

pytestmark = [pytest.mark.gui, pytest.mark.postgres]

REPO = Path(__file__).resolve().parents[2]
PATIENCE_MS = 30_000  # a deadline for what must happen, not a measured timing
PEOPLE = {"omar": ("coordinator", "omar-Pass-1"), "lina": ("coordinator", "lina-Pass-2"), "mona": ("manager", "mona-Pass-3")}


@pytest.fixture
def team(postgres_server):
    tag = f"live{os.getpid()}"
    database = f"medtour_{tag}"
    admin = create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
    team_init(postgres_server.url(database))
    owner = Database(postgres_server.url(database))
    for person, (role, password) in PEOPLE.items():
        add_user(owner, f"{tag}_{person}", name=person.title(), role=role, password=password)
    with owner.read() as session:
        from sqlalchemy import select

        from db.models import Coordinator
        ids = {p: session.scalar(select(Coordinator.id).where(Coordinator.login == f"{tag}_{p}")) for p in PEOPLE}
    leads = {
        "lina": create_lead(owner, LeadInput(full_name="Patient of Lina", phones=[("+79161230002", "mobile")],
                                             coordinator_id=ids["lina"])).lead_id,
        "pool": create_lead(owner, LeadInput(full_name="Pool Patient", phones=[("+79161230003", "mobile")],
                                             coordinator_id=ids["lina"])).lead_id,
    }
    with owner.write() as session:
        from sqlalchemy import update

        from db.models import Lead
        session.execute(update(Lead).where(Lead.id == leads["pool"]).values(coordinator_id=None))

    def url(person: str) -> str:
        return postgres_server.url(database, user=f"{tag}_{person}", password=PEOPLE[person][1])

    yield owner, ids, leads, url
    owner.dispose()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        for person in PEOPLE:
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{tag}_{person}"')
        for group in ("admin", "manager", "coordinator", "viewer"):
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{database}_{group}"')
    admin.dispose()


def as_person(url: str, *args: str) -> None:
    """The command line, in a process of its own, signed in with that person's login."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-m", "app.cli", "--db", url, *args],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr


def test_what_colleagues_do_shows_on_omar_s_desk(qtbot, team):
    owner, ids, leads, url = team
    db = open_database(url("omar"))
    window, controller = build_desk(db, clock=fixed_clock(), zone=UTC, prompts=ScriptedPrompts(), safety=False,
                                    live=True)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    try:
        live = controller.live
        qtbot.waitUntil(lambda: live.state == FeedState.ONLINE, timeout=PATIENCE_MS)
        assert controller.person is not None and controller.person.id == ids["omar"]
        actions = window.actions  # what a coordinator's role may not do is greyed out (the server refuses it too)
        assert not actions.export_leads.isEnabled() and not actions.import_leads.isEnabled()
        assert "may not export leads" in actions.export_leads.toolTip()
        model = controller.list_model

        def status(lead_id: int) -> str | None:
            row = model.row_of(lead_id)
            return None if row is None else model.index(row, COL_STATUS).data()

        pool, linas = leads["pool"], leads["lina"]
        reference = get_lead(owner, pool).reference
        editor = controller.open_lead(pool).editor
        calls_before = len(editor.shown.interactions)

        # Lina takes a call on the pool's lead (a coordinator may work the pool) and moves it on.
        as_person(url("lina"), "log", reference, "--kind", "call", "--outcome", "reached",
                  "--notes", "Lina: sent the records list", "--status", "contacted")
        qtbot.waitUntil(lambda: len(editor.shown.interactions) == calls_before + 1, timeout=PATIENCE_MS)
        logged = next(i for i in editor.shown.interactions if i.notes == "Lina: sent the records list")
        assert logged.coordinator == "Lina"  # the server wrote who, from her login
        assert editor.shown.status == "contacted"

        # Mona, a manager, gives Omar Lina's lead: it comes onto his list and his status bar says so.
        lina_ref = get_lead(owner, linas).reference
        as_person(url("mona"), "assign", lina_ref, f"live{os.getpid()}_omar")
        qtbot.waitUntil(lambda: "New for you" in window.statusBar().currentMessage(), timeout=PATIENCE_MS)
        message = window.statusBar().currentMessage()
        assert lina_ref in message and "Mona" in message, message
        qtbot.waitUntil(lambda: status(linas) is not None, timeout=PATIENCE_MS)
    finally:
        controller.stop_live_changes()
        QThreadPool.globalInstance().waitForDone(10_000)
        db.dispose()
