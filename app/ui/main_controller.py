"""The main window's behaviour: what every menu item, shortcut and view signal does.

`DeskController` builds the models and the per-view controllers, wires the menus and shortcuts,
and opens the call, status, import and packet dialogs. What they change is announced on one
hub (`changes`, an app.ui.operations.DeskChanges); the lead list, Today, Pipeline, the
dashboard and the open lead tabs each subscribe and refresh themselves. Its parts live apart:
the lead tabs in app.ui.lead_panel, the remembered layout in app.ui.window_state, the Safety
menu in app.ui.safety_menu, opening another database and demo data in app.ui.database_switch.
Dialog modules are imported when first used, so the window starts without loading them.
"""
from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QDialog

from app.domain.clock import Clock, utc_now
from app.domain.dashboard_stats import status_counts, total_leads, waiting_for_contact_count
from app.domain.lead_change_set import LOGGED_CALL_KINDS, ChangeKind, LeadChanges
from app.domain.leads import list_coordinators
from app.domain.profiles import working_profile, working_profile_id
from app.domain.team_roles import Permission, may
from app.ui import i18n
from app.ui.background_task import BackgroundTask
from app.ui.case_tabs import CaseTabFactory
from app.ui.database_switch import MAX_DEMO_LEADS, DatabaseSwitch
from app.ui.desk_person import desk_person
from app.ui.i18n import status_label, translate
from app.ui.lead_list_model import LeadListModel, Restriction
from app.ui.lead_list_view import LeadListController, default_loaders
from app.ui.lead_panel import LeadPanel, LeadTab
from app.ui.main_window import VIEW_DASHBOARD, VIEW_LEADS, VIEW_PIPELINE, VIEW_TODAY, MainWindow
from app.ui.operations import DeskChanges
from app.ui.pipeline_view import PipelineController
from app.ui.status_moves import StatusMover
from app.ui.today_view import TodayController
from app.ui.window_state import restore_window, save_window
from db.engine import Database

if TYPE_CHECKING:
    from app.ui.dashboard_view import DashboardController
    from app.ui.lead_editor import LeadEditor
    from app.ui.live_changes import LiveChanges
    from app.ui.safety_actions import SafetyActions
    from app.ui.team_watch import TeamWatch


