"""The case view on the desk: a lead open beside the list fits a 1366×768 laptop (window 1366×728
after the taskbar) as well as larger screens — nothing cut at the window's edge or squeezed below
its size, no sideways scroll bar, the actions in view — and the tabs keep their order, switch
by keyboard, and are told the lead."""
from __future__ import annotations

from datetime import timezone

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLabel, QSizePolicy, QTabBar, QWidget

from app.domain.leads import InteractionInput, get_lead, log_interaction, update_lead
from app.ui import settings
from app.ui.case_tabs import CASE_TAB_ORDER
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.lead_editor import LeadEditor
from app.ui.main_controller import build_desk
from app.ui.main_window import VIEW_DASHBOARD, VIEW_LEADS, VIEW_PIPELINE, VIEW_TITLES, VIEW_TODAY
from tests.ui.desk_data import fixed_clock, known_leads

pytestmark = pytest.mark.usefixtures("desk_look")  # real fonts and theme: sizes as people see them

SCREENS = [(1366, 728), (1440, 900), (1600, 1000), (1920, 1080)]


def _in_window(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _viewport_around(widget: QWidget) -> QWidget | None:
    """The scroll area viewport `widget` scrolls in, if any (its content may run below the fold)."""
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return parent
        parent = area
    return None


def _inside_parent(widget: QWidget) -> bool:
    """Whether `widget` lies within its parent, which clips it (a scroll area's content is checked
    against the viewport's sides instead, a scroll bar's or a combo box's innards are Qt's)."""
    parent = widget.parentWidget()
    if parent is None or (_viewport_around(widget) is not None and _scrolls_in(widget, parent)):
        return True
    return parent.rect().contains(widget.geometry())


def _scrolls_in(widget: QWidget, parent: QWidget) -> bool:
    area = parent.parentWidget()
    return isinstance(area, QAbstractScrollArea) and area.viewport() is parent


def _elided_tabs(bar: QTabBar) -> list[str]:
    """The tabs whose titles the bar shortens (or scrolls out of sight) for want of room."""
    if bar.count() == 0:
        return []
    needed = sum(bar.tabSizeHint(i).width() for i in range(bar.count()))
    if needed > bar.width():
        return [bar.tabText(i) for i in range(bar.count()) if bar.tabRect(i).width() < bar.tabSizeHint(i).width()
                or not bar.rect().contains(bar.tabRect(i))] or [f"{needed} px of tabs in {bar.width()}"]
    return []


def fit_problems(case: QWidget, window: QWidget) -> list[str]:
    """What is cut or squeezed in `case`: every visible widget inside the window (inside its
    viewport's sides when it scrolls up and down) and inside its parent, labels and buttons at
    least their minimum width, wrapped labels as tall as their lines, tab titles whole, and no
    horizontal scroll bar shown. Looked at once the layouts have settled: a label that wraps
    anew asks its row for more height in a later round of events."""
    for _ in range(5):
        QApplication.processEvents()
    problems = []
    frame = window.rect()
    for widget in [case, *case.findChildren(QWidget)]:
        if not widget.isVisible() or widget.isWindow():
            continue
        name = f"{type(widget).__name__} {widget.objectName() or ''} {getattr(widget, 'text', lambda: '')()!r}"
        rect = _in_window(widget, window)
        viewport = _viewport_around(widget)
        if viewport is None:
            if not frame.contains(rect):
                problems.append(f"{name} at {rect.getRect()} is outside the window {frame.getRect()}")
        else:
            sides = _in_window(viewport, window)
            if rect.left() < sides.left() or rect.right() > sides.right():
                problems.append(f"{name} at {rect.getRect()} is cut at the side of its viewport {sides.getRect()}")
        if widget is not case and not _inside_parent(widget):
            parent = widget.parentWidget()
            problems.append(f"{name} at {widget.geometry().getRect()} is outside its parent "
                            f"{type(parent).__name__} {parent.objectName()} {parent.rect().getRect()}")
        squeezable = widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored
        if isinstance(widget, QLabel | QAbstractButton) and not squeezable and widget.width() < widget.minimumSizeHint().width():
            problems.append(f"{name} is {widget.width()} px wide, less than the {widget.minimumSizeHint().width()} it needs")
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text() and widget.height() < widget.heightForWidth(widget.width()):
            problems.append(f"{name} is {widget.height()} px tall, less than the {widget.heightForWidth(widget.width())} its lines need")
        if isinstance(widget, QTabBar) and (elided := _elided_tabs(widget)):
            problems.append(f"{name} shortens its tabs {elided}")
        if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible():
            problems.append(f"{name} shows a horizontal scroll bar")
    return problems


@pytest.fixture
def open_case(qtbot, sqlite_db):
    """(a function opening a lead on a desk of the given size → (window, controller, editor), lead ids)."""
    ids = known_leads(sqlite_db)
    detail = get_lead(sqlite_db, ids["mohammed"], with_history=False)
    update_lead(sqlite_db, ids["mohammed"], detail.version, {
        "diagnosis": "Multiple myeloma, relapsed after 3 lines (VRd, Dara-Kd, ASCT 2023)", "companions": 2,
        "messengers": {"whatsapp": "+966 50 123 4567"}, "consent_health_data": True, "consent_method": "In writing, by email",
    }, clock=fixed_clock())
    log_interaction(sqlite_db, ids["mohammed"], InteractionInput("call_out", "reached", "Spoke with his son Khalid. " * 30),
                    clock=fixed_clock())

    def open_at(width: int, height: int, lead: str = "mohammed"):
        window, controller = build_desk(sqlite_db, clock=fixed_clock(), zone=timezone.utc, prompts=ScriptedPrompts(), safety=False)
        qtbot.addWidget(window)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        editor = controller.open_lead(ids[lead]).editor
        QApplication.processEvents()
        return window, controller, editor

    return open_at, ids


@pytest.mark.parametrize(("width", "height"), SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_the_case_view_fits_the_window(open_case, width, height):
    open_at, _ids = open_case
    window, _controller, editor = open_at(width, height)
    assert window.size().width() == width, "the window did not have to grow for the lead to fit"
    for key in editor.case.keys():
        editor.case.select(key)
        QApplication.processEvents()
        assert fit_problems(editor.case, window) == [], key
        for button in (editor.save_button, editor.log_call_button, editor.status_button):
            assert button.isVisible(), button.text()
            assert window.rect().contains(_in_window(button, window)), button.text()
            assert button.width() >= button.minimumSizeHint().width(), button.text()
    list_view = window.lead_list
    assert list_view.isVisible() and list_view.width() >= list_view.minimumSizeHint().width()
    assert window.lead_list.table.columnViewportPosition(0) >= 0  # the list keeps its columns, scrolled if need be


def test_every_view_fits_beside_an_open_lead_at_1366(open_case, qtbot):
    """Today, Pipeline (every stage tile in view) and the dashboard do not make the window grow."""
    open_at, _ids = open_case
    window, controller, _editor = open_at(1366, 728)
    for view in (VIEW_TODAY, VIEW_PIPELINE, VIEW_DASHBOARD, VIEW_LEADS):
        controller.show_view(view)
        QApplication.processEvents()
        assert window.size() == QSize(1366, 728), VIEW_TITLES[view]
    controller.show_view(VIEW_PIPELINE)
    QApplication.processEvents()
    for tile in window.pipeline.tiles.values():
        assert tile.isVisible() and window.pipeline.rect().contains(_in_window(tile, window.pipeline)), tile.status


def test_the_case_view_fits_with_banners_and_unsaved_edits(open_case, qtbot):
    """The duplicate banner and a long save state at the smallest size still leave every button in view."""
    open_at, _ids = open_case
    window, _controller, editor = open_at(1366, 728, lead="anna")
    editor.form.email_edit.setText("ivan.petrov@example.ru")  # Ivan's
    qtbot.waitUntil(editor.banner.isVisible, timeout=3000)
    editor.save_state.setText("Not saved: your changes are kept here")
    QApplication.processEvents()
    assert fit_problems(editor.case, window) == []


def test_the_window_fits_the_screen_it_opens_on(qtbot, sqlite_db):
    """The default size, and a size restored from a larger screen, stay within the available area."""
    window, _controller = build_desk(sqlite_db, clock=fixed_clock(), prompts=ScriptedPrompts(), safety=False)
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert room.contains(window.geometry()), (window.geometry(), room)
    window.resize(room.width() + 900, room.height() + 500)
    window.move(room.right() - 50, room.top())
    settings.write(settings.WINDOW_GEOMETRY, window.saveGeometry())
    again, _ = build_desk(sqlite_db, clock=fixed_clock(), prompts=ScriptedPrompts(), safety=False)
    qtbot.addWidget(again)
    assert again.width() <= room.width() and again.height() <= room.height()
    assert room.contains(again.frameGeometry().topLeft())


class FakeTab(QWidget):
    def __init__(self, made: list[str], key: str) -> None:
        super().__init__()
        made.append(key)
        self.shown: list[int | None] = []

    def show_lead(self, lead_id: int | None) -> None:
        self.shown.append(lead_id)


def test_tabs_keep_their_order_are_made_when_shown_and_told_the_lead(qtbot, sqlite_db, clock):
    ids = known_leads(sqlite_db)
    editor = LeadEditor(sqlite_db, ids["ivan"], clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(editor)
    case = editor.case
    made: list[str] = []
    for key, title in (("schedule", "Schedule"), ("records", "Records"), ("family", "Family"), ("quotes", "Review & quotes")):
        case.add_case_tab(key, title, lambda key=key: FakeTab(made, key))
    assert case.keys() == list(CASE_TAB_ORDER)
    assert [case.tabs.tabText(i) for i in range(case.tabs.count())] == [
        "Details", "Records", "Review & quotes", "Family", "Schedule", "History (4)"]
    assert made == [] and case.tab("records") is None, "a tab is made the first time it is shown"
    case.select("records")
    records = case.tab("records")
    assert made == ["records"] and isinstance(records, FakeTab) and records.shown == [ids["ivan"]]
    editor.form.source_edit.setText("Instagram")
    assert editor.save()
    assert records.shown == [ids["ivan"], ids["ivan"]], "told again when the case reads its lead afresh"
    with pytest.raises(ValueError, match="CASE_TAB_ORDER"):
        case.add_case_tab("billing", "Billing", QWidget)
    with pytest.raises(ValueError, match="already"):
        case.add_case_tab("records", "Records", QWidget)

    fresh = LeadEditor(sqlite_db, ids["ivan"], clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(fresh)
    fresh.case.add_case_tab("family", "Family", QWidget)  # no show_lead: refused when made
    with qtbot.captureExceptions() as raised:  # raised in the slot that makes the tab
        fresh.case.select("family")
    assert [type(e).__name__ for _t, e, _tb in raised] == ["TypeError"] and "show_lead" in str(raised[0][1])


def test_a_desk_gives_every_lead_opened_its_tabs(qtbot, desk):
    _window, controller, ids, _prompts = desk
    made: list[str] = []
    assert [key for key, _title, _factory in controller.case_tabs] == ["records", "quotes", "family", "schedule"]
    controller.case_tabs[:] = [("family", "Family", lambda: FakeTab(made, "family"))]  # the desk's own, replaced
    editor = controller.open_lead(ids["wang"]).editor
    assert editor.case.keys() == ["details", "family", "history"]
    editor.case.select("family")
    family = editor.case.tab("family")
    assert isinstance(family, FakeTab) and family.shown == [ids["wang"]]


def test_tabs_switch_by_keyboard_and_the_editor_keys_still_work(qtbot, sqlite_db, clock):
    ids = known_leads(sqlite_db)
    editor = LeadEditor(sqlite_db, ids["anna"], clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(editor)
    editor.resize(900, 700)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=2000)
    editor.form.latin_edit.setFocus()
    qtbot.keyClick(editor.form.latin_edit, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert editor.case.current_key() == "history"
    qtbot.keyClick(editor.case.tabs, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert editor.case.current_key() == "details", "round the end"
    qtbot.keyClick(editor.case.tabs, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert editor.case.current_key() == "history"
    qtbot.keyClick(editor.case.tabs, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert editor.case.current_key() == "details"
    editor.form.latin_edit.setFocus()
    qtbot.keyClicks(editor.form.latin_edit, "Anna Smirnova")
    with qtbot.waitSignal(editor.changed, timeout=2000):
        qtbot.keyClick(editor.form.latin_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    editor.case.select("history")
    editor.timeline.view.setFocus()
    qtbot.keyClick(editor.timeline.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert editor.log_call_dialog is not None, "Ctrl+L from the History tab"
    editor.log_call_dialog.reject()
