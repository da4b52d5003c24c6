"""The lead list: one search box, quick filters and the table. `LeadListView` holds the layout;
`LeadListController` holds the behaviour (debounced search, filters, sort, selection kept by lead
id across refreshes, the saved column layout).

`StatusDelegate` (the coloured status pill) and `LazyComboBox` are shared with the Today and
Pipeline views.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.lead_change_set import ChangeKind, LeadChanges
from app.domain.pipeline import ALL_STATUSES, Status
from app.domain.speed_to_lead import OPEN_STATUSES
from app.ui import i18n, settings, theme
from app.ui.background_task import BackgroundTask
from app.ui.i18n import QT_TRANSLATE_NOOP, status_label, translate
from app.ui.lead_list_model import (
    COL_STATUS,
    COLUMNS,
    LeadIdRole,
    LeadListModel,
    Restriction,
    StatusRole,
    query_ids,
)
from app.ui.shortcuts import sequence

SEARCH_DEBOUNCE_MS = 60
TICK_MS = 15_000
RESTORE_SELECTION_LIMIT = 200

#: The status filter's special entries (data values).
OPEN_LEADS = "@open"


class StatusDelegate(QStyledItemDelegate):
    """Paints the status as a rounded pill in the pipeline's colour.

    A pill is drawn once per status, label, size and pixel ratio and kept as a pixmap: a repaint
    of the list then costs two data() calls and one drawPixmap per status cell."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        status = index.data(StatusRole)
        if status not in _STATUS_VALUES:
            super().paint(painter, option, index)
            return
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)  # background, selection
        rect = option.rect
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        font_key = option.font.key()
        if font_key not in _PILL_FONTS:
            _PILL_FONTS[font_key] = QFont(option.font)
        pill = _pill(status, index.data() or "", font_key, rect.width() - 8, rect.height(), ratio,
                     theme.scheme().name)  # the scheme: a dark desk draws its own pills
        painter.drawPixmap(rect.x() + 4, rect.y() + round((rect.height() - pill.height() / ratio) / 2), pill)
        if option.state & QStyle.StateFlag.State_HasFocus:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 20, size.height())


_PILL_FONTS: dict[str, QFont] = {}  # QFont.key() → the font (keys are hashable, fonts are not)


@lru_cache(maxsize=512)
def _pill(status: str, text: str, font_key: str, max_width: int, row_height: int, ratio: float,
          _scheme: str = "light") -> QPixmap:
    font = _PILL_FONTS[font_key]
    metrics = QFontMetrics(font)
    width = max(1, min(metrics.horizontalAdvance(text) + 18, max_width))
    height = max(1, min(metrics.height() + 4, row_height - 4))
    pixmap = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    rect = QRectF(0, 0, width, height)
    path = QPainterPath()
    path.addRoundedRect(rect, height / 2, height / 2)
    painter.fillPath(path, theme.status_background(status))
    painter.setPen(theme.status_foreground(status))
    inner = rect.adjusted(9, 0, -7, 0)
    painter.drawText(inner, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                     metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width()) + 2))
    painter.end()
    return pixmap


_STATUS_VALUES = frozenset(s.value for s in Status)


