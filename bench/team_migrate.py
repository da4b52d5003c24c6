"""How long `medtour team migrate-from` takes: the 500-lead demo and a 100,000-lead file copied into
a fresh database on a throwaway PostgreSQL server on loopback (the test suite's), verified.

    .venv/bin/python -m bench.team_migrate [--leads 500 100000] [--runs 3] [--merge-leads 500]

The demo files are `bench.datasets` databases (built once, cached under bench/data/). Each run
migrates into a new, empty database; the figure is the whole `migrate_from` call: the snapshot of the
solo file, the copy, the sequences and the verification (counts and checksums read back).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leads", type=int, nargs="+", default=[500, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--merge-leads", type=int, nargs="*", default=[500], help="files to time a --merge of")
    args = parser.parse_args(argv)

    os.environ["MEDTOUR_DATA_DIR"] = tempfile.mkdtemp(prefix="medtour-bench-data-")
    from sqlalchemy import create_engine

    from app.domain.team_migration import migrate_from
    from app.storage import open_database
    from bench.datasets import demo_database
    from tests.postgres_server import start_server

    server = start_server()
    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    try:
        for leads in args.leads:
            solo = demo_database(leads)
            times = []
            for run in range(args.runs):
                name = f"bench_migrate_{leads}_{run}"
                with admin.connect() as conn:
                    conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
                team = open_database(server.url(name))
                try:
                    started = time.perf_counter()
                    report = migrate_from(solo, team)
                    times.append(time.perf_counter() - started)
                finally:
                    team.dispose()
                with admin.connect() as conn:
                    conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
            rows = sum(t.rows for t in report.tables.values())
            print(f"migrate-from {leads:>7,} leads ({rows:>9,} rows, verified): median {statistics.median(times):7.2f} s, "
                  f"min {min(times):7.2f} s over {len(times)} runs; {rows / statistics.median(times):,.0f} rows/s",
                  flush=True)
        for leads in args.merge_leads:
            # --merge of a file into a team that already holds it: every live lead is a duplicate
            # (the duplicate rule per lead, then a merge per lead) — the slowest case of a merge.
            solo = demo_database(leads)
            name = f"bench_merge_{leads}"
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
            team = open_database(server.url(name))
            try:
                migrate_from(solo, team)
                started = time.perf_counter()
                report = migrate_from(solo, team, merge=True)
                seconds = time.perf_counter() - started
            finally:
                team.dispose()
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
            print(f"migrate-from --merge {leads:>7,} leads into a team holding them: {seconds:7.2f} s "
                  f"({len(report.merged):,} merged, {report.added:,} added)", flush=True)
    finally:
        admin.dispose()
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
