"""Starting the MedTour Desk window (`python -m app`, `medtour-desk`, `medtour gui`).

Start-up: the QApplication (names for settings, bundled fonts and their fallbacks, the theme, the
exception hook), then the database — on a new install (no database where the app keeps it, no
--db, no MEDTOUR_DB) the first-run dialog offers an empty one or demo data; a database that
cannot be opened (damaged, newer than this app, locked, in a folder that does not exist) gets a
clear message and a choice to open another file — then the main window. Heavy modules
(QtCharts, the lead editor) load when first used. Every database is opened through
`app.storage` (the one open path).

Start-up cache: checking the schema means importing Alembic (~0.3 s). After a normal open, the
schema head of this build's migration files is remembered with a fingerprint of those files
(names, sizes, times). When the fingerprint still matches and the file's ``alembic_version``
equals that head, the database is opened without the check (`app.storage.open_at_revision`).
Anything else — another build, a newer or older file, a damaged file, a server database — takes
the normal path, which migrates (after a backup) or explains the problem.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.ui.main_controller import DeskController
    from app.ui.main_window import MainWindow
    from db.engine import Database


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app", description="MedTour Desk: the coordinators' desktop")
    parser.add_argument("--db", help="database file (or an SQLAlchemy URL); default: MEDTOUR_DB or the user data folder")
    parser.add_argument("--quit-when-ready", action="store_true", help=argparse.SUPPRESS)  # start-up measurements
    return parser


def setup_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, configured once (fonts, theme, names for settings)."""
    from PySide6.QtCore import QLoggingCategory
    from PySide6.QtWidgets import QApplication

    from app.ui import fonts, i18n, theme

    app = cast("QApplication | None", QApplication.instance())
    if app is None:
        QLoggingCategory.setFilterRules("qt.text.font.db=false")  # Qt notes each script fallback; not a problem
        app = QApplication(list(argv or ["medtour-desk"]))
    app.setApplicationName("MedTour Desk")
    app.setOrganizationName("MedTour")
    app.setOrganizationDomain("medtour.example")
    app.setDesktopFileName("medtour-desk")
    fonts.install_fonts(app)
    theme.apply_theme(app)
    i18n.install_language(app, i18n.chosen_language())
    return app


class DeskSession:
    """The window on screen, its controller and database; replaced when another database is opened."""

    def __init__(self) -> None:
        self.window: MainWindow | None = None
        self.controller: DeskController | None = None
        self.db: Database | None = None

    def show(self, db: Database, *, actor_id: int | None = None) -> None:
        """Show `db`'s window, working as `actor_id` (None: who the database says is working)."""
        from app.ui.main_controller import build_desk

        old_window, old_db = self.window, self.db
        window, controller = build_desk(db, actor_id=actor_id, live=True)
        controller.switchDatabase.connect(self.switch_to)
        window.show()
        self.window, self.controller, self.db = window, controller, db
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_db is not None and old_db is not db:
            old_db.dispose()

    def switch_to(self, db: Database) -> None:
        """Another database opened from the window: who is working there is asked again."""
        from app.ui.who_is_working import ask_who_is_working

        self.show(db, actor_id=ask_who_is_working(db, parent=self.window))


def _default_target(cli_db: str | None):
    """(target, is_new_install): --db, else MEDTOUR_DB, else the last opened file, else the default file."""
    from app import paths
    from app.ui import settings

    if cli_db:
        return cli_db, False
    if os.environ.get("MEDTOUR_DB"):
        return None, False
    last = settings.read(settings.LAST_DATABASE)
    if last and ("://" in last or Path(last).exists()):
        return last, False
    return None, not paths.default_database_path().exists()


