"""Change notifications: every committed change to a lead is announced to the desks that listen

PostgreSQL only (a no-op on SQLite, where desks poll ``PRAGMA data_version`` instead). Statement-
level AFTER INSERT / UPDATE / DELETE triggers on leads, lead_phones, interactions, status_changes
and field_edits read their transition tables and call ``pg_notify('medtour_changes', payload)``.
The payload is the JSON of app.domain.lead_change_set.LeadChanges: the lead ids and the kinds of
change, plus the login that made it (``current_user``) as the origin:

    {"lead_ids": [12, 40], "kinds": ["fields", "status"], "origin": "omar"}

Kinds by table: leads inserted → created; leads updated → fields, with status when a status
changed, erased when erased_at was set and merged when merged_into_id changed; leads deleted →
erased; lead_phones and field_edits → fields; interactions → interactions; status_changes →
status. Notifications are delivered at commit, identical ones of a transaction once.

A payload must stay under 8,000 bytes: the ids of one statement go out in chunks of
CHUNK ids; a statement that touches more than EVERYTHING_ABOVE leads sends one "everything"
(kinds ["all"], no ids) instead, and the desks read what they show again.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 08:45:00
"""
from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

CHANNEL = "medtour_changes"
#: Lead ids per notification: 500 ids of up to 11 characters each stay far under 8,000 bytes.
CHUNK = 500
#: A statement touching more leads than this announces "everything" in one notification.
EVERYTHING_ABOVE = 2000
TABLES = ("leads", "lead_phones", "interactions", "status_changes", "field_edits")
_EVENTS = {"ins": ("INSERT", "REFERENCING NEW TABLE AS new_rows"),
           "upd": ("UPDATE", "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"),
           "del": ("DELETE", "REFERENCING OLD TABLE AS old_rows")}

_FUNCTION = f"""
CREATE OR REPLACE FUNCTION medtour_notify_changes() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    ids bigint[];
    kinds text[];
    status_moved boolean;
    erased boolean;
    merged boolean;
    last_chunk integer;
BEGIN
    IF TG_TABLE_NAME = 'leads' THEN
        IF TG_OP = 'INSERT' THEN
            SELECT array_agg(id ORDER BY id) INTO ids FROM new_rows;
            kinds := ARRAY['created'];
        ELSIF TG_OP = 'DELETE' THEN
            SELECT array_agg(id ORDER BY id) INTO ids FROM old_rows;
            kinds := ARRAY['erased'];
        ELSE
            SELECT array_agg(n.id ORDER BY n.id),
                   bool_or(n.status IS DISTINCT FROM o.status),
                   bool_or(o.erased_at IS NULL AND n.erased_at IS NOT NULL),
                   bool_or(n.merged_into_id IS DISTINCT FROM o.merged_into_id)
              INTO ids, status_moved, erased, merged
              FROM new_rows n JOIN old_rows o ON o.id = n.id;
            kinds := ARRAY['fields'];
            IF status_moved THEN kinds := array_append(kinds, 'status'); END IF;
            IF erased THEN kinds := array_append(kinds, 'erased'); END IF;
            IF merged THEN kinds := array_append(kinds, 'merged'); END IF;
        END IF;
    ELSE
        IF TG_OP = 'INSERT' THEN
            SELECT array_agg(DISTINCT lead_id) INTO ids FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT array_agg(DISTINCT lead_id) INTO ids FROM old_rows;
        ELSE
            SELECT array_agg(DISTINCT lead_id) INTO ids
              FROM (SELECT lead_id FROM new_rows UNION SELECT lead_id FROM old_rows) AS touched;
        END IF;
        kinds := CASE TG_TABLE_NAME WHEN 'interactions' THEN ARRAY['interactions']
                                    WHEN 'status_changes' THEN ARRAY['status']
                                    ELSE ARRAY['fields'] END;
    END IF;
    IF ids IS NULL THEN
        RETURN NULL;  -- the statement touched no row
    END IF;
    IF cardinality(ids) > {EVERYTHING_ABOVE} THEN
        PERFORM pg_notify('{CHANNEL}', json_build_object(
            'lead_ids', json_build_array(), 'kinds', json_build_array('all'), 'origin', current_user)::text);
        RETURN NULL;
    END IF;
    last_chunk := (cardinality(ids) - 1) / {CHUNK};
    FOR chunk IN 0 .. last_chunk LOOP
        PERFORM pg_notify('{CHANNEL}', json_build_object(
            'lead_ids', to_json(ids[chunk * {CHUNK} + 1 : (chunk + 1) * {CHUNK}]),
            'kinds', to_json(kinds), 'origin', current_user)::text);
    END LOOP;
    RETURN NULL;
END
$body$
"""


def _trigger_name(table: str, event: str) -> str:
    return f"medtour_changes_{table}_{event}"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_FUNCTION)
    for table in TABLES:
        for event, (verb, referencing) in _EVENTS.items():
            name = _trigger_name(table, event)
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"CREATE TRIGGER {name} AFTER {verb} ON {table} {referencing} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION medtour_notify_changes()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        for event in _EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table, event)} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS medtour_notify_changes()")
