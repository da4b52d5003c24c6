"""Concurrent writers on one SQLite file: several processes edit the same few leads, log calls
and move statuses for a while. No "database is locked" may reach a caller, no update may be lost
(every successful save is in the audit trail, each edit's "before" is the previous save's
"after"), and a save over a stale version raises ConflictError carrying both versions.

    python -m bench.soak_concurrency --writers 8 --seconds 60     # the soak run
    tests/safety/test_concurrent_writers.py                       # 4 writers, 4 s in `make test`
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

SHARED_LEADS = 4


@dataclass
class ConcurrencyReport:
    writers: int
    seconds: float
    operations: dict[str, int] = field(default_factory=dict)  # successful: edit, call, status
    conflicts: dict[str, int] = field(default_factory=dict)  # ConflictError by operation
    errors: list[str] = field(default_factory=list)  # anything else a caller saw
    problems: list[str] = field(default_factory=list)  # what verification found

    @property
    def total(self) -> int:
        return sum(self.operations.values()) + sum(self.conflicts.values())

    @property
    def per_second(self) -> float:
        return round(self.total / self.seconds, 1) if self.seconds else 0.0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.problems


def _blind_edit(db, lead: int, tag: str, rng: random.Random) -> None:
    """The classic lost update, for the negative control: read, think, write without a version check."""
    from app.domain.clock import utc_now
    from db.models import FieldEdit, Lead

    with db.read() as session:
        old = session.get(Lead, lead).diagnosis
    time.sleep(rng.uniform(0, 0.002))
    with db.write() as session:
        session.get(Lead, lead).diagnosis = tag
        session.add(FieldEdit(lead_id=lead, field="diagnosis", old_value=old, new_value=tag, edited_at=utc_now()))


def worker(db_path: str, out_path: str, wid: int, seconds: float, seed: int, go, blind: bool = False) -> None:
    from app.domain.errors import ConflictError
    from app.domain.leads import InteractionInput, change_status, get_lead, log_interaction, update_lead
    from app.domain.pipeline import EXITS, Status
    from db.engine import Database

    rng = random.Random(seed)
    db = Database(db_path)
    result: dict = {"edits": [], "calls": [], "moves": [], "conflicts": Counter(), "errors": []}  # written as JSON
    go.wait()
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        tag = f"w{wid}-{n}"
        lead = rng.randint(1, SHARED_LEADS)
        kind = rng.choices(("edit", "call", "status"), (6, 3, 2))[0]
        try:
            if kind == "edit" and blind:
                _blind_edit(db, lead, tag, rng)
                result["edits"].append(tag)
            elif kind == "edit":
                version = get_lead(db, lead, with_history=False).version
                time.sleep(rng.uniform(0, 0.002))  # the user types
                try:
                    update_lead(db, lead, version, {"diagnosis": tag})
                    result["edits"].append(tag)
                except ConflictError as exc:
                    if exc.mine != {"diagnosis": tag} or "diagnosis" not in exc.theirs or exc.current_version <= version:
                        result["errors"].append(f"a conflict without both versions: {exc.mine} / {exc.theirs}")
                    result["conflicts"]["edit"] += 1
            elif kind == "call":
                log_interaction(db, lead, InteractionInput(kind="call", outcome="reached", notes=tag))
                result["calls"].append(tag)
            else:
                current = get_lead(db, lead, with_history=False)
                target = Status.CONTACTED if Status(current.status) in EXITS else Status.UNREACHABLE
                try:
                    change_status(db, lead, target, reason=tag, expected_version=current.version)
                    result["moves"].append(tag)
                except ConflictError:
                    result["conflicts"]["status"] += 1
        except Exception as exc:  # noqa: BLE001 - anything else reaching the caller is a failure
            result["errors"].append(f"{kind}: {type(exc).__name__}: {exc}")
    db.dispose()
    Path(out_path).write_text(json.dumps(result), encoding="utf-8")


def prepare(db_path: Path) -> None:
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead
    from app.storage import open_database

    db = open_database(db_path, create=True)
    for i in range(1, SHARED_LEADS + 1):
        create_lead(db, LeadInput(full_name=f"Shared Lead {i}", email=f"shared{i}@example.com"))
    db.dispose()


def verify(db_path: Path, results: list[dict], report: ConcurrencyReport) -> None:
    import sqlite3

    edits = [tag for r in results for tag in r["edits"]]
    calls = {tag for r in results for tag in r["calls"]}
    moves = {tag for r in results for tag in r["moves"]}
    con = sqlite3.connect(db_path)
    try:
        trail = con.execute("SELECT lead_id, old_value, new_value FROM field_edits WHERE field = 'diagnosis' ORDER BY id").fetchall()
        notes = {r[0] for r in con.execute("SELECT notes FROM interactions WHERE notes LIKE 'w%'")}
        reasons = {r[0] for r in con.execute("SELECT reason FROM status_changes WHERE reason LIKE 'w%'")}
        current = dict(con.execute("SELECT id, diagnosis FROM leads"))
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    if integrity != "ok":
        report.problems.append(f"integrity_check: {integrity}")
    saved = [new for _lead, _old, new in trail]
    if sorted(saved) != sorted(edits):
        report.problems.append(f"{len(edits)} successful saves but {len(saved)} recorded edits "
                               f"(missing {sorted(set(edits) - set(saved))[:5]})")
    last: dict[int, str | None] = {}
    for lead, old, new in trail:  # each save starts from what the previous save left: no lost update
        if lead in last and old != last[lead]:
            report.problems.append(f"lead {lead}: an edit replaced {old!r}, but the value then was {last[lead]!r}")
        last[lead] = new
    for lead, value in last.items():
        if current.get(lead) != value:
            report.problems.append(f"lead {lead} shows {current.get(lead)!r}, its last recorded edit {value!r}")
    if calls - notes:
        report.problems.append(f"calls logged but not found: {sorted(calls - notes)[:5]}")
    if moves - reasons:
        report.problems.append(f"status moves made but not found: {sorted(moves - reasons)[:5]}")


def run(writers: int, seconds: float, *, workdir: Path, seed: int = 1, blind: bool = False) -> ConcurrencyReport:
    """`blind` makes the writers edit without the version check (the negative control)."""
    workdir.mkdir(parents=True, exist_ok=True)
    db_path = workdir / "concurrent.db"
    prepare(db_path)
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["app.domain.leads", "db.engine", "sqlalchemy.dialects.sqlite"])
    go = ctx.Event()
    outputs = [workdir / f"writer{w}.json" for w in range(writers)]
    procs = [ctx.Process(target=worker, args=(str(db_path), str(outputs[w]), w, seconds, seed * 100 + w, go, blind)) for w in range(writers)]
    for proc in procs:
        proc.start()
    started = time.perf_counter()
    go.set()
    for proc in procs:
        proc.join(timeout=seconds + 120)
    elapsed = time.perf_counter() - started
    report = ConcurrencyReport(writers=writers, seconds=round(elapsed, 2))
    results = []
    for w, (proc, out) in enumerate(zip(procs, outputs)):
        if proc.exitcode != 0 or not out.exists():
            report.errors.append(f"writer {w} died (exit code {proc.exitcode})")
            continue
        result = json.loads(out.read_text(encoding="utf-8"))
        results.append(result)
        for kind, key in (("edit", "edits"), ("call", "calls"), ("status", "moves")):
            report.operations[kind] = report.operations.get(kind, 0) + len(result[key])
        for kind, count in result["conflicts"].items():
            report.conflicts[kind] = report.conflicts.get(kind, 0) + count
        report.errors.extend(f"writer {w}: {e}" for e in result["errors"])
    verify(db_path, results, report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.setdefault("MEDTOUR_DATA_DIR", str(Path(scratch) / "data"))
        report = run(args.writers, args.seconds, workdir=Path(scratch), seed=args.seed)
    print(json.dumps(asdict(report) | {"total": report.total, "per_second": report.per_second, "ok": report.ok}, indent=2))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
