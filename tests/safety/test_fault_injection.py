"""Faults beyond SIGKILL in the middle of backup, restore, export and packet writing.

tests/fault_layer.py makes the Nth file operation (open for writing, write, fsync, replace,
rename, link, unlink) fail or kills the process there. Each command is first run clean to count
its operations; then once per operation. After each fault: the database and the files that were
there before are whole, no temporary file is left once the database is next opened, and the user
got one clear line (exit 1, no traceback, never "unexpected error")."""
from __future__ import annotations

import errno
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.safety.backups import KIND_UNFINISHED, list_backups
from app.storage import open_database
from tests.conftest import REPO
from tests.fault_layer import FaultLayer, read_trace

STEPS = {"open", "fsync", "replace", "rename", "link", "unlink"}  # the step boundaries a kill can fall between


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT full_name FROM leads ORDER BY id")]
    finally:
        con.close()


def _add(db, clock, *names: str) -> str:
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead

    reference = ""
    for name in names:
        reference = create_lead(db, LeadInput(full_name=name, email=f"{name.lower().replace(' ', '.')}@example.com",
                                              country="DE"), clock=clock).reference
    return reference


def _leftovers(root: Path) -> list[str]:
    """Temporary files and journals anywhere under `root`."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.name.endswith((".partial", ".restoring", ".partial-journal", ".partial-wal")))


@pytest.fixture
def world(tmp_path, monkeypatch, clock):
    """tmp_path/work: the database (two leads) and a backup of it with one lead; the data folder
    (backups, logs, the in-progress list) inside tmp_path too, so the layer counts its files."""
    data = tmp_path / "data"
    monkeypatch.setenv("MEDTOUR_DATA_DIR", str(data))
    work = tmp_path / "work"
    work.mkdir()
    db = open_database(work / "medtour.db", create=True)
    _add(db, clock, "Only In Backup")
    assert main(["--db", str(work / "medtour.db"), "backup", str(work / "saved.db")]) == 0
    _add(db, clock, "Added Later")
    assert main(["--db", str(work / "medtour.db"), "profile", "set", "--name", "Grace Adeyemi",
                 "--email", "grace@example.com"]) == 0  # who signs a packet
    db.checkpoint()
    db.dispose()
    template = tmp_path / "template"
    shutil.copytree(work, template, ignore=shutil.ignore_patterns("*-wal", "*-shm"))  # checkpointed above
    return tmp_path, work, template


def _reset(work: Path, template: Path, data: Path) -> None:
    shutil.rmtree(work)
    shutil.copytree(template, work)
    shutil.rmtree(data / "backups", ignore_errors=True)
    shutil.rmtree(data / "cache", ignore_errors=True)  # the packet fonts' cache: each run starts as the traced one


def _run_layered(tmp_path: Path, *args: str, kill_at: int | None = None, trace: Path | None = None):
    command = [sys.executable, "-m", "tests.fault_layer", "--under", str(tmp_path), "--operations", ",".join(sorted(STEPS))]
    if kill_at is not None:
        command += ["--kill-at", str(kill_at)]
    if trace is not None:
        command += ["--trace", str(trace)]
    return subprocess.run([*command, "--", *args], cwd=REPO, env=os.environ.copy(), capture_output=True, text=True,
                          timeout=300)


def _open_after(path: Path) -> tuple[list[str], list[str]]:
    """What the next start finds: the leads' names and what it said it did."""
    db = open_database(path)
    try:
        return _names(path), list(db.notes)
    finally:
        db.dispose()


# ------------------------------------------------------------------ killed at each step (real processes)


