"""My profile: who is working — name, email, direct phone, WhatsApp, the languages spoken and the
line packets close with. Each field's problem is shown under it as it is typed (the words are
app.domain.profiles'); Save goes through `set_profile`, which also makes this the database's
current profile.

Shown from Settings → My profile…, after the first-run dialog (with "Skip for now"), and for
"Someone new…" in the Who is working? dialog (`profile_id=None`: a new person).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.countries import all_languages, language_name, resolve_language
from app.domain.errors import UserError
from app.domain.profiles import ProfileInput, ProfileRecord, profile, profile_problems, set_profile
from app.ui import theme
from app.ui.accessible import name_form_fields
from app.ui.dialog_prompts import describe_error
from app.ui.labels import plain_label
from app.ui.phone_field import INVALID_STYLE
from db.engine import Database

__all__ = ["ProfileDialog"]

FIELDS = ("name", "email", "phone", "whatsapp", "languages", "signature")
SKIP_NOTE = ("You can skip this for now, but patient packets need a real person to sign them: "
             "until your profile is set, the desk refuses to make one.")


def _note(colour: str) -> QLabel:
    label = plain_label(colour=colour)
    return label


class ProfileDialog(QDialog):
    """Edit profile `profile_id` (the placeholder's fields start empty), or make a new one (None)."""

    saved = Signal(int)  # the profile's id

    def __init__(self, db: Database, profile_id: int | None, *, first_run: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self._db = db
        self._existing: ProfileRecord | None = profile(db, profile_id) if profile_id is not None else None
        self._profile_id = profile_id
        self._touched: set[str] = set()
        self.saved_profile: ProfileRecord | None = None
        self.setWindowTitle("My profile" if profile_id is not None else "Someone new")

        intro = plain_label("Patients see these details in their packet: your name, how to reach you, and the line "
                            "the packet closes with. Every call, status change and packet is recorded under your name.")

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("profileName")
        self.name_edit.setPlaceholderText("Omar Haddad")
        self.email_edit = QLineEdit()
        self.email_edit.setObjectName("profileEmail")
        self.email_edit.setPlaceholderText("omar@agency.example")
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("profilePhone")
        self.phone_edit.setPlaceholderText("+971 2 234 5678")
        self.whatsapp_edit = QLineEdit()
        self.whatsapp_edit.setObjectName("profileWhatsapp")
        self.whatsapp_edit.setPlaceholderText("+971 50 123 4567")
        self.signature_edit = QLineEdit()
        self.signature_edit.setObjectName("profileSignature")
        self.signature_edit.setPlaceholderText("Omar Haddad, Patient Coordinator (default: your name)")
        self.language_filter = QLineEdit()
        self.language_filter.setObjectName("profileLanguageFilter")
        self.language_filter.setPlaceholderText("Type to find: Arabic, русский…")
        self.language_filter.setClearButtonEnabled(True)
        self.language_list = QListWidget()
        self.language_list.setObjectName("profileLanguages")
        self.language_list.setMinimumHeight(150)  # takes the room the dialog has to spare, so nothing gaps
        for code, name in all_languages():
            item = QListWidgetItem(f"{name} ({code})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.language_list.addItem(item)
        self.languages_summary = _note(theme.MUTED)
        self.languages_summary.setObjectName("profileLanguagesSummary")

        self.errors = {name: _note(theme.RED) for name in FIELDS}
        for name, error in self.errors.items():
            error.setObjectName(f"profileError_{name}")
            error.hide()
        self.message = _note(theme.RED)
        self.message.setObjectName("profileMessage")
        self.message.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widgets, key in (("&Name", (self.name_edit,), "name"), ("&Email", (self.email_edit,), "email"),
                                    ("Direct &phone", (self.phone_edit,), "phone"),
                                    ("&WhatsApp", (self.whatsapp_edit,), "whatsapp"),
                                    ("&Languages", (self.language_filter, self.language_list, self.languages_summary),
                                     "languages"),
                                    ("&Signature", (self.signature_edit,), "signature")):
            caption = QLabel(text)
            caption.setBuddy(widgets[0])  # Alt+letter goes to the field itself, not its column
            form.addRow(caption, self._column(*widgets, self.errors[key]))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if first_run:
            self.cancel_button.setText("Skip for now")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        name_form_fields(self)
        if first_run:
            skip = _note(theme.MUTED)
            skip.setObjectName("profileSkipNote")
            skip.setText(SKIP_NOTE)
            layout.addWidget(skip)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

        self._fill(self._existing)
        for key, edit in (("name", self.name_edit), ("email", self.email_edit), ("phone", self.phone_edit),
                          ("whatsapp", self.whatsapp_edit), ("signature", self.signature_edit)):
            edit.textEdited.connect(lambda _text, k=key: self._edited(k))
        self.language_list.itemChanged.connect(lambda _item: self._edited("languages"))
        self.language_filter.textChanged.connect(self._filter_languages)
        self.name_edit.setFocus()

    @staticmethod
    def _column(*widgets: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for widget in widgets:
            column.addWidget(widget)
        return box

    def _fill(self, record: ProfileRecord | None) -> None:
        if record is None or record.placeholder:  # the placeholder's "Coordinator" is nobody's name
            self._show_languages()
            return
        self.name_edit.setText(record.name)
        self.email_edit.setText(record.email or "")
        self.phone_edit.setText(record.phone or "")
        self.whatsapp_edit.setText(record.whatsapp or "")
        self.signature_edit.setText(record.signature or "")
        self.set_languages(record.languages)

    # ------------------------------------------------------------------ languages

    def languages(self) -> tuple[str, ...]:
        items = (self.language_list.item(row) for row in range(self.language_list.count()))
        return tuple(item.data(Qt.ItemDataRole.UserRole) for item in items if item.checkState() == Qt.CheckState.Checked)

    def set_languages(self, codes: tuple[str, ...] | list[str]) -> None:
        wanted = set(codes)
        self.language_list.blockSignals(True)
        for row in range(self.language_list.count()):
            item = self.language_list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked)
        self.language_list.blockSignals(False)
        self._show_languages()

    def _show_languages(self) -> None:
        chosen = self.languages()
        self.languages_summary.setText("Speaks: " + ", ".join(language_name(c) for c in chosen) if chosen
                                       else "Tick each language you speak: new inquiries in it can come to you.")

    def _filter_languages(self, text: str) -> None:
        """By the English name or code as typed, or by a name in another script (русский, العربية, 中文)."""
        wanted = text.strip().casefold()
        named = resolve_language(text) if wanted else None
        for row in range(self.language_list.count()):
            item = self.language_list.item(row)
            matches = wanted in item.text().casefold() or item.data(Qt.ItemDataRole.UserRole) == named
            item.setHidden(bool(wanted) and not matches)

    # ------------------------------------------------------------------ checking

    def profile_input(self) -> ProfileInput:
        return ProfileInput(name=self.name_edit.text(), email=self.email_edit.text(), phone=self.phone_edit.text(),
                            whatsapp=self.whatsapp_edit.text(), languages=self.languages(),
                            signature=self.signature_edit.text())

    def _edited(self, key: str) -> None:
        self._touched.add(key)
        if key == "languages":
            self._show_languages()
        self._show_problems(self._touched)

    def _show_problems(self, keys: set[str] | tuple[str, ...]) -> dict[str, str]:
        problems = profile_problems(self.profile_input())
        edits = {"name": self.name_edit, "email": self.email_edit, "phone": self.phone_edit,
                 "whatsapp": self.whatsapp_edit, "signature": self.signature_edit}
        for key in FIELDS:
            shown = problems.get(key, "") if key in keys else ""
            self.errors[key].setText(shown[:1].upper() + shown[1:] if shown else "")
            self.errors[key].setVisible(bool(shown))
            if key in edits:
                edits[key].setStyleSheet(f"QLineEdit {{ {INVALID_STYLE} }}" if shown else "")
        return problems

    # ------------------------------------------------------------------ save

    def accept(self) -> None:
        self._touched.update(FIELDS)
        if self._show_problems(FIELDS):
            self.message.hide()
            return
        try:
            saved = set_profile(self._db, self.profile_input(), profile_id=self._profile_id)
        except UserError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        except Exception as exc:  # noqa: BLE001 - a database problem: readable, the dialog stays
            self.message.setText(describe_error(exc))
            self.message.show()
            return
        self.saved_profile = saved
        self.saved.emit(saved.id)
        super().accept()
