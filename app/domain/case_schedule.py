"""The treatment schedule of a case: each stage of the chosen offer's journey dated from the
arrival, the tasks before it (records deadline, visa, flights, accommodation, airport pickup)
with reminders on Today, edits by hand, and done marks.

Dates: week n of the journey starts on arrival + 7·(n−1) days; a stage of weeks n…m ends on the
last day of week m (arrival + 7·m − 1). A step the offer has at home (follow-up) starts the day
after the last stage in the hospital's city and has no end. A task is due a fixed number of days
before the arrival (`TASKS`).

An item moved by hand is `edited`: planning again with a new arrival keeps it where it was put.
The schema keeps no offer or arrival time on the case, so the plan's own timeline event
("schedule_planned", details: offer, arrival, arrival_time) is where they are read back from.
"""
from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.domain.case_file import CASE_EVENT_KIND, case_event, case_lead, ensure_case
from app.domain.case_people import chosen_offer_key
from app.domain.catalogue import Offer, catalogue_in, parse_catalogue, seed_document
from app.domain.clock import Clock, utc_now
from app.domain.errors import NotFoundError, ValidationError
from app.domain.journey_dates import PREPARATION_TASKS, planned_stages, planned_tasks
from app.domain.quotes import chosen_quote_in
from app.paths import content_dir
from db.case_models import CaseFile, ScheduleItem
from db.engine import Database
from db.lead_queries import UNASSIGNED
from db.models import Interaction, Lead

__all__ = [
    "PLAN_EVENT",
    "REMINDER_DAYS",
    "TASKS",
    "CaseReminder",
    "Schedule",
    "ScheduleEntry",
    "case_reminders",
    "get_schedule",
    "move_item",
    "plan_schedule",
    "schedule_in",
    "set_done",
    "stage_name",
]

PLAN_EVENT = "schedule_planned"
#: Tasks before the journey (their one home is app.domain.journey_dates).
TASKS = PREPARATION_TASKS
#: Today shows a task this many days before it is due (and every day after, until done) …
REMINDER_DAYS = 7
#: … for this long after: a task overdue longer belongs to a journey long past, and the bound keeps
#: Today's query a short range on the starts_on index however much history the desk holds.
OVERDUE_WINDOW_DAYS = 90
#: Items that may carry a time of day (the arrival and the airport pickup).
TIMED_KEYS = ("arrival", "airport_pickup")
_LATEST_ARRIVAL_YEARS = 5


@dataclass(frozen=True)
class ScheduleEntry:
    id: int
    kind: str  # stage / task
    key: str
    label: str
    starts_on: date
    ends_on: date | None
    edited: bool
    done_at: datetime | None
    position: int

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "key": self.key, "label": self.label,
                "starts_on": self.starts_on.isoformat(), "ends_on": self.ends_on.isoformat() if self.ends_on else None,
                "edited": self.edited, "done": self.done,
                "done_at": self.done_at.isoformat() if self.done_at else None}


@dataclass(frozen=True)
class Schedule:
    lead_id: int
    reference: str
    arrival: date | None
    arrival_time: time | None
    offer_key: str | None
    hospital_key: str | None
    items: tuple[ScheduleEntry, ...]

    @property
    def stages(self) -> tuple[ScheduleEntry, ...]:
        return tuple(i for i in self.items if i.kind == "stage")

    @property
    def tasks(self) -> tuple[ScheduleEntry, ...]:
        return tuple(i for i in self.items if i.kind == "task")

    @property
    def planned(self) -> bool:
        return bool(self.items)

    @property
    def departure(self) -> date | None:
        """The first day in the hospital's city (the arrival stage as planned or moved)."""
        starts = [i.starts_on for i in self.stages]
        return min(starts) if starts else self.arrival

    @property
    def planned_return(self) -> date | None:
        """The last day of the last stage in the hospital's city."""
        ends = [i.ends_on for i in self.stages if i.ends_on is not None]
        return max(ends) if ends else None

    def item(self, item_id: int) -> ScheduleEntry:
        for entry in self.items:
            if entry.id == item_id:
                return entry
        raise NotFoundError(f"{self.reference} has no schedule item {item_id}")

    def as_json(self) -> dict[str, Any]:
        return {"reference": self.reference, "arrival": self.arrival.isoformat() if self.arrival else None,
                "arrival_time": self.arrival_time.strftime("%H:%M") if self.arrival_time else None,
                "offer": self.offer_key, "hospital": self.hospital_key,
                "return": self.planned_return.isoformat() if self.planned_return else None,
                "items": [i.as_json() for i in self.items]}


