"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 10:33:03.402622
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.sqlite_search_triggers import SEARCH_TRIGGERS

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_app_meta'))
    )
    op.create_table('coordinators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('whatsapp', sa.String(length=40), nullable=True),
    sa.Column('signature', sa.Text(), nullable=True),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coordinators'))
    )
    op.create_table('leads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('full_name', sa.Text(), nullable=False),
    sa.Column('latin_name', sa.Text(), nullable=True),
    sa.Column('sort_name', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('email_norm', sa.String(length=320), nullable=True),
    sa.Column('messengers', sa.JSON(), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=True),
    sa.Column('diagnosis', sa.Text(), nullable=True),
    sa.Column('diagnosis_category', sa.String(length=40), nullable=True),
    sa.Column('program', sa.String(length=80), nullable=True),
    sa.Column('budget_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('budget_currency', sa.String(length=3), nullable=True),
    sa.Column('companions', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=True),
    sa.Column('coordinator_id', sa.Integer(), nullable=True),
    sa.Column('next_follow_up', sa.DateTime(), nullable=True),
    sa.Column('consent_health_data', sa.Boolean(), nullable=False),
    sa.Column('consent_at', sa.DateTime(), nullable=True),
    sa.Column('consent_method', sa.String(length=200), nullable=True),
    sa.Column('inquiry_at', sa.DateTime(), nullable=False),
    sa.Column('first_contact_at', sa.DateTime(), nullable=True),
    sa.Column('last_contact_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('erased_at', sa.DateTime(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['coordinator_id'], ['coordinators.id'], name=op.f('fk_leads_coordinator_id_coordinators'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leads')),
    sa.UniqueConstraint('reference', name=op.f('uq_leads_reference'))
    )
    with op.batch_alter_table('leads', schema=None) as batch_op:
        batch_op.create_index('ix_leads_email_norm', ['email_norm'], unique=False)
        batch_op.create_index('ix_leads_source', ['source'], unique=False)
        batch_op.create_index('ix_leads_live', ['erased_at'], unique=False)
        batch_op.create_index('ix_leads_live_status', ['erased_at', 'status', 'next_follow_up'], unique=False)
        batch_op.create_index('ix_leads_live_country', ['erased_at', 'country'], unique=False)
        batch_op.create_index('ix_leads_live_coordinator', ['erased_at', 'coordinator_id'], unique=False)
        batch_op.create_index('ix_leads_live_inquiry_at', ['erased_at', 'inquiry_at'], unique=False)
        batch_op.create_index('ix_leads_live_sort_name', ['erased_at', 'sort_name'], unique=False)
        batch_op.create_index('ix_leads_live_next_follow_up', ['erased_at', 'next_follow_up'], unique=False)
        batch_op.create_index('ix_leads_live_last_contact_at', ['erased_at', 'last_contact_at'], unique=False)
        batch_op.create_index('ix_leads_live_unanswered', ['erased_at', 'status', 'first_contact_at', 'inquiry_at'], unique=False)

    op.create_table('field_edits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('coordinator_id', sa.Integer(), nullable=True),
    sa.Column('edited_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['coordinator_id'], ['coordinators.id'], name=op.f('fk_field_edits_coordinator_id_coordinators'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_field_edits_lead_id_leads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_field_edits'))
    )
    with op.batch_alter_table('field_edits', schema=None) as batch_op:
        batch_op.create_index('ix_field_edits_lead_id', ['lead_id'], unique=False)

    op.create_table('interactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=True),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('duration_seconds', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=40), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('coordinator_id', sa.Integer(), nullable=True),
    sa.Column('follow_up_at', sa.DateTime(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['coordinator_id'], ['coordinators.id'], name=op.f('fk_interactions_coordinator_id_coordinators'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_interactions_lead_id_leads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interactions'))
    )
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.create_index('ix_interactions_follow_up_at', ['follow_up_at'], unique=False)
        batch_op.create_index('ix_interactions_lead_id_occurred_at', ['lead_id', 'occurred_at'], unique=False)

    op.create_table('lead_phones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.Column('e164', sa.String(length=20), nullable=True),
    sa.Column('valid', sa.Boolean(), nullable=False),
    sa.Column('region', sa.String(length=2), nullable=True),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_lead_phones_lead_id_leads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lead_phones'))
    )
    with op.batch_alter_table('lead_phones', schema=None) as batch_op:
        batch_op.create_index('ix_lead_phones_e164', ['e164'], unique=False)
        batch_op.create_index('ix_lead_phones_lead_id_position', ['lead_id', 'position'], unique=False)

    op.create_table('status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=32), nullable=True),
    sa.Column('to_status', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('coordinator_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['coordinator_id'], ['coordinators.id'], name=op.f('fk_status_changes_coordinator_id_coordinators'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_status_changes_lead_id_leads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_changes'))
    )
    with op.batch_alter_table('status_changes', schema=None) as batch_op:
        batch_op.create_index('ix_status_changes_changed_at', ['changed_at'], unique=False)
        batch_op.create_index('ix_status_changes_lead_id', ['lead_id'], unique=False)
    _create_search_index()


def downgrade() -> None:
    _drop_search_index()
    with op.batch_alter_table('status_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_status_changes_lead_id')
        batch_op.drop_index('ix_status_changes_changed_at')

    op.drop_table('status_changes')
    with op.batch_alter_table('lead_phones', schema=None) as batch_op:
        batch_op.drop_index('ix_lead_phones_lead_id_position')
        batch_op.drop_index('ix_lead_phones_e164')

    op.drop_table('lead_phones')
    with op.batch_alter_table('interactions', schema=None) as batch_op:
        batch_op.drop_index('ix_interactions_lead_id_occurred_at')
        batch_op.drop_index('ix_interactions_follow_up_at')

    op.drop_table('interactions')
    with op.batch_alter_table('field_edits', schema=None) as batch_op:
        batch_op.drop_index('ix_field_edits_lead_id')

    op.drop_table('field_edits')
    with op.batch_alter_table('leads', schema=None) as batch_op:
        batch_op.drop_index('ix_leads_live_unanswered')
        batch_op.drop_index('ix_leads_live_last_contact_at')
        batch_op.drop_index('ix_leads_live_next_follow_up')
        batch_op.drop_index('ix_leads_live_sort_name')
        batch_op.drop_index('ix_leads_live_inquiry_at')
        batch_op.drop_index('ix_leads_live_coordinator')
        batch_op.drop_index('ix_leads_live_country')
        batch_op.drop_index('ix_leads_live_status')
        batch_op.drop_index('ix_leads_live')
        batch_op.drop_index('ix_leads_source')
        batch_op.drop_index('ix_leads_email_norm')

    op.drop_table('leads')
    op.drop_table('coordinators')
    op.drop_table('app_meta')




def _create_search_index() -> None:
    """SQLite: an FTS5 trigram index over leads.search_text, kept by triggers.

    PostgreSQL: a pg_trgm GIN index over the same column where the extension is available.
    """
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE lead_fts USING fts5("
            "search_text, content='leads', content_rowid='id', tokenize='trigram')"
        )
        for name, body in SEARCH_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
        # A covering index that 1–2 character searches scan instead of the wide table. (Not on
        # PostgreSQL: a btree entry there is limited to ~2.7 kB and pg_trgm serves short terms.)
        op.execute("CREATE INDEX ix_leads_live_search_text ON leads (erased_at, search_text)")
    elif bind.dialect.name == "postgresql":
        available = bind.exec_driver_sql(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'"
        ).scalar()
        if available:
            op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            op.execute("CREATE INDEX ix_leads_search_text_trgm ON leads USING gin (search_text gin_trgm_ops)")


def _drop_search_index() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP INDEX IF EXISTS ix_leads_live_search_text")
        for name in SEARCH_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS lead_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_leads_search_text_trgm")
