"""The lead list's table model: smooth at 100,000 leads because it never holds them.

How it works
------------
* **Ids first.** A query (search text, quick filters, sort) becomes one SQL statement that returns
  the matching lead ids in list order (``find_lead_ids``: FTS5 trigram search, ``ORDER BY`` in
  SQL). The model keeps only that list of ints: ``rowCount()`` is exactly the number of matches,
  so the scroll bar is true from the first paint, and dragging it to the end is instant.
* **Rows by page, on demand.** ``data()`` for row *r* looks in page ``r // PAGE_SIZE``; a page
  missing from the small LRU cache is fetched with one ``summaries()`` call (50 rows, two indexed
  queries, a few ms). Only pages the view actually paints are fetched — scrolling to row 61,000
  fetches the pages around row 61,000 and nothing in between.
* **Derived cells lazily.** The patient's local time needs the phone's time zones (a parse) and
  changes every minute; it is computed per row when first painted and kept until the minute
  changes (`tick()`), which also refreshes the "waiting" column.

Why not ``canFetchMore``/``fetchMore``: that grows ``rowCount`` as the user scrolls, so the
scroll bar lies, jumping to the end means fetching every row before it, and sorting would still
need the whole id list. Lazy pages over an id list give exact counts, O(screen) work per scroll
and SQL sorting, for the price of holding one int per match.

Sorting re-queries the ids with another ``ORDER BY`` (never a Python sort over 100k rows). The
id list of a query is cached (a few, LRU) so clearing the search box is instant; any data
change drops that cache (`refresh`).
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.domain.clock import Clock, utc_now
from app.domain.countries import flag_emoji
from app.domain.lead_records import LeadSummary
from app.domain.lead_search import find_lead_ids, make_filter, summaries
from app.domain.phone import phone_time_zones
from app.domain.pipeline import Status
from app.domain.speed_to_lead import Urgency, local_zone, urgency, waiting_time
from app.domain.today import CallWindow, Window, call_window
from app.ui import i18n, theme
from app.ui.fonts import can_show_flags
from app.ui.i18n import QT_TRANSLATE_NOOP, country_name, translate
from db.engine import Database
from db.lead_queries import LeadFilter

(
    COL_REFERENCE,
    COL_NAME,
    COL_COUNTRY,
    COL_LOCAL_TIME,
    COL_STATUS,
    COL_COORDINATOR,
    COL_FOLLOW_UP,
    COL_LAST_CONTACT,
    COL_RECEIVED,
    COL_WAITING,
) = range(10)


@dataclass(frozen=True)
class Column:
    title: str
    sort_key: str | None  # a lead_search SORT_KEYS value; None = not sortable
    tooltip: str
    reverse: bool = False  # the column reads in the opposite order of its sort key
    width: int = 110


COLUMNS: dict[int, Column] = {
    COL_REFERENCE: Column(QT_TRANSLATE_NOOP("LeadListModel", "Reference"), "reference",
        QT_TRANSLATE_NOOP("LeadListModel", "The lead's reference number"), width=112),
    COL_NAME: Column(QT_TRANSLATE_NOOP("LeadListModel", "Name"), "name",
        QT_TRANSLATE_NOOP("LeadListModel", "Patient's name as written (Latin spelling in the tooltip)"), width=250),
    COL_COUNTRY: Column(QT_TRANSLATE_NOOP("LeadListModel", "Country"), "country",
        QT_TRANSLATE_NOOP("LeadListModel", "Patient's country"), width=80),
    COL_LOCAL_TIME: Column(QT_TRANSLATE_NOOP("LeadListModel", "Local time"), None,
        QT_TRANSLATE_NOOP("LeadListModel", "Patient's local time now, from the phone's time zones or the zone set on the lead; "
                           "green dot: working hours there; grey ring: outside 09:00–20:00; "
                           "half dot: some of the country's zones"), width=165),
    COL_STATUS: Column(QT_TRANSLATE_NOOP("LeadListModel", "Status"), "status",
        QT_TRANSLATE_NOOP("LeadListModel", "Where the lead is in the pipeline"), width=130),
    COL_COORDINATOR: Column(QT_TRANSLATE_NOOP("LeadListModel", "Coordinator"), "coordinator",
        QT_TRANSLATE_NOOP("LeadListModel", "Who handles the lead"), width=120),
    COL_FOLLOW_UP: Column(QT_TRANSLATE_NOOP("LeadListModel", "Next follow-up"), "next_follow_up",
        QT_TRANSLATE_NOOP("LeadListModel", "When to contact the patient next (your time)"), width=130),
    COL_LAST_CONTACT: Column(QT_TRANSLATE_NOOP("LeadListModel", "Last contact"), "last_contact",
        QT_TRANSLATE_NOOP("LeadListModel", "When the agency last reached out or spoke with the patient"), width=110),
    COL_RECEIVED: Column(QT_TRANSLATE_NOOP("LeadListModel", "Received"), "created",
        QT_TRANSLATE_NOOP("LeadListModel", "When the inquiry arrived"), width=100),
    COL_WAITING: Column(QT_TRANSLATE_NOOP("LeadListModel", "Waiting"), "created",
        QT_TRANSLATE_NOOP("LeadListModel", "New inquiries not yet contacted: how long they have waited "
                        "(amber after 2 h, red after 24 h)"), reverse=True, width=90),
}
COLUMN_COUNT = len(COLUMNS)

LeadIdRole = Qt.ItemDataRole.UserRole + 1  # int: the lead's id (any column)
RawValueRole = Qt.ItemDataRole.UserRole + 2  # the column's value before formatting (datetime, code, …)
StatusRole = Qt.ItemDataRole.UserRole + 3  # str: the status value (any column)
UrgencyRole = Qt.ItemDataRole.UserRole + 4  # "ok" / "amber" / "red" (speed to lead), None when not waiting
SummaryRole = Qt.ItemDataRole.UserRole + 5  # LeadSummary (a detached, frozen record)

LEAD_IDS_MIME = "application/x-medtour-lead-ids"

PAGE_SIZE = 50  # a screen (~40 rows) anywhere spans at most two pages: ~100 rows read, not ~200
CACHED_PAGES = 80  # 4,000 rows at most
CACHED_QUERIES = 6
#: How often the model looks at the clock (it redraws only when the minute has changed).
TICK_MS = 10_000


@dataclass
class _Row:
    summary: LeadSummary
    window: CallWindow | None = None
    window_minute: datetime | None = None
    # Per column, what painting asks for ({role: value}), built once per row and minute: a repaint
    # of a screen asks ~1,800 times, so each answer must be a dictionary lookup.
    cells: dict[int, dict[int, object]] = field(default_factory=dict)


# Roles as plain ints (data() receives ints; comparing with Qt's enum members costs far more).
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole.value  # the status pill's words (it is painted as a picture)
#: Roles the view and delegates ask for on every paint that this model never sets.
_UNSET_PAINT_ROLES = frozenset(role.value for role in (
    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.SizeHintRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
    Qt.ItemDataRole.StatusTipRole, Qt.ItemDataRole.WhatsThisRole, Qt.ItemDataRole.EditRole,
))
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled


@dataclass(frozen=True)
class ListQuery:
    """Everything that decides which leads the list shows, and in which order."""

    text: str = ""
    statuses: tuple[str, ...] = ()
    coordinator_id: int | None = None
    country: str | None = None
    source: str | None = None
    sort_key: str = "created"
    descending: bool = True

    def lead_filter(self) -> LeadFilter:
        return make_filter(self.text, statuses=self.statuses, coordinator_id=self.coordinator_id,
                           country=self.country, source=self.source)


@dataclass(frozen=True)
class Restriction:
    """A fixed set of leads the list is narrowed to (the leads behind a dashboard number)."""

    label: str
    ids: frozenset[int]


class LeadListModel(QAbstractTableModel):
    countChanged = Signal(int)  # rows shown after a query

    def __init__(self, db: Database, *, clock: Clock = utc_now, zone: tzinfo | None = None, query: ListQuery | None = None,
                 load: bool = True, parent=None) -> None:
        """`load=False` leaves the model empty until the first query (a view not shown yet)."""
        super().__init__(parent)
        self._db = db
        self._clock = clock
        self._zone = zone or local_zone()
        self._query = query or ListQuery()
        self._restriction: Restriction | None = None
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[_Row]] = OrderedDict()
        self._last_page_no: int | None = None
        self._last_page: list[_Row] = []
        self._id_cache: OrderedDict[tuple, list[int]] = OrderedDict()
        self._minute = self._current_minute()
        # Local times, waits and "due" read the clock: redrawn when the minute changes, in every
        # view of the model (the list's and the Pipeline's alike).
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)  # read when made (a test may shorten it)
        self._ticker.timeout.connect(self.tick)
        self._ticker.start()
        self.pages_fetched = 0  # for tests and measurements
        self.loaded = False
        if load:
            self.reload()

    # ------------------------------------------------------------------ query

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def restriction(self) -> Restriction | None:
        return self._restriction

    @property
    def db(self) -> Database:
        return self._db

    def set_query(self, query: ListQuery, *, ids: list[int] | None = None) -> None:
        """Show `query`. `ids` are its matches when already read (by `query_ids` off the UI thread)."""
        if ids is not None:
            self._remember_ids(_cache_key(query), ids)
        if query != self._query or not self.loaded:
            self._query = query
            self._requery()

    def cached_ids(self, query: ListQuery) -> list[int] | None:
        return self._id_cache.get(_cache_key(query))

    def set_search(self, text: str) -> None:
        self.set_query(_replace(self._query, text=text.strip()))

    def set_filters(self, *, statuses: Sequence[str] = (), coordinator_id: int | None = None,
                    country: str | None = None, source: str | None = None) -> None:
        self.set_query(_replace(self._query, statuses=tuple(statuses), coordinator_id=coordinator_id,
                                country=country or None, source=source or None))

    def set_state(self, query: ListQuery, restriction: Restriction | None) -> None:
        """Query and restriction at once (one SQL query)."""
        self._query, self._restriction = query, restriction
        self._requery()

    def set_restriction(self, restriction: Restriction | None) -> None:
        self._restriction = restriction
        self._requery()

    def set_sort(self, sort_key: str, descending: bool) -> None:
        self.set_query(_replace(self._query, sort_key=sort_key, descending=descending))

    def reload(self) -> None:
        """Data changed somewhere: forget cached ids and rows and query again."""
        self._id_cache.clear()
        self._requery()

    def refresh_leads(self, lead_ids: Sequence[int]) -> bool:
        """These leads changed (a call logged, a status moved, a field edited): show their new
        values. When the change cannot move them in or out of the list or change their place,
        only their rows are read again (one query for the few rows) and repainted; otherwise the
        list is queried again (`reload`). Returns True when it was a full reload."""
        wanted = list(dict.fromkeys(lead_ids))
        rows = {lead_id: self.row_of(lead_id) for lead_id in wanted}
        cached = {lead_id: self._cached_summary(row) for lead_id, row in rows.items() if row is not None}
        old = {lead_id: summary for lead_id, summary in cached.items() if summary is not None}
        if not wanted or len(old) < len(wanted):
            self.reload()  # a lead not in the list (new, or now matching), or one not read yet
            return True
        fresh = {s.id: s for s in summaries(self._db, wanted)}
        if any(lead_id not in fresh or self._may_move(old[lead_id], fresh[lead_id]) for lead_id in wanted):
            self.reload()
            return True
        # Other cached queries may now match differently; this one's ids still hold.
        key = _cache_key(self._query)
        kept = self._id_cache.get(key)
        self._id_cache.clear()
        if kept is not None:
            self._id_cache[key] = kept
        for lead_id, row in rows.items():
            assert row is not None
            page = self._pages[row // PAGE_SIZE]
            page[row % PAGE_SIZE] = _Row(fresh[lead_id])
            self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        return False

    def _cached_summary(self, row: int | None) -> LeadSummary | None:
        if row is None:
            return None
        page = self._pages.get(row // PAGE_SIZE)
        return page[row % PAGE_SIZE].summary if page is not None and row % PAGE_SIZE < len(page) else None

    def _may_move(self, before: LeadSummary, after: LeadSummary) -> bool:
        """Whether a lead changed in a way that can put it in or out of this list, or move it."""
        q = self._query
        if q.text:
            return True  # what a search matches is the database's to say
        watched = set(_SORT_FIELDS.get(q.sort_key, ("inquiry_at",)))
        if q.statuses:
            watched.add("status")
        if q.coordinator_id is not None:
            watched.add("coordinator")
        if q.country:
            watched.add("country")
        if q.source:
            watched.add("source")
        return any(getattr(before, name) != getattr(after, name) for name in watched)

    def _requery(self) -> None:
        self.loaded = True
        ids = self._matching_ids()
        self.beginResetModel()
        self._ids = ids
        self._forget_pages()
        self.endResetModel()
        self.countChanged.emit(len(ids))

    def _remember_ids(self, key: tuple, ids: list[int]) -> None:
        self._id_cache[key] = ids
        self._id_cache.move_to_end(key)
        while len(self._id_cache) > CACHED_QUERIES:
            self._id_cache.popitem(last=False)

    def _matching_ids(self) -> list[int]:
        key = _cache_key(self._query)
        ids = self._id_cache.get(key)
        if ids is None:
            ids = query_ids(self._db, self._query)
            self._remember_ids(key, ids)
        else:
            self._id_cache.move_to_end(key)
        if self._restriction is not None:
            allowed = self._restriction.ids
            ids = [i for i in ids if i in allowed]
        return ids

    def is_unfiltered(self) -> bool:
        """Every live lead is shown (then the row count is the total)."""
        q = self._query
        return self.loaded and self._restriction is None and not (q.text or q.statuses or q.coordinator_id or q.country or q.source)

    # ------------------------------------------------------------------ ids and rows

    def lead_ids(self) -> list[int]:
        return list(self._ids)

    def lead_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, lead_id: int) -> int | None:
        try:
            return self._ids.index(lead_id)
        except ValueError:
            return None

    def summary(self, row: int) -> LeadSummary | None:
        found = self._row(row)
        return found.summary if found else None

    def _row(self, row: int) -> _Row | None:
        if not 0 <= row < len(self._ids):
            return None
        page_no, offset = divmod(row, PAGE_SIZE)
        page: list[_Row] | None
        if page_no == self._last_page_no:  # painting asks for the same page hundreds of times in a row
            page = self._last_page
        else:
            page = self._pages.get(page_no)
            if page is None:
                page = self._fetch_page(page_no)
            else:
                self._pages.move_to_end(page_no)
            self._last_page_no, self._last_page = page_no, page
        return page[offset] if offset < len(page) else None

    def _fetch_page(self, page_no: int) -> list[_Row]:
        ids = self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]
        found = {s.id: s for s in summaries(self._db, ids)}
        # A lead deleted since the ids were read keeps its row as a placeholder until the next query.
        page = [_Row(found[i]) if i in found else _Row(_gone(i)) for i in ids]
        self._pages[page_no] = page
        self.pages_fetched += 1
        while len(self._pages) > CACHED_PAGES:
            dropped, _ = self._pages.popitem(last=False)
            if dropped == self._last_page_no:
                self._last_page_no, self._last_page = None, []
        return page

    def _forget_pages(self) -> None:
        self._pages.clear()
        self._last_page_no, self._last_page = None, []

    def cached_pages(self) -> list[int]:
        return list(self._pages)

    # ------------------------------------------------------------------ time

    def _current_minute(self) -> datetime:
        return self._clock().astimezone(UTC).replace(second=0, microsecond=0)

    def tick(self) -> None:
        """Called every TICK_MS: when the minute changes, local times and waits are redrawn."""
        minute = self._current_minute()
        if minute == self._minute:
            return
        self._minute = minute
        for page in self._pages.values():
            for row in page:
                row.cells.clear()
        if self._ids:
            for column in (COL_LOCAL_TIME, COL_WAITING, COL_FOLLOW_UP, COL_LAST_CONTACT):
                self.dataChanged.emit(self.index(0, column), self.index(len(self._ids) - 1, column))

    def _window(self, row: _Row) -> CallWindow:
        if row.window is None or row.window_minute != self._minute:
            s = row.summary
            row.window = call_window(phone_time_zones(s.phone_e164 or s.phone_raw, s.country), self._minute, s.timezone)
            row.window_minute = self._minute
        return row.window

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or section not in COLUMNS:
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("LeadListModel", column.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("LeadListModel", column.tooltip) + (
                "" if column.sort_key else translate("LeadListModel", " (not sortable: it depends on each phone)"))
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        if role in _UNSET_PAINT_ROLES or not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = index.column()
        cell = row.cells.get(column)
        if cell is None:
            cell = row.cells[column] = self._paint_roles(row, column)
        if role in cell:
            return cell[role]
        s = row.summary
        if role == LeadIdRole:
            return s.id
        if role == StatusRole:
            return s.status
        if role == RawValueRole:
            return self._raw(row, column)
        if role == UrgencyRole:
            level = self._urgency(s)
            return level.value if level else None
        if role == SummaryRole:
            return s
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        return None

    def _paint_roles(self, row: _Row, column: int) -> dict[int, object]:
        """Everything a paint of this cell asks for, computed once (until the minute changes)."""
        s = row.summary
        cell: dict[int, object] = {
            _DISPLAY: self._text(row, column),
            _FOREGROUND: self._foreground(row, column),
            _DECORATION: None,
            _BACKGROUND: None,
            _ALIGNMENT: _RIGHT_ALIGNED if column == COL_WAITING else None,
            _ACCESSIBLE: None,
        }
        if column == COL_STATUS:
            cell[_ACCESSIBLE] = f"Status: {cell[_DISPLAY]}"
        if column == COL_LOCAL_TIME:
            cell[_DECORATION] = theme.window_icon(self._window(row).window)
        elif column == COL_WAITING:
            colour = theme.urgency_background(self._urgency(s))
            cell[_BACKGROUND] = QBrush(colour) if colour else None
        return cell

    def _urgency(self, s: LeadSummary) -> Urgency | None:
        return urgency(waiting_time(s.status, s.first_contact_at, s.inquiry_at, self._minute))

    def _raw(self, row: _Row, column: int):
        s = row.summary
        return {
            COL_REFERENCE: s.reference,
            COL_NAME: s.name,
            COL_COUNTRY: s.country,
            COL_LOCAL_TIME: self._window(row).local,
            COL_STATUS: s.status,
            COL_COORDINATOR: s.coordinator,
            COL_FOLLOW_UP: s.next_follow_up,
            COL_LAST_CONTACT: s.last_contact_at,
            COL_RECEIVED: s.inquiry_at,
            COL_WAITING: waiting_time(s.status, s.first_contact_at, s.inquiry_at, self._minute),
        }.get(column)

    def _text(self, row: _Row, column: int) -> str:
        s = row.summary
        if column == COL_REFERENCE:
            return s.reference
        if column == COL_NAME:
            return s.name
        if column == COL_COUNTRY:
            return country_cell(s.country)
        if column == COL_LOCAL_TIME:
            return i18n.local_time_text(self._window(row).label)
        if column == COL_STATUS:
            return i18n.status_label(s.status) if s.status in _STATUS_VALUES else s.status
        if column == COL_COORDINATOR:
            return s.coordinator or ""
        if column == COL_FOLLOW_UP:
            return format_moment(s.next_follow_up, self._minute, self._zone, future=True)
        if column == COL_LAST_CONTACT:
            return format_moment(s.last_contact_at, self._minute, self._zone)
        if column == COL_RECEIVED:
            return format_moment(s.inquiry_at, self._minute, self._zone)
        if column == COL_WAITING:
            return i18n.duration_text(waiting_time(s.status, s.first_contact_at, s.inquiry_at, self._minute))
        return ""

    def _foreground(self, row: _Row, column: int):
        s = row.summary
        if column == COL_LOCAL_TIME:
            window = self._window(row)
            if window.window in (Window.ASLEEP, Window.UNKNOWN):
                return QBrush(QColor(theme.OUTSIDE_HOURS))
            return None
        if column == COL_WAITING:
            colour = theme.urgency_colour(self._urgency(s))
            return QBrush(colour) if colour else None
        if column == COL_FOLLOW_UP and s.next_follow_up is not None and s.next_follow_up < self._minute:
            return QBrush(QColor(theme.OVERDUE))
        if column == COL_STATUS and s.status in _STATUS_VALUES:
            return QBrush(theme.status_foreground(s.status))
        if s.status == Status.DUPLICATE.value and column == COL_NAME:
            return QBrush(QColor(theme.MUTED))
        return None

    def _tooltip(self, row: _Row, column: int) -> str | None:
        s = row.summary
        if column == COL_NAME:
            lines = [s.name]
            if s.latin_name:
                lines.append(s.latin_name)
            if s.phone_e164 or s.phone_raw:
                lines.append(s.phone_e164 or s.phone_raw or "")
            if s.email:
                lines.append(s.email)
            return "\n".join(lines)
        if column == COL_COUNTRY and s.country:
            return country_name(s.country)
        if column == COL_LOCAL_TIME:
            window = self._window(row)
            if window.window is Window.ASLEEP:
                return translate("LeadListModel", "{local}: outside 09:00–20:00; morning in {wait}").format(
                    local=i18n.local_time_text(window.label), wait=i18n.duration_text(timedelta(minutes=window.minutes_to_morning)))
            if window.window is Window.UNKNOWN:
                return translate("LeadListModel", "No time zone known: the phone is not valid and no zone is set on the lead")
            return i18n.local_time_text(window.label)
        if column in (COL_FOLLOW_UP, COL_LAST_CONTACT, COL_RECEIVED):
            value = self._raw(row, column)
            return i18n.weekday_date_text(value.astimezone(self._zone), year=True) + " " + i18n.time_text(
                value.astimezone(self._zone)) if value else None
        if column == COL_WAITING:
            level = self._urgency(s)
            if level is Urgency.RED:
                return translate("LeadListModel", "Waiting more than 24 hours for a first contact")
            if level is Urgency.AMBER:
                return translate("LeadListModel", "Waiting more than 2 hours for a first contact")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        spec = COLUMNS.get(column)
        if spec is None or spec.sort_key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if spec.reverse:
            descending = not descending
        self.set_sort(spec.sort_key, descending)

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The column and order the view should show for the current sort."""
        for number, spec in COLUMNS.items():
            if spec.sort_key == self._query.sort_key and not spec.reverse:
                descending = self._query.descending
                return number, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        return COL_RECEIVED, Qt.SortOrder.DescendingOrder

    # ------------------------------------------------------------------ drag

    def mimeTypes(self) -> list[str]:
        return [LEAD_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = sorted({self._ids[i.row()] for i in indexes if i.isValid() and i.row() < len(self._ids)})
        data = QMimeData()
        data.setData(LEAD_IDS_MIME, QByteArray(",".join(map(str, ids)).encode()))
        data.setText("\n".join(self.summary(self.row_of(i) or 0).reference for i in ids[:50]))  # type: ignore[union-attr]
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


#: The LeadSummary fields each sort key orders by (coordinator: by id in SQL, its name here).
_SORT_FIELDS: dict[str, tuple[str, ...]] = {
    "created": ("inquiry_at",),
    "reference": ("reference",),
    "name": ("name", "latin_name"),
    "country": ("country",),
    "status": ("status",),
    "coordinator": ("coordinator",),
    "next_follow_up": ("next_follow_up",),
    "last_contact": ("last_contact_at",),
}


def _cache_key(query: ListQuery) -> tuple:
    return (query.lead_filter(), query.sort_key, query.descending)


def query_ids(db: Database, query: ListQuery) -> list[int]:
    """The ids `query` matches, in its order. Safe on a worker thread (no Qt objects)."""
    return find_lead_ids(db, query.lead_filter(), sort=query.sort_key, descending=query.descending)


def lead_ids_from_mime(data: QMimeData) -> list[int]:
    if not data.hasFormat(LEAD_IDS_MIME):
        return []
    raw = bytes(data.data(LEAD_IDS_MIME).data()).decode()
    return [int(part) for part in raw.split(",") if part.strip().isdigit()]


_STATUS_VALUES = frozenset(s.value for s in Status)


def _replace(query: ListQuery, **changes) -> ListQuery:
    from dataclasses import replace

    return replace(query, **changes)


def _gone(lead_id: int) -> LeadSummary:
    """A row for a lead that vanished (erased or merged away) since the ids were read."""
    values: dict[str, Any] = {name: None for name in LeadSummary.__dataclass_fields__}
    values.update(id=lead_id, reference="—", name="(no longer in the database)", status=Status.DUPLICATE.value,
                  inquiry_at=datetime(1970, 1, 1, tzinfo=UTC))
    return LeadSummary(**values)


def country_cell(code: str | None) -> str:
    if not code:
        return ""
    return f"{flag_emoji(code)} {code}" if can_show_flags() else code


def format_moment(value: datetime | None, now: datetime, zone: tzinfo, *, future: bool = False) -> str:
    """'today 14:00', 'tomorrow 10:00', 'yesterday', 'Mon 30 Nov', '12 Mar 2025' in `zone`."""
    if value is None:
        return ""
    local = value.astimezone(zone)
    today = now.astimezone(zone).date()
    days = (local.date() - today).days
    clock = i18n.time_text(local)
    if days == 0:
        return translate("LeadListModel", "today {time}").format(time=clock)
    if days == 1:
        return translate("LeadListModel", "tomorrow {time}").format(time=clock)
    if days == -1:
        return translate("LeadListModel", "yesterday {time}").format(time=clock) if future else translate("LeadListModel", "yesterday")
    if future and days < 0:
        return translate("LeadListModel", "overdue {days} d").format(days=i18n.number(-days))
    if abs(days) < 7:
        return i18n.weekday_date_text(local)
    if local.year == today.year:
        return i18n.day_month_text(local)
    return i18n.date_text(local)
