"""The description of what an operation changed: plain data, combinable, and the same after a
trip through JSON (as it will travel between desks)."""
import json

import pytest

from app.domain.lead_change_set import ChangeKind, LeadChanges


def test_affects_names_only_the_leads_changed_unless_everything_did():
    changes = LeadChanges.of([3, 5], ChangeKind.STATUS, origin="pipeline")
    assert changes.affects(3) and changes.affects(5) and not changes.affects(4)
    assert changes.has(ChangeKind.STATUS) and not changes.has(ChangeKind.FIELDS, ChangeKind.CREATED)
    everything = LeadChanges.everything("import")
    assert everything.is_everything and everything.affects(12345) and everything.has(ChangeKind.ERASED)
    assert not changes.is_everything and LeadChanges().is_empty and not changes.is_empty


def test_two_changes_merge_into_one():
    a = LeadChanges.of([1], ChangeKind.FIELDS, origin="editor")
    b = LeadChanges.of([2], ChangeKind.INTERACTIONS, origin="editor")
    merged = a.merged(b)
    assert merged == LeadChanges.of([1, 2], ChangeKind.FIELDS, ChangeKind.INTERACTIONS, origin="editor")
    assert (a | LeadChanges.of([1], "status", origin="desk 2")).origin is None  # two origins: none kept
    assert (a | LeadChanges.everything()).is_everything


def test_json_round_trip_holds_ids_and_kinds_only():
    changes = LeadChanges.of([7, 2], ChangeKind.MERGED, ChangeKind.STATUS, origin="desk 2")
    text = changes.to_json()
    assert json.loads(text) == {"lead_ids": [2, 7], "kinds": ["merged", "status"], "origin": "desk 2"}
    assert LeadChanges.from_json(text) == changes
    assert LeadChanges.from_json(LeadChanges.everything().to_json()) == LeadChanges.everything()
    assert hash(changes) == hash(LeadChanges.from_json(text))  # frozen: usable as a key


@pytest.mark.parametrize("payload", [
    "not json", "[]", '{"lead_ids": ["1"], "kinds": []}', '{"lead_ids": [true], "kinds": []}',
    '{"lead_ids": [1], "kinds": ["renamed"]}', '{"lead_ids": [1], "kinds": "status"}',
    '{"lead_ids": [1], "kinds": [], "origin": 5}',
])
def test_a_bad_payload_is_refused(payload):
    with pytest.raises(ValueError):
        LeadChanges.from_json(payload)
