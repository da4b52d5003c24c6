"""Who is working? — asked at start when one database file holds more than one person (a shared
office laptop). The choice is this session's actor and becomes the database's current profile;
"Someone new…" opens the profile dialog for a new person.

`ask_who_is_working` is the start-up's one call: after the first-run dialog it offers the profile
dialog while nobody real is working; otherwise it asks only when there is a choice to make.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.countries import language_name
from app.domain.phone import parse_phone
from app.domain.profiles import ProfileRecord, list_profiles, needs_profile, select_profile, working_profile_id
from app.ui.dialog_prompts import describe_error
from app.ui.labels import plain_label
from db.engine import Database

__all__ = ["WhoIsWorkingDialog", "ask_who_is_working"]


def _line(person: ProfileRecord) -> str:
    """Two lines: the name, then how to reach them and the languages they speak."""
    number = person.whatsapp or person.phone
    details = [d for d in (person.email, parse_phone(number).international or number if number else None) if d]
    if person.languages:
        details.append(", ".join(language_name(c) for c in person.languages))
    return person.name + (f"\n{' · '.join(details)}" if details else "")


class WhoIsWorkingDialog(QDialog):
    """The people of this database; `chosen_id` is set when the dialog is accepted."""

    def __init__(self, db: Database, people: list[ProfileRecord], *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whoIsWorkingDialog")
        self.setWindowTitle("Who is working?")
        self._db = db
        self.chosen_id: int | None = None

        intro = plain_label("Several people use this desk. Choose yourself: your calls, status changes and packets "
                            "are recorded under your name, and packets carry your contact details.")
        self.people = QListWidget()
        self.people.setObjectName("whoIsWorkingPeople")
        self.people.setMinimumHeight(160)
        self.people.setWordWrap(True)
        self.people.setSpacing(2)
        self.people.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.people.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for person in people:
            item = QListWidgetItem(_line(person))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setToolTip(person.signature or person.name)
            self.people.addItem(item)
            if person.current:
                self.people.setCurrentItem(item)
        if self.people.currentItem() is None and self.people.count():
            self.people.setCurrentRow(0)
        self.message = QLabel()
        self.message.setObjectName("whoIsWorkingMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Start working")
        self.someone_new = QPushButton("Someone new…")
        self.someone_new.setObjectName("whoIsWorkingNew")
        self.buttons.addButton(self.someone_new, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.someone_new.clicked.connect(self.add_someone)
        self.people.itemActivated.connect(lambda _item: self.accept())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def add_someone(self) -> None:
        from app.ui.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self._db, None, parent=self)
        dialog.saved.connect(self._added)
        dialog.open()

    def _added(self, profile_id: int) -> None:
        self.chosen_id = profile_id  # set_profile has already made them the current profile
        super().accept()

    def accept(self) -> None:
        item = self.people.currentItem()
        if item is None:
            return
        try:
            self.chosen_id = select_profile(self._db, int(item.data(Qt.ItemDataRole.UserRole))).id
        except Exception as exc:  # noqa: BLE001 - a database problem or a person removed meanwhile: readable
            self.message.setText(describe_error(exc))
            self.message.show()
            return
        super().accept()


def ask_who_is_working(db: Database, *, first_run: bool = False, parent: QWidget | None = None) -> int | None:
    """Who works this session (None: who the database says is working). After the first-run dialog,
    the profile dialog while nobody real is working (Skip allowed); with more than one person in
    the file, the Who is working? dialog."""
    if first_run and needs_profile(db):
        from app.ui.profile_dialog import ProfileDialog

        dialog = ProfileDialog(db, working_profile_id(db), first_run=True, parent=parent)
        dialog.exec()
        return dialog.saved_profile.id if dialog.saved_profile is not None else None
    if not db.is_sqlite:
        return None  # on a server, the signed-in login is who is working
    people = list_profiles(db)
    if len(people) < 2:
        return None
    chooser = WhoIsWorkingDialog(db, people, parent=parent)
    chooser.exec()
    return chooser.chosen_id
