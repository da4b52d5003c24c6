"""The case's Schedule tab: the arrival date (and time, when known), the plan from the chosen offer's
journey as a table with editable dates and done marks, calendar exports for the coordinator and
the family, and the visa invitation letter (made off the UI thread)."""
from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.atomic_file import write_bytes_atomically
from app.domain.case_calendar import calendar_for
from app.domain.case_file import case_lead
from app.domain.case_people import chosen_offer_key
from app.domain.case_schedule import Schedule, ScheduleEntry, move_item, plan_schedule, schedule_in, set_done
from app.domain.catalogue import catalogue_in, parse_catalogue, seed_document
from app.domain.clock import Clock, utc_now
from app.domain.output_path import check_output_path
from app.packets.visa_letter import MadeVisaLetter, write_visa_letter
from app.ui.background_task import BackgroundTask
from app.ui.dialog_prompts import Prompts
from app.ui.labels import plain_label
from db.engine import Database

__all__ = ["CaseScheduleTab"]

COLUMNS = ("", "Item", "From", "To", "Done")
COL_KIND, COL_LABEL, COL_START, COL_END, COL_DONE = range(5)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
MOVED_COLOUR = "#6a4c93"


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class CaseScheduleTab(QWidget):
    """The Schedule tab of a case (show_lead(lead_id) to fill it)."""

    changed = Signal()
    letterWritten = Signal(object)  # MadeVisaLetter
    letterFailed = Signal(object)  # the exception

    def __init__(self, db: Database, *, prompts: Prompts | None = None, clock: Clock = utc_now,
                 actor_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseScheduleTab")
        self.db, self.prompts, self.clock, self.actor_id = db, prompts or Prompts(), clock, actor_id
        self.lead_id: int | None = None
        self.reference: str | None = None
        self.schedule: Schedule | None = None
        self._filling = False
        self._task: BackgroundTask | None = None

        self.arrival = QDateEdit()
        self.arrival.setObjectName("arrivalDate")
        self.arrival.setAccessibleName("Arrival date")
        self.arrival.setCalendarPopup(True)
        self.arrival.setDisplayFormat("yyyy-MM-dd")
        today = clock().date()
        self.arrival.setDate(_qdate(today))
        self.timed = QCheckBox("at")
        self.timed.setObjectName("arrivalTimed")
        self.timed.setToolTip("The flight's arrival time, in the patient's time zone (for the calendar)")
        self.arrival_time = QTimeEdit(QTime(14, 0))
        self.arrival_time.setObjectName("arrivalTime")
        self.arrival_time.setDisplayFormat("HH:mm")
        self.arrival_time.setEnabled(False)
        self.timed.toggled.connect(self.arrival_time.setEnabled)
        self.offer = QComboBox()
        self.offer.setObjectName("scheduleOffer")
        self.offer.setMinimumContentsLength(22)
        self.plan_button = QPushButton("Plan")
        self.plan_button.setObjectName("planSchedule")
        self.plan_button.setToolTip("Date every stage from the arrival (items moved by hand stay where they are)")
        self.plan_button.clicked.connect(self.plan)
        self.summary = plain_label(name="scheduleSummary")

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("scheduleItems")
        self.table.setAccessibleName("Schedule")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_LABEL, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_KIND, 60), (COL_START, 130), (COL_END, 110), (COL_DONE, 60)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.itemChanged.connect(self._item_changed)

        self.ics_coordinator = QPushButton("Export .ics (coordinator)…")
        self.ics_coordinator.setObjectName("icsCoordinator")
        self.ics_coordinator.clicked.connect(lambda: self.export_calendar("coordinator"))
        self.ics_family = QPushButton("Export .ics (family)…")
        self.ics_family.setObjectName("icsFamily")
        self.ics_family.clicked.connect(lambda: self.export_calendar("family"))
        self.visa_button = QPushButton("Visa letter…")
        self.visa_button.setObjectName("visaLetter")
        self.visa_button.clicked.connect(self.visa_letter)

        top = QHBoxLayout()
        top.addWidget(QLabel("Arrival"))
        top.addWidget(self.arrival)
        top.addWidget(self.timed)
        top.addWidget(self.arrival_time)
        top.addSpacing(8)
        top.addWidget(QLabel("Offer"))
        top.addWidget(self.offer, 1)
        top.addWidget(self.plan_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.ics_coordinator)
        bottom.addWidget(self.ics_family)
        bottom.addStretch(1)
        bottom.addWidget(self.visa_button)
        page = QVBoxLayout(self)
        page.setContentsMargins(10, 8, 10, 8)
        page.addLayout(top)
        page.addWidget(self.summary)
        page.addWidget(self.table, 1)
        page.addLayout(bottom)
        self._enable()

    # ------------------------------------------------------------ loading

    def show_lead(self, lead_id: int | None) -> None:
        self.lead_id = lead_id
        self.refresh()

    def _offers(self, session, chosen: str | None, planned: str | None) -> None:
        catalogue = catalogue_in(session) or parse_catalogue(seed_document())
        self.offer.blockSignals(True)
        self.offer.clear()
        if chosen:
            self.offer.addItem(f"Chosen quote: {chosen}", None)
        elif planned:
            self.offer.addItem(f"As planned: {planned}", None)
        else:
            self.offer.addItem("Choose an offer…", "")
        for key, offer in catalogue.offers.items():
            hospital = catalogue.hospitals.get(offer.hospital)
            self.offer.addItem(f"{key} ({hospital.name if hospital else offer.hospital})", key)
        self.offer.blockSignals(False)

    def refresh(self) -> None:
        self._filling = True
        self.table.setRowCount(0)
        self._filling = False
        if self.lead_id is None:
            self.schedule, self.reference = None, None
            self.summary.setText("No lead selected")
            self._enable()
            return
        with self.db.read() as session:
            lead = case_lead(session, self.lead_id)
            self.reference = lead.reference
            self.schedule = schedule_in(session, lead)
            self._offers(session, chosen_offer_key(session, lead), self.schedule.offer_key)
        schedule = self.schedule
        if schedule.arrival is not None:
            self.arrival.setDate(_qdate(schedule.arrival))
        if schedule.arrival_time is not None:
            self.timed.setChecked(True)
            self.arrival_time.setTime(QTime(schedule.arrival_time.hour, schedule.arrival_time.minute))
        if not schedule.planned:
            self.summary.setText("No schedule yet: pick the arrival date and plan.")
        else:
            back = f", back home after {schedule.planned_return:%d %b %Y}" if schedule.planned_return else ""
            self.summary.setText(f"{schedule.offer_key or 'Offer not recorded'}: arrival "
                                 f"{schedule.arrival:%d %b %Y}{back}. Change a date to move an item by hand.")
        self._fill(schedule.items)
        self._enable()

    def _fill(self, items: tuple[ScheduleEntry, ...]) -> None:
        self._filling = True
        self.table.setRowCount(len(items))
        for row, entry in enumerate(items):
            kind = QTableWidgetItem("stage" if entry.kind == "stage" else "task")
            kind.setFlags(Qt.ItemFlag.ItemIsEnabled)
            label = QTableWidgetItem(entry.label + ("  (moved)" if entry.edited else ""))
            label.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            label.setData(ENTRY_ROLE, entry.id)
            if entry.edited:
                label.setToolTip("Moved by hand: a new arrival date leaves it here")
            end = QTableWidgetItem(entry.ends_on.isoformat() if entry.ends_on else "")
            end.setFlags(Qt.ItemFlag.ItemIsEnabled)
            done = QTableWidgetItem()
            done.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            done.setCheckState(Qt.CheckState.Checked if entry.done else Qt.CheckState.Unchecked)
            done.setData(ENTRY_ROLE, entry.id)
            for column, item in ((COL_KIND, kind), (COL_LABEL, label), (COL_END, end), (COL_DONE, done)):
                self.table.setItem(row, column, item)
            start = QDateEdit(_qdate(entry.starts_on))
            start.setObjectName(f"start_{entry.key}")
            start.setCalendarPopup(True)
            start.setDisplayFormat("yyyy-MM-dd")
            start.setFrame(False)
            start.editingFinished.connect(lambda e=entry, w=start: self._moved(e, w))
            self.table.setCellWidget(row, COL_START, start)
        self._filling = False

    def _enable(self) -> None:
        has_lead = self.lead_id is not None
        planned = bool(self.schedule and self.schedule.planned)
        self.plan_button.setEnabled(has_lead)
        for button in (self.ics_coordinator, self.ics_family, self.visa_button):
            button.setEnabled(has_lead and planned)

    # ------------------------------------------------------------ editing

    def plan(self) -> None:
        if self.lead_id is None:
            return
        offer_key = self.offer.currentData()
        if offer_key == "":
            self.prompts.error(self, "Plan the schedule", "No quote is chosen yet: choose the offer to plan from.")
            return
        at = None
        if self.timed.isChecked():
            value = self.arrival_time.time()
            at = time(value.hour(), value.minute())
        try:
            plan_schedule(self.db, self.lead_id, _pydate(self.arrival.date()), offer_key=offer_key, arrival_time=at,
                          actor_id=self.actor_id, clock=self.clock)
        except Exception as exc:  # noqa: BLE001 - shown in the desk's words
            self.prompts.error(self, "Plan the schedule", exc)
            return
        self.refresh()
        self.changed.emit()

    def _moved(self, entry: ScheduleEntry, widget: QDateEdit) -> None:
        if self._filling or self.lead_id is None:
            return
        new = _pydate(widget.date())
        if new == entry.starts_on:
            return
        try:
            move_item(self.db, self.lead_id, entry.id, new, actor_id=self.actor_id, clock=self.clock)
        except Exception as exc:  # noqa: BLE001
            self.prompts.error(self, "Move the item", exc)
        self.refresh()
        self.changed.emit()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or self.lead_id is None or item.column() != COL_DONE:
            return
        entry_id = item.data(ENTRY_ROLE)
        try:
            set_done(self.db, self.lead_id, entry_id, item.checkState() == Qt.CheckState.Checked,
                     actor_id=self.actor_id, clock=self.clock)
        except Exception as exc:  # noqa: BLE001
            self.prompts.error(self, "Mark done", exc)
        self.refresh()
        self.changed.emit()

    # ------------------------------------------------------------ files

    def export_calendar(self, audience: str) -> None:
        if self.lead_id is None or self.reference is None:
            return
        suggested = f"{self.reference}_{audience}.ics"
        path = self.prompts.save_path(self, f"Export the calendar ({audience})", suggested, "Calendar (*.ics)")
        if not path:
            return
        try:
            check_output_path(path, database=self.db.path, force=True, what="the calendar")  # the dialog asked "Replace?"
            data = calendar_for(self.db, self.lead_id, audience=audience, clock=self.clock)
            write_bytes_atomically(path, data)
        except Exception as exc:  # noqa: BLE001
            self.prompts.error(self, "Export the calendar", exc)
            return
        self.prompts.inform(self, "Calendar exported", f"{path}: {data.count(b'BEGIN:VEVENT')} events for the "
                            f"{audience}, in the patient's time zone.")

    def visa_letter(self) -> None:
        if self.lead_id is None or self.reference is None:
            return
        path = self.prompts.save_path(self, "Save the visa invitation letter", f"{self.reference}_visa_letter.pdf",
                                      "PDF (*.pdf)")
        if not path:
            return
        db, lead_id, actor, clock = self.db, self.lead_id, self.actor_id, self.clock
        task = BackgroundTask(lambda _control: write_visa_letter(db, lead_id, path, force=True, actor_id=actor,
                                                                 clock=clock), self)
        task.finished.connect(self._letter_written)
        task.failed.connect(self._letter_failed)
        self._task = task
        self.visa_button.setEnabled(False)
        task.start(parent=self, label="Making the visa letter…")

    def _letter_written(self, made: MadeVisaLetter) -> None:
        self._task = None
        self._enable()
        self.prompts.inform(self, "Visa letter saved", f"{made.path} ({' + '.join(made.languages)}, "
                            f"{made.travellers} traveller{'s' if made.travellers != 1 else ''}).")
        self.letterWritten.emit(made)
        self.changed.emit()

    def _letter_failed(self, exc: BaseException) -> None:
        self._task = None
        self._enable()
        self.prompts.error(self, "Visa letter", exc)
        self.letterFailed.emit(exc)
