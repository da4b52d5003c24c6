"""The lead editor: fields checked as they are typed, names in any script, the patient's local
time, the history shown as plain text, saving only what changed, consent for health data."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt

from app.domain.consent import needs_consent_warning
from app.domain.lead_change_set import ChangeKind, LeadChanges
from app.domain.lead_history import lead_history
from app.domain.lead_records import LeadInput
from app.domain.leads import InteractionInput, create_lead, get_lead, log_interaction
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.lead_editor import LeadEditor
from app.ui.lead_form import LeadForm
from app.ui.lead_timeline import PREVIEW_CHARS, TimelineModel
from app.ui.new_lead_dialog import NewLeadDialog

HOSTILE = "Zoë <b>O'Brien</b> & Co \"quoted\""


def type_text(widget, text: str) -> None:
    """Type any script: QTest.keyClicks only knows keys of a Latin keyboard."""
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


@pytest.fixture
def form(qtbot, clock):
    widget = LeadForm(clock=clock)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def make_lead(db, clock, name="Анна Смирнова", phone="+7 903 555-12-34", **extra):
    return create_lead(db, LeadInput(name, phones=[(phone, "mobile")], **extra), clock=clock).lead_id


def open_editor(qtbot, db, lead_id, clock, prompts=None) -> LeadEditor:
    editor = LeadEditor(db, lead_id, clock=clock, prompts=prompts or ScriptedPrompts())
    qtbot.addWidget(editor)
    editor.resize(1200, 800)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=2000)  # keyboard shortcuts need an active window
    return editor


# --- phones ---------------------------------------------------------------------------------


def test_phone_is_formatted_as_typed_for_the_leads_country(qtbot, form):
    form.country_picker.set_code("RU")
    row = form.phones.rows[0]
    qtbot.keyClicks(row.edit, "89161234567")
    assert row.edit.text() == "8 916 123-45-67"
    assert not row.is_flagged()
    assert "Russia · mobile · +7 916 123-45-67" in row.info.text()


def test_invalid_number_is_flagged_but_kept(qtbot, form):
    form.country_picker.set_code("EG")
    row = form.phones.rows[0]
    qtbot.keyClicks(row.edit, "12345")
    assert row.edit.text() == "12345", "kept as typed"
    assert row.is_flagged()
    assert "border: 1px solid" in row.edit.styleSheet()
    assert row.info.text() == "⚠ '12345' is too short for a phone number in Egypt (kept as typed)"
    assert form.values()["phones"] == [("12345", "mobile")]
    assert not any("phone" in problem for problem in form.problems()), "a flagged phone does not block saving"


def test_text_that_is_not_only_a_number_is_left_alone(qtbot, form):
    row = form.phones.rows[0]
    qtbot.keyClicks(row.edit, "ask for Dr. Li")
    assert row.edit.text() == "ask for Dr. Li"


def test_several_phones_with_kinds(qtbot, form):
    qtbot.keyClicks(form.phones.rows[0].edit, "+971501234567")
    qtbot.mouseClick(form.phones.add_button, Qt.MouseButton.LeftButton)
    assert form.phones.rows[1].kind_box.currentData() == "whatsapp"
    qtbot.keyClicks(form.phones.rows[1].edit, "+971 55 123 4567")
    assert form.values()["phones"] == [("+971 50 123 4567", "mobile"), ("+971 55 123 4567", "whatsapp")]
    qtbot.mouseClick(form.phones.rows[0].remove_button, Qt.MouseButton.LeftButton)
    assert form.values()["phones"] == [("+971 55 123 4567", "whatsapp")]


# --- local time -----------------------------------------------------------------------------


def test_local_time_outside_calling_hours(qtbot, form, clock):
    qtbot.keyClicks(form.phones.rows[0].edit, "+1 415 555 2671")  # 09:00 UTC is 01:00 in California
    assert form.local_time_label.text() == "01:00 Los Angeles — outside calling hours (09:00–20:00)"
    assert not form.zone_box.isVisible()
    clock.advance(hours=16)
    form._minute.timeout.emit()  # the once-a-minute refresh
    assert form.local_time_label.text() == "17:00 Los Angeles"


def test_number_spanning_zones_asks_for_the_zone(qtbot, form):
    qtbot.keyClicks(form.phones.rows[0].edit, "+7 912 345 6789")
    assert form.local_time_label.text().startswith("varies")
    assert form.zone_box.isVisible()
    form.zone_box.setCurrentIndex(form.zone_box.findData("Asia/Yekaterinburg"))
    assert form.local_time_label.text() == "14:00 Yekaterinburg"
    assert form.values()["timezone"] == "Asia/Yekaterinburg"


# --- names, email, pickers ------------------------------------------------------------------


def test_arabic_name_is_laid_out_right_to_left(qtbot, form):
    type_text(form.name_edit, "محمد العتيبي")
    assert form.name_edit.layoutDirection() == Qt.LayoutDirection.RightToLeft
    form.name_edit.clear()
    qtbot.keyClicks(form.name_edit, "Ivan Petrov")
    assert form.name_edit.layoutDirection() == Qt.LayoutDirection.LeftToRight
    form.name_edit.setText("שרה כהן")
    assert form.name_edit.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_email_is_checked_as_typed(qtbot, form):
    qtbot.keyClicks(form.email_edit, "ivan.petrov@mail")
    assert form.email_error.isVisible()
    assert "does not look like an email address" in form.email_error.text()
    qtbot.keyClicks(form.email_edit, ".ru")
    assert not form.email_error.isVisible()


def test_country_picker_searches_inside_names_and_accepts_native_names(qtbot, form):
    picker = form.country_picker
    assert picker.completer().filterMode() == Qt.MatchFlag.MatchContains
    picker.lineEdit().setText("Россия")
    picker.lineEdit().editingFinished.emit()
    assert picker.code() == "RU"
    picker.lineEdit().setText("UAE")
    picker.lineEdit().editingFinished.emit()
    assert picker.code() == "AE"
    assert form.language_picker.completer().filterMode() == Qt.MatchFlag.MatchContains


# --- history --------------------------------------------------------------------------------


def test_history_shows_hostile_and_long_text_literally(qtbot, sqlite_db, clock):
    lead_id = make_lead(sqlite_db, clock, name=HOSTILE, phone="+353 85 123 4567")
    long_note = ("Patient history. " * 700)[:10_000]
    clock.advance(minutes=1)
    log_interaction(sqlite_db, lead_id, InteractionInput("call", "reached", long_note, 600), clock=clock)
    clock.advance(minutes=1)
    log_interaction(sqlite_db, lead_id, InteractionInput("note", None, HOSTILE), clock=clock)
    editor = open_editor(qtbot, sqlite_db, lead_id, clock)

    assert editor.name_label.textFormat() == Qt.TextFormat.PlainText
    assert editor.name_label.text() == HOSTILE
    model = editor.timeline.model
    assert [model.entry(r).title for r in range(model.rowCount())][:2] == ["Note", "Outgoing call"]
    assert model.data(model.index(0), Qt.ItemDataRole.UserRole) == HOSTILE
    call_preview = model.data(model.index(1), Qt.ItemDataRole.UserRole)
    assert len(call_preview) < PREVIEW_CHARS + 60 and "+9,6" in call_preview
    editor.timeline.view.setCurrentIndex(model.index(1))
    assert long_note in editor.timeline.reader.toPlainText(), "the reading pane has all of it"
    editor.timeline.view.setCurrentIndex(model.index(0))
    assert editor.timeline.reader.toPlainText().endswith(HOSTILE)
    editor.grab()  # paints every visible entry without error


def test_history_lists_status_changes_and_field_edits_newest_first(qtbot, sqlite_db, clock):
    lead_id = make_lead(sqlite_db, clock)
    editor = open_editor(qtbot, sqlite_db, lead_id, clock)
    clock.advance(minutes=3)
    editor.form.source_edit.setText("Instagram")
    assert editor.save()
    entries = lead_history(get_lead(sqlite_db, lead_id))
    assert (entries[0].category, entries[0].title, entries[0].body) == ("edit", "Source edited", "(empty) → Instagram")
    assert {e.title for e in entries[-2:]} == {"Created as New", "Inquiry received"}


def test_timeline_model_is_a_well_behaved_model(qtmodeltester, sqlite_db, clock):
    lead_id = make_lead(sqlite_db, clock)
    model = TimelineModel()
    model.set_entries(lead_history(get_lead(sqlite_db, lead_id)))
    qtmodeltester.check(model)


# --- saving ---------------------------------------------------------------------------------


def test_save_sends_only_changed_fields(qtbot, sqlite_db, clock):
    lead_id = make_lead(sqlite_db, clock, country="RU")
    editor = open_editor(qtbot, sqlite_db, lead_id, clock)
    assert not editor.is_dirty() and not editor.save_button.isEnabled()
    qtbot.keyClicks(editor.form.latin_edit, "Anna Smirnova")
    assert editor.is_dirty() and editor.save_button.isEnabled()
    with qtbot.waitSignal(editor.changed, timeout=2000) as saved:
        qtbot.keyClick(editor.form.latin_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args == [LeadChanges.of([lead_id], ChangeKind.FIELDS, origin="editor")]
    lead = get_lead(sqlite_db, lead_id)
    assert lead.latin_name == "Anna Smirnova"
    assert [e.field for e in lead.field_edits] == ["latin_name"]
    assert not editor.is_dirty()


def test_diagnosis_without_consent_needs_a_clear_confirmation(qtbot, sqlite_db, clock):
    lead_id = make_lead(sqlite_db, clock)
    prompts = ScriptedPrompts(ask=False)
    editor = open_editor(qtbot, sqlite_db, lead_id, clock, prompts)
    editor.form.diagnosis_edit.setPlainText("Multiple myeloma, 3 prior lines")
    assert not editor.save()
    assert prompts.titles("ask") == ["Save health details without consent?"]
    assert get_lead(sqlite_db, lead_id).diagnosis is None, "declined: nothing saved"

    prompts.answers["ask"] = True
    assert editor.save()
    assert get_lead(sqlite_db, lead_id).diagnosis == "Multiple myeloma, 3 prior lines"

    editor.form.consent_check.setChecked(True)
    editor.form.consent_method.setEditText("Verbally, on a call")
    editor.form.diagnosis_edit.setPlainText("Multiple myeloma, 4 prior lines")
    assert editor.save()
    assert len(prompts.titles("ask")) == 2, "with consent there is no question"
    lead = get_lead(sqlite_db, lead_id)
    assert lead.consent_health_data and lead.consent_at == clock() and lead.consent_method == "Verbally, on a call"


def test_a_diagnosis_category_or_a_missing_consent_method_is_questioned_too(qtbot, sqlite_db, clock):
    """The editor asks the shared consent rule: a category alone is health data, and ticked
    consent without how it was given is not enough."""
    lead_id = make_lead(sqlite_db, clock)
    prompts = ScriptedPrompts(ask=False)
    editor = open_editor(qtbot, sqlite_db, lead_id, clock, prompts)
    editor.form.category_box.setCurrentIndex(editor.form.category_box.findData("lymphoma"))
    assert not editor.save()
    assert prompts.seen[-1][2].startswith(needs_consent_warning({"diagnosis_category": "lymphoma"}))
    editor.form.consent_check.setChecked(True)
    assert not editor.save()
    assert "how it was given" in prompts.seen[-1][2]
    assert get_lead(sqlite_db, lead_id).diagnosis_category is None, "declined: nothing saved"
    editor.form.consent_method.setEditText("Signed consent form")
    assert editor.save()
    assert len(prompts.titles("ask")) == 2
    assert get_lead(sqlite_db, lead_id).diagnosis_category == "lymphoma"


def test_the_editor_and_the_new_lead_dialog_ask_the_one_consent_rule(qtbot, sqlite_db, clock, monkeypatch):
    from app.domain import consent

    asked: list[dict] = []

    def spy(lead_or_changes, *, current=None):
        asked.append(dict(lead_or_changes))
        return "CONSENT RULE SAYS SO"

    monkeypatch.setattr(consent, "needs_consent_warning", spy)
    prompts = ScriptedPrompts(ask=False)
    dialog = NewLeadDialog(sqlite_db, clock=clock, prompts=prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.name_edit, "Lars Nilsson")
    dialog.accept()
    assert prompts.seen[-1][1:] == ("Save health details without consent?", "CONSENT RULE SAYS SO\n\nSave anyway?")
    assert asked[-1]["full_name"] == "Lars Nilsson"

    editor = open_editor(qtbot, sqlite_db, make_lead(sqlite_db, clock), clock, prompts)
    editor.form.diagnosis_edit.setPlainText("Myeloma")
    assert not editor.save()
    assert prompts.seen[-1][2] == "CONSENT RULE SAYS SO\n\nSave anyway?"
    assert asked[-1] == {"diagnosis": "Myeloma"}


def test_a_missing_name_or_bad_email_is_explained_not_saved(qtbot, sqlite_db, clock):
    lead_id = make_lead(sqlite_db, clock)
    prompts = ScriptedPrompts()
    editor = open_editor(qtbot, sqlite_db, lead_id, clock, prompts)
    editor.form.name_edit.clear()
    editor.form.email_edit.setText("anna@")
    assert not editor.save()
    assert prompts.texts("error") == [
        "The lead needs a name.\n'anna@' does not look like an email address."
    ]


def test_log_call_from_the_editor_refreshes_it_and_keeps_unsaved_edits(qtbot, sqlite_db, clock):
    lead_id = make_lead(sqlite_db, clock)
    editor = open_editor(qtbot, sqlite_db, lead_id, clock)
    editor.form.source_edit.setText("Referral from Dr. Wang")
    clock.advance(minutes=2)
    dialog = editor.open_log_call()
    qtbot.waitUntil(dialog.isVisible)
    dialog.set_outcome("reached")
    with qtbot.waitSignal(editor.changed, timeout=2000) as logged:
        dialog.accept()
    assert logged.args == [LeadChanges.of([lead_id], ChangeKind.INTERACTIONS, ChangeKind.STATUS, origin="editor")]
    assert editor.status_chip.text() == "Contacted"
    assert {editor.timeline.model.entry(r).title for r in (0, 1)} == {"Outgoing call", "New → Contacted"}
    assert editor.form.source_edit.text() == "Referral from Dr. Wang", "unsaved edit survives"
    assert editor.save(), "saved against the new version without a conflict"
    assert get_lead(sqlite_db, lead_id).source == "Referral from Dr. Wang"


def test_status_menu_offers_allowed_moves_and_opens_the_dialog(qtbot, sqlite_db, clock):
    lead_id = make_lead(sqlite_db, clock)
    editor = open_editor(qtbot, sqlite_db, lead_id, clock)
    labels = [a.text() for a in editor.status_menu.actions() if a.text()]
    assert labels == ["Contacted", "Lost…", "Not eligible…", "Unreachable", "Duplicate", "Undo the last status change"]
    editor.status_menu.actions()[1].trigger()
    dialog = editor.status_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.target().value == "lost" and not dialog.ok_button.isEnabled()
    dialog.reason_box.setEditText("Too expensive")
    with qtbot.waitSignal(editor.changed, timeout=2000) as moved:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert moved.args == [LeadChanges.of([lead_id], ChangeKind.STATUS, origin="editor")]
    assert editor.status_chip.text() == "Lost: Too expensive"


# --- new leads ------------------------------------------------------------------------------


def test_new_lead_dialog_creates_through_create_lead(qtbot, sqlite_db, clock):
    dialog = LeadEditor.new_lead(sqlite_db, clock=clock, prompts=ScriptedPrompts())
    assert isinstance(dialog, NewLeadDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.form.name_edit, "张伟")
    dialog.form.country_picker.set_code("CN")
    qtbot.keyClicks(dialog.form.phones.rows[0].edit, "13812345678")
    type_text(dialog.message_edit, "想了解CAR-T治疗的费用")
    with qtbot.waitSignal(dialog.created, timeout=2000) as blocker:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    lead = get_lead(sqlite_db, blocker.args[0])
    assert (lead.full_name, lead.country, lead.phones[0].e164) == ("张伟", "CN", "+8613812345678")
    assert lead.interactions[0].notes == "想了解CAR-T治疗的费用"
    assert lead.coordinator is not None, "the default coordinator is preselected"


def test_new_lead_without_any_contact_is_refused_readably(qtbot, sqlite_db, clock):
    dialog = NewLeadDialog(sqlite_db, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.name_edit, "Lars Nilsson")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.text() == "No phone, email or messenger to reach the person"


def test_follow_up_round_trips_in_local_time(qtbot, form):
    moment = datetime(2026, 12, 1, 7, 30, tzinfo=timezone.utc)
    form.set_values({"full_name": "x", "next_follow_up": moment})
    assert form.values()["next_follow_up"] == moment
    form.follow_up_clear.click()
    assert form.values()["next_follow_up"] is None
