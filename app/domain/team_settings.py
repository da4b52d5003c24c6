"""A team's settings, kept in the database (app_meta) so every desk reads the same ones.

    visibility       "team": coordinators see every lead, change their own and the unassigned pool;
                     "own": coordinators see and change only their own leads and the pool.
    first_response   how soon a new inquiry should be answered (default 2 hours).
    new_lead_cap     at most this many open new leads per coordinator before new ones wait in the
                     pool (None: no cap).
    reassign_untouched  move an inquiry untouched past the first-response target to the next
                     coordinator (logged on the lead).

On PostgreSQL only an admin may change them (the server refuses anyone else); the row-level
policies read `team.visibility` themselves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import UserError
from db.models import AppMeta

__all__ = ["DEFAULT_FIRST_RESPONSE", "TeamSettings", "Visibility", "format_duration", "parse_duration",
           "read_team_settings", "write_team_setting"]

DEFAULT_FIRST_RESPONSE = timedelta(hours=2)


class Visibility(StrEnum):
    TEAM = "team"
    OWN = "own"


#: The app_meta key of each setting (the PostgreSQL policies read "team.visibility").
KEYS = {
    "visibility": "team.visibility",
    "first_response": "team.first_response_minutes",
    "new_lead_cap": "team.new_lead_cap",
    "reassign_untouched": "team.reassign_untouched",
}


@dataclass(frozen=True)
class TeamSettings:
    visibility: Visibility = Visibility.TEAM
    first_response: timedelta = DEFAULT_FIRST_RESPONSE
    new_lead_cap: int | None = None
    reassign_untouched: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "visibility": self.visibility.value,
            "first_response_minutes": int(self.first_response.total_seconds() // 60),
            "first_response": format_duration(self.first_response),
            "new_lead_cap": self.new_lead_cap,
            "reassign_untouched": self.reassign_untouched,
        }


_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$", re.IGNORECASE)


def parse_duration(text: str) -> timedelta:
    """"2h", "90m", "1h30m", "1d" → a timedelta; anything else is a UserError that says what works."""
    found = _DURATION.match(text or "")
    if not found or not any(found.groups()):
        raise UserError(f"'{text}' is not a duration: write it like 2h, 90m, 1h30m or 1d")
    days, hours, minutes = (int(g) if g else 0 for g in found.groups())
    value = timedelta(days=days, hours=hours, minutes=minutes)
    if value <= timedelta(0):
        raise UserError("the first-response target must be longer than zero")
    return value


def format_duration(value: timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours}h{minutes}m"
    return f"{hours}h" if hours else f"{minutes}m"


def read_team_settings(session: Session) -> TeamSettings:
    query = select(AppMeta.key, AppMeta.value).where(AppMeta.key.in_(KEYS.values()))
    stored: dict[str, str] = {key: value for key, value in session.execute(query)}
    settings = TeamSettings()
    if (value := stored.get(KEYS["visibility"])) in {v.value for v in Visibility}:
        settings = replace(settings, visibility=Visibility(value))
    if (value := stored.get(KEYS["first_response"])) and value.isdigit() and int(value) > 0:
        settings = replace(settings, first_response=timedelta(minutes=int(value)))
    if (value := stored.get(KEYS["new_lead_cap"])) and value.isdigit():
        settings = replace(settings, new_lead_cap=int(value))
    if stored.get(KEYS["reassign_untouched"]) == "1":
        settings = replace(settings, reassign_untouched=True)
    return settings


def write_team_setting(session: Session, name: str, value: str) -> TeamSettings:
    """Set one setting from its text form (as `medtour team set NAME VALUE` takes it)."""
    name = name.replace("-", "_")
    if name == "visibility":
        if value not in {v.value for v in Visibility}:
            raise UserError(f"visibility is 'own' or 'team', not '{value}'")
        stored = value
    elif name == "first_response":
        stored = str(int(parse_duration(value).total_seconds() // 60))
    elif name == "new_lead_cap":
        if value.lower() in ("none", "off", "0", ""):
            stored = ""
        elif value.isdigit():
            stored = value
        else:
            raise UserError(f"new-lead-cap is a whole number or 'none', not '{value}'")
    elif name == "reassign_untouched":
        if value.lower() not in ("on", "off", "yes", "no", "true", "false", "1", "0"):
            raise UserError(f"reassign-untouched is 'on' or 'off', not '{value}'")
        stored = "1" if value.lower() in ("on", "yes", "true", "1") else "0"
    else:
        raise UserError(f"no team setting '{name}' (there are: visibility, first-response, new-lead-cap, reassign-untouched)")
    key = KEYS[name]
    row = session.get(AppMeta, key)
    if row is None:
        session.add(AppMeta(key=key, value=stored))
    else:
        row.value = stored
    session.flush()
    return read_team_settings(session)
