"""Exporting from the GUI writes the file in the background and says how many leads it holds."""
from __future__ import annotations

import csv
import json

from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.export_dialog import export_leads_interactively

NAMES = ["محمد العتيبي", "张伟", "Иван Петров", "=HYPERLINK(\"http://x\")"]


def make_leads(db, clock) -> list[int]:
    return [
        create_lead(db, LeadInput(name, email=f"p{i}@example.com"), clock=clock).lead_id
        for i, name in enumerate(NAMES)
    ]


def test_export_writes_a_csv_and_says_how_many(qtbot, sqlite_db, clock, tmp_path):
    make_leads(sqlite_db, clock)
    prompts = ScriptedPrompts(save_path=str(tmp_path / "leads"))  # no suffix typed: CSV
    task = export_leads_interactively(sqlite_db, None, prompts=prompts)
    with qtbot.waitSignal(task.finished, timeout=10_000) as blocker:
        pass
    assert blocker.args == [4]
    assert prompts.texts("inform") == [f"4 leads written to {tmp_path / 'leads.csv'}."]
    with (tmp_path / "leads.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["full_name"] for r in rows] == NAMES[:3] + ["'=HYPERLINK(\"http://x\")"]


def test_export_of_chosen_leads_to_json(qtbot, sqlite_db, clock, tmp_path):
    ids = make_leads(sqlite_db, clock)
    prompts = ScriptedPrompts(save_path=str(tmp_path / "two.json"))
    task = export_leads_interactively(sqlite_db, None, ids[:2], prompts=prompts)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    data = json.loads((tmp_path / "two.json").read_text(encoding="utf-8"))
    assert [lead["full_name"] for lead in data] == NAMES[:2]
    assert prompts.titles("save_path") == ["Export 2 leads"]


def test_cancelled_file_dialog_exports_nothing(qtbot, sqlite_db):
    prompts = ScriptedPrompts(save_path=None)
    assert export_leads_interactively(sqlite_db, None, prompts=prompts) is None


def test_a_failure_is_a_readable_message(qtbot, sqlite_db, clock, tmp_path):
    make_leads(sqlite_db, clock)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    prompts = ScriptedPrompts(save_path=str(blocked / "leads.csv"))
    task = export_leads_interactively(sqlite_db, None, prompts=prompts)
    with qtbot.waitSignal(task.failed, timeout=10_000):
        pass
    assert prompts.titles("error") == ["Export failed"]
    assert "Traceback" not in prompts.texts("error")[0]
