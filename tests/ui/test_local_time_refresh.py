"""Local times in the lead list and the Pipeline move on with the clock: the model looks at the
clock by itself and redraws the time columns when the minute changes."""
from __future__ import annotations

from datetime import UTC, datetime

from app.domain.clock import FixedClock
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead
from app.ui import lead_list_model
from app.ui.lead_list_model import COL_LOCAL_TIME, LeadListModel


def test_the_local_time_column_moves_on_by_itself(qtbot, sqlite_db, monkeypatch):
    monkeypatch.setattr(lead_list_model, "TICK_MS", 200)  # the same timer, looking more often
    clock = FixedClock(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    create_lead(sqlite_db, LeadInput(full_name="Fatima Al-Mansoori", phones=[("+971 50 123 4567", "mobile")], country="AE"),
                clock=clock)
    model = LeadListModel(sqlite_db, clock=clock)
    assert model._ticker.isActive() and model._ticker.interval() == 200
    first = model.data(model.index(0, COL_LOCAL_TIME))
    assert "13:00" in str(first)  # Dubai is UTC+4
    clock.advance(minutes=7)
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        pass
    assert "13:07" in str(model.data(model.index(0, COL_LOCAL_TIME)))
