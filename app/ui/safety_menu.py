"""Puts the Safety menu (app.ui.safety_actions) on the main window just after start-up.

Its module (and Alembic behind it) is imported on a worker thread so the window is usable at once;
the menu appears a moment later. A restore or an erasure made from it is announced on the desk's
hub like any other change."""
from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject

from app.domain.clock import Clock
from app.ui.background_task import BackgroundTask
from app.ui.main_window import MainWindow
from app.ui.operations import DeskChanges
from db.engine import Database

__all__ = ["install_safety_menu"]


def install_safety_menu(window: MainWindow, db: Callable[[], Database], hub: DeskChanges, *, clock: Clock,
                        current_lead_id: Callable[[], int | None], prompts, auto_backup: bool = True,
                        installed: Callable[[Any], None] | None = None, parent: QObject | None = None) -> BackgroundTask:
    """Start loading the menu; `installed(safety_actions)` is called once it is on the window.
    A build without the safety module simply has no Safety menu."""

    def loaded(module: ModuleType) -> None:
        safety = module.SafetyActions(window, db, clock=clock, current_lead_id=current_lead_id, prompts=prompts,
                                      on_changes=hub.announce, auto_backup=auto_backup)
        window.add_menu_before_help(safety.menu)
        if installed is not None:
            installed(safety)

    def missing(exc: BaseException) -> None:
        if not isinstance(exc, ImportError):
            raise exc

    task = BackgroundTask(lambda _control: importlib.import_module("app.ui.safety_actions"), parent or window)
    task.finished.connect(loaded)
    task.failed.connect(missing)
    task.start()
    return task
