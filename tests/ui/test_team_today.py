"""A team's desk: a coordinator opens on "My leads" and "My Today" (their own and the unassigned
pool's new inquiries), a manager's Today shows everyone's day or one person's, new inquiries past
the first-response target are marked, and the dashboard's per-coordinator table."""
from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from PySide6.QtCore import Qt, QThreadPool
from sqlalchemy import update

from app.domain.clock import FixedClock
from app.domain.leads import InteractionInput, log_interaction
from app.domain.team_settings import write_team_setting
from app.ui import theme
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.lead_list_model import LeadIdRole
from app.ui.main_controller import build_desk
from app.ui.today_model import COL_WHEN
from db.lead_queries import UNASSIGNED
from db.models import Coordinator, Lead
from tests.ui.desk_data import NOW, add, fixed_clock

pytestmark = pytest.mark.gui


def _person(db, name: str, role: str, login: str | None = None) -> int:
    with db.write() as session:
        person = Coordinator(name=name, role=role, created_at=NOW, languages=[], countries=[], login=login or name.lower())
        session.add(person)
        session.flush()
        return person.id


def _assign(db, lead_id: int, coordinator_id: int | None) -> None:
    with db.write() as session:
        session.execute(update(Lead).where(Lead.id == lead_id).values(coordinator_id=coordinator_id))


@pytest.fixture
def team(sqlite_db):
    """Omar and Lena (coordinators), Mira (manager); each coordinator has a follow-up due and a new
    inquiry; the pool has one new inquiry (90 min old: past a 1 h target) and one follow-up."""
    db = sqlite_db
    people = {"omar": _person(db, "Omar", "coordinator"), "lena": _person(db, "Lena", "coordinator"),
              "mira": _person(db, "Mira", "manager")}
    leads = {
        "omar_due": add(db, "Omar Due", "+49 30 11111111", "DE", follow_up=NOW - timedelta(hours=1)),
        "omar_new": add(db, "Omar New", "+49 30 22222222", "DE", inquiry_hours_ago=0.5),
        "lena_due": add(db, "Lena Due", "+49 30 33333333", "DE", follow_up=NOW - timedelta(hours=1)),
        "lena_new": add(db, "Lena New", "+49 30 44444444", "DE", inquiry_hours_ago=3),
        "pool_new": add(db, "Pool New", "+49 30 55555555", "DE", inquiry_hours_ago=1.5),
        "pool_due": add(db, "Pool Due", "+49 30 66666666", "DE", follow_up=NOW - timedelta(hours=1)),
    }
    for name, lead_id in leads.items():
        owner = name.split("_")[0]
        _assign(db, lead_id, people.get(owner))
        if name.endswith("_due"):
            log_interaction(db, lead_id, InteractionInput(kind="call_out", follow_up_at=NOW - timedelta(hours=1)),
                            clock=FixedClock(NOW - timedelta(hours=70)))  # answered: a follow-up, not a new inquiry
    return db, people, leads


def _desk(qtbot, db, person_id: int):
    # the profile chosen at "Who is working?" (solo); on a team database it is current_user's
    window, controller = build_desk(db, clock=fixed_clock(), zone=UTC, prompts=ScriptedPrompts(), safety=False,
                                    actor_id=person_id)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window, controller


def _ids(model) -> set[int]:
    return {model.index(r, 0).data(LeadIdRole) for r in range(model.rowCount())}


def _load_today(qtbot, controller):
    with qtbot.waitSignal(controller.today.loaded, timeout=10_000) as loaded:
        controller.today.refresh()
    return loaded.args[0]


def test_a_coordinator_opens_on_my_leads_and_my_today(qtbot, team):
    db, people, leads = team
    window, controller = _desk(qtbot, db, people["omar"])
    assert controller.person.name == "Omar"
    combo = window.lead_list.coordinator_filter
    assert combo.currentText() == "My leads"
    assert _ids(controller.list_model) == {leads["omar_due"], leads["omar_new"]}
    combo.setCurrentIndex(combo.findData(UNASSIGNED))  # the pool, to pick up from
    assert combo.currentText() == "Unassigned (the pool)"
    assert _ids(controller.list_model) == {leads["pool_new"], leads["pool_due"]}

    agenda = _load_today(qtbot, controller)
    today = window.today
    assert today.title.text().startswith("My Today · ")
    assert not today.coordinator.isVisible(), "a coordinator's Today is theirs: no chooser"
    assert set(agenda.follow_ups.ids) == {leads["omar_due"]}  # my follow-ups
    assert set(agenda.new_inquiries.ids) == {leads["omar_new"], leads["pool_new"]}  # mine and the pool's
    QThreadPool.globalInstance().waitForDone(10_000)


