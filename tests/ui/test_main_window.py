"""The main window end to end: search as you type, quick filters, shortcuts, status moves and
their undo, the lead panel, the status bar and the remembered layout."""
import threading
from datetime import timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.leads import get_lead
from app.domain.profiles import ProfileInput, set_profile
from app.ui import lead_list_model, lead_list_view, settings
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.lead_list_model import COL_NAME, Restriction
from app.ui.main_controller import build_desk
from app.ui.main_window import VIEW_LEADS, VIEW_PIPELINE, VIEW_TODAY
from tests.ui.desk_data import fixed_clock, known_leads

pytestmark = pytest.mark.gui


def shown_ids(controller):
    return controller.list_model.lead_ids()


def type_text(qtbot, widget, text: str) -> None:
    """Type like a keyboard would: qtbot.keyClicks for ASCII; for other scripts (which QTest's key
    table cannot name) one key press and release per character, carrying the character as text."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def test_search_as_you_type_cyrillic(qtbot, desk):
    window, controller, ids, _ = desk
    type_text(qtbot, window.lead_list.search, "Ива")
    qtbot.waitUntil(lambda: shown_ids(controller) == [ids["ivan"]], timeout=2000)
    assert window.lead_list.table.model().index(0, COL_NAME).data() == "Иван Петров"


def test_search_four_phone_digits_and_latin_and_none(qtbot, desk):
    window, controller, ids, _ = desk
    search = window.lead_list.search
    qtbot.keyClicks(search, "4253")
    qtbot.waitUntil(lambda: shown_ids(controller) == [ids["james"]], timeout=2000)
    search.clear()
    qtbot.keyClicks(search, "otaibi")  # the Latin spelling of an Arabic name
    qtbot.waitUntil(lambda: shown_ids(controller) == [ids["mohammed"]], timeout=2000)
    search.clear()
    type_text(qtbot, search, "王伟")
    qtbot.waitUntil(lambda: shown_ids(controller) == [ids["wang"]], timeout=2000)
    search.clear()
    qtbot.keyClicks(search, "zzqx")
    qtbot.waitUntil(lambda: shown_ids(controller) == [], timeout=2000)
    assert "0 leads" in window.lead_list.count_label.text() or "0 of" in window.lead_list.count_label.text()
    qtbot.keyClick(search, Qt.Key.Key_Escape)  # clears the search
    qtbot.waitUntil(lambda: len(shown_ids(controller)) == len(ids), timeout=2000)


def test_typing_is_debounced_and_read_off_the_ui_thread(qtbot, desk, monkeypatch):
    """Five keystrokes typed faster than the debounce give one query, read on a worker thread."""
    window, controller, ids, _ = desk
    reads: list[tuple[str, int]] = []  # (search text, thread) of every read of the list's ids

    def recording_query_ids(db, query):
        reads.append((query.text, threading.get_ident()))
        return real_query_ids(db, query)

    real_query_ids = lead_list_model.query_ids
    monkeypatch.setattr(lead_list_model, "query_ids", recording_query_ids)
    monkeypatch.setattr(lead_list_view, "query_ids", recording_query_ids)
    searched = []
    controller.leads.searched.connect(searched.append)
    qtbot.keyClicks(window.lead_list.search, "smith")  # no event loop between keys: one burst
    qtbot.waitUntil(lambda: searched == ["smith"], timeout=3000)
    assert [text for text, _thread in reads] == ["smith"]  # debounced: one query, not five
    assert reads[0][1] != threading.main_thread().ident  # read off the UI thread
    assert threading.get_ident() == threading.main_thread().ident  # (the test itself is on it)
    assert shown_ids(controller) == [ids["james"]]


def test_enter_in_the_search_box_selects_the_first_match(qtbot, desk):
    window, controller, ids, _ = desk
    search = window.lead_list.search
    qtbot.keyClicks(search, "okafor")
    qtbot.keyClick(search, Qt.Key.Key_Return)  # no waiting: Enter runs the query at once
    assert window.lead_list.table.selected_lead_ids() == [ids["fresh"]]
    assert QApplication.focusWidget() is window.lead_list.table


def test_a_stale_search_result_is_dropped(qtbot, desk):
    window, controller, ids, _ = desk
    search = window.lead_list.search
    search.setText("ivan")
    controller.leads.apply_search()  # on a worker thread
    window.lead_list.status_filter.setCurrentIndex(window.lead_list.status_filter.findData("new"))  # meanwhile
    qtbot.waitUntil(lambda: not controller.leads.searching(), timeout=3000)
    qtbot.wait(20)
    assert controller.list_model.query.statuses == ("new",)
    assert shown_ids(controller) == []  # ivan is contacted: the newer filter holds


def test_quick_filters(qtbot, desk):
    window, controller, ids, _ = desk
    view = window.lead_list
    view.status_filter.setCurrentIndex(view.status_filter.findData("new"))
    assert set(shown_ids(controller)) == {ids["priya"], ids["fresh"], ids["amber"]}
    view.country_filter.select_data("DE")
    assert shown_ids(controller) == [ids["amber"]]
    view.status_filter.setCurrentIndex(0)
    view.country_filter.select_data(None)
    view.source_filter.select_data("WhatsApp")
    assert shown_ids(controller) == [ids["mohammed"]]
    view.source_filter.select_data(None)
    view.status_filter.setCurrentIndex(view.status_filter.findData("@open"))
    assert len(shown_ids(controller)) == len(ids)  # all known leads are open
    assert window.counts_label.text() == f"{len(ids)} leads · {len(ids)} shown"


def test_sort_by_header_click(qtbot, desk):
    from app.domain.lead_search import find_lead_ids, make_filter

    window, controller, _ids, _ = desk
    header = window.lead_list.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_NAME) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_point(x, 5))
    assert controller.list_model.query.sort_key == "name"
    by_name = find_lead_ids(controller.db, make_filter(), sort="name", descending=controller.list_model.query.descending)
    assert shown_ids(controller) == by_name
    first = controller.list_model.summary(0)
    assert (first.latin_name or first.name) in ("Anna Smirnova", "Wang Wei")  # a–z or z–a
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_point(x, 5))  # again: the other way
    assert shown_ids(controller) == list(reversed(by_name))


def _point(x, y):
    from PySide6.QtCore import QPoint

    return QPoint(x, y)


def test_open_lead_with_enter_and_close_with_ctrl_w(qtbot, desk):
    window, controller, ids, _ = desk
    table = window.lead_list.table
    controller.leads.select_lead(ids["wang"])
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.lead_tabs.count() == 1 and window.lead_dock.isVisible()
    assert window.lead_tabs.currentWidget().lead_id == ids["wang"]
    controller.open_lead(ids["wang"])  # opening again shows the same tab
    controller.open_lead(ids["ivan"])
    assert window.lead_tabs.count() == 2
    assert window.lead_tabs.tabText(window.lead_tabs.currentIndex()) == "Иван Петров"
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.lead_tabs.count() == 1


def test_next_stage_with_ctrl_right_and_undo_with_ctrl_z(qtbot, desk):
    window, controller, ids, prompts = desk
    table = window.lead_list.table
    controller.leads.select_lead(ids["priya"])
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert get_lead(controller.db, ids["priya"]).status == "contacted"
    assert controller.list_model.row_of(ids["priya"]) is not None
    assert table.selected_lead_ids() == [ids["priya"]]  # the selection survived the refresh
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_lead(controller.db, ids["priya"]).status == "new"
    assert "back to New" in window.statusBar().currentMessage() and "'new'" not in window.statusBar().currentMessage()
    history = get_lead(controller.db, ids["priya"]).status_history
    assert any((h.reason or "").startswith("undo") and h.to_status == "new" for h in history)
    qtbot.keyClick(table, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)  # no stage before "new"
    assert prompts.titles("inform")[-1] == "Move refused"
    assert "no previous stage" in prompts.texts("inform")[-1]


def test_forbidden_move_shows_the_pipelines_message(qtbot, desk):
    window, controller, ids, prompts = desk
    controller.leads.select_lead(ids["ivan"])
    window.actions.move_to["booked"].trigger()
    assert get_lead(controller.db, ids["ivan"]).status == "contacted"
    assert "cannot move from 'contacted' to 'booked'" in prompts.texts("inform")[-1].lower()


def test_undo_with_nothing_moved_uses_the_selected_lead(qtbot, desk):
    window, controller, ids, prompts = desk
    controller.leads.select_lead(ids["ivan"])
    window.actions.undo_status.trigger()
    assert get_lead(controller.db, ids["ivan"]).status == "new"
    controller.leads.select_lead(ids["fresh"])
    window.actions.undo_status.trigger()  # only its creation: nothing to undo
    assert prompts.titles("inform")[-1] == "Nothing to undo"


def test_views_shortcuts_and_find(qtbot, desk):
    window, controller, _ids, _ = desk
    table = window.lead_list.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentIndex() == VIEW_TODAY
    qtbot.waitUntil(lambda: controller.today.agenda is not None, timeout=5000)
    qtbot.keyClick(window.today.follow_up_table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentIndex() == VIEW_PIPELINE
    qtbot.keyClick(window.pipeline.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentIndex() == VIEW_LEADS
    assert QApplication.focusWidget() is window.lead_list.search


def test_actions_follow_the_selection(qtbot, desk):
    window, controller, ids, _ = desk
    controller.leads.view.table.clearSelection()
    controller.update_actions()
    assert not window.actions.log_call.isEnabled()
    controller.leads.select_lead(ids["ivan"])
    assert window.actions.log_call.isEnabled()


def test_status_bar_and_restriction_chip(qtbot, desk):
    window, controller, ids, _ = desk
    assert window.location_label.text().endswith("medtour.db")
    controller.leads.set_restriction(Restriction("Two leads", frozenset({ids["ivan"], ids["wang"]})))
    assert window.counts_label.text() == f"{len(ids)} leads · 2 shown"
    chip = window.lead_list.restriction_chip
    assert chip.isVisible() and "Two leads" in chip.text()
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert not chip.isVisible()
    assert len(shown_ids(controller)) == len(ids)


def test_layout_is_remembered_in_the_test_settings_file(qtbot, sqlite_db, private_dirs):
    known_leads(sqlite_db)
    window, controller = build_desk(sqlite_db, clock=fixed_clock(), zone=timezone.utc, prompts=ScriptedPrompts(), safety=False)
    qtbot.addWidget(window)
    window.show()
    window.lead_list.table.horizontalHeader().setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert controller.list_model.query.sort_key == "name"
    controller.show_view(VIEW_PIPELINE)
    window.close()
    assert settings.settings_file().is_relative_to(private_dirs)
    assert settings.settings_file().exists()
    window2, controller2 = build_desk(sqlite_db, clock=fixed_clock(), zone=timezone.utc, prompts=ScriptedPrompts(), safety=False)
    qtbot.addWidget(window2)
    assert controller2.list_model.query.sort_key == "name"
    assert window2.views.currentIndex() == VIEW_PIPELINE


def test_print_packet_without_the_packet_module(qtbot, desk, monkeypatch):
    import sys

    window, controller, ids, prompts = desk
    monkeypatch.setitem(sys.modules, "app.ui.packet_actions", None)  # a build without packets
    controller.leads.select_lead(ids["ivan"])
    window.actions.print_packet.trigger()
    assert prompts.titles("inform")[-1] == "Patient packet"


def test_print_packet_saves_a_real_packet_and_announces_it(qtbot, desk, tmp_path):
    import io

    from pypdf import PdfReader

    from app.domain.lead_change_set import ChangeKind, LeadChanges
    from app.ui.packet_preview_dialog import PacketPreviewDialog

    window, controller, ids, prompts = desk
    set_profile(controller.db, ProfileInput(name="Anna Lee", email="anna.lee@medtourdesk.example"))  # who signs it
    target = tmp_path / "packets" / "james.pdf"
    target.parent.mkdir()
    prompts.answers["save_path"] = str(target)
    controller.leads.select_lead(ids["james"])
    table = window.lead_list.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = next(d for d in controller._dialogs if isinstance(d, PacketPreviewDialog))
    assert dialog.lead_id == ids["james"]
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=30000)
    announced = []
    controller.changes.changed.connect(announced.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "James Smith" in text
    packets = [i for i in get_lead(controller.db, ids["james"]).interactions if i.kind == "packet"]
    assert len(packets) == 1 and packets[0].details["file"] == str(target.resolve())
    assert announced == [LeadChanges.of([ids["james"]], ChangeKind.INTERACTIONS, origin="packet")]
    dialog.close()


def test_demo_data_in_the_background(qtbot, desk):
    window, controller, ids, _ = desk
    task = controller.run_demo(25)
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: controller.list_model.rowCount() >= len(ids) + 20, timeout=5000)
    assert "demo leads" in window.statusBar().currentMessage()


ANOTHER_DESK = """
import sys
from app.domain.lead_change_set import ChangeKind, LeadChanges
from app.domain.leads import change_status, get_lead, update_lead
from app.storage import open_database

