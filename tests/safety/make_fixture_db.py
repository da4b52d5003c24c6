"""Build the committed fixture database of the current schema: tests/safety/fixtures/schema_<rev>.db.

Run it once per schema version, when a migration is added, *before* the migration lands (so the
file is of the previous schema) — or now, for the current head:

    .venv/bin/python -m tests.safety.make_fixture_db

Each file comes with schema_<rev>.json: what the test expects to find after upgrading it. The
content is fixed (seeded demo data, a fixed clock) and includes an edit, a call with a status
move, a packet record, a merge and an erased tombstone, so upgrades meet every table.
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def build(folder: Path = FIXTURES) -> Path:
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["MEDTOUR_DATA_DIR"] = scratch
        from app.domain.clock import FixedClock
        from app.domain.demo_data import generate_demo
        from app.domain.lead_records import LeadInput
        from app.domain.leads import InteractionInput, create_lead, get_lead, log_interaction, merge_leads, update_lead
        from app.safety.erasure import erase_person
        from app.storage import open_database
        from db.migrate import current_revision

        clock = FixedClock(datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc))
        work = Path(scratch) / "fixture.db"
        db = open_database(work, create=True)
        generate_demo(db, 40, seed=11, clock=clock)
        anna = create_lead(db, LeadInput(full_name="Анна Смирнова", latin_name="Anna Smirnova", country="RU",
                                         phones=[("8 916 765-43-21", "mobile")], email="anna.smirnova@example.ru",
                                         diagnosis="B-ALL relapse", consent_health_data=True, consent_method="web form"),
                           clock=clock)
        detail = get_lead(db, anna.lead_id)
        update_lead(db, anna.lead_id, detail.version, {"program": "leukemia_b_all"}, clock=clock)
        log_interaction(db, anna.lead_id, InteractionInput(kind="call", outcome="reached", notes="Records by Friday"),
                        move_to="contacted", clock=clock)
        log_interaction(db, anna.lead_id, InteractionInput(kind="packet", details={
            "sha256": "ab" * 32, "language": "ru", "program": "leukemia_b_all", "file": "L-2026-00041-ru.pdf"}), clock=clock)
        twin = create_lead(db, LeadInput(full_name="Anna Smirnova", email="anna.s@example.com"), clock=clock,
                           check_duplicates=False)
        merge_leads(db, anna.reference, twin.reference, clock=clock)
        gone = create_lead(db, LeadInput(full_name="Erased Person", email="erased@example.com"), clock=clock)
        erase_person(db, gone.reference, clock=clock)
        revision = current_revision(db)
        db.checkpoint()
        db.dispose()
        con = sqlite3.connect(work, isolation_level=None)
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("VACUUM")
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("leads", "lead_phones", "interactions", "status_changes", "field_edits")}
        con.close()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"schema_{revision}.db"
        target.write_bytes(work.read_bytes())
        expected = {"revision": revision, "counts": counts, "lead": {"reference": anna.reference, "full_name": "Анна Смирнова",
                    "status": "contacted", "program": "leukemia_b_all", "merged": twin.reference}, "erased": gone.reference}
        (folder / f"schema_{revision}.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURES))
