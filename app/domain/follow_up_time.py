"""Follow-up times as coordinators say them: 'tomorrow', 'in 3 days', 'next week', '2026-12-01 10:00'.

Day-level picks land at 10:00 in the coordinator's own time zone. Quick picks shown in the GUI come
from QUICK_PICKS so the CLI and the GUI agree.
"""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from app.domain.errors import ValidationError

DEFAULT_HOUR = time(10, 0)

#: (label, days ahead) offered as buttons in the call panel.
QUICK_PICKS: tuple[tuple[str, int], ...] = (("Tomorrow", 1), ("In 3 days", 3), ("Next week", 7))

_RELATIVE = re.compile(r"^(?:in\s+)?(\d{1,3})\s*(h|hours?|d|days?|w|weeks?)$")


def _local_zone() -> tzinfo:
    return datetime.now().astimezone().tzinfo or UTC


def at_day(day: date, zone: tzinfo | None = None) -> datetime:
    return datetime.combine(day, DEFAULT_HOUR, tzinfo=zone or _local_zone()).astimezone(UTC)


def days_ahead(days: int, now: datetime, zone: tzinfo | None = None) -> datetime:
    local_today = now.astimezone(zone or _local_zone()).date()
    return at_day(local_today + timedelta(days=days), zone)


def parse_when(text: str, now: datetime, zone: tzinfo | None = None) -> datetime:
    """A follow-up moment (aware, UTC) from what was typed; ValidationError with examples otherwise."""
    key = " ".join(text.strip().lower().split())
    if key in ("today",):
        return days_ahead(0, now, zone)
    if key in ("tomorrow", "tmr"):
        return days_ahead(1, now, zone)
    if key == "next week":
        return days_ahead(7, now, zone)
    match = _RELATIVE.match(key)
    if match:
        amount, unit = int(match.group(1)), match.group(2)[0]
        if unit == "h":
            return now + timedelta(hours=amount)
        return days_ahead(amount * (7 if unit == "w" else 1), now, zone)
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"cannot read the follow-up time '{text}'; try 'tomorrow', 'in 3 days', 'next week', "
            "'2026-12-01' or '2026-12-01 15:30'"
        ) from None
    if len(text.strip()) <= 10:
        return at_day(parsed.date(), zone)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone or _local_zone())
    return parsed.astimezone(UTC)
