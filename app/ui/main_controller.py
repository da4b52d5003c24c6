"""The main window's behaviour: what every menu item, shortcut and view signal does.

`DeskController` owns the models and the per-view controllers, opens leads in the lead panel
(GUI-B's LeadEditor), opens the call and status dialogs, moves leads through the pipeline, runs
long jobs (demo data) in a BackgroundTask, and keeps every view fresh when a lead changes —
the list keeps its selection by lead id. Other engineers' modules (the lead editor and its
dialogs, the import wizard, the export dialog, packets) are imported when first used, so the
window starts without loading them.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QDialog, QInputDialog, QScrollArea, QWidget

from app.domain.clock import Clock, utc_now
from app.domain.dashboard_stats import status_counts, total_leads
from app.domain.leads import get_lead, list_coordinators
from app.ui import settings
from app.ui.background_task import BackgroundTask
from app.ui.lead_list_model import LeadListModel, Restriction
from app.ui.lead_list_view import LeadListController, default_loaders
from app.ui.main_window import VIEW_DASHBOARD, VIEW_LEADS, VIEW_PIPELINE, VIEW_TODAY, MainWindow
from app.ui.pipeline_view import PipelineController
from app.ui.status_moves import StatusMover
from app.ui.today_view import TodayController
from db.engine import Database

MAX_DEMO_LEADS = 200_000


class DeskController(QObject):
    """Wires a MainWindow to a Database."""

    switchDatabase = Signal(object)  # a Database the user opened; the application swaps windows

    def __init__(self, window: MainWindow, db: Database, *, clock: Clock = utc_now, zone: tzinfo | None = None,
                 prompts=None, actor_id: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if prompts is None:
            from app.ui.dialog_prompts import Prompts

            prompts = Prompts()
        self.window, self.db, self.clock, self.zone, self.prompts = window, db, clock, zone, prompts
        self.actor_id = actor_id if actor_id is not None else (settings.read(settings.ME) or None)
        self.editors: dict[int, QWidget] = {}
        self.dashboard = None  # DashboardController, built on first show
        self.safety = None  # SafetyActions (the Safety menu), added just after start-up
        self._tasks: list[BackgroundTask] = []
        self._dialogs: list[QDialog] = []

        self.list_model = LeadListModel(db, clock=clock, zone=zone, parent=self)
        self.leads = LeadListController(window.lead_list, self.list_model, parent=self)
        self.today = TodayController(window.today, db, clock=clock, zone=zone, parent=self,
                                     coordinators=lambda: [(c.name, c.id) for c in list_coordinators(db)])
        self.pipeline_model = LeadListModel(db, clock=clock, zone=zone, load=False, parent=self)
        self.pipeline = PipelineController(window.pipeline, self.pipeline_model, lambda: status_counts(db), parent=self)
        self.mover = StatusMover(db, prompts=prompts, clock=clock, actor_id=self.actor_id, parent=self)
        self._stale_views: set[int] = {VIEW_TODAY, VIEW_PIPELINE, VIEW_DASHBOARD}

        self._wire()
        self._restore_window()
        self.update_status_bar()
        self.update_actions()

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
        a.open_database.triggered.connect(self.open_database)
        a.load_demo.triggered.connect(self.load_demo)
        a.quit.triggered.connect(w.close)
        a.about.triggered.connect(self.about)
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

        self.leads.openLead.connect(self.open_lead)
        self.today.openLead.connect(self.open_lead)
        self.pipeline.openLead.connect(self.open_lead)
        self.pipeline.moveRequested.connect(lambda ids, status: self.mover.move(self.window, ids, status))
        for source in (self.leads, self.today, self.pipeline):
            source.contextMenuRequested.connect(self.show_context_menu)
        self.today.showOlderInquiries.connect(self.show_older_inquiries)
        self.list_model.countChanged.connect(lambda _n: self.update_status_bar(recount=False))
        self.mover.moved.connect(self.on_leads_changed)
        w.viewChanged.connect(self._view_changed)
        w.lead_tabs.tabCloseRequested.connect(self.close_lead_tab)
        w.lead_tabs.currentChanged.connect(lambda _i: self.update_actions())
        w.closing.connect(self.save_window)
        for table in (w.lead_list.table, w.pipeline.table, *w.today.tables()):
            table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())

    # ------------------------------------------------------------------ the Safety menu

    def install_safety(self, *, auto_backup: bool = True) -> BackgroundTask | None:
        """Add the Safety menu (backups, restore, erase, app lock) and start the daily backup.

        Its module (and Alembic behind it) is imported on a worker thread so the window is usable
        at once; the menu appears a moment later."""
        import importlib

        def installed(module) -> None:
            self._tasks.remove(task)
            self.safety = module.SafetyActions(
                self.window, lambda: self.db, clock=self.clock, current_lead_id=self.selected_lead_id, prompts=self.prompts,
                on_data_replaced=self.refresh_all, auto_backup=auto_backup,
            )
            self.window.add_menu_before_help(self.safety.menu)

        def missing(exc: BaseException) -> None:
            self._tasks.remove(task)
            if not isinstance(exc, ImportError):
                raise exc

        task = BackgroundTask(lambda _control: importlib.import_module("app.ui.safety_actions"), self)
        task.finished.connect(installed)
        task.failed.connect(missing)
        self._tasks.append(task)
        task.start()
        return task

    # ------------------------------------------------------------------ window state

    def _restore_window(self) -> None:
        geometry = settings.read(settings.WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.window.restoreGeometry(geometry)
        state = settings.read(settings.WINDOW_STATE)
        if not state.isEmpty():
            self.window.restoreState(state)
        view = settings.read(settings.CURRENT_VIEW)
        if view in (VIEW_LEADS, VIEW_TODAY, VIEW_PIPELINE, VIEW_DASHBOARD):
            self.show_view(view)

    def save_window(self) -> None:
        settings.write(settings.WINDOW_GEOMETRY, self.window.saveGeometry())
        settings.write(settings.WINDOW_STATE, self.window.saveState())
        settings.write(settings.CURRENT_VIEW, self.window.views.currentIndex())
        self.leads.save_header()

    # ------------------------------------------------------------------ views

    def show_view(self, index: int) -> None:
        self.window.views.setCurrentIndex(index)
        self._view_changed(index)

    def _view_changed(self, index: int) -> None:
        if index == VIEW_DASHBOARD:
            self._ensure_dashboard()
            if index in self._stale_views:
                self.dashboard.refresh()
        elif index == VIEW_TODAY and index in self._stale_views:
            self.today.refresh()
        elif index == VIEW_PIPELINE and index in self._stale_views:
            self.pipeline.refresh()
        self._stale_views.discard(index)
        self.update_actions()

    def _ensure_dashboard(self):
        if self.dashboard is None:
            from app.ui.dashboard_view import DashboardController, DashboardView

            view = DashboardView()
            host = self.window.dashboard_host
            host.addWidget(view)
            host.setCurrentWidget(view)
            self.dashboard = DashboardController(view, self.db, clock=self.clock, zone=self.zone, parent=self)
            self.dashboard.drillDown.connect(self.drill_down)
            self._stale_views.add(VIEW_DASHBOARD)
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
        self.show_in_list(status="new", restriction=Restriction(f"Unanswered for more than {days} days", ids))

    def refresh_all(self) -> None:
        self.on_leads_changed([])

    def on_leads_changed(self, lead_ids: Sequence[int]) -> bool:
        """Something changed: the list keeps its selection; the other views refresh now if shown.
        Changes to known leads that cannot move them in the list repaint only their rows.
        Returns True when the list was queried again (False: only those rows were read)."""
        if lead_ids:
            reloaded = self.list_model.refresh_leads(lead_ids)
        else:
            self.list_model.reload()
            reloaded = True
        current = self.window.views.currentIndex()
        self.pipeline.refresh() if current == VIEW_PIPELINE else self._stale_views.add(VIEW_PIPELINE)
        self.today.refresh() if current == VIEW_TODAY else self._stale_views.add(VIEW_TODAY)
        if self.dashboard is not None and current == VIEW_DASHBOARD:
            self.dashboard.refresh()
        else:
            self._stale_views.add(VIEW_DASHBOARD)
        self.leads.refresh_choices()
        self._reload_editors(lead_ids)
        for lead_id in lead_ids:
            self._retitle_editor(lead_id)
        self.update_status_bar(recount=reloaded)
        self.update_actions()
        return reloaded

    def update_status_bar(self, *, recount: bool = True) -> None:
        if recount:
            unfiltered = self.list_model.is_unfiltered()
            self.leads.update_count(self.list_model.rowCount() if unfiltered else total_leads(self.db))
        total = self.leads.total
        shown = self.list_model.rowCount()
        self.window.location_label.setText(f"Database: {self.db.location}")
        self.window.location_label.setToolTip(self.db.location)
        self.window.counts_label.setText(f"{total:,} leads · {shown:,} shown")

    # ------------------------------------------------------------------ selection

    def selected_lead_ids(self) -> list[int]:
        """The leads an action applies to: the open lead when the lead panel has focus, else the
        current view's selection."""
        w = self.window
        focus = w.focusWidget()
        if focus is not None and w.lead_dock.isAncestorOf(focus) and w.lead_tabs.count():
            lead_id = w.lead_tabs.currentWidget().property("leadId")
            if lead_id:
                return [int(lead_id)]
        index = w.views.currentIndex()
        if index == VIEW_LEADS:
            return self.leads.selected_lead_ids()
        if index == VIEW_TODAY:
            return self.today.selected_lead_ids()
        if index == VIEW_PIPELINE:
            return self.pipeline.selected_lead_ids()
        if w.lead_tabs.count():
            lead_id = w.lead_tabs.currentWidget().property("leadId")
            return [int(lead_id)] if lead_id else []
        return []

    def selected_lead_id(self) -> int | None:
        ids = self.selected_lead_ids()
        return ids[0] if ids else None

    def update_actions(self) -> None:
        a = self.window.actions
        ids = self.selected_lead_ids()
        one = len(ids) == 1
        for action in (a.open_lead, a.log_call, a.change_status, a.print_packet):
            action.setEnabled(one)
        for action in (a.next_stage, a.previous_stage, *a.move_to.values()):
            action.setEnabled(bool(ids))
        a.close_lead.setEnabled(self.window.lead_tabs.count() > 0)

    def show_context_menu(self, position: QPoint) -> None:
        self.update_actions()
        menu = self.window.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(position)

    # ------------------------------------------------------------------ the lead panel

    def open_selected(self) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is not None:
            self.open_lead(lead_id)

    def open_lead(self, lead_id: int) -> QWidget:
        """Show the lead in the lead panel (its tab if already open)."""
        w = self.window
        editor = self.editors.get(lead_id)
        if editor is None:
            inner = self._make_editor(lead_id)
            editor = _scrolled(inner)
            editor.setProperty("leadId", lead_id)
            self.editors[lead_id] = editor
            w.lead_tabs.addTab(editor, "")
            self._retitle_editor(lead_id)
        w.lead_tabs.setCurrentWidget(editor)
        w.show_lead_tabs()
        w.lead_dock.show()
        w.lead_dock.raise_()
        w.fit_lead_panel(editor.widget().minimumSizeHint().width() + 24 if isinstance(editor, QScrollArea) else 0)
        self.update_actions()
        return editor

    def _make_editor(self, lead_id: int) -> QWidget:
        from app.ui.lead_editor import LeadEditor

        editor = LeadEditor(self.db, lead_id, clock=self.clock, actor_id=self.actor_id, prompts=self.prompts)
        editor.leadChanged.connect(lambda changed_id: self.on_leads_changed([int(changed_id)]))
        editor.leadsMerged.connect(lambda _kept, _dropped: self.list_model.reload())  # survivor's dates may move it
        editor.openLeadRequested.connect(lambda other_id: self.open_lead(int(other_id)))
        return editor

    def _retitle_editor(self, lead_id: int) -> None:
        editor = self.editors.get(lead_id)
        if editor is None:
            return
        tabs = self.window.lead_tabs
        index = tabs.indexOf(editor)
        try:
            detail = get_lead(self.db, lead_id, with_history=False)
        except Exception:  # noqa: BLE001 - an erased or merged lead keeps its old title
            return
        name = detail.full_name if len(detail.full_name) <= 22 else detail.full_name[:21] + "…"
        tabs.setTabText(index, name)
        tabs.setTabToolTip(index, f"{detail.reference} · {detail.full_name}")

    def close_current_lead(self) -> None:
        index = self.window.lead_tabs.currentIndex()
        if index >= 0:
            self.close_lead_tab(index)

    def close_lead_tab(self, index: int) -> None:
        tabs = self.window.lead_tabs
        holder = tabs.widget(index)
        if holder is None:
            return
        editor = holder.widget() if isinstance(holder, QScrollArea) else holder
        dirty = getattr(editor, "is_dirty", None)
        if callable(dirty) and dirty():
            name = tabs.tabToolTip(index) or tabs.tabText(index)
            if not self.prompts.ask(self.window, "Unsaved changes", f"{name} has changes that are not saved. Close it and lose them?",
                                    yes="Close without saving", no="Keep editing"):
                return
        tabs.removeTab(index)
        lead_id = holder.property("leadId")
        self.editors.pop(int(lead_id) if lead_id else -1, None)
        holder.deleteLater()
        self.window.show_lead_tabs()
        if tabs.count() == 0:
            self.window.lead_dock.hide()  # the list gets its room back
        self.update_actions()

    def _reload_editors(self, lead_ids: Sequence[int]) -> None:
        targets = self.editors if not lead_ids else {i: self.editors[i] for i in lead_ids if i in self.editors}
        for holder in targets.values():
            editor = holder.widget() if isinstance(holder, QScrollArea) else holder
            reload = getattr(editor, "reload", None)
            if callable(reload):
                try:
                    reload()
                except Exception:  # noqa: BLE001 - a lead erased or merged meanwhile keeps its last view
                    continue

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
        self.on_leads_changed([lead_id])
        self.show_view(VIEW_LEADS)
        self.leads.select_lead(lead_id)
        self.open_lead(lead_id)

    def log_call(self) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is None:
            return
        from app.ui.log_call_dialog import LogCallDialog

        dialog = LogCallDialog(self.db, lead_id, clock=self.clock, actor_id=self.actor_id, parent=self.window)
        dialog.logged.connect(lambda i: self.on_leads_changed([int(i)]))
        self._keep(dialog)
        dialog.open()

    def change_status(self) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is None:
            return
        from app.ui.status_dialog import StatusChangeDialog

        dialog = StatusChangeDialog(self.db, lead_id, None, clock=self.clock, actor_id=self.actor_id, parent=self.window)
        dialog.statusChanged.connect(self._status_changed_by_dialog)
        self._keep(dialog)
        dialog.open()

    def _status_changed_by_dialog(self, lead_id: int) -> None:
        self.mover.remember(int(lead_id))
        self.on_leads_changed([int(lead_id)])

    def undo_status(self) -> None:
        undone = self.mover.undo(self.window, fallback_lead_id=self.selected_lead_id())
        if undone is not None:
            move = self.mover.last_undo
            self.window.statusBar().showMessage(f"{move.reference}: back to '{move.to_status}'", 6000)

    def print_packet(self) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is None:
            return
        try:
            from app.ui.packet_actions import print_packet
        except ImportError:
            self.prompts.inform(self.window, "Patient packet",
                                "Patient packets (costs and the treatment journey, as a PDF) come next; "
                                "this build does not make them yet.")
            return
        print_packet(self.db, lead_id, self.window)

    # ------------------------------------------------------------------ file actions

    def import_leads(self) -> None:
        from app.ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.db, parent=self.window, clock=self.clock, actor_id=self.actor_id, prompts=self.prompts)
        wizard.imported.connect(lambda _count: self.on_leads_changed([]))
        self._keep(wizard)
        wizard.open()

    def export_leads(self) -> None:
        """Export the leads the list shows (all of them when nothing narrows it)."""
        from app.ui.export_dialog import export_leads_interactively

        ids = None if self.list_model.is_unfiltered() else self.list_model.lead_ids()
        export_leads_interactively(self.db, self.window, ids=ids, prompts=self.prompts,
                                   on_done=lambda count, path: self.window.statusBar().showMessage(f"Exported {count:,} leads to {path}", 8000))

    def open_database(self) -> None:
        start = str(self.db.path.parent) if self.db.path else str(Path.home())
        path = self.prompts.open_path(self.window, "Open a MedTour Desk database", start,
                                      "MedTour Desk databases (*.db *.sqlite);;All files (*)")
        if not path:
            return
        from app.storage import open_database

        try:
            db = open_database(path)
        except Exception as exc:  # noqa: BLE001 - known problems (damaged, newer, locked) read well; bugs are logged
            from app.ui.exception_hook import describe

            report = describe(exc)
            if report.is_bug:
                raise
            self.prompts.error(self.window, "Open database", report.dialog_text)
            return
        settings.write(settings.LAST_DATABASE, str(db.path or db.location))
        self.switchDatabase.emit(db)

    def load_demo(self) -> None:
        count, ok = QInputDialog.getInt(self.window, "Load demo data",
                                        "How many invented leads should be added?\n(They use example.* email addresses.)",
                                        500, 1, MAX_DEMO_LEADS, 100)
        if ok:
            self.run_demo(count)

    def run_demo(self, count: int, *, label: str | None = None) -> BackgroundTask:
        from app.domain.demo_data import generate_demo

        db = self.db
        task = BackgroundTask(lambda control: generate_demo(db, count, progress=control.progress, cancel=control.cancelled), self)
        task.finished.connect(lambda created: self._demo_done(task, created))
        task.failed.connect(lambda exc: self._task_failed(task, exc, "Demo data"))
        self._tasks.append(task)
        task.start(parent=self.window, label=label or f"Adding {count:,} demo leads…")
        return task

    def _demo_done(self, task: BackgroundTask, created: int) -> None:
        self._tasks.remove(task)
        self.on_leads_changed([])
        self.window.statusBar().showMessage(f"Added {created:,} demo leads", 8000)

    def _task_failed(self, task: BackgroundTask, exc: BaseException, title: str) -> None:
        self._tasks.remove(task)
        from app.ui.exception_hook import describe

        report = describe(exc)
        if report.is_bug:
            raise exc
        self.prompts.inform(self.window, title, report.dialog_text)

    def about(self) -> None:
        from app.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self.db.location, self.window)
        self._keep(dialog)
        dialog.open()

    def _keep(self, dialog: QDialog) -> None:
        """Keep a non-modal dialog alive until it closes."""
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _r: self._dialogs.remove(dialog) if dialog in self._dialogs else None)


def _scrolled(widget: QWidget) -> QScrollArea:
    """The editor in a scroll area, so the lead panel can be narrower than the editor would like."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


def build_desk(db: Database, *, clock: Clock = utc_now, zone: tzinfo | None = None, prompts=None,
               safety: bool = True, auto_backup: bool = True) -> tuple[MainWindow, DeskController]:
    """The main window and its controller. `safety` adds the Safety menu (and, with `auto_backup`,
    the daily backup) just after start-up."""
    window = MainWindow(default_loaders(db))
    controller = DeskController(window, db, clock=clock, zone=zone, prompts=prompts, parent=window)
    if safety:
        controller.install_safety(auto_backup=auto_backup)
    return window, controller


__all__ = ["DeskController", "build_desk"]
