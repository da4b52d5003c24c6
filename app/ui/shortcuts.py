"""Every keyboard shortcut of the desk, in one place: the window's actions, the lead's and the
case's keys, the pipeline's and the dialogs'. The widgets that make the QActions and QShortcuts
take their key sequences from here (:func:`sequence`), and Help → Keyboard shortcuts lists this
table, so the sheet and the keys cannot drift apart.

Keys a widget handles itself (the log-call dialog's single letters, Esc in the search box) are
listed as well, as :data:`WIDGET_KEYS`; they are not shortcuts Qt knows about."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

__all__ = ["OUTCOME_KEYS", "PLACES", "SHORTCUTS", "WIDGET_KEYS", "Shortcut", "sequence", "shortcut_text"]


@dataclass(frozen=True)
class Shortcut:
    keys: str  # portable text ("Ctrl+N"): QKeySequence reads it, Cmd on a Mac
    does: str  # what it does, as the sheet says it
    place: str  # where it works: one of PLACES


#: Where shortcuts work, in the sheet's order.
PLACES = ("Anywhere on the desk", "Lead list", "Pipeline", "Open lead", "New lead", "Log a call", "Patient packet")

#: By the object name of the QAction (or the name a QShortcut is known by).
SHORTCUTS: dict[str, Shortcut] = {
    "newLead": Shortcut("Ctrl+N", "New lead", "Anywhere on the desk"),
    "find": Shortcut("Ctrl+F", "Find (go to the search box)", "Anywhere on the desk"),
    "logCall": Shortcut("Ctrl+L", "Log a call with the selected lead", "Anywhere on the desk"),
    "changeStatus": Shortcut("Ctrl+Shift+S", "Change the selected lead's status", "Anywhere on the desk"),
    "nextStage": Shortcut("Ctrl+Right", "Move the selected leads to the next stage", "Anywhere on the desk"),
    "previousStage": Shortcut("Ctrl+Left", "Move the selected leads to the previous stage", "Anywhere on the desk"),
    "undoStatus": Shortcut("Ctrl+Z", "Undo the last status change", "Anywhere on the desk"),
    "printPacket": Shortcut("Ctrl+P", "Make the patient packet", "Anywhere on the desk"),
    "closeLead": Shortcut("Ctrl+W", "Close the lead shown in the lead panel", "Anywhere on the desk"),
    "showLeads": Shortcut("Ctrl+1", "Show the lead list", "Anywhere on the desk"),
    "showToday": Shortcut("Ctrl+2", "Show Today", "Anywhere on the desk"),
    "showPipeline": Shortcut("Ctrl+3", "Show the pipeline", "Anywhere on the desk"),
    "showDashboard": Shortcut("Ctrl+4", "Show the dashboard", "Anywhere on the desk"),
    "refresh": Shortcut("F5", "Read the lists again", "Anywhere on the desk"),
    "openDatabase": Shortcut("Ctrl+O", "Open another database", "Anywhere on the desk"),
    "keyboardShortcuts": Shortcut("F1", "This list of keyboard shortcuts", "Anywhere on the desk"),
    "quit": Shortcut("Ctrl+Q", "Quit", "Anywhere on the desk"),
    "openLead": Shortcut("Return", "Open the selected lead", "Lead list"),
    "assignLeads": Shortcut("Ctrl+Shift+A", "Assign the selected leads to someone", "Lead list"),
    "pipelineNextStage": Shortcut("Alt+Right", "Move the selected leads one stage forward", "Pipeline"),
    "pipelinePreviousStage": Shortcut("Alt+Left", "Move the selected leads one stage back", "Pipeline"),
    "leadSave": Shortcut("Ctrl+S", "Save the lead", "Open lead"),
    "leadLogCall": Shortcut("Ctrl+L", "Log a call with this lead", "Open lead"),
    "caseNextTab": Shortcut("Ctrl+PgDown", "Next tab of the case", "Open lead"),
    "casePreviousTab": Shortcut("Ctrl+PgUp", "Previous tab of the case", "Open lead"),
    **{f"caseTab{n}": Shortcut(f"Alt+{n}", f"Tab {n} of the case", "Open lead") for n in range(1, 10)},
    "newLeadSave": Shortcut("Ctrl+S", "Save the new lead", "New lead"),
    "packetSave": Shortcut("Ctrl+S", "Save the packet as PDF", "Patient packet"),
    "packetPrint": Shortcut("Ctrl+P", "Print the packet", "Patient packet"),
}


#: The single key that picks each outcome in the log-call dialog.
OUTCOME_KEYS: dict[str, str] = {
    "reached": "R",
    "voicemail": "V",
    "no_answer": "N",
    "busy": "B",
    "wrong_number": "W",
    "call_back_requested": "C",
    "not_interested": "I",
}


def _widget_keys() -> list[Shortcut]:
    from app.domain.follow_up_time import QUICK_PICKS
    from app.domain.lead_records import OUTCOMES

    keys = [Shortcut(letter, f"Outcome: {OUTCOMES[key].lower()}", "Log a call") for key, letter in OUTCOME_KEYS.items()]
    keys.append(Shortcut("T", "Start or stop the call timer", "Log a call"))
    keys.extend(Shortcut(str(n), f"Follow-up {label.lower()}", "Log a call") for n, (label, _days) in enumerate(QUICK_PICKS, 1))
    keys.append(Shortcut("0", "No follow-up", "Log a call"))
    keys.append(Shortcut("Return", "Save the call (Shift+Enter: a new line in the notes)", "Log a call"))
    keys.append(Shortcut("Esc", "Close the dialog (asks first when something was typed)", "Log a call"))
    keys.append(Shortcut("Down", "From the search box to the list", "Lead list"))
    keys.append(Shortcut("Esc", "Clear the search", "Lead list"))
    keys.append(Shortcut("Esc", "Close the new lead (asks first when something was typed)", "New lead"))
    return keys


#: Keys that widgets handle themselves (listed on the sheet, not QActions).
WIDGET_KEYS: tuple[Shortcut, ...] = tuple(_widget_keys())


def sequence(name: str) -> QKeySequence:
    """The key sequence of the shortcut called `name` (a KeyError names a shortcut missing here)."""
    return QKeySequence(SHORTCUTS[name].keys)


def shortcut_text(keys: str | QKeySequence) -> str:
    """The keys as this platform writes them ("Ctrl+N", "⌘N")."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
