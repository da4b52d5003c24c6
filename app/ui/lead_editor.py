"""One lead, open for work, as a case (app.ui.case_view): a header with the actions, and tabs —
Details (lead_form.LeadForm), History (lead_timeline) and those other modules add
(`editor.case.add_case_tab`). Status moves, logging calls, duplicate warnings and merging.

Saving sends only the fields that changed, against the version that was loaded. When someone
saved the lead in the meantime, nothing is overwritten: the conflict dialog shows both versions
and the coordinator chooses. Dialogs are opened window-modal without blocking (`open()`), so the
editor stays responsive and tests can drive them.

    editor = LeadEditor(db, lead_id, actor_id=me)
    editor.changed.connect(desk_changes.announce)   # a LeadChanges after each save, call, move or merge
    editor.openLeadRequested.connect(main_window.open_lead)
    dialog = LeadEditor.new_lead(db, window, actor_id=me)   # a QDialog: connect `created`, then open()
"""
from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QMenu, QPushButton, QVBoxLayout, QWidget

from app.domain import consent
from app.domain.changed_elsewhere import changed_elsewhere
from app.domain.clock import Clock, utc_now
from app.domain.duplicate_check import DuplicateMatch, find_duplicate
from app.domain.errors import ConflictError
from app.domain.lead_change_set import LOGGED_CALL_KINDS, ChangeKind, LeadChanges
from app.domain.lead_changes import lead_changes, normalised
from app.domain.lead_history import lead_history
from app.domain.lead_records import CoordinatorRecord, LeadDetail
from app.domain.leads import get_lead, list_coordinators, undo_last_status_change, update_lead
from app.domain.pipeline import STATUS_INFO, Status, allowed_next
from app.ui import i18n, theme
from app.ui.case_header import CaseHeader, candidate_zones
from app.ui.case_view import CaseView, VerticalScrollArea
from app.ui.conflict_dialog import ConflictDialog
from app.ui.dialog_prompts import Prompts
from app.ui.duplicate_banner import DuplicateBanner
from app.ui.i18n import translate
from app.ui.labels import plain_label
from app.ui.lead_changed_banner import LeadChangedBanner
from app.ui.lead_form import DUPLICATE_CHECK_DELAY, LeadForm, confirm_health_data
from app.ui.lead_timeline import LeadTimeline
from app.ui.log_call_dialog import LogCallDialog
from app.ui.merge_dialog import MergeDialog
from app.ui.shortcuts import sequence
from app.ui.status_dialog import StatusChangeDialog
from db.engine import Database

__all__ = ["LeadEditor"]

#: The origin named in the changes an editor announces.
ORIGIN = "editor"

