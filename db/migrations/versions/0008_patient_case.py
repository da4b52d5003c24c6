"""The patient's case: the partner catalogue, medical records and their files, reviews, quotes,
family and travellers, and the treatment schedule (db.case_models); and on each lead the further
emails and name spellings later inquiries brought, and why it needs a look (needs_review)

The per-lead tables are announced to listening desks like the lead's other rows (on PostgreSQL,
the statement triggers of revision 0007, kind "fields"); the read log is not a change and is not
announced.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 15:00:21
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.sqlite_search_triggers import remake_search_triggers
from db.types import UTCDateTime

NOTIFIED = ("cases", "record_items", "case_documents", "sharing_consents", "medical_reviews", "quotes",
            "case_people", "travel_documents", "schedule_items")
_EVENTS = {"ins": ("INSERT", "REFERENCING NEW TABLE AS new_rows"),
           "upd": ("UPDATE", "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"),
           "del": ("DELETE", "REFERENCING OLD TABLE AS old_rows")}


def _notify_case_changes() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in NOTIFIED:
        for event, (verb, referencing) in _EVENTS.items():
            op.execute(f"CREATE TRIGGER medtour_changes_{table}_{event} AFTER {verb} ON {table} {referencing} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION medtour_notify_changes()")


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('leads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('other_emails', sa.JSON(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('other_names', sa.JSON(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('needs_review', sa.Text(), nullable=True))
    op.create_table('catalogue_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('changed_by', sa.Integer(), nullable=True),
    sa.Column('changed_at', UTCDateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['changed_by'], ['coordinators.id'], name=op.f('fk_catalogue_revisions_changed_by_coordinators'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_revisions')),
    sa.UniqueConstraint('revision', name=op.f('uq_catalogue_revisions_revision'))
    )
    op.create_table('case_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=60), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('filename', sa.Text(), nullable=True),
    sa.Column('media_type', sa.String(length=120), nullable=True),
    sa.Column('size', sa.BigInteger(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('link', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('added_by', sa.Integer(), nullable=True),
    sa.Column('added_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['added_by'], ['coordinators.id'], name=op.f('fk_case_documents_added_by_coordinators'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_case_documents_lead_id_leads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_documents'))
    )
    with op.batch_alter_table('case_documents', schema=None) as batch_op:
        batch_op.create_index('ix_case_documents_lead_id', ['lead_id'], unique=False)

    op.create_table('case_people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('relation', sa.String(length=40), nullable=False),
    sa.Column('phones', sa.JSON(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('decides', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('travels', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_case_people_lead_id_leads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_people'))
    )
    with op.batch_alter_table('case_people', schema=None) as batch_op:
        batch_op.create_index('ix_case_people_lead_id', ['lead_id'], unique=False)

    op.create_table('medical_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('hospital_key', sa.String(length=60), nullable=False),
    sa.Column('sent_at', UTCDateTime(), nullable=True),
    sa.Column('bundle_sha256', sa.String(length=64), nullable=True),
    sa.Column('deidentified', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('verdict', sa.String(length=16), nullable=True),
    sa.Column('offer_key', sa.String(length=80), nullable=True),
    sa.Column('product', sa.Text(), nullable=True),
    sa.Column('approval_status', sa.String(length=20), nullable=True),
    sa.Column('registry_number', sa.String(length=60), nullable=True),
    sa.Column('doctor', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('answered_at', UTCDateTime(), nullable=True),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_medical_reviews_lead_id_leads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by'], ['coordinators.id'], name=op.f('fk_medical_reviews_recorded_by_coordinators'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_medical_reviews'))
    )
    with op.batch_alter_table('medical_reviews', schema=None) as batch_op:
        batch_op.create_index('ix_medical_reviews_lead_id', ['lead_id'], unique=False)

    op.create_table('record_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=60), nullable=False),
    sa.Column('label', sa.Text(), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('requested_at', UTCDateTime(), nullable=True),
    sa.Column('requested_via', sa.String(length=40), nullable=True),
    sa.Column('received_at', UTCDateTime(), nullable=True),
    sa.Column('accepted_at', UTCDateTime(), nullable=True),
    sa.Column('changed_by', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['changed_by'], ['coordinators.id'], name=op.f('fk_record_items_changed_by_coordinators'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_record_items_lead_id_leads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record_items')),
    sa.UniqueConstraint('lead_id', 'item_key', name='uq_record_items_lead_item')
    )
    op.create_table('schedule_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('label', sa.Text(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('edited', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('done_at', UTCDateTime(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_schedule_items_lead_id_leads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_schedule_items'))
    )
    with op.batch_alter_table('schedule_items', schema=None) as batch_op:
        batch_op.create_index('ix_schedule_items_lead_id', ['lead_id'], unique=False)
        batch_op.create_index('ix_schedule_items_starts_on', ['starts_on'], unique=False)

    op.create_table('sharing_consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('hospital_key', sa.String(length=60), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('given_at', UTCDateTime(), nullable=False),
    sa.Column('withdrawn_at', UTCDateTime(), nullable=True),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_sharing_consents_lead_id_leads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by'], ['coordinators.id'], name=op.f('fk_sharing_consents_recorded_by_coordinators'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sharing_consents'))
    )
    with op.batch_alter_table('sharing_consents', schema=None) as batch_op:
        batch_op.create_index('ix_sharing_consents_lead_id', ['lead_id'], unique=False)

    op.create_table('document_contents',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['case_documents.id'], name=op.f('fk_document_contents_document_id_case_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_document_contents_lead_id_leads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', name=op.f('pk_document_contents'))
    )
    with op.batch_alter_table('document_contents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_contents_lead_id'), ['lead_id'], unique=False)

    op.create_table('document_reads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('coordinator_id', sa.Integer(), nullable=True),
    sa.Column('login', sa.String(length=63), nullable=True),
    sa.Column('read_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['coordinator_id'], ['coordinators.id'], name=op.f('fk_document_reads_coordinator_id_coordinators'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['document_id'], ['case_documents.id'], name=op.f('fk_document_reads_document_id_case_documents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_document_reads_lead_id_leads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_reads'))
    )
    with op.batch_alter_table('document_reads', schema=None) as batch_op:
        batch_op.create_index('ix_document_reads_lead_id', ['lead_id'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=True),
    sa.Column('hospital_key', sa.String(length=60), nullable=False),
    sa.Column('offer_key', sa.String(length=80), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('deposit', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('chosen_at', UTCDateTime(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['coordinators.id'], name=op.f('fk_quotes_created_by_coordinators'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_quotes_lead_id_leads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['review_id'], ['medical_reviews.id'], name=op.f('fk_quotes_review_id_medical_reviews'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes'))
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index('ix_quotes_lead_id', ['lead_id'], unique=False)

    op.create_table('travel_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('full_name', sa.Text(), nullable=True),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('nationality', sa.String(length=2), nullable=True),
    sa.Column('passport_number', sa.String(length=40), nullable=True),
    sa.Column('passport_expiry', sa.Date(), nullable=True),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_travel_documents_lead_id_leads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['case_people.id'], name=op.f('fk_travel_documents_person_id_case_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_travel_documents')),
    sa.UniqueConstraint('lead_id', 'person_id', name='uq_travel_documents_lead_person')
    )
    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('clinical_flags', sa.JSON(), nullable=False),
    sa.Column('arrival_on', sa.Date(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_cases_lead_id_leads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('lead_id', name=op.f('uq_cases_lead_id'))
    )
    _notify_case_changes()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in NOTIFIED:
            for event in _EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS medtour_changes_{table}_{event} ON {table}")
    for table in ("cases", "travel_documents", "document_reads", "document_contents", "case_documents", "quotes",
                  "medical_reviews", "sharing_consents", "case_people", "record_items", "schedule_items",
                  "catalogue_revisions"):
        op.drop_table(table)
    with op.batch_alter_table('leads', schema=None) as batch_op:
        batch_op.drop_column('needs_review')
        batch_op.drop_column('other_names')
        batch_op.drop_column('other_emails')
    # On SQLite dropping columns rebuilt leads: its search triggers and the list-order search
    # index (made by migrations, not the models) are made again.
    remake_search_triggers(op.get_bind())
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE INDEX IF NOT EXISTS ix_leads_live_search_text ON leads (erased_at, inquiry_at, id, search_text)")
