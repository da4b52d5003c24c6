"""The Review & quotes tab: consent per hospital, a de-identified bundle made in a worker, an
answer, quotes side by side in the patient's currency with the chosen one marked; it fits the tab
area of a 1366×768 screen (a screenshot at 1000×520 is saved to /tmp/case_review_tab.png, and to
$MEDTOUR_SCREENSHOTS/case-review.png when set)."""
from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import select

from app.domain.quotes import add_quote
from app.ui.case_review_tab import CHOSEN_MARK, CaseReviewTab
from app.ui.dialog_prompts import ScriptedPrompts
from db.case_models import MedicalReview
from tests.domain.case_review_data import HOSPITAL, OTHER_HOSPITAL, make_case

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def desk_look(qapp):
    """The app's fonts and theme, as app/ui/startup.py sets them (a Chinese name is drawn, not boxes)."""
    from app.ui.fonts import install_fonts
    from app.ui.theme import apply_theme

    font, palette, sheet = qapp.font(), qapp.palette(), qapp.styleSheet()
    install_fonts(qapp)
    apply_theme(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


def _text(table, row, column) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def _row_of(tab, key: str) -> int:
    return next(r for r in range(tab.hospitals.rowCount()) if tab.hospitals.item(r, 0).data(256) == key)


def test_the_review_tab_from_consent_to_a_chosen_quote(qtbot, sqlite_db, clock, tmp_path):
    case = make_case(sqlite_db, clock_now=clock())
    add_quote(sqlite_db, case.reference, HOSPITAL, currency="CNY", clock=clock, valid_until=date(2026, 12, 31),
              deposit="100000", offer="eastbank_lymphoma",
              items=["medical_evaluation=25000", "manufacturing=255000", "hospital_stay=50001", "Interpreter=3000"])
    add_quote(sqlite_db, case.reference, OTHER_HOSPITAL, currency="USD", clock=clock, valid_until=date(2026, 11, 1),
              items=["manufacturing=38000", "hospital_stay=9000.50"])
    target = tmp_path / "bundle.zip"
    prompts = ScriptedPrompts(save_path=str(target))
    tab = CaseReviewTab(sqlite_db, prompts=prompts, clock=clock)
    qtbot.addWidget(tab)
    tab.resize(1000, 520)
    tab.show()
    tab.show_lead(case.lead_id)

    row = _row_of(tab, HOSPITAL)
    assert _text(tab.hospitals, row, 2) == "Not given"
    tab.hospitals.selectRow(row)
    assert not tab.bundle_button.isEnabled()  # no consent, no bundle

    tab.run_dialog = lambda dialog: (dialog.method.setCurrentText("signed form"), True)[1]
    tab.record_consent()
    row = _row_of(tab, HOSPITAL)
    assert _text(tab.hospitals, row, 2).startswith("Given (signed form")
    assert tab.selected_hospital().key == HOSPITAL and tab.bundle_button.isEnabled()

    tab.deidentified.setChecked(True)
    with qtbot.waitSignal(tab.bundle_made, timeout=30_000) as made:
        tab.make_bundle()
    bundle = made.args[0]
    assert bundle.deidentified and target.exists()
    with sqlite_db.read() as s:
        recorded = s.scalars(select(MedicalReview)).one().bundle_sha256
    assert recorded == hashlib.sha256(target.read_bytes()).hexdigest() == bundle.sha256
    row = _row_of(tab, HOSPITAL)
    assert "(de-identified)" in _text(tab.hospitals, row, 3) and _text(tab.hospitals, row, 4) == "Waiting"

    def answer(dialog):
        dialog.verdict.setCurrentIndex(dialog.verdict.findData("eligible"))
        dialog.offer.setCurrentIndex(dialog.offer.findData("eastbank_lymphoma"))
        dialog.doctor.setCurrentText("Dr Chen Yu")
        return True

    tab.run_dialog = answer
    tab.record_answer()
    assert _text(tab.hospitals, _row_of(tab, HOSPITAL), 4) == "Eligible: eastbank_lymphoma"

    # Quotes: in RUB (the patient is from Russia), the rows of the selected one add up to its total.
    assert tab.comparison.currency == "RUB" and "RUB" in tab.quotes_heading.text()
    assert [_text(tab.quotes, r, 0) for r in range(tab.quotes.rowCount())] == ["", "Expired"]
    tab.select_quote(tab.comparison.quotes[0].id)
    quote = tab.comparison.quotes[0]
    shown = [int(_text(tab.items, r, 2).split()[0].replace(",", "")) for r in range(len(quote.items))]
    total = int(_text(tab.items, len(quote.items), 2).split()[0].replace(",", ""))
    assert _text(tab.items, len(quote.items) + 1, 0) == "Deposit asked"
    assert sum(shown) == total == tab.comparison.quotes[0].converted_total
    tab.choose_quote()
    assert _text(tab.quotes, 0, 0) == CHOSEN_MARK and not tab.choose_button.isEnabled()

    # The expired one is chosen only when the coordinator says the hospital confirmed it.
    prompts.answers["ask"] = False
    tab.select_quote(tab.comparison.quotes[1].id)
    tab.choose_quote()
    assert _text(tab.quotes, 0, 0) == CHOSEN_MARK
    prompts.answers["ask"] = True
    tab.select_quote(tab.comparison.quotes[1].id)
    tab.choose_quote()
    assert [_text(tab.quotes, r, 0) for r in range(tab.quotes.rowCount())] == ["", CHOSEN_MARK]

    tab.select_hospital(HOSPITAL)
    qtbot.wait(50)
    shot = tab.grab()
    shot.save("/tmp/case_review_tab.png")
    if folder := os.environ.get("MEDTOUR_SCREENSHOTS"):  # MEDTOUR_SCREENSHOTS=docs/screenshots for the docs
        shot.save(str(Path(folder) / "case-review.png"))
    # Nothing is cut off at 1000×520: every button shows its whole text, the tables their rows.
    for button in (tab.consent_button, tab.withdraw_button, tab.bundle_button, tab.answer_button, tab.quote_button,
                   tab.choose_button):
        assert button.isVisible() and button.width() >= button.sizeHint().width(), button.text()
        assert button.geometry().right() <= tab.width()
    assert tab.quotes.viewport().height() >= 2 * tab.quotes.verticalHeader().defaultSectionSize()
    assert tab.hospitals.viewport().height() >= 2 * tab.hospitals.verticalHeader().defaultSectionSize()
    assert tab.sizeHint().height() <= 520 or tab.minimumSizeHint().height() <= 520
    QThreadPool.globalInstance().waitForDone(10_000)


def test_no_lead_shows_nothing_and_disables_every_action(qtbot, sqlite_db, clock):
    tab = CaseReviewTab(sqlite_db, prompts=ScriptedPrompts(), clock=clock)
    qtbot.addWidget(tab)
    tab.show_lead(None)
    assert tab.hospitals.rowCount() == 0 and tab.quotes.rowCount() == 0
    assert not any(b.isEnabled() for b in (tab.consent_button, tab.bundle_button, tab.answer_button, tab.choose_button))
