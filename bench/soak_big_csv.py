"""A 200 MB CSV is read in bounded memory: measure the peak of a dry-run import (few rows with big
cells) or of the reader alone (many ordinary rows), in a fresh process.

    python -m bench.soak_big_csv --size-mb 200 --cell-kb 1024            # dry-run import, big cells
    python -m bench.soak_big_csv --size-mb 200 --cell-kb 0 --reader-only  # ~1.3 M ordinary rows, reader

Prints JSON: file size, rows, seconds, peak Python allocations (tracemalloc) and peak RSS.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HEADER = "Name,Email,Phone,Country,Diagnosis,Message\n"


def make_big_csv(path: Path, size_mb: int, cell_kb: int) -> int:
    """Write about `size_mb` MB of inquiries; with `cell_kb`, each row carries a message that big.
    Returns the number of rows."""
    target = size_mb * 1024 * 1024
    rows = 0
    written = 0
    big = ("Long history of treatment, " * (cell_kb * 1024 // 27 + 1))[: cell_kb * 1024] if cell_kb else "Please call back"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        while written < target:
            rows += 1
            line = f'Patient {rows},patient{rows}@example.com,+7 916 {rows % 10_000_000:07d},Russia,DLBCL,"{big}"\n'
            handle.write(line)
            written += len(line)
    return rows


def _peak_rss_mb() -> float:
    """This process's peak resident memory. Linux: VmHWM (getrusage's maxrss survives exec, so a
    process started by a big test runner would report the runner's peak)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (2**20 if sys.platform == "darwin" else 1024)  # bytes on macOS, kilobytes elsewhere


def measure(path: Path, *, reader_only: bool) -> dict:
    from app.domain.csv_source import open_csv
    from app.domain.lead_import import import_csv
    from app.storage import open_database

    db = None if reader_only else open_database(path.with_suffix(".db"), create=True)
    baseline = _peak_rss_mb()  # the app's modules, before reading
    tracemalloc.start()
    started = time.perf_counter()
    if reader_only:
        rows = sum(1 for _ in open_csv(path).rows())
        outcome = {"rows_read": rows}
    else:
        report = import_csv(db, path, dry_run=True)
        outcome = {"rows_read": len(report.rows), "rejected": report.rejected, "would_import": report.imported}
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_rss = _peak_rss_mb()
    return outcome | {
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "seconds": round(seconds, 1),
        "peak_python_mb": round(peak / 2**20, 1),
        "peak_rss_mb": round(peak_rss, 1),
        "baseline_rss_mb": round(baseline, 1),
        "rss_growth_mb": round(peak_rss - baseline, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--cell-kb", type=int, default=1024, help="size of each row's message (0: ordinary rows)")
    parser.add_argument("--reader-only", action="store_true", help="measure reading the rows, not a dry-run import")
    parser.add_argument("--file", help="measure this file instead of generating one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.setdefault("MEDTOUR_DATA_DIR", str(Path(scratch) / "data"))
        path = Path(args.file) if args.file else Path(scratch) / "big.csv"
        if not args.file:
            make_big_csv(path, args.size_mb, args.cell_kb)
        print(json.dumps(measure(path, reader_only=args.reader_only)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
