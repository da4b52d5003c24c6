"""Every main view and main dialog of the desk, built on one database, one at a time: the checks
that walk the whole desk (accessible names, clipping at each screen size, the keyboard sheet) and
scripts/desk_screenshots.py go through this list, so a new dialog is added here once.

    for name, widget in desk_screens(db, ids, window, controller): ...

Each item is shown (views: the window on that view; dialogs: the dialog, at its own size within
the screen) when it is yielded and closed after the caller's turn."""
from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.main_window import VIEW_DASHBOARD, VIEW_LEADS, VIEW_PIPELINE, VIEW_TODAY

VIEWS = {"leads": VIEW_LEADS, "today": VIEW_TODAY, "pipeline": VIEW_PIPELINE, "dashboard": VIEW_DASHBOARD}


def _dialogs(db, ids: dict[str, int], window, controller) -> dict[str, Callable[[], QWidget]]:
    from app.ui.about_dialog import AboutDialog
    from app.ui.backup_dialog import BackupDialog
    from app.ui.catalogue_dialog import CatalogueDialog
    from app.ui.import_wizard import ImportWizard
    from app.ui.keyboard_sheet import KeyboardSheet
    from app.ui.lead_editor import LeadEditor
    from app.ui.log_call_dialog import LogCallDialog
    from app.ui.merge_dialog import MergeDialog
    from app.ui.profile_dialog import ProfileDialog
    from app.ui.status_dialog import StatusChangeDialog

    clock, prompts = controller.clock, ScriptedPrompts()
    lead, other = ids["mohammed"], ids["anna"]
    return {
        "new-lead": lambda: LeadEditor.new_lead(db, parent=window, clock=clock, prompts=prompts),
        "log-call": lambda: LogCallDialog(db, lead, clock=clock, prompts=prompts, parent=window),
        "status": lambda: StatusChangeDialog(db, lead, "lost", clock=clock, prompts=prompts, parent=window),
        "import": lambda: ImportWizard(db, parent=window, clock=clock, prompts=prompts),
        "merge": lambda: MergeDialog(db, lead, other, clock=clock, parent=window),
        "profile": lambda: ProfileDialog(db, None, parent=window),
        "catalogue": lambda: CatalogueDialog(db, prompts=prompts, parent=window),
        "backup": lambda: BackupDialog(db, window, prompts=prompts, clock=clock),
        "about": lambda: AboutDialog("medtour.db", parent=window),
        "keyboard-shortcuts": lambda: KeyboardSheet(window),
    }


DIALOGS = ("new-lead", "log-call", "status", "import", "merge", "profile", "catalogue", "backup", "about",
           "keyboard-shortcuts")


def _settle() -> None:
    """Until the layouts have settled: a lead opened beside a view resizes its panel in a second
    round of events (posted layout requests), so one round may look at the half-laid-out panel."""
    for _ in range(3):
        QApplication.processEvents()


def desk_screens(db, ids: dict[str, int], window, controller, *, only: set[str] | None = None,
                 lead: str = "mohammed") -> Iterator[tuple[str, QWidget]]:
    """(name, the widget to look at): the four views with a lead open beside them, then each dialog."""
    controller.open_lead(ids[lead])
    for name, view in VIEWS.items():
        if only is not None and name not in only:
            continue
        controller.show_view(view)
        _settle()
        yield name, window
    makers = _dialogs(db, ids, window, controller)
    for name in DIALOGS:
        if only is not None and name not in only:
            continue
        dialog = makers[name]()
        dialog.show()
        _settle()
        try:
            yield name, dialog
        finally:
            if isinstance(dialog, QDialog):
                dialog.done(0)
            dialog.close()
            dialog.deleteLater()
            QApplication.processEvents()
