"""The floor: the raw SQL each feature needs, run with Python's sqlite3 and nothing else.

No SQLAlchemy, no Qt, no records: what a hand-written query on the same file costs. Search terms
come from the app's own query parser (`parse_query`: folding and splitting are part of the
question, not of the answer), so floor and app ask SQLite the same question.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from app.domain.search_text import parse_query
from db.search_patterns import LIKE_SQL, fts_match_all, like_contains

#: Sort keys → the column the list orders by (as db.lead_queries.SORT_COLUMNS).
SORT_SQL = {
    "created": "inquiry_at", "name": "sort_name", "next_follow_up": "next_follow_up", "reference": "id",
    "last_contact": "last_contact_at", "country": "country", "status": "status", "coordinator": "coordinator_id",
}
NULLABLE = {"next_follow_up", "last_contact", "country", "coordinator"}


def connect(path: Path, *, writable: bool = False) -> sqlite3.Connection:
    if writable:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)


def search_ids(conn: sqlite3.Connection, text: str | None, sort: str = "created", descending: bool = True) -> list[int]:
    """Live lead ids matching the search box text, in list order: the FTS5 trigram index drives
    (terms of 3+ characters), LIKE on the row for shorter ones; no search: two index walks."""
    query = parse_query(text)
    column = SORT_SQL[sort]
    order = " DESC" if descending else ""
    if query.long_terms:
        match = fts_match_all(query.long_terms)
        likes = "".join(f" AND l.search_text {LIKE_SQL}" for _ in query.short_terms)
        nulls = f"l.{column} IS NULL, " if sort in NULLABLE else ""
        sql = (f"SELECT l.id FROM lead_fts CROSS JOIN leads AS l ON l.id = lead_fts.rowid "
               f"WHERE lead_fts MATCH ? AND l.erased_at IS NULL{likes} ORDER BY {nulls}l.{column}{order}, l.id{order}")
        return [r for (r,) in conn.execute(sql, [match, *(like_contains(t) for t in query.short_terms)])]
    where = "erased_at IS NULL" + "".join(f" AND search_text {LIKE_SQL}" for _ in query.short_terms)
    params = [like_contains(t) for t in query.short_terms]
    if sort not in NULLABLE:
        return [r for (r,) in conn.execute(f"SELECT id FROM leads WHERE {where} ORDER BY {column}{order}, id{order}", params)]
    first = conn.execute(f"SELECT id FROM leads WHERE {where} AND {column} IS NOT NULL ORDER BY {column}{order}, id{order}", params)
    with_value = [r for (r,) in first]
    empty = [r for (r,) in conn.execute(f"SELECT id FROM leads WHERE {where} AND {column} IS NULL ORDER BY id{order}", params)]
    return with_value + empty


SCREEN_SQL = (
    "SELECT l.id, l.reference, l.full_name, l.latin_name, l.country, l.language, l.status, l.email, "
    "p.e164, p.raw, l.timezone, c.name, l.source, l.next_follow_up, l.last_contact_at, l.first_contact_at, l.inquiry_at "
    "FROM leads AS l LEFT JOIN coordinators AS c ON c.id = l.coordinator_id "
    "LEFT JOIN lead_phones AS p ON p.id = (SELECT id FROM lead_phones WHERE lead_id = l.id ORDER BY position, id LIMIT 1) "
    "WHERE l.id IN (SELECT value FROM json_each(?))"
)


def screen_rows(conn: sqlite3.Connection, ids: list[int]) -> list[tuple]:
    """One screen of list rows (the columns a row shows) for `ids`, in that order."""
    rows = {row[0]: row for row in conn.execute(SCREEN_SQL, (json.dumps(ids),))}
    return [rows[i] for i in ids if i in rows]


OPEN_STATUSES = ("new", "contacted", "qualified", "records_received", "medical_review", "quote_sent",
                 "decision_pending", "booked", "in_treatment", "aftercare")
_PHONE = "(SELECT coalesce(e164, raw) FROM lead_phones WHERE lead_id = l.id ORDER BY position LIMIT 1)"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def today_rows(conn: sqlite3.Connection, now: datetime, day_end: datetime, new_within: timedelta = timedelta(days=7)) -> dict:
    """Today's three questions as raw SQL: open leads due before the day ends, unanswered new
    inquiries of the last week, and how many older ones wait."""
    columns = "l.id, l.reference, l.full_name, l.country, l.timezone, l.status, c.name, " + _PHONE + ", l.next_follow_up, l.inquiry_at, l.first_contact_at"
    base = f"SELECT {columns} FROM leads AS l LEFT JOIN coordinators AS c ON c.id = l.coordinator_id WHERE l.erased_at IS NULL AND "
    due = conn.execute(base + f"l.status IN ({', '.join('?' for _ in OPEN_STATUSES)}) AND l.next_follow_up < ?",
                       (*OPEN_STATUSES, _stamp(day_end))).fetchall()
    since = _stamp(now - new_within)
    fresh = conn.execute(base + "l.status = 'new' AND l.first_contact_at IS NULL AND l.inquiry_at >= ?", (since,)).fetchall()
    older = conn.execute("SELECT count(*) FROM leads WHERE erased_at IS NULL AND status = 'new' AND first_contact_at IS NULL "
                         "AND inquiry_at < ?", (since,)).fetchone()[0]
    return {"follow_ups": due, "new_inquiries": fresh, "older_waiting": older}


def log_call(conn: sqlite3.Connection, lead_id: int, *, to_status: str, now: datetime, coordinator_id: int | None) -> tuple:
    """One call logged and the status moved, as one transaction, then the list row read back:
    the statements `log_interaction(..., move_to=...)` needs, written by hand."""
    stamp = _stamp(now)
    conn.execute("BEGIN IMMEDIATE")
    try:
        (status,) = conn.execute("SELECT status FROM leads WHERE id = ?", (lead_id,)).fetchone()
        conn.execute(
            "INSERT INTO interactions (lead_id, kind, direction, occurred_at, duration_seconds, outcome, notes, coordinator_id, "
            "follow_up_at, details, created_at) VALUES (?, 'call_out', 'out', ?, 240, 'reached', 'Discussed the programme', ?, NULL, '{}', ?)",
            (lead_id, stamp, coordinator_id, stamp),
        )
        conn.execute(
            "INSERT INTO status_changes (lead_id, from_status, to_status, reason, coordinator_id, changed_at) VALUES (?, ?, ?, NULL, ?, ?)",
            (lead_id, status, to_status, coordinator_id, stamp),
        )
        conn.execute(
            "UPDATE leads SET status = ?, status_reason = NULL, first_contact_at = coalesce(min(first_contact_at, ?), ?), "
            "last_contact_at = max(coalesce(last_contact_at, ?), ?), "
            "next_follow_up = CASE WHEN next_follow_up <= ? THEN NULL ELSE next_follow_up END, "
            "updated_at = ?, version = version + 1 WHERE id = ?",
            (to_status, stamp, stamp, stamp, stamp, stamp, stamp, lead_id),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return screen_rows(conn, [lead_id])[0]


#: The columns a raw CSV row fills when inserted with no parsing (the import's write-only references).
RAW_LEAD_COLUMNS = ("id", "reference", "full_name", "sort_name", "country", "email", "messengers", "companions", "status",
                    "consent_health_data", "inquiry_at", "created_at", "updated_at", "search_text", "version")


def raw_lead_values(rows: list[dict[str, str]], start_id: int, now: datetime) -> list[tuple]:
    """CSV rows as leads rows with nothing checked or parsed: name as typed, phone digits and
    email lower-cased for the search index (which its FTS trigger still maintains)."""
    stamp = _stamp(now)
    values = []
    for offset, row in enumerate(rows):
        name = row.get("Full Name") or "?"
        email = row.get("Email") or None
        digits = "".join(ch for ch in row.get("Phone", "") if ch.isdigit())
        search = "\n".join(p for p in (name.casefold(), (email or "").casefold(), digits) if p)
        lead_id = start_id + offset
        values.append((lead_id, f"X-{lead_id}", name, name.casefold(), None, email, "{}", 0, "new", 0, stamp, stamp, stamp, search, 1))
    return values
