"""The main window's layout: menus, toolbar, the four views (Leads, Today, Pipeline, Dashboard) as
tabs, the lead panel on the right (one tab per open lead, so a coordinator can keep several open
while working down the list), and the status bar. Behaviour lives in app.ui.main_controller.

The lead panel is a dock rather than a modal dialog: the list stays visible and usable beside the
lead being worked on, several leads stay open at once (Ctrl+W closes one), and the dock can be
moved or floated to a second screen; its place is remembered with the window state.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.domain.pipeline import ALL_STATUSES, STATUS_INFO
from app.ui.i18n import status_label, translate
from app.ui.lead_list_view import FilterLoaders, LeadListView
from app.ui.pipeline_view import PipelineView
from app.ui.shortcuts import SHORTCUTS
from app.ui.today_view import TodayView

VIEW_LEADS, VIEW_TODAY, VIEW_PIPELINE, VIEW_DASHBOARD = range(4)
VIEW_TITLES = {VIEW_LEADS: "Leads", VIEW_TODAY: "Today", VIEW_PIPELINE: "Pipeline", VIEW_DASHBOARD: "Dashboard"}
#: The window's size on first start, made smaller where the screen is (a 1366×768 laptop).
DEFAULT_SIZE = QSize(1440, 880)


def fit_on_screen(window: QWidget, size: QSize | None = None, *, move: bool = False) -> None:
    """Resize `window` to `size` (else its own size), no larger than its screen's available area
    (the screen less the taskbar or dock); with `move`, move it inside that area too."""
    wanted = size or window.size()
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(wanted)
        return
    room = screen.availableGeometry()
    fitted = wanted.boundedTo(room.size())
    window.resize(fitted)
    if move:
        frame = window.frameGeometry()
        x = min(max(frame.left(), room.left()), room.right() + 1 - frame.width())
        y = min(max(frame.top(), room.top()), room.bottom() + 1 - frame.height())
        window.move(QPoint(max(x, room.left()), max(y, room.top())))


@dataclass
class Actions:
    new_lead: QAction
    open_lead: QAction
    log_call: QAction
    change_status: QAction
    next_stage: QAction
    previous_stage: QAction
    print_packet: QAction
    close_lead: QAction
    undo_status: QAction
    find: QAction
    refresh: QAction
    import_leads: QAction
    export_leads: QAction
    open_database: QAction
    load_demo: QAction
    quit: QAction
    about: QAction
    my_profile: QAction
    catalogue: QAction
    keyboard_shortcuts: QAction
    preferences: QAction
    show_views: tuple[QAction, ...]
    move_to: dict[str, QAction]


def _action(parent: QWidget, text: str, shortcut: QKeySequence | str | None = None, tip: str = "", name: str = "") -> QAction:
    action = QAction(text, parent)
    if name in SHORTCUTS:  # the keys' one home is app.ui.shortcuts
        shortcut = SHORTCUTS[name].keys
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    hint = tip or text.replace("…", "")
    if shortcut is not None:
        hint += f" ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(hint)
    action.setStatusTip(tip or text.replace("…", ""))
    if name:
        action.setObjectName(name)
    return action


class MainWindow(QMainWindow):
    closing = Signal()
    viewChanged = Signal(int)
    actions: Actions  # type: ignore[assignment]  # the window's actions by name; hides QWidget.actions(), which nothing here calls

    def __init__(self, loaders: FilterLoaders, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(translate("MainWindow", "MedTour Desk"))
        logo = QPixmap(str(paths.brand_logo_path()))
        if not logo.isNull():
            self.setWindowIcon(QIcon(logo))
        self.setDockNestingEnabled(True)
        fit_on_screen(self, DEFAULT_SIZE)
        self.actions = self._make_actions()

        # The views. The dashboard (QtCharts) is built the first time it is shown.
        self.lead_list = LeadListView(loaders)
        self.today = TodayView()
        self.pipeline = PipelineView()
        self.dashboard_host = QStackedWidget()
        self.dashboard_host.setObjectName("dashboardHost")
        self.dashboard_host.addWidget(QLabel(translate("MainWindow", "Loading the dashboard…"), alignment=Qt.AlignmentFlag.AlignCenter))
        self.views = QTabWidget()
        self.views.setObjectName("views")
        self.views.setDocumentMode(True)
        self.views.addTab(self.lead_list, translate("MainWindow", "Leads"))
        self.views.addTab(self.today, translate("MainWindow", "Today"))
        self.views.addTab(self.pipeline, translate("MainWindow", "Pipeline"))
        self.views.addTab(self.dashboard_host, translate("MainWindow", "Dashboard"))
        for index, action in enumerate(self.actions.show_views):
            self.views.setTabToolTip(index, action.toolTip())
        self.views.currentChanged.connect(self.viewChanged)
        self.setCentralWidget(self.views)

        # The lead panel.
        self.lead_tabs = QTabWidget()
        self.lead_tabs.setObjectName("leadTabs")
        self.lead_tabs.setTabsClosable(True)
        self.lead_tabs.setMovable(True)
        self.lead_tabs.setDocumentMode(True)
        self.lead_tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.lead_placeholder = QLabel(
            translate("MainWindow", "No lead is open.\nDouble-click a lead (or select it and press Enter) to open it here; "
                                       "several leads can stay open, Ctrl+W closes the one shown."))
        self.lead_placeholder.setObjectName("leadPlaceholder")
        self.lead_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lead_placeholder.setWordWrap(True)
        self.lead_placeholder.setProperty("role", "muted")
        self.lead_stack = QStackedWidget()
        self.lead_stack.addWidget(self.lead_placeholder)
        self.lead_stack.addWidget(self.lead_tabs)
        panel = QWidget()
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.addWidget(self.lead_stack)
        self.lead_dock = QDockWidget(translate("MainWindow", "Open leads"), self)
        self.lead_dock.setObjectName("leadDock")
        self.lead_dock.setWidget(panel)
        self.lead_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                                   | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.lead_dock)
        self.resizeDocks([self.lead_dock], [560], Qt.Orientation.Horizontal)
        self.lead_dock.hide()  # it appears with the first lead opened, and goes with the last one closed

        self.toolbar = self._make_toolbar()
        self._make_menus()

        self.location_label = QLabel()
        self.location_label.setObjectName("databaseLocation")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("statusCounts")
        self.working_label = QLabel()  # who is working: every action is recorded under this name
        self.working_label.setObjectName("workingAs")
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.working_label)
        self.statusBar().addPermanentWidget(self.counts_label)

    # ------------------------------------------------------------------ actions, menus, toolbar

    def _make_actions(self) -> Actions:
        a = _action
        show_views = tuple(
            a(self, "&" + translate("MainWindow", VIEW_TITLES[i]), f"Ctrl+{i + 1}",
              translate("MainWindow", "Show {view}").format(view=translate("MainWindow", VIEW_TITLES[i])),
              f"show{VIEW_TITLES[i]}") for i in range(4)
        )
        move_to = {s.value: a(self, status_label(s) + ("…" if STATUS_INFO[s].reason_required else ""), None,
                              translate("MainWindow", "Move the selected leads to {status}").format(status=status_label(s)),
                              f"moveTo_{s.value}") for s in ALL_STATUSES}
        actions = Actions(
            new_lead=a(self, translate("MainWindow", "&New lead…"), "Ctrl+N", translate("MainWindow", "Enter a new inquiry"), "newLead"),
            open_lead=a(self, translate("MainWindow", "&Open lead"), "Return",
                translate("MainWindow", "Open the selected lead in the lead panel"), "openLead"),
            log_call=a(self, translate("MainWindow", "&Log call…"), "Ctrl+L",
                translate("MainWindow", "Log a call with the selected lead"), "logCall"),
            change_status=a(self, translate("MainWindow", "Change &status…"), "Ctrl+Shift+S",
                translate("MainWindow", "Move the selected lead to another status"), "changeStatus"),
            next_stage=a(self, translate("MainWindow", "Move to &next stage"), "Ctrl+Right",
                translate("MainWindow", "Move the selected leads one stage forward"), "nextStage"),
            previous_stage=a(self, translate("MainWindow", "Move to &previous stage"), "Ctrl+Left",
                translate("MainWindow", "Move the selected leads one stage back "
                             "(the pipeline says where a lead may go)"), "previousStage"),
            print_packet=a(self, translate("MainWindow", "&Print packet…"), "Ctrl+P",
                translate("MainWindow", "Make the patient packet (costs and the treatment journey)"),
                           "printPacket"),
            close_lead=a(self, translate("MainWindow", "&Close lead"), "Ctrl+W",
                translate("MainWindow", "Close the lead shown in the lead panel"), "closeLead"),
            undo_status=a(self, translate("MainWindow", "&Undo status change"), "Ctrl+Z",
                translate("MainWindow", "Put the lead back where the last status change took it from"),
                          "undoStatus"),
            find=a(self, translate("MainWindow", "&Find…"), "Ctrl+F", translate("MainWindow", "Search the leads"), "find"),
            refresh=a(self, translate("MainWindow", "&Refresh"), "F5", translate("MainWindow", "Read the lists again"), "refresh"),
            import_leads=a(self, translate("MainWindow", "&Import leads…"), None,
                translate("MainWindow", "Import inquiries from a CSV file (website form, another CRM)"), "importLeads"),
            export_leads=a(self, translate("MainWindow", "&Export leads…"), None,
                translate("MainWindow", "Export the leads shown in the list to a CSV file"), "exportLeads"),
            open_database=a(self, translate("MainWindow", "&Open database…"), "Ctrl+O",
                translate("MainWindow", "Open another MedTour Desk database file"), "openDatabase"),
            load_demo=a(self, translate("MainWindow", "Load &demo data…"), None,
                translate("MainWindow", "Add invented leads to try the app"), "loadDemo"),
            quit=a(self, translate("MainWindow", "&Quit"), "Ctrl+Q", translate("MainWindow", "Close MedTour Desk"), "quit"),
            about=a(self, translate("MainWindow", "&About MedTour Desk"), None, translate("MainWindow", "Version and components"), "about"),
            my_profile=a(self, translate("MainWindow", "My &profile…"), None,
                translate("MainWindow", "Your name and contact details, as packets show them"), "myProfile"),
            catalogue=a(self, translate("MainWindow", "Partner &catalogue…"), None,
                translate("MainWindow", "Partner hospitals, their programs and prices (admins edit it)"),
                        "partnerCatalogue"),
            keyboard_shortcuts=a(self, translate("MainWindow", "&Keyboard shortcuts"), "F1",
                                 translate("MainWindow", "Every keyboard shortcut of the desk"), "keyboardShortcuts"),
            preferences=a(self, translate("MainWindow", "P&references…"), None,
                          translate("MainWindow", "The desk's language"), "preferences"),
            show_views=show_views,
            move_to=move_to,
        )
        actions.open_lead.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # Enter is handled by the tables
        actions.quit.setMenuRole(QAction.MenuRole.QuitRole)
        actions.about.setMenuRole(QAction.MenuRole.AboutRole)
        return actions

    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar(translate("MainWindow", "Main toolbar"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(18, 18))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        a = self.actions
        for action in (a.new_lead, a.log_call, a.change_status, a.print_packet):
            bar.addAction(action)
        bar.addSeparator()
        for action in (a.undo_status, a.refresh):
            bar.addAction(action)
        bar.addSeparator()
        for action in (a.import_leads, a.export_leads):
            bar.addAction(action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        return bar

    def move_menu(self, parent: QWidget | None = None) -> QMenu:
        menu = QMenu(translate("MainWindow", "&Move to"), parent or self)
        main_done = False
        for status in ALL_STATUSES:
            if STATUS_INFO[status].is_exit and not main_done:
                menu.addSeparator()
                main_done = True
            menu.addAction(self.actions.move_to[status.value])
        return menu

    def _make_menus(self) -> None:
        a = self.actions
        bar = self.menuBar()
        file_menu = bar.addMenu(translate("MainWindow", "&File"))
        file_menu.addAction(a.new_lead)
        file_menu.addSeparator()
        file_menu.addAction(a.open_database)
        file_menu.addAction(a.import_leads)
        file_menu.addAction(a.export_leads)
        file_menu.addSeparator()
        file_menu.addAction(a.load_demo)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        edit_menu = bar.addMenu(translate("MainWindow", "&Edit"))
        edit_menu.addAction(a.undo_status)
        edit_menu.addSeparator()
        edit_menu.addAction(a.find)
        lead_menu = bar.addMenu(translate("MainWindow", "&Lead"))
        self.lead_menu = lead_menu
        lead_menu.addAction(a.open_lead)
        lead_menu.addAction(a.log_call)
        lead_menu.addAction(a.change_status)
        lead_menu.addAction(a.next_stage)
        lead_menu.addAction(a.previous_stage)
        lead_menu.addMenu(self.move_menu(lead_menu))
        lead_menu.addSeparator()
        lead_menu.addAction(a.print_packet)
        lead_menu.addSeparator()
        lead_menu.addAction(a.close_lead)
        view_menu = bar.addMenu(translate("MainWindow", "&View"))
        for action in a.show_views:
            view_menu.addAction(action)
        view_menu.addSeparator()
        toggle = self.lead_dock.toggleViewAction()
        toggle.setText(translate("MainWindow", "Lead &panel"))
        view_menu.addAction(toggle)
        view_menu.addSeparator()
        view_menu.addAction(a.refresh)
        settings_menu = bar.addMenu(translate("MainWindow", "&Settings"))
        settings_menu.addAction(a.my_profile)
        settings_menu.addAction(a.catalogue)
        settings_menu.addAction(a.preferences)
        help_menu = bar.addMenu(translate("MainWindow", "&Help"))
        help_menu.addAction(a.keyboard_shortcuts)
        help_menu.addSeparator()
        help_menu.addAction(a.about)
        self.help_menu = help_menu

    def add_menu_before_help(self, menu: QMenu) -> None:
        """Menus other modules add (Safety) go before Help, where people look for them."""
        self.menuBar().insertMenu(self.help_menu.menuAction(), menu)

    def context_menu(self) -> QMenu:
        """The menu for a right click on a lead row."""
        a = self.actions
        menu = QMenu(self)
        menu.addAction(a.open_lead)
        menu.addAction(a.log_call)
        menu.addAction(a.change_status)
        menu.addMenu(self.move_menu(menu))
        menu.addSeparator()
        menu.addAction(a.print_packet)
        return menu

    # ------------------------------------------------------------------ lead panel

    def show_lead_tabs(self) -> None:
        self.lead_stack.setCurrentWidget(self.lead_tabs if self.lead_tabs.count() else self.lead_placeholder)

    def fit_lead_panel(self, wanted: int) -> None:
        """Widen the lead panel to `wanted` pixels (the case's comfortable width), keeping 55% of the
        window for the views (at 1366 px the list still shows its key columns, Status included);
        never narrows a panel the coordinator made wider. The panel is never narrower than the case needs."""
        if self.lead_dock.isFloating():
            return
        width = min(wanted, self.width() * 45 // 100)
        if self.lead_dock.width() < width:
            self.resizeDocks([self.lead_dock], [width], Qt.Orientation.Horizontal)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
