"""A save over a stale version never overwrites: the conflict dialog shows yours and theirs."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, get_lead, update_lead
from app.ui.conflict_dialog import COL_MINE, COL_ORIGINAL, COL_THEIRS, ConflictDialog
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.lead_editor import LeadEditor


@pytest.fixture
def lead_id(sqlite_db, clock):
    data = LeadInput("Sean O'Brien", phones=[("+353 85 123 4567", "mobile")], country="IE", source="Website form",
                     consent_health_data=True, consent_method="Verbally, on a call")
    return create_lead(sqlite_db, data, clock=clock).lead_id


@pytest.fixture
def editor(qtbot, sqlite_db, clock, lead_id):
    widget = LeadEditor(sqlite_db, lead_id, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)  # Ctrl+S needs an active window
    return widget


def edit_behind_its_back(db, lead_id, clock, **changes):
    lead = get_lead(db, lead_id, with_history=False)
    return update_lead(db, lead_id, lead.version, changes, clock=clock)


def save_with_ctrl_s(qtbot, editor):
    qtbot.keyClick(editor.form.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_stale_save_opens_the_conflict_dialog_and_overwrites_nothing(qtbot, sqlite_db, clock, lead_id, editor):
    edit_behind_its_back(sqlite_db, lead_id, clock, source="Partner referral", diagnosis="DLBCL, 2 lines")
    editor.form.source_edit.setText("Instagram")
    editor.form.diagnosis_edit.setPlainText("Diffuse large B-cell lymphoma, relapsed")

    save_with_ctrl_s(qtbot, editor)

    dialog = editor.conflict_dialog
    assert isinstance(dialog, ConflictDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert sorted(dialog.fields) == ["diagnosis", "source"]
    assert dialog.value_text("source", COL_ORIGINAL) == "Website form"
    assert dialog.value_text("source", COL_MINE) == "Instagram"
    assert dialog.value_text("source", COL_THEIRS) == "Partner referral"
    assert dialog.value_text("diagnosis", COL_MINE) == "Diffuse large B-cell lymphoma, relapsed"
    assert dialog.value_text("diagnosis", COL_THEIRS) == "DLBCL, 2 lines"
    assert sorted(dialog.both_changed) == ["diagnosis", "source"]
    stored = get_lead(sqlite_db, lead_id)
    assert (stored.source, stored.diagnosis) == ("Partner referral", "DLBCL, 2 lines"), "nothing was overwritten"

    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert editor.form.source_edit.text() == "Instagram", "Cancel keeps my edits in the form"
    assert get_lead(sqlite_db, lead_id).source == "Partner referral"


def test_reapply_mine_is_an_explicit_save_on_top_of_theirs(qtbot, sqlite_db, clock, lead_id, editor):
    edit_behind_its_back(sqlite_db, lead_id, clock, program="car_t_lymphoma", companions=2)
    editor.form.source_edit.setText("Instagram")
    save_with_ctrl_s(qtbot, editor)
    dialog = editor.conflict_dialog
    assert dialog.fields == ["source"]
    assert dialog.both_changed == [], "they changed other fields"
    with qtbot.waitSignal(editor.changed, timeout=3000):
        qtbot.mouseClick(dialog.reapply_button, Qt.MouseButton.LeftButton)
    stored = get_lead(sqlite_db, lead_id)
    assert (stored.source, stored.program, stored.companions) == ("Instagram", "car_t_lymphoma", 2)
    assert editor.form.companions_spin.value() == 2, "the form now shows their fields too"
    assert not editor.is_dirty()


def test_keep_theirs_reloads_and_drops_my_edits(qtbot, sqlite_db, clock, lead_id, editor):
    edit_behind_its_back(sqlite_db, lead_id, clock, source="Partner referral")
    editor.form.source_edit.setText("Instagram")
    save_with_ctrl_s(qtbot, editor)
    qtbot.mouseClick(editor.conflict_dialog.keep_theirs_button, Qt.MouseButton.LeftButton)
    assert editor.form.source_edit.text() == "Partner referral"
    assert not editor.is_dirty()
    assert get_lead(sqlite_db, lead_id).source == "Partner referral"
