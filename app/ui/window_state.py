"""The main window's remembered layout: geometry, docks and toolbars, the view shown, and the lead
list's columns — restored at start (within the screen it opens on) and saved when the window closes."""
from __future__ import annotations

from collections.abc import Callable

from app.ui import settings
from app.ui.lead_list_view import LeadListController
from app.ui.main_window import VIEW_DASHBOARD, VIEW_LEADS, VIEW_PIPELINE, VIEW_TODAY, MainWindow, fit_on_screen

__all__ = ["restore_window", "save_window"]


def restore_window(window: MainWindow, show_view: Callable[[int], None]) -> None:
    geometry = settings.read(settings.WINDOW_GEOMETRY)
    if not geometry.isEmpty():
        window.restoreGeometry(geometry)
        fit_on_screen(window, move=True)  # saved on a larger screen, or before the taskbar grew
    state = settings.read(settings.WINDOW_STATE)
    if not state.isEmpty():
        window.restoreState(state)
    view = settings.read(settings.CURRENT_VIEW)
    if view in (VIEW_LEADS, VIEW_TODAY, VIEW_PIPELINE, VIEW_DASHBOARD):
        show_view(view)


def save_window(window: MainWindow, lead_list: LeadListController) -> None:
    settings.write(settings.WINDOW_GEOMETRY, window.saveGeometry())
    settings.write(settings.WINDOW_STATE, window.saveState())
    settings.write(settings.CURRENT_VIEW, window.views.currentIndex())
    lead_list.save_header()
