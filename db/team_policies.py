"""What PostgreSQL itself enforces in a team database: group roles, GRANTs, row-level security and
the triggers that write the audit trail. `medtour team init` applies it (app.domain.team), as the
owner of the tables, in one transaction; applying it again gives the same result.

Four group roles per database (roles are cluster-wide; one server may hold several team
databases): ``<db>_admin``, ``<db>_manager``, ``<db>_coordinator``, ``<db>_viewer``, NOLOGIN. Each
person's login is a member of one of them; logins own nothing (the app connects as a non-owner).
Only the four groups may connect to the database.

Who is who, on the server: ``medtour_me()`` is the active coordinators row whose ``login`` is
``current_user``; ``medtour_role()`` its role, or ``'owner'`` for the owner of the tables (and
members of that role) and superusers, or NULL for any other login (which may then write nothing).
``medtour_visibility()`` is the team setting ``team.visibility`` ('team' unless set to 'own').

Row-level security is on and forced on leads, coordinators and every table that hangs off a lead:

- admins and managers see and change every lead; viewers read every lead; the owner has a policy
  of its own that allows everything (a superuser owner bypasses row-level security anyway);
- coordinators see every lead under visibility 'team', else only theirs and the unassigned pool;
  they change only theirs and the pool's, may take a lead from the pool but not give one away or
  take someone else's; a lead they created in the current transaction is theirs to finish (its
  first status change and inquiry are written in the same transaction, whoever it was assigned to);
- the rows of a lead (phones, interactions, status changes, field edits) follow their lead: a
  coordinator sees them when the lead is visible and writes them when the lead is changeable;
- erasure (``erased_at``, deleting a lead's phones for anyone else's lead, blanking audit text) and
  inserting more than one lead in one statement (a bulk import) are for managers and admins.

Audit rows are written by the server: for a team member, a BEFORE INSERT trigger sets the
``coordinator_id`` of every interaction, status change and field edit to ``medtour_me()`` and its
time to the server's clock (an interaction's ``occurred_at``, which the user enters, is kept), and
a new lead's ``created_at`` (and a new lead given to the anonymous placeholder "Coordinator" is the
creator's). Nobody but the owner may UPDATE or DELETE audit rows, except the
columns erasure blanks (managers and admins) and ``lead_id`` when two leads are merged.

A refused action raises one of two SQLSTATEs of our own, which `db.errors` classifies:
``MTL01`` (the lead is someone else's) and ``MTR01`` (the role may not do this).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from sqlalchemy.engine import Connection

from db.case_models import CASE_TABLES
from db.models import Lead

if TYPE_CHECKING:
    import psycopg

__all__ = ["GROUP_SUFFIXES", "LEAD_ELSEWHERE", "ROLE_REFUSED", "apply_team_policies", "check_may_export", "create_login",
           "disable_login",
           "group_role", "login_states", "owns_tables", "role_exists", "set_login_group", "table_owner", "team_groups"]

#: The SQLSTATEs our triggers raise.
LEAD_ELSEWHERE = "MTL01"
ROLE_REFUSED = "MTR01"

#: app role → the suffix of its group role.
GROUP_SUFFIXES = {"admin": "_admin", "manager": "_manager", "coordinator": "_coordinator", "viewer": "_viewer"}

#: Tables that hang off a lead (lead_id), which follow its visibility: its phones and audit trail,
#: and its case (db.case_models).
CHILD_TABLES = ("lead_phones", "interactions", "status_changes", "field_edits", *CASE_TABLES)
#: Case tables viewers may not read: medical files, the read log, passport details.
NOT_FOR_VIEWERS = ("document_contents", "document_reads", "travel_documents")
#: Append-only: the read log is written, never changed, by the team (erasure runs as the owner
#: or a manager, and removes it with the lead's other rows).
APPEND_ONLY = ("document_reads",)
AUDIT_TABLES = ("interactions", "status_changes", "field_edits")
#: Each audit table's server-written time column.
AUDIT_TIME = {"interactions": "created_at", "status_changes": "changed_at", "field_edits": "edited_at"}
ALL_TABLES = ("coordinators", "leads", *CHILD_TABLES, "catalogue_revisions", "app_meta", "alembic_version")

#: What a person may change in their own coordinators row.
PROFILE_COLUMNS = ("name", "email", "phone", "whatsapp", "signature", "languages", "countries")
#: Lead columns a coordinator may never write (erasure and the row's identity).
LEAD_COLUMNS_NOT_FOR_COORDINATORS = ("id", "reference", "erased_at", "created_at")
#: What erasure blanks in the audit tables (managers and admins), besides lead_id (merges).
ERASURE_COLUMNS = {
    "interactions": ("notes", "details", "follow_up_at"),
    "status_changes": ("reason",),
    "field_edits": ("old_value", "new_value"),
}


def group_role(database: str, role: str) -> str:
    """The group role of `role` in `database`, within PostgreSQL's 63-byte names."""
    suffix = GROUP_SUFFIXES[role]
    base = database.encode()[: 63 - len(suffix)].decode(errors="ignore")
    return base + suffix


