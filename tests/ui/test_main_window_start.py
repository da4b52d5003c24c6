"""Start-up: the first-run dialog's three paths, databases that cannot be opened, the start-up
cache, `python -m app`, and the exception hook's one readable dialog."""
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app import paths
from app.domain.errors import ValidationError
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.exception_hook import describe
from app.ui.first_run_dialog import FirstRunDialog
from app.ui.startup import open_at_known_head, open_initial_database

pytestmark = pytest.mark.gui


def lead_count(db) -> int:
    from app.domain.dashboard_stats import total_leads

    return total_leads(db)


def test_first_run_empty_database(qtbot, tmp_path):
    target = tmp_path / "new" / "medtour.db"
    dialog = FirstRunDialog(target, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted):
        dialog.empty_button.click()
    assert target.exists() and lead_count(dialog.database) == 0
    dialog.database.dispose()


def test_first_run_with_demo_data(qtbot, tmp_path):
    target = tmp_path / "medtour.db"
    dialog = FirstRunDialog(target, demo_leads=40, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        dialog.demo_button.click()
        assert not dialog.empty_button.isEnabled()  # busy while the leads are made
    assert 30 <= lead_count(dialog.database) <= 40
    dialog.database.dispose()


def test_first_run_demo_can_be_cancelled(qtbot, tmp_path, monkeypatch):
    import app.domain.demo_data as demo_data

    def slow_demo(db, count, *, progress=None, cancel=None, **_kw):
        while not cancel():
            pass
        raise ValidationError("demo data cancelled; nothing was added")

    monkeypatch.setattr(demo_data, "generate_demo", slow_demo)
    dialog = FirstRunDialog(tmp_path / "medtour.db", prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.demo_button.click()
    dialog.reject()  # the Cancel button while busy
    qtbot.waitUntil(lambda: dialog.empty_button.isEnabled(), timeout=5000)
    assert dialog.isVisible() and dialog.database is None
    assert "cancelled" in dialog.message.text()


def test_first_run_open_existing(qtbot, tmp_path):
    from app.storage import open_database

    existing = tmp_path / "elsewhere.db"
    open_database(existing, create=True).dispose()
    dialog = FirstRunDialog(tmp_path / "medtour.db", prompts=ScriptedPrompts(open_path=str(existing)))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted):
        dialog.open_button.click()
    assert dialog.database.path == existing.resolve()
    dialog.database.dispose()


def test_first_run_refuses_a_damaged_file_and_stays(qtbot, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all" * 100)
    dialog = FirstRunDialog(tmp_path / "medtour.db", prompts=ScriptedPrompts(open_path=str(bad)))
    qtbot.addWidget(dialog)
    dialog.open_button.click()
    assert dialog.database is None and "damaged" in dialog.message.text()


def test_new_install_shows_the_first_run_dialog(qtbot, monkeypatch):
    shown = []

    def fake_exec(self):
        shown.append(self.target)
        self.create_empty()
        return 1

    monkeypatch.setattr(FirstRunDialog, "exec", fake_exec)
    db = open_initial_database(None, prompts=ScriptedPrompts())
    assert shown == [paths.default_database_path()]
    assert db.path == paths.default_database_path().resolve()
    db.dispose()


def test_a_damaged_database_gives_a_message_not_a_crash(qtbot, tmp_path):
    bad = tmp_path / "medtour.db"
    bad.write_bytes(b"garbage" * 1000)
    prompts = ScriptedPrompts(choose="quit")
    assert open_initial_database(str(bad), prompts=prompts) is None
    assert prompts.titles("choose") == ["MedTour Desk cannot open its database"]
    assert "damaged" in prompts.texts("choose")[0]
    assert "Traceback" not in prompts.texts("choose")[0]


def test_a_newer_database_is_refused_with_its_message(qtbot, tmp_path):
    import sqlite3

    from app.storage import open_database

    newer = tmp_path / "newer.db"
    open_database(newer, create=True).dispose()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    good = tmp_path / "good.db"
    open_database(good, create=True).dispose()
    prompts = ScriptedPrompts(choose="open", open_path=str(good))
    db = open_initial_database(str(newer), prompts=prompts)
    assert "newer version" in prompts.texts("choose")[0]
    assert db is not None and db.path == good.resolve()  # "Open another database…" worked
    db.dispose()


def test_start_up_cache_skips_the_schema_check_only_when_safe(qtbot, tmp_path):
    import sqlite3

    from app.storage import open_database

    target = tmp_path / "medtour.db"
    assert open_at_known_head(str(target)) is None  # nothing remembered yet
    db = open_initial_database(str(target), prompts=ScriptedPrompts())  # the normal path remembers the head
    db.dispose()
    fast = open_at_known_head(str(target))
    assert fast is not None
    fast.dispose()
    with sqlite3.connect(target) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'other'")
    assert open_at_known_head(str(target)) is None  # another revision: the normal path decides
    assert open_database is not None


def test_python_m_app_opens_the_window(tmp_path, private_dirs):
    """`make run` runs `python -m app`: in its own process (app.exec() ends a QApplication's life)."""
    import os
    import subprocess

    from app.storage import open_database

    target = tmp_path / "medtour.db"
    open_database(target, create=True).dispose()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MEDTOUR_DATA_DIR=str(private_dirs))
    done = subprocess.run([sys.executable, "-m", "app", "--db", str(target), "--quit-when-ready"], env=env,
                          capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert "ready in" in done.stderr and "0 rows" in done.stderr
    assert "Traceback" not in done.stderr


# ------------------------------------------------------------------ the exception hook


def visible_error_dialogs():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == "errorDialog" and w.isVisible()]


def raise_and_catch(exc):
    try:
        raise exc
    except Exception as caught:  # noqa: BLE001
        return type(caught), caught, caught.__traceback__


def test_a_bug_shows_one_readable_dialog_and_is_logged(qtbot, hook):
    hook, logged = hook
    hook.handle(*raise_and_catch(KeyError("internal detail")))
    hook.handle(*raise_and_catch(RuntimeError("second")))
    hook.handle(*raise_and_catch(ZeroDivisionError("third")))
    dialogs = visible_error_dialogs()
    assert len(dialogs) == 1
    text = dialogs[0].text()
    assert "KeyError" in text and "Traceback" not in text and "medtour.log" in text
    assert "2 more problem(s)" in dialogs[0].informativeText()
    assert [type(e) for e in logged] == [KeyError, RuntimeError, ZeroDivisionError]
    dialogs[0].accept()
    qtbot.waitUntil(lambda: not visible_error_dialogs())
    hook.handle(*raise_and_catch(ValueError("after")))
    assert len(visible_error_dialogs()) == 1


def test_user_errors_show_their_message_and_are_not_logged_as_bugs(qtbot, hook):
    hook, logged = hook
    with qtbot.waitSignal(hook.shown) as shown:
        hook.handle(*raise_and_catch(ValidationError("a lead needs a name")))
    assert shown.args == ["A lead needs a name"]
    assert logged == []


def test_known_database_problems_read_well():
    import sqlite3

    from sqlalchemy.exc import OperationalError

    driver_error = sqlite3.OperationalError("database is locked")
    driver_error.sqlite_errorcode, driver_error.sqlite_errorname = 5, "SQLITE_BUSY"  # as SQLite sets them
    locked = OperationalError("SELECT 1", {}, driver_error)
    assert describe(locked).sentence.startswith("The database is busy")
    assert not describe(OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))).sentence.startswith(
        "The database is busy"), "the words of a message are not its code"
    assert not describe(locked).is_bug
    assert describe(OSError(28, "No space left on device")).title == "Disk full"
    assert describe(RuntimeError("x")).is_bug


