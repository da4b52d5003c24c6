"""Consent per purpose: storing health data and marketing messages (purpose_consents), each with
when, how and the version of the text the patient was shown; the text version on the consents to
share with a hospital too (sharing_consents.text_version)

The new table is announced to listening desks like the case's other tables (on PostgreSQL, the
statement triggers of revision 0007).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 21:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime

_EVENTS = {"ins": ("INSERT", "REFERENCING NEW TABLE AS new_rows"),
           "upd": ("UPDATE", "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"),
           "del": ("DELETE", "REFERENCING OLD TABLE AS old_rows")}

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('purpose_consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('text_version', sa.String(length=40), nullable=True),
    sa.Column('given_at', UTCDateTime(), nullable=False),
    sa.Column('withdrawn_at', UTCDateTime(), nullable=True),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_purpose_consents_lead_id_leads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by'], ['coordinators.id'], name=op.f('fk_purpose_consents_recorded_by_coordinators'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purpose_consents'))
    )
    with op.batch_alter_table('purpose_consents', schema=None) as batch_op:
        batch_op.create_index('ix_purpose_consents_lead_id', ['lead_id'], unique=False)
    with op.batch_alter_table('sharing_consents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_version', sa.String(length=40), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        for event, (verb, referencing) in _EVENTS.items():
            op.execute(f"CREATE TRIGGER medtour_changes_purpose_consents_{event} AFTER {verb} ON purpose_consents "
                       f"{referencing} FOR EACH STATEMENT EXECUTE FUNCTION medtour_notify_changes()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for event in _EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS medtour_changes_purpose_consents_{event} ON purpose_consents")
    with op.batch_alter_table('sharing_consents', schema=None) as batch_op:
        batch_op.drop_column('text_version')
    op.drop_table('purpose_consents')
