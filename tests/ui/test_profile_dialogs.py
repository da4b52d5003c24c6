"""My profile and Who is working?: real dialogs on real databases (offscreen)."""
from __future__ import annotations

from datetime import UTC

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, get_lead
from app.domain.profiles import NO_SIGNER_MESSAGE, ProfileInput, list_profiles, set_profile, working_profile, working_profile_id
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.main_controller import build_desk
from app.ui.profile_dialog import SKIP_NOTE, ProfileDialog
from app.ui.who_is_working import WhoIsWorkingDialog, ask_who_is_working
from tests.ui.desk_data import fixed_clock

OMAR = ProfileInput(name="Omar Haddad", email="omar@medtourdesk.example", whatsapp="+971 50 123 4567", languages=("ar", "en"))
MONA = ProfileInput(name="Mona Saleh", email="mona@medtourdesk.example", languages=("ar",))


def _dialog(qtbot, db, profile_id, **kwargs) -> ProfileDialog:
    dialog = ProfileDialog(db, profile_id, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _type(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def _when_modal(qtbot, act) -> None:
    """Run `act` on the modal dialog once its exec() is showing it."""
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, run)
            return
        act(dialog)

    QTimer.singleShot(0, run)


# ---------------------------------------------------------------- My profile


def test_a_new_databases_profile_starts_empty_and_checks_each_field_as_typed(qtbot, sqlite_db):
    dialog = _dialog(qtbot, sqlite_db, working_profile_id(sqlite_db))
    assert dialog.name_edit.text() == "" and dialog.windowTitle() == "My profile"  # not the placeholder's "Coordinator"
    _type(qtbot, dialog.email_edit, "omar@")
    assert dialog.errors["email"].isVisible() and "does not look like an email address" in dialog.errors["email"].text()
    _type(qtbot, dialog.whatsapp_edit, "050 123 4567")
    assert "has no country code" in dialog.errors["whatsapp"].text()
    assert not dialog.errors["name"].isVisible()  # untouched fields are not scolded yet
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.errors["name"].isVisible() and "name is needed" in dialog.errors["name"].text()
    assert working_profile(sqlite_db).placeholder  # nothing was saved


def test_saving_fills_the_placeholder_and_names_the_person(qtbot, sqlite_db, clock):
    lead = create_lead(sqlite_db, LeadInput(full_name="Ahmed Hassan", email="ahmed@example.eg"), clock=clock)
    dialog = _dialog(qtbot, sqlite_db, working_profile_id(sqlite_db))
    _type(qtbot, dialog.name_edit, "Omar Haddad")
    _type(qtbot, dialog.email_edit, "omar@medtourdesk.example")
    _type(qtbot, dialog.whatsapp_edit, "+971 50 123 4567")
    _type(qtbot, dialog.signature_edit, "Omar Haddad, Patient Coordinator")
    dialog.language_filter.setText("العربية")  # a language found by its own name (QTest types Latin-1 only)
    shown = [dialog.language_list.item(r) for r in range(dialog.language_list.count())
             if not dialog.language_list.item(r).isHidden()]
    assert [i.data(Qt.ItemDataRole.UserRole) for i in shown] == ["ar"]
    shown[0].setCheckState(Qt.CheckState.Checked)
    assert dialog.languages_summary.text() == "Speaks: Arabic"
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == 1
    person = working_profile(sqlite_db)
    assert saved.args == [person.id] and not person.placeholder
    assert (person.name, person.whatsapp, person.languages) == ("Omar Haddad", "+971501234567", ("ar",))
    assert get_lead(sqlite_db, lead.lead_id).coordinator.name == "Omar Haddad"


def test_an_existing_profile_is_shown_and_can_be_renamed(qtbot, sqlite_db):
    omar = set_profile(sqlite_db, OMAR)
    dialog = _dialog(qtbot, sqlite_db, omar.id)
    assert dialog.name_edit.text() == "Omar Haddad" and dialog.whatsapp_edit.text() == "+971501234567"
    assert dialog.languages() == ("ar", "en")
    _type(qtbot, dialog.name_edit, "Omar K. Haddad")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in list_profiles(sqlite_db)] == ["Omar K. Haddad"]


def test_the_first_run_profile_may_be_skipped_and_says_what_that_means(qtbot, sqlite_db):
    dialog = _dialog(qtbot, sqlite_db, working_profile_id(sqlite_db), first_run=True)
    assert dialog.cancel_button.text() == "Skip for now"
    assert dialog.findChild(type(dialog.message), "profileSkipNote").text() == SKIP_NOTE
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == 0 and working_profile(sqlite_db).placeholder


def test_after_the_first_run_the_profile_dialog_is_offered(qtbot, sqlite_db):
    def fill(dialog) -> None:
        assert isinstance(dialog, ProfileDialog)
        dialog.name_edit.setText("Omar Haddad")
        dialog.email_edit.setText("omar@medtourdesk.example")
        dialog.save_button.click()

    _when_modal(qtbot, fill)
    chosen = ask_who_is_working(sqlite_db, first_run=True)
    assert chosen == working_profile_id(sqlite_db) and working_profile(sqlite_db).name == "Omar Haddad"
    assert ask_who_is_working(sqlite_db, first_run=True) is None  # one real person: nothing to ask


