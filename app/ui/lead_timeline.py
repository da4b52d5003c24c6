"""A lead's history as a timeline: calls, inquiries, notes, packets, status changes and field
edits, newest first (entries come from app.domain.lead_history).

Every text is drawn as plain text — a note saying "<b>urgent</b> & more" shows exactly that.
A long note is shown as its first lines in the list; selecting an entry shows all of it in the
reading pane below, so scrolling stays smooth with notes of any length.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QPlainTextEdit,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.lead_history import HistoryEntry
from app.domain.pipeline import STATUS_INFO, Status
from app.ui import i18n, theme
from app.ui.i18n import translate
from app.ui.lead_form import text_direction

__all__ = ["ENTRY_ROLE", "LeadTimeline", "TimelineDelegate", "TimelineModel", "entry_colour", "entry_symbol"]

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
#: A note longer than this shows its start in the list and all of it in the reading pane.
PREVIEW_CHARS = 400
PREVIEW_LINES = 5

_SYMBOLS = {
    "call": "☎", "inquiry": "✉", "email": "✉", "message": "✎", "meeting": "◉",
    "note": "✎", "packet": "▤", "status": "⇄", "edit": "✎",
}  # fmt: skip
_CATEGORY_COLOURS = {
    "call": "#2a7ab0", "inquiry": "#1f77b4", "email": "#3a86a8", "message": "#3a86a8",
    "meeting": "#6a4c93", "note": "#7a6a55", "packet": "#8e44ad", "edit": "#8a96a3",
}  # fmt: skip
_OUTCOME_COLOURS = {
    "reached": theme.GREEN, "voicemail": theme.AMBER, "no_answer": theme.AMBER, "busy": theme.AMBER,
    "wrong_number": theme.RED, "call_back_requested": "#2a7ab0", "not_interested": "#757575",
}  # fmt: skip


def entry_colour(entry: HistoryEntry) -> str:
    if entry.category == "status" and entry.key is not None:
        try:
            return STATUS_INFO[Status(entry.key)].colour
        except ValueError:
            return theme.MUTED
    if entry.category == "call" and entry.key in _OUTCOME_COLOURS:
        return _OUTCOME_COLOURS[entry.key]
    return _CATEGORY_COLOURS.get(entry.category, theme.MUTED)


def entry_symbol(entry: HistoryEntry) -> str:
    return _SYMBOLS.get(entry.category, "•")


def format_when(moment: datetime, now: datetime | None = None) -> str:
    """'Mon 23 Nov, 14:07' this year, '23 Nov 2025, 14:07' before, in the coordinator's time zone."""
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone()
    this_year = (now or datetime.now(UTC)).astimezone().year
    return local.strftime("%a %d %b, %H:%M" if local.year == this_year else "%d %b %Y, %H:%M")


def preview(body: str | None) -> str:
    """The start of `body` for the list: a few lines, and how much more there is."""
    if not body:
        return ""
    lines = body.splitlines()
    shown = "\n".join(lines[:PREVIEW_LINES])
    if len(shown) > PREVIEW_CHARS:
        shown = shown[:PREVIEW_CHARS].rstrip()
    hidden = len(body) - len(shown)
    if hidden > 0 and shown != body:
        shown += f" … (+{hidden:,} characters: select to read all)"
    return shown


def _body_layout(body: str, font: QFont, width: int) -> tuple[QTextLayout, float]:
    """`body` laid out as plain text in `width`: wrapped at words (or anywhere, for a long hash or
    link), each paragraph in its own direction (an Arabic note starts at the right)."""
    layout = QTextLayout(body.replace("\n", "\u2028"), font)
    option = QTextOption(Qt.AlignmentFlag.AlignLeft)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    option.setTextDirection(text_direction(body))
    layout.setTextOption(option)
    height = 0.0
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    return layout, height


class TimelineModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []
        self._previews: list[str] = []
        self.now: datetime | None = None  # for dates shown relative to the current year

    def set_entries(self, entries: Sequence[HistoryEntry], now: datetime | None = None) -> None:
        self.beginResetModel()
        self.now = now
        self._entries = list(entries)
        self._previews = [preview(e.body) for e in self._entries]
        self.endResetModel()

    def entry(self, row: int) -> HistoryEntry:
        return self._entries[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.title}. {entry.facts}. {format_when(entry.when, self.now)}"
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.UserRole:
            return self._previews[index.row()]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class TimelineDelegate(QStyledItemDelegate):
    """Draws one entry: a coloured marker, the title and time, a line of facts, the note's start."""

    MARGIN = 10
    MARKER = 26
    GAP = 3

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() * 0.9, 7.0))
        return title, small, base

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        width = self._view.viewport().width() if self._view is not None else option.rect.width()
        return max(width - self.MARKER - 3 * self.MARGIN, 80)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        body = index.data(Qt.ItemDataRole.UserRole) or ""
        title_font, small_font, body_font = self._fonts(option)
        width = self._text_width(option)
        height = self.MARGIN + QFontMetrics(title_font).height() + self.GAP + QFontMetrics(small_font).height()
        if body:
            height += self.GAP + int(_body_layout(body, body_font, width)[1]) + 1
        return QSize(width, height + self.MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        entry: HistoryEntry = index.data(ENTRY_ROLE)
        body = index.data(Qt.ItemDataRole.UserRole) or ""
        title_font, small_font, body_font = self._fonts(option)
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight).lighter(170))
        colour = QColor(entry_colour(entry))
        # the timeline's spine and the marker
        spine_x = rect.left() + self.MARGIN + self.MARKER // 2
        painter.setPen(QPen(QColor(theme.BORDER), 2))
        painter.drawLine(spine_x, rect.top(), spine_x, rect.bottom())
        marker = QRect(rect.left() + self.MARGIN, rect.top() + self.MARGIN, self.MARKER, self.MARKER)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(marker)
        painter.setPen(QColor("white"))
        painter.setFont(title_font)
        painter.drawText(marker, Qt.AlignmentFlag.AlignCenter, entry_symbol(entry))

        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = QColor(theme.MUTED)
        left = marker.right() + self.MARGIN
        width = self._text_width(option)
        y = rect.top() + self.MARGIN
        title_metrics = QFontMetrics(title_font)
        small_metrics = QFontMetrics(small_font)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        painter.drawText(QRect(left, y, width, title_metrics.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         title_metrics.elidedText(entry.title, Qt.TextElideMode.ElideRight, width))
        y += title_metrics.height() + self.GAP
        when = format_when(entry.when, cast(TimelineModel, index.model()).now)
        when_width = small_metrics.horizontalAdvance(when)
        painter.setFont(small_font)
        painter.setPen(muted)
        painter.drawText(QRect(left, y, width, small_metrics.height()), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, when)
        facts = " · ".join(part for part in (entry.facts,
            translate("LeadTimeline", "by {name}").format(name=entry.who) if entry.who else "") if part)
        painter.setPen(theme.readable(colour, palette.color(QPalette.ColorRole.Base)) if entry.category in ("call", "status") else muted)
        painter.drawText(QRect(left, y, width, small_metrics.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         small_metrics.elidedText(facts, Qt.TextElideMode.ElideRight, max(width - when_width - self.MARGIN, 40)))
        y += small_metrics.height() + self.GAP
        if body:
            painter.setPen(text_colour)
            layout, _height = _body_layout(body, body_font, width)
            layout.draw(painter, QPointF(left, y))
        painter.setPen(QPen(QColor(theme.ALT_BASE).darker(104), 1))
        painter.drawLine(left, rect.bottom(), rect.right() - self.MARGIN, rect.bottom())
        painter.restore()


class LeadTimeline(QWidget):
    """The list of entries and, below it, the selected entry in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(translate("LeadTimeline", "History"))
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.model = TimelineModel(self)
        self.view = QListView()
        self.view.setObjectName("timeline")
        self.view.setAccessibleName("History")
        self.view.setModel(self.model)
        self.view.setItemDelegate(TimelineDelegate(self.view))
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.verticalScrollBar().setSingleStep(16)
        self.reader = QPlainTextEdit()
        self.reader.setObjectName("timelineReader")
        self.reader.setAccessibleName("The history entry in full")
        self.reader.setReadOnly(True)
        self.reader.setPlaceholderText(translate("LeadTimeline", "Select an entry to read it in full."))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.reader)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(splitter, 1)
        self.view.selectionModel().currentChanged.connect(self._show_current)

    def set_entries(self, entries: Sequence[HistoryEntry], now: datetime | None = None) -> None:
        self.model.set_entries(entries, now)
        self.heading.setText(translate("LeadTimeline", "History ({count})").format(count=i18n.number(len(entries))))
        self.reader.clear()

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.reader.clear()
            return
        entry = self.model.entry(current.row())
        facts = (format_when(entry.when, self.model.now), entry.facts,
            translate("LeadTimeline", "by {name}").format(name=entry.who) if entry.who else "")
        lines = [entry.title, " · ".join(p for p in facts if p)]
        if entry.body:
            lines += ["", entry.body]
        self.reader.setPlainText("\n".join(lines))
