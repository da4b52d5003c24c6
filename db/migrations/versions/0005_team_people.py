"""People of a team: logins, roles, languages and countries; why and when a lead was assigned

coordinators gains login (the PostgreSQL role a person signs in with, unique), role (admin /
manager / coordinator / viewer), languages and countries (JSON lists new inquiries are matched
on) and placeholder (the anonymous "Coordinator" every database started with; a packet is never
signed by it). The existing anonymous default row is marked as that placeholder and made the
admin of its solo file. leads gains assigned_at and assignment_reason.

On SQLite the upgrade rebuilds only coordinators (for the unique login); leads only gains
columns (ALTER TABLE ADD COLUMN), so its search triggers stay. The downgrade's drop of those
columns rebuilds leads, so it makes the triggers again.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 08:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.sqlite_search_triggers import remake_search_triggers

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

def upgrade() -> None:
    with op.batch_alter_table('coordinators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('login', sa.String(length=63), nullable=True))
        batch_op.add_column(sa.Column('role', sa.String(length=16), server_default='coordinator', nullable=False))
        batch_op.add_column(sa.Column('languages', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('countries', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('placeholder', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_unique_constraint(op.f('uq_coordinators_login'), ['login'])
    people = sa.table("coordinators", sa.column("name", sa.String), sa.column("email", sa.String),
                      sa.column("signature", sa.Text), sa.column("is_default", sa.Boolean),
                      sa.column("role", sa.String), sa.column("placeholder", sa.Boolean),
                      sa.column("languages", sa.JSON), sa.column("countries", sa.JSON))
    op.execute(people.update().values(languages=[], countries=[]))
    op.execute(people.update().where(people.c.is_default.is_(True)).values(role="admin"))
    op.execute(people.update()
               .where(people.c.is_default.is_(True), people.c.name == "Coordinator", people.c.email.is_(None),
                      people.c.signature == "MedTour Desk coordinator")
               .values(placeholder=True))
    with op.batch_alter_table('coordinators', schema=None) as batch_op:
        batch_op.alter_column('languages', existing_type=sa.JSON(), nullable=False)
        batch_op.alter_column('countries', existing_type=sa.JSON(), nullable=False)
    with op.batch_alter_table('leads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assigned_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('assignment_reason', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('leads', schema=None) as batch_op:
        batch_op.drop_column('assignment_reason')
        batch_op.drop_column('assigned_at')
    with op.batch_alter_table('coordinators', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_coordinators_login'), type_='unique')
        batch_op.drop_column('placeholder')
        batch_op.drop_column('countries')
        batch_op.drop_column('languages')
        batch_op.drop_column('role')
        batch_op.drop_column('login')
    remake_search_triggers(op.get_bind())
