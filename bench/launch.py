"""Launch to a usable window, each in a fresh process: wall time from spawning it until it says
"ready" (window shown, list filled and painted).

* ours: ``python -m app --db COPY --quit-when-ready`` — the app's own start-up hook (app/ui/startup.py)
  prints after the main window is shown with the lead list filled and repainted, then quits;
* stock: ``python -m bench.stock_window`` (QSqlTableModel, every row fetched, proxy, view);
* floor: ``python -m bench.floor_launch`` (sqlite3: the id list and one screen; no Qt).

Ours runs on a working copy with a private data folder. One untimed start comes first (it
records the schema head so later starts skip the Alembic check, as on a user's machine from the
second start on), and today's automatic backup is made beforehand so no start begins one.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from bench.datasets import REPO
from bench.measure import Timing

_READY = re.compile(r"ready in ([\d.]+) s.*?([\d,]+) rows")


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", MEDTOUR_DATA_DIR=str(data_dir), XDG_CONFIG_HOME=str(data_dir / "config"))
    env.pop("MEDTOUR_DB", None)
    return env


def time_start(command: list[str], env: dict[str, str], timeout: float = 600.0) -> tuple[float, int, float]:
    """(ms until the "ready" line, rows it reported, ms until the process ended)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    ready_ms, rows, seen = float("nan"), -1, []
    assert process.stderr is not None
    for line in process.stderr:
        seen.append(line)
        match = _READY.search(line)
        if match:
            ready_ms = (time.perf_counter() - started) * 1000
            rows = int(match.group(2).replace(",", ""))
            break
    try:
        process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
    ended_ms = (time.perf_counter() - started) * 1000
    if rows < 0:
        raise RuntimeError(f"{' '.join(command)} never said ready (exit {process.returncode}): {''.join(seen)[-2000:]}")
    return ready_ms, rows, ended_ms


def prepare_ours(db: Path, data_dir: Path) -> None:
    """Today's backup made (so no start begins one) — through the app's own backup code."""
    code = ("import sys; from app.safety.backups import backup_if_due; from db.engine import Database; "
            "db = Database(sys.argv[1]); backup_if_due(db); db.dispose()")
    subprocess.run([sys.executable, "-c", code, str(db)], cwd=REPO, env=_env(data_dir), check=True, capture_output=True)


def measure(kind: str, db: Path, data_dir: Path, runs: int) -> dict:
    if kind == "ours":
        command = [sys.executable, "-m", "app", "--db", str(db), "--quit-when-ready"]
        prepare_ours(db, data_dir)
    elif kind == "stock":
        command = [sys.executable, "-m", "bench.stock_window", "--db", str(db)]
    else:
        command = [sys.executable, "-m", "bench.floor_launch", "--db", str(db)]
    env = _env(data_dir)
    first_ms, rows, _ = time_start(command, env)  # untimed start (first start records the schema head)
    timing, ended = Timing(), Timing()
    for _ in range(runs):
        ready_ms, rows, ended_ms = time_start(command, env)
        timing.runs.append(ready_ms)
        ended.runs.append(ended_ms)
    return timing.to_json() | {"rows": rows, "first_start_ms": first_ms, "until_exit_median_ms": ended.median}
