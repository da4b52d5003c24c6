"""The manager's dashboard: speed-to-lead numbers and four charts (QtCharts). Every number and every
bar opens the leads behind it in the list (`drillDown`). The numbers come from
app.domain.dashboard_stats (SQL aggregates), loaded off the UI thread."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QAbstractTableModel, QMargins, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import dashboard_stats as stats
from app.domain.clock import Clock, utc_now
from app.domain.figure_names import SCOPE_EVERYONE, WAITING_FIRST_CONTACT, WAITING_FIRST_CONTACT_MEANS
from app.domain.pipeline import STATUS_INFO, Status
from app.domain.speed_to_lead import AMBER_AFTER
from app.ui import i18n, theme
from app.ui.background_task import BackgroundTask
from app.ui.desk_person import DeskPerson
from app.ui.i18n import QT_TRANSLATE_NOOP, country_name, domain_word, translate
from app.ui.operations import RefreshesOnAnyChange
from db.engine import Database

TOP_COUNTRIES = 10


@dataclass(frozen=True)
class DrillDown:
    """The leads behind a number: a list filter, plus a fixed set of ids where a filter cannot say it."""

    label: str
    status: str | None = None
    country: str | None = None
    source: str | None = None
    ids: frozenset[int] | None = None
    today: bool = False  # open the Today view instead of the list


class KpiCard(QFrame):
    """A number with a caption; clickable when it has leads behind it."""

    clicked = Signal()

    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("role", "card")
        self.value = QLabel("—")
        self.value.setObjectName(f"{name}Value")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        self.caption.setProperty("role", "muted")
        self.caption.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setProperty("role", "muted")
        self.detail.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 10)
        column.setSpacing(2)
        column.addWidget(self.caption)
        column.addWidget(self.value)
        column.addWidget(self.detail)
        column.addStretch(1)
        self.clickable = False

    def set_clickable(self, clickable: bool, tooltip: str = "") -> None:
        self.clickable = clickable
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)
        self.setToolTip(tooltip)

    def mouseReleaseEvent(self, event) -> None:
        if self.clickable and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


#: Category labels up to this long are shown whole, on one line (a second line would not fit the
#: bar's height and the chart would hide the label): every lost reason, stage and most countries.
LABEL_CHARS = 30


def _short(label: str) -> str:
    """Category labels are never cut by the chart: long ones are shortened here (full text in the list)."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setPointSizeF(11)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setTitleBrush(QColor(theme.TEXT))
    chart.setBackgroundRoundness(8)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


COL_NAME, COL_OPEN, COL_WAITING, COL_MEDIAN, COL_ON_TIME, COL_CONVERSION = range(6)
_TEAM_TITLES = {
    COL_NAME: QT_TRANSLATE_NOOP("DashboardView", "Coordinator"),
    COL_OPEN: QT_TRANSLATE_NOOP("DashboardView", "Open leads"),
    COL_WAITING: QT_TRANSLATE_NOOP("DashboardView", "Waiting for first contact"),
    COL_MEDIAN: QT_TRANSLATE_NOOP("DashboardView", "Median time to first contact"),
    COL_ON_TIME: QT_TRANSLATE_NOOP("DashboardView", "Follow-ups on time"),
    COL_CONVERSION: QT_TRANSLATE_NOOP("DashboardView", "Conversion (to booked)"),
}
_TEAM_TIPS = {
    COL_OPEN: QT_TRANSLATE_NOOP("DashboardView", "Leads assigned to them in an open status (not lost, not completed)"),
    COL_WAITING: QT_TRANSLATE_NOOP("DashboardView", "New leads nobody has contacted yet, however old"),
    COL_MEDIAN: QT_TRANSLATE_NOOP("DashboardView", "Inquiries of the last 30 days: from the inquiry to the first call, email or message"),
    COL_ON_TIME: QT_TRANSLATE_NOOP("DashboardView", "Follow-ups due in the last 30 days done on time: a contact logged after the follow-up "
                 "was set and before its day ended (your time zone)"),
    COL_CONVERSION: QT_TRANSLATE_NOOP("DashboardView", "Of the leads whose inquiry arrived in the last 30 days, how many reached Booked"),
}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _share(share: float | None, part: int, whole: int) -> str:
    if share is None:
        return "—"
    return translate("DashboardView", "{share}  ({part} of {whole})").format(
        share=i18n.percent(share), part=i18n.number(part), whole=i18n.number(whole))


