"""Lead operations on a real database — SQLite and PostgreSQL alike."""
from __future__ import annotations

import pytest

from app.domain.errors import ConflictError, NotFoundError, TransitionError, ValidationError
from app.domain.lead_records import LeadInput
from app.domain.leads import (
    InteractionInput,
    change_status,
    create_lead,
    get_lead,
    log_interaction,
    merge_leads,
    undo_last_status_change,
    update_lead,
)

HOSTILE_NAME = "Zoë <b>O'Brien</b> & \"Co\" 😀"


def _ivan(db, clock, **extra):
    data = LeadInput(full_name="Иван Петров", phones=[("8 916 123 45 67", "mobile")], country="RU",
                     email="Ivan.Petrov@Mail.ru", message="Is CAR-T possible?", **extra)
    return create_lead(db, data, clock=clock)


def test_create_stores_e164_raw_and_reference(db, clock):
    result = _ivan(db, clock)
    assert result.created and result.reference == "L-2026-00001"
    lead = get_lead(db, result.reference)
    assert lead.phones[0].e164 == "+79161234567"
    assert lead.phones[0].raw == "8 916 123 45 67"
    assert lead.status == "new"
    assert [i.kind for i in lead.interactions] == ["inquiry"]
    assert lead.interactions[0].notes == "Is CAR-T possible?"
    assert lead.status_history[0].to_status == "new"
    assert lead.coordinator is not None  # the default coordinator


def test_references_count_up(db, clock):
    refs = [create_lead(db, LeadInput(full_name=f"P{i}", email=f"p{i}@example.com"), clock=clock).reference for i in range(3)]
    assert refs == ["L-2026-00001", "L-2026-00002", "L-2026-00003"]


def test_duplicate_by_phone_or_email_is_attached_not_created(db, clock):
    first = _ivan(db, clock)
    by_phone = create_lead(db, LeadInput(full_name="Ivan", phones=[("+7 (916) 123-45-67", "mobile")], message="again"), clock=clock)
    by_email = create_lead(db, LeadInput(full_name="I. Petrov", email="  ivan.petrov@mail.RU ", message="third"), clock=clock)
    assert by_phone.duplicate_of == first.reference and by_email.duplicate_of == first.reference
    lead = get_lead(db, first.reference)
    assert sorted(i.notes for i in lead.interactions) == ["Is CAR-T possible?", "again", "third"]


def test_invalid_phone_is_kept_and_flagged(db, clock):
    result = create_lead(db, LeadInput(full_name="Ahmed Hassan", phones=[("12345", "mobile")], country="EG", email="a@example.eg"), clock=clock)
    assert result.warnings and "12345" in result.warnings[0]
    phone = get_lead(db, result.reference).phones[0]
    assert phone.raw == "12345" and phone.e164 is None and not phone.valid


def test_no_way_to_reach_is_refused(db, clock):
    with pytest.raises(ValidationError, match="no phone, email or messenger"):
        create_lead(db, LeadInput(full_name="Lars Nilsson"), clock=clock)
    with pytest.raises(ValidationError, match="no usable phone or email"):
        create_lead(db, LeadInput(full_name="X", phones=[("12", "mobile")], email="not-an-email"), clock=clock)


def test_hostile_text_round_trips_exactly(db, clock):
    notes = "<script>alert('x')</script> % _ ' \" \\ " + "я" * 10_000
    result = create_lead(db, LeadInput(full_name=HOSTILE_NAME, email="zoe@example.com", message=notes), clock=clock)
    lead = get_lead(db, result.reference)
    assert lead.full_name == HOSTILE_NAME
    assert lead.interactions[0].notes == notes.strip()


@pytest.mark.parametrize("name", ["محمد العتيبي", "王小明", "प्रिया शर्मा", "Nguyễn Thị Hồng", "Ólafur Þórsson"])
def test_names_in_any_script(db, clock, name):
    ref = create_lead(db, LeadInput(full_name=name, email="x@example.com"), clock=clock).reference
    assert get_lead(db, ref).full_name == name


def test_status_moves_and_audit(db, clock):
    ref = _ivan(db, clock).reference
    change_status(db, ref, "contacted", clock=clock)
    with pytest.raises(TransitionError, match="allowed: qualified"):
        change_status(db, ref, "booked", clock=clock)
    with pytest.raises(TransitionError, match="needs a reason"):
        change_status(db, ref, "lost", clock=clock)
    change_status(db, ref, "lost", "Too expensive", clock=clock)
    lead = get_lead(db, ref)
    assert lead.status == "lost" and lead.status_reason == "Too expensive"
    assert [(h.from_status, h.to_status) for h in lead.status_history] == [("contacted", "lost"), ("new", "contacted"), (None, "new")]
    assert all(h.coordinator for h in lead.status_history)
    undo_last_status_change(db, ref, clock=clock)
    assert get_lead(db, ref).status == "contacted"


