"""What the window tests share: the desk (the known leads, a main window shown at the fixed clock,
scripted prompts; no worker outlives the test) and an exception hook that logs into a list."""
from __future__ import annotations

from datetime import UTC

import pytest
from PySide6.QtCore import QThreadPool

from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.exception_hook import ExceptionHook
from app.ui.main_controller import build_desk
from tests.ui.desk_data import fixed_clock, known_leads


@pytest.fixture
def desk(qtbot, sqlite_db):
    """(window, controller, lead ids by name, prompts)."""
    ids = known_leads(sqlite_db)
    prompts = ScriptedPrompts()
    window, controller = build_desk(sqlite_db, clock=fixed_clock(), zone=UTC, prompts=prompts, safety=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, controller, ids, prompts
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def desk_look(qapp):
    """The app's fonts and theme, as app/ui/startup.py sets them; restored afterwards."""
    from app.ui.fonts import install_fonts
    from app.ui.theme import LIGHT, apply_theme, use_scheme

    from PySide6.QtCore import QCoreApplication, QEvent

    # Windows earlier tests left behind would all be re-polished by the new style sheet (Qt has
    # crashed there on half-deleted ones): let them go first.
    for widget in qapp.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    font, palette, sheet, style = qapp.font(), qapp.palette(), qapp.styleSheet(), qapp.style().name()
    install_fonts(qapp)
    apply_theme(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
    if qapp.style().name() != style:
        qapp.setStyle(style)
    use_scheme(LIGHT)


@pytest.fixture
def hook(qtbot, tmp_path):
    """(an ExceptionHook whose log writes down each exception, that list)."""
    logged: list[BaseException] = []

    def log(exc):
        logged.append(exc)
        return tmp_path / "medtour.log"

    hook = ExceptionHook(lambda: None, log=log)
    yield hook, logged
    if hook.dialog is not None:
        hook.dialog.close()