def test_a_restore_killed_at_each_step_leaves_a_whole_database_and_the_next_start_finishes_it(world):
    tmp_path, work, template = world
    database, backup = work / "medtour.db", work / "saved.db"
    trace = tmp_path / "trace.txt"
    clean = _run_layered(tmp_path, "--db", str(database), "restore", str(backup), trace=trace)
    assert clean.returncode == 0, clean.stderr
    steps = read_trace(trace)
    assert {op for op, _ in steps} >= {"link", "replace", "fsync", "unlink"}
    outcomes = {}
    for step in range(1, len(steps) + 1):
        _reset(work, template, tmp_path / "data")
        killed = _run_layered(tmp_path, "--db", str(database), "restore", str(backup), kill_at=step)
        assert killed.returncode == -signal.SIGKILL, (step, killed.stderr)
        assert database.is_file() and database.stat().st_size > 0, f"step {step}: the database path is empty"
        names, notes = _open_after(database)  # the next start: completes or clears
        assert names in (["Only In Backup"], ["Only In Backup", "Added Later"]), (step, names)
        assert _leftovers(tmp_path) == [], step
        if (work / "medtour.db.restoring").exists() or any("restore" in n for n in notes):
            assert any("interrupted" in n for n in notes), (step, notes)
        if names == ["Only In Backup"]:  # replaced: the old database is kept aside
            asides = [b.path for b in list_backups(database) if b.kind == "before restore"]
            assert len(asides) == 1 and _names(asides[0]) == ["Only In Backup", "Added Later"], step
        outcomes[step] = (names == ["Only In Backup"], tuple(notes))
    completed_by_start = [s for s, (_, notes) in outcomes.items() if any("has now been completed" in n for n in notes)]
    assert completed_by_start, "no kill fell between the journal and the swap"


@pytest.mark.parametrize("command", ["backup", "export", "export-personal"])
def test_a_backup_or_export_killed_at_each_step_leaves_no_copy_once_the_database_is_next_opened(world, command):
    """A killed backup's or export's temporary file (patient data) is listed while it is there and
    removed by the next open, wherever it was being written."""
    tmp_path, work, template = world
    database = work / "medtour.db"
    args = {"backup": ["backup"], "export": ["export", str(work / "out" / "leads.csv")],
            "export-personal": ["lead", "export-personal", "1", "-o", str(work / "out" / "person.json")]}[command]
    trace = tmp_path / "trace.txt"
    clean = _run_layered(tmp_path, "--db", str(database), *args, trace=trace)
    assert clean.returncode == 0, clean.stderr
    steps = read_trace(trace)
    assert any(".partial" in path for _op, path in steps), steps
    for step in range(1, len(steps) + 1):
        _reset(work, template, tmp_path / "data")
        shutil.rmtree(work / "out", ignore_errors=True)
        killed = _run_layered(tmp_path, "--db", str(database), *args, kill_at=step)
        assert killed.returncode == -signal.SIGKILL, (step, killed.stderr)
        left = _leftovers(tmp_path)
        if left:  # a killed backup's copy holds patient data: listed until it is removed
            assert any(b.kind == KIND_UNFINISHED for b in list_backups(database)), step
        names, notes = _open_after(database)
        assert names == ["Only In Backup", "Added Later"]
        assert _leftovers(tmp_path) == [], step
        if left:
            assert any("unfinished temporary cop" in n for n in notes), (step, notes)
        assert all(b.kind != KIND_UNFINISHED for b in list_backups(database))


# ------------------------------------------------------------------ an operation fails (in this process)


def _commands(work: Path, reference: str) -> dict[str, list[str]]:
    db = ["--db", str(work / "medtour.db")]
    return {
        "backup": [*db, "backup"],
        "restore": [*db, "restore", str(work / "saved.db")],
        "export": [*db, "export", str(work / "leads.csv"), "--force"],
        "packet": [*db, "packet", reference, "-o", str(work / "packet.pdf"), "--force"],
    }