class CoordinatorTableModel(QAbstractTableModel):
    """The per-coordinator table: plain rows (app.domain.dashboard_stats.CoordinatorRow)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[stats.CoordinatorRow, ...] = ()

    def set_rows(self, rows: tuple[stats.CoordinatorRow, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> tuple[stats.CoordinatorRow, ...]:
        return self._rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_TEAM_TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("DashboardView", _TEAM_TITLES[section]) if section in _TEAM_TITLES else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("DashboardView", _TEAM_TIPS[section]) if section in _TEAM_TIPS else None
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != COL_NAME:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_WAITING and row.waiting:
            return QColor(theme.RED)
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("DashboardView", _TEAM_TIPS[column]) if column in _TEAM_TIPS else None
        return None

    @staticmethod
    def _text(row: stats.CoordinatorRow, column: int) -> str | None:
        if column == COL_NAME:
            return row.name
        if column == COL_OPEN:
            return i18n.number(row.open_leads)
        if column == COL_WAITING:
            return i18n.number(row.waiting)
        if column == COL_MEDIAN:
            return i18n.duration_text(row.median_first_contact) if row.median_first_contact is not None else "—"
        if column == COL_ON_TIME:
            return _share(row.on_time_share, row.follow_ups_on_time, row.follow_ups_due)
        if column == COL_CONVERSION:
            return _share(row.conversion, row.won, row.inquiries)
        return None


class DashboardView(QWidget):
    """Layout: KPI cards on top; below, the charts (a 2×2 grid) and the per-coordinator table, in tabs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardView")
        self.title = QLabel(translate("DashboardView", "Dashboard"))
        self.title.setProperty("role", "title")
        self.updated = QLabel()
        self.updated.setProperty("role", "muted")
        self.refresh_button = QPushButton(translate("DashboardView", "Refresh"))
        self.total_card = KpiCard(translate("DashboardView", "Leads"), "kpiTotal")
        self.waiting_card = KpiCard(f"{domain_word(WAITING_FIRST_CONTACT)} ({domain_word(SCOPE_EVERYONE)})", "kpiWaiting")
        self.waiting_card.setToolTip(f"{domain_word(WAITING_FIRST_CONTACT)}: {domain_word(WAITING_FIRST_CONTACT_MEANS)}")
        self.median_card = KpiCard(translate("DashboardView", "Median time to first contact (inquiries of the last 30 days)"), "kpiMedian")
        self.fast_card = KpiCard(translate("DashboardView", "Contacted within {hours} h (last 30 days)").format(
            hours=i18n.number(int(AMBER_AFTER.total_seconds() // 3600))), "kpiFast")
        self.on_time_card = KpiCard(translate("DashboardView", "Follow-ups done on time (due in the last 30 days)"), "kpiOnTime")
        self.weekly_view = self._chart_view("chartWeekly")
        self.funnel_view = self._chart_view("chartFunnel")
        self.country_view = self._chart_view("chartCountries")
        self.lost_view = self._chart_view("chartLost")

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.updated, 1)
        top.addWidget(self.refresh_button)
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for card in (self.total_card, self.waiting_card, self.median_card, self.fast_card, self.on_time_card):
            cards.addWidget(card, 1)
        grid = QGridLayout()
        grid.setSpacing(10)
        grid.addWidget(self.weekly_view, 0, 0)
        grid.addWidget(self.funnel_view, 0, 1)
        grid.addWidget(self.country_view, 1, 0)
        grid.addWidget(self.lost_view, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        charts = QWidget()
        charts.setLayout(grid)
        grid.setContentsMargins(0, 8, 0, 0)
        self.team_model = CoordinatorTableModel(self)
        self.team_table = QTableView()
        self.team_table.setObjectName("dashboardTeam")
        self.team_table.setModel(self.team_model)
        self.team_table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.team_table.verticalHeader().setVisible(False)
        self.team_table.setAlternatingRowColors(True)
        header = self.team_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.team_note = QLabel()
        self.team_note.setProperty("role", "muted")
        self.team_note.setWordWrap(True)
        team = QWidget()
        team_column = QVBoxLayout(team)
        team_column.setContentsMargins(0, 8, 0, 0)
        team_column.addWidget(self.team_table, 1)
        team_column.addWidget(self.team_note)
        self.sections = QTabWidget()
        self.sections.setObjectName("dashboardSections")
        # The charts keep their height and scroll up and down when the window is short (a 1366×728
        # laptop with the KPI cards wrapped), rather than being cut at the bottom.
        charts_area = QScrollArea()
        charts_area.setObjectName("dashboardCharts")
        charts_area.setWidgetResizable(True)
        charts_area.setFrameShape(QFrame.Shape.NoFrame)
        charts_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        charts_area.setWidget(charts)
        self.sections.addTab(charts_area, translate("DashboardView", "Charts"))
        self.sections.addTab(team, translate("DashboardView", "By coordinator"))
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 10, 12, 10)
        column.setSpacing(10)
        column.addLayout(top)
        column.addLayout(cards)
        column.addWidget(self.sections, 1)

    @staticmethod
    def _chart_view(name: str) -> QChartView:
        view = QChartView()
        view.setObjectName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(170)  # two rows of charts, under the tabs, fit a 1366×728 window with a lead open
        view.setChart(_chart(""))
        return view


class DashboardController(RefreshesOnAnyChange, QObject):
    drillDown = Signal(object)  # DrillDown
    loaded = Signal(object)  # DashboardData

    view: DashboardView

    def __init__(self, view: DashboardView, db: Database, *, clock: Clock = utc_now, zone: tzinfo | None = None,
                 person: DeskPerson | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view, self.db, self.clock, self.zone = view, db, clock, zone
        #: A coordinator's dashboard: the table as the team's visibility allows (see dashboard_stats.dashboard).
        # a coordinator's own dashboard (their row alone under 'own'); viewers read every lead, so every row
        self.coordinator_id = person.id if person is not None and person.works_own_leads else None
        self.data: stats.DashboardData | None = None
        self._task: BackgroundTask | None = None
        view.refresh_button.clicked.connect(self.refresh)
        view.total_card.clicked.connect(lambda: self.drillDown.emit(DrillDown(translate("DashboardView", "All leads"))))
        view.waiting_card.clicked.connect(lambda: self.drillDown.emit(DrillDown(WAITING_FIRST_CONTACT, today=True)))
        view.on_time_card.clicked.connect(self._late_follow_ups)
        view.median_card.set_clickable(False, translate("DashboardView", "Time from the inquiry to the first call, email or message; "
                                              "inquiries still waiting are counted in the card beside it"))

    def refresh(self) -> None:
        if self._task is not None and self._task.running:
            return
        db, now, zone, coordinator_id = self.db, self.clock(), self.zone, self.coordinator_id
        task = BackgroundTask(lambda _control: stats.dashboard(db, now, zone=zone, coordinator_id=coordinator_id), self)
        task.finished.connect(self._show)
        task.failed.connect(self._failed)
        self._task = task
        self.view.updated.setText(translate("DashboardView", "Loading…"))
        task.start()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.view.updated.setText(translate("DashboardView", "Could not load the numbers"))
        raise exc

    # ------------------------------------------------------------------ showing

    def _show(self, data: stats.DashboardData) -> None:
        self._task = None
        self.data = data
        view = self.view
        local = data.now.astimezone(self.zone) if self.zone else data.now.astimezone()
        view.updated.setText(translate("DashboardView", "as of {time}").format(time=i18n.date_time_text(local)))
        view.total_card.value.setText(i18n.number(data.total))
        open_count = sum(n for s, n in data.status_counts.items() if not STATUS_INFO[Status(s)].is_exit and s != Status.COMPLETED.value)
        view.total_card.detail.setText(translate("DashboardView", "{count} open").format(count=i18n.number(open_count)))
        view.total_card.set_clickable(True, translate("DashboardView", "Show all leads"))
        first = data.first_contact
        view.waiting_card.value.setText(i18n.number(data.waiting_now))
        older = max(data.waiting_now - first.still_waiting, 0)
        view.waiting_card.detail.setText(
            translate("DashboardView", "{count} of the {total} inquiries in 30 days").format(
                count=i18n.number(first.still_waiting), total=i18n.number(first.inquiries))
            + (translate("DashboardView", ", {count} older").format(count=i18n.number(older)) if older else ""))
        view.waiting_card.set_clickable(True, translate("DashboardView", "Open Today: new inquiries by waiting time"))
        view.median_card.value.setText(i18n.duration_text(first.median) if first.median is not None else "—")
        view.median_card.detail.setText(translate("DashboardView", "over {count} contacted inquiries").format(
            count=i18n.number(first.contacted)))
        share = first.within_amber_share
        view.fast_card.value.setText(i18n.percent(share) if share is not None else "—")
        view.fast_card.detail.setText(translate("DashboardView", "{part} of {whole}").format(
            part=i18n.number(first.within_amber), whole=i18n.number(first.contacted)))
        follow = data.follow_ups
        view.on_time_card.value.setText(i18n.percent(follow.on_time_share) if follow.on_time_share is not None else "—")
        view.on_time_card.detail.setText(translate("DashboardView", "{part} of {whole} · {late} late").format(
            part=i18n.number(follow.on_time), whole=i18n.number(follow.due), late=i18n.number(follow.late)))
        view.on_time_card.set_clickable(
            follow.late > 0,
            translate("DashboardView", "A follow-up is on time when a contact is logged after it was set and before its day ends "
            "(your time zone). Click to list the leads with late follow-ups."),
        )
        view.team_model.set_rows(data.team)
        view.team_note.setText(
            translate("DashboardView",
                "Each lead counts for the coordinator it is assigned to now. Median time to first contact, follow-ups on time "
            "and conversion are over the last 30 days; the pool is the leads assigned to nobody.")
            + (translate("DashboardView",
                " Your own row: the team sees only its own leads.") if self.coordinator_id is not None and len(data.team) == 1 else ""))
        self._weekly(data.weekly)
        self._funnel(data.funnel)
        self._countries(data.countries)
        self._lost(data.lost_reasons)
        self.loaded.emit(data)

    def _weekly(self, weekly: stats.WeeklyInquiries) -> None:
        chart = _chart(translate("DashboardView", "Inquiries per week, by source"))
        series = QStackedBarSeries()
        for index, source in enumerate(weekly.sources):
            bar_set = QBarSet(source)
            bar_set.append([float(v) for v in weekly.counts[source]])
            bar_set.setColor(QColor(theme.SERIES[index % len(theme.SERIES)]))
            bar_set.setBorderColor(QColor(theme.BASE))
            series.append(bar_set)
        series.clicked.connect(lambda index, bar_set: self._weekly_clicked(index, bar_set.label()))
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([i18n.day_month_text(monday) for monday in weekly.weeks])
        axis_x.setLabelsAngle(-45 if len(weekly.weeks) > 8 else 0)
        axis_x.setTruncateLabels(False)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        top = max((weekly.total(i) for i in range(len(weekly.weeks))), default=0)
        axis_y.setRange(0, max(top * 1.08, 1))
        axis_y.applyNiceNumbers()
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        self._set_chart(self.view.weekly_view, chart, translate("DashboardView", "Click a bar to list those inquiries"))

    def _funnel(self, funnel: tuple[tuple[Status, int], ...]) -> None:
        chart = _chart(translate("DashboardView", "Conversion: leads that reached each stage"))
        chart.legend().hide()
        series = QHorizontalBarSeries()
        bar_set = QBarSet(translate("DashboardView", "Leads"))
        ordered = list(reversed(funnel))  # the first stage on top
        bar_set.append([float(n) for _s, n in ordered])
        bar_set.setColor(QColor(theme.ACCENT))
        series.append(bar_set)
        series.setLabelsVisible(True)
        total = funnel[0][1] if funnel else 0
        axis_y = QBarCategoryAxis()
        axis_y.append([f"{i18n.status_label(s)} · {i18n.percent(n / total)}" if total else i18n.status_label(s) for s, n in ordered])
        stages = [s for s, _n in ordered]
        series.clicked.connect(lambda index, _set: self._funnel_clicked(stages[index]))
        self._horizontal(chart, series, axis_y, max((n for _s, n in funnel), default=0))
        self._set_chart(self.view.funnel_view, chart,
            translate("DashboardView", "A lead reached a stage when its history records a move into it; "
                                                      "click a bar to list those leads"))

    def _countries(self, countries: tuple[tuple[str, int], ...]) -> None:
        chart = _chart(translate("DashboardView", "Leads by country"))
        chart.legend().hide()
        top = [row for row in countries if row[0] != stats.NO_COUNTRY][:TOP_COUNTRIES]
        ordered = list(reversed(top))
        series = QHorizontalBarSeries()
        bar_set = QBarSet(translate("DashboardView", "Leads"))
        bar_set.append([float(n) for _c, n in ordered])
        bar_set.setColor(QColor(theme.SERIES[1]))
        series.append(bar_set)
        axis_y = QBarCategoryAxis()
        axis_y.append([_short(country_name(code)) for code, _n in ordered])
        codes = [code for code, _n in ordered]
        series.clicked.connect(lambda index, _set: self.drillDown.emit(DrillDown(country_name(codes[index]), country=codes[index])))
        self._horizontal(chart, series, axis_y, max((n for _c, n in top), default=0))
        others = sum(n for c, n in countries) - sum(n for _c, n in top)
        tip = translate("DashboardView", "Click a bar to list that country's leads")
        if others:
            tip += translate("DashboardView", " · {count} leads in other countries or without one").format(count=i18n.number(others))
        self._set_chart(self.view.country_view, chart, tip)

    def _lost(self, reasons: tuple[tuple[str, int], ...]) -> None:
        chart = _chart(translate("DashboardView", "Why leads were lost"))
        chart.legend().hide()
        ordered = list(reversed(reasons))
        series = QHorizontalBarSeries()
        bar_set = QBarSet(translate("DashboardView", "Lost"))
        bar_set.append([float(n) for _r, n in ordered])
        bar_set.setColor(QColor(theme.SERIES[4]))
        series.append(bar_set)
        axis_y = QBarCategoryAxis()
        axis_y.append([_short(domain_word(reason)) for reason, _n in ordered])
        names = [reason for reason, _n in ordered]
        series.clicked.connect(lambda index, _set: self._lost_clicked(names[index]))
        self._horizontal(chart, series, axis_y, max((n for _r, n in reasons), default=0))
        self._set_chart(self.view.lost_view, chart, translate("DashboardView", "Click a bar to list the leads lost for that reason"))

    @staticmethod
    def _horizontal(chart: QChart, series: QHorizontalBarSeries, axis_y: QBarCategoryAxis, top: int) -> None:
        series.setBarWidth(0.7)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        for bar_set in series.barSets():
            bar_set.setLabelColor(QColor(theme.TEXT))
        axis_y.setTruncateLabels(False)
        axis_y.setGridLineVisible(False)
        chart.addSeries(series)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        axis_x = QValueAxis()
        axis_x.setLabelFormat("%d")
        axis_x.setRange(0, max(top * 1.15, 1))
        axis_x.applyNiceNumbers()
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)

    @staticmethod
    def _set_chart(chart_view: QChartView, chart: QChart, tooltip: str) -> None:
        old = chart_view.chart()
        chart_view.setChart(chart)
        chart_view.setToolTip(tooltip)
        chart_view.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        if old is not None and old is not chart:
            old.deleteLater()

    # ------------------------------------------------------------------ drill-down

    def _weekly_clicked(self, index: int, source: str) -> None:
        if self.data is None:
            return
        week = self.data.weekly.weeks[index]
        ids = stats.ids_inquired(self.db, week, source)
        self.drillDown.emit(DrillDown(translate("DashboardView", "{source}, week of {week}").format(
            source=source, week=i18n.day_month_text(week)), ids=ids))

    def _funnel_clicked(self, stage: Status) -> None:
        if stage is Status.NEW:
            self.drillDown.emit(DrillDown(translate("DashboardView", "All leads")))
            return
        self.drillDown.emit(DrillDown(translate("DashboardView", "Reached {status}").format(status=i18n.status_label(stage)),
                                      ids=stats.ids_reached(self.db, stage)))

    def _lost_clicked(self, reason: str) -> None:
        self.drillDown.emit(DrillDown(
            translate("DashboardView", "Lost: {reason}").format(reason=domain_word(reason)), status=Status.LOST.value,
                ids=stats.ids_lost_for(self.db, reason)))

    def _late_follow_ups(self) -> None:
        if self.data is not None and self.data.follow_ups.late_lead_ids:
            self.drillDown.emit(DrillDown(translate("DashboardView", "Late follow-ups (30 days)"), ids=self.data.follow_ups.late_lead_ids))


__all__ = ["CoordinatorTableModel", "DashboardController", "DashboardView", "DrillDown", "KpiCard"]
