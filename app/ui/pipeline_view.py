"""The Pipeline view: every stage as a tile with its count and a bar, and the leads of the chosen
stage below (the same lazy list model as the lead list, soonest follow-up first).

Moving leads: drag rows onto a stage tile, or select them and press Ctrl+Right (next stage; the
main window's Lead menu), or use "Move to…" in the context menu. The pipeline decides; a refused
move shows its message (app.ui.status_moves). Alt+Left / Alt+Right switch the stage shown.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QPainter, QPen
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.domain.figure_names import WAITING_FIRST_CONTACT, WAITING_FIRST_CONTACT_MEANS
from app.domain.pipeline import EXITS, MAIN_PATH, STATUS_INFO, Status
from app.ui import i18n, settings, theme
from app.ui.i18n import domain_word, translate
from app.ui.lead_list_model import COL_STATUS, COLUMNS, LeadListModel, lead_ids_from_mime
from app.ui.lead_list_view import LeadTableView
from app.ui.operations import RefreshesOnAnyChange
from app.ui.shortcuts import sequence

STAGES: tuple[Status, ...] = MAIN_PATH + EXITS
#: A tile's least width (an exit's: "Unreachable" on one line); the tiles wrap onto another row
#: rather than be squeezed below it.
TILE_WIDTH = 88
EXIT_WIDTH = 112


class StageTile(QFrame):
    """One stage: name, count, a bar proportional to the busiest stage. A drop target for leads."""

    clicked = Signal(str)
    dropped = Signal(str, list)  # status, lead ids

    def __init__(self, status: Status, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setObjectName(f"stage_{status.value}")
        self.setAcceptDrops(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(TILE_WIDTH, 92)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.count = 0
        self.share = 0.0
        self.selected = False
        self.hovered_by_drag = False
        info = STATUS_INFO[status]
        self.setToolTip(translate("PipelineView", "{status}: click to list its leads; drop leads here to move them").format(
                        status=domain_word(info.label))
                        + (translate("PipelineView", " (a reason is asked)") if info.reason_required else ""))

    def set_count(self, count: int, busiest: int) -> None:
        self.count = count
        self.share = count / busiest if busiest else 0.0
        self.update()

    def set_selected(self, selected: bool) -> None:
        self.selected = selected
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        colour = theme.status_colour(self.status)
        background = theme.status_background(self.status) if (self.selected or self.hovered_by_drag) else QColor(theme.BASE)
        painter.setBrush(background)
        painter.setPen(QPen(colour if (self.selected or self.hovered_by_drag) else QColor(theme.BORDER), 2 if self.selected else 1))
        painter.drawRoundedRect(rect, 7, 7)
        inner = rect.adjusted(9, 6, -9, -8)
        font = self.font()
        small = font.pointSizeF() * 0.92
        font.setPointSizeF(small)
        painter.setFont(font)
        painter.setPen(theme.status_foreground(self.status))
        metrics = painter.fontMetrics()
        label_box = QRectF(inner.x(), inner.y(), inner.width(), metrics.height() * 2)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        label = domain_word(STATUS_INFO[self.status].label)
        # Two lines of the base font; a script whose lines are taller (Arabic) is set smaller until
        # its two lines fit, rather than losing the second one.
        while painter.boundingRect(label_box, flags, label).height() > label_box.height() and font.pointSizeF() > small * 0.7:
            font.setPointSizeF(font.pointSizeF() - 0.5)
            painter.setFont(font)
        painter.drawText(label_box, flags, label)
        big = self.font()
        big.setPointSizeF(self.font().pointSizeF() * 1.55)
        big.setBold(True)
        painter.setFont(big)
        painter.setPen(QColor(theme.TEXT))
        count_top = inner.y() + metrics.height() * 2 + 1
        painter.drawText(QRectF(inner.x(), count_top, inner.width(), painter.fontMetrics().height()),
                         int(Qt.AlignmentFlag.AlignLeft), i18n.number(self.count))
        bar = QRectF(inner.x(), inner.bottom() - 5, inner.width(), 5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.TRACK))
        painter.drawRoundedRect(bar, 2.5, 2.5)
        if self.share > 0:
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(bar.x(), bar.y(), max(bar.width() * self.share, 5), bar.height()), 2.5, 2.5)
        painter.end()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.status.value)
        super().mouseReleaseEvent(event)

    def dragEnterEvent(self, event) -> None:
        if lead_ids_from_mime(event.mimeData()):
            event.acceptProposedAction()
            self.hovered_by_drag = True
            self.update()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self.hovered_by_drag = False
        self.update()
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:
        self.hovered_by_drag = False
        self.update()
        ids = lead_ids_from_mime(event.mimeData())
        if ids:
            event.acceptProposedAction()
            self.dropped.emit(self.status.value, ids)


class PipelineView(QWidget):
    """Layout: the title, the stage tiles (main path, then exits) and the stage's lead table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipelineView")
        self.title = QLabel(translate("PipelineView", "Pipeline"))
        self.title.setProperty("role", "title")
        self.total = QLabel()
        self.total.setProperty("role", "muted")
        self.hint = QLabel(translate("PipelineView", "Drag leads onto a stage, or select them and press Ctrl+→ for the next stage; "
                           "Ctrl+Z undoes the last move. Alt+←/→ shows the previous/next stage."))
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.tiles: dict[str, StageTile] = {s.value: StageTile(s) for s in STAGES}
        self.stage_title = QLabel()
        self.stage_title.setProperty("role", "section")
        self.table = LeadTableView()
        self.table.setObjectName("pipelineTable")
        self.table.setAccessibleName("Leads at this stage")

        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addSpacing(12)
        header.addWidget(self.total, 1)
        # The tiles wrap onto more rows when the view is narrow (the lead panel open): every stage
        # stays in view, none cut at the edge and none scrolled away.
        strip = QWidget()
        strip.setObjectName("stageStrip")
        strip_layout = QVBoxLayout(strip)
        strip_layout.setContentsMargins(0, 0, 0, 0)
        strip_layout.setSpacing(8)
        self.main_grid = QGridLayout()
        self.main_grid.setSpacing(6)
        self._columns = 0
        self.exits_grid = QGridLayout()
        self.exits_grid.setSpacing(6)
        self.exits_label = QLabel(translate("PipelineView", "Left the pipeline:"))
        self.exits_label.setProperty("role", "muted")
        self.exits_grid.addWidget(self.exits_label, 0, 0)
        for status in EXITS:
            tile = self.tiles[status.value]
            tile.setMinimumWidth(EXIT_WIDTH)  # "Unreachable" on one line
            tile.setMaximumWidth(170)
        self._exit_columns = 0
        strip_layout.addLayout(self.main_grid)
        strip_layout.addLayout(self.exits_grid)
        strip.setMinimumWidth(TILE_WIDTH)  # not the width of one long row: the tiles reflow to the width given
        self.strip = strip
        self._reflow(len(MAIN_PATH), len(EXITS))

        column = QVBoxLayout(self)
        column.setContentsMargins(12, 10, 12, 0)
        column.setSpacing(8)
        column.addLayout(header)
        column.addWidget(self.hint)
        column.addWidget(self.strip)
        column.addWidget(self.stage_title)
        column.addWidget(self.table, 1)

        self.previous_stage_action = QAction(translate("PipelineView", "Previous stage"), self)
        self.previous_stage_action.setObjectName("pipelinePreviousStage")
        self.previous_stage_action.setShortcut(sequence("pipelinePreviousStage"))
        self.next_stage_action = QAction(translate("PipelineView", "Next stage"), self)
        self.next_stage_action.setObjectName("pipelineNextStage")
        self.next_stage_action.setShortcut(sequence("pipelineNextStage"))
        for action in (self.previous_stage_action, self.next_stage_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        spacing = self.main_grid.spacing()
        room = self.strip.width() + spacing
        beside_label = room - self.exits_label.sizeHint().width() - spacing
        self._reflow(room // (TILE_WIDTH + spacing), beside_label // (EXIT_WIDTH + spacing))

    def _reflow(self, columns: int, exit_columns: int) -> None:
        """The main path's tiles in rows of `columns`, the exits in rows of `exit_columns` beside
        their label (each at least one, at most all of them)."""
        columns = max(1, min(columns, len(MAIN_PATH)))
        exit_columns = max(1, min(exit_columns, len(EXITS)))
        if columns != self._columns:
            self._columns = columns
            _regrid(self.main_grid, [self.tiles[s.value] for s in MAIN_PATH], columns, first_column=0, stretch=1)
        if exit_columns != self._exit_columns:
            self._exit_columns = exit_columns
            _regrid(self.exits_grid, [self.tiles[s.value] for s in EXITS], exit_columns, first_column=1, stretch=0)
            self.exits_grid.setColumnStretch(len(EXITS) + 1, 1)  # the exits keep to the left


def _regrid(grid: QGridLayout, tiles: list[StageTile], columns: int, *, first_column: int, stretch: int) -> None:
    """Put `tiles` in `grid` in rows of `columns`, from `first_column` on."""
    for tile in tiles:
        grid.removeWidget(tile)
    for place, tile in enumerate(tiles):
        grid.addWidget(tile, place // columns, first_column + place % columns)
    for column in range(len(tiles)):
        grid.setColumnStretch(first_column + column, stretch if column < columns else 0)


class PipelineController(RefreshesOnAnyChange, QObject):
    openLead = Signal(int)
    moveRequested = Signal(list, str)  # lead ids, target status
    contextMenuRequested = Signal(QPoint)

    view: PipelineView

    def __init__(self, view: PipelineView, model: LeadListModel, counts_loader, parent: QObject | None = None, *,
                 waiting_loader=None) -> None:
        super().__init__(parent)
        self.view, self.model = view, model
        self._counts_loader = counts_loader
        #: How many leads wait for a first contact (the New tile's tooltip says it, in the words Today and the Dashboard use).
        self._waiting_loader = waiting_loader
        self.counts: dict[str, int] = {}
        self.stage = Status.NEW.value
        table = view.table
        table.setModel(model)
        table.apply_default_widths()
        header_state = settings.read(settings.PIPELINE_LIST_HEADER)
        if not header_state.isEmpty():
            table.horizontalHeader().restoreState(header_state)
        else:
            table.setColumnHidden(COL_STATUS, True)  # every row has the stage's status
        table.setSortingEnabled(False)  # the stage is listed soonest follow-up first
        table.horizontalHeader().sectionResized.connect(
            lambda *_: settings.write(settings.PIPELINE_LIST_HEADER, table.horizontalHeader().saveState()))
        table.openRequested.connect(self.openLead)
        table.contextRequested.connect(self.contextMenuRequested)
        for tile in view.tiles.values():
            tile.clicked.connect(self.show_stage)
            tile.dropped.connect(lambda status, ids: self.moveRequested.emit(ids, status))
        view.previous_stage_action.triggered.connect(lambda: self._step_stage(-1))
        view.next_stage_action.triggered.connect(lambda: self._step_stage(1))
        self.loaded = False  # counts and leads are read when the view is first shown (refresh)

    def show_stage(self, status: str) -> None:
        self.stage = Status(status).value
        self.loaded = True
        self.model.set_query(_stage_query(self.model, self.stage))
        self._mark_selected()

    def _step_stage(self, step: int) -> None:
        values = [s.value for s in STAGES]
        index = (values.index(self.stage) + step) % len(values)
        self.show_stage(values[index])

    def _mark_selected(self) -> None:
        for value, tile in self.view.tiles.items():
            tile.set_selected(value == self.stage)
        info = STATUS_INFO[Status(self.stage)]
        shown = self.model.rowCount()
        self.view.stage_title.setText(translate("PipelineView", "{status}: %Ln lead(s), soonest follow-up first", None, shown)
                                      .format(status=domain_word(info.label)))

    def refresh_counts(self) -> None:
        self.counts = dict(self._counts_loader())
        busiest = max(self.counts.values(), default=0)
        for value, tile in self.view.tiles.items():
            tile.set_count(self.counts.get(value, 0), busiest)
        total = sum(self.counts.values())
        self.view.total.setText(translate("PipelineView", "%Ln lead(s)", None, total))
        if self._waiting_loader is not None:
            new_tile = self.view.tiles[Status.NEW.value]
            in_new, waiting = self.counts.get(Status.NEW.value, 0), self._waiting_loader()
            new_tile.setToolTip(  # app.domain.figure_names.new_stage_tooltip, in the desk's language
                translate("PipelineView", "New: %Ln lead(s) in status New", None, in_new) + "; "
                + translate("PipelineView", "{count} of them {waiting} ({means}), {contacted} contacted but not moved on").format(
                    count=i18n.number(waiting), waiting=domain_word(WAITING_FIRST_CONTACT).lower(),
                    means=domain_word(WAITING_FIRST_CONTACT_MEANS), contacted=i18n.number(max(in_new - waiting, 0))))

    def refresh(self) -> None:
        self.refresh_counts()
        if not self.loaded:
            self.loaded = True
            self.model.set_query(_stage_query(self.model, self.stage))
        else:
            self.model.reload()
        self._mark_selected()

    def selected_lead_ids(self) -> list[int]:
        return self.view.table.selected_lead_ids()


def _stage_query(model: LeadListModel, status: str):
    from dataclasses import replace

    return replace(model.query, text="", statuses=(status,), coordinator_id=None, country=None, source=None,
                   sort_key="next_follow_up", descending=False)


__all__ = ["COLUMNS", "STAGES", "PipelineController", "PipelineView", "StageTile"]
