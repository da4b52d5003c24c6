"""A phone or email typed for one lead that already belongs to another: the banner names it,
links to it and offers a merge."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.domain.lead_change_set import ChangeKind, LeadChanges
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, get_lead
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.lead_editor import LeadEditor
from app.ui.new_lead_dialog import NewLeadDialog


@pytest.fixture
def ivan(sqlite_db, clock):
    data = LeadInput("Иван Петров", phones=[("+7 (916) 123-45-67", "mobile")], country="RU", email="ivan.petrov@mail.ru")
    return create_lead(sqlite_db, data, clock=clock)


@pytest.fixture
def other(sqlite_db, clock):
    data = LeadInput("Anna Smirnova", phones=[("8 903 555 12 34", "mobile")], country="RU")
    return create_lead(sqlite_db, data, clock=clock)


def test_phone_typed_in_another_format_shows_the_owner(qtbot, sqlite_db, clock, ivan, other):
    editor = LeadEditor(sqlite_db, other.lead_id, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(editor)
    editor.show()
    assert not editor.banner.isVisible()

    qtbot.mouseClick(editor.form.phones.add_button, Qt.MouseButton.LeftButton)
    row = editor.form.phones.rows[-1]
    qtbot.keyClicks(row.edit, "89161234567")

    qtbot.waitUntil(editor.banner.isVisible, timeout=3000)
    assert editor.banner.message.text().startswith(f"This phone belongs to {ivan.reference} Иван Петров")
    assert editor.banner.open_link.text() == f"Open {ivan.reference}"
    with qtbot.waitSignal(editor.openLeadRequested, timeout=2000) as blocker:
        qtbot.mouseClick(editor.banner.open_link, Qt.MouseButton.LeftButton)
    assert blocker.args == [ivan.lead_id]


def test_the_lead_itself_is_no_duplicate_and_email_case_does_not_matter(qtbot, sqlite_db, clock, ivan, other):
    editor = LeadEditor(sqlite_db, ivan.lead_id, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(editor)
    assert editor.check_duplicates() is None, "its own phone and email are not a warning"
    editor.form.email_edit.setText("")
    other_editor = LeadEditor(sqlite_db, other.lead_id, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(other_editor)
    other_editor.form.email_edit.setText("Ivan.Petrov@MAIL.ru")
    match = other_editor.check_duplicates()
    assert match is not None and (match.field, match.reference) == ("email", ivan.reference)


def test_merge_from_the_banner_folds_the_other_lead_in(qtbot, sqlite_db, clock, ivan, other):
    editor = LeadEditor(sqlite_db, other.lead_id, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(editor)
    editor.show()
    editor.form.email_edit.setText("ivan.petrov@mail.ru")
    editor.check_duplicates()
    qtbot.mouseClick(editor.banner.merge_button, Qt.MouseButton.LeftButton)
    dialog = editor.merge_dialog
    assert dialog is not None and dialog.keep_id() == ivan.lead_id, "the older lead survives by default"
    preview = dialog.preview.toPlainText()
    assert f"{other.reference} is marked Duplicate" in preview
    assert "phone 8 903 555 12 34 (mobile) is added" in preview
    announced = []
    editor.changed.connect(announced.append)
    with qtbot.waitSignal(editor.openLeadRequested, timeout=3000) as blocker:
        dialog.accept()
    assert blocker.args == [ivan.lead_id], "this lead was merged away: open the survivor"
    assert announced == [LeadChanges.of([ivan.lead_id, other.lead_id], ChangeKind.MERGED, origin="editor")]
    assert get_lead(sqlite_db, other.lead_id).status == "duplicate"
    assert len(get_lead(sqlite_db, ivan.lead_id).phones) == 2


def test_new_lead_with_a_known_phone_offers_to_open_it(qtbot, sqlite_db, clock, ivan):
    prompts = ScriptedPrompts(choose="open")
    dialog = NewLeadDialog(sqlite_db, clock=clock, prompts=prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.name_edit, "Ivan P.")
    dialog.form.country_picker.set_code("RU")
    qtbot.keyClicks(dialog.form.phones.rows[0].edit, "+7 916 1234567")
    qtbot.waitUntil(dialog.banner.isVisible, timeout=3000)
    with qtbot.waitSignal(dialog.openLeadRequested, timeout=2000) as blocker:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [ivan.lead_id]
    assert prompts.texts("choose")[0].startswith(f"This phone belongs to {ivan.reference} Иван Петров")
    with sqlite_db.read() as session:
        from sqlalchemy import func, select

        from db.models import Lead

        assert session.scalar(select(func.count(Lead.id))) == 1, "nothing was created"
