"""The Pipeline view: counts per stage, moves by keyboard, drag-and-drop and menu, refusals, undo."""

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent

from app.domain.leads import get_lead
from app.ui.main_window import VIEW_PIPELINE

pytestmark = pytest.mark.gui


@pytest.fixture
def desk(desk):
    """The desk (tests/ui/conftest.py) on its Pipeline view."""
    desk[1].show_view(VIEW_PIPELINE)
    return desk


def tile_counts(window):
    return {status: tile.count for status, tile in window.pipeline.tiles.items()}


def select_in_pipeline(controller, status: str, lead_id: int) -> None:
    controller.pipeline.show_stage(status)
    table = controller.window.pipeline.table
    table.selectRow(controller.pipeline_model.row_of(lead_id))
    table.setFocus()


def test_counts_per_stage(desk):
    window, controller, _ids, _ = desk
    counts = tile_counts(window)
    assert counts["new"] == 3 and counts["contacted"] == 5 and counts["lost"] == 0
    assert window.pipeline.total.text() == "8 leads"
    assert window.pipeline.stage_title.text().startswith("New: 3 leads")
    controller.pipeline.show_stage("contacted")
    assert controller.pipeline_model.rowCount() == 5
    assert window.pipeline.tiles["contacted"].selected


def test_ctrl_right_moves_to_the_next_stage_and_ctrl_z_undoes(qtbot, desk):
    window, controller, ids, _ = desk
    select_in_pipeline(controller, "contacted", ids["ivan"])
    qtbot.keyClick(window.pipeline.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert get_lead(controller.db, ids["ivan"]).status == "qualified"
    assert tile_counts(window)["qualified"] == 1 and tile_counts(window)["contacted"] == 4
    assert controller.pipeline_model.row_of(ids["ivan"]) is None  # it left the stage shown
    qtbot.keyClick(window.pipeline.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_lead(controller.db, ids["ivan"]).status == "contacted"
    assert tile_counts(window)["contacted"] == 5


def test_backwards_is_refused_with_the_pipelines_message(qtbot, desk):
    window, controller, ids, prompts = desk
    select_in_pipeline(controller, "contacted", ids["ivan"])
    qtbot.keyClick(window.pipeline.table, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert get_lead(controller.db, ids["ivan"]).status == "contacted"
    assert prompts.titles("inform") == ["Move refused"]
    assert "cannot move from 'contacted' to 'new'; allowed: qualified" in prompts.texts("inform")[0].lower()


def drop(tile, mime):
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tile.dragEnterEvent(event)
    tile.dropEvent(event)
    return event


def test_drag_leads_onto_a_stage(qtbot, desk):
    window, controller, ids, prompts = desk
    controller.pipeline.show_stage("new")
    model = controller.pipeline_model
    mime = model.mimeData([model.index(model.row_of(ids["priya"]), 0)])
    drop(window.pipeline.tiles["contacted"], mime)
    assert get_lead(controller.db, ids["priya"]).status == "contacted"
    mime = model.mimeData([model.index(model.row_of(ids["fresh"]), 0)])
    drop(window.pipeline.tiles["booked"], mime)  # new → booked skips stages
    assert get_lead(controller.db, ids["fresh"]).status == "new"
    assert "cannot move from 'new' to 'booked'" in prompts.texts("inform")[-1].lower()


def test_several_leads_to_an_exit_ask_one_reason(qtbot, desk, monkeypatch):
    window, controller, ids, _ = desk
    asked = []
    monkeypatch.setattr(controller.mover, "ask_reason", lambda parent, target, count: asked.append(count) or "Too expensive")
    controller.pipeline.show_stage("new")
    model = controller.pipeline_model
    mime = model.mimeData([model.index(r, 0) for r in range(model.rowCount())])
    drop(window.pipeline.tiles["lost"], mime)
    assert asked == [3]
    for key in ("priya", "fresh", "amber"):
        detail = get_lead(controller.db, ids[key])
        assert (detail.status, detail.status_reason) == ("lost", "Too expensive")
    assert tile_counts(window)["lost"] == 3 and tile_counts(window)["new"] == 0


def test_one_lead_to_lost_opens_the_status_dialog(qtbot, desk, monkeypatch):
    window, controller, ids, _ = desk
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def answer():
        dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "statusDialog" and w.isVisible())
        dialog.reason_box.setEditText("Chose another provider")
        dialog.accept()

    QTimer.singleShot(50, answer)
    select_in_pipeline(controller, "contacted", ids["james"])
    window.actions.move_to["lost"].trigger()
    detail = get_lead(controller.db, ids["james"])
    assert (detail.status, detail.status_reason) == ("lost", "Chose another provider")


def test_stage_keys(qtbot, desk):
    window, controller, _ids, _ = desk
    window.pipeline.table.setFocus()
    qtbot.keyClick(window.pipeline.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert controller.pipeline.stage == "contacted"
    qtbot.keyClick(window.pipeline.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.pipeline.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert controller.pipeline.stage == "duplicate"  # wraps round to the last exit
    qtbot.mouseClick(window.pipeline.tiles["qualified"], Qt.MouseButton.LeftButton)
    assert controller.pipeline.stage == "qualified"


def test_every_stage_tile_stays_in_view_when_the_view_is_narrow(qtbot):
    """Beside an open lead the main path wraps onto more rows: no tile is cut or scrolled away."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QApplication

    from app.ui.pipeline_view import PipelineView

    view = PipelineView()
    qtbot.addWidget(view)
    row_count = {}
    for width in (1400, 660, 480):
        view.resize(width, 700)
        view.show()
        QApplication.processEvents()
        rows = set()
        for tile in view.tiles.values():
            place = QRect(tile.mapTo(view, QPoint(0, 0)), tile.size())
            assert view.rect().contains(place), (width, tile.status, place)
            assert tile.width() >= tile.minimumWidth(), (width, tile.status)
            rows.add(place.top())
        row_count[width] = len(rows)
    assert row_count[1400] == 2 and 2 < row_count[660] < row_count[480], row_count  # one row each when there is room
