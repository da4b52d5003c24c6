"""Dates from a journey template: week n of an offer's journey (1 = the arrival week) runs from
arrival + 7·(n−1) days; a step spanning weeks a–b ends on the last day of week b. The preparation
tasks that come with every journey are counted back from the arrival day.

Pure functions (no database): the case schedule and the demo data plan with the same rule.
"""
from __future__ import annotations

from datetime import date, timedelta

from app.domain.catalogue import Offer

__all__ = ["PREPARATION_TASKS", "planned_stages", "planned_tasks"]

#: Tasks before the journey: (key, label, days relative to the arrival; 0 is the arrival day).
PREPARATION_TASKS: tuple[tuple[str, str, int], ...] = (
    ("records_deadline", "Medical records deadline", -42),
    ("visa_application", "Visa application", -30),
    ("flights", "Flight booking", -21),
    ("accommodation", "Accommodation booking", -14),
    ("airport_pickup", "Airport pickup", 0),
)


def planned_stages(offer: Offer, arrival: date) -> list[tuple[str, str, date, date | None]]:
    """("stage", step, first day, last day) for each step of the offer's journey; a step at home
    starts the day after the last step in the hospital's city and has no end."""
    out: list[tuple[str, str, date, date | None]] = []
    last_day = arrival
    for stage in offer.journey:
        if stage.at_home or stage.first_week is None or stage.last_week is None:
            continue
        first = arrival + timedelta(days=7 * (stage.first_week - 1))
        end = arrival + timedelta(days=7 * stage.last_week - 1)
        out.append(("stage", stage.step, first, end))
        last_day = max(last_day, end)
    out += [("stage", s.step, last_day + timedelta(days=1), None) for s in offer.journey if s.at_home]
    return out


def planned_tasks(arrival: date) -> list[tuple[str, str, date, date | None]]:
    """("task", key, due day, None) for the preparation tasks."""
    return [("task", key, arrival + timedelta(days=days), None) for key, _label, days in PREPARATION_TASKS]
