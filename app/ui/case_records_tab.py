"""The Records tab of the case view: the checklist with a state pill per item, the files under each
item, and the moves (attach a file or a link, request what is missing, accept, send back, add an
item, open a document).

Files are attached in a worker (app.ui.background_task) with a progress dialog: a 100 MB scan is
read, checked and stored without freezing the window. Files dropped on an item are attached to it.
Opening a document writes it to a private temporary folder (0700, the file 0600; removed when
the app exits), opens it with the system's viewer (QDesktopServices), and writes the read log.
"""
from __future__ import annotations

import atexit
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.atomic_file import private_temp_folder, write_bytes_atomically
from app.domain.case_records import (
    RECORD_STATES,
    REQUEST_CHANNELS,
    RecordChecklist,
    RecordItemView,
    accept_record,
    add_record_item,
    attach_file,
    attach_link,
    read_document,
    record_checklist,
    request_records,
    send_back,
)
from app.domain.clock import Clock, utc_now
from app.domain.errors import UserError
from app.ui import theme
from app.ui.background_task import BackgroundTask
from app.ui.dialog_prompts import Prompts
from db.engine import Database

__all__ = ["STATE_COLOURS", "CaseRecordsTab", "RequestMessageDialog"]

#: Each state's pill: (background, text).
STATE_COLOURS: dict[str, tuple[str, str]] = {
    "missing": (theme.RED_BG, theme.RED),
    "requested": (theme.AMBER_BG, theme.AMBER),
    "received": ("#dde9fb", theme.ACCENT),
    "accepted": ("#dcefdc", theme.GREEN),
}
COL_RECORD, COL_STATE, COL_DETAILS = range(3)
#: Item data: ("item", key) or ("document", id, kind, link).
ROLE = Qt.ItemDataRole.UserRole + 1