# ---------------------------------------------------------------- Who is working?


def test_who_is_working_lists_the_people_and_the_choice_becomes_current(qtbot, sqlite_db):
    omar = set_profile(sqlite_db, OMAR)
    mona = set_profile(sqlite_db, MONA)
    dialog = WhoIsWorkingDialog(sqlite_db, list_profiles(sqlite_db))
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [dialog.people.item(r).text() for r in range(dialog.people.count())]
    assert texts[0].startswith("Mona Saleh") and texts[1].startswith("Omar Haddad") and "Arabic, English" in texts[1]
    assert dialog.people.currentItem().text() == texts[0]  # the database's current person is preselected
    dialog.people.setCurrentRow(1)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen_id == omar.id != mona.id
    assert working_profile_id(sqlite_db) == omar.id


def test_someone_new_adds_a_profile_and_works_as_them(qtbot, sqlite_db):
    set_profile(sqlite_db, OMAR)
    set_profile(sqlite_db, MONA)
    dialog = WhoIsWorkingDialog(sqlite_db, list_profiles(sqlite_db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.someone_new, Qt.MouseButton.LeftButton)
    profile_dialog = dialog.findChild(ProfileDialog)
    assert profile_dialog is not None and profile_dialog.windowTitle() == "Someone new" and profile_dialog.name_edit.text() == ""
    profile_dialog.name_edit.setText("Lars Nilsson")
    profile_dialog.email_edit.setText("lars@medtourdesk.example")
    qtbot.mouseClick(profile_dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == 1
    assert working_profile(sqlite_db).name == "Lars Nilsson" == working_profile(sqlite_db, dialog.chosen_id).name
    assert len(list_profiles(sqlite_db)) == 3


def test_at_start_the_question_is_asked_only_with_a_choice_to_make(qtbot, sqlite_db):
    assert ask_who_is_working(sqlite_db) is None  # the placeholder alone
    set_profile(sqlite_db, OMAR)
    assert ask_who_is_working(sqlite_db) is None  # one person
    mona = set_profile(sqlite_db, MONA)
    omar_id = next(p.id for p in list_profiles(sqlite_db) if p.name == "Omar Haddad")

    def choose_omar(dialog) -> None:
        assert isinstance(dialog, WhoIsWorkingDialog)
        dialog.people.setCurrentRow(1)
        dialog.ok_button.click()

    _when_modal(qtbot, choose_omar)
    assert ask_who_is_working(sqlite_db) == omar_id != mona.id


# ---------------------------------------------------------------- the desk


@pytest.fixture
def two_people(sqlite_db):
    return set_profile(sqlite_db, OMAR), set_profile(sqlite_db, MONA)


def test_the_desk_works_as_the_person_chosen_and_says_so(qtbot, sqlite_db, two_people, clock):
    omar, _mona = two_people
    lead = create_lead(sqlite_db, LeadInput(full_name="Ahmed Hassan", email="ahmed@example.eg"), clock=clock)
    window, controller = build_desk(sqlite_db, clock=fixed_clock(), zone=UTC, prompts=ScriptedPrompts(),
                                    safety=False, actor_id=omar.id)
    qtbot.addWidget(window)
    assert controller.actor_id == omar.id
    assert window.working_label.text() == "Working as Omar Haddad"
    assert window.windowTitle() == "MedTour Desk — Omar Haddad"
    controller.mover.move(window, [lead.lead_id], "contacted")
    assert get_lead(sqlite_db, lead.lead_id).status_history[0].coordinator == "Omar Haddad"


def test_settings_my_profile_edits_who_is_working(qtbot, desk):
    window, controller, _ids, _prompts = desk
    assert window.working_label.text() == "No profile: Settings → My profile…"
    assert window.actions.my_profile in window.menuBar().actions()[-2].menu().actions()  # Settings, before Help
    window.actions.my_profile.trigger()
    dialog = next(d for d in controller._dialogs if isinstance(d, ProfileDialog))
    dialog.name_edit.setText("Omar Haddad")
    dialog.email_edit.setText("omar@medtourdesk.example")
    with qtbot.waitSignal(controller.changes.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.working_label.text() == "Working as Omar Haddad"
    assert window.windowTitle() == "MedTour Desk — Omar Haddad"


def test_a_packet_without_a_profile_says_how_to_set_one(qtbot, desk):
    from app.ui.packet_preview_dialog import PacketPreviewDialog

    _window, controller, ids, prompts = desk
    dialog = PacketPreviewDialog(controller.db, ids["james"], clock=fixed_clock(), prompts=prompts)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: prompts.titles("error") == ["Patient packet"], timeout=20000)
    assert prompts.texts("error") == [NO_SIGNER_MESSAGE]
    assert not dialog.save_button.isEnabled()