@dataclass(frozen=True)
class CaseReminder:
    lead_id: int
    reference: str
    name: str
    item_id: int
    key: str
    label: str
    due_on: date
    overdue: bool

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days


# ---------------------------------------------------------------- labels


@lru_cache(maxsize=16)
def _step_names(language: str) -> dict[str, str]:
    path = content_dir() / "text" / f"{language}.toml"
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    steps = data.get("journey", {}).get("steps", {})
    return {key: str(raw["name"]) for key, raw in steps.items() if isinstance(raw, dict) and raw.get("name")}


def stage_name(step: str, language: str | None = None) -> str | None:
    """The journey step's name in `language` where the packet texts have one (None otherwise)."""
    return _step_names((language or "en").lower()).get(step)


def _stage_label(step: str) -> str:
    return stage_name(step, "en") or step.replace("_", " ").capitalize()


# ---------------------------------------------------------------- reading


_TASK_LABELS = {key: label for key, label, _days in PREPARATION_TASKS}


def _entry(row: ScheduleItem) -> ScheduleEntry:
    label = row.label or (_TASK_LABELS.get(row.key) if row.kind == "task" else None) or _stage_label(row.key)
    return ScheduleEntry(row.id, row.kind, row.key, label, row.starts_on, row.ends_on, bool(row.edited),
                         row.done_at, row.position)


def _plan_facts(session: Session, lead: Lead) -> dict[str, Any]:
    """The newest plan's event details (offer, arrival, arrival_time), {} before any plan."""
    rows = session.scalars(select(Interaction).where(Interaction.lead_id == lead.id,
                                                     Interaction.kind == CASE_EVENT_KIND)
                           .order_by(Interaction.occurred_at.desc(), Interaction.id.desc()))
    for row in rows:
        if (row.details or {}).get("event") == PLAN_EVENT:
            return dict(row.details)
    return {}


def _time(text: object) -> time | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        return None


def schedule_in(session: Session, lead: Lead) -> Schedule:
    rows = session.scalars(select(ScheduleItem).where(ScheduleItem.lead_id == lead.id)
                           .order_by(ScheduleItem.starts_on, ScheduleItem.position, ScheduleItem.id))
    items = tuple(_entry(r) for r in rows)
    case = session.scalars(select(CaseFile).where(CaseFile.lead_id == lead.id)).first()
    facts = _plan_facts(session, lead) if items else {}
    offer, hospital = facts.get("offer"), facts.get("hospital")
    if items and not offer:  # planned without the event (e.g. the demo): the chosen quote's offer
        chosen = chosen_quote_in(session, lead.id)
        offer, hospital = (chosen.offer_key, chosen.hospital_key) if chosen is not None else (None, None)
    return Schedule(lead.id, lead.reference, case.arrival_on if case else None, _time(facts.get("arrival_time")),
                    offer, hospital, items)


def get_schedule(db: Database, key: int | str) -> Schedule:
    with db.read() as session:
        return schedule_in(session, case_lead(session, key))


# ---------------------------------------------------------------- planning


def _catalogue_offer(session: Session, key: str) -> Offer:
    catalogue = catalogue_in(session) or parse_catalogue(seed_document())
    return catalogue.offer(key)


def _offer_for(session: Session, lead: Lead, offer_key: str | None) -> Offer:
    if offer_key:
        return _catalogue_offer(session, offer_key)
    chosen = chosen_offer_key(session, lead)
    if chosen:
        return _catalogue_offer(session, chosen)
    previous = _plan_facts(session, lead).get("offer")
    if isinstance(previous, str) and previous:
        return _catalogue_offer(session, previous)
    raise ValidationError(f"{lead.reference} has no chosen quote to plan from: choose a quote, or name the offer "
                          "to plan with (--offer KEY)")


