"""The palette reads well: WCAG 2.1 contrast of at least 4.5:1 (AA, normal text) for the text on
every status pill and tile and for every text colour on the backgrounds it is drawn on, in the
light look and in the dark one; a system in dark mode gets the dark look, pills included."""
from __future__ import annotations

from datetime import UTC

import pytest
from PySide6.QtGui import QColor, QPalette

from app.domain.pipeline import Status
from app.ui import theme
from app.ui.lead_list_model import COL_STATUS, LeadListModel
from app.ui.lead_list_view import LeadTableView
from tests.ui.desk_data import fixed_clock, known_leads

pytestmark = pytest.mark.gui


def test_the_wcag_formula():
    assert theme.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert theme.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the usual AA grey
    assert theme.contrast_ratio("#ffffff", "#767676") == theme.contrast_ratio("#767676", "#ffffff")


@pytest.mark.parametrize("chosen", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_status_text_reads_at_aa_on_its_pill_and_on_a_tile(chosen):
    theme.use_scheme(chosen)
    try:
        low = {}
        for status in Status:
            text = theme.status_foreground(status)
            for ground_name, ground in (("pill", theme.status_background(status)), ("tile", QColor(chosen.base)),
                                        ("row", QColor(chosen.alt_base))):
                ratio = theme.contrast_ratio(text, ground)
                if ratio < theme.AA_NORMAL:
                    low[f"{status.value} on {ground_name}"] = round(ratio, 2)
        assert low == {}
    finally:
        theme.use_scheme(theme.LIGHT)


@pytest.mark.parametrize("chosen", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_every_text_colour_reads_at_aa_on_its_backgrounds(chosen):
    low = {name: round(theme.contrast_ratio(text, ground), 2) for name, (text, ground) in theme.text_pairs(chosen).items()
           if theme.contrast_ratio(text, ground) < theme.AA_NORMAL}
    assert low == {}


def test_the_palette_qt_gets_is_the_schemes(qapp):
    theme.use_scheme(theme.DARK)
    try:
        p = theme.palette()
        assert p.color(QPalette.ColorRole.Window) == QColor(theme.DARK.window)
        assert theme.contrast_ratio(p.color(QPalette.ColorRole.Text), p.color(QPalette.ColorRole.Base)) >= theme.AA_NORMAL
        assert theme.contrast_ratio(p.color(QPalette.ColorRole.HighlightedText), p.color(QPalette.ColorRole.Highlight)) >= 4.5
        assert theme.DARK.muted == theme.MUTED and theme.DARK.text == theme.TEXT  # names widgets read
    finally:
        theme.use_scheme(theme.LIGHT)
    assert theme.LIGHT.muted == theme.MUTED


@pytest.fixture
def dark_system(qapp):
    """The application started on a system in dark mode (its palette dark), then themed."""
    font, palette, sheet, style = qapp.font(), qapp.palette(), qapp.styleSheet(), qapp.style().name()
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202020"), (QPalette.ColorRole.WindowText, "#f0f0f0"),
                         (QPalette.ColorRole.Base, "#181818"), (QPalette.ColorRole.Text, "#f0f0f0")):
        dark.setColor(role, QColor(colour))
    qapp.setPalette(dark)
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyle(style)
    theme.use_scheme(theme.LIGHT)


def test_a_dark_system_gets_the_dark_look_and_dark_pills(qtbot, dark_system, sqlite_db):
    assert theme.apply_theme(dark_system) is theme.DARK
    assert dark_system.palette().color(QPalette.ColorRole.Window) == QColor(theme.DARK.window)
    assert theme.DARK.base in dark_system.styleSheet()
    known_leads(sqlite_db)
    model = LeadListModel(sqlite_db, clock=fixed_clock(), zone=UTC)
    view = LeadTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.apply_default_widths()
    view.resize(1300, 400)
    view.show()
    qtbot.waitExposed(view)
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_STATUS).data() == "Contacted")
    image = view.viewport().grab().toImage()
    rect = view.visualRect(model.index(row, COL_STATUS))
    inside = image.pixelColor(rect.x() + 10, rect.center().y())
    wanted = theme.status_background("contacted")
    assert abs(inside.red() - wanted.red()) + abs(inside.green() - wanted.green()) + abs(inside.blue() - wanted.blue()) < 12
    assert inside.lightness() < 128, "a dark pill on a dark desk"
    assert theme.contrast_ratio(theme.status_foreground("contacted"), inside) >= theme.AA_NORMAL
    # Text the list colours itself (status, muted, outside hours) is the dark scheme's.
    assert model.index(row, COL_STATUS).data(0x9).color() == theme.status_foreground("contacted")  # ForegroundRole


def test_a_light_system_keeps_the_light_look(qapp):
    light = QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#efefef"))
    before = qapp.palette()
    qapp.setPalette(light)
    try:
        assert not theme.system_prefers_dark(qapp)
    finally:
        qapp.setPalette(before)
