"""The new-lead form by keyboard alone: Tab walks the fields in reading order (the phone number
right after the language, "Add phone" after the phone row), typing a number with spaces stays in
the number, and Esc asks before discarding what was typed."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.new_lead_dialog import NewLeadDialog


def _dialog(qtbot, db, clock, prompts):
    dialog = NewLeadDialog(db, clock=clock, prompts=prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def tab_chain(start: QWidget, limit: int = 60) -> list[QWidget]:
    """The widgets Tab visits from `start`, as Qt walks them (QWidget::focusNextPrevChild): the
    focus chain, keeping widgets that take Tab focus, are enabled and visible in the window."""
    window = start.window()
    chain, widget = [], start
    for _ in range(limit):
        widget = widget.nextInFocusChain()
        if widget is start:
            break
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled() and widget.isVisibleTo(window) \
                and widget.focusProxy() is None:
            chain.append(widget)
    return chain


def test_tab_from_language_lands_in_the_phone_number_and_spaces_stay_in_it(qtbot, sqlite_db, clock):
    dialog = _dialog(qtbot, sqlite_db, clock, ScriptedPrompts())
    form = dialog.form
    row = form.phones.rows[0]
    chain = tab_chain(form.name_edit)
    language = next(i for i, w in enumerate(chain) if w is form.language_picker or form.language_picker.isAncestorOf(w))
    # After the language: the number, its kind, then "Add phone" (remove is off for one empty row).
    assert chain[language + 1] is row.edit
    assert chain[language + 2] is row.kind_box
    assert chain[language + 3] is form.phones.add_button
    qtbot.keyClicks(row.edit, "+7 916 123 45 67")
    digits = "".join(c for c in row.edit.text() if c.isdigit())
    assert len(form.phones.rows) == 1 and digits == "79161234567"  # formatted as typed, all in one row
    # A second phone row joins the chain before "Add phone" too.
    form.phones.add_button.click()
    second = form.phones.rows[1]
    qtbot.waitUntil(second.edit.isVisible)  # Qt shows a new child of a shown widget on the next turn
    chain = tab_chain(row.edit)
    assert chain[:5] == [row.kind_box, row.remove_button, second.edit, second.kind_box, second.remove_button]
    assert chain[5] is form.phones.add_button
    qtbot.keyClicks(second.edit, "+7 903 555 12 34")
    assert ["".join(c for c in raw if c.isdigit()) for raw, _kind in form.phones.phones()] == ["79161234567", "79035551234"]


def test_esc_asks_before_discarding_typed_data(qtbot, sqlite_db, clock):
    keep = ScriptedPrompts(ask=False)
    dialog = _dialog(qtbot, sqlite_db, clock, keep)
    qtbot.keyClicks(dialog.form.name_edit, "Amina Yusuf")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.form.name_edit.text() == "Amina Yusuf"
    assert keep.titles("ask") == ["Discard this new lead?"]

    discard = ScriptedPrompts(ask=True)
    dialog.prompts = discard
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_esc_on_an_untouched_form_closes_without_asking(qtbot, sqlite_db, clock):
    prompts = ScriptedPrompts(ask=False)
    dialog = _dialog(qtbot, sqlite_db, clock, prompts)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and prompts.seen == []