class DeskController(QObject):
    """Wires a MainWindow to a Database."""

    def __init__(self, window: MainWindow, db: Database, *, clock: Clock = utc_now, zone: tzinfo | None = None,
                 prompts=None, actor_id: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if prompts is None:
            from app.ui.dialog_prompts import Prompts

            prompts = Prompts()
        self.window, self.db, self.clock, self.zone, self.prompts = window, db, clock, zone, prompts
        from app.storage import reerased

        if (again := reerased(db)) is not None:  # opening an older copy erased people again: say so
            window.statusBar().showMessage(f"{again.words()[0].upper()}{again.words()[1:]}", 30000)
        # Who is working this session: the start-up's "Who is working?" choice, else the database's own answer.
        self.actor_id = working_profile_id(db, actor_id)
        self.changes = DeskChanges(self)  # every change to leads made in (or reported to) this window
        self.dashboard: DashboardController | None = None  # built on first show
        self.safety: SafetyActions | None = None  # the Safety menu, added just after start-up
        self.live: LiveChanges | None = None  # other desks' changes, once started (start_live_changes)
        self.team_watch: TeamWatch | None = None  # leads given to this person; untouched inquiries moved on
        self._tasks: list[BackgroundTask] = []
        self._dialogs: list[QDialog] = []
        #: (key, title, factory): the tabs every lead opened from now on gets (app.ui.case_tabs).
        self.case_tabs: list[tuple[str, str, CaseTabFactory]] = []
        self._install_case_tabs()

        self.person = desk_person(db, self.actor_id)  # who works here: a coordinator's desk opens on their own leads
        self._fit_actions_to_role()
        self.list_model = LeadListModel(db, clock=clock, zone=zone, parent=self)
        self.leads = LeadListController(window.lead_list, self.list_model, parent=self)
        if self.person is not None and self.person.works_own_leads:
            self.leads.show_mine(self.person.id)
        self.today = TodayController(window.today, db, clock=clock, zone=zone, parent=self, person=self.person,
                                     coordinators=lambda: [(c.name, c.id) for c in list_coordinators(db)])
        self.pipeline_model = LeadListModel(db, clock=clock, zone=zone, load=False, parent=self)
        self.pipeline = PipelineController(window.pipeline, self.pipeline_model, lambda: status_counts(db), parent=self,
                                           waiting_loader=lambda: waiting_for_contact_count(db))
        self.mover = StatusMover(db, prompts=prompts, clock=clock, actor_id=self.actor_id, parent=self)
        self.panel = LeadPanel(window, db, self.changes, self._make_editor, prompts=prompts, parent=self)
        self.database = DatabaseSwitch(window, db, self.changes, prompts=prompts, parent=self)
        self.switchDatabase = self.database.switchDatabase  # a Database the user opened; the application swaps windows
        for view in (self.leads, self.today, self.pipeline):
            view.subscribe(self.changes)

        self._wire()
        restore_window(window, self.show_view)
        self.update_status_bar()
        self.update_actions()
        self.show_who_is_working()

    # ------------------------------------------------------------------ wiring

    def _wire(self) -> None:
        w, a = self.window, self.window.actions
        a.new_lead.triggered.connect(self.new_lead)
        a.open_lead.triggered.connect(self.open_selected)
        a.log_call.triggered.connect(self.log_call)
        a.change_status.triggered.connect(self.change_status)
        a.next_stage.triggered.connect(lambda: self.mover.move_forward(self.window, self.selected_lead_ids()))
        a.previous_stage.triggered.connect(lambda: self.mover.move_back(self.window, self.selected_lead_ids()))
        a.print_packet.triggered.connect(self.print_packet)
        a.close_lead.triggered.connect(self.close_current_lead)
        a.undo_status.triggered.connect(self.undo_status)
        a.find.triggered.connect(self.find)
        a.refresh.triggered.connect(self.refresh_all)
        a.import_leads.triggered.connect(self.import_leads)
        a.export_leads.triggered.connect(self.export_leads)
        a.open_database.triggered.connect(self.database.open_database)
        a.load_demo.triggered.connect(self.database.load_demo)
        a.quit.triggered.connect(w.close)
        a.about.triggered.connect(self.about)
        a.keyboard_shortcuts.triggered.connect(self.show_keyboard_shortcuts)
        w.addAction(a.keyboard_shortcuts)
        a.my_profile.triggered.connect(self.edit_profile)
        a.catalogue.triggered.connect(self.open_catalogue)
        a.preferences.triggered.connect(self.open_preferences)
        for index, action in enumerate(a.show_views):
            action.triggered.connect(lambda _checked=False, i=index: self.show_view(i))
        for status, action in a.move_to.items():
            action.triggered.connect(lambda _checked=False, s=status: self.mover.move(self.window, self.selected_lead_ids(), s))
        for action in (a.find, a.refresh, a.undo_status, a.next_stage, a.previous_stage, a.close_lead, *a.show_views):
            w.addAction(action)  # shortcuts work even when the menu bar is hidden (macOS full screen, tests)
        # The lead editor has its own Ctrl+L for its lead; ours acts on the views only, so the two never
        # compete (Qt would treat two live shortcuts with one key as ambiguous and fire neither).
        a.log_call.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        w.views.addAction(a.log_call)

        self.leads.enable_assigning(self.db, self.changes, actor_id=self.actor_id, clock=self.clock)
        self.leads.openLead.connect(self.open_lead)
        self.today.openLead.connect(self.open_lead)
        self.pipeline.openLead.connect(self.open_lead)
        self.pipeline.moveRequested.connect(lambda ids, status: self.mover.move(self.window, ids, status))
        for source in (self.leads, self.today, self.pipeline):
            source.contextMenuRequested.connect(self.show_context_menu)
        self.today.showOlderInquiries.connect(self.show_older_inquiries)
        self.list_model.countChanged.connect(lambda _n: self.update_status_bar(recount=False))
        self.leads.changesApplied.connect(lambda reloaded: self.update_status_bar(recount=reloaded))
        self.changes.changed.connect(lambda _changes: self.update_actions())
        self.mover.moved.connect(lambda ids: self.changes.announce(LeadChanges.of(ids, ChangeKind.STATUS, origin="pipeline")))
        w.viewChanged.connect(self._view_changed)
        self.panel.tabsChanged.connect(self.update_actions)
        w.closing.connect(self.save_window)
        for table in (w.lead_list.table, w.pipeline.table, *w.today.tables()):
            table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())

    # ------------------------------------------------------------------ the Safety menu

    def install_safety(self, *, auto_backup: bool = True) -> BackgroundTask:
        """Add the Safety menu (backups, restore, erase, app lock) and start the daily backup, just
        after start-up (see app.ui.safety_menu)."""
        from app.ui.safety_menu import install_safety_menu

        def installed(safety: SafetyActions) -> None:
            self.safety = safety

        task = install_safety_menu(self.window, lambda: self.db, self.changes, clock=self.clock,
                                   current_lead_id=self.selected_lead_id, prompts=self.prompts,
                                   auto_backup=auto_backup, installed=installed, parent=self)
        self._tasks.append(task)
        task.finished.connect(lambda _m: self._tasks.remove(task))
        task.failed.connect(lambda _e: self._tasks.remove(task))
        return task

    # ------------------------------------------------------------------ other desks' changes

    def start_live_changes(self) -> LiveChanges:
        """Follow the changes other desks commit to this database (app.ui.live_changes), until the
        window closes; announce leads given to this desk's person, and on a manager's desk move
        inquiries untouched past the first-response target on (app.ui.team_watch)."""
        from app.ui.live_changes import LiveChanges
        from app.ui.team_watch import TeamWatch

        if self.live is None:
            self.live = LiveChanges(self.db, self.changes, self.window.statusBar(), parent=self).start()
            self.window.closing.connect(self.stop_live_changes)
            if self.person is not None:
                self.team_watch = TeamWatch(self.db, self.person, self.changes, self.window.statusBar(),
                                            clock=self.clock, parent=self).follow(self.live)
                self.team_watch.start_untouched()
        return self.live

    def stop_live_changes(self) -> None:
        if self.team_watch is not None:
            self.team_watch.stop()
        if self.live is not None:
            self.live.close()

    # ------------------------------------------------------------------ window state

    def save_window(self) -> None:
        save_window(self.window, self.leads)

    # ------------------------------------------------------------------ views

    def show_view(self, index: int) -> None:
        self.window.views.setCurrentIndex(index)
        self._view_changed(index)

    def _view_changed(self, index: int) -> None:
        if index == VIEW_DASHBOARD:
            self._ensure_dashboard()
        self.update_actions()

    def _ensure_dashboard(self) -> DashboardController:
        if self.dashboard is None:
            from app.ui.dashboard_view import DashboardController, DashboardView

            view = DashboardView()
            self.dashboard = DashboardController(view, self.db, clock=self.clock, zone=self.zone, person=self.person, parent=self)
            self.dashboard.drillDown.connect(self.drill_down)
            self.dashboard.subscribe(self.changes)  # read when first shown, just below
            host = self.window.dashboard_host
            host.addWidget(view)
            host.setCurrentWidget(view)
        return self.dashboard

    def find(self) -> None:
        self.show_view(VIEW_LEADS)
        self.leads.focus_search()

    def drill_down(self, drill) -> None:
        """A dashboard number was clicked: show the leads behind it."""
        if drill.today:
            self.show_view(VIEW_TODAY)
            return
        restriction = Restriction(drill.label, drill.ids) if drill.ids is not None else None
        self.show_in_list(status=drill.status, country=drill.country, source=drill.source, restriction=restriction)

    def show_in_list(self, *, status: str | None = None, country: str | None = None, source: str | None = None,
                     restriction: Restriction | None = None) -> None:
        self.show_view(VIEW_LEADS)
        self.leads.show_filtered(status=status, country=country, source=source, restriction=restriction)

    def show_older_inquiries(self) -> None:
        """Today's link: the unanswered inquiries too old to be listed there, in the lead list."""
        from app.domain.dashboard_stats import ids_waiting_for_contact
        from app.domain.today import NEW_INQUIRY_WINDOW

        ids = ids_waiting_for_contact(self.db, inquired_before=self.clock() - NEW_INQUIRY_WINDOW)
        days = NEW_INQUIRY_WINDOW.days
        self.show_in_list(status="new", restriction=Restriction(
            translate("MainController", "Unanswered for more than {days} days").format(days=i18n.number(days)), ids))

    def refresh_all(self) -> None:
        """F5: read everything again, as after a change of unknown extent."""
        self.changes.announce(LeadChanges.everything(origin="refresh"))

    def update_status_bar(self, *, recount: bool = True) -> None:
        if recount:
            unfiltered = self.list_model.is_unfiltered()
            self.leads.update_count(self.list_model.rowCount() if unfiltered else total_leads(self.db))
        total = self.leads.total
        shown = self.list_model.rowCount()
        location = i18n.ltr(str(self.db.location))
        self.window.location_label.setText(translate("MainController", "Database: {location}").format(location=location))
        self.window.location_label.setToolTip(self.db.location)
        self.window.counts_label.setText(translate("MainController", "%Ln lead(s)", None, total) + " · "
                                         + translate("MainController", "{count} shown").format(count=i18n.number(shown)))

    # ------------------------------------------------------------------ selection

    def selected_lead_ids(self) -> list[int]:
        """The leads an action applies to: the open lead when the lead panel has focus, else the
        current view's selection."""
        w = self.window
        focus = w.focusWidget()
        open_lead = self.panel.current_lead_id()
        if focus is not None and w.lead_dock.isAncestorOf(focus) and open_lead is not None:
            return [open_lead]
        index = w.views.currentIndex()
        if index == VIEW_LEADS:
            return self.leads.selected_lead_ids()
        if index == VIEW_TODAY:
            return self.today.selected_lead_ids()
        if index == VIEW_PIPELINE:
            return self.pipeline.selected_lead_ids()
        return [open_lead] if open_lead is not None else []

    def selected_lead_id(self) -> int | None:
        ids = self.selected_lead_ids()
        return ids[0] if ids else None

    def _fit_actions_to_role(self) -> None:
        """On a team database, what the person's role may not do is greyed out, saying why (the
        server would refuse it anyway: app.domain.team_roles, db.team_policies)."""
        if self.db.is_sqlite or self.person is None:
            return
        a = self.window.actions
        for action, permission in ((a.import_leads, Permission.IMPORT), (a.export_leads, Permission.EXPORT)):
            if not may(self.person.role, permission):
                action.setEnabled(False)
                action.setToolTip(f"Your role ({self.person.role.value}) may not {permission.value}: ask a manager")

    def update_actions(self) -> None:
        a = self.window.actions
        ids = self.selected_lead_ids()
        one = len(ids) == 1
        for action in (a.open_lead, a.log_call, a.change_status, a.print_packet):
            action.setEnabled(one)
        for action in (a.next_stage, a.previous_stage, *a.move_to.values()):
            action.setEnabled(bool(ids))
        a.close_lead.setEnabled(self.panel.count() > 0)

    def show_context_menu(self, position: QPoint) -> None:
        self.update_actions()
        menu = self.window.context_menu()
        if self.sender() is self.leads:
            menu.addAction(self.leads.assign_action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(position)

    # ------------------------------------------------------------------ the lead panel

    def open_selected(self) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is not None:
            self.open_lead(lead_id)

    def open_lead(self, lead_id: int) -> LeadTab:
        """Show the lead in the lead panel (its tab if already open)."""
        return self.panel.open(int(lead_id))

    def _make_editor(self, lead_id: int) -> LeadEditor:
        from app.ui.lead_editor import LeadEditor

        editor = LeadEditor(self.db, lead_id, clock=self.clock, actor_id=self.actor_id, prompts=self.prompts)
        for key, title, factory in self.case_tabs:
            editor.case.add_case_tab(key, title, factory)
        return editor

    def close_current_lead(self) -> None:
        self.panel.close_current()

    # ------------------------------------------------------------------ lead actions

    def new_lead(self) -> None:
        from app.ui.lead_editor import LeadEditor

        dialog = LeadEditor.new_lead(self.db, parent=self.window, clock=self.clock, actor_id=self.actor_id, prompts=self.prompts)
        dialog.created.connect(self._lead_created)
        dialog.openLeadRequested.connect(lambda lead_id: self.open_lead(int(lead_id)))  # "it is a duplicate of …"
        self._keep(dialog)
        dialog.open()

    def _lead_created(self, lead_id: int) -> None:
        lead_id = int(lead_id)
        self.changes.announce(LeadChanges.of([lead_id], ChangeKind.CREATED, origin="new lead"))
        self.show_view(VIEW_LEADS)
        self.leads.select_lead(lead_id)
        self.open_lead(lead_id)

    def log_call(self) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is None:
            return
        from app.ui.log_call_dialog import LogCallDialog

        dialog = LogCallDialog(self.db, lead_id, clock=self.clock, actor_id=self.actor_id, prompts=self.prompts,
                               parent=self.window)
        dialog.logged.connect(lambda i: self.changes.announce(LeadChanges.of([int(i)], *LOGGED_CALL_KINDS, origin="log call")))
        self._keep(dialog)
        dialog.open()

    def change_status(self) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is None:
            return
        from app.ui.status_dialog import StatusChangeDialog

        dialog = StatusChangeDialog(self.db, lead_id, None, clock=self.clock, actor_id=self.actor_id, prompts=self.prompts,
                                    parent=self.window)
        dialog.statusChanged.connect(self._status_changed_by_dialog)
        self._keep(dialog)
        dialog.open()

    def _status_changed_by_dialog(self, lead_id: int) -> None:
        self.mover.remember(int(lead_id))
        self.changes.announce(LeadChanges.of([int(lead_id)], ChangeKind.STATUS, origin="status dialog"))

    def undo_status(self) -> None:
        undone = self.mover.undo(self.window, fallback_lead_id=self.selected_lead_id())
        if undone is not None:
            move = self.mover.last_undo
            self.window.statusBar().showMessage(translate("MainController", "{reference}: back to {status}").format(
                reference=move.reference, status=status_label(move.to_status)), 6000)

    def print_packet(self) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is None:
            return
        try:
            from app.ui.packet_actions import print_packet
        except ImportError:
            self.prompts.inform(self.window, translate("MainController", "Patient packet"),
                                translate("MainController", "Patient packets (costs and the treatment journey, as a PDF) come next; "
                                "this build does not make them yet."))
            return
        dialog = print_packet(self.db, lead_id, self.window, clock=self.clock, actor_id=self.actor_id, prompts=self.prompts)
        dialog.packetRecorded.connect(
            lambda i: self.changes.announce(LeadChanges.of([int(i)], ChangeKind.INTERACTIONS, origin="packet")))
        self._keep(dialog)

    # ------------------------------------------------------------------ file actions

    def import_leads(self) -> None:
        from app.ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.db, parent=self.window, clock=self.clock, actor_id=self.actor_id, prompts=self.prompts)
        wizard.imported.connect(lambda _count: self.changes.announce(LeadChanges.everything(origin="import")))
        self._keep(wizard)
        wizard.open()

    def export_leads(self) -> None:
        """Export the leads the list shows (all of them when nothing narrows it)."""
        from app.ui.export_dialog import export_leads_interactively

        ids = None if self.list_model.is_unfiltered() else self.list_model.lead_ids()
        if ids is not None:  # a filtered list: say so, and let the user take every lead instead
            everyone = total_leads(self.db)
            choice = self.prompts.choose(
                self.window,
                    translate("MainController", "Export leads"),
                        translate("MainController", "The list shows {shown} of %Ln lead(s) (a search or filter is on).", None,
                            everyone).format(
                        shown=i18n.number(len(ids))),
                [("shown", translate("MainController", "These {count}").format(count=i18n.number(len(ids)))),
                 ("all", translate("MainController", "All {count}").format(count=i18n.number(everyone)))])
            if choice is None:
                return
            ids = None if choice == "all" else ids
        export_leads_interactively(self.db, self.window, ids=ids, prompts=self.prompts,
                                   on_done=lambda count, path: self.window.statusBar().showMessage(
                                       translate("MainController", "Exported %Ln lead(s) to {path}", None, count).format(path=path), 8000))

    def run_demo(self, count: int, *, label: str | None = None) -> BackgroundTask:
        return self.database.run_demo(count, label=label)

    def show_who_is_working(self) -> None:
        """The status bar and title name who is working, or say how to set a profile."""
        person = working_profile(self.db, self.actor_id)
        label = self.window.working_label
        if person is None or person.placeholder:
            label.setText(translate("MainController", "No profile: Settings → My profile…"))
            label.setToolTip(
                translate("MainController", "Packets need a real person to sign them; actions are recorded as \"Coordinator\""))
            self.window.setWindowTitle(translate("MainController", "MedTour Desk"))
        else:
            label.setText(translate("MainController", "Working as {name}").format(name=person.name))
            label.setToolTip(translate("MainController", "Every call, status change and packet is recorded under this name"))
            self.window.setWindowTitle(translate("MainController", "MedTour Desk — {name}").format(name=person.name))

    def open_catalogue(self) -> None:
        from app.ui.catalogue_dialog import open_catalogue_dialog

        dialog = open_catalogue_dialog(self.window, self.db, actor_id=self.actor_id, prompts=self.prompts,
                                       on_published=lambda revision: self.window.statusBar().showMessage(
                                           translate("MainController", "Partner catalogue: revision {revision} published").format(
                                               revision=revision), 8000))
        self._keep(dialog)

    def open_preferences(self) -> None:
        from app.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.window)
        dialog.setModal(True)
        dialog.show()
        self._keep(dialog)

    def _install_case_tabs(self) -> None:
        """The case's tabs, on every lead opened on this desk (app.ui.case_tabs); a change made in
        one is announced like any other change to the lead, so the list and the History follow."""
        from app.ui.case_family_tab import CaseFamilyTab
        from app.ui.case_records_tab import CaseRecordsTab
        from app.ui.case_review_tab import CaseReviewTab
        from app.ui.case_schedule_tab import CaseScheduleTab

        def made(widget_type):
            def factory():
                tab = widget_type(self.db, prompts=self.prompts, clock=self.clock, actor_id=self.actor_id)
                tab.changed.connect(lambda: self._case_changed(tab))
                return tab
            return factory

        def review_tab():
            tab = CaseReviewTab(self.db, prompts=self.prompts, clock=self.clock)
            tab.changed.connect(lambda: self._case_changed(tab))
            return tab

        def records_tab():
            tab = CaseRecordsTab(self.db, prompts=self.prompts, clock=self.clock, chosen_profile=self.actor_id)
            tab.changed.connect(lambda lead_id: self.changes.announce(
                LeadChanges.of([int(lead_id)], ChangeKind.INTERACTIONS, origin="case")))
            return tab

        self.case_tabs += [("records", translate("MainController", "Records"), records_tab),
                           ("quotes", translate("MainController", "Review && quotes"), review_tab),
                           ("family", translate("MainController", "Family"), made(CaseFamilyTab)),
                           ("schedule", translate("MainController", "Schedule"), made(CaseScheduleTab))]

    def _case_changed(self, tab) -> None:
        lead_id = getattr(tab, "lead_id", None)
        if lead_id is not None:
            self.changes.announce(LeadChanges.of([int(lead_id)], ChangeKind.INTERACTIONS, origin="case"))

    def edit_profile(self) -> None:
        from app.ui.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.db, self.actor_id, parent=self.window)
        dialog.saved.connect(self._profile_saved)
        self._keep(dialog)
        dialog.open()

    def _profile_saved(self, profile_id: int) -> None:
        self.actor_id = self.mover.actor_id = profile_id
        self.person = desk_person(self.db, self.actor_id)
        self.show_who_is_working()
        self.changes.announce(LeadChanges.everything(origin="profile"))  # names in lists and timelines changed

    def show_keyboard_shortcuts(self):
        """Help → Keyboard shortcuts (F1): every shortcut of the desk, from app.ui.shortcuts."""
        from app.ui.keyboard_sheet import KeyboardSheet

        sheet = KeyboardSheet(self.window)
        self._keep(sheet)
        sheet.open()
        return sheet

    def about(self) -> None:
        from app.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self.db.location, self.window)
        self._keep(dialog)
        dialog.open()

    def _keep(self, dialog: QDialog) -> None:
        """Keep a non-modal dialog alive until it closes."""
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _r: self._dialogs.remove(dialog) if dialog in self._dialogs else None)


def build_desk(db: Database, *, clock: Clock = utc_now, zone: tzinfo | None = None, prompts=None,
               safety: bool = True, auto_backup: bool = True, actor_id: int | None = None,
               live: bool = False) -> tuple[MainWindow, DeskController]:
    """The main window and its controller. `safety` adds the Safety menu (and, with `auto_backup`,
    the daily backup) just after start-up; `actor_id` is who is working, when chosen at start;
    `live` follows other desks' changes."""
    window = MainWindow(default_loaders(db))
    controller = DeskController(window, db, clock=clock, zone=zone, prompts=prompts, actor_id=actor_id, parent=window)
    if safety:
        controller.install_safety(auto_backup=auto_backup)
    if live:
        controller.start_live_changes()
    return window, controller


__all__ = ["MAX_DEMO_LEADS", "DeskController", "build_desk"]
