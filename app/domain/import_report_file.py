"""Saving an import's per-row report for the record: CSV (opens in a spreadsheet, cells defused
against formula injection like every export) or JSON (the same shape as `medtour import --json`)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from app.domain.atomic_file import atomic_write
from app.domain.errors import ValidationError
from app.domain.lead_export import csv_safe
from app.domain.lead_import import ImportReport
from app.domain.output_path import check_output_path

__all__ = ["REPORT_COLUMNS", "save_import_report"]

REPORT_COLUMNS = ("row", "line", "outcome", "name", "reference", "reason", "warnings")


def save_import_report(report: ImportReport, path: str | Path, *, database: Path | None = None,
                       force: bool = False) -> Path:
    """Write `report` to `path` (.csv or .json, by the suffix); returns the path written. The one
    rule for output files holds (app.domain.output_path): never `database` or its side files, never
    a folder, an existing file only with `force` (the save dialog asked "Replace?")."""
    target = check_output_path(path, database=database, force=force, what="the report")
    suffix = target.suffix.lower()
    if suffix == ".json":
        with atomic_write(target, private=True) as handle:
            json.dump(report.to_json(), handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    elif suffix == ".csv":
        with atomic_write(target, newline="", encoding="utf-8-sig", private=True) as handle:
            writer = csv.writer(handle)
            writer.writerow(REPORT_COLUMNS)
            for row in report.rows:
                writer.writerow([
                    row.row, row.line, row.outcome, csv_safe(row.name), csv_safe(row.reference),
                    csv_safe(row.reason), csv_safe("; ".join(row.warnings)),
                ])
    else:
        raise ValidationError(f"save the report as .csv or .json, not '{target.suffix or target.name}'")
    return target