def compact(combo: QComboBox, characters: int = 9) -> None:
    """A filter combo of a modest width, narrower still (its text cut) when the list is squeezed
    beside an open lead; its list opens as wide as its longest item."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    combo.setMinimumWidth(combo.minimumSizeHint().width() * 2 // 3)
    combo.view().setMinimumWidth(260)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)


class LazyComboBox(QComboBox):
    """A filter combo whose items are loaded the first time it opens (keeps start-up fast).

    `loader()` returns (label, data) pairs shown after the fixed first item ("All …").
    """

    def __init__(self, all_label: str, loader: Callable[[], Sequence[tuple[str, object]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._loaded = False
        self._pinned: list[tuple[str, object]] = []
        self.addItem(all_label, None)
        compact(self)

    def pin(self, label: str, data: object) -> None:
        """A choice shown first after "All …", before the loaded ones ("My leads")."""
        self._pinned.append((label, data))
        self._loaded = False

    def ensure_loaded(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        current = self.currentData()
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for label, data in (*self._pinned, *self._loader()):
            self.addItem(label, data)
        index = self.findData(current) if current is not None else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def mark_stale(self) -> None:
        self._loaded = False

    def select_data(self, data: object) -> None:
        """Select the item with `data`, loading the items first."""
        self.ensure_loaded()
        index = self.findData(data) if data is not None else 0
        self.setCurrentIndex(max(index, 0))

    def showPopup(self) -> None:
        self.ensure_loaded()
        super().showPopup()


class LeadTableView(QTableView):
    """The table: whole-row selection, drag to a pipeline stage, Enter opens the lead."""

    openRequested = Signal(int)  # lead id
    contextRequested = Signal(QPoint)  # global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadTable")
        self.setAccessibleName("Leads")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSortingEnabled(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Always there: a search that leaves fewer rows than a screen does not hide it, so the
        # columns do not shift and the list is not laid out and painted a second time.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(lambda pos: self.contextRequested.emit(self.viewport().mapToGlobal(pos)))
        self.doubleClicked.connect(self._open_index)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setItemDelegateForColumn(COL_STATUS, StatusDelegate(self))

    def setModel(self, model) -> None:
        super().setModel(model)
        if model is not None:
            # Lay the rows out as soon as the model resets, not on Qt's delayed-layout timer: the
            # timer fires after the first paint and the list would be painted twice.
            model.modelReset.connect(self.executeDelayedItemsLayout)

    def apply_default_widths(self) -> None:
        for number, column in COLUMNS.items():
            self.setColumnWidth(number, column.width)
        self.horizontalHeader().setMinimumSectionSize(40)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open_index(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _open_index(self, index: QModelIndex) -> None:
        lead_id = index.data(LeadIdRole)
        if lead_id is not None:
            self.openRequested.emit(int(lead_id))

    def selected_lead_ids(self) -> list[int]:
        model = self.model()
        if model is None:
            return []
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        ids = [model.index(r, 0).data(LeadIdRole) for r in rows]
        return [int(i) for i in ids if i is not None]

    def current_lead_id(self) -> int | None:
        index = self.currentIndex()
        if index.isValid() and self.selectionModel().isRowSelected(index.row(), QModelIndex()):
            value = index.data(LeadIdRole)
            return int(value) if value is not None else None
        selected = self.selected_lead_ids()
        return selected[0] if selected else None


SEARCH_PLACEHOLDER = QT_TRANSLATE_NOOP("LeadListView", "Find a lead  (Ctrl+F)")
#: The placeholder when the search box is too narrow for all of it.
SHORT_PLACEHOLDER = QT_TRANSLATE_NOOP("LeadListView", "Find a lead")


class LeadListView(QWidget):
    """Layout only: the search box, the quick filters, the restriction chip, the count and the table."""

    def __init__(self, loaders: FilterLoaders, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadListView")
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setAccessibleName(translate("LeadListView", "Search the leads"))
        self.search.setPlaceholderText(translate("LeadListView", SEARCH_PLACEHOLDER))
        self.search.setToolTip(translate("LeadListView", "Type part of a name in any script (Иван, محمد, 王), a reference (L-2026-00042), "
                               "an email or some phone digits; the list filters as you type"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(translate("LeadListView", "All statuses"), None)
        self.status_filter.addItem(translate("LeadListView", "Open leads"), OPEN_LEADS)
        for status in ALL_STATUSES:
            self.status_filter.addItem(status_label(status), status.value)
        compact(self.status_filter)
        self.coordinator_filter = LazyComboBox(translate("LeadListView", "All coordinators"), loaders.coordinators)
        self.coordinator_filter.setObjectName("coordinatorFilter")
        self.country_filter = LazyComboBox(translate("LeadListView", "All countries"), loaders.countries)
        self.country_filter.setObjectName("countryFilter")
        self.source_filter = LazyComboBox(translate("LeadListView", "All sources"), loaders.sources)
        self.source_filter.setObjectName("sourceFilter")
        self.restriction_chip = QToolButton()
        self.restriction_chip.setObjectName("restrictionChip")
        self.restriction_chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.restriction_chip.setToolTip(
            translate("LeadListView", "The list is narrowed to the leads behind a dashboard number; click to show all"))
        self.restriction_chip.hide()
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setProperty("role", "muted")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # A fixed size: a new count then repaints the label alone. A label that may grow asks its
        # parents for a new layout, and the window paints the whole list a second time per keystroke.
        widest = self.count_label.fontMetrics().horizontalAdvance("8,888,888 of 8,888,888 leads")
        self.count_label.setFixedSize(widest + 8, self.count_label.sizeHint().height())
        self.table = LeadTableView()

        bar = QHBoxLayout()
        self._bar = bar
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(6)
        bar.addWidget(self.search, 3)
        for combo in (self.status_filter, self.coordinator_filter, self.country_filter, self.source_filter):
            bar.addWidget(combo)
        bar.addWidget(self.restriction_chip)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 0)
        column.setSpacing(6)
        column.addLayout(bar)
        column.addWidget(self.table, 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_count()
        self._fit_placeholder()

    def _fit_placeholder(self) -> None:
        room = self.search.width() - 36  # the frame, the padding and the clear button
        full = self.search.fontMetrics().horizontalAdvance(translate("LeadListView", SEARCH_PLACEHOLDER)) <= room
        self.search.setPlaceholderText(translate("LeadListView", SEARCH_PLACEHOLDER if full else SHORT_PLACEHOLDER))

    def _fit_count(self) -> None:
        """The count goes when the bar has no room for it beside full-width filters (the status bar
        counts the leads too), and comes back when there is."""
        room = self._bar.geometry().width() or self.width()
        own = self.count_label.width() + self._bar.spacing()
        others = self._bar.sizeHint().width() - (0 if self.count_label.isHidden() else own)
        self.count_label.setVisible(room >= others + own)


@dataclass(frozen=True)
class FilterLoaders:
    coordinators: Callable[[], Sequence[tuple[str, object]]]
    countries: Callable[[], Sequence[tuple[str, object]]]
    sources: Callable[[], Sequence[tuple[str, object]]]


def default_loaders(db) -> FilterLoaders:
    """Quick-filter choices read from the database (counts shown next to each)."""

    def coordinators():
        from app.domain.leads import list_coordinators
        from db.lead_queries import UNASSIGNED

        return [(translate("LeadListView", "Unassigned (the pool)"), UNASSIGNED), *((c.name, c.id) for c in list_coordinators(db))]

    def countries():
        from app.domain.dashboard_stats import NO_COUNTRY, country_counts
        from app.ui.i18n import country_name

        rows = [(code, n) for code, n in country_counts(db) if code != NO_COUNTRY]
        return [(f"{country_name(code)} ({code}) · {i18n.number(n)}", code) for code, n in sorted(rows, key=lambda r: country_name(r[0]))]

    def sources():
        from app.domain.dashboard_stats import NO_SOURCE, source_counts

        return [(f"{source} · {i18n.number(n)}", source) for source, n in source_counts(db) if source != NO_SOURCE]

    return FilterLoaders(coordinators, countries, sources)


class LeadListController(QObject):
    """Behaviour of a LeadListView over a LeadListModel."""

    openLead = Signal(int)
    contextMenuRequested = Signal(QPoint)
    searched = Signal(str)  # the search text whose results are now shown
    changesApplied = Signal(bool)  # after a change was shown: True when the list was queried again

    def __init__(self, view: LeadListView, model: LeadListModel, *, header_setting: settings.Setting | None = settings.LEAD_LIST_HEADER,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view, self.model = view, model
        self._header_setting = header_setting
        self._kept_ids: list[int] = []
        self._kept_current: int | None = None
        self._generation = 0
        self._searches: set[BackgroundTask] = set()
        table = view.table
        table.setModel(model)
        table.apply_default_widths()
        self._restore_header()
        self._show_sort_indicator()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_search)
        view.search.textChanged.connect(lambda _text: self._debounce.start())
        view.search.returnPressed.connect(self._search_return)
        view.search.installEventFilter(self)
        view.status_filter.currentIndexChanged.connect(self.apply_filters)
        for combo in (view.coordinator_filter, view.country_filter, view.source_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        view.restriction_chip.clicked.connect(lambda: self.set_restriction(None))

        header = table.horizontalHeader()
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        header.sectionResized.connect(lambda *_: self._save_header_soon())
        header.sectionMoved.connect(lambda *_: self._save_header_soon())
        table.openRequested.connect(self.openLead)
        table.contextRequested.connect(self.contextMenuRequested)
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        model.countChanged.connect(lambda _n: self.update_count())

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(500)
        self._save_timer.timeout.connect(self.save_header)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(model.tick)
        self._tick.start()
        self.total = 0
        self.update_count()

    # ------------------------------------------------------------------ search and filters

    def focus_search(self) -> None:
        self.view.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.view.search.selectAll()

    def apply_search(self, *, wait: bool = False) -> None:
        """Run the search box's query. The ids are read on a worker thread, so typing never waits
        for SQLite (a one- or two-letter term scans every lead); the newest query wins. `wait`
        reads them here instead (Enter and ↓ act on the rows at once)."""
        self._debounce.stop()
        query = replace(self.model.query, text=self.view.search.text().strip())
        if wait or query == self.model.query or self.model.cached_ids(query) is not None:
            self._generation += 1  # anything still running is stale now
            self.model.set_query(query)
            return
        self._generation += 1
        generation = self._generation
        db = self.model.db
        task = BackgroundTask(lambda _control: query_ids(db, query), self)
        task.finished.connect(lambda ids: self._search_done(generation, query, ids))
        task.failed.connect(self._search_failed)
        self._searches.add(task)
        task.finished.connect(lambda _ids: self._searches.discard(task))
        task.failed.connect(lambda _exc: self._searches.discard(task))
        task.start()

    def _search_done(self, generation: int, query, ids: list[int]) -> None:
        if generation != self._generation:
            return  # a newer keystroke (or filter) superseded this one
        if replace(self.model.query, text=query.text) != query:
            self.apply_search()  # a filter or the sort changed meanwhile: ask again
            return
        self.model.set_query(query, ids=ids)
        self.searched.emit(query.text)

    def _search_failed(self, exc: BaseException) -> None:
        raise exc  # the exception hook shows it once and logs it

    def searching(self) -> bool:
        return any(task.running for task in self._searches)

    def _search_return(self) -> None:
        self.apply_search(wait=True)
        if self.model.rowCount() > 0:
            table = self.view.table
            table.setFocus()
            table.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.search and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down:
                self.apply_search(wait=True)
                self.view.table.setFocus()
                if self.model.rowCount() and not self.view.table.selectionModel().hasSelection():
                    self.view.table.selectRow(0)
                return True
            if event.key() == Qt.Key.Key_Escape and self.view.search.text():
                self.view.search.clear()
                return True
        return super().eventFilter(watched, event)

    def _filters(self) -> dict:
        view = self.view
        status = view.status_filter.currentData()
        statuses: tuple[str, ...] = ()
        if status == OPEN_LEADS:
            statuses = OPEN_STATUSES
        elif status:
            statuses = (status,)
        return dict(
            statuses=statuses,
            coordinator_id=view.coordinator_filter.currentData(),
            country=view.country_filter.currentData() or None,
            source=view.source_filter.currentData() or None,
        )

    def apply_filters(self, *_args) -> None:
        self._generation += 1  # a search still running would bring back the old filters
        self.model.set_query(replace(self.model.query, text=self.view.search.text().strip(), **self._filters()))

    def show_filtered(self, *, text: str = "", status: str | None = None, country: str | None = None,
                      source: str | None = None, coordinator_id: int | None = None, restriction: Restriction | None = None) -> None:
        """Set the whole query at once (the dashboard's drill-down): one query, not one per widget."""
        view = self.view
        widgets = (view.search, view.status_filter, view.coordinator_filter, view.country_filter, view.source_filter)
        for widget in widgets:
            widget.blockSignals(True)
        view.search.setText(text)
        view.status_filter.setCurrentIndex(max(view.status_filter.findData(status), 0) if status else 0)
        view.coordinator_filter.select_data(coordinator_id)
        view.country_filter.select_data(country)
        view.source_filter.select_data(source)
        for widget in widgets:
            widget.blockSignals(False)
        self._debounce.stop()
        self._generation += 1
        self._restriction_chip(restriction)
        query = replace(self.model.query, text=text.strip(), **self._filters())
        self.model.set_state(query, restriction)  # one query, whatever changed

    def show_mine(self, coordinator_id: int) -> None:
        """Open on "My leads" (a coordinator's default): the coordinator filter on them."""
        combo = self.view.coordinator_filter
        combo.pin(translate("LeadListView", "My leads"), coordinator_id)
        combo.select_data(coordinator_id)  # its change applies the filter

    def set_restriction(self, restriction: Restriction | None) -> None:
        self._restriction_chip(restriction)
        self.model.set_restriction(restriction)

    def _restriction_chip(self, restriction: Restriction | None) -> None:
        chip = self.view.restriction_chip
        if restriction is None:
            chip.hide()
        else:
            chip.setText(f"{restriction.label}  ✕")
            chip.show()

    # ------------------------------------------------------------------ changes

    def subscribe(self, hub) -> None:
        """Follow the desk's changes (an app.ui.operations.DeskChanges)."""
        hub.changed.connect(self.apply_changes)

    def apply_changes(self, changes: LeadChanges) -> bool:
        """Show a change; the selection is kept. Changes to known leads that cannot move them in
        the list repaint only their rows; anything else queries the list again. Returns True when
        the list was queried again."""
        if changes.is_everything or changes.has(ChangeKind.CREATED, ChangeKind.MERGED, ChangeKind.ERASED) \
                or not changes.lead_ids:
            self.model.reload()  # a merge can move the survivor (its dates); new and erased rows come and go
            reloaded = True
        else:
            reloaded = self.model.refresh_leads(sorted(changes.lead_ids))
        self.refresh_choices()
        self.changesApplied.emit(reloaded)
        return reloaded

    # ------------------------------------------------------------------ assigning

    def enable_assigning(self, db, hub, *, actor_id: int | None = None, clock=None) -> QAction:
        """"Assign to…" (Ctrl+Shift+A on the list, and for its context menu): the selected leads to
        one person, announced on `hub`."""
        from app.domain.clock import utc_now

        self._assigning = (db, hub, actor_id, clock or utc_now)
        action = QAction(translate("LeadListView", "Assign to…"), self.view)
        action.setObjectName("assignLeads")
        action.setShortcut(sequence("assignLeads"))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: self.assign_selected())
        self.view.table.addAction(action)
        self.assign_action = action
        return action

    def assign_selected(self):
        """Open the Assign to… dialog for the selected leads (None when nothing is selected)."""
        from app.ui.assign_dialog import AssignDialog

        ids = self.selected_lead_ids()
        if not ids:
            return None
        db, hub, actor_id, clock = self._assigning
        dialog = AssignDialog(db, ids, hub, actor_id=actor_id, clock=clock, parent=self.view)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def refresh_choices(self) -> None:
        for combo in (self.view.coordinator_filter, self.view.country_filter, self.view.source_filter):
            combo.mark_stale()

    def update_count(self, total: int | None = None) -> None:
        if total is not None:
            self.total = total
        shown = self.model.rowCount()
        text = translate("LeadListView", "%Ln lead(s)", None, shown)
        if self.total and shown != self.total:
            text = translate("LeadListView", "{shown} of %Ln lead(s)", None, self.total).format(shown=i18n.number(shown))
        self.view.count_label.setText(text)

    # ------------------------------------------------------------------ sort and header

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        spec = COLUMNS.get(column)
        if spec is None or spec.sort_key is None:
            self._show_sort_indicator()  # not sortable: keep showing the real order
            return
        self.model.sort(column, order)
        self._save_header_soon()

    def _show_sort_indicator(self) -> None:
        column, order = self.model.sort_column()
        header = self.view.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _restore_header(self) -> None:
        if self._header_setting is None:
            return
        state = settings.read(self._header_setting)
        header = self.view.table.horizontalHeader()
        if not state.isEmpty() and header.restoreState(state):
            column = header.sortIndicatorSection()
            spec = COLUMNS.get(column)
            if spec is not None and spec.sort_key is not None:
                self.model.sort(column, header.sortIndicatorOrder())

    def _save_header_soon(self) -> None:
        self._save_timer.start()

    def save_header(self) -> None:
        if self._header_setting is not None:
            settings.write(self._header_setting, self.view.table.horizontalHeader().saveState())

    # ------------------------------------------------------------------ selection kept by lead id

    def selected_lead_ids(self) -> list[int]:
        return self.view.table.selected_lead_ids()

    def current_lead_id(self) -> int | None:
        return self.view.table.current_lead_id()

    def _remember_selection(self) -> None:
        table = self.view.table
        self._kept_ids = table.selected_lead_ids()[:RESTORE_SELECTION_LIMIT]
        current = table.currentIndex()
        self._kept_current = current.data(LeadIdRole) if current.isValid() else None

    def _restore_selection(self) -> None:
        ids, current = self._kept_ids, self._kept_current
        self._kept_ids, self._kept_current = [], None
        if not ids and current is None:
            return
        self.select_leads(ids, current=current, scroll=False)

    def select_leads(self, ids: Sequence[int], *, current: int | None = None, scroll: bool = True) -> bool:
        table, model = self.view.table, self.model
        selection = QItemSelection()
        last_column = model.columnCount() - 1
        for lead_id in ids:
            row = model.row_of(lead_id)
            if row is not None:
                selection.select(model.index(row, 0), model.index(row, last_column))
        selection_model = table.selectionModel()
        target = current if current is not None else (ids[0] if ids else None)
        row = model.row_of(target) if target is not None else None
        if row is not None:
            selection_model.setCurrentIndex(model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
            if scroll:
                table.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return not selection.isEmpty()

    def select_lead(self, lead_id: int) -> bool:
        return self.select_leads([lead_id], current=lead_id)
