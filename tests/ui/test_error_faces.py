"""Every face says the same words for the same error: the CLI's stderr line, the dialogs'
`describe_error` and the exception hook's dialog all come from app.error_words. Each error here is
a real one (a real file, a real PostgreSQL server, a real missing file), never built by hand."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app import error_words
from app.domain.errors import ConflictError, NotFoundError, TransitionError, ValidationError
from app.ui.dialog_prompts import describe_error
from app.ui.exception_hook import ExceptionHook
from db.errors import Condition
from tests import database_errors as cases

pytestmark = pytest.mark.gui
REPO = Path(__file__).resolve().parents[2]


def hook_dialog(qtbot, hook: ExceptionHook, exc: BaseException) -> tuple[str, str]:
    """The title and text of the one dialog the hook shows for `exc`."""
    with qtbot.waitSignal(hook.shown) as shown:
        hook.report(exc)
    box = hook.dialog
    assert isinstance(box, QMessageBox) and box.text() == shown.args[0]
    title, text = box.windowTitle(), box.text()
    box.close()
    qtbot.waitUntil(lambda: hook.dialog is None)
    return title, text


def cli_line(exc: BaseException) -> tuple[str, int]:
    stream = io.StringIO()
    code = error_words.report_error(exc, stream)
    return stream.getvalue(), code


def assert_same_words_everywhere(qtbot, hook, exc: BaseException, *, bug: bool = False) -> error_words.ErrorDescription:
    hook, logged = hook
    words = error_words.describe(exc)
    assert words.is_bug is bug
    line, code = cli_line(exc)
    assert line.count("\n") == 1 and code == (error_words.EXIT_BUG if bug else error_words.EXIT_USER_ERROR)
    if not bug:
        assert line == f"medtour: {words.message}\n"
        assert describe_error(exc) == words.sentence
        assert hook_dialog(qtbot, hook, exc) == (words.title, words.sentence)
        assert logged == [], "a known condition is not logged as a bug"
    return words


SQLITE_WORDS = {
    "locked": "the database is busy",
    "read-only": "the database can only be read here",
    "corrupt": "the database file is damaged",
    "not a database": "the file is not a MedTour Desk database",
    "disk full": "the disk is full",
    "newer schema": "was written by a newer version of MedTour Desk (schema 9999_from_the_future)",
}


@pytest.mark.parametrize("case", sorted(SQLITE_WORDS))
def test_each_sqlite_condition_reads_the_same_in_every_face(qtbot, hook, tmp_path, case):
    exc = cases.SQLITE_CASES[case](tmp_path)
    words = assert_same_words_everywhere(qtbot, hook, exc)
    assert SQLITE_WORDS[case] in words.message


@pytest.mark.postgres
def test_postgres_conditions_read_the_same_in_every_face(qtbot, hook, postgres_db):
    lost = assert_same_words_everywhere(qtbot, hook, cases.pg_connection_lost(postgres_db))
    refused = assert_same_words_everywhere(qtbot, hook, cases.pg_connection_refused())
    assert lost == refused and lost.message == error_words.CONDITION_WORDS[Condition.CONNECTION_LOST][1]
    denied = assert_same_words_everywhere(qtbot, hook, cases.pg_permission_denied(postgres_db))
    assert denied.message == error_words.CONDITION_WORDS[Condition.PERMISSION_DENIED][1]


def test_user_errors_are_not_bugs_anywhere(qtbot, hook, sqlite_db):
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead
    from app.domain.pipeline import Status, check_transition

    with pytest.raises(TransitionError) as refused:
        check_transition(Status.NEW, Status.COMPLETED, None)
    words = assert_same_words_everywhere(qtbot, hook, refused.value)
    assert words.title == "Move not allowed" and str(refused.value) in words.message
    with pytest.raises(ValidationError) as invalid:
        create_lead(sqlite_db, LeadInput(full_name="  "))
    assert_same_words_everywhere(qtbot, hook, invalid.value)
    for exc in (NotFoundError("no lead 'L-2026-99999'"), ConflictError("changed elsewhere", mine={}, theirs={}, current_version=2)):
        assert error_words.describe(exc).message == str(exc)
        assert_same_words_everywhere(qtbot, hook, exc)


def test_file_errors_name_the_file(qtbot, hook, tmp_path):
    missing = tmp_path / "nowhere" / "inquiries.csv"
    with pytest.raises(OSError) as raised:
        missing.open()
    words = assert_same_words_everywhere(qtbot, hook, raised.value)
    assert words.message == f"no such file or folder: {missing}"
    full = OSError(28, os.strerror(28), str(tmp_path / "packet.pdf"))  # ENOSPC as the kernel reports it
    assert assert_same_words_everywhere(qtbot, hook, full).message.startswith(
        error_words.CONDITION_WORDS[Condition.DISK_FULL][1]), "a full disk reads the same from a file as from the database"


def test_a_damaged_or_newer_file_met_on_open(qtbot, hook, tmp_path):
    from app.safety.database_file import DatabaseCorruptError, DatabaseTooNewError
    from app.storage import open_database

    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"\x7fELF" + b"\0" * 5000)
    exc = cases.caught(lambda: open_database(damaged))
    assert isinstance(exc, DatabaseCorruptError)
    assert assert_same_words_everywhere(qtbot, hook, exc).title == "Database damaged"
    newer = cases.new_database_file(tmp_path, "newer.db")
    cases.make_newer(newer)
    exc = cases.caught(lambda: open_database(newer))
    assert isinstance(exc, DatabaseTooNewError)
    assert assert_same_words_everywhere(qtbot, hook, exc).title == "Newer database"


def test_a_bug_is_logged_and_says_where_in_every_face(qtbot, hook, tmp_path, private_dirs):
    (tmp_path / "db").mkdir()
    exc = cases.a_statement_bug(tmp_path / "db")
    words = assert_same_words_everywhere(qtbot, hook, exc, bug=True)
    assert words.message == "unexpected error (OperationalError)"
    log_file = private_dirs / "logs" / "medtour.log"
    line, _ = cli_line(exc)
    assert line == f"medtour: unexpected error (OperationalError); details were logged to {log_file}\n"
    assert describe_error(exc) == f"Unexpected error (OperationalError); details were logged to {log_file}"
    hook_, logged = hook
    title, text = hook_dialog(qtbot, hook_, exc)
    assert title == "Something went wrong" and logged == [exc]
    assert text.startswith(f"Unexpected error (OperationalError); details were logged to {tmp_path / 'medtour.log'}")


def test_interrupted_reads_plainly():
    words = error_words.describe(KeyboardInterrupt())
    assert not words.is_bug and words.exit_code == 130 and words.message == "interrupted; nothing was half-written"


# ------------------------------------------------------------------ the real command line


def run_cli(*args: str) -> subprocess.CompletedProcess:
    entry = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"  # as the medtour script does
    return subprocess.run([sys.executable, "-c", entry, *args], cwd=REPO, env=os.environ.copy(),
                          capture_output=True, text=True, timeout=120)


def test_the_cli_prints_the_same_line_for_a_file_met_on_open(tmp_path):
    from app.storage import open_database

    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"PK\x03\x04 a zip " * 400)
    newer = cases.new_database_file(tmp_path, "newer.db")
    cases.make_newer(newer)
    for path in (damaged, newer):
        expected = error_words.describe(cases.caught(lambda: open_database(path)))
        done = run_cli("--db", str(path), "leads")
        assert (done.returncode, done.stderr) == (1, f"medtour: {expected.message}\n")


def test_the_cli_on_a_read_only_database(tmp_path):
    from app.domain.dashboard_stats import total_leads
    from app.storage import open_database

    path = cases.new_database_file(tmp_path)
    db = open_database(path)
    reference = db.engine.connect().exec_driver_sql("SELECT reference FROM leads").scalar()
    db.dispose()
    done = run_cli("--db", cases.read_only_url(path), "log", reference, "--kind", "call", "--outcome", "reached",
                   "--notes", "called")
    (tmp_path / "again").mkdir()
    words = error_words.describe(cases.read_only(tmp_path / "again"))
    assert (done.returncode, done.stderr) == (1, f"medtour: {words.message}\n")
    db = open_database(path)
    assert total_leads(db) == 1 and db.engine.connect().exec_driver_sql("SELECT count(*) FROM interactions "
                                                                        "WHERE kind = 'call_out'").scalar() == 0
    db.dispose()


def test_the_cli_on_a_locked_database(tmp_path, capsys, monkeypatch):
    """The real command, in this process so that its busy timeout can be short (the app waits 30 s)."""
    import db.engine
    from app.cli import main
    from app.storage import open_database

    path = cases.new_database_file(tmp_path)
    db_ = open_database(path)
    reference = db_.engine.connect().exec_driver_sql("SELECT reference FROM leads").scalar()
    db_.dispose()
    monkeypatch.setattr(db.engine, "_SQLITE_PRAGMAS", tuple(
        f"PRAGMA busy_timeout={cases.SHORT_BUSY_TIMEOUT_MS}" if p.startswith("PRAGMA busy_timeout") else p
        for p in db.engine._SQLITE_PRAGMAS))
    monkeypatch.setattr(db.engine, "BUSY_TIMEOUT_MS", cases.SHORT_BUSY_TIMEOUT_MS)
    holder = cases.HeldLock(path)
    try:
        code = main(["--db", str(path), "log", reference, "--kind", "call", "--outcome", "reached", "--notes", "called"])
    finally:
        holder.release()
    assert (code, capsys.readouterr().err) == (1, f"medtour: {error_words.CONDITION_WORDS[Condition.LOCKED][1]}\n")


@pytest.mark.postgres
def test_the_cli_when_the_server_refuses(postgres_server):
    done = run_cli("--db", cases.pg_connection_refused_url(), "leads")
    words = error_words.CONDITION_WORDS[Condition.CONNECTION_LOST][1]
    assert (done.returncode, done.stderr) == (1, f"medtour: {words}\n")

