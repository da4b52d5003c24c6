"""What an operation changed: which leads, and in which ways — plain data that every view reads.

An operation on leads (a save, a call logged, a status move, an import…) ends by describing its
effect as a `LeadChanges`; the desktop sends it on one signal and each view decides what to read
again. The description holds lead ids and kinds only (no ORM objects, no widgets), so the same
value can travel between desks as JSON (for example as a database notification payload):

    changes = LeadChanges.of([lead_id], ChangeKind.STATUS, origin="pipeline")
    LeadChanges.from_json(changes.to_json()) == changes
    LeadChanges.everything("import")          # unknown extent: read everything again

(`app.domain.lead_changes` is something else: the field-by-field diff of one edit.)
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["LOGGED_CALL_KINDS", "ChangeKind", "LeadChanges"]


class ChangeKind(StrEnum):
    FIELDS = "fields"  # names, phones, coordinator… edited
    STATUS = "status"  # moved in the pipeline (or a move undone)
    INTERACTIONS = "interactions"  # a call, message or packet sent; follow-ups
    CREATED = "created"  # new leads
    MERGED = "merged"  # one lead merged into another (both ids are named)
    ERASED = "erased"  # a person's data erased
    ALL = "all"  # unknown extent (import, demo data, a restore, another database): read everything


#: A logged call (or message) adds to the timeline, may set a follow-up, and may move a new lead
#: to Contacted (app.domain.leads.log_interaction): what every caller announces for it.
LOGGED_CALL_KINDS = (ChangeKind.INTERACTIONS, ChangeKind.STATUS)


@dataclass(frozen=True)
class LeadChanges:
    """Leads that changed and how. With `ChangeKind.ALL` among the kinds, any lead may have changed
    (`lead_ids` then names the ones known, possibly none)."""

    lead_ids: frozenset[int] = field(default_factory=frozenset)
    kinds: frozenset[ChangeKind] = field(default_factory=frozenset)
    origin: str | None = None  # who made it: "editor", "import", a desk's name… (informative only)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lead_ids", frozenset(int(i) for i in self.lead_ids))
        object.__setattr__(self, "kinds", frozenset(ChangeKind(k) for k in self.kinds))

    @classmethod
    def of(cls, lead_ids: Iterable[int], *kinds: ChangeKind | str, origin: str | None = None) -> LeadChanges:
        return cls(frozenset(lead_ids), frozenset(ChangeKind(k) for k in kinds), origin)

    @classmethod
    def everything(cls, origin: str | None = None) -> LeadChanges:
        return cls(frozenset(), frozenset({ChangeKind.ALL}), origin)

    @property
    def is_everything(self) -> bool:
        return ChangeKind.ALL in self.kinds

    @property
    def is_empty(self) -> bool:
        return not self.kinds

    def has(self, *kinds: ChangeKind | str) -> bool:
        """Whether any of these kinds changed (an unknown change counts as every kind)."""
        return self.is_everything or any(ChangeKind(k) in self.kinds for k in kinds)

    def affects(self, lead_id: int) -> bool:
        """Whether this lead may have changed."""
        return self.is_everything or int(lead_id) in self.lead_ids

    def merged(self, other: LeadChanges) -> LeadChanges:
        """Both changes as one (the origin is kept when both agree)."""
        origin = self.origin if self.origin == other.origin else None
        return LeadChanges(self.lead_ids | other.lead_ids, self.kinds | other.kinds, origin)

    __or__ = merged

    # ------------------------------------------------------------------ JSON

    def to_dict(self) -> dict[str, object]:
        return {"lead_ids": sorted(self.lead_ids), "kinds": sorted(k.value for k in self.kinds), "origin": self.origin}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> LeadChanges:
        """Read a description made by `to_dict` (possibly by another desk). Raises ValueError on
        anything else, so a bad payload cannot pass for a change."""
        if not isinstance(data, dict):
            raise ValueError("a change description is a JSON object")
        ids, kinds, origin = data.get("lead_ids", []), data.get("kinds", []), data.get("origin")
        if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
            raise ValueError("lead_ids must be a list of integers")
        if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
            raise ValueError("kinds must be a list of names")
        if origin is not None and not isinstance(origin, str):
            raise ValueError("origin must be text")
        return cls(frozenset(ids), frozenset(ChangeKind(k) for k in kinds), origin)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> LeadChanges:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not a change description: {exc}") from exc
        return cls.from_dict(data)
