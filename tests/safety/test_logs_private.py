"""Logs never hold a diagnosis, a phone number or an email — checked by making the CLI fail with
such data and reading the log file it wrote."""
from __future__ import annotations

import logging
import os
import sqlite3
import stat
import subprocess
import sys

import pytest

from app import error_log
from tests.conftest import REPO

DIAGNOSIS = "glioblastoma multiforme grade IV"
NAME = "Зинаида Квашнина"
PHONE = "+7 916 555-12-34"
EMAIL = "zinaida.kvashnina@example.org"
SECRETS = (DIAGNOSIS, "glioblastoma", NAME, "Квашнина", PHONE, "79165551234", "9165551234", EMAIL, "zinaida.kvashnina")


@pytest.fixture
def fresh_logger():
    """The 'medtour' logger without handlers from earlier tests (they point at other data folders)."""
    log = logging.getLogger("medtour")
    saved = log.handlers[:]
    log.handlers.clear()
    yield log
    for handler in log.handlers:
        handler.close()
    log.handlers[:] = saved


def _cli(db_path, *args: str) -> subprocess.CompletedProcess:
    entry = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"  # as the medtour script does
    return subprocess.run([sys.executable, "-c", entry, "--db", str(db_path), *args], cwd=REPO, env=os.environ.copy(),
                          capture_output=True, text=True, timeout=120)


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def test_failing_cli_operations_leave_no_patient_data_in_the_log(sqlite_db, clock, private_dirs):
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead

    lead = create_lead(sqlite_db, LeadInput(full_name=NAME, phones=[(PHONE, "mobile")], email=EMAIL, diagnosis=DIAGNOSIS),
                       clock=clock)
    con = sqlite3.connect(sqlite_db.path)  # make every new interaction fail deep inside SQLite
    con.execute("CREATE TRIGGER refuse BEFORE INSERT ON interactions BEGIN SELECT RAISE(ABORT, 'disk says no'); END")
    con.commit()
    con.close()
    notes = f"{NAME} says the {DIAGNOSIS} came back; call {PHONE} or write to {EMAIL}"
    failed = _cli(sqlite_db.path, "log", lead.reference, "--notes", notes, "--status", "lost", "--reason", f"{NAME}: {DIAGNOSIS}")
    assert failed.returncode == 3 and "unexpected error (IntegrityError)" in failed.stderr
    # user errors with the same data: shown to the user, not logged
    for args in (["status", lead.reference, DIAGNOSIS], ["lead", "show", EMAIL], ["erase", PHONE, "--yes"]):
        result = _cli(sqlite_db.path, *args)
        assert result.returncode == 1 and result.stderr.startswith("medtour: "), args
    log_file = private_dirs / "logs" / "medtour.log"
    text = log_file.read_text(encoding="utf-8")
    assert "IntegrityError" in text and "[parameters: hidden]" in text
    assert _leaks(text) == []
    if os.name == "posix":
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700


def test_every_record_is_scrubbed_whoever_logs_it(fresh_logger, private_dirs):
    # The rule is that code logs no lead values at all; scrubbing catches the shapes leaks take
    # (repr-quoted values, phones, emails, statement parameters).
    try:
        {"name": 1}[NAME]
    except KeyError as exc:
        error_log.log_exception(exc)
    error_log.logger().warning("lead %r wrote from %s about %s", NAME, EMAIL, PHONE)
    text = error_log.log_file().read_text(encoding="utf-8")
    assert "KeyError: '[text]'" in text and "[email]" in text and "[number]" in text
    assert _leaks(text) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ValueError: invalid literal for int() with base 10: 'Иван'", "ValueError: invalid literal for int() with base 10: '[text]'"),
        ('[parameters: (1, "Ivan", \'+7 916\')]', "[parameters: hidden]"),
        ("call 8 (916) 555-12-34 now", "call [number] now"),
        ("mail a.b@c.org", "mail [email]"),
        ('  File "/app/leads.py", line 3, in f\n    x = d["key"]', '  File "/app/leads.py", line 3, in f\n    x = d["key"]'),
    ],
)
def test_scrub(raw, expected):
    assert error_log.scrub(raw) == expected
