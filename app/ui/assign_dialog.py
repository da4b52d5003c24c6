"""Assign to…: give the selected leads to one person (or back to the unassigned pool).

The dialog lists the active people who can work leads, with what the rule reads about them
(languages, countries, open new leads); Assign calls app.domain.assignment.reassign and announces
what it changed on the desk's hub, so the list, Today and open tabs follow.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.assignment import Candidate, assignable_people, reassign
from app.domain.clock import Clock, utc_now
from app.domain.countries import language_name
from app.domain.lead_change_set import LeadChanges
from app.ui import theme
from app.ui.dialog_prompts import describe_error
from app.ui.i18n import country_name
from app.ui.labels import plain_label
from app.ui.operations import DeskChanges, run_op
from db.engine import Database

__all__ = ["POOL", "AssignDialog"]

#: The list entry that sends the leads back to the unassigned pool.
POOL = -1


def describe(person: Candidate) -> str:
    """"Omar Haddad — coordinator · Arabic, English · Saudi Arabia · 3 new"."""
    parts = [person.role]
    if person.languages:
        parts.append(", ".join(language_name(code) for code in person.languages))
    if person.countries:
        parts.append(", ".join(country_name(code) for code in person.countries))
    parts.append(f"{person.open_new} new")
    return f"{person.name} — " + " · ".join(parts)


class AssignDialog(QDialog):
    assigned = Signal(object)  # LeadChanges, after the reassignment is saved and announced

    def __init__(self, db: Database, lead_ids: Sequence[int], hub: DeskChanges, *, actor_id: int | None = None,
                 clock: Clock = utc_now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._hub, self._actor_id, self._clock = db, hub, actor_id, clock
        self.lead_ids = [int(i) for i in lead_ids]
        count = len(self.lead_ids)
        self.setObjectName("assignDialog")
        self.setWindowTitle("Assign to")
        self.heading = QLabel(f"Give {'this lead' if count == 1 else f'these {count:,} leads'} to:")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)

        self.people = QListWidget()
        self.people.setObjectName("assignPeople")
        self.people.setWordWrap(True)  # long lists of languages and countries wrap instead of scrolling sideways
        self.people.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.people.setSpacing(2)
        for person in assignable_people(db):
            item = QListWidgetItem(describe(person))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.people.addItem(item)
        pool = QListWidgetItem("Unassigned pool — waits for the next coordinator with room")
        pool.setData(Qt.ItemDataRole.UserRole, POOL)
        self.people.addItem(pool)
        self.people.setCurrentRow(0)
        self.people.itemDoubleClicked.connect(lambda _item: self.accept())

        self.message = plain_label(colour=theme.RED, name="assignMessage")
        self.message.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Assign")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(600, 380)

    def target(self) -> int | None:
        """The chosen person's id; None for the pool."""
        item = self.people.currentItem()
        value = int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else POOL
        return None if value == POOL else value

    def select_person(self, person_id: int | None) -> None:
        wanted = POOL if person_id is None else person_id
        for row in range(self.people.count()):
            if self.people.item(row).data(Qt.ItemDataRole.UserRole) == wanted:
                self.people.setCurrentRow(row)
                return

    def accept(self) -> None:
        target = self.target()

        def saved(changes: LeadChanges) -> None:
            self.assigned.emit(changes)
            super(AssignDialog, self).accept()

        def refused(exc: BaseException) -> None:
            self.message.setText(describe_error(exc))
            self.message.show()

        run_op(self._hub, self, lambda _control: reassign(self._db, self.lead_ids, target, actor_id=self._actor_id,
                                                          clock=self._clock),
               changes_of=lambda changes: changes, success=saved, failure=refused, background=False)