def table_owner(conn: Connection, schema: str | None = None) -> str | None:
    """The role that owns the leads table (None before the schema exists)."""
    return conn.exec_driver_sql(
        "SELECT tableowner FROM pg_tables WHERE tablename = 'leads' AND schemaname = COALESCE(%(s)s, current_schema())",
        {"s": schema},
    ).scalar()


def _q(name: str) -> str:
    """`name` as an SQL identifier, quoted (psycopg's quoting rules: double quotes, doubled)."""
    from psycopg import sql

    return sql.Identifier(name).as_string(None)


def _literal(value: str) -> str:
    from psycopg import sql

    return sql.Literal(value).as_string(None)


def _driver(conn: Connection) -> psycopg.Connection:
    """The psycopg connection under `conn`, in the same transaction (for statements that are not
    SQLAlchemy's: DDL with no placeholders, and what must never be echoed)."""
    return cast("psycopg.Connection", conn.connection.driver_connection)


def _columns(model) -> list[str]:
    return [c.name for c in model.__table__.columns]


def _cols(names: Iterable[str]) -> str:
    return ", ".join(_q(n) for n in names)


def apply_team_policies(conn: Connection) -> dict[str, str]:
    """Make the group roles, GRANTs, policies and triggers in the database `conn` is connected to,
    as the owner of its tables, inside the caller's transaction. Returns app role → group role."""
    database = conn.exec_driver_sql("SELECT current_database()").scalar_one()
    schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
    owner = table_owner(conn, schema)
    if owner is None:
        raise RuntimeError("the schema is not there yet: run the migrations first")
    groups = {role: group_role(database, role) for role in GROUP_SUFFIXES}
    statements: list[str] = []
    for group in groups.values():
        exists = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(n)s", {"n": group}).scalar()
        if not exists:
            statements.append(f"CREATE ROLE {_q(group)} NOLOGIN")
    statements += _grants(database, schema, groups)
    statements += _functions(schema, owner)
    statements += _assignment_figures()
    statements += _people_functions(schema, groups)
    statements += _search_function(schema, groups)
    statements += _row_security(schema, owner, groups)
    statements += _triggers(schema)
    driver = _driver(conn)
    for statement in statements:
        driver.execute(statement)
    return groups


def _assignment_figures() -> list[str]:
    """The assignment rule's per-person figures (db.assignment_queries), owned by the owner (whose
    policy lets it count every lead) so that a coordinator's new lead is dealt fairly."""
    from db.assignment_queries import ASSIGNMENT_FUNCTIONS_SQL

    create, comment = ASSIGNMENT_FUNCTIONS_SQL.split("\nCOMMENT ON", 1)
    return [create.strip(), "COMMENT ON" + comment.rstrip()]


