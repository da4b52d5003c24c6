"""Consent to hold health data: the one rule the lead editor and the New lead dialog (their
confirmation question), the import report (a warning per row) and the CLI (`lead show`) share.

A lead may hold health data (a diagnosis, its category) only with the person's recorded consent
(`consent_health_data`, with when and how it was given). `needs_consent_warning` says, in one
sentence, what is missing — or None when nothing is. Callers reach it through this module
(`consent.needs_consent_warning(...)`), so a test can follow every one of them here.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Fields that hold health data, with the words a warning uses for them.
HEALTH_FIELDS: dict[str, str] = {"diagnosis": "a diagnosis", "diagnosis_category": "a diagnosis category"}
#: Fields that record the consent itself.
CONSENT_FIELDS: tuple[str, ...] = ("consent_health_data", "consent_method")


def _value(source: Any, name: str) -> Any:
    if isinstance(source, Mapping):
        return source.get(name)
    return getattr(source, name, None)


def _has(source: Any, name: str) -> bool:
    if isinstance(source, Mapping):
        return name in source
    return hasattr(source, name)


def _filled(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def needs_consent_warning(lead_or_changes: Any, *, current: Any = None) -> str | None:
    """A warning when health data would be held without recorded consent, else None.

    `lead_or_changes` is a lead (LeadDetail, LeadInput or a mapping of its fields) or the changes
    an editor is about to save; `current` is the lead as it is now, whose values count for every
    field the changes leave alone.
    """

    def get(name: str) -> Any:
        if _has(lead_or_changes, name) or current is None:
            return _value(lead_or_changes, name)
        return _value(current, name)

    health = [words for name, words in HEALTH_FIELDS.items() if _filled(get(name))]
    if not health:
        return None
    if not get("consent_health_data"):
        return (
            f"This lead holds health data ({' and '.join(health)}) but no consent to store it is recorded; "
            "record the person's consent (and how it was given) or remove the health data."
        )
    if not _filled(get("consent_method")):
        return "Consent to store health data is ticked but not how it was given; note the method (e.g. web form, email, call)."
    return None


def consent_warning_for_save(changes: Mapping[str, Any], current: Any = None) -> str | None:
    """The warning to confirm before saving `changes` (to a lead that is `current`, or a new lead
    when `current` is None): only when the changes touch health data or the consent itself, so an
    edit of a phone does not ask again about a diagnosis already saved."""
    if current is not None and not any(name in changes for name in (*HEALTH_FIELDS, *CONSENT_FIELDS)):
        return None
    return needs_consent_warning(changes, current=current)
