"""Help → Keyboard shortcuts: F1 and the Help menu open it; it lists every shortcut the desk has
(each QAction and QShortcut of the window with a lead open, of the new-lead dialog and of the packet
preview) and every shortcut it lists exists, with the keys it says."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.keyboard_sheet import KeyboardSheet, sheet_rows
from app.ui.new_lead_dialog import NewLeadDialog
from app.ui.shortcuts import SHORTCUTS, sequence, shortcut_text

pytestmark = pytest.mark.gui


def shortcuts_in(widget: QWidget) -> dict[str, QKeySequence]:
    """Every keyed QAction, QShortcut and button of `widget` (itself included): object name → keys."""
    found: dict[str, QKeySequence] = {}
    unnamed = []
    holders = [*widget.findChildren(QAction), *widget.findChildren(QShortcut), *widget.findChildren(QAbstractButton)]
    holders.extend(QWidget.actions(widget))  # MainWindow.actions is its Actions record
    for holder in holders:
        keys = holder.key() if isinstance(holder, QShortcut) else holder.shortcut()
        if keys.isEmpty():
            continue
        if isinstance(holder, QAbstractButton) and holder.text().replace("&", "") and "&" in holder.text() \
                and keys == QKeySequence.mnemonic(holder.text()):
            continue  # an Alt+letter mnemonic of the button's own text
        if not holder.objectName():
            unnamed.append(f"{type(holder).__name__} {getattr(holder, 'text', lambda: '')()!r} {keys.toString()}")
            continue
        found[holder.objectName()] = keys
    assert unnamed == [], "shortcuts without an object name (so not in app.ui.shortcuts)"
    return found


def test_f1_and_the_help_menu_open_the_sheet(qtbot, desk):
    window, _controller, _ids, _prompts = desk
    assert window.actions.keyboard_shortcuts in window.help_menu.actions()
    assert window.actions.keyboard_shortcuts.shortcut() == QKeySequence("F1")
    qtbot.keyClick(window.lead_list.table, Qt.Key.Key_F1)
    sheet = next(w for w in QApplication.topLevelWidgets() if isinstance(w, KeyboardSheet) and w.isVisible())
    assert ("Anywhere on the desk", shortcut_text("Ctrl+N")) in sheet.listed_keys()
    sheet.close()
    window.actions.keyboard_shortcuts.trigger()
    assert any(isinstance(w, KeyboardSheet) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_every_shortcut_of_the_window_is_on_the_sheet_and_every_listed_one_exists(qtbot, desk, sqlite_db):
    window, controller, ids, _prompts = desk
    controller.open_lead(ids["mohammed"])
    QApplication.processEvents()
    present = shortcuts_in(window)
    dialog = NewLeadDialog(sqlite_db, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    present.update(shortcuts_in(dialog))
    from app.ui.packet_preview_dialog import PacketPreviewDialog

    preview = PacketPreviewDialog(sqlite_db, ids["mohammed"], prompts=ScriptedPrompts())
    qtbot.addWidget(preview)
    present.update(shortcuts_in(preview))

    listed = {(place, keys) for place, keys, _does in sheet_rows()}
    for name, keys in present.items():
        assert name in SHORTCUTS, f"{name} ({keys.toString()}) is not in app.ui.shortcuts, so not on the sheet"
        assert keys == sequence(name), f"{name} has {keys.toString()}, the sheet says {SHORTCUTS[name].keys}"
        assert (SHORTCUTS[name].place, shortcut_text(keys)) in listed
    missing = sorted(set(SHORTCUTS) - set(present))
    assert missing == [], "listed on the sheet but no action or shortcut has them"
    # The sheet shows all of them, and the keys widgets handle themselves (the log-call letters).
    sheet = KeyboardSheet(window)
    qtbot.addWidget(sheet)
    shown = set(sheet.listed_keys())
    assert {(entry.place, shortcut_text(entry.keys)) for entry in SHORTCUTS.values()} <= shown
    assert ("Log a call", "R") in shown and ("Log a call", "T") in shown