def migrations_fingerprint() -> str:
    import hashlib

    import db

    versions = Path(db.__file__).resolve().parent / "migrations" / "versions"
    digest = hashlib.sha256()
    for entry in sorted(os.scandir(versions), key=lambda e: e.name):
        if entry.name.endswith(".py"):
            info = entry.stat()
            digest.update(f"{entry.name}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()


def open_at_known_head(target):
    """The database when it is already at this build's schema head (see the module notes), else None."""
    from app.storage import open_at_revision
    from app.ui import settings

    head = settings.read(settings.SCHEMA_HEAD)
    if not head or settings.read(settings.MIGRATIONS_FINGERPRINT) != migrations_fingerprint():
        return None
    return open_at_revision(target, head)


def remember_schema_head() -> None:
    from app.ui import settings
    from db.migrate import head_revision

    settings.write(settings.SCHEMA_HEAD, head_revision())
    settings.write(settings.MIGRATIONS_FINGERPRINT, migrations_fingerprint())


def open_initial_database(cli_db: str | None, *, prompts=None, ask_password=None):
    """The database to start with, or None when the user chose to quit (`_open_initial_database`).
    A database file on a network share, where SQLite is not safe, is opened after a warning."""
    db = _open_initial_database(cli_db, prompts=prompts, ask_password=ask_password)
    if db is not None:
        from app.storage import network_share_warning

        if (warning := network_share_warning(db)) is not None:
            if prompts is None:
                from app.ui.dialog_prompts import Prompts

                prompts = Prompts()
            prompts.inform(None, "The database is on a network share", warning)
    return db


def _open_initial_database(cli_db: str | None, *, prompts=None, ask_password=None):
    """The database to start with, or None when the user chose to quit.

    The window writes, so a new file in an existing folder is made (as `medtour demo` would);
    a missing folder is refused with its name (only the first-run dialog and `medtour init` make
    folders)."""
    target, new_install = _default_target(cli_db)
    if not new_install:
        db = open_at_known_head(target)
        if db is not None:
            return db
    from app import paths
    from app.error_words import describe_and_log
    from app.storage import open_database
    from app.ui.server_sign_in import DialogPasswordAsk

    ask_password = ask_password or DialogPasswordAsk()  # a team database without a password in its URL
    if prompts is None:
        from app.ui.dialog_prompts import Prompts

        prompts = Prompts()
    if new_install:
        from app.ui.first_run_dialog import FirstRunDialog

        dialog = FirstRunDialog(paths.default_database_path(), prompts=prompts)
        dialog.exec()
        if dialog.database is not None:
            remember_schema_head()
        return dialog.database
    create = True
    while True:
        try:
            db = open_database(target, create=create, ask_password=ask_password)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a readable choice, bugs are logged
            if _restored_after_damage(exc, prompts):
                continue  # the newest backup is in place: open it
            report_text = describe_and_log(exc).dialog_text  # a bug is logged and the text says where
            choice = prompts.choose(None, "MedTour Desk cannot open its database", report_text,
                                    [("open", "Open another database…"), ("quit", "Quit")])
            if choice != "open":
                return None
            path = prompts.open_path(None, "Open a MedTour Desk database", str(paths.data_dir()),
                                     "MedTour Desk databases (*.db *.sqlite);;All files (*)")
            if not path:
                return None
            target, create = path, False  # a file picked to open is opened, never made
        else:
            remember_schema_head()
            return db


def _restored_after_damage(exc: BaseException, prompts) -> bool:
    """A damaged database file: offer the newest backup (the damaged file is kept beside it)."""
    from app.safety.database_file import DatabaseCorruptError

    if not isinstance(exc, DatabaseCorruptError) or exc.newest_backup is None:
        return False
    from app.ui.backup_dialog import restore_after_damage

    try:
        return restore_after_damage(exc, None, prompts=prompts) is not None
    except Exception as failure:  # noqa: BLE001 - the restore's own refusal is shown, then the usual choice
        prompts.error(None, "Restore failed", failure)
        return False


def run_desk(db_target: str | None = None, *, quit_when_ready: bool = False, started: float | None = None) -> int:
    """Show the window on `db_target` (else the default database) and run until it closes.
    `quit_when_ready` (start-up measurements) prints the time since `started` and quits."""
    started = time.perf_counter() if started is None else started
    app = setup_application(sys.argv[:1])
    from app.ui.exception_hook import ExceptionHook

    hook = ExceptionHook().install()
    first_run = _default_target(db_target)[1]
    db = open_initial_database(db_target)
    if db is None:
        hook.uninstall()
        return 0
    session = DeskSession()
    actor_id = None
    if not quit_when_ready:  # start-up measurements answer no question
        from app.ui.who_is_working import ask_who_is_working

        actor_id = ask_who_is_working(db, first_run=first_run)
    session.show(db, actor_id=actor_id)
    if quit_when_ready:
        from PySide6.QtCore import QTimer

        def ready() -> None:
            window = session.window
            assert window is not None
            window.repaint()
            rows = window.lead_list.table.model().rowCount()
            print(f"ready in {time.perf_counter() - started:.3f} s since app/__main__ started, "
                  f"cpu {time.process_time():.3f} s, {rows:,} rows", file=sys.stderr, flush=True)
            app.quit()

        QTimer.singleShot(0, ready)
    code = app.exec()
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(5000)  # let a running query or backup finish before teardown
    hook.uninstall()
    if session.db is not None:
        session.db.dispose()
    return code


def main(argv: Sequence[str] | None = None, *, started: float | None = None) -> int:
    args = parser().parse_args(argv)
    return run_desk(args.db, quit_when_ready=args.quit_when_ready, started=started)
