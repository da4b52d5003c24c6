"""`medtour import | export`: leads in and out of CSV and JSON files."""
from __future__ import annotations

import argparse
import sys

from app.cli.database import open_existing, open_or_create
from app.cli.output import print_json


def cmd_import(args: argparse.Namespace) -> int:
    from app.domain.column_mapping import parse_map_overrides
    from app.domain.lead_import import import_csv

    overrides = parse_map_overrides(args.map or [])
    report = import_csv(open_or_create(args), args.file, overrides=overrides, dry_run=args.dry_run, encoding=args.encoding)
    if args.json:
        print_json(report.to_json())
    else:
        for row in report.rows:
            if row.outcome != "imported" or row.warnings:
                detail = row.reason or "; ".join(row.warnings)
                print(f"row {row.row} (line {row.line}) {row.outcome}: {row.name} — {detail}")
        verb = "would import" if report.dry_run else "imported"
        print(f"{verb} {report.imported}, duplicates {report.duplicates}, rejected {report.rejected}, warnings {report.warnings}"
              f" ({report.encoding}, delimiter {report.delimiter!r})")
    if not report.encoding_confident:
        print(f"note: the encoding was guessed as {report.encoding}; if names look wrong, re-run with --encoding", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.domain.lead_export import export_leads

    count = export_leads(open_existing(args), args.file, force=args.force)
    print(f"exported {count} lead(s) to {args.file}")
    return 0


def register(sub, _lead_sub) -> None:
    p = sub.add_parser("import", help="import inquiries from a CSV file")
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--map", action="append", metavar="Column=field", help="map a column to a field (repeatable)")
    p.add_argument("--dry-run", action="store_true", help="report what would happen without writing")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--encoding", help="the file's encoding when the guess is wrong (e.g. cp1251)")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", help="export all leads to CSV or JSON")
    p.add_argument("file", metavar="FILE.csv|FILE.json")
    p.add_argument("--force", action="store_true", help="replace the file if it exists (never the database)")
    p.set_defaults(handler=cmd_export)
