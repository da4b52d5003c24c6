"""Changes announce themselves: every view of the desk follows the one `changes` hub.

A second Database object on the same file plays another coordinator's desk: it writes, and its
change description is announced on the hub as the team listener will. Each subscriber (the lead
list, Today, Pipeline, the dashboard, an open lead tab) then shows the new state by itself; every
operation announces exactly one change with the right leads and kinds."""
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.domain.lead_change_set import ChangeKind, LeadChanges
from app.domain.lead_records import LeadInput
from app.domain.leads import InteractionInput, change_status, create_lead, get_lead, log_interaction, update_lead
from app.storage import open_database
from app.ui.lead_list_model import COL_NAME
from app.ui.main_window import VIEW_DASHBOARD, VIEW_LEADS, VIEW_PIPELINE, VIEW_TODAY
from app.ui.operations import DeskChanges, run_op
from tests.ui.desk_data import NOW, fixed_clock

pytestmark = pytest.mark.gui


@pytest.fixture
def other_desk(sqlite_db):
    """Another coordinator's connection to the same database file."""
    db = open_database(sqlite_db.path)
    yield db
    db.dispose()


@pytest.fixture
def announced(desk):
    _window, controller, _ids, _ = desk
    seen: list[LeadChanges] = []
    controller.changes.changed.connect(seen.append)
    return seen


def rename(db, lead_id: int, name: str) -> LeadChanges:
    update_lead(db, lead_id, get_lead(db, lead_id).version, {"full_name": name})
    return LeadChanges.of([lead_id], ChangeKind.FIELDS, origin="desk 2")


def window_counts(controller) -> str:
    return controller.window.counts_label.text()


# ---------------------------------------------------------------------------- subscribers


def test_the_list_repaints_a_changed_row_in_place(qtbot, desk, other_desk):
    window, controller, ids, _ = desk
    controller.leads.select_lead(ids["wang"])
    changes = rename(other_desk, ids["james"], "James Smythe")
    with qtbot.waitSignal(controller.leads.changesApplied) as applied:
        controller.changes.announce(LeadChanges.from_json(changes.to_json()))
    assert applied.args == [False]  # one row read again, the list not queried again
    row = controller.list_model.row_of(ids["james"])
    assert controller.list_model.index(row, COL_NAME).data() == "James Smythe"
    assert window.lead_list.table.selected_lead_ids() == [ids["wang"]]


def test_the_list_queries_again_for_new_leads(qtbot, desk, other_desk):
    _window, controller, ids, _ = desk
    created = create_lead(other_desk, LeadInput(full_name="Olga Ivanova", email="olga@example.ru", country="RU"), clock=fixed_clock()).lead_id
    assert controller.list_model.row_of(created) is None
    with qtbot.waitSignal(controller.leads.changesApplied) as applied:
        controller.changes.announce(LeadChanges.of([created], ChangeKind.CREATED))
    assert applied.args == [True]
    assert controller.list_model.row_of(created) is not None
    assert window_counts(controller) == f"{len(ids) + 1:,} leads · {len(ids) + 1:,} shown"


def test_today_refreshes_when_shown_and_waits_when_hidden(qtbot, desk, other_desk):
    window, controller, ids, _ = desk
    today = controller.today
    with qtbot.waitSignal(today.loaded, timeout=10000):
        controller.show_view(VIEW_TODAY)
    assert today.view.follow_ups.row_of(ids["priya"]) is None
    assert today.view.new_inquiries.row_of(ids["priya"]) is not None

    log_interaction(other_desk, ids["priya"], InteractionInput(kind="call_out", outcome="reached",
                                                               follow_up_at=NOW + timedelta(hours=1)), clock=fixed_clock())
    with qtbot.waitSignal(today.loaded, timeout=10000):
        controller.changes.announce(LeadChanges.of([ids["priya"]], ChangeKind.INTERACTIONS, origin="desk 2"))
    assert today.view.follow_ups.row_of(ids["priya"]) is not None
    assert today.view.new_inquiries.row_of(ids["priya"]) is None

    controller.show_view(VIEW_LEADS)
    log_interaction(other_desk, ids["fresh"], InteractionInput(kind="call_out", outcome="reached"), clock=fixed_clock())
    controller.changes.announce(LeadChanges.of([ids["fresh"]], ChangeKind.INTERACTIONS, origin="desk 2"))
    assert today.freshness.stale and today._task is None  # hidden: nothing read yet
    assert today.view.new_inquiries.row_of(ids["fresh"]) is not None
    with qtbot.waitSignal(today.loaded, timeout=10000):
        controller.show_view(VIEW_TODAY)
    assert today.view.new_inquiries.row_of(ids["fresh"]) is None and not today.freshness.stale


def test_the_pipeline_recounts_and_relists_its_stage(qtbot, desk, other_desk):
    _window, controller, ids, _ = desk
    controller.show_view(VIEW_PIPELINE)
    pipeline = controller.pipeline
    pipeline.show_stage("contacted")
    assert pipeline.counts["contacted"] == 5 and ids["ivan"] in controller.pipeline_model.lead_ids()
    change_status(other_desk, ids["ivan"], "qualified")
    controller.changes.announce(LeadChanges.of([ids["ivan"]], ChangeKind.STATUS, origin="desk 2"))
    assert pipeline.counts["contacted"] == 4 and pipeline.counts["qualified"] == 1
    assert ids["ivan"] not in controller.pipeline_model.lead_ids()
    assert pipeline.view.tiles["qualified"].count == 1 and pipeline.view.tiles["contacted"].count == 4


