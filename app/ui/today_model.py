"""Table model of one Today list (follow-ups due, or new inquiries): plain TodayItem records in the
call order app.domain.today decided. Roles are the lead list's (LeadIdRole, StatusRole, …) so the
status pill, drag-and-drop and "open lead" work the same everywhere. Not sortable by header: the
order *is* the advice (who to call now)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone, tzinfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.countries import country_name
from app.domain.pipeline import STATUS_INFO, Status
from app.domain.speed_to_lead import Urgency, format_duration, local_zone
from app.domain.today import TodayItem, Window
from app.ui import theme
from app.ui.lead_list_model import LeadIdRole, RawValueRole, StatusRole, UrgencyRole, country_cell, format_moment

COL_LOCAL_TIME, COL_NAME, COL_COUNTRY, COL_WHEN, COL_STATUS, COL_COORDINATOR, COL_PHONE, COL_REFERENCE = range(8)

FOLLOW_UPS = "follow_ups"
NEW_INQUIRIES = "new_inquiries"

_TITLES = {
    COL_LOCAL_TIME: "Local time",
    COL_NAME: "Name",
    COL_COUNTRY: "Country",
    COL_WHEN: "Due",
    COL_STATUS: "Status",
    COL_COORDINATOR: "Coordinator",
    COL_PHONE: "Phone",
    COL_REFERENCE: "Reference",
}
WIDTHS = {COL_LOCAL_TIME: 170, COL_NAME: 220, COL_COUNTRY: 70, COL_WHEN: 120, COL_STATUS: 130, COL_COORDINATOR: 120,
          COL_PHONE: 150, COL_REFERENCE: 110}


def phone_display(phone: str | None, country: str | None) -> str:
    """'+7 916 123-45-67' rather than '+79161234567' (as typed when the number is not valid)."""
    if not phone:
        return ""
    from app.domain.phone import parse_phone

    info = parse_phone(phone, country)
    return info.international or phone


def window_icon(window: Window):
    if window is Window.UNKNOWN:
        return None
    return theme.call_window_icon({Window.AWAKE: "awake", Window.MAYBE: "maybe", Window.ASLEEP: "asleep"}[window])


class TodayModel(QAbstractTableModel):
    def __init__(self, kind: str = FOLLOW_UPS, *, zone: tzinfo | None = None, parent=None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._zone = zone or local_zone()
        self._items: tuple[TodayItem, ...] = ()
        self._now = datetime.now(timezone.utc)

    def set_items(self, items: Sequence[TodayItem], now: datetime) -> None:
        self.beginResetModel()
        self._items = tuple(items)
        self._now = now
        self.endResetModel()

    def items(self) -> tuple[TodayItem, ...]:
        return self._items

    def item(self, row: int) -> TodayItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, lead_id: int) -> int | None:
        for row, item in enumerate(self._items):
            if item.lead_id == lead_id:
                return row
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == COL_WHEN and self.kind == NEW_INQUIRIES:
            return "Waiting"
        return _TITLES.get(section)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.item(index.row())
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == LeadIdRole:
            return item.lead_id
        if role == StatusRole:
            return item.status
        if role == UrgencyRole:
            return item.urgency.value if item.urgency else None
        if role == RawValueRole:
            return self._raw(item, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_LOCAL_TIME:
            return window_icon(item.window.window)
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_WHEN and self.kind == NEW_INQUIRIES:
            colour = theme.urgency_background(item.urgency)
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        return None

    def _raw(self, item: TodayItem, column: int):
        return {
            COL_LOCAL_TIME: item.window.local,
            COL_NAME: item.name,
            COL_COUNTRY: item.country,
            COL_WHEN: item.due_at if self.kind == FOLLOW_UPS else item.waiting,
            COL_STATUS: item.status,
            COL_COORDINATOR: item.coordinator,
            COL_PHONE: item.phone,
            COL_REFERENCE: item.reference,
        }.get(column)

    def _text(self, item: TodayItem, column: int) -> str:
        if column == COL_LOCAL_TIME:
            return item.window.label
        if column == COL_NAME:
            return item.name
        if column == COL_COUNTRY:
            return country_cell(item.country)
        if column == COL_WHEN:
            if self.kind == NEW_INQUIRIES:
                return format_duration(item.waiting)
            return format_moment(item.due_at, self._now, self._zone, future=True)
        if column == COL_STATUS:
            return STATUS_INFO[Status(item.status)].label
        if column == COL_COORDINATOR:
            return item.coordinator or ""
        if column == COL_PHONE:
            return phone_display(item.phone, item.country)
        if column == COL_REFERENCE:
            return item.reference
        return ""

    def _foreground(self, item: TodayItem, column: int):
        if column == COL_LOCAL_TIME:
            if item.window.window is Window.AWAKE:
                return QBrush(QColor(theme.GREEN))
            if item.window.window in (Window.ASLEEP, Window.UNKNOWN):
                return QBrush(QColor(theme.OUTSIDE_HOURS))
            return QBrush(QColor(theme.AMBER))
        if column == COL_WHEN:
            if self.kind == NEW_INQUIRIES:
                colour = theme.urgency_colour(item.urgency)
                return QBrush(colour) if colour else None
            if item.overdue:
                return QBrush(QColor(theme.OVERDUE))
        if column == COL_STATUS:
            return QBrush(theme.status_foreground(item.status))
        return None

    def _tooltip(self, item: TodayItem, column: int) -> str | None:
        window = item.window
        if column == COL_LOCAL_TIME:
            if window.window is Window.AWAKE:
                return f"Working hours there: {format_duration(timedelta(minutes=window.minutes_left))} left today"
            if window.window is Window.MAYBE:
                return "The phone's country spans several time zones; it is working hours in some of them"
            if window.window is Window.ASLEEP:
                return f"Outside 09:00–20:00 there; morning in {format_duration(timedelta(minutes=window.minutes_to_morning))}"
            return "No time zone known for this phone"
        if column == COL_COUNTRY and item.country:
            return country_name(item.country)
        if column == COL_WHEN and self.kind == NEW_INQUIRIES:
            if item.urgency is Urgency.RED:
                return "Waiting more than 24 hours for a first contact"
            if item.urgency is Urgency.AMBER:
                return "Waiting more than 2 hours for a first contact"
        if column == COL_WHEN and item.due_at is not None:
            return item.due_at.astimezone(self._zone).strftime("Due %a %d %b %H:%M (your time)")
        return None
