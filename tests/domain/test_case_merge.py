"""Merging two leads carries the duplicate's case onto the kept lead without losing a row: what
only the duplicate has moves; where both have the same fact the kept lead's stands (a checklist
item takes the further state) and the duplicate's row stays on the duplicate."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.domain.clock import utc_now
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, merge_leads
from db.case_models import CaseDocument, CaseFile, CasePerson, Quote, RecordItem, ScheduleItem


def _lead(db, name: str, email: str) -> int:
    return create_lead(db, LeadInput(full_name=name, email=email, country="KZ")).lead_id


def test_merge_moves_the_duplicates_case_and_keeps_conflicts(db):
    keep, drop = _lead(db, "Aigerim Nurlanova", "aigerim@example.kz"), _lead(db, "Айгерим Нурланова", "a.n@example.kz")
    now = utc_now()
    with db.write() as s:
        s.add_all([
            CaseFile(lead_id=keep, clinical_flags=["active_infection"], created_at=now, updated_at=now),
            CaseFile(lead_id=drop, clinical_flags=["active_cns_disease"], arrival_on=date(2027, 3, 1), created_at=now,
                     updated_at=now),
            RecordItem(lead_id=keep, item_key="pet_ct", state="requested", updated_at=now),
            RecordItem(lead_id=drop, item_key="pet_ct", state="accepted", accepted_at=now, updated_at=now),
            RecordItem(lead_id=drop, item_key="passport_copy", state="received", updated_at=now),
            CaseDocument(lead_id=drop, item_key="pet_ct", filename="pet.pdf", added_at=now),
            CasePerson(lead_id=drop, name="Нурлан", relation="son", phones=[], created_at=now),
            Quote(lead_id=keep, hospital_key="beijing_riverside", currency="USD", items=[], created_at=now, chosen_at=now),
            Quote(lead_id=drop, hospital_key="shanghai_eastbank", currency="CNY", items=[], created_at=now, chosen_at=now),
            ScheduleItem(lead_id=drop, kind="stage", key="arrival", starts_on=date(2027, 3, 1), position=0),
        ])
    merge_leads(db, keep, drop)
    with db.read() as s:
        items = {r.item_key: r for r in s.scalars(select(RecordItem).where(RecordItem.lead_id == keep))}
        assert items["pet_ct"].state == "accepted"  # the further state wins
        assert items["passport_copy"].state == "received"  # only the duplicate had it: moved
        assert s.scalars(select(CaseDocument.lead_id)).all() == [keep]
        assert s.scalars(select(CasePerson.lead_id)).all() == [keep]
        case = s.scalars(select(CaseFile).where(CaseFile.lead_id == keep)).one()
        assert case.clinical_flags == ["active_cns_disease", "active_infection"] and case.arrival_on == date(2027, 3, 1)
        assert s.scalars(select(CaseFile.lead_id).order_by(CaseFile.lead_id)).all() == sorted([keep, drop])  # kept, not lost
        quotes = s.scalars(select(Quote).where(Quote.lead_id == keep)).all()
        assert len(quotes) == 2 and [q.hospital_key for q in quotes if q.chosen_at] == ["beijing_riverside"]
        assert s.scalars(select(ScheduleItem.lead_id)).all() == [keep]  # the kept lead had no plan: it moved
