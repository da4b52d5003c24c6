"""Local time over many zones is asked once and remembered: a Russian mobile number covers a dozen
zones, so the case header offers to set the patient's; the answer is kept on the lead and the
local time is exact from then on."""
from __future__ import annotations

from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, get_lead
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.lead_editor import LeadEditor


def test_the_patients_zone_is_asked_once_and_kept(qtbot, sqlite_db, clock):
    lead_id = create_lead(sqlite_db, LeadInput(full_name="Ольга Попова", phones=[("+7 916 123 45 67", "mobile")],
                                               country="RU"), clock=clock).lead_id
    prompts = ScriptedPrompts(choose="Asia/Novosibirsk")
    editor = LeadEditor(sqlite_db, lead_id, clock=clock, prompts=prompts)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.header.zone_link.isVisible() and "varies" in editor.header.facts_label.text()
    assert editor.ask_zone()
    assert prompts.titles("pick") == ["The patient's time zone"] and "time zones" in prompts.texts("pick")[0]
    assert get_lead(sqlite_db, lead_id).timezone == "Asia/Novosibirsk"
    assert not editor.header.zone_link.isVisible()
    assert "Novosibirsk" in editor.header.facts_label.text() and "varies" not in editor.header.facts_label.text()
