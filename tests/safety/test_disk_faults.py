"""A full disk, a read-only file, folder or disk: each said as what it is and what to do, in one line
(exit 1, no traceback, no "--- Logging error ---"), and nothing half-written or quietly changed.

The full disk is a real small file system (a 1 MB tmpfs) where this machine lets the test mount one
(root with CAP_SYS_ADMIN, as in CI's container); elsewhere the same test injects ENOSPC through
tests/fault_layer.py, so it never skips. The injected variant always runs as well."""
from __future__ import annotations

import errno
import io
import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from app import error_words
from app.cli import main
from app.storage import open_database
from tests.conftest import REPO
from tests.fault_layer import FaultLayer


def _mount(folder: Path, *options: str) -> bool:
    if os.name != "posix" or os.geteuid() != 0:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(("size=1m", "mode=0700", *options)), "tmpfs", str(folder)],
                          capture_output=True, text=True)
    return done.returncode == 0


def _umount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextmanager
def small_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A 1 MB file system at tmp_path/small, or None where mounting is not allowed."""
    folder = tmp_path / "small"
    if not _mount(folder):
        folder.mkdir(exist_ok=True)
        yield None
        return
    try:
        yield folder
    finally:
        _umount(folder)


def _fill(folder: Path) -> None:
    """Write until the disk is full."""
    with open(folder / "filler.bin", "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def _db_with_leads(path: Path, clock, count: int = 60):
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead

    db = open_database(path, create=True)
    for n in range(count):
        create_lead(db, LeadInput(full_name=f"Patient {n}", email=f"p{n}@example.com", message="m" * 20_000), clock=clock)
    db.checkpoint()
    return db


def _one_clear_line(code: int, err: str, *words: str) -> None:
    assert code == 1, err
    assert err.count("\n") == 1 and err.startswith("medtour: "), err
    for bad in ("Traceback", "Logging error", "unexpected error"):
        assert bad not in err, err
    for word in words:
        assert word in err, err


def test_a_full_disk_for_backups_and_exports_is_said_plainly(tmp_path, monkeypatch, capsys, clock):
    """The backups folder and the export on a 1 MB disk (real where possible, else ENOSPC injected)."""
    with small_disk(tmp_path) as disk:
        small = disk or tmp_path / "small"
        monkeypatch.setenv("MEDTOUR_DATA_DIR", str(small / "data"))
        db = _db_with_leads(tmp_path / "medtour.db", clock)
        db.dispose()
        args = ["--db", str(tmp_path / "medtour.db")]
        full = error_words.CONDITION_WORDS[error_words.Condition.DISK_FULL][1]
        if disk is not None:
            code = main([*args, "backup"])  # 1.2 MB of leads on a 1 MB disk: SQLite's own write fails
            _one_clear_line(code, capsys.readouterr().err, "the backup failed and was not kept", "the disk is full")
            _fill(disk)
            code = main([*args, "export", str(disk / "leads.csv")])
        else:
            with FaultLayer(small, fail_at=1, operations={"write"}, error=errno.ENOSPC, only=".partial"):
                code = main([*args, "export", str(small / "leads.csv")])
        _one_clear_line(code, capsys.readouterr().err, full, "leads.csv")
        assert not (small / "leads.csv").exists()
        leftovers = [p.name for p in small.rglob("*.partial")]
        assert leftovers == []
        open_database(tmp_path / "medtour.db").dispose()  # the database is untouched


def test_a_full_disk_fails_on_an_injected_write_at_every_writer(tmp_path, monkeypatch, capsys, clock):
    monkeypatch.setenv("MEDTOUR_DATA_DIR", str(tmp_path / "data"))
    db = _db_with_leads(tmp_path / "medtour.db", clock, count=3)
    db.dispose()
    args = ["--db", str(tmp_path / "medtour.db")]
    for command in (["backup", str(tmp_path / "copy.db")], ["export", str(tmp_path / "leads.json")]):
        with FaultLayer(tmp_path, fail_at=1, operations={"fsync", "write"}, error=errno.ENOSPC, only=".partial"):
            code = main([*args, *command])
        _one_clear_line(code, capsys.readouterr().err, "the disk is full")
        assert not Path(command[1]).exists()
    assert [p.name for p in tmp_path.rglob("*.partial")] == []


@pytest.mark.parametrize("real", [True, False], ids=["small-disk-or-injected", "injected"])
def test_the_log_does_not_spew_when_the_disk_is_full(tmp_path, monkeypatch, capfd, real):
    """A bug met on a full disk: one line on stderr, no "--- Logging error ---" and no traceback, and
    no pointer to a log file that could not be written."""
    from app import error_log

    monkeypatch.setattr(logging, "raiseExceptions", True)  # as in a normal run: handleError would print
    log = logging.getLogger("medtour")
    for handler in list(log.handlers):
        log.removeHandler(handler)
        handler.close()
    with small_disk(tmp_path) if real else _no_disk(tmp_path) as disk:
        monkeypatch.setenv("MEDTOUR_DATA_DIR", str(disk or tmp_path / "small"))
        try:
            if disk is not None:
                error_log.logger()  # the log file exists, then the disk fills
                _fill(disk)
            else:
                monkeypatch.setattr(logging, "open", _full_disk_open, raising=False)  # what FileHandler opens with
                monkeypatch.setattr(logging.FileHandler, "_builtin_open", staticmethod(_full_disk_open), raising=False)
            stream = io.StringIO()
            code = error_words.report_error(RuntimeError("boom"), stream)
        finally:
            for handler in list(log.handlers):
                log.removeHandler(handler)
                with suppress(OSError):  # its last flush meets the full disk too
                    handler.close()
    assert code == error_words.EXIT_BUG
    assert stream.getvalue() == "medtour: unexpected error (RuntimeError)\n"
    captured = capfd.readouterr()
    assert "Logging error" not in captured.err and "Traceback" not in captured.err


@contextmanager
def _no_disk(tmp_path: Path) -> Iterator[None]:
    (tmp_path / "small").mkdir()
    yield None


class _FullFile(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _full_disk_open(*_args, **_kwargs):
    return _FullFile()


# ------------------------------------------------------------------ read-only files, folders and disks


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_database_the_user_made_read_only_is_not_made_writable(tmp_path, clock):
    path = tmp_path / "medtour.db"
    _db_with_leads(path, clock, count=2).dispose()
    path.chmod(0o400)
    before = path.read_bytes()
    done = subprocess.run([sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))",
                           "--db", str(path), "lead", "add", "--name", "Anna", "--email", "anna@example.com"],
                          cwd=REPO, env=os.environ.copy(), capture_output=True, text=True, timeout=120)
    _one_clear_line(done.returncode, done.stderr, f"the database {path} is read-only", "chmod u+w")
    assert stat.S_IMODE(path.stat().st_mode) == 0o400 and path.read_bytes() == before


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_file_the_user_made_read_only_is_not_replaced_even_with_force(tmp_path, capsys, clock):
    _db_with_leads(tmp_path / "medtour.db", clock, count=2).dispose()
    kept = tmp_path / "leads.csv"
    kept.write_text("keep me\n", encoding="utf-8")
    kept.chmod(0o400)
    code = main(["--db", str(tmp_path / "medtour.db"), "export", str(kept), "--force"])
    _one_clear_line(code, capsys.readouterr().err, "the file is read-only, so it was not replaced", str(kept))
    assert kept.read_text(encoding="utf-8") == "keep me\n" and stat.S_IMODE(kept.stat().st_mode) == 0o400


def test_a_read_only_folder_or_disk_is_said_plainly(tmp_path, capsys, clock):
    """A read-only disk (a real read-only mount where possible; else EROFS injected) for an export."""
    _db_with_leads(tmp_path / "medtour.db", clock, count=2).dispose()
    folder = tmp_path / "ro"
    mounted = _mount(folder, "ro")
    try:
        if mounted:
            code = main(["--db", str(tmp_path / "medtour.db"), "export", str(folder / "leads.csv")])
        else:
            folder.mkdir(exist_ok=True)
            with FaultLayer(folder, fail_at=1, operations={"open"}, error=errno.EROFS):
                code = main(["--db", str(tmp_path / "medtour.db"), "export", str(folder / "leads.csv")])
        _one_clear_line(code, capsys.readouterr().err, "read-only, so nothing was written", "choose another folder")
        with FaultLayer(folder, fail_at=1, operations={"open"}, error=errno.EACCES):
            code = main(["--db", str(tmp_path / "medtour.db"), "export", str(folder / "leads.csv")])
        _one_clear_line(code, capsys.readouterr().err, "permission denied", "choose another folder or ask for access")
    finally:
        if mounted:
            _umount(folder)
