"""Moving leads through the pipeline from the desktop (menus, Ctrl+Right, drag to a stage) and
undoing the last move. The pipeline decides (app.domain.pipeline); this only asks and reports:

* an allowed move that needs no reason is made at once;
* an allowed move that needs a reason opens the StatusChangeDialog (one lead), or asks for one
  reason for all of them (several leads);
* a refused move shows the pipeline's own message.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from app.domain.clock import Clock, utc_now
from app.domain.errors import UserError
from app.domain.leads import change_status, get_lead, undo_last_status_change
from app.domain.pipeline import (
    MAIN_PATH,
    STATUS_INFO,
    SUGGESTED_REASONS,
    Status,
    TransitionError,
    allowed_next,
    check_transition,
)
from app.ui.i18n import domain_word, status_label, translate
from db.engine import Database


@dataclass(frozen=True)
class MoveOutcome:
    moved: tuple[int, ...]
    refused: tuple[str, ...]  # the pipeline's messages
    cancelled: bool = False


def next_stage(current: Status) -> Status | None:
    """One step forward on the main path (None at the end or from an exit)."""
    if current not in MAIN_PATH:
        return None
    index = MAIN_PATH.index(current)
    return MAIN_PATH[index + 1] if index + 1 < len(MAIN_PATH) else None


def previous_stage(current: Status) -> Status | None:
    if current not in MAIN_PATH:
        return None
    index = MAIN_PATH.index(current)
    return MAIN_PATH[index - 1] if index > 0 else None


class StatusMover(QObject):
    """Moves leads and remembers them for Undo. `prompts` is app.ui.dialog_prompts.Prompts (tests
    pass ScriptedPrompts); `ask_reason` can be replaced in tests too."""

    moved = Signal(list)  # lead ids whose status changed: once per move (of one or more leads) or undo

    def __init__(self, db: Database, *, prompts=None, clock: Clock = utc_now, actor_id: int | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        if prompts is None:
            from app.ui.dialog_prompts import Prompts

            prompts = Prompts()
        self.db, self.prompts, self.clock, self.actor_id = db, prompts, clock, actor_id
        self.undo_stack: list[int] = []  # lead ids, most recent last

    # ------------------------------------------------------------------ moves

    def move(self, parent: QWidget | None, lead_ids: Sequence[int], target: Status | str) -> MoveOutcome:
        outcome = self._move(parent, lead_ids, target)
        self._moved(outcome.moved)
        return outcome

    def _moved(self, lead_ids: Sequence[int]) -> None:
        if lead_ids:
            self.undo_stack.extend(lead_ids)
            self.moved.emit(list(lead_ids))

    def _move(self, parent: QWidget | None, lead_ids: Sequence[int], target: Status | str) -> MoveOutcome:
        target = Status(target)
        ids = list(dict.fromkeys(lead_ids))
        if not ids:
            return MoveOutcome((), ())
        currents = {lead_id: Status(get_lead(self.db, lead_id, with_history=False).status) for lead_id in ids}
        refused, movable = [], []
        for lead_id, current in currents.items():
            try:
                check_transition(current, target, "—")  # a reason is asked below when needed
            except TransitionError as exc:
                refused.append(_sentence(str(exc)))
                continue
            movable.append(lead_id)
        moved: list[int] = []
        if movable and STATUS_INFO[target].reason_required:
            if len(movable) == 1:
                moved = self._move_with_dialog(parent, movable[0], target)
                if not moved:
                    return MoveOutcome((), tuple(refused), cancelled=True)
            else:
                reason = self.ask_reason(parent, target, len(movable))
                if not reason:
                    return MoveOutcome((), tuple(refused), cancelled=True)
                moved = self._apply(parent, movable, target, reason, refused)
        elif movable:
            moved = self._apply(parent, movable, target, None, refused)
        if refused:
            title = translate("StatusMoves", "Move refused") if not moved else translate("StatusMoves", "Some moves refused")
            self.prompts.inform(parent, title, "\n".join(dict.fromkeys(refused)))
        return MoveOutcome(tuple(moved), tuple(refused))

    def move_forward(self, parent: QWidget | None, lead_ids: Sequence[int]) -> MoveOutcome:
        """Ctrl+Right: each lead one stage forward; a lead at the end or in an exit is refused."""
        return self._step(parent, lead_ids, forward=True)

    def move_back(self, parent: QWidget | None, lead_ids: Sequence[int]) -> MoveOutcome:
        """Ctrl+Left: the pipeline does not go backwards; its message says where the lead may go."""
        return self._step(parent, lead_ids, forward=False)

    def _step(self, parent: QWidget | None, lead_ids: Sequence[int], *, forward: bool) -> MoveOutcome:
        groups: dict[Status, list[int]] = {}
        refused: list[str] = []
        for lead_id in dict.fromkeys(lead_ids):
            current = Status(get_lead(self.db, lead_id, with_history=False).status)
            target = next_stage(current) if forward else previous_stage(current)
            if target is None:
                options = ", ".join(status_label(s) for s in allowed_next(current))
                where = (translate("StatusMoves", "the end of the pipeline") if current is MAIN_PATH[-1]
                         else f"'{status_label(current)}'")
                refused.append((translate("StatusMoves", "A lead at {where} has no next stage; it may move to: {options}.") if forward
                                else translate("StatusMoves", "A lead at {where} has no previous stage; it may move to: {options}."))
                               .format(where=where, options=options))
                continue
            groups.setdefault(target, []).append(lead_id)
        if refused and not groups:
            self.prompts.inform(parent, translate("StatusMoves", "Move refused"), "\n".join(dict.fromkeys(refused)))
            return MoveOutcome((), tuple(refused))
        moved: list[int] = []
        all_refused = list(refused)
        for target, ids in groups.items():
            outcome = self._move(parent, ids, target)
            moved.extend(outcome.moved)
            all_refused.extend(outcome.refused)
        self._moved(moved)  # one announcement for the whole step, whatever stages the leads went to
        if refused and groups:
            self.prompts.inform(parent, translate("StatusMoves", "Some moves refused"), "\n".join(dict.fromkeys(refused)))
        return MoveOutcome(tuple(moved), tuple(all_refused))

    def _apply(self, parent, lead_ids: list[int], target: Status, reason: str | None, refused: list[str]) -> list[int]:
        moved = []
        for lead_id in lead_ids:
            try:
                change_status(self.db, lead_id, target, reason, actor_id=self.actor_id, clock=self.clock)
            except UserError as exc:
                refused.append(_sentence(str(exc)))
            else:
                moved.append(lead_id)
        return moved

    def _move_with_dialog(self, parent: QWidget | None, lead_id: int, target: Status) -> list[int]:
        from app.ui.status_dialog import StatusChangeDialog

        dialog = StatusChangeDialog(self.db, lead_id, target, clock=self.clock, actor_id=self.actor_id, prompts=self.prompts,
                                    parent=parent)
        done: list[int] = []
        dialog.statusChanged.connect(lambda i: done.append(int(i)))
        dialog.exec()
        dialog.deleteLater()
        return done

    def ask_reason(self, parent: QWidget | None, target: Status, count: int) -> str | None:
        label = status_label(target)
        suggested = {domain_word(reason): reason for reason in SUGGESTED_REASONS.get(target, ())}
        text, ok = QInputDialog.getItem(
            parent, translate("StatusMoves", "Move to {status}").format(status=label),
            translate("StatusMoves", "Why is this lead '{status}'?").format(status=label) if count == 1
            else translate("StatusMoves", "Why are these %Ln leads '{status}'?", None, count).format(status=label),
            list(suggested), 0, True,
        )
        text = text.strip()
        return suggested.get(text, text) if ok and text else None  # a suggested reason in the pipeline's own words

    # ------------------------------------------------------------------ undo

    def can_undo(self) -> bool:
        return bool(self.undo_stack)

    def undo(self, parent: QWidget | None, fallback_lead_id: int | None = None) -> int | None:
        """Undo the last status change made from this window (else the selected lead's last one)."""
        lead_id = self.undo_stack.pop() if self.undo_stack else fallback_lead_id
        if lead_id is None:
            self.prompts.inform(parent, translate("StatusMoves", "Nothing to undo"),
                                translate("StatusMoves",
                                    "No status change was made in this window; select a lead to undo its last change."))
            return None
        try:
            move = undo_last_status_change(self.db, lead_id, actor_id=self.actor_id, clock=self.clock)
        except UserError as exc:
            self.prompts.inform(parent, translate("StatusMoves", "Nothing to undo"), _sentence(str(exc)))
            return None
        self.moved.emit([lead_id])
        self.last_undo = move
        return lead_id

    def remember(self, lead_id: int) -> None:
        """A dialog (the editor, the status dialog) moved this lead: Undo can take it back."""
        self.undo_stack.append(lead_id)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return (text[0].upper() + text[1:]) if text else text
