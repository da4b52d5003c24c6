"""Erase this person…: what will go, a typed confirmation (the reference), then the erasure off
the UI thread and a plain account of what was done — including the older copies (backups) that
still hold the person, so the coordinator knows where they live. The work is
`app.safety.erasure.erase_person`, exactly as `medtour erase`."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from app.domain.clock import Clock, utc_now
from app.safety.backups import human_size
from app.safety.erasure import ErasurePreview, ErasureResult, erase_person, erasure_preview
from app.ui.background_task import BackgroundTask
from app.ui.dialog_prompts import Prompts
from db.engine import Database

__all__ = ["EraseDialog", "describe_preview", "describe_result"]


def describe_preview(preview: ErasurePreview) -> str:
    if preview.erased_at is not None:  # erased before; some files could not be deleted then
        return "\n".join([f"{preview.reference} was erased on {preview.erased_at:%Y-%m-%d}, but "
                          f"{len(preview.packet_files)} file(s) could not be deleted then:",
                          *(f"  {name}" for name in preview.packet_files), "", "Delete them now?"])
    lines = [
        f"Erase {preview.name} ({preview.reference}) for good?",
        "",
        "Removed: name, phones, email, messengers, diagnosis, budget, consent details, the notes of "
        f"{preview.interactions} interaction(s), the values of {preview.field_edits} recorded edit(s), the reasons "
        f"of {preview.status_changes} status change(s), the search index entries and {len(preview.packet_files)} "
        "packet PDF(s) in the packets folder; and the case: "
        f"{preview.documents} medical document(s) with their contents, the records checklist, family and passport "
        "details, reviews, quotes and the schedule.",
        "Kept: the reference, the status and the dates, so counts stay right, and the read log of who opened a "
        "document when (it holds no content).",
    ]
    others = [r for r in preview.references if r != preview.reference]
    if others:
        lines += ["", f"Also erased, as the same person (merged): {', '.join(others)}."]
    return "\n".join(lines)


def describe_result(result: ErasureResult) -> str:
    lines = [f"Erased {', '.join(result.references)}."]
    if result.deleted_files:
        lines.append(f"Deleted {len(result.deleted_files)} packet file(s).")
    lines += [f"Not deleted (already gone, or outside the packets folder and not the file the app wrote): {name}"
              for name in result.files_not_deleted]
    lines += [f"Still left (not deleted: {left.reason}): {left.path}" for left in result.files_left]
    if result.files_left:
        lines.append("They stay on the erasure's to-do list: choose Erase this person… again once they can be deleted.")
    lines += result.notes
    if result.older_copies:
        lines += ["", "Older copies made before the erasure still hold this person's data until they rotate out "
                      "or you delete them:"]
        lines += [f"  {c.created_at:%Y-%m-%d %H:%M}  {human_size(c.size)}  {c.path}" for c in result.older_copies]
    return "\n".join(lines)


class EraseDialog(QDialog):
    erased = Signal(object)  # ErasureResult

    def __init__(self, db: Database, lead_key: int | str, parent: QWidget | None = None, *,
                 prompts: Prompts | None = None, clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self.db = db
        self.prompts = prompts or Prompts()
        self.clock = clock
        self.task: BackgroundTask | None = None
        self.erasure: ErasureResult | None = None  # what was erased, once done
        self.preview = erasure_preview(db, lead_key)  # a short read; raises UserError for an erased lead
        self.setWindowTitle(f"Erase {self.preview.reference}")
        self.setObjectName("eraseDialog")
        self.resize(560, 380)

        self.summary = QPlainTextEdit(describe_preview(self.preview), self)  # plain text: a name is never markup
        self.summary.setReadOnly(True)
        self.summary.setObjectName("eraseSummary")
        prompt = QLabel(f"Type the reference {self.preview.reference} to confirm:", self)
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.confirmation = QLineEdit(self)
        self.confirmation.setObjectName("eraseConfirmation")
        self.confirmation.setPlaceholderText(self.preview.reference)
        self.buttons = QDialogButtonBox(self)
        self.erase_button = self.buttons.addButton("Erase for good", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setObjectName("eraseButton")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self.erase)
        self.close_button.clicked.connect(self.reject)
        self.confirmation.textChanged.connect(self._update)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary, 1)
        layout.addWidget(prompt)
        layout.addWidget(self.confirmation)
        layout.addWidget(self.buttons)

    def confirmed(self) -> bool:
        return self.confirmation.text().strip().upper() == self.preview.reference.upper()

    def _update(self) -> None:
        self.erase_button.setEnabled(self.task is None and self.erasure is None and self.confirmed())

    def erase(self) -> BackgroundTask | None:
        if not self.confirmed() or self.task is not None or self.erasure is not None:
            return None
        task = BackgroundTask(lambda control: erase_person(self.db, self.preview.reference, clock=self.clock), self)
        task.finished.connect(self._finished)
        task.failed.connect(self._failed)
        self.task = task
        self.confirmation.setEnabled(False)
        self._update()
        task.start(parent=self, label=f"Erasing {self.preview.reference}…")
        return task

    def _finished(self, result: ErasureResult) -> None:
        self.task = None
        self.erasure = result
        self.summary.setPlainText(describe_result(result))
        self.close_button.setText("Close")
        self._update()
        self.erased.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.confirmation.setEnabled(True)
        self._update()
        self.prompts.error(self, "The erasure failed", exc)
