"""Who changed a lead, and what, since a version someone has open: the words of the banner an open
lead shows when it was changed at another desk ("Omar changed status and notes 20 s ago").

It compares the lead's history (app.domain.lead_history) as it was when the tab loaded it with
the history now: the entries that are new say who and what. A change the history does not record
(a field without an audit row) is "someone changed this lead", at the lead's updated_at.

    note = changed_elsewhere(tab_version, fresh)
    note.sentence(now)   # "Omar changed status and diagnosis 20 s ago"
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.lead_history import FIELD_LABELS, HistoryEntry, lead_history
from app.domain.lead_records import LeadDetail

__all__ = ["SOMEONE", "ChangedElsewhere", "changed_elsewhere", "time_ago"]

#: Who, when the history does not say.
SOMEONE = "someone"

#: What a new timeline entry of each category is called in the sentence.
_CATEGORY_WORDS = {"status": "status", "call": "call log", "email": "emails", "message": "messages", "meeting": "meetings",
                   "note": "notes", "packet": "packets", "inquiry": "inquiries"}


@dataclass(frozen=True)
class ChangedElsewhere:
    people: tuple[str, ...]  # who made the new entries, newest first ("someone" when unknown)
    what: tuple[str, ...]  # what changed, newest first: "status", "notes", "diagnosis"…
    when: datetime  # the newest change

    def sentence(self, now: datetime) -> str:
        who = _joined(self.people) or SOMEONE
        what = _joined(self.what) or "this lead"
        text = f"{who} changed {what} {time_ago(self.when, now)}"
        return text[:1].upper() + text[1:]


def _joined(words: tuple[str, ...]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def time_ago(when: datetime, now: datetime) -> str:
    seconds = max(0, int((now - when).total_seconds()))
    if seconds < 5:
        return "just now"
    if seconds < 60:
        return f"{seconds} s ago"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} d ago"


def _what(entry: HistoryEntry) -> str:
    if entry.category == "edit":
        return FIELD_LABELS.get(entry.key or "", (entry.key or "details").replace("_", " ")).lower()
    return _CATEGORY_WORDS.get(entry.category, entry.category)


def _unique(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def changed_elsewhere(before: LeadDetail, after: LeadDetail) -> ChangedElsewhere:
    """What is new in `after`'s history since `before` (both read with their history)."""
    known = set(lead_history(before))
    new = [entry for entry in lead_history(after) if entry not in known]  # newest first
    if not new:
        return ChangedElsewhere((SOMEONE,), (), after.updated_at)
    return ChangedElsewhere(_unique(entry.who or SOMEONE for entry in new), _unique(_what(entry) for entry in new),
                            max(entry.when for entry in new))
