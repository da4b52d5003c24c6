"""What a status move needs from the lead's case, checked where every move is made
(app.domain.leads._move), so the pipeline and the case agree whichever face moves the lead.

The rules themselves live with the facts they read (app.domain.case_gates: records received,
a chosen quote, a schedule) and are registered here; this module only holds the registry, so
the lead rules need not import the case modules (which read leads themselves).
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from app.domain.pipeline import Status
from db.models import Lead

__all__ = ["Gate", "missing_for", "register_gate"]

#: A rule: what the lead still lacks before it may enter a status (empty: nothing).
Gate = Callable[[Session, Lead], list[str]]

_GATES: dict[Status, list[Gate]] = {}


def register_gate(target: Status, gate: Gate) -> None:
    """Add `gate` for moves into `target` (registering the same function twice adds it once)."""
    gates = _GATES.setdefault(target, [])
    if gate not in gates:
        gates.append(gate)


def missing_for(session: Session, lead: Lead, target: Status) -> list[str]:
    """Everything the lead lacks before it may move into `target`, in words."""
    return [need for gate in _GATES.get(target, ()) for need in gate(session, lead)]