def _grants(database: str, schema: str, groups: dict[str, str]) -> list[str]:
    s = _q(schema)
    admin, manager, coordinator, viewer = (_q(groups[r]) for r in ("admin", "manager", "coordinator", "viewer"))
    everyone = f"{admin}, {manager}, {coordinator}, {viewer}"
    workers = f"{admin}, {manager}, {coordinator}"
    staff = f"{admin}, {manager}"
    out = [
        f"REVOKE CONNECT, TEMPORARY ON DATABASE {_q(database)} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {_q(database)} TO {everyone}",
        f"REVOKE CREATE ON SCHEMA {s} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {s} TO {everyone}",
    ]
    # From a clean slate each time, so an upgrade takes away what a role no longer has.
    for table in ALL_TABLES:
        out.append(f"REVOKE ALL ON {s}.{_q(table)} FROM PUBLIC, {everyone}")
        out.append(f"GRANT SELECT ON {s}.{_q(table)} TO {everyone}")
    out.append(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM PUBLIC, {everyone}")
    out.append(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {workers}")

    lead_columns = [c for c in _columns(Lead) if c not in LEAD_COLUMNS_NOT_FOR_COORDINATORS]
    out += [
        f"GRANT INSERT ON {s}.leads TO {workers}",
        f"GRANT UPDATE ({_cols(lead_columns)}) ON {s}.leads TO {coordinator}",
        f"GRANT UPDATE ON {s}.leads TO {staff}",
        f"GRANT INSERT, UPDATE, DELETE ON {s}.lead_phones TO {workers}",
    ]
    for table in CASE_TABLES:
        if table in NOT_FOR_VIEWERS:
            out.append(f"REVOKE SELECT ON {s}.{_q(table)} FROM {viewer}")
        if table in APPEND_ONLY:
            out.append(f"GRANT INSERT ON {s}.{_q(table)} TO {workers}")
            out.append(f"GRANT DELETE ON {s}.{_q(table)} TO {staff}")
        else:
            out.append(f"GRANT INSERT, UPDATE, DELETE ON {s}.{_q(table)} TO {workers}")
    # The catalogue is the team's: everyone reads it, admins publish a new revision of it.
    out.append(f"GRANT INSERT ON {s}.catalogue_revisions TO {admin}")
    for table in AUDIT_TABLES:
        out.append(f"GRANT INSERT, UPDATE (lead_id) ON {s}.{_q(table)} TO {workers}")
        out.append(f"GRANT UPDATE ({_cols(ERASURE_COLUMNS[table])}) ON {s}.{_q(table)} TO {staff}")
    out += [
        f"GRANT UPDATE ({_cols(PROFILE_COLUMNS)}) ON {s}.coordinators TO {manager}, {coordinator}",
        f"GRANT INSERT, UPDATE, DELETE ON {s}.coordinators TO {admin}",
        f"GRANT INSERT, UPDATE, DELETE ON {s}.app_meta TO {admin}",
    ]
    return out


def _functions(schema: str, owner: str) -> list[str]:
    s = _q(schema)
    fixed = f"SET search_path = pg_catalog, {s}"
    this_xact = "pg_catalog.pg_current_xact_id_if_assigned()::xid"
    return [
        # SECURITY DEFINER: they read coordinators and app_meta as the owner, whatever the caller
        # may see. They take the login as an argument: inside them current_user is the owner.
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_person_id(who name) RETURNS integer
            LANGUAGE sql STABLE SECURITY DEFINER {fixed} AS $$
            SELECT c.id FROM {s}.coordinators c WHERE c.login = who AND c.active $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_role_of(who name) RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER {fixed} AS $$
            SELECT COALESCE(
                (SELECT c.role::text FROM {s}.coordinators c WHERE c.login = who AND c.active),
                (SELECT 'owner' FROM pg_roles r WHERE r.rolname = who
                   AND (r.rolsuper OR pg_has_role(who, {_literal(owner)}, 'USAGE')))) $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_visibility() RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER {fixed} AS $$
            SELECT COALESCE((SELECT m.value FROM {s}.app_meta m WHERE m.key = 'team.visibility'), 'team') $$""",
        # The caller's own identity: plain SQL functions, so current_user is the caller.
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_me() RETURNS integer LANGUAGE sql STABLE AS $$
            SELECT {s}.medtour_person_id(current_user) $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_role() RETURNS text LANGUAGE sql STABLE AS $$
            SELECT {s}.medtour_role_of(current_user) $$""",
        # A lead this transaction inserted (its row version is this transaction's own).
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_lead_new_here(lead integer) RETURNS boolean
            LANGUAGE sql STABLE AS $$
            SELECT EXISTS (SELECT 1 FROM {s}.leads l WHERE l.id = lead AND l.xmin = {this_xact}) $$""",
        # May the caller (a coordinator) change this lead? Read through the caller's own policies:
        # an invisible lead is not changeable.
        # Exports (a file of many patients, or one patient's personal data) are for managers and
        # admins: the export asks the server first, and a coordinator's request is refused here.
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_check_export() RETURNS void LANGUAGE plpgsql STABLE AS $$
            BEGIN
                IF COALESCE({s}.medtour_role(), '') NOT IN ('owner', 'admin', 'manager') THEN
                    RAISE EXCEPTION 'your role may not export patients'' data: ask a manager'
                        USING ERRCODE = '{ROLE_REFUSED}';
                END IF;
            END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_may_change_lead(lead integer) RETURNS boolean
            LANGUAGE sql STABLE AS $$
            SELECT EXISTS (SELECT 1 FROM {s}.leads l WHERE l.id = lead
                AND (l.coordinator_id IS NULL OR l.coordinator_id = {s}.medtour_me() OR l.xmin = {this_xact})) $$""",
    ]


def _people_functions(schema: str, groups: dict[str, str]) -> list[str]:
    """How an admin adds, moves and removes people without CREATEROLE of their own (with it, on
    PostgreSQL 15, they could grant themselves the owner's role and step outside the rules):
    SECURITY DEFINER functions owned by the owner, executable by the admin group alone, that touch
    only the team's logins and groups. A password reaches them as a SCRAM verifier, never as text."""
    s = _q(schema)
    fixed = f"SET search_path = pg_catalog, {s}"
    group_of = (f"CASE app_role WHEN 'admin' THEN {_literal(groups['admin'])} WHEN 'manager' THEN "
                f"{_literal(groups['manager'])} WHEN 'coordinator' THEN {_literal(groups['coordinator'])} "
                f"WHEN 'viewer' THEN {_literal(groups['viewer'])} END")
    all_groups = "ARRAY[" + ", ".join(_literal(g) for g in groups.values()) + "]::text[]"
    member_check = f"""
            IF NOT EXISTS (SELECT 1 FROM {s}.coordinators c WHERE c.login = who) THEN
                RAISE EXCEPTION 'not a member of this team: %', who USING ERRCODE = '{ROLE_REFUSED}';
            END IF;
            IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = who AND (r.rolsuper OR r.rolcreaterole
                       OR r.rolname = (SELECT tableowner FROM pg_tables WHERE schemaname = {_literal(schema)}
                                       AND tablename = 'leads'))) THEN
                RAISE EXCEPTION 'the login % is not an ordinary team login', who USING ERRCODE = '{ROLE_REFUSED}';
            END IF;"""
    out = [
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_create_login(who text, verifier text, app_role text) RETURNS void
            LANGUAGE plpgsql VOLATILE SECURITY DEFINER {fixed} AS $$
        DECLARE grp text := {group_of};
        BEGIN
            IF grp IS NULL THEN
                RAISE EXCEPTION 'no role %', app_role USING ERRCODE = '{ROLE_REFUSED}';
            END IF;
            IF verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
                RAISE EXCEPTION 'a password must arrive as a SCRAM-SHA-256 verifier' USING ERRCODE = '{ROLE_REFUSED}';
            END IF;
            EXECUTE format('CREATE ROLE %I WITH LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION '
                           'NOBYPASSRLS PASSWORD %L IN ROLE %I', who, verifier, grp);
        END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_set_login_group(who text, app_role text) RETURNS void
            LANGUAGE plpgsql VOLATILE SECURITY DEFINER {fixed} AS $$
        DECLARE grp text := {group_of}; other text;
        BEGIN
            IF grp IS NULL THEN
                RAISE EXCEPTION 'no role %', app_role USING ERRCODE = '{ROLE_REFUSED}';
            END IF;{member_check}
            FOREACH other IN ARRAY {all_groups} LOOP
                IF other <> grp THEN EXECUTE format('REVOKE %I FROM %I', other, who); END IF;
            END LOOP;
            EXECUTE format('GRANT %I TO %I', grp, who);
        END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_disable_login(who text) RETURNS void
            LANGUAGE plpgsql VOLATILE SECURITY DEFINER {fixed} AS $$
        DECLARE other text;
        BEGIN{member_check}
            EXECUTE format('ALTER ROLE %I WITH NOLOGIN', who);
            FOREACH other IN ARRAY {all_groups} LOOP
                EXECUTE format('REVOKE %I FROM %I', other, who);
            END LOOP;
        END $$""",
    ]
    for signature in ("medtour_create_login(text, text, text)", "medtour_set_login_group(text, text)",
                      "medtour_disable_login(text)"):
        out += [f"REVOKE ALL ON FUNCTION {s}.{signature} FROM PUBLIC",
                f"GRANT EXECUTE ON FUNCTION {s}.{signature} TO {_q(groups['admin'])}"]
    # Admin logins made before these functions had CREATEROLE: take it back.
    out.append(f"""DO $$ DECLARE who text; BEGIN
        FOR who IN SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid
                   JOIN pg_roles g ON g.oid = m.roleid
                   WHERE g.rolname = {_literal(groups['admin'])} AND r.rolcreaterole AND NOT r.rolsuper LOOP
            EXECUTE format('ALTER ROLE %I WITH NOCREATEROLE', who);
        END LOOP; END $$""")
    return out


def _policy(name: str, table: str, schema: str, command: str, roles: str, using: str | None, check: str | None) -> list[str]:
    s = _q(schema)
    text = f"CREATE POLICY {_q(name)} ON {s}.{_q(table)} FOR {command} TO {roles}"
    if using is not None:
        text += f" USING ({using})"
    if check is not None:
        text += f" WITH CHECK ({check})"
    return [f"DROP POLICY IF EXISTS {_q(name)} ON {s}.{_q(table)}", text]


def coordinator_sees(visibility: str, me: str, column: str = "coordinator_id") -> str:
    """The one rule of which leads a coordinator sees, as SQL: every lead under visibility 'team',
    else their own and the unassigned pool's. Used by the leads policy and by the search function."""
    return f"{visibility} = 'team' OR {column} IS NULL OR {column} = {me}"


def _search_function(schema: str, groups: dict[str, str]) -> list[str]:
    """`medtour_matching_ids(patterns)`: the ids of the live leads whose search text matches every
    LIKE pattern, among those the caller may see. PostgreSQL will not use the trigram index for a
    LIKE under row-level security (LIKE is not leakproof), so a coordinator's search read every
    lead (60–90 ms at 100,000); this function searches as the owner, through the index, and applies
    the caller's visibility itself (the same rule as the policy: `coordinator_sees`). The caller is
    `session_user`, the login that connected, which no one but a superuser can change."""
    s = _q(schema)
    sees = coordinator_sees("$1", "$2", "l.coordinator_id").replace("'", "''")  # inside a quoted string
    return [f"""CREATE OR REPLACE FUNCTION {s}.medtour_matching_ids(patterns text[]) RETURNS SETOF integer
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, {s} AS $fn$
        DECLARE
            who name := session_user;
            role text := {s}.medtour_role_of(who);
            cond text := 'l.erased_at IS NULL';
            pattern text;
        BEGIN
            IF role IS NULL THEN
                RETURN;  -- nobody of this team: no lead
            END IF;
            FOREACH pattern IN ARRAY patterns LOOP
                cond := cond || format(' AND l.search_text LIKE %L ESCAPE %L', pattern, chr(92));
            END LOOP;
            IF role = 'coordinator' THEN
                cond := cond || ' AND ({sees})';
            END IF;
            RETURN QUERY EXECUTE 'SELECT l.id FROM {s}.leads AS l WHERE ' || cond
                USING {s}.medtour_visibility(), {s}.medtour_person_id(who);
        END $fn$""",
            f"REVOKE ALL ON FUNCTION {s}.medtour_matching_ids(text[]) FROM PUBLIC",
            f"GRANT EXECUTE ON FUNCTION {s}.medtour_matching_ids(text[]) TO {', '.join(_q(g) for g in groups.values())}"]


def _row_security(schema: str, owner: str, groups: dict[str, str]) -> list[str]:
    s = _q(schema)
    admin, manager, coordinator, viewer = (_q(groups[r]) for r in ("admin", "manager", "coordinator", "viewer"))
    staff = f"{admin}, {manager}"
    # Who the caller is and the team's visibility are the same for every row of a statement: as
    # scalar subqueries they are evaluated once per statement (an initPlan), not once per row (the
    # functions are SECURITY DEFINER, which PostgreSQL calls row by row: 100,000 calls per search).
    me = f"(SELECT {s}.medtour_me())"
    visibility = f"(SELECT {s}.medtour_visibility())"
    this_xact = "pg_catalog.pg_current_xact_id_if_assigned()::xid"
    out: list[str] = []
    for table in ("coordinators", "leads", *CHILD_TABLES):
        out += [f"ALTER TABLE {s}.{_q(table)} ENABLE ROW LEVEL SECURITY",
                f"ALTER TABLE {s}.{_q(table)} FORCE ROW LEVEL SECURITY"]
        out += _policy("medtour_owner", table, schema, "ALL", _q(owner), "true", "true")
        out += _policy("medtour_viewer_read", table, schema, "SELECT", viewer, "true", None)
    out += _policy("medtour_staff", "leads", schema, "ALL", staff, "true", "true")
    # A lead this transaction inserted stays visible to it: by its row version once written, and,
    # while INSERT … RETURNING checks the new row (no row version yet), by the creation time the
    # trigger gave it (this transaction's start; coordinators cannot change created_at).
    visible = (f"{coordinator_sees(visibility, me)} "
               f"OR xmin = {this_xact} OR created_at = (now() AT TIME ZONE 'UTC')")
    active = f"coordinator_id IS NULL OR coordinator_id IN (SELECT c.id FROM {s}.coordinators c WHERE c.active)"
    out += _policy("medtour_coordinator_read", "leads", schema, "SELECT", coordinator, visible, None)
    out += _policy("medtour_coordinator_add", "leads", schema, "INSERT", coordinator, None, f"erased_at IS NULL AND ({active})")
    out += _policy("medtour_coordinator_change", "leads", schema, "UPDATE", coordinator, visible,
                   f"coordinator_id IS NULL OR coordinator_id = {me} OR {s}.medtour_lead_new_here(id)")

    lead_visible = f"EXISTS (SELECT 1 FROM {s}.leads l WHERE l.id = lead_id)"
    changeable = f"{s}.medtour_may_change_lead(lead_id)"
    for table in CHILD_TABLES:
        out += _policy("medtour_staff", table, schema, "ALL", staff, "true", "true")
        out += _policy("medtour_coordinator_read", table, schema, "SELECT", coordinator, lead_visible, None)
        # A new inquiry may arrive on a visible lead that is someone else's (a duplicate).
        # A read of a visible lead's document is logged whoever the lead's coordinator is.
        adds = (lead_visible if table in APPEND_ONLY
                else changeable if table != "interactions" else f"{changeable} OR (kind = 'inquiry' AND {lead_visible})")
        out += _policy("medtour_coordinator_add", table, schema, "INSERT", coordinator, None, adds)
        out += _policy("medtour_coordinator_change", table, schema, "UPDATE", coordinator, changeable, changeable)
        out += _policy("medtour_coordinator_remove", table, schema, "DELETE", coordinator, changeable, None)

    out += _policy("medtour_admin", "coordinators", schema, "ALL", admin, "true", "true")
    out += _policy("medtour_team_read", "coordinators", schema, "SELECT", f"{manager}, {coordinator}", "true", None)
    out += _policy("medtour_own_profile", "coordinators", schema, "UPDATE", f"{manager}, {coordinator}",
                   f"id = {me}", f"id = {me}")
    return out


def _refuse(message: str, code: str) -> str:
    return f"RAISE EXCEPTION {_literal(message)} USING ERRCODE = {_literal(code)}"


def _triggers(schema: str) -> list[str]:
    s = _q(schema)
    fixed = f"SET search_path = pg_catalog, {s}"
    server_now = "(now() AT TIME ZONE 'UTC')"
    not_member = _refuse("this login is not an active member of the team", ROLE_REFUSED)
    out = [
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_guard_lead() RETURNS trigger LANGUAGE plpgsql {fixed} AS $$
        DECLARE
            who text := {s}.medtour_role();
            me integer := {s}.medtour_me();
        BEGIN
            IF who = 'owner' THEN RETURN NEW; END IF;
            IF who IS NULL THEN {not_member}; END IF;
            IF TG_OP = 'INSERT' THEN
                NEW.created_at := {server_now};
                -- The anonymous placeholder is nobody: a lead given to it is the creator's.
                IF NEW.coordinator_id IN (SELECT c.id FROM {s}.coordinators c WHERE c.placeholder) THEN
                    NEW.coordinator_id := me;
                END IF;
                IF NEW.erased_at IS NOT NULL AND who NOT IN ('admin', 'manager') THEN
                    {_refuse("your role may not erase a person", ROLE_REFUSED)};
                END IF;
                RETURN NEW;
            END IF;
            IF who IN ('admin', 'manager') THEN RETURN NEW; END IF;
            IF NEW.erased_at IS DISTINCT FROM OLD.erased_at THEN
                {_refuse("your role may not erase a person", ROLE_REFUSED)};
            END IF;
            IF {s}.medtour_lead_new_here(OLD.id) THEN RETURN NEW; END IF;
            IF OLD.coordinator_id IS NOT NULL AND OLD.coordinator_id IS DISTINCT FROM me THEN
                RAISE EXCEPTION 'lead % is assigned to someone else', OLD.reference USING ERRCODE = '{LEAD_ELSEWHERE}';
            END IF;
            IF NEW.coordinator_id IS DISTINCT FROM OLD.coordinator_id
               AND NOT (OLD.coordinator_id IS NULL AND NEW.coordinator_id = me) THEN
                {_refuse("your role may not assign leads: take one from the pool, or ask a manager", ROLE_REFUSED)};
            END IF;
            RETURN NEW;
        END $$""",
        f"DROP TRIGGER IF EXISTS medtour_guard_lead ON {s}.leads",
        f"CREATE TRIGGER medtour_guard_lead BEFORE INSERT OR UPDATE ON {s}.leads "
        f"FOR EACH ROW EXECUTE FUNCTION {s}.medtour_guard_lead()",
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_refuse_bulk_leads() RETURNS trigger LANGUAGE plpgsql {fixed} AS $$
        BEGIN
            IF COALESCE({s}.medtour_role(), '') NOT IN ('owner', 'admin', 'manager')
               AND (SELECT count(*) FROM added) > 1 THEN
                {_refuse("your role may not import leads in bulk: ask a manager", ROLE_REFUSED)};
            END IF;
            RETURN NULL;
        END $$""",
        f"DROP TRIGGER IF EXISTS medtour_refuse_bulk_leads ON {s}.leads",
        f"CREATE TRIGGER medtour_refuse_bulk_leads AFTER INSERT ON {s}.leads REFERENCING NEW TABLE AS added "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {s}.medtour_refuse_bulk_leads()",
    ]
    # The grants already refuse deleting audit rows; the trigger says it in words and holds if they widen.
    out.append(f"""CREATE OR REPLACE FUNCTION {s}.medtour_keep_audit() RETURNS trigger LANGUAGE plpgsql {fixed} AS $$
        BEGIN
            IF {s}.medtour_role() IS DISTINCT FROM 'owner' THEN
                {_refuse("the record of what happened cannot be deleted", ROLE_REFUSED)};
            END IF;
            RETURN OLD;
        END $$""")
    for table in AUDIT_TABLES:
        function = f"medtour_audit_{table}"
        inquiry = " AND NOT (NEW.kind = 'inquiry')" if table == "interactions" else ""
        out += [
            f"""CREATE OR REPLACE FUNCTION {s}.{function}() RETURNS trigger LANGUAGE plpgsql {fixed} AS $$
            DECLARE who text := {s}.medtour_role();
            BEGIN
                IF who = 'owner' THEN RETURN NEW; END IF;
                IF who IS NULL THEN {not_member}; END IF;
                IF who = 'coordinator' AND NOT {s}.medtour_may_change_lead(NEW.lead_id){inquiry} THEN
                    {_refuse("this lead is assigned to someone else", LEAD_ELSEWHERE)};
                END IF;
                NEW.coordinator_id := {s}.medtour_me();
                NEW.{_q(AUDIT_TIME[table])} := {server_now};
                RETURN NEW;
            END $$""",
            f"DROP TRIGGER IF EXISTS medtour_audit ON {s}.{_q(table)}",
            f"CREATE TRIGGER medtour_audit BEFORE INSERT ON {s}.{_q(table)} FOR EACH ROW EXECUTE FUNCTION {s}.{function}()",
            f"DROP TRIGGER IF EXISTS medtour_keep_audit ON {s}.{_q(table)}",
            f"CREATE TRIGGER medtour_keep_audit BEFORE DELETE ON {s}.{_q(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION {s}.medtour_keep_audit()",
        ]
    # The read log: who read is the server's word (the person and the login), and when its clock's.
    out += [
        f"""CREATE OR REPLACE FUNCTION {s}.medtour_read_log() RETURNS trigger LANGUAGE plpgsql {fixed} AS $$
        DECLARE who text := {s}.medtour_role();
        BEGIN
            IF who IS NULL THEN {not_member}; END IF;
            NEW.login := current_user;
            NEW.read_at := {server_now};
            IF who <> 'owner' THEN NEW.coordinator_id := {s}.medtour_me(); END IF;
            RETURN NEW;
        END $$""",
        f"DROP TRIGGER IF EXISTS medtour_read_log ON {s}.document_reads",
        f"CREATE TRIGGER medtour_read_log BEFORE INSERT ON {s}.document_reads FOR EACH ROW "
        f"EXECUTE FUNCTION {s}.medtour_read_log()",
    ]
    return out



# ---------------------------------------------------------------- logins


def check_may_export(conn: Connection) -> None:
    """On a team database, ask the server whether the signed-in person may export (MTR01 if not);
    nothing on SQLite or a server database that is not a team's."""
    if conn.dialect.name != "postgresql":
        return
    if conn.exec_driver_sql("SELECT to_regproc('medtour_check_export') IS NOT NULL").scalar():
        conn.exec_driver_sql("SELECT medtour_check_export()")


def role_exists(conn: Connection, name: str) -> bool:
    return bool(conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(n)s", {"n": name}).scalar())


def team_groups(conn: Connection) -> dict[str, str]:
    """app role → group role of the database `conn` is in; empty before `team init` made them."""
    database = conn.exec_driver_sql("SELECT current_database()").scalar_one()
    groups = {role: group_role(database, role) for role in GROUP_SUFFIXES}
    return groups if all(role_exists(conn, g) for g in groups.values()) else {}


def owns_tables(conn: Connection) -> bool:
    """Whether the connected user owns the tables (or is a member of their owner, or a superuser):
    who may upgrade the schema."""
    owner = table_owner(conn)
    if owner is None:
        return True
    return bool(conn.exec_driver_sql(
        "SELECT rolsuper OR pg_has_role(current_user, %(o)s, 'USAGE') FROM pg_roles WHERE rolname = current_user",
        {"o": owner},
    ).scalar())


def create_login(conn: Connection, login: str, password: str, app_role: str) -> None:
    """A login role in the group of `app_role`, its password stored as a SCRAM-SHA-256 verifier.
    The verifier is made here (libpq's PQencryptPasswordConn), so the password itself never reaches
    the server, a statement or a log; the role is made by `medtour_create_login` (see
    `_people_functions`), which the admin group alone may run."""
    driver = _driver(conn)
    verifier = driver.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode()
    driver.execute("SELECT medtour_create_login(%s, %s, %s)", (login, verifier, app_role))


def set_login_group(conn: Connection, login: str, app_role: str) -> None:
    """Make `login` a member of the group of `app_role` alone among the team's groups."""
    _driver(conn).execute("SELECT medtour_set_login_group(%s, %s)", (login, app_role))


def disable_login(conn: Connection, login: str) -> None:
    """`login` can no longer sign in, and a session it still has loses the team's privileges."""
    _driver(conn).execute("SELECT medtour_disable_login(%s)", (login,))


def login_states(conn: Connection) -> dict[str, bool]:
    """Every role name → whether it may sign in."""
    return dict(conn.exec_driver_sql("SELECT rolname, rolcanlogin FROM pg_roles").all())
