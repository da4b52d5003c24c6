"""Table model of one Today list (follow-ups due, or new inquiries), in the call order
app.domain.today decided. Roles are the lead list's (LeadIdRole, StatusRole, …) so the status
pill, drag-and-drop and "open lead" work the same everywhere. Not sortable by header: the order
*is* the advice (who to call now).

Fast at 13,000 rows (100,000 leads) because it builds almost nothing up front: the agenda's
items are light (lead id, call window, overdue flag or urgency); what a row shows besides (name,
status, phone, due moment) is read per page of 50 rows when the view first paints one
(`today_details`; the agenda brings the first page), and a row's cells are formatted once, when
first painted, into a {role: value} dict per column — a repaint asks ~10 roles per cell.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from operator import itemgetter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.speed_to_lead import Urgency, local_zone
from app.domain.today import TodayDetails, TodayItem, Window, past_first_response
from app.ui import i18n, theme
from app.ui.i18n import QT_TRANSLATE_NOOP, country_name, translate
from app.ui.lead_list_model import LeadIdRole, RawValueRole, StatusRole, UrgencyRole, country_cell, format_moment

COL_LOCAL_TIME, COL_NAME, COL_COUNTRY, COL_WHEN, COL_STATUS, COL_COORDINATOR, COL_PHONE, COL_REFERENCE = range(8)

FOLLOW_UPS = "follow_ups"
NEW_INQUIRIES = "new_inquiries"

_TITLES = {
    COL_LOCAL_TIME: QT_TRANSLATE_NOOP("TodayModel", "Local time"),
    COL_NAME: QT_TRANSLATE_NOOP("TodayModel", "Name"),
    COL_COUNTRY: QT_TRANSLATE_NOOP("TodayModel", "Country"),
    COL_WHEN: QT_TRANSLATE_NOOP("TodayModel", "Due"),
    COL_STATUS: QT_TRANSLATE_NOOP("TodayModel", "Status"),
    COL_COORDINATOR: QT_TRANSLATE_NOOP("TodayModel", "Coordinator"),
    COL_PHONE: QT_TRANSLATE_NOOP("TodayModel", "Phone"),
    COL_REFERENCE: QT_TRANSLATE_NOOP("TodayModel", "Reference"),
}
WIDTHS = {COL_LOCAL_TIME: 170, COL_NAME: 220, COL_COUNTRY: 70, COL_WHEN: 120, COL_STATUS: 130, COL_COORDINATOR: 120,
          COL_PHONE: 150, COL_REFERENCE: 110}
_COLUMNS = range(len(_TITLES))
_COLUMN_COUNT = len(_TITLES)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags

PAGE_SIZE = 50  # rows whose details are read together
MAX_DETAILS = 5_000  # details kept before the oldest pages are read again
MAX_ROW_CELLS = 2_000  # formatted rows kept (a screen is ~40)

Fetch = Callable[[Sequence[int]], Mapping[int, TodayDetails]]

# Roles as plain ints (data() receives ints; comparing with Qt's enum members costs far more).
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole.value  # the status in words, for screen readers
_LEAD_ID, _RAW, _STATUS, _URGENCY = (int(r) for r in (LeadIdRole, RawValueRole, StatusRole, UrgencyRole))

_lead_ids = itemgetter(0)


def phone_display(phone: str | None, country: str | None) -> str:
    """'+7 916 123-45-67' rather than '+79161234567' (as typed when the number is not valid)."""
    if not phone:
        return ""
    from app.domain.phone import parse_phone

    info = parse_phone(phone, country)
    return info.international or phone


class TodayModel(QAbstractTableModel):
    def __init__(self, kind: str = FOLLOW_UPS, *, zone: tzinfo | None = None, parent=None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._zone = zone or local_zone()
        self._items: Sequence[TodayItem] = ()
        self._now = datetime.now(UTC)
        self._first_response: timedelta | None = None
        self._fetch: Fetch | None = None
        self._details: dict[int, TodayDetails | None] = {}
        self._cells: dict[int, list[dict[int, object]]] = {}
        self._ids: list[int] | None = None

    def set_items(self, items: Sequence[TodayItem], now: datetime, details: Mapping[int, TodayDetails] | None = None,
                  fetch: Fetch | None = None, *, first_response: timedelta | None = None) -> None:
        """Show `items` (in call order) as of `now`. `details`: what is already read (the first
        rows); `fetch(ids)` reads the rest, a page at a time, as rows are painted. New inquiries
        waiting longer than `first_response` (the team's target) are marked past it."""
        self.beginResetModel()
        self._items = items
        self._now = now
        self._first_response = first_response
        self._fetch = fetch
        self._details = dict(details or {})
        self._cells = {}
        self._ids = None
        self.endResetModel()

    def items(self) -> Sequence[TodayItem]:
        return self._items

    def item(self, row: int) -> TodayItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def lead_ids(self) -> list[int]:
        if self._ids is None:
            ids = getattr(self._items, "ids", None)  # a TodayList keeps them as a column
            self._ids = list(ids) if ids is not None else list(map(_lead_ids, self._items))
        return self._ids

    def row_of(self, lead_id: int) -> int | None:
        try:
            return self.lead_ids().index(lead_id)
        except ValueError:
            return None

    def details(self, row: int) -> TodayDetails | None:
        """What row `row` shows about its lead (read with its page on first use); None when the
        lead is gone (erased since the list was built)."""
        item = self.item(row)
        if item is None:
            return None
        lead_id = item.lead_id
        if lead_id not in self._details:
            self._read_page(row)
        return self._details.get(lead_id)

    def _read_page(self, row: int) -> None:
        start = row - row % PAGE_SIZE
        page = self.lead_ids()[start : start + PAGE_SIZE]
        ids = [lead_id for lead_id in page if lead_id not in self._details]
        if len(self._details) + len(ids) > MAX_DETAILS:
            self._details.clear()
            ids = page
        found = self._fetch(ids) if self._fetch is not None else {}
        for lead_id in ids:
            self._details[lead_id] = found.get(lead_id)

    # ------------------------------------------------------------------ Qt

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == COL_WHEN and self.kind == NEW_INQUIRIES:
            return translate("TodayModel", "Waiting")
        return translate("TodayModel", _TITLES[section]) if section in _TITLES else None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        row = index.row()
        cells = self._cells.get(row)
        if cells is None:
            if not index.isValid() or row >= len(self._items):
                return None
            cells = self._row_cells(row)
        if role == _TOOLTIP:
            return self._tooltip(row, index.column())
        column = index.column()
        return cells[column].get(role) if 0 <= column < _COLUMN_COUNT else None

    # ------------------------------------------------------------------ cells

    def _row_cells(self, row: int) -> list[dict[int, object]]:
        if len(self._cells) >= MAX_ROW_CELLS:
            self._cells.clear()
        item = self._items[row]
        details = self.details(row)
        new = self.kind == NEW_INQUIRIES
        window = item.window
        common: dict[int, object] = {_LEAD_ID: item.lead_id}
        if details is not None:
            common[_STATUS] = details.status
        if new and item.urgency is not None:
            common[_URGENCY] = item.urgency.value
        cells = [dict(common) for _ in _COLUMNS]
        local = cells[COL_LOCAL_TIME]
        local[_DISPLAY] = i18n.local_time_text(window.label)
        local[_RAW] = window.local
        local[_FOREGROUND] = QBrush(QColor(getattr(theme, _WINDOW_COLOURS[window.window])))
        local[_DECORATION] = theme.window_icon(window.window)
        when = cells[COL_WHEN]
        if new:
            colour = theme.urgency_colour(item.urgency)
            background = theme.urgency_background(item.urgency)
            when[_FOREGROUND] = QBrush(colour) if colour else None
            when[_BACKGROUND] = QBrush(background) if background else None
        elif item.overdue:
            when[_FOREGROUND] = QBrush(QColor(theme.OVERDUE))
        if details is None:
            for cell in cells[COL_NAME:]:
                cell[_DISPLAY] = ""
            self._cells[row] = cells
            return cells
        if new:
            waited = details.waiting(self._now)
            when[_DISPLAY] = i18n.duration_text(waited)
            when[_RAW] = waited
            target = self._first_response
            if target is not None and past_first_response(waited, target):
                when[_DISPLAY] = translate("TodayModel", "{waited} — past the {target} target").format(
                    waited=i18n.duration_text(waited), target=i18n.duration_text(target))
                when[_FOREGROUND] = QBrush(QColor(theme.OVERDUE))
        else:
            when[_DISPLAY] = format_moment(details.due_at, self._now, self._zone, future=True)
            when[_RAW] = details.due_at
        for column, text, raw in (
            (COL_NAME, details.name, details.name),
            (COL_COUNTRY, country_cell(details.country), details.country),
            (COL_STATUS, i18n.status_label(details.status), details.status),
            (COL_COORDINATOR, details.coordinator or "", details.coordinator),
            (COL_PHONE, phone_display(details.phone, details.country), details.phone),
            (COL_REFERENCE, details.reference, details.reference),
        ):
            cells[column][_DISPLAY] = text
            cells[column][_RAW] = raw
        cells[COL_STATUS][_FOREGROUND] = QBrush(theme.status_foreground(details.status))
        cells[COL_STATUS][_ACCESSIBLE] = translate("TodayModel", "Status: {status}").format(status=i18n.status_label(details.status))
        self._cells[row] = cells
        return cells

    def _tooltip(self, row: int, column: int) -> str | None:
        item = self.item(row)
        if item is None:
            return None
        window = item.window
        if column == COL_LOCAL_TIME:
            if window.window is Window.AWAKE:
                return translate("TodayModel", "Working hours there: {left} left today").format(
                    left=i18n.duration_text(timedelta(minutes=window.minutes_left)))
            if window.window is Window.MAYBE:
                return translate("TodayModel", "The phone's country spans several time zones; it is working hours in some of them")
            if window.window is Window.ASLEEP:
                return translate("TodayModel", "Outside 09:00–20:00 there; morning in {wait}").format(
                    wait=i18n.duration_text(timedelta(minutes=window.minutes_to_morning)))
            return translate("TodayModel", "No time zone known for this phone")
        details = self.details(row)
        if column == COL_COUNTRY and details is not None and details.country:
            return country_name(details.country)
        if column == COL_WHEN and self.kind == NEW_INQUIRIES:
            target = self._first_response
            if target is not None and details is not None and past_first_response(details.waiting(self._now), target):
                return translate("TodayModel", "Waiting longer than the team's first-response target ({target})").format(
                    target=i18n.duration_text(target))
            if item.urgency is Urgency.RED:
                return translate("TodayModel", "Waiting more than 24 hours for a first contact")
            if item.urgency is Urgency.AMBER:
                return translate("TodayModel", "Waiting more than 2 hours for a first contact")
            return None
        if column == COL_WHEN and details is not None and details.due_at is not None:
            due = details.due_at.astimezone(self._zone)
            return translate("TodayModel", "Due {when} (your time)").format(
                when=f"{i18n.weekday_date_text(due)} {i18n.time_text(due)}")
        return None


#: The theme's colour (its name: light or dark, read when the row is drawn) for where the patient's day stands.
_WINDOW_COLOURS = {Window.AWAKE: "GREEN", Window.MAYBE: "AMBER", Window.ASLEEP: "OUTSIDE_HOURS", Window.UNKNOWN: "OUTSIDE_HOURS"}