path, james, ivan = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
db = open_database(path)
update_lead(db, james, get_lead(db, james).version, {"full_name": "James Smythe"})
change_status(db, ivan, "qualified")
db.dispose()
print(LeadChanges.of([james, ivan], ChangeKind.FIELDS, ChangeKind.STATUS, origin="desk 2").to_json())
"""


def test_a_lead_changed_elsewhere_refreshes_the_list(qtbot, desk):
    """Another desk (a second process on the same file) edits two leads and sends what it changed,
    as the team listener will; the list shows it and keeps its selection."""
    import os
    import subprocess
    import sys

    from app.domain.lead_change_set import LeadChanges

    window, controller, ids, _ = desk
    window.lead_list.status_filter.setCurrentIndex(window.lead_list.status_filter.findData("contacted"))
    qtbot.waitUntil(lambda: ids["ivan"] in shown_ids(controller), timeout=3000)
    controller.leads.select_lead(ids["james"])
    row = controller.list_model.row_of(ids["james"])
    assert controller.list_model.index(row, COL_NAME).data() == "James Smith"
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", ANOTHER_DESK, str(controller.db.path), str(ids["james"]), str(ids["ivan"])],
                          capture_output=True, text=True, env=environment, check=True, timeout=120)
    assert controller.list_model.index(row, COL_NAME).data() == "James Smith"  # nothing is polled

    controller.changes.announce(LeadChanges.from_json(done.stdout.strip().splitlines()[-1]))
    assert ids["ivan"] not in shown_ids(controller)  # now qualified: out of the "contacted" list
    row = controller.list_model.row_of(ids["james"])
    assert controller.list_model.index(row, COL_NAME).data() == "James Smythe"
    assert window.lead_list.table.selected_lead_ids() == [ids["james"]]


def test_no_view_is_refreshed_by_the_controller_by_hand(desk):
    window, controller, _ids, _ = desk
    assert not hasattr(controller, "on_leads_changed")
    assert not hasattr(controller, "_stale_views") and not hasattr(controller, "_reload_editors")
    receivers = controller.changes.receivers("2changed(PyObject)")
    assert receivers >= 4  # the list, Today, Pipeline and the lead panel follow the hub themselves


def test_the_safety_menu_arrives_after_start_up(qtbot, sqlite_db):
    window, controller = build_desk(sqlite_db, clock=fixed_clock(), zone=timezone.utc, prompts=ScriptedPrompts(),
                                    auto_backup=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: controller.safety is not None, timeout=10_000)
    titles = [action.text() for action in window.menuBar().actions()]
    assert "&Safety" in titles


def test_the_lead_panel_holds_lead_editors_and_guards_unsaved_edits(qtbot, desk):
    from app.ui.lead_editor import LeadEditor

    window, controller, ids, prompts = desk
    holder = controller.open_lead(ids["ivan"])
    editor = holder.editor
    assert isinstance(editor, LeadEditor) and editor.lead_id == ids["ivan"]
    editor.form.set_values({**editor.base.editable_values(), "full_name": "Иван Петрович Петров"})
    assert editor.is_dirty()
    prompts.answers["ask"] = False
    controller.close_current_lead()
    assert window.lead_tabs.count() == 1  # kept: the coordinator chose to keep editing
    assert prompts.titles("ask") == ["Unsaved changes"]
    prompts.answers["ask"] = True
    controller.close_current_lead()
    assert window.lead_tabs.count() == 0
    assert window.lead_stack.currentWidget() is window.lead_placeholder
    assert not window.lead_dock.isVisible()  # the list gets the room back


def test_a_save_in_the_editor_refreshes_the_list(qtbot, desk):
    window, controller, ids, _ = desk
    editor = controller.open_lead(ids["james"]).editor
    window.lead_list.search.setText("jimmy")
    controller.leads.apply_search(wait=True)
    assert shown_ids(controller) == []
    editor.form.set_values({**editor.base.editable_values(), "full_name": "Jimmy Smith"})
    assert editor.save()
    qtbot.waitUntil(lambda: shown_ids(controller) == [ids["james"]], timeout=3000)
    assert window.lead_tabs.tabText(0) == "Jimmy Smith"


def test_todays_link_to_older_unanswered_inquiries(qtbot, desk):
    window, controller, ids, _ = desk
    controller.clock.advance(days=8)  # every new inquiry is now more than a week old
    controller.show_older_inquiries()
    assert window.views.currentIndex() == VIEW_LEADS
    assert set(shown_ids(controller)) == {ids["priya"], ids["fresh"], ids["amber"]}
    assert "more than 7 days" in window.lead_list.restriction_chip.text()


def test_open_database_switches_to_the_chosen_file(qtbot, desk, tmp_path):
    from app.storage import open_database

    window, controller, _ids, prompts = desk
    other = tmp_path / "other.db"
    open_database(other, create=True).dispose()
    prompts.answers["open_path"] = str(other)
    with qtbot.waitSignal(controller.switchDatabase) as switched:
        window.actions.open_database.trigger()
    assert switched.args[0].path == other.resolve()
    assert settings.read(settings.LAST_DATABASE) == str(other.resolve())
    switched.args[0].dispose()


def test_open_database_refuses_a_damaged_file_with_a_message(qtbot, desk, tmp_path):
    window, controller, _ids, prompts = desk
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 500)
    prompts.answers["open_path"] = str(bad)
    window.actions.open_database.trigger()
    assert prompts.titles("error") == ["Open database"] and "damaged" in prompts.texts("error")[0]


def test_about_box(qtbot, desk):
    window, controller, _ids, _ = desk
    window.actions.about.trigger()
    dialog = next(d for d in controller._dialogs if d.objectName() == "aboutDialog")
    qtbot.waitExposed(dialog)
    assert "MedTour Desk" in dialog.windowTitle()
    dialog.accept()


def test_a_search_paints_the_list_once(qtbot, desk):
    """A keystroke's result is painted once: the rows are laid out as the model resets (not on
    Qt's delayed-layout timer) and the count label's new text does not ask for a new layout."""
    from PySide6.QtCore import QEvent, QObject

    window, controller, ids, _ = desk
    table, search = window.lead_list.table, window.lead_list.search
    paints = []

    class Counter(QObject):
        def eventFilter(self, _watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                paints.append(event.rect())
            return False

    counter = Counter()
    table.viewport().installEventFilter(counter)
    def settle():  # whatever the window still had to lay out or paint (timers included)
        for _ in range(20):
            paints.clear()
            qtbot.wait(30)
            QApplication.sendPostedEvents()
            QApplication.processEvents()
            if not paints:
                return

    search.setText("Ivan")  # the first search after the window opens also settles its layout
    controller.leads.apply_search(wait=True)
    for text in ("4567", "Ivan", "", "Smi"):
        settle()
        paints.clear()
        search.setText(text)
        controller.leads.apply_search(wait=True)
        for _ in range(3):
            QApplication.sendPostedEvents()
            QApplication.processEvents()
        assert len(paints) == 1, (text, paints)
    assert window.lead_list.count_label.text() == f"2 of {len(ids)} leads"  # Smirnova, Smith
    table.viewport().removeEventFilter(counter)
