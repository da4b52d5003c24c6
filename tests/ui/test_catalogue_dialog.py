"""The partner catalogue editor: edit an offer's price and publish it, refuse a bad line item,
add a hospital, import and export through the desk's prompts, read-only for a coordinator."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.domain.catalogue import catalogue_history, current_catalogue
from app.domain.catalogue_edit import revision_entries
from app.ui.catalogue_dialog import CatalogueDialog, open_catalogue_dialog
from app.ui.dialog_prompts import ScriptedPrompts
from tests.db.test_team_permissions import team  # noqa: F401 - the team fixture

pytestmark = pytest.mark.gui


def _dialog(qtbot, db, prompts=None) -> CatalogueDialog:
    dialog = CatalogueDialog(db, prompts=prompts or ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _select(dialog: CatalogueDialog, widget, key: str) -> None:
    for row in range(widget.count()):
        if widget.item(row).data(Qt.ItemDataRole.UserRole) == key:
            widget.setCurrentRow(row)
            return
    raise AssertionError(f"{key} not listed")


def _item_row(dialog: CatalogueDialog, name: str) -> int:
    table = dialog.items_table
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == name)


def test_edit_an_offers_max_price_and_save_publishes_revision_2(qtbot, sqlite_db):
    dialog = _dialog(qtbot, sqlite_db)
    assert dialog.revision_label.text().startswith("Revision 1, changed ")
    assert not dialog.banner.isVisible() and dialog.save_button.isEnabled()
    _select(dialog, dialog.hospital_list, "shanghai_eastbank")
    assert dialog.hospital_edits["name"].text() == "Shanghai East Bank Cancer Centre"
    assert dialog.international_edits["hotline"].text() == "+86 21 6033 8111"
    dialog.tabs.setCurrentIndex(1)
    _select(dialog, dialog.offer_list, "eastbank_lymphoma")
    row = _item_row(dialog, "manufacturing")
    assert dialog.items_table.item(row, 2).text() == "398,000"
    dialog.items_table.item(row, 2).setText("412,500")
    dialog.grab().save("/tmp/catalogue_dialog.png")

    assert dialog.save() is True
    catalogue = current_catalogue(sqlite_db)
    assert catalogue.revision == 2
    high = {i.item: i.high for i in catalogue.offer("eastbank_lymphoma").medical}
    assert high["manufacturing"] == 412500
    entry = revision_entries(sqlite_db)[0]
    assert entry.note == "offer eastbank_lymphoma: medical" and entry.changed_by == "Coordinator"
    assert dialog.revision_label.text().startswith("Revision 2, changed ") and "by Coordinator" in dialog.revision_label.text()
    assert dialog.history.topLevelItemCount() == 2 and dialog.history.topLevelItem(0).text(3) == entry.note
    assert "Published revision 2" in dialog.message.text()


def test_min_above_max_shows_the_problem_and_stores_nothing(qtbot, sqlite_db):
    dialog = _dialog(qtbot, sqlite_db)
    _select(dialog, dialog.hospital_list, "beijing_riverside")
    _select(dialog, dialog.offer_list, "riverside_b_all")
    row = _item_row(dialog, "infusion")
    dialog.items_table.item(row, 1).setText("9000")  # max is 4,000
    assert not dialog.items_note.isHidden() and "min 9000 is above max 4,000" in dialog.items_note.text()
    dialog.note_edit.setText("typo")
    assert dialog.save() is False
    assert "min 9000 is above max 4,000" in dialog.message.text() and dialog.message.text().startswith("Not saved")
    assert len(catalogue_history(sqlite_db)) == 1
    # a field the parser refuses (a country that is not a code): shown, nothing stored
    dialog.items_table.item(row, 1).setText("2000")
    dialog.tabs.setCurrentIndex(0)
    dialog.hospital_edits["country"].setText("China")
    assert dialog.save() is False
    assert "country 'CHINA' is not a two-letter code" in dialog.message.text()
    assert len(catalogue_history(sqlite_db)) == 1


def test_add_a_hospital_with_an_offer_and_records(qtbot, sqlite_db):
    dialog = _dialog(qtbot, sqlite_db)
    dialog.add_hospital()
    edits = dialog.hospital_edits
    edits["name"].setText("Ruijin Hospital")
    edits["local_name"].setText("瑞金医院")
    edits["city"].setText("Shanghai")
    edits["country"].setText("cn")
    edits["accreditations"].setText("JCI 2022, ISO 9001 (2018), ISO 15189")
    edits["languages"].setText("zh, en")
    dialog.international_edits["hotline"].setText("+86 21 6437 0045")
    dialog.add_offer()
    dialog.product_edit.setText("Investigational BCMA CAR-T")
    dialog.approval_combo.setCurrentIndex(dialog.approval_combo.findData("clinical_trial"))
    assert dialog.save() is False and "names its registry number" in dialog.message.text()
    dialog.registry_edit.setText("NCT00000000")
    for row in range(dialog.records_list.count()):
        item = dialog.records_list.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in ("pathology_report", "passport_copy"):
            item.setCheckState(Qt.CheckState.Checked)
    for row in range(dialog.items_table.rowCount()):
        dialog.items_table.item(row, 2).setText("1000")
    dialog.note_edit.setText("Ruijin joins")
    assert dialog.save() is True
    catalogue = current_catalogue(sqlite_db)
    ruijin = catalogue.hospital("瑞金医院")
    assert (ruijin.country, ruijin.hotline, [str(a) for a in ruijin.accreditations]) == (
        "CN", "+86 21 6437 0045", ["JCI (2022)", "ISO 9001 (2018)", "ISO 15189"])
    assert ruijin.key == "ruijin_hospital"
    (offer,) = catalogue.offers_of(ruijin.key)
    assert offer.key == "ruijin_hospital_offer"
    assert (offer.approval, offer.registry, offer.records) == ("clinical_trial", "NCT00000000",
                                                              ("pathology_report", "passport_copy"))
    assert revision_entries(sqlite_db)[0].note == "Ruijin joins"


def test_import_and_export_through_the_prompts(qtbot, sqlite_db, tmp_path):
    target = tmp_path / "out.toml"
    prompts = ScriptedPrompts(save_path=str(target), open_path=str(target))
    dialog = _dialog(qtbot, sqlite_db, prompts)
    dialog.export_file()
    assert "[offers.riverside_b_all]" in target.read_text(encoding="utf-8")
    target.write_text(target.read_text(encoding="utf-8").replace("max = 55000", "max = 59000"), encoding="utf-8")
    dialog.import_file()
    assert "Imported as revision 2" in dialog.message.text()
    assert revision_entries(sqlite_db)[0].note == "imported out.toml"
    target.write_text("not = [toml", encoding="utf-8")
    dialog.import_file()
    assert dialog.message.text().startswith("Not imported:") and "is not valid TOML" in dialog.message.text()
    assert len(catalogue_history(sqlite_db)) == 2


def test_open_catalogue_dialog_shows_it(qtbot, sqlite_db):
    published = []
    dialog = open_catalogue_dialog(None, sqlite_db, prompts=ScriptedPrompts(), on_published=published.append)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.width() <= 1366 and dialog.height() <= 740
    dialog.hospital_edits["airport"].setText("PKX — Beijing Daxing International Airport")
    assert dialog.save() and published == [2]


@pytest.fixture
def desk_look(qapp):
    """The app's fonts and theme, as app/ui/startup.py sets them; restored afterwards."""
    from app.ui.fonts import install_fonts
    from app.ui.theme import apply_theme

    font, palette, sheet, style = qapp.font(), qapp.palette(), qapp.styleSheet(), qapp.style().name()
    install_fonts(qapp)
    apply_theme(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyle(style)


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where screenshots go: MEDTOUR_SCREENSHOTS when set (for the docs), else the test's folder."""
    folder = Path(os.environ.get("MEDTOUR_SCREENSHOTS") or tmp_path / "screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_screenshots_fit_a_laptop_and_draw_every_glyph(qtbot, sqlite_db, desk_look, shots):
    from tests.ui.test_lead_editor_screenshots import missing_glyphs

    folder = shots
    dialog = _dialog(qtbot, sqlite_db)
    assert dialog.frameGeometry().width() <= 1366 and dialog.frameGeometry().height() <= 768 - 40
    assert dialog.minimumSizeHint().width() <= 1366 and dialog.minimumSizeHint().height() <= 700
    for index, name in enumerate(("hospital", "offers", "history")):
        dialog.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        assert dialog.grab().save(str(folder / f"catalogue_{name}.png"))
    local = dialog.hospital_edits["local_name"]
    assert local.text() == "北京河畔国际医院" and missing_glyphs(local.text(), local.font()) == 0
    # every line item and record of the biggest offer is on screen without scrolling
    dialog.tabs.setCurrentIndex(1)
    table = dialog.items_table
    assert table.verticalScrollBar().maximum() == 0 and dialog.records_list.verticalScrollBar().maximum() == 0


@pytest.mark.postgres
def test_read_only_with_a_banner_for_a_coordinator(qtbot, team, tmp_path, desk_look, shots, monkeypatch):  # noqa: F811
    coordinator = team.app("omar")
    prompts = ScriptedPrompts(save_path=str(tmp_path / "theirs.toml"))
    dialog = _dialog(qtbot, coordinator, prompts)
    assert not dialog.banner.isHidden()
    assert dialog.banner_text.text().startswith("Read-only: only an admin may change the catalogue; your role is coordinator")
    assert not dialog.save_button.isEnabled() and not dialog.import_button.isEnabled()
    assert not dialog.add_hospital_button.isEnabled() and dialog.hospital_edits["name"].isReadOnly()
    assert dialog.export_button.isEnabled()
    assert dialog.grab().save(str(shots / "catalogue_read_only.png"))
    # Even if a change is forced through, the desk refuses it and nothing is stored.
    dialog.right = type(dialog.right)(True, dialog.right.actor_id, "coordinator")
    dialog.hospital_edits["airport"].setText("Elsewhere")
    from app.domain import catalogue_edit

    # the desk's own question skipped: the server answers
    monkeypatch.setattr(catalogue_edit, "edit_right", lambda db, actor_id=None: dialog.right)
    assert dialog.save() is False
    assert dialog.message.text() == "Not saved: Only an admin may change the catalogue"
    assert len(catalogue_history(team.owner)) == 1
    dialog.export_file()
    assert "[hospitals.beijing_riverside]" in (tmp_path / "theirs.toml").read_text(encoding="utf-8")


def test_a_revision_published_meanwhile_is_not_overwritten(qtbot, sqlite_db):
    from app.domain.catalogue_edit import change_catalogue
    from app.domain.catalogue_toml import catalogue_document

    dialog = _dialog(qtbot, sqlite_db)
    elsewhere, _ = catalogue_document(sqlite_db)
    elsewhere["hospitals"]["beijing_riverside"]["notes"] = "Changed at another desk"
    assert change_catalogue(sqlite_db, elsewhere, note="other desk")[1]
    dialog.hospital_edits["city"].setText("Peking")
    assert dialog.save() is False
    assert "changed meanwhile (revision 2)" in dialog.message.text()
    assert len(catalogue_history(sqlite_db)) == 2


def test_the_line_items_header_names_the_currency(qtbot, sqlite_db):
    dialog = _dialog(qtbot, sqlite_db)
    _select(dialog, dialog.hospital_list, "shanghai_eastbank")
    assert dialog.items_table.horizontalHeaderItem(2).text() == "Max CNY"
    dialog.currency_edit.setText("")
    qtbot.keyClicks(dialog.currency_edit, "usd")
    assert dialog.items_table.horizontalHeaderItem(1).text() == "Min USD"
