"""Today's lists read no lead row: covering indexes

The Today view reads, for every follow-up due and every new inquiry waiting (13,000 rows at
100,000 leads), the lead's own time zone, its country and its coordinator, and its first phone.
Through indexes that stopped at the filtered columns that was one random lead-row read and one
phone-row read per item: 70 ms of SQLite at 100,000 leads. Three indexes now carry those columns
(no new index; the same names, wider):

* ix_leads_live_status: (erased_at, status, next_follow_up) + coordinator_id, timezone, country
* ix_leads_live_unanswered: (erased_at, status, first_contact_at, inquiry_at) + the same three
* ix_lead_phones_lead_id_position: (lead_id, position) + e164

Every query that used them before uses them the same way (the new columns come last).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 14:00:00
"""
from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_WIDER = (
    ('leads', 'ix_leads_live_status',
     ['erased_at', 'status', 'next_follow_up'], ['coordinator_id', 'timezone', 'country']),
    ('leads', 'ix_leads_live_unanswered',
     ['erased_at', 'status', 'first_contact_at', 'inquiry_at'], ['coordinator_id', 'timezone', 'country']),
    ('lead_phones', 'ix_lead_phones_lead_id_position', ['lead_id', 'position'], ['e164']),
)


def upgrade() -> None:
    for table, name, columns, added in _WIDER:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns + added, unique=False)


def downgrade() -> None:
    for table, name, columns, _added in _WIDER:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns, unique=False)
