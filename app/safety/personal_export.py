"""The right of access and to portability: everything held about one person, as JSON and as a
readable PDF beside it. Both files are private (0600) and written atomically."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain.atomic_file import atomic_write
from app.domain.case_export import case_data
from app.domain.clock import Clock, utc_now
from app.domain.lead_records import LeadDetail, to_jsonable
from app.domain.leads import get_lead
from app.domain.output_path import check_output_path
from db.engine import Database
from db.team_policies import check_may_export

FORMAT_VERSION = 1


@dataclass(frozen=True)
class PersonalExport:
    reference: str
    json_path: Path
    pdf_path: Path


def personal_data(detail: LeadDetail, generated_at: datetime) -> dict[str, Any]:
    """The export's JSON document: the lead, its phones, interactions, status history, field
    edits and the packets sent, under plain keys."""
    record = to_jsonable(detail)
    interactions = record.pop("interactions")
    return {
        "format": "medtour-personal-data",
        "format_version": FORMAT_VERSION,
        "generated_at": generated_at.isoformat(),
        "reference": detail.reference,
        "lead": {k: v for k, v in record.items() if k not in ("phones", "status_history", "field_edits")},
        "phones": record["phones"],
        "interactions": interactions,
        "status_history": record["status_history"],
        "field_edits": record["field_edits"],
        "packets_sent": [
            {"occurred_at": i["occurred_at"], **{k: i["details"].get(k) for k in ("language", "program", "sha256", "file")}}
            for i in interactions if i["kind"] == "packet"
        ],
    }


def default_export_path(reference: str, folder: Path | None = None) -> Path:
    return (folder or Path.cwd()) / f"{reference}-personal-data.json"


def export_personal_data(
    db: Database, key: int | str, dest: str | Path | None = None, *, clock: Clock = utc_now, force: bool = False
) -> PersonalExport:
    """Write ``<ref>-personal-data.json`` (or `dest`) and the PDF summary beside it (same name,
    .pdf); existing files are replaced only with `force`, the database never."""
    from app.safety.personal_summary_pdf import PersonalSummaryRenderer

    with db.read() as session:  # a team's server says whether this person may export (managers, admins)
        check_may_export(session.connection())
    detail = get_lead(db, key)
    now = clock()
    json_path = Path(dest).expanduser() if dest is not None else default_export_path(detail.reference)
    if json_path.is_dir():
        json_path = default_export_path(detail.reference, json_path)
    if json_path.suffix.lower() != ".json":
        json_path = json_path.with_name(json_path.name + ".json")
    pdf_path = json_path.with_suffix(".pdf")
    for path in (json_path, pdf_path):
        check_output_path(path, database=db.path, force=force, what="the export")
    pdf = PersonalSummaryRenderer().render(detail, now)  # fonts are checked before anything is written
    with db.read() as session:
        case = case_data(session, detail.id)
    with atomic_write(json_path, private=True) as handle:
        json.dump(personal_data(detail, now) | {"case_file": case}, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    with atomic_write(pdf_path, "wb", private=True) as handle:
        handle.write(pdf)
    return PersonalExport(detail.reference, json_path, pdf_path)
