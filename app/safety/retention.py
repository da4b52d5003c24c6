"""Retention: personal data is not kept for ever after a lead has closed.

The agency chooses how long a closed lead keeps its personal data (`closed_years`); the rule is off
until someone turns it on, because how long health records must be kept differs by country and by
contract. A lead is *due* when it is closed (completed, or left the pipeline: lost, not eligible,
unreachable, duplicate — every status outside OPEN_STATUSES) and nothing has happened on it for
that many years: no status change, no interaction, no edit (`Lead.updated_at` moves with each).

A due lead is anonymised with the erasure's own machinery (app.safety.erasure): the same tombstone,
the same files-first deletion and the same erasure ledger, so an older copy brought back is erased
again. The tombstone's timeline says why (RETENTION_NOTE, with the rule's years) and holds no
personal data. The desk applies the rule when it starts (after the
daily backup); `medtour retention apply [--dry-run]` applies it, or lists what it would do.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.clock import Clock, utc_now
from app.domain.errors import UserError
from app.domain.speed_to_lead import OPEN_STATUSES
from db.engine import Database
from db.models import AppMeta, Interaction, Lead

__all__ = ["MAX_YEARS", "RETENTION_KEY", "RetentionResult", "apply_retention", "due_for_retention", "read_retention",
           "write_retention"]

#: The app_meta key holding the number of years (absent or empty: the rule is off).
RETENTION_KEY = "retention.closed_years"
MAX_YEARS = 100


def read_retention(session: Session) -> int | None:
    """The years a closed lead keeps its personal data, or None while the rule is off."""
    value = session.scalar(select(AppMeta.value).where(AppMeta.key == RETENTION_KEY))
    if value and value.strip().isdigit() and 0 < int(value) <= MAX_YEARS:
        return int(value)
    return None


def parse_years(text: str) -> int | None:
    """'7' → 7; 'off' / 'none' → None; anything else a UserError saying what works."""
    value = (text or "").strip().lower()
    if value in ("off", "none", "no", "0"):
        return None
    if value.isdigit() and 0 < int(value) <= MAX_YEARS:
        return int(value)
    raise UserError(f"retention is a number of years from 1 to {MAX_YEARS}, or 'off', not '{text}'")


def write_retention(db: Database, years: int | None) -> None:
    """Turn the rule on for `years`, or off (None)."""
    if years is not None and not 0 < years <= MAX_YEARS:
        raise UserError(f"retention is a number of years from 1 to {MAX_YEARS}, or 'off'")
    with db.write() as session:
        row = session.get(AppMeta, RETENTION_KEY)
        if row is None:
            session.add(AppMeta(key=RETENTION_KEY, value="" if years is None else str(years)))
        else:
            row.value = "" if years is None else str(years)


def _cutoff(now: datetime, years: int) -> datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def _last_activity(session: Session, lead: Lead) -> datetime:
    last_interaction = session.scalar(select(Interaction.occurred_at).where(Interaction.lead_id == lead.id)
                                      .order_by(Interaction.occurred_at.desc()).limit(1))
    return max(t for t in (lead.updated_at, lead.created_at, last_interaction) if t is not None)


@dataclass(frozen=True)
class DueLead:
    reference: str
    status: str
    last_activity: datetime


def due_for_retention(session: Session, years: int, *, now: datetime) -> list[DueLead]:
    """The closed, live leads untouched for more than `years` years at `now`, oldest first."""
    cutoff = _cutoff(now, years)
    candidates = session.scalars(
        select(Lead).where(Lead.erased_at.is_(None), Lead.merged_into_id.is_(None), Lead.status.not_in(OPEN_STATUSES),
                           Lead.updated_at < cutoff).order_by(Lead.updated_at, Lead.id))
    due = []
    for lead in candidates:
        last = _last_activity(session, lead)
        if last < cutoff:
            due.append(DueLead(lead.reference, lead.status, last))
    return due


@dataclass(frozen=True)
class RetentionResult:
    years: int | None
    dry_run: bool
    #: The references anonymised (or, in a dry run, that would be).
    references: tuple[str, ...] = ()
    #: Leads whose anonymisation could not finish, with the reason (a rerun tries them again).
    failed: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, object]:
        return {"years": self.years, "dry_run": self.dry_run, "anonymised": list(self.references),
                "count": len(self.references), "failed": [{"reference": r, "reason": why} for r, why in self.failed],
                "notes": list(self.notes)}


def apply_retention(
    db: Database,
    *,
    dry_run: bool = False,
    clock: Clock = utc_now,
    packets_folder: Path | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] | None = None,
) -> RetentionResult:
    """Anonymise every lead the rule makes due (or, with `dry_run`, say which). One lead at a time,
    each in its own transaction: a stop midway leaves the done ones done and the rest for the next run."""
    from app.safety.erasure import erase_person

    now = clock()
    with db.read() as session:
        years = read_retention(session)
        due = due_for_retention(session, years, now=now) if years is not None else []
    if years is None:
        return RetentionResult(None, dry_run, notes=("the retention rule is off",))
    if dry_run:
        return RetentionResult(years, True, tuple(d.reference for d in due))
    done: list[str] = []
    failed: list[tuple[str, str]] = []
    notes: list[str] = []
    for number, item in enumerate(due, 1):
        if cancelled():
            notes.append(f"stopped after {len(done)} of {len(due)}; the rest are anonymised on the next run")
            break
        try:
            result = erase_person(db, item.reference, clock=lambda: now, packets_folder=packets_folder,
                                  retention_years=years)
        except (UserError, OSError) as exc:
            failed.append((item.reference, str(exc)))
        else:
            done.append(item.reference)
            notes.extend(n for n in result.notes if n not in notes)
        if progress is not None:
            progress(number, len(due))
    return RetentionResult(years, False, tuple(done), tuple(failed), tuple(notes))