class LeadEditor(QWidget):
    changed = Signal(object)  # LeadChanges: what a save, call, status move or merge made here changed
    openLeadRequested = Signal(int)

    def __init__(self, db: Database, lead_id: int, *, clock: Clock = utc_now, actor_id: int | None = None,
                 parent: QWidget | None = None, prompts: Prompts | None = None) -> None:
        super().__init__(parent)
        self._db, self._lead_id, self._clock, self._actor_id = db, lead_id, clock, actor_id
        self.prompts = prompts or Prompts()
        self.coordinators: list[CoordinatorRecord] = list_coordinators(db)
        self.base: LeadDetail  # the version the form was loaded from; saves go against it
        self.shown: LeadDetail  # the newest version read (header, history, status)
        self.conflict_dialog: ConflictDialog | None = None
        self.status_dialog: StatusChangeDialog | None = None
        self.log_call_dialog: LogCallDialog | None = None
        self.merge_dialog: MergeDialog | None = None
        self._build()
        self._duplicate_timer = QTimer(self)
        self._duplicate_timer.setSingleShot(True)
        self._duplicate_timer.setInterval(DUPLICATE_CHECK_DELAY)
        self._duplicate_timer.timeout.connect(self.check_duplicates)
        self._connect()
        self._load(get_lead(db, lead_id))
        self.check_duplicates()

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        self.setObjectName("leadEditor")
        self.log_call_button = QPushButton(translate("LeadEditor", "Log call…"))
        self.log_call_button.setObjectName("logCallButton")
        self.log_call_button.setToolTip(translate("LeadEditor", "Log a call (Ctrl+L)"))
        self.status_button = QPushButton(translate("LeadEditor", "Move to"))
        self.status_button.setObjectName("statusButton")
        self.status_menu = QMenu(self.status_button)
        self.status_button.setMenu(self.status_menu)
        self.save_button = QPushButton(translate("LeadEditor", "Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(translate("LeadEditor", "Save (Ctrl+S)"))
        self.save_state = plain_label(colour=theme.MUTED, name="saveState")
        self.header = CaseHeader([self.save_state, self.log_call_button, self.status_button, self.save_button], clock=self._clock)
        self.name_label, self.status_chip, self.facts_label = self.header.name_label, self.header.status_chip, self.header.facts_label

        self.banner = DuplicateBanner(self)
        self.changed_banner = LeadChangedBanner(self)
        self.form = LeadForm(clock=self._clock)
        holder = QWidget()
        holder_column = QVBoxLayout(holder)
        holder_column.setContentsMargins(0, 8, 8, 8)
        holder_column.addWidget(self.form)
        details = VerticalScrollArea(holder)
        details.setObjectName("leadFormScroll")
        self.timeline = LeadTimeline()
        self.timeline.heading.hide()  # the tab says "History (n)"
        self.case = CaseView(self.header, notices=[self.changed_banner, self.banner])
        self.header.zoneAsked.connect(self.ask_zone)
        self.case.add_tab("details", translate("LeadEditor", "Details"), details)
        self.case.add_tab("history", translate("LeadEditor", "History"), self.timeline)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.case)

    def _connect(self) -> None:
        self.save_button.clicked.connect(self.save)
        self.log_call_button.clicked.connect(self.open_log_call)
        save = QShortcut(sequence("leadSave"), self)
        save.setObjectName("leadSave")
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        log = QShortcut(sequence("leadLogCall"), self)
        log.setObjectName("leadLogCall")
        log.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        log.activated.connect(self.open_log_call)
        self.form.edited.connect(self._update_save_state)
        self.form.contactsEdited.connect(self._duplicate_timer.start)
        self.banner.openRequested.connect(self.openLeadRequested)
        self.banner.mergeRequested.connect(self.open_merge)
        self.changed_banner.reloadRequested.connect(self.discard_and_reload)

    # ------------------------------------------------------------------ state

    @property
    def lead_id(self) -> int:
        return self._lead_id

    def pending_changes(self) -> dict[str, Any]:
        """The fields edited in the form and not saved yet."""
        return lead_changes(self.base.editable_values(), self.form.values())

    def is_dirty(self) -> bool:
        return bool(self.pending_changes())

    def _load(self, detail: LeadDetail) -> None:
        """Show `detail` everywhere; the form's edits are replaced."""
        self.base = detail
        self.changed_banner.clear()
        self.form.load(detail, self.coordinators)
        self._show(detail)
        self._update_save_state()

    def _show(self, detail: LeadDetail) -> None:
        """Header, status and history from `detail` (the form is left alone)."""
        self.shown = detail
        self.header.show_detail(detail)
        self._fill_status_menu(Status(detail.status))
        entries = lead_history(detail)
        self.timeline.set_entries(entries, self._clock())
        self.case.set_tab_title("history", translate("LeadEditor", "History ({count})").format(count=i18n.number(len(entries))))
        self.case.show_lead(detail.id)

    def _fill_status_menu(self, current: Status) -> None:
        self.status_menu.clear()
        for status in allowed_next(current):
            info = STATUS_INFO[status]
            action = QAction(i18n.status_label(status) + ("…" if info.reason_required else ""), self.status_menu)
            action.setData(status.value)
            action.triggered.connect(lambda _=False, s=status: self.open_status_dialog(s))
            self.status_menu.addAction(action)
        self.status_menu.addSeparator()
        undo = self.status_menu.addAction(translate("LeadEditor", "Undo the last status change"))
        undo.setEnabled(len(self.shown.status_history) > 1)
        undo.triggered.connect(self.undo_status)

    def _update_save_state(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.save_state.setText(translate("LeadEditor", "Unsaved changes") if dirty else "")

    def reload(self) -> None:
        """Read the lead again (after a change elsewhere). Without unsaved edits a newer version is
        loaded quietly. Unsaved edits are kept: then only the header and history refresh, a newer
        version shows the banner (who changed what, and Reload), and a later save is checked
        against the version loaded (the conflict dialog, for the race that remains)."""
        fresh = get_lead(self._db, self._lead_id)
        if not self.is_dirty():
            if fresh.version != self.base.version:
                self._load(fresh)
            else:
                self._show(fresh)
            return
        self._show(fresh)
        if fresh.version > self.base.version:
            self.changed_banner.show_change(changed_elsewhere(self.base, fresh), self._clock())

    def discard_and_reload(self) -> bool:
        """The banner's Reload: after the coordinator agrees, the unsaved edits are dropped and the
        newest version is shown. True when reloaded."""
        if self.is_dirty() and not self.prompts.ask(
                self, translate("LeadEditor", "Discard your changes?"),
                    translate("LeadEditor", "This lead was changed elsewhere. Reload it and lose the changes made here?"),
                yes=translate("LeadEditor", "Reload and discard"), no=translate("LeadEditor", "Keep editing")):
            return False
        self._load(get_lead(self._db, self._lead_id))
        self.save_state.setText(translate("LeadEditor", "Reloaded"))
        return True

    def _after_own_action(self, changes: LeadChanges) -> None:
        """Our own status move, call or merge changed the lead (and its version): carry unsaved
        edits over to the new version when the action did not touch those fields; otherwise keep
        the old base so that saving shows the conflict instead of hiding it."""
        pending = self.pending_changes()
        fresh = get_lead(self._db, self._lead_id)
        before, after = self.base.editable_values(), fresh.editable_values()
        untouched = all(normalised(f, before.get(f)) == normalised(f, after.get(f)) for f in pending)
        if not pending:
            self._load(fresh)
        elif untouched:
            self._load(fresh)
            self.form.set_values({**after, **pending})
            self._update_save_state()
        else:
            self._show(fresh)
        self.changed.emit(changes)

    def _own(self, *kinds: ChangeKind) -> LeadChanges:
        return LeadChanges.of([self._lead_id], *kinds, origin=ORIGIN)

    # ------------------------------------------------------------------ save

    def save(self) -> bool:
        """Save the edited fields; True when they are saved (or there was nothing to save)."""
        problems = self.form.problems()
        if problems:
            self.prompts.error(self, translate("LeadEditor", "Cannot save yet"), "\n".join(problems))
            return False
        values = self.form.values()
        changes = lead_changes(self.base.editable_values(), values)
        if not changes:
            self.save_state.setText(translate("LeadEditor", "Nothing to save"))
            return True
        if not confirm_health_data(self, self.prompts, consent.consent_warning_for_save(changes, current=values)):
            return False
        return self._save(changes, self.base.version)

    def ask_zone(self) -> bool:
        """Ask which of the number's time zones is the patient's, and keep the answer on the lead
        (the local time is then exact everywhere: the list, Today, the header)."""
        now = self._clock()
        options = []
        for zone in candidate_zones(self.base):
            local = now.astimezone(ZoneInfo(zone))
            options.append((zone, translate("LeadEditor", "{city} — now {time} ({zone})").format(
                city=zone.split('/')[-1].replace('_', ' '), time=i18n.time_text(local), zone=zone)))
        if len(options) < 2:
            return False
        chosen = self.prompts.pick(self, translate("LeadEditor", "The patient's time zone"),
                                   translate("LeadEditor", "{name}'s number covers {count} time zones. Which is theirs? "
                                             "It is kept on the lead, so the local time is exact from now on.").format(
                                       name=self.base.full_name, count=i18n.number(len(options))), options)
        if chosen is None:
            return False
        return self._save({"timezone": chosen}, self.base.version)

    def _save(self, changes: dict[str, Any], version: int) -> bool:
        try:
            saved = update_lead(self._db, self._lead_id, version, changes, actor_id=self._actor_id, clock=self._clock)
        except ConflictError as conflict:
            self._open_conflict(changes, conflict)
            return False
        except Exception as exc:  # noqa: BLE001 - readable message; the edits stay in the form
            self.save_state.setText(translate("LeadEditor", "Not saved: your changes are kept here"))
            self.prompts.error(self, translate("LeadEditor", "Not saved"), exc)
            return False
        self._load(saved)
        self.save_state.setText(translate("LeadEditor", "Saved {time}").format(time=i18n.time_text(self._clock().astimezone())))
        self.changed.emit(self._own(ChangeKind.FIELDS))
        return True

    def _open_conflict(self, changes: dict[str, Any], conflict: ConflictError) -> None:
        names = {c.id: c.name for c in self.coordinators}
        dialog = ConflictDialog(self.base.reference, changes, conflict.theirs,
                                original=self.base.editable_values(), coordinators=names, parent=self)
        dialog.chosen.connect(lambda choice: self._resolve_conflict(choice, changes, conflict.current_version))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.conflict_dialog = dialog
        self.save_state.setText(translate("LeadEditor", "Not saved: changed by someone else"))
        dialog.open()

    def _resolve_conflict(self, choice: str, changes: dict[str, Any], current_version: int) -> None:
        self.conflict_dialog = None
        if choice == ConflictDialog.KEEP_THEIRS:
            self._load(get_lead(self._db, self._lead_id))
            self.save_state.setText(translate("LeadEditor", "Reloaded: your changes were discarded"))
        elif choice == ConflictDialog.REAPPLY_MINE:
            self._save(changes, current_version)

    # ------------------------------------------------------------------ duplicates

    def check_duplicates(self) -> DuplicateMatch | None:
        values = self.form.values()
        match = find_duplicate(self._db, [raw for raw, _ in values["phones"]], values["email"],
                               values["country"], exclude_id=self._lead_id)
        self.banner.show_match(match)
        return match

    def open_merge(self, other_id: int) -> MergeDialog:
        dialog = MergeDialog(self._db, self._lead_id, other_id, clock=self._clock, actor_id=self._actor_id, parent=self)
        dialog.merged.connect(self._merged)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.merge_dialog = dialog
        dialog.open()
        return dialog

    def _merged(self, kept: int, dropped: int) -> None:
        self.banner.show_match(None)
        self._after_own_action(LeadChanges.of([kept, dropped], ChangeKind.MERGED, origin=ORIGIN))
        if dropped == self._lead_id:
            self.openLeadRequested.emit(kept)

    # ------------------------------------------------------------------ status and calls

    def open_status_dialog(self, target: Status | str | None = None) -> StatusChangeDialog:
        dialog = StatusChangeDialog(self._db, self._lead_id, target, clock=self._clock,
                                    actor_id=self._actor_id, prompts=self.prompts, parent=self)
        dialog.statusChanged.connect(lambda _id: self._after_own_action(self._own(ChangeKind.STATUS)))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.status_dialog = dialog
        dialog.open()
        return dialog

    def undo_status(self) -> None:
        try:
            undo_last_status_change(self._db, self._lead_id, actor_id=self._actor_id, clock=self._clock)
        except Exception as exc:  # noqa: BLE001 - readable message
            self.prompts.error(self, translate("LeadEditor", "Cannot undo"), exc)
            return
        self._after_own_action(self._own(ChangeKind.STATUS))

    def open_log_call(self) -> LogCallDialog:
        dialog = LogCallDialog(self._db, self._lead_id, clock=self._clock, actor_id=self._actor_id, prompts=self.prompts,
                               parent=self)
        dialog.logged.connect(lambda _id: self._after_own_action(self._own(*LOGGED_CALL_KINDS)))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.log_call_dialog = dialog
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ new leads

    @staticmethod
    def new_lead(db: Database, parent: QWidget | None = None, *, clock: Clock = utc_now,
                 actor_id: int | None = None, prompts: Prompts | None = None):
        """A dialog with the same form for a new lead (signals `created(int)`, `openLeadRequested(int)`);
        the caller connects them and calls `open()` or `exec()`."""
        from app.ui.new_lead_dialog import NewLeadDialog

        return NewLeadDialog(db, parent, clock=clock, actor_id=actor_id, prompts=prompts)