def test_the_dashboard_reads_its_numbers_again(qtbot, desk, other_desk):
    _window, controller, ids, _ = desk
    controller.show_view(VIEW_DASHBOARD)
    dashboard = controller.dashboard
    qtbot.waitUntil(lambda: dashboard.data is not None, timeout=15000)
    assert dashboard.data.total == len(ids)
    create_lead(other_desk, LeadInput(full_name="Olga Ivanova", email="olga@example.ru", country="RU"), clock=fixed_clock())
    with qtbot.waitSignal(dashboard.loaded, timeout=15000):
        controller.changes.announce(LeadChanges.everything(origin="desk 2"))
    assert dashboard.data.total == len(ids) + 1
    assert dashboard.view.total_card.value.text() == f"{len(ids) + 1:,}"


def test_an_open_lead_tab_reads_its_lead_again(qtbot, desk, other_desk):
    window, controller, ids, _ = desk
    james = controller.open_lead(ids["james"]).editor
    wang = controller.open_lead(ids["wang"]).editor
    wang.form.set_values({**wang.base.editable_values(), "email": "wang.wei@example.sg"})  # unsaved: kept
    controller.changes.announce(rename(other_desk, ids["james"], "James Smythe"))
    assert james.name_label.text() == "James Smythe" and james.form.values()["full_name"] == "James Smythe"
    assert window.lead_tabs.tabText(window.lead_tabs.indexOf(controller.panel.tabs[ids["james"]])) == "James Smythe"

    change_status(other_desk, ids["wang"], "qualified")
    controller.changes.announce(LeadChanges.of([ids["wang"]], ChangeKind.STATUS, origin="desk 2"))
    assert wang.shown.status == "qualified" and wang.is_dirty()
    assert wang.form.values()["email"] == "wang.wei@example.sg"


# ---------------------------------------------------------------------------- producers


def test_a_pipeline_move_announces_one_status_change(qtbot, desk, announced):
    window, controller, ids, _ = desk
    controller.leads.select_lead(ids["ivan"])
    window.lead_list.table.setFocus()
    qtbot.keyClick(window.lead_list.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert announced == [LeadChanges.of([ids["ivan"]], ChangeKind.STATUS, origin="pipeline")]
    window.actions.undo_status.trigger()
    assert announced[1:] == [LeadChanges.of([ids["ivan"]], ChangeKind.STATUS, origin="pipeline")]


def test_one_step_of_leads_at_different_stages_is_one_announcement(qtbot, desk, announced):
    window, controller, ids, _ = desk
    controller.leads.select_leads([ids["ivan"], ids["priya"]])  # contacted and new
    window.lead_list.table.setFocus()
    qtbot.keyClick(window.lead_list.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert [get_lead(controller.db, ids[k]).status for k in ("ivan", "priya")] == ["qualified", "contacted"]
    assert announced == [LeadChanges.of([ids["ivan"], ids["priya"]], ChangeKind.STATUS, origin="pipeline")]


def test_an_editor_save_announces_one_fields_change(qtbot, desk, announced):
    _window, controller, ids, _ = desk
    editor = controller.open_lead(ids["james"]).editor
    editor.form.set_values({**editor.base.editable_values(), "full_name": "Jimmy Smith"})
    assert editor.save()
    assert announced == [LeadChanges.of([ids["james"]], ChangeKind.FIELDS, origin="editor")]
    row = controller.list_model.row_of(ids["james"])
    assert controller.list_model.index(row, COL_NAME).data() == "Jimmy Smith"


def test_demo_data_announces_one_change_of_unknown_extent(qtbot, desk, announced):
    _window, controller, ids, _ = desk
    task = controller.run_demo(5)
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert announced == [LeadChanges.everything(origin="demo")]
    assert controller.list_model.rowCount() >= len(ids) + 5


def test_run_op_announces_once_on_success_and_never_on_failure(qtbot):
    from PySide6.QtCore import QObject

    hub, parent = DeskChanges(), QObject()
    seen, results, errors = [], [], []
    hub.changed.connect(seen.append)
    task = run_op(hub, parent, lambda _control: 41 + 1, changes_of=lambda n: LeadChanges.of([n], ChangeKind.CREATED),
                  success=results.append, failure=errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen == [LeadChanges.of([42], ChangeKind.CREATED)] and results == [42] and errors == []

    def broken(_control):
        raise ValueError("no such lead")

    task = run_op(hub, parent, broken, changes_of=lambda _r: LeadChanges.everything(), failure=errors.append)
    with qtbot.waitSignal(task.failed, timeout=5000):
        pass
    assert len(seen) == 1 and [str(e) for e in errors] == ["no such lead"]

    assert run_op(hub, parent, lambda _control: 7, changes_of=lambda n: LeadChanges.of([n], "status"),
                  background=False) is None  # a quick call runs at once and announces the same way
    assert seen[-1] == LeadChanges.of([7], ChangeKind.STATUS) and len(seen) == 2


def test_a_change_reported_from_another_thread_reaches_subscribers_on_the_ui_thread(qtbot):
    import threading

    hub = DeskChanges()
    threads = []
    hub.changed.connect(lambda _changes: threads.append(threading.current_thread()))
    changes = LeadChanges.from_json('{"lead_ids": [3], "kinds": ["fields"], "origin": "desk 2"}')
    listener = threading.Thread(target=hub.announce_from_any_thread, args=(changes,))
    with qtbot.waitSignal(hub.changed, timeout=5000) as arrived:
        listener.start()
        listener.join()
    assert arrived.args == [changes] and threads == [threading.main_thread()]