@pytest.mark.parametrize("code", [errno.EIO, errno.ENOSPC, errno.EACCES])
@pytest.mark.parametrize("command", ["backup", "restore", "export", "packet"])
def test_a_failing_file_operation_at_each_step_keeps_everything_whole_and_says_what_happened(
        world, capsys, command, code):
    tmp_path, work, template = world
    (template / "leads.csv").write_text("the export before\n", encoding="utf-8")  # replaced only when whole
    (template / "packet.pdf").write_bytes(b"%PDF-1.4 the packet before")
    reference = _names(template / "medtour.db") and sqlite3.connect(template / "medtour.db").execute(
        "SELECT reference FROM leads ORDER BY id DESC").fetchone()[0]
    args = _commands(work, reference)[command]
    _reset(work, template, tmp_path / "data")
    with FaultLayer(tmp_path) as counting:
        assert main(args) == 0, capsys.readouterr().err
    capsys.readouterr()
    whole_export = (work / "leads.csv").read_text(encoding="utf-8")
    total = len(counting.calls)
    assert total > 3
    for step in range(1, total + 1):
        _reset(work, template, tmp_path / "data")
        with FaultLayer(tmp_path, fail_at=step, error=code) as layer:
            exit_code = main(args)
        err = capsys.readouterr().err
        what = (command, step, layer.failed)
        if layer.failed is None:  # the operations of this run differed (fewer of them): nothing failed
            assert exit_code == 0, what
            continue
        if exit_code == 0:  # a failure the command could live with (a struck note, a tidy-up)
            assert err == "" or err.startswith("note: "), what
        else:
            assert exit_code == 1 and err.count("\n") == 1 and err.startswith("medtour: "), (what, err)
            assert "unexpected error" not in err and "Traceback" not in err and "Logging error" not in err, (what, err)
        names, _notes = _open_after(work / "medtour.db")
        if command == "restore":
            assert names in (["Only In Backup"], ["Only In Backup", "Added Later"]), what
        else:
            assert names == ["Only In Backup", "Added Later"], what
        assert _leftovers(tmp_path) == [], what
        # the file that was there, or the whole new one (a failure after the rename: the folder's sync)
        if command == "export":
            assert (work / "leads.csv").read_text(encoding="utf-8") in ("the export before\n", whole_export), what
        if command == "packet":
            pdf = (work / "packet.pdf").read_bytes()
            assert pdf == b"%PDF-1.4 the packet before" or pdf.rstrip().endswith(b"%%EOF"), what


@pytest.mark.parametrize("code", [errno.EIO, errno.EACCES])
def test_a_failing_file_operation_at_each_step_of_an_erasure_never_leaves_a_half_erased_person(world, capsys, code):
    """Erasure's files and records, a fault at each counted operation (the packet PDFs' unlink, the
    data folder's notes): one clear line or success, the database whole (check passes), and the
    person either still all there or erased as a whole — never a half-anonymised row."""
    from app.safety.erasure import ERASED_NAME

    tmp_path, work, template = world
    database = work / "medtour.db"
    reference = sqlite3.connect(template / "medtour.db").execute("SELECT reference FROM leads ORDER BY id DESC").fetchone()[0]
    args = ["--db", str(database), "erase", reference, "--yes"]

    def prepare() -> None:
        _reset(work, template, tmp_path / "data")
        shutil.rmtree(tmp_path / "data" / "packets", ignore_errors=True)
        for n in range(2):  # two packets of the person, in the packets folder erasure cleans
            out = tmp_path / "data" / "packets" / f"{reference}-{n}.pdf"
            assert main(["--db", str(database), "packet", reference, "-o", str(out)]) == 0, capsys.readouterr().err
        capsys.readouterr()

    prepare()
    assert len(list((tmp_path / "data" / "packets").rglob("*.pdf"))) == 2
    with FaultLayer(tmp_path) as counting:
        assert main(args) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert list((tmp_path / "data" / "packets").rglob("*.pdf")) == []  # the clean run deleted both
    total = len(counting.calls)
    assert {op for op, _ in counting.calls} >= {"unlink"}, counting.calls
    for step in range(1, total + 1):
        prepare()
        with FaultLayer(tmp_path, fail_at=step, error=code) as layer:
            exit_code = main(args)
        out, err = capsys.readouterr()
        what = (step, layer.failed, out, err)
        if exit_code != 0:
            assert exit_code == 1 and err.count("\n") == 1 and err.startswith("medtour: "), what
            assert "unexpected error" not in err and "Traceback" not in err, what
        assert main(["--db", str(database), "check"]) == 0, (what, capsys.readouterr())
        capsys.readouterr()
        con = sqlite3.connect(database)
        try:
            row = con.execute("SELECT full_name, email, erased_at FROM leads WHERE reference = ?", (reference,)).fetchone()
        finally:
            con.close()
        assert row == ("Added Later", "added.later@example.com", None) or (row[0] == ERASED_NAME and row[1] is None
                                                                            and row[2] is not None), (what, row)
        assert _leftovers(tmp_path) == [], what
