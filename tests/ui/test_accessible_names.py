"""Every control a keyboard or a screen reader can reach has a name: walking every main view and
main dialog (tests/ui/desk_screens.py), no focusable button, tool button, line edit, combo box,
spin box, text box or list lacks both visible text and an accessible name — the name a screen
reader says, as Qt's accessibility layer reports it (its own text, a form label pointing at it,
or setAccessibleName). The status pills, painted as pictures, say their status."""
from __future__ import annotations

from datetime import UTC

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from app.ui.lead_list_model import COL_STATUS, LeadListModel
from app.ui.main_window import VIEW_TODAY
from app.ui.today_model import COL_STATUS as TODAY_STATUS
from tests.ui.desk_data import fixed_clock, known_leads
from tests.ui.desk_screens import desk_screens

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("desk_look")]

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return (interface.text(QAccessible.Text.Name) if interface is not None else "").replace("&", "").strip()


def visible_text(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return text().replace("&", "").strip() if callable(text) and isinstance(widget, QAbstractButton) else ""


def _inside_another_control(widget: QWidget) -> bool:
    """The line edit of an editable combo or a spin box, a viewport's own parts: named by their owner."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox) and not isinstance(widget, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def nameless_controls(top: QWidget) -> list[str]:
    found = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if not widget.isVisibleTo(top) or not widget.isEnabled() or _inside_another_control(widget):
            continue
        if visible_text(widget) or accessible_name(widget):
            continue
        path, parent = [], widget.parentWidget()
        while parent is not None and parent is not top and len(path) < 3:
            path.append(parent.objectName() or type(parent).__name__)
            parent = parent.parentWidget()
        found.append(f"{type(widget).__name__} {widget.objectName()!r} in {' < '.join(path)} "
                     f"(tooltip {widget.toolTip()!r})")
    return found


def test_every_focusable_control_of_every_view_and_dialog_has_a_name(desk, sqlite_db):
    window, controller, ids, _prompts = desk
    window.resize(1366, 728)
    problems = {}
    seen = []
    for name, widget in desk_screens(sqlite_db, ids, window, controller):
        seen.append(name)
        if name == "leads":  # the case's tabs are made when shown: look at each
            editor = controller.open_lead(ids["mohammed"]).editor
            for key in editor.case.keys():  # noqa: SIM118 - the case view's own keys(), not a dict
                editor.case.select(key)
                QApplication.processEvents()
                problems.update({f"{name}/{key}": p for p in [nameless_controls(window)] if p})
            editor.case.select("details")
        nameless = nameless_controls(widget)
        if nameless:
            problems[name] = nameless
    assert len(seen) >= 14
    assert problems == {}


def test_the_status_pills_say_their_status(qapp, sqlite_db):
    known_leads(sqlite_db)
    model = LeadListModel(sqlite_db, clock=fixed_clock(), zone=UTC)
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        index = model.index(row, COL_STATUS)
        assert index.data(Qt.ItemDataRole.AccessibleTextRole) == f"Status: {index.data()}"
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) is None  # other cells say their text


def test_the_today_list_says_the_status_too(desk, qtbot):
    window, controller, _ids, _prompts = desk
    controller.show_view(VIEW_TODAY)
    models = (window.today.follow_ups, window.today.new_inquiries)
    qtbot.waitUntil(lambda: sum(m.rowCount() for m in models) > 0, timeout=10_000)
    said = [m.index(r, TODAY_STATUS).data(Qt.ItemDataRole.AccessibleTextRole) for m in models for r in range(m.rowCount())]
    assert said and all(text and text.startswith("Status: ") for text in said)
