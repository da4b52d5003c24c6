"""The lead panel beside the views: one tab per open lead, each a LeadEditor (a case view).

It opens (or brings forward) a lead's tab, titles it with the lead's name, asks before closing a
tab with unsaved edits, and follows the desk's changes: an open lead that changed elsewhere is
read again (unsaved edits are kept; see LeadEditor.reload) and retitled. What an editor changes
it announces on the desk's hub like every other producer.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.lead_change_set import LeadChanges
from app.domain.leads import get_lead
from app.ui.i18n import translate
from app.ui.main_window import MainWindow
from app.ui.operations import DeskChanges
from db.engine import Database

if TYPE_CHECKING:  # the editor's module is imported when the first lead is opened
    from app.ui.lead_editor import LeadEditor

__all__ = ["CASE_WIDTH", "TITLE_LENGTH", "LeadPanel", "LeadTab"]

#: Longer names are cut to this many characters on a tab (the tooltip has all of it).
TITLE_LENGTH = 22
#: The width a case is comfortable at; the panel opens this wide when the window has the room.
CASE_WIDTH = 820


class LeadTab(QWidget):
    """One open lead: its editor. Not in a scroll area: the panel is never narrower than the case
    needs (its minimum width), and the case scrolls its tabs up and down by itself."""

    def __init__(self, editor: LeadEditor) -> None:
        super().__init__()
        self.editor = editor
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(editor)

    @property
    def lead_id(self) -> int:
        return self.editor.lead_id


class LeadPanel(QObject):
    """Owns the window's lead tabs. `make_editor(lead_id)` builds a LeadEditor for a lead."""

    tabsChanged = Signal()  # a tab was opened, closed or made current

    def __init__(self, window: MainWindow, db: Database, hub: DeskChanges, make_editor: Callable[[int], LeadEditor], *,
                 prompts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window, self.db, self.hub, self.prompts = window, db, hub, prompts
        self._make_editor = make_editor
        self.tabs: dict[int, LeadTab] = {}
        window.lead_tabs.tabCloseRequested.connect(self.close_tab)
        window.lead_tabs.currentChanged.connect(lambda _i: self.tabsChanged.emit())
        hub.changed.connect(self.apply_changes)

    # ------------------------------------------------------------------ tabs

    def current_tab(self) -> LeadTab | None:
        widget = self.window.lead_tabs.currentWidget()
        return widget if isinstance(widget, LeadTab) else None

    def current_lead_id(self) -> int | None:
        tab = self.current_tab()
        return tab.lead_id if tab is not None else None

    def count(self) -> int:
        return self.window.lead_tabs.count()

    def open(self, lead_id: int) -> LeadTab:
        """Show the lead in the panel (its tab if already open)."""
        w = self.window
        tab = self.tabs.get(lead_id)
        if tab is None:
            editor = self._make_editor(lead_id)
            editor.changed.connect(self.hub.announce)
            editor.openLeadRequested.connect(lambda other_id: self.open(int(other_id)))
            tab = LeadTab(editor)
            self.tabs[lead_id] = tab
            w.lead_tabs.addTab(tab, "")
            self.retitle(lead_id)
        w.lead_tabs.setCurrentWidget(tab)
        w.show_lead_tabs()
        w.lead_dock.show()
        w.lead_dock.raise_()
        w.fit_lead_panel(max(CASE_WIDTH, tab.editor.minimumSizeHint().width()))
        self.tabsChanged.emit()
        return tab

    def retitle(self, lead_id: int) -> None:
        tab = self.tabs.get(lead_id)
        if tab is None:
            return
        try:
            detail = get_lead(self.db, lead_id, with_history=False)
        except Exception:  # noqa: BLE001 - an erased or merged lead keeps its old title
            return
        name = detail.full_name
        tabs = self.window.lead_tabs
        index = tabs.indexOf(tab)
        tabs.setTabText(index, name if len(name) <= TITLE_LENGTH else name[:TITLE_LENGTH - 1] + "…")
        tabs.setTabToolTip(index, f"{detail.reference} · {name}")

    def close_current(self) -> None:
        index = self.window.lead_tabs.currentIndex()
        if index >= 0:
            self.close_tab(index)

    def close_tab(self, index: int) -> bool:
        """Close a tab; a tab with unsaved edits only if the coordinator agrees. True when closed."""
        tabs = self.window.lead_tabs
        tab = tabs.widget(index)
        if not isinstance(tab, LeadTab):
            return False
        if tab.editor.is_dirty():
            name = tabs.tabToolTip(index) or tabs.tabText(index)
            if not self.prompts.ask(self.window,
                translate("LeadPanel", "Unsaved changes"),
                    translate("LeadPanel", "{name} has changes that are not saved. Close it and lose them?").format(name=name),
                                    yes=translate("LeadPanel", "Close without saving"), no=translate("LeadPanel", "Keep editing")):
                return False
        tabs.removeTab(index)
        self.tabs.pop(tab.lead_id, None)
        tab.deleteLater()
        self.window.show_lead_tabs()
        if tabs.count() == 0:
            self.window.lead_dock.hide()  # the list gets its room back
        self.tabsChanged.emit()
        return True

    # ------------------------------------------------------------------ changes

    def apply_changes(self, changes: LeadChanges) -> None:
        """Open leads that changed are read again and retitled."""
        for lead_id, tab in list(self.tabs.items()):
            if not changes.affects(lead_id):
                continue
            try:
                tab.editor.reload()
            except Exception:  # noqa: BLE001 - a lead erased or merged meanwhile keeps its last view
                continue
            self.retitle(lead_id)

