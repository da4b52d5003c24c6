"""The status pill: drawn in the status colours, once per status and size (a cached pixmap)."""
from datetime import timezone

import pytest
from PySide6.QtGui import QColor

from app.ui import theme
from app.ui.lead_list_model import COL_STATUS, LeadListModel
from app.ui.lead_list_view import LeadTableView, _pill
from tests.ui.desk_data import fixed_clock, known_leads

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]


def test_the_pill_is_painted_in_the_status_colours_from_a_cached_pixmap(sqlite_db):
    known_leads(sqlite_db)
    model = LeadListModel(sqlite_db, clock=fixed_clock(), zone=timezone.utc)
    view = LeadTableView()
    view.setModel(model)
    view.apply_default_widths()
    view.resize(1300, 400)
    view.show()
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_STATUS).data() == "Contacted")
    _pill.cache_clear()
    image = view.viewport().grab().toImage()
    rect = view.visualRect(model.index(row, COL_STATUS))
    inside = image.pixelColor(rect.x() + 10, rect.center().y())  # left of the text, inside the pill
    wanted = theme.status_background("contacted")
    assert abs(inside.red() - wanted.red()) + abs(inside.green() - wanted.green()) + abs(inside.blue() - wanted.blue()) < 12
    outside = image.pixelColor(rect.right() - 2, rect.center().y())  # past the pill: the row's own background
    assert outside != inside and outside != QColor(wanted)
    hits = _pill.cache_info().hits
    view.viewport().grab()
    assert _pill.cache_info().hits > hits  # the second paint reuses the pixmaps
    view.close()