def _wanted_items(offer: Offer, arrival: date) -> list[tuple[str, str, str, date, date | None]]:
    """(kind, key, label, starts_on, ends_on) for every item of the plan, in order: the tasks,
    then the journey's stages (the dates by app.domain.journey_dates, as the demo plans them)."""
    labels = {key: label for key, label, _days in TASKS}
    return ([("task", key, labels[key], starts, ends) for _kind, key, starts, ends in planned_tasks(arrival)]
            + [("stage", step, _stage_label(step), starts, ends) for _kind, step, starts, ends in planned_stages(offer, arrival)])


def _check_arrival(arrival: date, today: date) -> None:
    if arrival < today - timedelta(days=366):
        raise ValidationError(f"the arrival {arrival.isoformat()} is more than a year ago")
    if arrival > today + timedelta(days=366 * _LATEST_ARRIVAL_YEARS):
        raise ValidationError(f"the arrival {arrival.isoformat()} is more than {_LATEST_ARRIVAL_YEARS} years away")


def plan_schedule(db: Database, key: int | str, arrival: date, *, offer_key: str | None = None,
                  arrival_time: time | None = None, actor_id: int | None = None, clock: Clock = utc_now) -> Schedule:
    """Plan (or plan again) the case's schedule from `arrival`: the offer is `offer_key`, else the
    chosen quote's, else the one the previous plan used. Items moved by hand stay where they are;
    items the offer no longer has go (unless moved by hand or done)."""
    now = clock()
    _check_arrival(arrival, now.date())
    with db.write() as session:
        lead = case_lead(session, key)
        offer = _offer_for(session, lead, offer_key)
        case = ensure_case(session, lead, now)
        existing = {(r.kind, r.key): r for r in session.scalars(select(ScheduleItem).where(ScheduleItem.lead_id == lead.id))}
        wanted = _wanted_items(offer, arrival)
        for position, (kind, item_key, label, starts, ends) in enumerate(wanted):
            row = existing.pop((kind, item_key), None)
            if row is None:
                session.add(ScheduleItem(lead_id=lead.id, kind=kind, key=item_key, label=label, starts_on=starts,
                                         ends_on=ends, edited=False, position=position))
                continue
            row.label, row.position = label, position
            if not row.edited:
                row.starts_on, row.ends_on = starts, ends
        for row in existing.values():
            if not row.edited and row.done_at is None:
                session.delete(row)
        case.arrival_on = arrival
        case.updated_at = now
        session.flush()
        schedule = schedule_in(session, lead)
        back = schedule.planned_return
        when = f"{arrival.isoformat()}{' ' + arrival_time.strftime('%H:%M') if arrival_time else ''}"
        case_event(session, lead, PLAN_EVENT,
                   f"Schedule planned from {offer.key}: arrival {when}"
                   + (f", back home after {back.isoformat()}" if back else ""),
                   now=now, actor_id=actor_id,
                   details={"offer": offer.key, "hospital": offer.hospital, "arrival": arrival.isoformat(),
                            "arrival_time": arrival_time.strftime("%H:%M") if arrival_time else None})
        return schedule_in(session, lead)


def _row(session: Session, lead: Lead, item_id: int) -> ScheduleItem:
    row = session.get(ScheduleItem, item_id)
    if row is None or row.lead_id != lead.id:
        raise NotFoundError(f"{lead.reference} has no schedule item {item_id}")
    return row


