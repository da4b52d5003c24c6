"""The Today view: follow-ups due today or overdue, and new inquiries nobody has answered, each in
call order (who is awake now first). `TodayView` is the layout; `TodayController` loads the agenda
off the UI thread (BackgroundTask) and keeps it fresh."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo
from typing import cast

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.case_schedule import CaseReminder
from app.domain.clock import Clock, utc_now
from app.domain.figure_names import SCOPE_EVERYONE, SCOPE_MINE, WAITING_FIRST_CONTACT, WAITING_FIRST_CONTACT_MEANS
from app.domain.today import NEW_INQUIRY_WINDOW, TodayAgenda, build_today, today_details
from app.ui import i18n, settings, theme
from app.ui.background_task import BackgroundTask
from app.ui.desk_person import DeskPerson
from app.ui.i18n import domain_word, translate
from app.ui.lead_list_model import COL_STATUS as LIST_COL_STATUS
from app.ui.lead_list_view import LeadTableView, StatusDelegate
from app.ui.operations import RefreshesOnAnyChange
from app.ui.today_model import COL_STATUS, COL_WHEN, FOLLOW_UPS, NEW_INQUIRIES, WIDTHS, TodayModel
from db.engine import Database
from db.lead_queries import UNASSIGNED

REFRESH_MS = 5 * 60 * 1000
#: "Loading…" shows only when a load takes longer than this. Changing a heading's text re-lays out
#: the window, which repaints both tables: for a 50 ms load that is a repaint (and a flicker) for
#: nothing, paid on the UI thread while the load runs.
LOADING_HINT_MS = 250
#: The new inquiries' Waiting column holds the first-response mark as well as the time.
NEW_WHEN_WIDTH = 250
#: The case reminders' list shows at most this many rows; it scrolls beyond.
REMINDER_ROWS = 4
#: An overdue case task's colour.


class TodayView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayView")
        self.title = QLabel(translate("TodayView", "Today"))
        self.title.setProperty("role", "title")
        self.updated = QLabel()
        self.updated.setProperty("role", "muted")
        self.coordinator = QComboBox()
        self.coordinator.setObjectName("todayCoordinator")
        # As wide as a short choice, not the longest translated one (which would widen the window);
        # the list that opens shows every choice whole.
        self.coordinator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.coordinator.setMinimumContentsLength(18)
        self.coordinator.addItem(translate("TodayView", "Everyone's calls"), None)
        self.refresh_button = QPushButton(translate("TodayView", "Refresh"))
        self.refresh_button.setToolTip(translate("TodayView", "Reload the lists (F5)"))

        self.follow_up_title = QLabel(translate("TodayView", "Follow-ups due"))
        self.follow_up_title.setProperty("role", "section")
        self.follow_up_title.setWordWrap(True)  # a long translation wraps instead of widening the window
        self.follow_up_hint = QLabel(
            translate("TodayView", "In call order: first the patients in working hours now (green dot) — whose day ends soonest "
                                     "first — then countries where only some zones are (half dot), then those asleep (grey ring), "
                                     "by how soon their morning comes."))
        self.follow_up_hint.setProperty("role", "muted")
        self.follow_up_hint.setWordWrap(True)
        self.follow_ups = TodayModel(FOLLOW_UPS, parent=self)
        self.follow_up_table = _table(self.follow_ups, "todayFollowUps")
        self.follow_up_table.setAccessibleName("Follow-ups due")

        self.new_title = QLabel(domain_word(WAITING_FIRST_CONTACT))
        self.new_title.setToolTip(f"{domain_word(WAITING_FIRST_CONTACT)}: {domain_word(WAITING_FIRST_CONTACT_MEANS)}")
        self.new_title.setProperty("role", "section")
        self.new_title.setWordWrap(True)  # its figures run long: on two lines rather than a wider window
        self.older_link = QLabel()
        self.older_link.setObjectName("olderInquiries")
        self.older_link.setTextFormat(Qt.TextFormat.RichText)
        self.older_link.hide()
        self.new_inquiries = TodayModel(NEW_INQUIRIES, parent=self)
        self.new_table = _table(self.new_inquiries, "todayNewInquiries")
        self.new_table.setAccessibleName("New inquiries")
        self.new_table.setColumnWidth(COL_WHEN, NEW_WHEN_WIDTH)  # "3 h 10 min — past the 2h target"

        # Case reminders: the tasks of a case's schedule due within a week or overdue (a few rows).
        self.reminders_title = QLabel(translate("TodayView", "Case reminders"))
        self.reminders_title.setObjectName("caseRemindersTitle")
        self.reminders_title.setProperty("role", "section")
        self.reminders = QListWidget()
        self.reminders.setObjectName("caseReminders")
        self.reminders.setToolTip(translate("TodayView", "Tasks of the patients' treatment schedules: double-click to open the case"))
        self.reminders_title.hide()
        self.reminders.hide()

        # The title on its own line and the whose-calls choice under it: a lead open beside Today
        # leaves 600 px on a 1920×1080 screen at 150 % (1280 logical px), too few for all four in a row.
        top = QVBoxLayout()
        top.setSpacing(4)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title)
        title_row.addStretch(1)
        title_row.addWidget(self.refresh_button)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.coordinator)
        choice_row.addSpacing(12)
        choice_row.addWidget(self.updated, 1)
        top.addLayout(title_row)
        top.addLayout(choice_row)

        first = QWidget()
        first_layout = QVBoxLayout(first)
        first_layout.setContentsMargins(0, 0, 0, 0)
        first_layout.addWidget(self.follow_up_title)
        first_layout.addWidget(self.follow_up_hint)
        first_layout.addWidget(self.follow_up_table, 1)
        second = QWidget()
        second_layout = QVBoxLayout(second)
        second_layout.setContentsMargins(0, 6, 0, 0)
        # The title on a line of its own, the whole width (wrapped, never cut), the link below it.
        second_layout.addWidget(self.new_title)
        second_layout.addWidget(self.older_link, 0, Qt.AlignmentFlag.AlignRight)
        second_layout.addWidget(self.new_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(first)
        self.splitter.addWidget(second)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        column = QVBoxLayout(self)
        column.setContentsMargins(12, 10, 12, 0)
        column.addLayout(top)
        column.addWidget(self.reminders_title)
        column.addWidget(self.reminders)
        column.addWidget(self.splitter, 1)

    def tables(self) -> tuple[LeadTableView, LeadTableView]:
        return self.follow_up_table, self.new_table


def _table(model: TodayModel, name: str) -> LeadTableView:
    table = LeadTableView()
    table.setObjectName(name)
    table.setSortingEnabled(False)
    table.setDragEnabled(False)
    table.setModel(model)
    table.setItemDelegateForColumn(LIST_COL_STATUS, None)  # type: ignore[arg-type]  # Qt takes None: the lead list's delegate goes
    table.setItemDelegateForColumn(COL_STATUS, StatusDelegate(table))
    for column, width in WIDTHS.items():
        table.setColumnWidth(column, width)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class TodayController(RefreshesOnAnyChange, QObject):
    openLead = Signal(int)
    showOlderInquiries = Signal()
    contextMenuRequested = Signal(QPoint)
    loaded = Signal(object)  # TodayAgenda

    view: TodayView

    def __init__(self, view: TodayView, db: Database, *, clock: Clock = utc_now, zone: tzinfo | None = None,
                 coordinators: Callable[[], list[tuple[str, int]]] | None = None, person: DeskPerson | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view, self.db, self.clock, self.zone = view, db, clock, zone
        self.agenda: TodayAgenda | None = None
        self._task: BackgroundTask | None = None
        self._generation = 0
        self._pending = False
        #: A coordinator's Today is "My Today": their follow-ups, their new inquiries and the pool's.
        self.my_today = person is not None and person.works_own_leads
        if self.my_today:
            assert person is not None
            view.coordinator.clear()
            view.coordinator.addItem(translate("TodayView", "My Today"), person.id)
            view.coordinator.hide()
        elif coordinators is not None:  # a manager's (or the solo desk's) choice: everyone, or one person
            for name, coordinator_id in coordinators():
                view.coordinator.addItem(translate("TodayView", "{name}'s calls").format(name=name), coordinator_id)
            view.coordinator.addItem(translate("TodayView", "Unassigned inquiries (the pool)"), UNASSIGNED)
        view.coordinator.currentIndexChanged.connect(lambda _i: self.refresh())
        view.refresh_button.clicked.connect(self.refresh)
        view.older_link.linkActivated.connect(lambda _link: self.showOlderInquiries.emit())
        view.reminders.itemActivated.connect(self._open_reminder)
        for table in view.tables():
            table.openRequested.connect(self.openLead)
            table.contextRequested.connect(self.contextMenuRequested)
        state = settings.read(settings.TODAY_SPLITTER)
        if not state.isEmpty():
            view.splitter.restoreState(state)
        view.splitter.splitterMoved.connect(lambda *_: settings.write(settings.TODAY_SPLITTER, view.splitter.saveState()))
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._refresh_if_visible)
        self._timer.start()
        self._loading_hint = QTimer(self)
        self._loading_hint.setSingleShot(True)
        self._loading_hint.setInterval(LOADING_HINT_MS)
        self._loading_hint.timeout.connect(self._show_loading)

    def _refresh_if_visible(self) -> None:
        if self.view.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Load the agenda again (off the UI thread); a newer request wins over an older one."""
        if self._task is not None and self._task.running:
            self._pending = True
            return
        self._generation += 1
        generation = self._generation
        coordinator_id = self.view.coordinator.currentData()
        db, clock, zone = self.db, self.clock, self.zone
        with_pool = self.my_today
        task = BackgroundTask(lambda control: build_today(db, clock=clock, zone=zone, coordinator_id=coordinator_id,
                                                          with_pool=with_pool, cancelled=control.cancelled), self)
        task.finished.connect(lambda agenda: self._show(agenda, generation))
        task.failed.connect(self._failed)
        self._task = task
        self._loading_hint.start()
        task.start()

    def _show_loading(self) -> None:
        if self._task is not None and self._task.running:
            self.view.updated.setText(translate("TodayView", "Loading…"))

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._loading_hint.stop()
        self.view.updated.setText(translate("TodayView", "Could not load today's calls"))
        raise exc  # the application's exception hook shows and logs it

    def _show(self, agenda: TodayAgenda, generation: int) -> None:
        self._task = None
        self._loading_hint.stop()
        if self._pending:
            self._pending = False
            self.refresh()
            return
        if generation != self._generation:
            return
        self.agenda = agenda
        view = self.view
        kept = {table: table.selected_lead_ids() for table in view.tables()}
        view.follow_ups.set_items(agenda.follow_ups, agenda.now, agenda.details, self._read_details)
        view.new_inquiries.set_items(agenda.new_inquiries, agenda.now, agenda.details, self._read_details,
                                     first_response=agenda.first_response)
        for table, ids in kept.items():
            model = cast(TodayModel, table.model())
            for lead_id in ids[:1]:
                row = model.row_of(lead_id)
                if row is not None:
                    table.selectRow(row)
        local = agenda.now.astimezone(self.zone) if self.zone else agenda.now.astimezone()
        title = translate("TodayView", "My Today") if self.my_today else translate("TodayView", "Today")
        view.title.setText(f"{title} · {i18n.full_weekday_date_text(local)}")
        view.updated.setText(translate("TodayView", "as of {time}").format(time=i18n.time_text(local)))
        view.follow_up_title.setText(
            translate("TodayView", "Follow-ups due: {count}").format(count=i18n.number(len(agenda.follow_ups)))
            + (translate("TodayView", " ({count} overdue)").format(count=i18n.number(agenda.overdue)) if agenda.overdue else "")
            + (translate("TodayView", " · {count} can be called now").format(count=i18n.number(agenda.awake))
               if agenda.awake else "")
        )
        scope = domain_word(SCOPE_MINE if self.my_today else SCOPE_EVERYONE)
        waiting = len(agenda.new_inquiries) + agenda.older_waiting
        parts = [f"{domain_word(WAITING_FIRST_CONTACT)} ({scope}): {i18n.number(waiting)}"]
        if agenda.older_waiting:
            parts.append(translate("TodayView", "· {count} listed from the last {days} days").format(
                count=i18n.number(len(agenda.new_inquiries)), days=i18n.number(NEW_INQUIRY_WINDOW.days)))
        if agenda.red or agenda.amber:
            parts.append(translate("TodayView", "({red} over 24 h, {amber} over 2 h)").format(
                red=i18n.number(agenda.red), amber=i18n.number(agenda.amber)))
        if agenda.past_target:
            parts.append(translate("TodayView", "· {count} past the {target} first-response target").format(
                count=i18n.number(agenda.past_target), target=i18n.duration_text(agenda.first_response)))
        view.new_title.setText(" ".join(parts))
        self._show_reminders(agenda, local.date())
        if agenda.older_waiting:
            view.older_link.setText('<a href="older">' + translate("TodayView", "{count} older — show them in the list").format(
                count=i18n.number(agenda.older_waiting)) + "</a>")
            view.older_link.show()
        else:
            view.older_link.hide()
        self.loaded.emit(agenda)

    def _show_reminders(self, agenda: TodayAgenda, today: date) -> None:
        view = self.view
        view.reminders.clear()
        for reminder in agenda.case_reminders:
            item = QListWidgetItem(i18n.line(f"{reminder.reference} · {reminder.name} — {reminder_text(reminder, today)}"))
            item.setData(Qt.ItemDataRole.UserRole, reminder.lead_id)
            if reminder.overdue:
                item.setForeground(QColor(theme.OVERDUE))
            view.reminders.addItem(item)
        count = len(agenda.case_reminders)
        overdue = sum(1 for r in agenda.case_reminders if r.overdue)
        view.reminders_title.setText(translate("TodayView", "Case reminders: {count}").format(count=i18n.number(count))
                                     + (translate("TodayView", " ({count} overdue)").format(count=i18n.number(overdue))
                                        if overdue else ""))
        view.reminders_title.setVisible(bool(count))
        view.reminders.setVisible(bool(count))
        if count:  # as tall as its rows, up to REMINDER_ROWS
            rows = min(count, REMINDER_ROWS)
            view.reminders.setFixedHeight(rows * max(view.reminders.sizeHintForRow(0), 1)
                                          + 2 * view.reminders.frameWidth() + 2)

    def _open_reminder(self, item: QListWidgetItem) -> None:
        lead_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(lead_id, int):
            self.openLead.emit(lead_id)

    def _read_details(self, lead_ids):
        """The rest of the rows' details, a page at a time as they are painted (a few ms)."""
        return today_details(self.db, lead_ids)

    def selected_lead_ids(self) -> list[int]:
        for table in self.view.tables():
            if table.hasFocus() and table.selected_lead_ids():
                return table.selected_lead_ids()
        for table in self.view.tables():
            ids = table.selected_lead_ids()
            if ids:
                return ids
        return []


def reminder_text(reminder: CaseReminder, today: date) -> str:
    """"Visa application — due in 3 days" / "— due today" / "— 2 days overdue", in the desk's language
    (the task's label translated when it is one of the journey's own)."""
    days = reminder.days_left(today)
    if days == 0:
        when = translate("TodayView", "due today")
    elif days > 0:
        when = translate("TodayView", "due in %n day(s)", n=days)
    else:
        when = translate("TodayView", "%n day(s) overdue", n=-days)
    return f"{domain_word(reminder.label)} — {when}"