def test_edit_records_fields_and_refuses_a_stale_version(db, clock):
    ref = _ivan(db, clock).reference
    mine = get_lead(db, ref)
    theirs = get_lead(db, ref)
    saved = update_lead(db, ref, theirs.version, {"diagnosis": "B-ALL", "companions": 2}, clock=clock)
    assert saved.version > theirs.version
    assert {(e.field, e.new_value) for e in saved.field_edits} == {("diagnosis", "B-ALL"), ("companions", "2")}
    with pytest.raises(ConflictError) as err:
        update_lead(db, ref, mine.version, {"diagnosis": "DLBCL"}, clock=clock)
    assert err.value.theirs == {"diagnosis": "B-ALL"} and err.value.mine == {"diagnosis": "DLBCL"}
    assert get_lead(db, ref).diagnosis == "B-ALL"  # nothing overwritten


def test_editing_phones_updates_search_and_duplicates(db, clock):
    from app.domain.lead_search import list_leads

    ref = _ivan(db, clock).reference
    lead = get_lead(db, ref)
    update_lead(db, ref, lead.version, {"phones": [("+971 50 123 4567", "whatsapp")]}, clock=clock)
    assert [r.reference for r in list_leads(db, search="501234567")] == [ref]
    assert list_leads(db, search="9161234567") == []


def test_log_call_sets_contact_times_and_follow_up(db, clock):
    from datetime import timedelta

    ref = _ivan(db, clock).reference
    clock.advance(minutes=30)
    follow = clock() + timedelta(days=3)
    logged = log_interaction(db, ref, InteractionInput(kind="call", outcome="reached", notes="ok", duration_seconds=300, follow_up_at=follow),
                             move_to="contacted", clock=clock)
    assert logged.status_move and logged.status_move.to_status == "contacted"
    lead = get_lead(db, ref)
    assert lead.first_contact_at == clock() and lead.next_follow_up == follow
    assert lead.interactions[0].outcome == "reached" and lead.interactions[0].duration_seconds == 300


def test_log_and_move_are_one_transaction(db, clock):
    ref = _ivan(db, clock).reference
    with pytest.raises(TransitionError):
        log_interaction(db, ref, InteractionInput(kind="call", outcome="reached"), move_to="booked", clock=clock)
    assert [i.kind for i in get_lead(db, ref).interactions] == ["inquiry"]  # the call was rolled back too


def test_bad_interaction_values(db, clock):
    ref = _ivan(db, clock).reference
    with pytest.raises(ValidationError, match="unknown outcome"):
        log_interaction(db, ref, InteractionInput(kind="call", outcome="won"), clock=clock)
    with pytest.raises(ValidationError, match="unknown kind"):
        log_interaction(db, ref, InteractionInput(kind="fax"), clock=clock)


def test_merge_moves_everything_to_the_survivor(db, clock):
    a = _ivan(db, clock).reference
    b = create_lead(db, LeadInput(full_name="Ivan Petrov", latin_name="Ivan Petrov", phones=[("+7 701 234 5678", "whatsapp")],
                                  email="other@example.com", message="from whatsapp"), clock=clock).reference
    log_interaction(db, b, InteractionInput(kind="call", outcome="reached"), move_to="contacted", clock=clock)
    update_lead(db, b, get_lead(db, b).version, {"companions": 2}, clock=clock)
    before_a, before_b = get_lead(db, a), get_lead(db, b)
    result = merge_leads(db, a, b, clock=clock)
    assert result.moved_interactions == 2 and result.moved_phones == 1
    survivor, dropped = get_lead(db, a), get_lead(db, b)
    assert {p.e164 for p in survivor.phones} == {"+79161234567", "+77012345678"}
    assert survivor.latin_name == "Ivan Petrov"
    assert dropped.status == "duplicate" and dropped.status_reason == f"merged into {a}"
    assert (dropped.merged_into, survivor.merged_into) == (a, None)
    notes = [i.notes for i in survivor.interactions]
    assert "from whatsapp" in notes and "Is CAR-T possible?" in notes
    assert any(i.kind == "note" and i.details == {"merged": b} for i in survivor.interactions)
    assert dropped.interactions == ()
    # the dropped lead's history (its own "new" and its move to contacted) and its field edits
    # move too; the dropped lead keeps only the record of the merge itself
    moved = {h.id for h in before_b.status_history}
    assert moved <= {h.id for h in survivor.status_history}
    assert [(h.from_status, h.to_status) for h in survivor.status_history if h.id in moved] == [("new", "contacted"), (None, "new")]
    assert {h.id for h in before_a.status_history} <= {h.id for h in survivor.status_history}
    assert [(h.from_status, h.to_status, h.reason) for h in dropped.status_history] == [("contacted", "duplicate", f"merged into {a}")]
    assert {e.id for e in before_b.field_edits} == {e.id for e in survivor.field_edits if e.field == "companions"}
    assert [(e.field, e.old_value, e.new_value) for e in survivor.field_edits if e.field == "latin_name"] == [("latin_name", None, "Ivan Petrov")]
    assert dropped.field_edits == ()
    with pytest.raises(ValidationError, match="already merged"):
        merge_leads(db, a, b, clock=clock)
    with pytest.raises(ValidationError):
        merge_leads(db, a, a, clock=clock)


def test_unknown_lead(db):
    with pytest.raises(NotFoundError, match="L-2026-99999"):
        get_lead(db, "L-2026-99999")
