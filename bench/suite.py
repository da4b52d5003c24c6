"""One suite in this process: `python -m bench.suite NAME --db PATH --work DIR [--repeat N] [--quick]`.
Prints the suite's JSON on stdout (bench.run starts one process per suite and size)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.cases import Settings
from bench.suites import SUITES, run_suite


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suite")
    parser.add_argument("name", choices=sorted(SUITES))
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--repeat", type=int)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--keep-ids", action="store_true")
    args = parser.parse_args(argv)
    out = run_suite(args.name, args.db, args.work, Settings.make(args.repeat, args.quick), keep_ids=args.keep_ids)
    json.dump(out, sys.stdout, default=str)
    sys.stdout.write("\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
