"""The floor of a start-up, for the launch benchmark: `python -m bench.floor_launch --db PATH`.

A Python process that reads the list's ids (newest first) and its first screen with sqlite3,
then says "ready …" on stderr. No Qt: the least any Python desktop start could do."""
from __future__ import annotations

import argparse
import sys
import time

_STARTED = time.perf_counter()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.floor_launch")
    parser.add_argument("--db", required=True)
    args = parser.parse_args(argv)
    from pathlib import Path

    from bench import floor
    from bench.cases import SCREEN_ROWS

    conn = floor.connect(Path(args.db))
    ids = floor.search_ids(conn, None, "created", True)
    floor.screen_rows(conn, ids[:SCREEN_ROWS])
    print(f"ready in {time.perf_counter() - _STARTED:.3f} s, {len(ids):,} rows", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
