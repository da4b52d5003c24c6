"""Crash safety, proven by killing: a writer process is SIGKILLed at random moments, over and over,
and every operation it acknowledged must be in the database afterwards, whole.

The writer imports small CSV files, logs calls with a status move, moves statuses, edits leads,
creates leads and checkpoints, each as the app does it (one transaction per user action), and
appends "ACK <op> …" to a file only after the call returned — that is, after the commit. After
all the kills the database must pass SQLite's integrity check and `medtour check`, every
acknowledged operation must be found, and nothing may be half-written: an import is all of its
file's rows or none, a call and its status move are both there or neither.

    python -m bench.soak_crash --kills 1000          # the soak run
    tests/safety/test_crash_durability.py            # 50 kills in `make test`
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

WRITER_LEADS = 12
#: The writer's mix of operations (weights).
OPERATIONS = {"import": 3, "call": 4, "status": 2, "edit": 4, "create": 2, "checkpoint": 1}
_IMPORT_NAME = re.compile(r"^Imp (\d+) (\d+)/(\d+)$")


@dataclass
class CrashReport:
    kills: int
    seconds: float
    acknowledged: dict[str, int] = field(default_factory=dict)
    verified: int = 0
    imports_whole: int = 0
    imports_absent_unacked: int = 0
    call_pairs: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# ------------------------------------------------------------------ the writer (child process)


def _next_status(current: str) -> str:
    from app.domain.pipeline import EXITS, Status

    return Status.CONTACTED.value if Status(current) in EXITS else Status.UNREACHABLE.value


def writer(db_path: str, ack_path: str, work_dir: str, first_op: int, seed: int, ready) -> None:
    """Run operations until killed; acknowledge each one after it returned (committed)."""
    from app.domain.lead_import import import_csv
    from app.domain.lead_records import LeadInput
    from app.domain.leads import InteractionInput, change_status, create_lead, get_lead, log_interaction, update_lead
    from db.engine import Database

    rng = random.Random(seed)
    db = Database(db_path)
    ack = os.open(ack_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    kinds = list(OPERATIONS)
    weights = list(OPERATIONS.values())
    op = first_op
    ready.set()  # the random moment starts now, not while Python imports

    def acknowledge(*words: object) -> None:
        os.write(ack, (" ".join(str(w) for w in ("ACK", *words)) + "\n").encode())

    while True:
        op += 1
        kind = rng.choices(kinds, weights)[0]
        lead = rng.randint(1, WRITER_LEADS)
        if kind == "import":
            rows = rng.randint(2, 6)
            path = Path(work_dir) / f"op{op}.csv"
            lines = ["Name,Email,Phone,Message"] + [
                f"Imp {op} {k}/{rows},imp{op}.{k}@example.com,,\"line one\nline two, with comma\"" for k in range(1, rows + 1)
            ]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            report = import_csv(db, path)
            if report.imported == rows:
                acknowledge("import", op, rows)
        elif kind == "call":
            target = _next_status(get_lead(db, lead, with_history=False).status)
            log_interaction(db, lead, InteractionInput(kind="call", outcome="no_answer", notes=f"Call {op}"),
                            move_to=target, reason=f"Call {op}")
            acknowledge("call", op, lead)
        elif kind == "status":
            change_status(db, lead, _next_status(get_lead(db, lead, with_history=False).status), reason=f"Status {op}")
            acknowledge("status", op, lead)
        elif kind == "edit":
            version = get_lead(db, lead, with_history=False).version
            update_lead(db, lead, version, {"diagnosis": f"Edit {op}"})
            acknowledge("edit", op, lead)
        elif kind == "create":
            created = create_lead(db, LeadInput(full_name=f"Create {op}", email=f"create{op}@example.com"))
            acknowledge("create", op, created.reference)
        else:
            db.checkpoint()


def faulty_writer(db_path: str, ack_path: str, work_dir: str, first_op: int, seed: int, ready) -> None:
    """A deliberately wrong writer for the negative control: it imports a file row by row, one
    transaction per row, so a kill in the middle leaves a half-written import the check must see."""
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead
    from db.engine import Database

    db = Database(db_path)
    ack = os.open(ack_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    op = first_op
    ready.set()
    while True:
        op += 1
        for k in range(1, 7):
            create_lead(db, LeadInput(full_name=f"Imp {op} {k}/6", email=f"imp{op}.{k}@example.com"))
        os.write(ack, f"ACK import {op} 6\n".encode())


WRITERS = {"writer": writer, "faulty": faulty_writer}


# ------------------------------------------------------------------ the parent


def prepare(db_path: Path) -> None:
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead
    from app.storage import open_database

    db = open_database(db_path, create=True)
    for i in range(1, WRITER_LEADS + 1):
        create_lead(db, LeadInput(full_name=f"Writer Lead {i}", email=f"writer{i}@example.com"))
    db.dispose()


def read_acks(path: Path) -> list[list[str]]:
    """Whole acknowledgement lines only: a line cut by the kill was never acknowledged."""
    if not path.exists():
        return []
    text = path.read_bytes().decode("utf-8", "replace")
    return [line.split() for line in text.split("\n")[:-1] if line.startswith("ACK ")]


def verify(db_path: Path, acks: list[list[str]], report: CrashReport) -> None:
    import sqlite3

    from app.safety.integrity_check import check_database
    from app.storage import open_database

    con = sqlite3.connect(db_path)
    try:
        verdict = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if verdict != ["ok"]:
            report.problems.append(f"integrity_check: {verdict}")
            return
        names = [r[0] for r in con.execute("SELECT full_name FROM leads")]
        call_notes = {r[0] for r in con.execute("SELECT notes FROM interactions WHERE notes LIKE 'Call %'")}
        call_reasons = {r[0] for r in con.execute("SELECT reason FROM status_changes WHERE reason LIKE 'Call %'")}
        status_reasons = {r[0] for r in con.execute("SELECT reason FROM status_changes WHERE reason LIKE 'Status %'")}
        edits = {r[0] for r in con.execute("SELECT new_value FROM field_edits WHERE new_value LIKE 'Edit %'")}
        diagnoses = {r[0] for r in con.execute("SELECT diagnosis FROM leads WHERE diagnosis LIKE 'Edit %'")}
    finally:
        con.close()
    imports: dict[int, tuple[int, int]] = {}  # op → (rows found, rows in its file)
    for name in names:
        match = _IMPORT_NAME.match(name)
        if match:
            op, total = int(match.group(1)), int(match.group(3))
            found, _ = imports.get(op, (0, total))
            imports[op] = (found + 1, total)
    for op, (found, total) in sorted(imports.items()):
        if found != total:
            report.problems.append(f"import {op} is half-written: {found} of {total} rows")
    report.imports_whole = sum(1 for found, total in imports.values() if found == total)
    if call_notes != call_reasons:
        report.problems.append(f"calls without their status move or moves without their call: {sorted(call_notes ^ call_reasons)[:5]}")
    report.call_pairs = len(call_notes & call_reasons)
    missing_edit_values = diagnoses - edits
    if missing_edit_values:
        report.problems.append(f"lead values without their recorded edit: {sorted(missing_edit_values)[:5]}")
    present = set(names)
    for words in acks:
        kind, op = words[1], words[2]
        report.acknowledged[kind] = report.acknowledged.get(kind, 0) + 1
        found = {
            "import": lambda: imports.get(int(op), (0, -1))[0] == int(words[3]),
            "call": lambda: f"Call {op}" in call_notes,
            "status": lambda: f"Status {op}" in status_reasons,
            "edit": lambda: f"Edit {op}" in edits,
            "create": lambda: f"Create {op}" in present,
        }[kind]()
        if found:
            report.verified += 1
        else:
            report.problems.append(f"acknowledged but lost: {' '.join(words[1:])}")
    acked_imports = {int(w[2]) for w in acks if w[1] == "import"}
    report.imports_absent_unacked = sum(1 for op in acked_imports if op not in imports)
    db = open_database(db_path)  # opens after crashes; upgrade/backup machinery untouched
    try:
        check = check_database(db)
        report.problems.extend(f"medtour check: {f.message}" for f in check.findings)
    finally:
        db.dispose()


def run(kills: int, *, workdir: Path, seed: int = 1, min_delay: float = 0.0, max_delay: float = 0.4,
        log=None, which: str = "writer") -> CrashReport:
    """Start the writer, SIGKILL it at a random moment, `kills` times; then verify everything."""
    workdir.mkdir(parents=True, exist_ok=True)
    db_path = workdir / "crash.db"
    ack_path = workdir / "acks.log"
    csv_dir = workdir / "csv"
    csv_dir.mkdir(exist_ok=True)
    prepare(db_path)
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["app.domain.lead_import", "app.domain.leads", "db.engine", "sqlalchemy.dialects.sqlite"])
    rng = random.Random(seed)
    started = time.perf_counter()
    for kill in range(kills):
        ready = ctx.Event()
        child = ctx.Process(target=WRITERS[which], args=(str(db_path), str(ack_path), str(csv_dir), (kill + 1) * 1_000_000,
                                                         rng.randrange(2**31), ready))
        child.start()
        if not ready.wait(timeout=60):
            raise RuntimeError(f"the writer did not start (kill {kill + 1})")
        time.sleep(rng.uniform(min_delay, max_delay))  # the random moment
        try:
            os.kill(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # it died by itself: reported just below
        child.join()
        if child.exitcode != -signal.SIGKILL:
            raise RuntimeError(f"the writer stopped by itself (exit code {child.exitcode}) before kill {kill + 1}")
        if log is not None and (kill + 1) % 50 == 0:
            log(f"{kill + 1} kills, {len(read_acks(ack_path))} acknowledged operations")
    report = CrashReport(kills=kills, seconds=0.0)
    verify(db_path, read_acks(ack_path), report)
    report.seconds = round(time.perf_counter() - started, 1)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(args.keep) if args.keep else Path(scratch)
        os.environ.setdefault("MEDTOUR_DATA_DIR", str(workdir / "data"))
        report = run(args.kills, workdir=workdir, seed=args.seed, log=lambda m: print(m, file=sys.stderr))
    print(json.dumps(asdict(report) | {"ok": report.ok}, indent=2))
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
