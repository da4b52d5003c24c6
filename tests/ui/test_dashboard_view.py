"""The dashboard: its numbers against SQL, and every number opening the leads behind it."""
from datetime import timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from app.domain import dashboard_stats as stats
from app.domain.demo_data import generate_demo
from app.domain.pipeline import Status
from app.ui.dashboard_view import DashboardController, DashboardView, DrillDown
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.main_controller import build_desk
from app.ui.main_window import VIEW_DASHBOARD, VIEW_LEADS, VIEW_TODAY
from tests.ui.desk_data import NOW, fixed_clock

pytestmark = pytest.mark.gui


@pytest.fixture
def demo_db(sqlite_db):
    generate_demo(sqlite_db, 300, seed=11, clock=fixed_clock())
    return sqlite_db


@pytest.fixture
def dashboard(qtbot, demo_db):
    view = DashboardView()
    qtbot.addWidget(view)
    view.resize(1200, 800)
    controller = DashboardController(view, demo_db, clock=fixed_clock(), zone=timezone.utc)
    with qtbot.waitSignal(controller.loaded, timeout=15_000):
        controller.refresh()
    return view, controller


def scalar(db, statement):
    with db.read() as session:
        return session.execute(text(statement)).scalar()


def test_numbers_match_sql(dashboard, demo_db):
    view, controller = dashboard
    total = scalar(demo_db, "SELECT count(*) FROM leads")
    assert view.total_card.value.text() == f"{total:,}"
    since = NOW.replace(tzinfo=None) - timedelta(days=30)
    waiting = scalar(demo_db, "SELECT count(*) FROM leads WHERE status = 'new' AND first_contact_at IS NULL")
    recent = scalar(demo_db, f"SELECT count(*) FROM leads WHERE status = 'new' AND first_contact_at IS NULL AND inquiry_at >= '{since}'")
    assert view.waiting_card.value.text() == f"{waiting:,}"  # however old: the table's column summed
    assert view.waiting_card.detail.text().startswith(f"{recent:,} of the ")
    assert waiting == recent or view.waiting_card.detail.text().endswith(f", {waiting - recent:,} older")
    data = controller.data
    assert view.on_time_card.detail.text().startswith(f"{data.follow_ups.on_time:,} of {data.follow_ups.due:,}")
    funnel = view.funnel_view.chart().series()[0].barSets()[0]
    assert int(funnel.at(funnel.count() - 1)) == total  # the top bar: every lead arrived as an inquiry
    qualified = scalar(demo_db, "SELECT count(DISTINCT lead_id) FROM status_changes WHERE to_status = 'qualified'")
    assert qualified in [int(funnel.at(i)) for i in range(funnel.count())]
    weekly = view.weekly_view.chart().series()[0]
    assert sum(int(s.at(i)) for s in weekly.barSets() for i in range(s.count())) == sum(
        sum(series) for series in data.weekly.counts.values())
    lost = view.lost_view.chart().series()[0].barSets()[0]
    assert sum(int(lost.at(i)) for i in range(lost.count())) == scalar(demo_db, "SELECT count(*) FROM leads WHERE status = 'lost'")


def test_bars_drill_down_to_their_leads(qtbot, dashboard, demo_db):
    view, controller = dashboard
    drills = []
    controller.drillDown.connect(drills.append)
    funnel_series = view.funnel_view.chart().series()[0]
    stages = list(reversed(controller.data.funnel))
    index = next(i for i, (s, _n) in enumerate(stages) if s is Status.QUALIFIED)
    funnel_series.clicked.emit(index, funnel_series.barSets()[0])
    assert drills[-1].ids == stats.ids_reached(demo_db, Status.QUALIFIED)
    assert len(drills[-1].ids) == dict(controller.data.funnel)[Status.QUALIFIED]
    country_series = view.country_view.chart().series()[0]
    country_series.clicked.emit(country_series.barSets()[0].count() - 1, country_series.barSets()[0])
    top_country = controller.data.countries[0][0]
    assert drills[-1].country == top_country and drills[-1].ids is None
    weekly = view.weekly_view.chart().series()[0]
    bar_set = weekly.barSets()[0]
    weekly.clicked.emit(len(controller.data.weekly.weeks) - 2, bar_set)
    expected = controller.data.weekly.counts[bar_set.label()][-2]
    assert len(drills[-1].ids) == expected
    qtbot.mouseClick(view.waiting_card, Qt.MouseButton.LeftButton)
    assert drills[-1].today


def test_drill_down_in_the_main_window(qtbot, demo_db):
    window, controller = build_desk(demo_db, clock=fixed_clock(), zone=timezone.utc, prompts=ScriptedPrompts(), safety=False)
    qtbot.addWidget(window)
    window.show()
    controller.show_view(VIEW_DASHBOARD)
    with qtbot.waitSignal(controller.dashboard.loaded, timeout=15_000):
        pass
    reason, count = controller.dashboard.data.lost_reasons[0]
    lost = window.findChild(DashboardView, "dashboardView").lost_view.chart().series()[0]
    lost.clicked.emit(len(controller.dashboard.data.lost_reasons) - 1, lost.barSets()[0])  # the top bar
    assert window.views.currentIndex() == VIEW_LEADS
    assert controller.list_model.rowCount() == count
    assert window.lead_list.restriction_chip.isVisible() and reason in window.lead_list.restriction_chip.text()
    assert window.lead_list.status_filter.currentData() == "lost"
    controller.dashboard.drillDown.emit(DrillDown("Waiting", today=True))
    assert window.views.currentIndex() == VIEW_TODAY


def test_category_labels_are_whole():
    """Every lost reason and stage shows in full on the charts ("No response after follow-ups")."""
    from app.domain.pipeline import LOST_REASONS, STATUS_INFO
    from app.ui.dashboard_view import _short

    for label in (*LOST_REASONS, *(info.label for info in STATUS_INFO.values())):
        assert _short(label) == label
    assert _short("A reason typed by hand that goes on and on") == "A reason typed by hand that g…"