def test_errors_from_threads_reach_the_ui_thread(qtbot, hook):
    import threading

    hook, logged = hook
    hook.install()
    try:
        with qtbot.waitSignal(hook.shown, timeout=5000):
            worker = threading.Thread(target=lambda: 1 / 0)
            worker.start()
            worker.join()
    finally:
        hook.uninstall()
    assert isinstance(logged[0], ZeroDivisionError)


def test_a_damaged_database_with_a_backup_offers_the_restore(qtbot, tmp_path, clock):
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead
    from app.safety.backups import make_backup
    from app.storage import open_database

    target = tmp_path / "medtour.db"
    db = open_database(target, create=True)
    create_lead(db, LeadInput(full_name="Зинаида Квашнина", email="z@example.ru"), clock=clock)
    make_backup(db, clock=clock)
    db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    target.write_bytes(b"garbage" * 1000)
    prompts = ScriptedPrompts(ask=True)
    reopened = open_initial_database(str(target), prompts=prompts)
    assert reopened is not None and lead_count(reopened) == 1
    assert prompts.titles("ask") == ["The database is damaged"]
    reopened.dispose()


def test_a_database_in_a_missing_folder_is_refused_naming_the_folder(qtbot, tmp_path):
    folder = tmp_path / "no" / "such"
    prompts = ScriptedPrompts(choose="quit")
    assert open_initial_database(str(folder / "medtour.db"), prompts=prompts) is None
    assert prompts.titles("choose") == ["MedTour Desk cannot open its database"]
    assert str(folder) in prompts.texts("choose")[0]
    assert not (tmp_path / "no").exists()  # only the first-run dialog and `medtour init` make folders


def test_a_new_file_in_an_existing_folder_is_made_by_the_window(qtbot, tmp_path):
    target = tmp_path / "fresh.db"
    db = open_initial_database(str(target), prompts=ScriptedPrompts())
    assert db is not None and db.path == target.resolve() and lead_count(db) == 0
    db.dispose()
