"""The smaller things a coordinator hits first: Enter on the first-run window takes the default,
Export says when the list is filtered and offers every lead, Lost clears the follow-up (and undo
brings it back), and the status bar speaks in status names, not keys."""
from __future__ import annotations

import json
from datetime import timedelta

from PySide6.QtCore import Qt, QThreadPool

from app.domain.leads import change_status, get_lead, undo_last_status_change, update_lead
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.first_run_dialog import FirstRunDialog


def test_enter_on_the_first_run_window_starts_the_default(qtbot, tmp_path):
    dialog = FirstRunDialog(tmp_path / "medtour.db", prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.empty_button
    assert not dialog.open_button.autoDefault() and dialog.empty_button.isDefault()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert (tmp_path / "medtour.db").exists()
    dialog.database.dispose()


def test_export_of_a_filtered_list_offers_these_or_all(qtbot, desk, tmp_path):
    window, controller, ids, prompts = desk
    window.lead_list.search.setText("james")
    controller.leads.apply_search(wait=True)
    shown = controller.list_model.lead_ids()
    assert 0 < len(shown) < len(ids)
    prompts.answers["choose"] = None  # the user closes the question: nothing is exported
    controller.export_leads()
    assert prompts.titles("choose") == ["Export leads"]
    assert f"shows {len(shown):,} of" in prompts.texts("choose")[0]
    assert prompts.titles("save_path") == []

    target = tmp_path / "all.json"
    prompts.answers.update(choose="all", save_path=str(target))
    controller.export_leads()
    qtbot.waitUntil(target.exists, timeout=10_000)
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.waitUntil(lambda: len(json.loads(target.read_text(encoding="utf-8"))) == len(ids), timeout=10_000)


def test_lost_clears_the_follow_up_and_undo_brings_it_back(sqlite_db, clock):
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead

    ref = create_lead(sqlite_db, LeadInput(full_name="Kwame Mensah", email="kwame@example.gh"), clock=clock).reference
    due = clock() + timedelta(days=2)
    update_lead(sqlite_db, ref, get_lead(sqlite_db, ref).version, {"next_follow_up": due}, clock=clock)
    change_status(sqlite_db, ref, "lost", "Chose another provider", clock=clock)
    lost = get_lead(sqlite_db, ref)
    assert lost.next_follow_up is None
    assert any(e.field == "next_follow_up" and e.new_value is None for e in lost.field_edits)
    undo_last_status_change(sqlite_db, ref, clock=clock)
    back = get_lead(sqlite_db, ref)
    assert back.status == "new" and back.next_follow_up == due