def move_item(db: Database, key: int | str, item_id: int, starts_on: date, ends_on: date | None = None, *,
              actor_id: int | None = None, clock: Clock = utc_now) -> ScheduleEntry:
    """Move one item by hand (an item with an end keeps its length unless `ends_on` is given);
    it is marked edited, so a new arrival date leaves it where it was put."""
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        row = _row(session, lead, item_id)
        if ends_on is None and row.ends_on is not None:
            ends_on = starts_on + (row.ends_on - row.starts_on)
        if ends_on is not None and ends_on < starts_on:
            raise ValidationError(f"'{row.label or row.key}' cannot end ({ends_on.isoformat()}) before it starts "
                                  f"({starts_on.isoformat()})")
        before = row.starts_on
        row.starts_on, row.ends_on, row.edited = starts_on, ends_on, True
        session.flush()
        case_event(session, lead, "schedule_item_moved",
                   f"{row.label or row.key} moved from {before.isoformat()} to {starts_on.isoformat()}",
                   now=now, actor_id=actor_id, details={"item_id": row.id, "key": row.key})
        return _entry(row)


def set_done(db: Database, key: int | str, item_id: int, done: bool = True, *, actor_id: int | None = None,
             clock: Clock = utc_now) -> ScheduleEntry:
    """Mark an item done (or not done again)."""
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        row = _row(session, lead, item_id)
        if (row.done_at is not None) == done:
            return _entry(row)
        row.done_at = now if done else None
        session.flush()
        case_event(session, lead, "schedule_item_done" if done else "schedule_item_reopened",
                   f"{row.label or row.key} {'done' if done else 'not done after all'}",
                   now=now, actor_id=actor_id, details={"item_id": row.id, "key": row.key})
        return _entry(row)


# ---------------------------------------------------------------- Today


def case_reminders(session: Session, coordinator_id: int | None, today: date, *,
                   within_days: int = REMINDER_DAYS, everyone: bool = False) -> list[CaseReminder]:
    """Tasks of the coordinator's live leads due within `within_days` or overdue (up to
    OVERDUE_WINDOW_DAYS), not done, soonest first (a range on the starts_on index, then the few
    rows it finds). `UNASSIGNED`:
    the pool's leads; `everyone`: every lead's (a manager's "Everyone's calls")."""
    if coordinator_id is None and not everyone:
        return []
    horizon = today + timedelta(days=within_days)
    oldest = today - timedelta(days=OVERDUE_WINDOW_DAYS)
    if everyone:
        whose: list[ColumnElement[bool]] = []
    elif coordinator_id == UNASSIGNED:
        whose = [Lead.coordinator_id.is_(None)]
    else:
        whose = [Lead.coordinator_id == coordinator_id]
    rows = session.execute(
        select(ScheduleItem.id, ScheduleItem.lead_id, ScheduleItem.key, ScheduleItem.label, ScheduleItem.starts_on,
               Lead.reference, Lead.full_name)
        .join(Lead, Lead.id == ScheduleItem.lead_id)
        .where(ScheduleItem.starts_on >= oldest, ScheduleItem.starts_on <= horizon, ScheduleItem.kind == "task",
               ScheduleItem.done_at.is_(None),
               Lead.erased_at.is_(None), *whose)
        .order_by(ScheduleItem.starts_on, ScheduleItem.position, ScheduleItem.id))
    return [CaseReminder(lead_id, reference, name, item_id, item_key, label or _TASK_LABELS.get(item_key, item_key), due,
                         due < today)
            for item_id, lead_id, item_key, label, due, reference, name in rows]


def reminder_line(reminder: CaseReminder, today: date) -> str:
    """"Visa application — due in 3 days" / "— due today" / "— 2 days overdue"."""
    days = reminder.days_left(today)
    if days == 0:
        when = "due today"
    elif days > 0:
        when = f"due in {days} day{'s' if days != 1 else ''}"
    else:
        when = f"{-days} day{'s' if days != -1 else ''} overdue"
    return f"{reminder.label} — {when}"


def item_dates(entry: ScheduleEntry) -> str:
    if entry.ends_on is None or entry.ends_on == entry.starts_on:
        return entry.starts_on.isoformat()
    return f"{entry.starts_on.isoformat()} – {entry.ends_on.isoformat()}"


def sorted_items(items: Sequence[ScheduleEntry]) -> list[ScheduleEntry]:
    return sorted(items, key=lambda i: (i.starts_on, i.position, i.id))
