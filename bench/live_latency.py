"""A change made at one desk, seen at another: from a commit in one process to the change feed of
another process delivering it (app.domain.change_feed), over 50 changes, on PostgreSQL (loopback,
LISTEN/NOTIFY) and on SQLite (two processes on one file, PRAGMA data_version polled every 0.5 s).

    python -m bench.live_latency                       # both; a throwaway PostgreSQL server on loopback
    python -m bench.live_latency --backends sqlite --changes 100
    python -m bench.live_latency --pg-url postgresql://me@127.0.0.1/scratch   # an empty database of yours

A writer process logs a call on a lead each time it is told to (the desk's own domain call, one
write transaction) and answers with the moment its commit returned; this process's feed notes
when the change arrives. Both moments are `time.monotonic()`, one clock for every process on
Linux. The issue's target: median ≤ 1 s, max ≤ 2 s.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_MEDIAN_S, TARGET_MAX_S = 1.0, 2.0


def writer(target: str) -> None:
    """The other desk: for each lead id read from stdin, log a call; print when the commit returned."""
    from app.domain.leads import InteractionInput, log_interaction
    from app.storage import open_database

    db = open_database(target)
    print("ready", flush=True)
    for line in sys.stdin:
        log_interaction(db, int(line), InteractionInput(kind="call", outcome="reached", notes="bench"))
        print(repr(time.monotonic()), flush=True)
    db.dispose()


def measure(target: str, changes: int) -> dict[str, float | int | str]:
    from app.domain.change_feed import FeedState, change_feed_for
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead
    from app.storage import open_database

    db = open_database(target, create=True)
    lead = create_lead(db, LeadInput(full_name="Bench Latency", email="latency@example.com")).lead_id
    url = db.url
    db.dispose()

    arrived: list[float] = []
    signal = threading.Condition()

    def on_changes(_changes) -> None:
        with signal:
            arrived.append(time.monotonic())
            signal.notify_all()

    online = threading.Event()
    feed = change_feed_for(url, on_changes, lambda state: online.set() if state == FeedState.ONLINE else None)
    assert feed is not None
    feed.start()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    child = subprocess.Popen([sys.executable, "-m", "bench.live_latency", "--writer", target],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)
    assert child.stdin is not None and child.stdout is not None
    latencies: list[float] = []
    missed = 0
    rng = random.Random(7)
    try:
        assert child.stdout.readline().strip() == "ready"
        assert online.wait(30), "the feed did not connect"
        for _ in range(changes):
            time.sleep(rng.uniform(0.05, 0.6))  # echoes settle; changes fall anywhere in SQLite's poll interval
            with signal:
                arrived.clear()
            child.stdin.write(f"{lead}\n")
            child.stdin.flush()
            committed = float(child.stdout.readline())
            with signal:
                if not signal.wait_for(lambda: bool(arrived), 10):
                    missed += 1
                    continue
                first = arrived[0]
            latencies.append(max(0.0, first - committed))
    finally:
        child.stdin.close()
        child.wait(60)
        feed.close()
    return {
        "changes": changes, "seen": len(latencies), "missed": missed,
        "median_ms": round(statistics.median(latencies) * 1000, 1) if latencies else float("nan"),
        "p90_ms": round(statistics.quantiles(latencies, n=10)[-1] * 1000, 1) if len(latencies) > 1 else float("nan"),
        "max_ms": round(max(latencies) * 1000, 1) if latencies else float("nan"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.live_latency", description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--backends", default="postgresql,sqlite")
    parser.add_argument("--pg-url", help="an empty PostgreSQL database to use (default: a throwaway server on loopback)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--writer", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    if args.writer:
        writer(args.writer)
        return 0
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="medtour-live-bench-") as scratch:
        os.environ["MEDTOUR_DATA_DIR"] = scratch  # backups and logs of the runs stay in the scratch folder
        for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
            if backend == "sqlite":
                results["sqlite"] = measure(str(Path(scratch) / "live.db"), args.changes)
            elif backend == "postgresql":
                if args.pg_url:
                    results["postgresql"] = measure(args.pg_url, args.changes)
                    continue
                from sqlalchemy import create_engine

                from tests.postgres_server import start_server

                server = start_server()
                try:
                    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
                    with admin.connect() as conn:
                        conn.exec_driver_sql('CREATE DATABASE "live_bench"')
                    admin.dispose()
                    results["postgresql"] = measure(server.url("live_bench"), args.changes)
                finally:
                    server.stop()
            else:
                parser.error(f"unknown backend {backend!r} (postgresql, sqlite)")
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"change made in one process → seen by another's feed ({args.changes} changes; "
              f"target median ≤ {TARGET_MEDIAN_S * 1000:.0f} ms, max ≤ {TARGET_MAX_S * 1000:.0f} ms)")
        for backend, r in results.items():
            ok = r["missed"] == 0 and r["median_ms"] <= TARGET_MEDIAN_S * 1000 and r["max_ms"] <= TARGET_MAX_S * 1000
            print(f"  {backend:<11} median {r['median_ms']:>7.1f} ms   p90 {r['p90_ms']:>7.1f} ms   max {r['max_ms']:>7.1f} ms"
                  f"   seen {r['seen']}/{r['changes']}   {'ok' if ok else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
