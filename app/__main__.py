"""`python -m app [--db PATH]`: the MedTour Desk window.

Start-up: the QApplication (names for settings, bundled fonts and their fallbacks, the theme, the
exception hook), then the database — on a new install (no database where the app keeps it, no
--db, no MEDTOUR_DB) the first-run dialog offers an empty one or demo data; a database that
cannot be opened (damaged, newer than this app, locked) gets a clear message and a choice to open
another file — then the main window. Heavy modules (QtCharts, the lead editor) load when first used.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

_STARTED = time.perf_counter()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app", description="MedTour Desk: the coordinators' desktop")
    parser.add_argument("--db", help="database file (or an SQLAlchemy URL); default: MEDTOUR_DB or the user data folder")
    parser.add_argument("--quit-when-ready", action="store_true", help=argparse.SUPPRESS)  # start-up measurements
    return parser


def setup_application(argv: Sequence[str] | None = None):
    """The QApplication, configured once (fonts, theme, names for settings)."""
    from PySide6.QtCore import QLoggingCategory
    from PySide6.QtWidgets import QApplication

    from app.ui import fonts, theme

    app = QApplication.instance()
    if app is None:
        QLoggingCategory.setFilterRules("qt.text.font.db.warning=false")  # Qt notes each script fallback; not a problem
        app = QApplication(list(argv or ["medtour-desk"]))
    app.setApplicationName("MedTour Desk")
    app.setOrganizationName("MedTour")
    app.setOrganizationDomain("medtour.example")
    app.setDesktopFileName("medtour-desk")
    fonts.install_fonts(app)
    theme.apply_theme(app)
    return app


class DeskSession:
    """The window on screen, its controller and database; replaced when another database is opened."""

    def __init__(self) -> None:
        self.window = None
        self.controller = None
        self.db = None

    def show(self, db) -> None:
        from app.ui.main_controller import build_desk

        old_window, old_db = self.window, self.db
        window, controller = build_desk(db)
        controller.switchDatabase.connect(self.show)
        window.show()
        self.window, self.controller, self.db = window, controller, db
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_db is not None and old_db is not db:
            old_db.dispose()


def _default_target(cli_db: str | None):
    """(target, is_new_install): --db, else MEDTOUR_DB, else the last opened file, else the default file."""
    from app.storage import database_exists
    from app.ui import settings

    if cli_db:
        return cli_db, False
    if os.environ.get("MEDTOUR_DB"):
        return None, False
    last = settings.read(settings.LAST_DATABASE)
    if last and ("://" in last or Path(last).exists()):
        return last, False
    return None, not database_exists(None)


def open_initial_database(cli_db: str | None, *, prompts=None):
    """The database to start with, or None when the user chose to quit."""
    from app import paths
    from app.storage import open_database
    from app.ui.exception_hook import describe

    if prompts is None:
        from app.ui.dialog_prompts import Prompts

        prompts = Prompts()
    target, new_install = _default_target(cli_db)
    if new_install:
        from app.ui.first_run_dialog import FirstRunDialog

        dialog = FirstRunDialog(paths.default_database_path(), prompts=prompts)
        dialog.exec()
        return dialog.database
    while True:
        try:
            return open_database(target)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a readable choice, bugs are logged
            report = describe(exc)
            if report.is_bug:
                from app.error_log import log_exception

                where = log_exception(exc)
                report_text = f"{report.text}\n\nThe details were written to {where}."
            else:
                report_text = report.text
            choice = prompts.choose(None, "MedTour Desk cannot open its database", report_text,
                                    [("open", "Open another database…"), ("quit", "Quit")])
            if choice != "open":
                return None
            path = prompts.open_path(None, "Open a MedTour Desk database", str(paths.data_dir()),
                                     "MedTour Desk databases (*.db *.sqlite);;All files (*)")
            if not path:
                return None
            target = path


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    app = setup_application(sys.argv[:1])
    from app.ui.exception_hook import ExceptionHook

    hook = ExceptionHook().install()
    db = open_initial_database(args.db)
    if db is None:
        hook.uninstall()
        return 0
    session = DeskSession()
    session.show(db)
    if args.quit_when_ready:
        from PySide6.QtCore import QTimer

        def ready() -> None:
            window = session.window
            window.repaint()
            rows = window.lead_list.table.model().rowCount()
            print(f"ready in {time.perf_counter() - _STARTED:.3f} s (in-process, after imports of python -m), "
                  f"{rows:,} rows", file=sys.stderr)
            app.quit()

        QTimer.singleShot(0, ready)
    code = app.exec()
    hook.uninstall()
    if session.db is not None:
        session.db.dispose()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
