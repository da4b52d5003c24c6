"""The merge link as a column: leads.merged_into_id

A merged lead pointed at its survivor only in prose (status_reason "merged into L-2026-00041"),
which erasure parsed back with a regular expression. The link is now a nullable foreign key to
leads.id (ON DELETE SET NULL, indexed: erasure looks up the leads merged into one), set by
merge_leads; existing links are filled from the "merged into L-…" reasons of the status history
(the last merge of each lead), which is the one place the old prose is still read.

On SQLite, batch mode rebuilds the table (copy, drop, rename; db.migrate turns foreign keys off
for it and checks them after), which drops the search index's triggers: they are made again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 02:30:00
"""
from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

from db.sqlite_search_triggers import remake_search_triggers

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_MERGED_INTO = re.compile(r"^merged into (L-\d{4}-\d+)$")


def upgrade() -> None:
    with op.batch_alter_table('leads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f('fk_leads_merged_into_id_leads'), 'leads', ['merged_into_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.create_index(op.f('ix_leads_merged_into_id'), ['merged_into_id'], unique=False)
    remake_search_triggers(op.get_bind())
    _link_past_merges(op.get_bind())


def _link_past_merges(bind: sa.Connection) -> None:
    leads = sa.table("leads", sa.column("id", sa.Integer), sa.column("reference", sa.String),
                     sa.column("merged_into_id", sa.Integer))
    changes = sa.table("status_changes", sa.column("id", sa.Integer), sa.column("lead_id", sa.Integer),
                       sa.column("to_status", sa.String), sa.column("reason", sa.Text))
    merges = bind.execute(
        sa.select(changes.c.lead_id, changes.c.reason)
        .where(changes.c.to_status == "duplicate", changes.c.reason.like("merged into L-%"))
        .order_by(changes.c.id)
    ).all()
    survivors: dict[int, str] = {}
    for lead_id, reason in merges:
        found = _MERGED_INTO.match(reason.strip())
        if found:
            survivors[lead_id] = found.group(1)  # the last merge of a lead wins
    if not survivors:
        return
    ids = dict(bind.execute(sa.select(leads.c.reference, leads.c.id)
                            .where(leads.c.reference.in_(set(survivors.values())))).all())
    rows = [{"lead": lead_id, "survivor": ids[reference]} for lead_id, reference in survivors.items()
            if reference in ids and ids[reference] != lead_id]
    if rows:
        bind.execute(leads.update().where(leads.c.id == sa.bindparam("lead"))
                     .values(merged_into_id=sa.bindparam("survivor")), rows)


def downgrade() -> None:
    with op.batch_alter_table('leads', schema=None) as batch_op:
        batch_op.drop_index(op.f('ix_leads_merged_into_id'))
        batch_op.drop_constraint(op.f('fk_leads_merged_into_id_leads'), type_='foreignkey')
        batch_op.drop_column('merged_into_id')
    remake_search_triggers(op.get_bind())
