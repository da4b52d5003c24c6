"""The coordinator's language: every string the desk shows is in the Russian, Arabic and Chinese
translation files, translated, with its placeholders intact, and compiled into the committed .qm;
a pseudo-translated build (every string "⟦…⟧") shows nothing untranslated in the main views and
dialogs; Arabic mirrors the window; numbers and dates follow the locale."""
from __future__ import annotations

import importlib.util
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)

from app.ui import i18n

ROOT = Path(__file__).resolve().parents[2]


def _load_translations_script():
    """scripts/translations.py (the one reader and writer of the .ts files), loaded by its path."""
    spec = importlib.util.spec_from_file_location("medtour_translations", ROOT / "scripts" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


translations = _load_translations_script()

LANGUAGES = translations.LANGUAGES
PLACEHOLDER = re.compile(r"\{\w+\}|%L?n|%\d")


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    yield
    i18n.install_language(qapp, "en")


# ------------------------------------------------------------------------------ the .ts files


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_in_the_code_is_translated(language):
    """Every (context, text) the code translates is in the .ts, none unfinished or empty, none stale."""
    wanted = translations.source_strings()
    path = translations.ts_file(language)
    held = translations.read_ts(path)
    assert set(wanted) - set(held) == set(), "run `make translations`: strings missing from " + path.name
    assert set(held) - set(wanted) == set(), "run `make translations`: strings no longer in the code"
    assert "unfinished" not in path.read_text(encoding="utf-8")
    empty = [key for key, forms in held.items() if not forms or not all(form.strip() for form in forms)]
    assert empty == []
    assert len(held) > 500


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    """{name}, %Ln and %1 are the same in the translation as in the source (a plural form that
    spells its number out — Arabic's "one", "two" — may leave %Ln out, never add another)."""
    wrong = []
    for (context, source), forms in translations.read_ts(translations.ts_file(language)).items():
        wanted = sorted(PLACEHOLDER.findall(source))
        for form in forms:
            found = sorted(PLACEHOLDER.findall(form))
            if found != wanted and not (("%Ln" in wanted or "%n" in wanted)
                                        and found == [p for p in wanted if p not in ("%Ln", "%n")]):
                wrong.append((context, source, form))
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_strings_have_every_plural_form(language):
    root = ElementTree.parse(translations.ts_file(language)).getroot()
    counts = {len(m.findall("translation/numerusform")) for m in root.iter("message") if m.get("numerus") == "yes"}
    assert counts == {translations.PLURAL_FORMS[language]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_qm_files_are_compiled_from_the_ts_files(tmp_path, language):
    built = tmp_path / f"medtour_{language}.qm"
    subprocess.run([translations.qt_tool("lrelease"), "-silent", str(translations.ts_file(language)), "-qm", str(built)],
                   check=True)
    committed = translations.ts_file(language).with_suffix(".qm")
    assert committed.read_bytes() == built.read_bytes(), "run `make translations` and commit the .qm files"


def test_domain_words_come_from_the_domain():
    from app.domain.lead_records import OUTCOMES
    from app.domain.pipeline import LOST_REASONS, STATUS_INFO

    words = set(i18n.domain_words())
    assert {info.label for info in STATUS_INFO.values()} <= words
    assert set(OUTCOMES.values()) <= words and set(LOST_REASONS) <= words


# ------------------------------------------------------------------------------ at run time


def test_each_language_speaks_and_arabic_mirrors_the_window(qapp):
    assert i18n.install_language(qapp, "ru") == "ru"
    assert i18n.status_label("medical_review") == "Медицинская оценка"
    assert [i18n.translate("LeadListView", "%Ln lead(s)", None, n) for n in (1, 3, 5, 21)] == [
        "1 лид", "3 лида", "5 лидов", "21 лид"]
    assert i18n.number(2015) == "2\u00a0015"
    assert qapp.translate("QPlatformTheme", "Cancel") == "Отмена"  # Qt's own dialogs, from qtbase_ru.qm
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    i18n.install_language(qapp, "ar")
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert i18n.status_label("booked") == "محجوز"
    assert i18n.number(2015) == "2,015"  # Western digits, as the phone numbers and references beside them
    assert i18n.translate("LeadListView", "%Ln lead(s)", None, 11) == "11 عميلًا"
    i18n.install_language(qapp, "zh_CN")
    assert i18n.date_text(datetime(2026, 12, 7, 14, 5)) == "2026年12月7日"
    assert i18n.translate("MainWindow", "Today") == "今天"
    i18n.install_language(qapp, "en")
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert i18n.translate("LeadListView", "%Ln lead(s)", None, 1) == "1 lead"
    assert i18n.translate("LeadListView", "%Ln lead(s)", None, 2015) == "2,015 leads"


def test_the_language_is_the_stored_choice_else_the_system_s(qapp):
    from PySide6.QtCore import QLocale

    assert i18n.resolve_language("ar", QLocale("ru_RU")) == "ar"
    assert i18n.resolve_language("", QLocale("ru_RU")) == "ru"
    assert i18n.resolve_language("", QLocale("zh_CN")) == "zh_CN"
    assert i18n.resolve_language("", QLocale("ar_EG")) == "ar"
    assert i18n.resolve_language("", QLocale("de_DE")) == "en"
    assert i18n.resolve_language("klingon", QLocale("fr_FR")) == "en"


def test_preferences_store_the_language_and_say_when_it_applies(qtbot):
    from app.ui import settings
    from app.ui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(running_language="en")
    qtbot.addWidget(dialog)
    assert dialog.language_box.itemText(0).startswith("System language")
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("ar"))
    assert "started again" in dialog.note.text()
    dialog.accept()
    assert settings.read(settings.LANGUAGE) == "ar"
    assert i18n.chosen_language() == "ar"


def test_start_up_installs_the_stored_language(qapp, desk_look):
    from app.ui import settings
    from app.ui.startup import setup_application

    settings.write(settings.LANGUAGE, "ru")
    setup_application()
    assert i18n.current_language() == "ru"
    assert i18n.translate("MainWindow", "Today") == "Сегодня"


# ------------------------------------------------------------------------------ the pseudo build

#: Words the desk shows that are data or names, not its own text.
DATA = [
    r"⟦[^⟦⟧]*⟧",  # translated (the innermost first, by repetition)
    r"L-\d{4}-\d+", r"[\w.+-]+@[\w.-]+", r"(?:/[\w.+-]+)+/?", r"https?://\S+",
    r"\b(?:Ctrl|Alt|Shift|Meta)\+\S*", r"\bF\d+\b", r"\bMedTour Desk\b", r"\b[A-Z]{2,4}\b",
    r"\b(?:WhatsApp|WeChat|Telegram|Google Ads|Partner referral|CAR-T|PDF|KB)\b",
    r"\d{1,2}:\d{2}(?:\s+[A-Z][a-z]+(?:[ _][A-Z][a-z]+)*)?",  # a local time and its city ("14:05 Moscow")
    r"[\d\s.,:%+\-–—()·/]+",
]


def _pseudo_qm(tmp_path: Path) -> Path:
    """The Russian .ts with every translation replaced by "⟦source⟧", compiled."""
    tree = ElementTree.parse(translations.ts_file("ru"))
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = translation.findall("numerusform")
        for form in forms:
            form.text = f"⟦{source}⟧"
        if not forms:
            translation.text = f"⟦{source}⟧"
    ts = tmp_path / "medtour_pseudo.ts"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    qm = ts.with_suffix(".qm")
    subprocess.run([translations.qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def _texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) for what a person sees in `top`: labels, buttons, group boxes, tab titles, the
    window title, placeholders, combo boxes, table headers, tooltips, menus and their actions."""
    found = [("window title", top.windowTitle())]
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        name = f"{type(widget).__name__} {widget.objectName()}"
        if isinstance(widget, QLabel):
            found.append((name, re.sub(r"<[^>]+>", " ", widget.text())))
        elif isinstance(widget, QAbstractButton):
            found.append((name, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((name, widget.title()))
        elif isinstance(widget, QTabBar):
            found += [(name, widget.tabText(i)) for i in range(widget.count())]
            found += [(name + " tip", widget.tabToolTip(i)) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit) and not widget.text():
            found.append((name + " placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            found.append((name, widget.currentText()))
        elif isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal and widget.model():
            model = widget.model()
            found += [(name, str(model.headerData(i, Qt.Orientation.Horizontal) or ""))
                      for i in range(model.columnCount()) if not widget.isSectionHidden(i)]
        if widget.toolTip():
            found.append((name + " tooltip", re.sub(r"<[^>]+>", " ", widget.toolTip())))
    menus = [m for m in top.findChildren(QMenu)]
    for menu in menus:
        found.append(("menu", menu.title()))
        for action in menu.actions():
            found += [("action", action.text()), ("action tip", action.statusTip())]
    return [(where, text) for where, text in found if text]


def _untranslated(texts: list[tuple[str, str]], names: set[str]) -> list[tuple[str, str]]:
    left = []
    for where, text in texts:
        rest = text.replace("&", "").replace("\xa0", " ")
        for name in sorted(names, key=len, reverse=True):
            rest = rest.replace(name, " ")
        previous = None
        while previous != rest:  # innermost "⟦…⟧" first: a translated text may hold another
            previous = rest
            rest = re.sub(DATA[0], " ", rest)
        for pattern in DATA[1:]:
            rest = re.sub(pattern, " ", rest)
        if re.search(r"[A-Za-z]{2,}", rest):
            left.append((where, text))
    return left


@pytest.fixture
def pseudo_desk(qtbot, qapp, sqlite_db, tmp_path):
    """The desk built under the pseudo translation (Qt's own strings in Russian); known leads."""

    from app.ui.dialog_prompts import ScriptedPrompts
    from app.ui.main_controller import build_desk
    from tests.ui.desk_data import fixed_clock, known_leads

    i18n.install_language(qapp, "ru", desk_file=_pseudo_qm(tmp_path))
    assert i18n.translate("MainWindow", "Today") == "⟦Today⟧"
    ids = known_leads(sqlite_db)
    window, controller = build_desk(sqlite_db, clock=fixed_clock(), zone=UTC, prompts=ScriptedPrompts(), safety=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    from app.domain.leads import get_lead, list_coordinators

    names = {person.name for person in list_coordinators(sqlite_db)}  # people's names are data
    for lead_id in ids.values():
        lead = get_lead(sqlite_db, lead_id, with_history=False)
        # the lead's own words: names, source, and the assignment reason stored with it when it was assigned
        names |= {text for text in (lead.full_name, lead.latin_name, lead.source, lead.assignment_reason) if text}
    yield window, controller, ids, names
    QThreadPool.globalInstance().waitForDone(10_000)


def test_no_string_escapes_translation_in_the_main_views(qtbot, pseudo_desk):
    window, controller, ids, names = pseudo_desk
    controller.open_lead(ids["ivan"])
    qtbot.wait(50)
    seen = []
    for index in range(window.views.count()):
        controller.show_view(index)
        qtbot.wait(300)
        QThreadPool.globalInstance().waitForDone(10_000)
        qtbot.wait(100)
        seen += _texts(window)
    assert len(seen) > 150
    assert _untranslated(seen, names) == []


def test_no_string_escapes_translation_in_the_main_dialogs(qtbot, pseudo_desk, sqlite_db):
    from app.ui.import_wizard import ImportWizard
    from app.ui.lead_editor import LeadEditor
    from app.ui.log_call_dialog import LogCallDialog
    from app.ui.preferences_dialog import PreferencesDialog
    from app.ui.status_dialog import StatusChangeDialog
    from tests.ui.desk_data import fixed_clock

    window, _controller, ids, names = pseudo_desk
    dialogs = [
        LeadEditor.new_lead(sqlite_db, parent=window, clock=fixed_clock()),
        LogCallDialog(sqlite_db, ids["ivan"], clock=fixed_clock(), parent=window),
        StatusChangeDialog(sqlite_db, ids["ivan"], None, clock=fixed_clock(), parent=window),
        ImportWizard(sqlite_db, parent=window, clock=fixed_clock()),
        PreferencesDialog(window),
    ]
    seen = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        texts = _texts(dialog)
        assert len(texts) > 3, type(dialog).__name__
        seen += texts
        dialog.close()
    assert _untranslated(seen, names) == []


def test_the_walk_would_catch_an_untranslated_string(qtbot, pseudo_desk):
    """The check can fail: a label set without translate() is reported."""
    window, _controller, _ids, names = pseudo_desk
    stray = QLabel("Follow-ups overdue", window.statusBar())
    window.statusBar().addWidget(stray)
    stray.show()
    assert ("QLabel ", "Follow-ups overdue") in _untranslated(_texts(window), names)


# ------------------------------------------------------------------------------ right to left, words recorded as data


def test_arabic_lines_read_right_to_left_with_numbers_and_paths_kept_in_order(qtbot, qapp):
    """A line that opens with a Latin code ("[UZ] …", "L-2026-…") gets a right-to-left mark, and the
    phone number in it is isolated left to right: otherwise it shows as "14 75 204 91 998+"."""
    from app.ui.phone_field import PhoneRow

    i18n.install_language(qapp, "ar")
    row = PhoneRow("+998912047514", "mobile", "UZ")
    qtbot.addWidget(row)
    row._refresh()
    text = row.info.text()
    assert text.startswith("\u200f") and "\u2066+998 91 204 75 14\u2069" in text
    assert i18n.ltr("/tmp/desk.db") == "\u2066/tmp/desk.db\u2069"
    i18n.install_language(qapp, "en")
    assert i18n.ltr("/tmp/desk.db") == "/tmp/desk.db" and i18n.line("[UZ] Uzbekistan") == "[UZ] Uzbekistan"


def test_recorded_assignment_reasons_and_case_reminders_in_the_desk_s_language(qapp):
    from datetime import date

    from app.domain.case_schedule import CaseReminder
    from app.ui.case_header import assignment_reason_text
    from app.ui.today_view import reminder_text

    today = date(2026, 12, 7)
    reminder = CaseReminder(1, "L-2026-00154", "ليلى حسن", 9, "records_deadline", "Medical records deadline",
                            date(2026, 12, 11), False)
    assert reminder_text(reminder, today) == "Medical records deadline — due in 4 days"
    i18n.install_language(qapp, "ar")
    assert assignment_reason_text("chosen by Coordinator") == "اختاره Coordinator"
    assert assignment_reason_text("next in turn") == "التالي في الدور"
    assert assignment_reason_text("a reason typed by hand") == "a reason typed by hand"  # kept as recorded
    assert reminder_text(reminder, today) == "الموعد النهائي للسجلات الطبية — بعد 4 أيام"
    i18n.install_language(qapp, "ru")
    assert reminder_text(reminder, date(2026, 12, 13)) == "Срок сдачи медицинских документов — просрочено на 2 дня"
    assert assignment_reason_text("chosen by Omar Haddad") == "выбрал(а) Omar Haddad"
