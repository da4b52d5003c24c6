"""What an edit of a lead actually changes, and how a field's value reads on screen.

The lead editor compares what the form holds with the version it loaded and sends only the
fields that differ to `update_lead`; the conflict dialog shows values with `display_value`.
Equal means equal as stored: surrounding spaces and empty strings are no change, a follow-up
is compared to the minute (the form's precision), amounts as numbers.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.countries import country_name, language_name
from app.domain.lead_records import DIAGNOSIS_CATEGORIES, EDITABLE_FIELDS, PHONE_KINDS

__all__ = ["display_value", "lead_changes", "normalised"]


def normalised(field: str, value: Any) -> Any:
    """`value` in the form `update_lead` stores it, for comparison."""
    if field == "phones":
        return [((raw or "").strip(), kind or "mobile") for raw, kind in (value or []) if (raw or "").strip()]
    if field == "messengers":
        return {k: v.strip() for k, v in (value or {}).items() if v and v.strip()}
    if field == "budget_amount":
        if value in (None, ""):
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return str(value)
    if field == "companions":
        return int(value or 0)
    if field == "consent_health_data":
        return bool(value)
    if field in ("country",) and value:
        return str(value).strip().upper()
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).replace(second=0, microsecond=0)
    if isinstance(value, str):
        return value.replace("\x00", "").strip() or None
    return value


def lead_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of `after` (values as given) whose stored form differs from `before`'s."""
    return {
        name: after[name]
        for name in EDITABLE_FIELDS
        if name in after and normalised(name, after[name]) != normalised(name, before.get(name))
    }


def display_value(field: str, value: Any, coordinators: Mapping[int, str] | None = None) -> str:
    """A field's value as a person reads it ('Russia', '+7 916 …(mobile)', '12 000 USD')."""
    if value in (None, "", [], {}):
        return "(empty)"
    if field == "phones":
        kinds = set(PHONE_KINDS)
        return "\n".join(f"{raw} ({kind})" if kind in kinds else raw for raw, kind in value)
    if field == "messengers":
        return "\n".join(f"{name.capitalize()}: {handle}" for name, handle in value.items() if handle)
    if field == "country":
        return f"{country_name(value)} ({value})"
    if field == "language":
        return f"{language_name(value)} ({value})"
    if field == "diagnosis_category":
        return DIAGNOSIS_CATEGORIES.get(value, str(value))
    if field == "coordinator_id":
        return (coordinators or {}).get(value, f"coordinator #{value}")
    if field == "consent_health_data":
        return "yes" if value else "no"
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Decimal):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)