def _size(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024 * 1024:
        return f"{max(size / 1024, 0.1):.0f} KB" if size >= 1024 else f"{size} B"
    return f"{size / 1024 / 1024:.1f} MB"


def _when(value: Any) -> str:
    return value.astimezone().strftime("%d %b %Y") if value else ""


def item_details(item: RecordItemView) -> str:
    """The words beside an item's pill: when and how it was asked for, received, accepted; by whom."""
    parts = []
    if item.state == "requested" and item.requested_at:
        via = REQUEST_CHANNELS.get(item.requested_via or "", item.requested_via or "")
        parts.append(f"asked {_when(item.requested_at)}" + (f" by {via}" if via else ""))
    if item.state == "received" and item.received_at:
        parts.append(f"received {_when(item.received_at)}")
    if item.state == "accepted" and item.accepted_at:
        parts.append(f"accepted {_when(item.accepted_at)}")
    if item.changed_by and item.state != "missing":
        parts.append(item.changed_by)
    if item.note:
        parts.append(item.note)
    if not item.required:
        parts.append("not asked for by the current offers")
    return " · ".join(parts)


class StatePillDelegate(QStyledItemDelegate):
    """The state column: a rounded pill in the state's colours."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        state = index.data(ROLE)
        if not isinstance(state, str) or state not in STATE_COLOURS:
            super().paint(painter, option, index)
            return
        background, foreground = STATE_COLOURS[state]
        rect: QRect = option.rect
        text = RECORD_STATES[state]
        metrics = option.fontMetrics
        width = min(rect.width() - 8, metrics.horizontalAdvance(text) + 18)
        height = min(rect.height() - 4, metrics.height() + 6)
        pill = QRect(rect.x() + 4, rect.y() + (rect.height() - height) // 2, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor(foreground))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 96), max(hint.height(), option.fontMetrics.height() + 10))


class ChecklistTree(QTreeWidget):
    """The checklist; files dropped on an item (or one of its files) are attached to that item."""

    files_dropped = Signal(str, list)  # item key, paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def item_key_at(self, tree_item: QTreeWidgetItem | None) -> str | None:
        while tree_item is not None and tree_item.parent() is not None:
            tree_item = tree_item.parent()
        if tree_item is None:
            return None
        data = tree_item.data(COL_RECORD, ROLE)
        return data[1] if isinstance(data, tuple) and data[0] == "item" else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls() and self.item_key_at(self.itemAt(event.position().toPoint())):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        key = self.item_key_at(self.itemAt(event.position().toPoint()))
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if key and paths:
            event.acceptProposedAction()
            self.files_dropped.emit(key, paths)
        else:
            event.ignore()


class RequestMessageDialog(QDialog):
    """The message asking for the missing records, to copy; "Mark requested" records the asking."""

    def __init__(self, text: str, direction: str, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Request missing records")
        self.resize(620, 460)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"The message for the patient, listing the {count} record{'' if count == 1 else 's'} "
                                "still to come. Copy it into WhatsApp or an email."))
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        if direction == "rtl":
            self.text.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("Sent by"))
        self.via = QComboBox()
        for key, words in REQUEST_CHANNELS.items():
            self.via.addItem(words, key)
        self.via.setCurrentIndex(self.via.findData("whatsapp"))
        row.addWidget(self.via)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton("Copy", QDialogButtonBox.ButtonRole.ActionRole)
        self.mark_button = buttons.addButton("Mark requested", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.copy_button.clicked.connect(self.copy)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText("Copied")

    @property
    def channel(self) -> str:
        return str(self.via.currentData())


class CaseRecordsTab(QWidget):
    """The Records tab; `show_lead(id)` loads a case (None: empty)."""

    changed = Signal(int)  # the lead id, after a move (the case view refreshes its header/History)

    def __init__(self, db: Database, *, prompts: Prompts | None = None, clock: Clock = utc_now,
                 opener: Callable[[QUrl], bool] | None = None, chosen_profile: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.prompts, self.clock = db, prompts or Prompts(), clock
        self.opener = opener or QDesktopServices.openUrl
        self.chosen_profile = chosen_profile
        self.lead_id: int | None = None
        self.checklist: RecordChecklist | None = None
        self.tasks: list[BackgroundTask] = []
        self._open_folder: Path | None = None
        #: Asked before a request message is shown; tests replace it (a modal dialog otherwise).
        self.run_request_dialog: Callable[[RequestMessageDialog], bool] = lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.basis = QLabel()
        self.basis.setStyleSheet(f"color: {theme.MUTED}")
        self.basis.setWordWrap(True)
        layout.addWidget(self.basis)
        self.tree = ChecklistTree()
        self.tree.setAccessibleName("Records checklist")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Record", "State", "Details"])
        self.tree.setItemDelegateForColumn(COL_STATE, StatePillDelegate(self.tree))
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.tree.header()
        # The record and its details share the width there is (long text is elided, whole in the
        # tooltip), so the checklist never scrolls sideways on a laptop screen.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_RECORD, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_STATE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_DETAILS, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(COL_STATE, 110)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.files_dropped.connect(self.attach_paths)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda *_: self.open_selected())
        layout.addWidget(self.tree, 1)

        buttons = QHBoxLayout()  # what to do with the chosen item
        more = QHBoxLayout()  # the checklist as a whole
        self.attach_button = QPushButton("Attach…")
        self.link_button = QPushButton("Add link…")
        self.request_button = QPushButton("Request missing…")
        self.accept_button = QPushButton("Accept")
        self.back_button = QPushButton("Send back…")
        self.add_button = QPushButton("Add item…")
        self.open_button = QPushButton("Open")
        for row, button, slot in ((buttons, self.attach_button, self.choose_files), (buttons, self.link_button, self.ask_link),
                                  (buttons, self.accept_button, self.accept_selected),
                                  (buttons, self.back_button, self.send_back_selected), (buttons, self.open_button, self.open_selected),
                                  (more, self.request_button, self.request_missing), (more, self.add_button, self.ask_new_item)):
            button.clicked.connect(slot)
            row.addWidget(button)
        buttons.addStretch(1)
        self.hint = QLabel("Drop files on an item to attach them")
        self.hint.setStyleSheet(f"color: {theme.MUTED}")
        self.hint.setWordWrap(True)
        more.addWidget(self.hint, 1)
        layout.addLayout(buttons)
        layout.addLayout(more)
        self._update_buttons()

    # ------------------------------------------------------------ loading

    def show_lead(self, lead_id: int | None) -> None:
        self.lead_id = lead_id
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_key()
        self.tree.clear()
        self.checklist = None
        if self.lead_id is None:
            self.basis.setText("")
            self._update_buttons()
            return
        try:
            self.checklist = record_checklist(self.db, self.lead_id)
        except UserError as error:
            self.basis.setText(str(error))
            self._update_buttons()
            return
        missing = len(self.checklist.missing)
        required = sum(1 for i in self.checklist.items if i.required)
        status = (f"{missing} of {required} required records still to come" if missing
                  else "Every required record is in")
        self.basis.setText(f"{status} — the checklist comes from {self.checklist.basis}.")
        for item in self.checklist.items:
            row = QTreeWidgetItem([item.label, "", item_details(item)])
            row.setData(COL_RECORD, ROLE, ("item", item.key))
            row.setData(COL_STATE, ROLE, item.state)
            row.setToolTip(COL_RECORD, f"{item.key}: {item.label}")
            for doc in item.files:
                if doc.kind == "link":
                    text, details = doc.link or "", "link" + (f" · {doc.note}" if doc.note else "")
                else:
                    text = doc.filename or f"document {doc.id}"
                    details = " · ".join(p for p in (doc.media_type, _size(doc.size), doc.note) if p)
                child = QTreeWidgetItem([text, "", f"{details} · added {_when(doc.added_at)}"
                                         + (f" by {doc.added_by}" if doc.added_by else "")])
                child.setData(COL_RECORD, ROLE, ("document", doc.id, doc.kind, doc.link))
                child.setToolTip(COL_RECORD, f"#{doc.id} sha256 {doc.sha256}" if doc.sha256 else text)
                row.addChild(child)
            self.tree.addTopLevelItem(row)
            row.setExpanded(True)
            if item.key == selected:
                row.setSelected(True)
        self._update_buttons()

    # ------------------------------------------------------------ selection

    def selected_key(self) -> str | None:
        items = self.tree.selectedItems()
        return self.tree.item_key_at(items[0]) if items else None

    def selected_item(self) -> RecordItemView | None:
        key = self.selected_key()
        if key is None or self.checklist is None:
            return None
        return next((i for i in self.checklist.items if i.key == key), None)

    def selected_document(self) -> tuple[int, str, str | None] | None:
        for tree_item in self.tree.selectedItems():
            data = tree_item.data(COL_RECORD, ROLE)
            if isinstance(data, tuple) and data[0] == "document":
                return data[1], data[2], data[3]
        item = self.selected_item()  # an item with one file: that file
        if item is not None and len(item.files) == 1:
            return item.files[0].id, item.files[0].kind, item.files[0].link
        return None

    def _update_buttons(self) -> None:
        has_case = self.checklist is not None
        item = self.selected_item()
        for button in (self.attach_button, self.link_button):
            button.setEnabled(item is not None)
        self.accept_button.setEnabled(item is not None and item.state == "received" and bool(item.files))
        self.back_button.setEnabled(item is not None and not item.outstanding)
        self.request_button.setEnabled(has_case and bool(self.checklist and self.checklist.missing))
        self.add_button.setEnabled(has_case)
        self.open_button.setEnabled(self.selected_document() is not None)

    def _moved(self) -> None:
        self.refresh()
        if self.lead_id is not None:
            self.changed.emit(self.lead_id)

    def _fail(self, title: str, error: BaseException) -> None:
        self.prompts.error(self, title, error)

    # ------------------------------------------------------------ moves

    def choose_files(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        path = self.prompts.open_path(self, f"Attach to {item.label}", str(Path.home()),
                                      "Medical records (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.dcm *.zip *.docx);;All files (*)")
        if path:
            self.attach_paths(item.key, [path])

    def attach_paths(self, key: str, paths: list[str]) -> None:
        """Attach each of `paths` to item `key`, one after the other, in a worker with progress."""
        if self.lead_id is None or not paths:
            return
        lead_id, queue = self.lead_id, list(paths)
        messages: list[str] = []

        def next_file() -> None:
            if not queue:
                self._moved()
                if messages:
                    self.hint.setText(messages[-1])
                return
            path = queue.pop(0)

            def work(control: Any) -> Any:
                def progress(done: int, total: int) -> None:
                    if control.cancelled():
                        raise UserError(f"attaching {Path(path).name} was cancelled")
                    control.progress(done, total)
                return attach_file(self.db, lead_id, key, path, progress=progress, clock=self.clock,
                                   actor_id=self.chosen_profile)

            task = BackgroundTask(work, self)
            self.tasks.append(task)

            def done(result: Any) -> None:
                self.tasks.remove(task)
                messages.append(result.message)
                if result.duplicate:
                    self.prompts.inform(self, "Already attached", result.message)
                next_file()

            def failed(error: BaseException) -> None:
                self.tasks.remove(task)
                self._fail("The file was not attached", error)
                next_file()

            task.finished.connect(done)
            task.failed.connect(failed)
            task.start(parent=self, label=f"Attaching {Path(path).name}…")

        next_file()

    def ask_link(self) -> None:
        item = self.selected_item()
        if item is None or self.lead_id is None:
            return
        url, ok = QInputDialog.getText(self, "Add a link", f"Where the imaging for {item.label} is (https://…):")
        if ok and url.strip():
            self.add_link(item.key, url)

    def add_link(self, key: str, url: str) -> None:
        if self.lead_id is None:
            return
        try:
            result = attach_link(self.db, self.lead_id, key, url, clock=self.clock, actor_id=self.chosen_profile)
        except UserError as error:
            self._fail("The link was not added", error)
            return
        if result.duplicate:
            self.prompts.inform(self, "Already added", result.message)
        self._moved()

    def request_missing(self) -> None:
        from app.domain.case_file import case_lead
        from app.packets.records_request import Addressee, message_signer, records_request_message

        if self.lead_id is None or self.checklist is None:
            return
        chosen = [i for i in self._selected_items() if i.outstanding] or self.checklist.missing
        if not chosen:
            return
        try:
            with self.db.read() as session:
                lead = case_lead(session, self.lead_id)
                patient = Addressee(lead.full_name, lead.latin_name, lead.language)
                coordinator = lead.coordinator_id
            message = records_request_message(patient, chosen, None, coordinator_name=message_signer(self.db, coordinator))
        except UserError as error:
            self._fail("Request missing records", error)
            return
        dialog = RequestMessageDialog(message.text, message.direction, len(chosen), self)
        self.last_request_dialog = dialog
        if not self.run_request_dialog(dialog):
            return
        try:
            request_records(self.db, self.lead_id, [i.key for i in chosen], via=dialog.channel, clock=self.clock,
                            actor_id=self.chosen_profile)
        except UserError as error:
            self._fail("Request missing records", error)
            return
        self._moved()

    def _selected_items(self) -> list[RecordItemView]:
        if self.checklist is None:
            return []
        keys = {self.tree.item_key_at(t) for t in self.tree.selectedItems()}
        return [i for i in self.checklist.items if i.key in keys]

    def accept_selected(self) -> None:
        item = self.selected_item()
        if item is None or self.lead_id is None:
            return
        try:
            accept_record(self.db, self.lead_id, item.key, clock=self.clock, actor_id=self.chosen_profile)
        except UserError as error:
            self._fail("Not accepted", error)
            return
        self._moved()

    def send_back_selected(self, reason: str | None = None) -> None:
        item = self.selected_item()
        if item is None or self.lead_id is None:
            return
        if not reason:
            reason, ok = QInputDialog.getText(self, "Send back", f"Why does {item.label} go back to the patient?")
            if not ok:
                return
        try:
            send_back(self.db, self.lead_id, item.key, reason or "", clock=self.clock, actor_id=self.chosen_profile)
        except UserError as error:
            self._fail("Not sent back", error)
            return
        self._moved()

    def ask_new_item(self) -> None:
        label, ok = QInputDialog.getText(self, "Add a record", "The record to ask for (e.g. Echocardiogram):")
        if ok and label.strip():
            self.add_item(label)

    def add_item(self, label: str) -> None:
        if self.lead_id is None:
            return
        try:
            add_record_item(self.db, self.lead_id, label, clock=self.clock, actor_id=self.chosen_profile)
        except UserError as error:
            self._fail("Not added", error)
            return
        self._moved()

    # ------------------------------------------------------------ opening

    def open_folder(self) -> Path:
        """A private folder for opened documents, made once per tab (0700) and removed when the
        app exits, so no medical file is left behind in the temporary folder."""
        if self._open_folder is None or not self._open_folder.is_dir():
            self._open_folder = private_temp_folder("medtour-open-")
            atexit.register(shutil.rmtree, self._open_folder, True)
        return self._open_folder

    def open_selected(self) -> Path | None:
        """Open the selected document with the system's viewer (a link in the browser); the read
        is logged. The file written, or None."""
        found = self.selected_document()
        if found is None or self.lead_id is None:
            return None
        document_id, _kind, _link = found
        try:
            info, data = read_document(self.db, self.lead_id, document_id, purpose="opened", clock=self.clock,
                                       actor_id=self.chosen_profile)
        except UserError as error:
            self._fail("The document cannot be opened", error)
            return None
        if data is None:
            self.opener(QUrl(info.link or ""))
            return None
        name = Path(info.filename or f"document-{info.id}").name
        path = self.open_folder() / f"{info.id}-{name}"
        write_bytes_atomically(path, data, private=True)
        self.opener(QUrl.fromLocalFile(str(path)))
        return path
