"""Indexes the assignment rule reads: each person's open new leads and their latest assignment

Choosing who gets a new inquiry counts each active person's live leads in status "new" and finds
the lead they were given last. Without these the count walked every live lead of every person
(1.4 s per new lead at 100,000 leads); with them each figure is a short index range.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 12:30:00
"""
from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_leads_live_coordinator_status', 'leads', ['erased_at', 'coordinator_id', 'status'])
    op.create_index('ix_leads_live_coordinator_assigned', 'leads', ['erased_at', 'coordinator_id', 'assigned_at', 'id'])


def downgrade() -> None:
    op.drop_index('ix_leads_live_coordinator_assigned', table_name='leads')
    op.drop_index('ix_leads_live_coordinator_status', table_name='leads')