def test_a_managers_today_shows_everyone_or_one_person(qtbot, team):
    db, people, leads = team
    window, controller = _desk(qtbot, db, people["mira"])
    combo = window.today.coordinator
    assert window.lead_list.coordinator_filter.currentText() == "All coordinators"
    assert [combo.itemText(i) for i in range(combo.count())][:1] == ["Everyone's calls"]
    assert {"Omar's calls", "Lena's calls", "Unassigned inquiries (the pool)"} <= {combo.itemText(i) for i in range(combo.count())}
    everyone = _load_today(qtbot, controller)
    assert set(everyone.follow_ups.ids) == {leads["omar_due"], leads["lena_due"], leads["pool_due"]}
    assert window.today.title.text().startswith("Today · ")
    with qtbot.waitSignal(controller.today.loaded, timeout=10_000) as loaded:
        combo.setCurrentIndex(combo.findData(people["lena"]))  # choosing reloads
    lena = loaded.args[0]
    assert set(lena.follow_ups.ids) == {leads["lena_due"]} and set(lena.new_inquiries.ids) == {leads["lena_new"]}
    with qtbot.waitSignal(controller.today.loaded, timeout=10_000) as loaded:
        combo.setCurrentIndex(combo.findData(UNASSIGNED))
    assert set(loaded.args[0].new_inquiries.ids) == {leads["pool_new"]}
    QThreadPool.globalInstance().waitForDone(10_000)


def test_new_inquiries_past_the_first_response_target_are_marked(qtbot, team):
    db, people, leads = team
    with db.write() as session:
        write_team_setting(session, "first-response", "1h")
    window, controller = _desk(qtbot, db, people["mira"])
    agenda = _load_today(qtbot, controller)
    assert agenda.first_response == timedelta(hours=1) and agenda.past_target == 2  # Lena's (3 h) and the pool's (90 min)
    model = window.today.new_inquiries
    rows = {model.index(r, 0).data(LeadIdRole): r for r in range(model.rowCount())}
    pool = model.index(rows[leads["pool_new"]], COL_WHEN)
    assert pool.data() == "1 h 30 min — past the 1 h target"
    assert pool.data(Qt.ItemDataRole.ForegroundRole).color().name() == theme.RED
    assert "first-response target" in pool.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(rows[leads["omar_new"]], COL_WHEN).data() == "30 min"  # within the target: unmarked
    assert "2 past the 1 h first-response target" in window.today.new_title.text()
    QThreadPool.globalInstance().waitForDone(10_000)


def test_the_dashboard_table_for_a_manager_and_for_a_coordinator(qtbot, qtmodeltester, team):
    from app.ui.dashboard_view import COL_NAME, COL_WAITING, DashboardController, DashboardView
    from app.ui.desk_person import desk_person

    db, people, _leads = team

    def shown(person_id: int) -> list[tuple[str, str]]:
        view = DashboardView()
        qtbot.addWidget(view)
        controller = DashboardController(view, db, clock=fixed_clock(), zone=UTC, person=desk_person(db, person_id))
        with qtbot.waitSignal(controller.loaded, timeout=15_000):
            controller.refresh()
        qtmodeltester.check(view.team_model)
        model = view.team_model
        return [(model.index(r, COL_NAME).data(), model.index(r, COL_WAITING).data()) for r in range(model.rowCount())]

    assert shown(people["mira"]) == [("Lena", "1"), ("Mira", "0"), ("Omar", "1"),
                                     ("Unassigned (the pool)", "1")]
    assert len(shown(people["omar"])) == 4  # visibility "team": every row
    with db.write() as session:
        write_team_setting(session, "visibility", "own")
    assert shown(people["omar"]) == [("Omar", "1")]


@pytest.mark.postgres
def test_on_a_team_database_the_person_is_the_servers_current_user(postgres_db):
    from app.ui.desk_person import desk_person

    with postgres_db.read() as session:
        login = session.connection().exec_driver_sql("SELECT current_user").scalar()
    omar = _person(postgres_db, "Omar", "coordinator", login=login)
    other = _person(postgres_db, "Lena", "manager")
    person = desk_person(postgres_db, actor_id=other)  # the server's word wins over the desktop's setting
    assert (person.id, person.name, person.role.value, person.works_own_leads) == (omar, "Omar", "coordinator", True)
