"""The benchmark run: `make bench` = `.venv/bin/python -m bench.run`.

    python -m bench.run [--sizes 10000,100000,1000000] [--repeat 7] [--quick] [--only ours,stock,...]

For each size: the cached demo database (built with `medtour demo` when missing: 1,000,000 leads
take ~20 minutes and 2.6 GB), then one process per suite (floor, ours, stock, calllog, import,
packets) and the launch measurements. Results: bench/results/<time>.json and latest.json, and
the Markdown table in docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench import datasets, launch
from bench.cases import Settings
from bench.report import render

REPO = datasets.REPO
RESULTS = REPO / "bench" / "results"
DOC = REPO / "docs" / "benchmarks.md"
SUITE_ORDER = ("floor", "ours", "stock", "calllog", "import", "packets", "launch")
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)


def machine() -> dict[str, Any]:
    import sqlite3

    import phonenumbers
    import PySide6
    import sqlalchemy
    from PySide6.QtCore import qVersion

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = int(line.split()[1]) / 2**20
    except OSError:
        pass
    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "n/a"
    return {
        "cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram, "os": platform.platform(),
        "python": platform.python_version(), "qt": f"{PySide6.__version__} (Qt {qVersion()})",
        "sqlite": sqlite3.sqlite_version, "sqlalchemy": sqlalchemy.__version__, "phonenumbers": phonenumbers.__version__,
        "load_at_start": load,
    }


def run_suite_process(name: str, db: Path, work: Path, settings: Settings, *, timeout: float = 4 * 3600) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MEDTOUR_DATA_DIR=str(work / f"app-data-{name}"),
               XDG_CONFIG_HOME=str(work / f"app-data-{name}" / "config"))
    env.pop("MEDTOUR_DB", None)
    shutil.rmtree(work / f"app-data-{name}", ignore_errors=True)
    command = [sys.executable, "-m", "bench.suite", name, "--db", str(db), "--work", str(work), "--repeat", str(settings.repeat)]
    if settings.quick:
        command.append("--quick")
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{name}: exit {done.returncode}: {done.stderr.strip()[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_size(size: int, settings: Settings, only: set[str], data_dir: Path, log, *, packets: bool) -> dict[str, Any]:
    db = datasets.demo_database(size, data_dir=data_dir, log=log)
    datasets.sync_indexes(db, log=log)
    work = data_dir / "work" / str(size)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    entry: dict[str, Any] = {"dataset": datasets.describe(db), "results": {}, "checks": {}, "errors": []}
    for name in SUITE_ORDER:
        if name not in only:
            continue
        if name == "packets" and not packets:  # packets do not depend on the table's size: one size is enough
            continue
        started = time.perf_counter()
        log(f"[{size:,}] {name} …")
        try:
            if name == "launch":
                copy = datasets.working_copy(db, work, "launch.db")
                runs = max(3, settings.repeat) if not settings.quick else 2
                entry["results"]["launch.ours"] = launch.measure("ours", copy, work / "launch-data", runs)
                entry["results"]["launch.stock"] = launch.measure("stock", db, work / "launch-data", runs)
                entry["results"]["launch.floor"] = launch.measure("floor", db, work / "launch-data", runs)
                datasets.remove_database(copy)
            else:
                target = db
                if name == "calllog":
                    target = datasets.working_copy(db, work, "calllog.db")
                out = run_suite_process(name, target, work, settings)
                entry["results"].update(out["results"])
                entry["checks"].update(out["checks"])
                if name == "calllog":
                    datasets.remove_database(target)
        except Exception as exc:  # noqa: BLE001 - one failing suite must not lose the others' figures
            entry["errors"].append(f"{name}: {exc}")
            log(f"[{size:,}] {name} FAILED: {exc}")
        log(f"[{size:,}] {name} done in {time.perf_counter() - started:.0f} s")
    shutil.rmtree(work, ignore_errors=True)
    return entry


def reproduce_lines(command: str) -> list[str]:
    return [
        "```sh",
        "make bench                                              # = .venv/bin/python -m bench.run: all sizes, 7 runs per figure",
        ".venv/bin/python -m bench.run --sizes 10000,100000 --repeat 5",
        ".venv/bin/python -m bench.run --quick --sizes 10000    # a smoke run in a few minutes",
        ".venv/bin/python -m bench.run --only ours,floor --sizes 100000 --out /tmp/b.md   # some suites only",
        "```",
        "",
        "- Databases are `medtour demo --leads N --seed 1`, cached in bench/data/ (git-ignored) with a "
        "`demo-N-s1.json` note; a missing one is built first (1,000,000 leads: ~20 minutes, 2.6 GB). "
        "An index-only schema change is applied to a cached file in place (`bench.datasets.sync_indexes`).",
        "- Every suite runs in its own process, offscreen (`QT_QPA_PLATFORM=offscreen`), with a private data folder; "
        "writes (call log, import, launch) go to throw-away copies.",
        "- Raw figures: bench/results/latest.json (and one file per run). Timings are wall clock; other load on the "
        "machine inflates them (the load average is recorded above).",
        f"- This file came from: `{command}`",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="lead counts, comma-separated")
    parser.add_argument("--repeat", type=int, help="timed runs per figure (default 7; --quick: 2)")
    parser.add_argument("--quick", action="store_true", help="few runs, a small import and packet batch: a smoke run")
    parser.add_argument("--only", default=",".join(SUITE_ORDER), help=f"suites to run (of {', '.join(SUITE_ORDER)})")
    parser.add_argument("--data-dir", type=Path, default=datasets.DATA_DIR, help="where demo databases are cached")
    parser.add_argument("--out", type=Path, default=DOC, help="the Markdown report (default docs/benchmarks.md)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for the JSON results")
    parser.add_argument("--merge", type=Path, help="an earlier results JSON: keep its figures, replace those of the suites run now")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    settings = Settings.make(args.repeat, args.quick)
    packet_size = 100_000 if 100_000 in sizes else sizes[0]
    command = "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:])

    def log(message: str) -> None:
        print(f"{datetime.now():%H:%M:%S} {message}", file=sys.stderr, flush=True)

    data: dict[str, Any] = {
        "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
        "command": command.strip(), "settings": {"repeat": settings.repeat, "warmup": settings.warmup, "quick": settings.quick,
                                                 "import_rows": settings.import_rows, "packet_batch": settings.packet_batch},
        "sizes": {},
    }
    if args.merge:
        earlier = json.loads(args.merge.read_text(encoding="utf-8"))
        data["sizes"] = earlier["sizes"]
        data["merged_from"] = [*earlier.get("merged_from", []), {"command": earlier["command"], "finished_at": earlier["finished_at"]}]
    for size in sizes:
        entry = run_size(size, settings, only, args.data_dir, log, packets=size == packet_size)
        previous = data["sizes"].get(str(size))
        if previous is not None:
            kept_errors = [e for e in previous.get("errors", []) if e.split(":", 1)[0] not in only]
            previous["results"].update(entry["results"])
            previous["checks"].update(entry["checks"])
            previous["errors"] = kept_errors + entry["errors"]
            entry = previous
        data["sizes"][str(size)] = entry
    data["finished_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    data["reproduce"] = reproduce_lines(data["command"])
    if data.get("merged_from"):
        data["reproduce"].append("- Merged with the figures of: " + "; ".join(f"`{m['command']}` ({m['finished_at']})" for m in data["merged_from"]))
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    text = json.dumps(data, indent=1, default=str)
    (args.results / f"{stamp}.json").write_text(text, encoding="utf-8")
    (args.results / "latest.json").write_text(text, encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(data), encoding="utf-8")
    log(f"wrote {args.out} and {args.results / 'latest.json'}")
    return 1 if any(entry["errors"] for entry in data["sizes"].values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
