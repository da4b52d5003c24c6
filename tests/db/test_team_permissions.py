"""What a team database lets each role do, tried against the suite's PostgreSQL server as each
person signs in: plain psycopg with their own login and password (SCRAM), as `psql` would, and the
app itself. Every refusal here comes from the server (GRANTs, row-level security, triggers)."""
from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg
import pytest
from sqlalchemy import create_engine, text

from app.domain.errors import NotFoundError, ValidationError
from app.domain.lead_records import LeadInput
from app.domain.leads import InteractionInput, create_lead, get_lead, log_interaction, update_lead
from app.domain.team import (
    TeamNeedsPostgresError,
    TeamUpgradeNeededError,
    add_user,
    deactivate_user,
    list_users,
    set_role,
    team_init,
)
from app.error_words import describe
from app.storage import open_database
from db.engine import Database
from db.errors import Condition, classify
from db.team_policies import LEAD_ELSEWHERE, ROLE_REFUSED

pytestmark = pytest.mark.postgres

_counter = itertools.count()

PEOPLE = {  # name → (role, password)
    "omar": ("coordinator", "omar-Pass-1"),
    "lina": ("coordinator", "lina-Pass-2"),
    "mona": ("manager", "mona-Pass-3"),
    "adam": ("admin", "adam-Pass-4"),
    "vera": ("viewer", "vera-Pass-5"),
}


@dataclass
class Team:
    server: object
    database: str
    owner: Database
    tag: str
    ids: dict[str, int] = field(default_factory=dict)
    leads: dict[str, str] = field(default_factory=dict)  # "omar" / "lina" / "pool" → reference
    opened: list = field(default_factory=list)

    def login(self, person: str) -> str:
        return f"{self.tag}_{person}"

    def url(self, person: str, password: str | None = None) -> str:
        return self.server.url(self.database, user=self.login(person), password=password or PEOPLE[person][1])

    def connect(self, person: str) -> psycopg.Connection:
        conn = psycopg.connect(self.server.conninfo(self.database, user=self.login(person), password=PEOPLE[person][1]),
                               autocommit=True)
        self.opened.append(conn)
        return conn

    def app(self, person: str) -> Database:
        db = open_database(self.url(person))
        self.opened.append(db)
        return db

    def set_visibility(self, value: str) -> None:
        with self.owner.write() as s:
            s.execute(text("DELETE FROM app_meta WHERE key = 'team.visibility'"))
            s.execute(text("INSERT INTO app_meta (key, value) VALUES ('team.visibility', :v)"), {"v": value})

    def lead_id(self, which: str) -> int:
        return self.column(which, "id")

    def column(self, which: str, name: str):
        with self.owner.read() as s:
            return s.execute(text(f"SELECT {name} FROM leads WHERE reference = :r"), {"r": self.leads[which]}).scalar_one()


def _drop_roles(server, names: list[str]) -> None:
    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in names:
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')
    admin.dispose()


@pytest.fixture
def team(postgres_server) -> Iterator[Team]:
    n = next(_counter)
    tag = f"t{os.getpid()}x{n}"
    database = f"medtour_team_{tag}"
    admin = create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
    team_init(postgres_server.url(database))
    owner = Database(postgres_server.url(database))
    result = Team(postgres_server, database, owner, tag)
    for person, (role, password) in PEOPLE.items():
        add_user(owner, result.login(person), name=person.title(), role=role, password=password, languages=["en"])
    with owner.read() as s:
        for person in PEOPLE:
            result.ids[person] = s.execute(text("SELECT id FROM coordinators WHERE login = :l"),
                                           {"l": result.login(person)}).scalar_one()
    for which, assignee, phone in (("omar", "omar", "+79161230001"), ("lina", "lina", "+79161230002"),
                                   ("pool", None, "+79161230003")):
        created = create_lead(owner, LeadInput(full_name=f"Patient of {which}", phones=[(phone, "mobile")],
                                               coordinator_id=result.ids[assignee] if assignee else None))
        result.leads[which] = created.reference
        update_lead(owner, created.reference, 1, {"diagnosis": f"knee ({which})"})  # a field edit on each
    with owner.write() as s:
        s.execute(text("UPDATE leads SET coordinator_id = NULL WHERE reference = :r"), {"r": result.leads["pool"]})
    yield result
    for item in result.opened:
        item.close() if isinstance(item, psycopg.Connection) else item.dispose()
    owner.dispose()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    admin.dispose()
    _drop_roles(postgres_server, [result.login(p) for p in PEOPLE] + [f"{database}_{r}" for r in
                                                                        ("admin", "manager", "coordinator", "viewer")])


def _refused(conn: psycopg.Connection, sql: str, params: tuple = (), *, code: str = "42501") -> None:
    """`sql` is refused by the server with `code` (42501: insufficient privilege or a row-level policy)."""
    with pytest.raises(psycopg.Error) as caught:
        conn.execute(sql, params)
    assert caught.value.sqlstate == code, caught.value


def _rows(conn: psycopg.Connection, sql: str, params: tuple = ()) -> list[tuple]:
    return conn.execute(sql, params).fetchall()


def _count(conn: psycopg.Connection, sql: str, params: tuple = ()) -> int:
    return conn.execute(sql, params).rowcount


# ---------------------------------------------------------------- signing in


def test_each_login_has_a_scram_password_and_a_wrong_one_is_refused(team):
    with team.owner.read() as s:
        stored = s.execute(text("SELECT rolname, rolpassword FROM pg_authid WHERE rolname LIKE :t"),
                           {"t": f"{team.tag}\\_%"}).all()
    assert len(stored) == len(PEOPLE)
    assert all(password.startswith("SCRAM-SHA-256$") for _name, password in stored)
    assert all(PEOPLE[name.split("_", 1)[1]][1] not in password for name, password in stored)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(team.server.conninfo(team.database, user=team.login("omar"), password="wrong"))
    with pytest.raises(psycopg.OperationalError, match="no password supplied"):
        psycopg.connect(team.server.conninfo(team.database, user=team.login("omar")))  # not trusted, as the owner is
    assert team.connect("omar").execute("SELECT current_user").fetchone() == (team.login("omar"),)
    with pytest.raises(Exception) as caught:
        open_database(team.url("omar", password="wrong"))
    assert classify(caught.value) is Condition.SIGN_IN_REFUSED
    assert describe(caught.value).message.startswith("the database server refused the sign-in")


def test_logins_own_nothing_and_only_the_team_may_connect(team):
    omar = team.connect("omar")
    assert _rows(omar, "SELECT count(*) FROM pg_tables WHERE tableowner = current_user") == [(0,)]
    with team.owner.read() as s:
        public_connect = s.execute(text("SELECT has_database_privilege('public', current_database(), 'CONNECT')")).scalar()
    assert public_connect is False


# ---------------------------------------------------------------- visibility


def test_under_own_a_coordinator_cannot_see_update_or_delete_anothers_lead(team):
    team.set_visibility("own")
    omar, lina_lead = team.connect("omar"), team.lead_id("lina")
    assert {r[0] for r in _rows(omar, "SELECT reference FROM leads")} == {team.leads["omar"], team.leads["pool"]}
    assert _rows(omar, "SELECT id FROM leads WHERE id = %s", (lina_lead,)) == []
    assert _count(omar, "UPDATE leads SET diagnosis = 'mine now' WHERE id = %s", (lina_lead,)) == 0
    _refused(omar, "DELETE FROM leads WHERE id = %s", (lina_lead,))
    for table in ("lead_phones", "interactions", "status_changes", "field_edits"):
        assert _rows(omar, f"SELECT count(*) FROM {table} WHERE lead_id = %s", (lina_lead,)) == [(0,)], table
        assert _rows(omar, f"SELECT count(*) FROM {table} WHERE lead_id = %s", (team.lead_id("omar"),))[0][0] > 0, table
    with team.owner.read() as s:
        assert s.execute(text("SELECT diagnosis FROM leads WHERE id = :i"), {"i": lina_lead}).scalar() == "knee (lina)"


def test_under_team_a_coordinator_sees_but_cannot_change_anothers_lead(team):
    omar, lina_lead = team.connect("omar"), team.lead_id("lina")
    assert len(_rows(omar, "SELECT id FROM leads")) == 3
    assert _rows(omar, "SELECT count(*) FROM interactions WHERE lead_id = %s", (lina_lead,))[0][0] > 0
    _refused(omar, "UPDATE leads SET diagnosis = 'mine now' WHERE id = %s", (lina_lead,), code=LEAD_ELSEWHERE)
    _refused(omar, "INSERT INTO interactions (lead_id, kind, occurred_at, details, created_at) "
                   "VALUES (%s, 'call_out', now(), '{}', now())", (lina_lead,), code=LEAD_ELSEWHERE)
    _refused(omar, "INSERT INTO lead_phones (lead_id, position, kind, raw, valid) VALUES (%s, 9, 'mobile', '1', false)",
             (lina_lead,))
    assert _count(omar, "DELETE FROM lead_phones WHERE lead_id = %s", (lina_lead,)) == 0
    assert _count(omar, "UPDATE leads SET diagnosis = 'mine' WHERE id = %s", (team.lead_id("omar"),)) == 1


def test_viewers_and_managers_see_every_lead_whatever_the_visibility(team):
    team.set_visibility("own")
    assert len(_rows(team.connect("vera"), "SELECT id FROM leads")) == 3
    assert len(_rows(team.connect("mona"), "SELECT id FROM leads")) == 3


# ---------------------------------------------------------------- assignment


def test_a_coordinator_takes_from_the_pool_but_never_gives_or_takes_anothers_lead(team):
    omar = team.connect("omar")
    _refused(omar, "UPDATE leads SET coordinator_id = %s WHERE id = %s", (team.ids["lina"], team.lead_id("omar")),
             code=ROLE_REFUSED)
    _refused(omar, "UPDATE leads SET coordinator_id = %s WHERE id = %s", (team.ids["omar"], team.lead_id("lina")),
             code=LEAD_ELSEWHERE)
    _refused(omar, "UPDATE leads SET coordinator_id = %s WHERE id = %s", (team.ids["lina"], team.lead_id("pool")),
             code=ROLE_REFUSED)
    _refused(omar, "UPDATE leads SET coordinator_id = NULL WHERE id = %s", (team.lead_id("omar"),), code=ROLE_REFUSED)
    assert _count(omar, "UPDATE leads SET coordinator_id = %s WHERE id = %s", (team.ids["omar"], team.lead_id("pool"))) == 1
    mona = team.connect("mona")
    assert _count(mona, "UPDATE leads SET coordinator_id = %s WHERE id = %s", (team.ids["lina"], team.lead_id("omar"))) == 1


# ---------------------------------------------------------------- audit


def test_the_server_writes_who_and_when_on_every_audit_row(team):
    omar, lead = team.connect("omar"), team.lead_id("omar")
    forged = "2020-01-01 00:00:00"
    row = _rows(omar, "INSERT INTO interactions (lead_id, kind, occurred_at, coordinator_id, details, created_at) "
                      "VALUES (%s, 'call_out', '2026-11-01 10:00', %s, '{}', %s) "
                      "RETURNING coordinator_id, created_at > '2026-01-01', occurred_at",
                (lead, team.ids["lina"], forged))[0]
    assert row[:2] == (team.ids["omar"], True) and str(row[2]) == "2026-11-01 10:00:00"
    row = _rows(omar, "INSERT INTO status_changes (lead_id, from_status, to_status, coordinator_id, changed_at) "
                      "VALUES (%s, 'new', 'contacted', %s, %s) RETURNING coordinator_id, changed_at > '2026-01-01'",
                (lead, team.ids["mona"], forged))[0]
    assert row == (team.ids["omar"], True)
    row = _rows(omar, "INSERT INTO field_edits (lead_id, field, coordinator_id, edited_at) "
                      "VALUES (%s, 'notes', NULL, %s) RETURNING coordinator_id, edited_at > '2026-01-01'", (lead, forged))[0]
    assert row == (team.ids["omar"], True)
    mona = team.connect("mona")
    row = _rows(mona, "INSERT INTO interactions (lead_id, kind, occurred_at, coordinator_id, details, created_at) "
                      "VALUES (%s, 'note', now(), %s, '{}', now()) RETURNING coordinator_id", (lead, team.ids["omar"]))[0]
    assert row == (team.ids["mona"],)


@pytest.mark.parametrize("person", ["omar", "vera", "mona"])
def test_nobody_but_the_owner_deletes_audit_rows_and_coordinators_cannot_edit_them(team, person):
    conn, lead = team.connect(person), team.lead_id("omar")
    for table in ("interactions", "status_changes", "field_edits"):
        _refused(conn, f"DELETE FROM {table} WHERE lead_id = %s", (lead,))
    if person != "mona":
        _refused(conn, "UPDATE interactions SET notes = 'never said' WHERE lead_id = %s", (lead,))
        _refused(conn, "UPDATE status_changes SET reason = 'other' WHERE lead_id = %s", (lead,))
        _refused(conn, "UPDATE field_edits SET new_value = 'other' WHERE lead_id = %s", (lead,))
        _refused(conn, "UPDATE interactions SET coordinator_id = %s WHERE lead_id = %s", (team.ids["lina"], lead))
        _refused(conn, "UPDATE status_changes SET changed_at = now() WHERE lead_id = %s", (lead,))


# ---------------------------------------------------------------- erasure, bulk import, settings


def test_a_coordinator_cannot_erase_but_a_manager_can(team):
    from app.safety.erasure import erase_person

    omar, lead = team.connect("omar"), team.lead_id("omar")
    _refused(omar, "UPDATE leads SET erased_at = now() WHERE id = %s", (lead,))
    _refused(omar, "UPDATE interactions SET notes = NULL WHERE lead_id = %s", (lead,))
    _refused(omar, "DELETE FROM leads WHERE id = %s", (lead,))
    with pytest.raises(Exception) as caught:
        erase_person(team.app("omar"), team.leads["omar"])
    assert classify(caught.value) is Condition.PERMISSION_DENIED
    assert describe(caught.value).message.startswith("your role may not do that")
    assert team.column("omar", "erased_at") is None
    result = erase_person(team.app("mona"), team.leads["omar"])
    assert result.reference == team.leads["omar"]
    assert team.column("omar", "erased_at") is not None


_NEW_LEAD = ("INSERT INTO leads (reference, full_name, sort_name, messengers, companions, status, inquiry_at, created_at, "
             "updated_at, search_text, version, consent_health_data) VALUES ")
_ROW = "(%s, 'Bulk', '', '{}', 0, 'new', now(), now(), now(), '', 1, false)"


def test_a_coordinator_cannot_insert_many_leads_in_one_statement(team):
    omar = team.connect("omar")
    _refused(omar, _NEW_LEAD + _ROW + ", " + _ROW, ("L-2026-90001", "L-2026-90002"), code=ROLE_REFUSED)
    assert _count(omar, _NEW_LEAD + _ROW, ("L-2026-90003",)) == 1
    _refused(team.connect("vera"), _NEW_LEAD + _ROW, ("L-2026-90004",))
    assert _count(team.connect("mona"), _NEW_LEAD + _ROW + ", " + _ROW, ("L-2026-90005", "L-2026-90006")) == 2


def test_a_coordinators_csv_import_is_refused_by_the_server(team, tmp_path):
    from app.domain.lead_import import import_csv

    csv_path = tmp_path / "two.csv"
    csv_path.write_text("Name,Phone,Country\nIvan Petrov,8 916 555 45 67,Russia\nJohn Smith,+1 415 555 2671,USA\n",
                        encoding="utf-8")
    with pytest.raises(Exception) as caught:
        import_csv(team.app("omar"), csv_path)
    assert classify(caught.value) is Condition.ROLE_REFUSED
    assert describe(caught.value).message == "your role may not import leads in bulk: ask a manager"
    assert import_csv(team.app("mona"), csv_path).imported == 2


def test_only_an_admin_changes_team_settings_and_nobody_their_own_role(team):
    for person in ("omar", "mona", "vera"):
        conn = team.connect(person)
        _refused(conn, "INSERT INTO app_meta (key, value) VALUES ('team.visibility', 'own')")
        _refused(conn, "UPDATE app_meta SET value = 'x'")
        _refused(conn, "UPDATE coordinators SET role = 'admin' WHERE login = current_user")
        _refused(conn, "UPDATE coordinators SET active = true, login = 'someone' WHERE login = current_user")
    omar = team.connect("omar")
    assert _count(omar, "UPDATE coordinators SET name = 'Omar H.' WHERE login = current_user") == 1
    assert _count(omar, "UPDATE coordinators SET name = 'Lina?' WHERE id = %s", (team.ids["lina"],)) == 0
    adam = team.connect("adam")
    assert _count(adam, "INSERT INTO app_meta (key, value) VALUES ('team.visibility', 'own')") == 1
    assert _rows(omar, "SELECT medtour_visibility(), medtour_role(), medtour_me()") == [
        ("own", "coordinator", team.ids["omar"])]


def test_a_viewer_cannot_write_anything(team):
    vera, lead = team.connect("vera"), team.lead_id("pool")
    assert len(_rows(vera, "SELECT id FROM leads")) == 3
    _refused(vera, "UPDATE leads SET diagnosis = 'x' WHERE id = %s", (lead,))
    _refused(vera, _NEW_LEAD + _ROW, ("L-2026-90007",))
    _refused(vera, "INSERT INTO interactions (lead_id, kind, occurred_at, details, created_at) "
                   "VALUES (%s, 'note', now(), '{}', now())", (lead,))
    _refused(vera, "INSERT INTO lead_phones (lead_id, position, kind, raw, valid) VALUES (%s, 1, 'mobile', '1', false)",
             (lead,))
    _refused(vera, "DELETE FROM lead_phones WHERE lead_id = %s", (lead,))
    _refused(vera, "UPDATE coordinators SET name = 'V' WHERE login = current_user")


def test_a_manager_changes_anyones_lead_and_its_rows(team):
    mona, lead = team.connect("mona"), team.lead_id("lina")
    assert _count(mona, "UPDATE leads SET diagnosis = 'reviewed' WHERE id = %s", (lead,)) == 1
    assert _count(mona, "UPDATE interactions SET notes = NULL WHERE lead_id = %s", (lead,)) > 0
    assert _count(mona, "DELETE FROM lead_phones WHERE lead_id = %s", (lead,)) == 1


def test_the_owner_keeps_full_access(team):
    with team.owner.write() as s:
        s.execute(text("UPDATE leads SET erased_at = now() WHERE reference = :r"), {"r": team.leads["pool"]})
        deleted = s.execute(text("DELETE FROM field_edits WHERE lead_id = (SELECT id FROM leads WHERE reference = :r)"),
                            {"r": team.leads["pool"]})
        assert deleted.rowcount == 1


# ---------------------------------------------------------------- the app as a coordinator


def test_the_app_signed_in_as_a_coordinator(team):
    omar = team.app("omar")
    created = create_lead(omar, LeadInput(full_name="Ahmed Ali", phones=[("+971501234567", "mobile")], country="AE"))
    assert get_lead(omar, created.reference).coordinator.id == team.ids["omar"]  # not the placeholder
    logged = log_interaction(omar, created.reference, InteractionInput(kind="call", outcome="reached", notes="hello"))
    detail = update_lead(omar, created.reference, logged.version, {"diagnosis": "hip", "phones": [("+971501234568", "mobile")]})
    assert detail.diagnosis == "hip"
    assert {i.coordinator for i in detail.interactions} == {"Omar"}
    with pytest.raises(Exception) as caught:
        update_lead(omar, team.leads["lina"], get_lead(omar, team.leads["lina"]).version, {"diagnosis": "mine"})
    assert describe(caught.value).message == "you may not change this lead: it is assigned to someone else"
    with pytest.raises(Exception) as caught:
        log_interaction(omar, team.leads["lina"], InteractionInput(kind="call", outcome="reached"))
    assert classify(caught.value) is Condition.LEAD_ELSEWHERE
    team.set_visibility("own")
    with pytest.raises(NotFoundError):
        get_lead(omar, team.leads["lina"])


def test_a_new_inquiry_for_a_colleagues_patient_is_attached_to_their_lead(team):
    omar = team.app("omar")
    result = create_lead(omar, LeadInput(full_name="Rustam Karimov", phones=[("+79161230002", "mobile")]))
    assert result.duplicate_of == team.leads["lina"]
    # Omar may not change Lina's lead: what his inquiry would add waits in it for her.
    assert result.absorbed is not None and result.absorbed.left_for_owner == ["the name spelling 'Rustam Karimov'"]
    lead = get_lead(team.owner, team.leads["lina"])
    assert lead.other_names == () and lead.needs_review is None
    inquiries = [i for i in lead.interactions if i.kind == "inquiry"]
    assert len(inquiries) == 2 and [i.details.get("adds") for i in inquiries if "adds" in i.details] == [
        ["the name spelling 'Rustam Karimov'"]]


def test_a_team_member_cannot_upgrade_the_schema(team):
    from db.migrate import head_revision

    head = head_revision()
    with team.owner.write() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    with pytest.raises(TeamUpgradeNeededError, match=r"ask your admin to run `medtour team init postgresql://OWNER@"):
        open_database(team.url("omar"))
    with team.owner.write() as s:
        s.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
    open_database(team.url("omar")).dispose()


# ---------------------------------------------------------------- team init and people


def _snapshot(db: Database) -> tuple:
    with db.read() as s:
        policies = s.execute(text("SELECT tablename, policyname, roles::text, cmd, qual, with_check FROM pg_policies "
                                  "ORDER BY 1, 2")).all()
        grants = s.execute(text("SELECT grantee, table_name, column_name, privilege_type FROM "
                                "information_schema.column_privileges WHERE grantee LIKE :g ORDER BY 1, 2, 3, 4"),
                           {"g": f"{db.url.database}%"}).all()
        triggers = s.execute(text("SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal "
                                  "ORDER BY 1, 2")).all()
    return policies, grants, triggers


def test_team_init_twice_gives_the_same_result(team):
    before = _snapshot(team.owner)
    team_triggers = [t for t in before[2] if not t[0].startswith("medtour_changes_")]  # the change signal's are 0007's
    # The guards and audit of the lead tables (8) and the read log's (1).
    assert len(before[0]) > 20 and before[1] and len(team_triggers) == 9
    again = team_init(team.server.url(team.database))
    assert not again.migrated
    assert _snapshot(team.owner) == before


def test_a_non_superuser_owner_makes_and_runs_a_team(postgres_server):
    n = next(_counter)
    owner_role, database = f"agency{os.getpid()}x{n}", f"medtour_agency_{os.getpid()}_{n}"
    coordinator, other = f"{owner_role}_omar", f"{owner_role}_lina"
    admin = create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE ROLE \"{owner_role}\" LOGIN CREATEROLE PASSWORD 'owner-pass'")
        conn.exec_driver_sql(f'CREATE DATABASE "{database}" OWNER "{owner_role}"')
    owner_url = postgres_server.url(database, user=owner_role, password="owner-pass")
    try:
        team_init(owner_url)
        team_init(owner_url)
        owner = Database(owner_url)
        try:
            add_user(owner, coordinator, name="Omar", role="coordinator", password="pw-omar")
            add_user(owner, other, name="Lina", role="coordinator", password="pw-lina")
            with owner.read() as s:
                lina_id = s.execute(text("SELECT id FROM coordinators WHERE login = :l"), {"l": other}).scalar_one()
                assert s.execute(text("SELECT tableowner FROM pg_tables WHERE tablename = 'leads'")).scalar() == owner_role
                assert s.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar() is False
            create_lead(owner, LeadInput(full_name="Lina's", email="l@example.org", coordinator_id=lina_id))
            with owner.write() as s:
                s.execute(text("INSERT INTO app_meta (key, value) VALUES ('team.visibility', 'own')"))
        finally:
            owner.dispose()
        with psycopg.connect(postgres_server.conninfo(database, user=coordinator, password="pw-omar"), autocommit=True) as c:
            assert c.execute("SELECT count(*) FROM leads").fetchone() == (0,)
            assert c.execute("SELECT medtour_role()").fetchone() == ("coordinator",)
        with psycopg.connect(postgres_server.conninfo(database, user=owner_role, password="owner-pass"), autocommit=True) as c:
            assert c.execute("SELECT count(*) FROM leads").fetchone() == (1,)  # the owner's own policy
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.dispose()
        _drop_roles(postgres_server, [coordinator, other, *(f"{database}_{r}" for r in
                                                             ("admin", "manager", "coordinator", "viewer")), owner_role])


def test_an_admin_adds_people_and_the_checks_on_them(team):
    adam = team.app("adam")
    user = add_user(adam, team.login("nina"), name="Nina", role="coordinator", password="nina-pw", languages=["ru", "AR"])
    assert (user.role, user.languages, user.can_sign_in) == ("coordinator", ("ru", "ar"), True)
    try:
        with pytest.raises(ValidationError, match="already a member"):
            add_user(adam, team.login("nina"), name="Nina", role="coordinator", password="x")
        with pytest.raises(ValidationError, match="not a login name"):
            add_user(adam, "Nina Smith", name="Nina", role="coordinator", password="x")
        with pytest.raises(ValidationError, match="reserved"):
            add_user(adam, "pg_nina", name="Nina", role="coordinator", password="x")
        with pytest.raises(ValidationError, match="no role 'boss'"):
            add_user(adam, team.login("nina2"), name="Nina", role="boss", password="x")
        with pytest.raises(ValidationError, match="already exists on this server"):
            add_user(adam, "medtour", name="Superuser", role="viewer", password="x")
        with pytest.raises(ValidationError, match="'Klingonese' is not a language"):
            add_user(adam, team.login("nina3"), name="Nina", role="viewer", password="x", languages=["Klingonese"])
        with pytest.raises(ValidationError, match="has no country code"):
            add_user(adam, team.login("nina3"), name="Nina", role="viewer", password="x", phone="050 123 4567")
        with pytest.raises(Exception) as caught:
            add_user(team.app("mona"), team.login("nina4"), name="Nina", role="viewer", password="x")
        assert classify(caught.value) is Condition.PERMISSION_DENIED
    finally:
        _drop_roles(team.server, [team.login("nina")])


def test_team_commands_on_sqlite_say_a_team_needs_postgresql(sqlite_db):
    with pytest.raises(TeamNeedsPostgresError, match="a team needs PostgreSQL"):
        add_user(sqlite_db, "omar", name="Omar", role="coordinator", password="x")
    with pytest.raises(TeamNeedsPostgresError):
        list_users(sqlite_db)
    with pytest.raises(TeamNeedsPostgresError):
        team_init(str(sqlite_db.path))


def test_deactivating_moves_open_leads_and_stops_the_login(team):
    result = deactivate_user(team.owner, team.login("omar"))
    assert (result.moved_to, result.references) == (None, (team.leads["omar"],))
    detail = get_lead(team.owner, team.leads["omar"])
    assert detail.coordinator is None
    assert [(e.field, e.old_value, e.new_value) for e in detail.field_edits if e.field == "coordinator_id"] == [
        ("coordinator_id", "Omar", None)]
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        team.connect("omar")
    assert [u.can_sign_in for u in list_users(team.owner) if u.login == team.login("omar")] == [False]

    moved = deactivate_user(team.owner, team.login("lina"), to=team.login("mona"))
    assert moved.moved_to == team.login("mona")
    assert team.column("lina", "coordinator_id") == team.ids["mona"]
    with pytest.raises(ValidationError, match="not active"):
        deactivate_user(team.owner, team.login("adam"), to=team.login("omar"))
    with pytest.raises(NotFoundError):
        deactivate_user(team.owner, "nobody_here")


def test_a_new_role_changes_what_the_server_allows(team):
    set_role(team.owner, team.login("omar"), "manager")
    omar = team.connect("omar")
    assert _count(omar, "UPDATE leads SET diagnosis = 'x' WHERE id = %s", (team.lead_id("lina"),)) == 1
    set_role(team.owner, team.login("omar"), "viewer")
    _refused(team.connect("omar"), "UPDATE leads SET diagnosis = 'y' WHERE id = %s", (team.lead_id("omar"),))


def test_under_own_a_coordinator_may_create_a_lead_for_a_colleague_then_no_longer_sees_it(team):
    team.set_visibility("own")
    omar = team.app("omar")
    created = create_lead(omar, LeadInput(full_name="For Lina", email="for.lina@example.org",
                                          coordinator_id=team.ids["lina"]))
    with pytest.raises(NotFoundError):
        get_lead(omar, created.reference)
    lina = get_lead(team.app("lina"), created.reference)
    assert lina.coordinator.id == team.ids["lina"]
    assert [c.to_status for c in lina.status_history] == ["new"]  # written by omar with the lead, in one transaction


def test_a_coordinator_merges_their_own_leads_but_not_anothers(team):
    from app.domain.leads import merge_leads

    omar = team.app("omar")
    with team.owner.write() as s:  # the pool lead becomes omar's second lead
        s.execute(text("UPDATE leads SET coordinator_id = :o WHERE reference = :r"),
                  {"o": team.ids["omar"], "r": team.leads["pool"]})
    result = merge_leads(omar, team.leads["omar"], team.leads["pool"])
    assert result.moved_interactions > 0
    with pytest.raises(Exception) as caught:
        merge_leads(omar, team.leads["omar"], team.leads["lina"])
    assert classify(caught.value) is Condition.LEAD_ELSEWHERE
    assert team.column("lina", "status") == "new"


def test_a_deactivated_persons_open_session_loses_the_teams_privileges(team):
    omar = team.connect("omar")
    assert len(_rows(omar, "SELECT id FROM leads")) == 3
    deactivate_user(team.owner, team.login("omar"))
    _refused(omar, "SELECT id FROM leads")
    _refused(omar, "INSERT INTO interactions (lead_id, kind, occurred_at, details, created_at) "
                   "VALUES (%s, 'note', now(), '{}', now())", (team.lead_id("pool"),))


def test_a_coordinator_s_new_lead_is_dealt_on_figures_they_cannot_see(team):
    """Under 'own' Omar cannot see Lina's lead, yet the rule must know she was given one after him:
    `team init` installs the owner's figures function, so the next lead is Omar's turn, not Lina's."""
    team.set_visibility("own")
    with team.owner.read() as s:
        assert s.scalar(text("SELECT to_regproc('medtour_assignment_candidates') IS NOT NULL")) is True
    omar = team.app("omar")
    with omar.read() as s:
        assert s.scalar(text("SELECT count(*) FROM leads WHERE reference = :r"), {"r": team.leads["lina"]}) == 0
    created = create_lead(omar, LeadInput(full_name="Khalid N.", phones=[("+971501234567", "mobile")], language="ar"))
    lead = get_lead(team.owner, created.lead_id)
    assert lead.coordinator.id == team.ids["omar"]
    assert lead.assignment_reason == "next in turn"
    second = create_lead(omar, LeadInput(full_name="Fatima N.", phones=[("+971501234568", "mobile")], language="ar"))
    assert get_lead(team.owner, second.lead_id).coordinator.id == team.ids["lina"]


def test_an_admin_manages_people_only_through_the_team_s_functions(team):
    """An admin's login has no CREATEROLE (on PostgreSQL 15 it would let them grant themselves any
    role, the owner's included): people are added, moved and stopped by the owner's functions,
    which only the admin group may run and which touch the team's logins alone."""
    adam, omar = team.connect("adam"), team.connect("omar")
    assert _rows(adam, "SELECT rolcreaterole, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user") == [
        (False, False, False)]
    _refused(adam, 'CREATE ROLE "intruder" LOGIN')
    _refused(adam, f'GRANT "{team.database}_admin" TO "{team.login("omar")}"')
    _refused(adam, f'ALTER ROLE "{team.login("omar")}" WITH NOLOGIN')
    _refused(omar, "SELECT medtour_create_login('intruder', 'SCRAM-SHA-256$x', 'admin')")
    _refused(omar, "SELECT medtour_set_login_group(%s, 'admin')", (team.login("omar"),))
    _refused(omar, "SELECT medtour_disable_login(%s)", (team.login("lina"),))
    _refused(adam, "SELECT medtour_disable_login('medtour')", code=ROLE_REFUSED)  # the suite's superuser: no member
    _refused(adam, "SELECT medtour_set_login_group('medtour', 'admin')", code=ROLE_REFUSED)
    _refused(adam, "SELECT medtour_create_login('intruder', 'plain-text-password', 'viewer')", code=ROLE_REFUSED)
    _refused(adam, "SELECT medtour_create_login('intruder', 'SCRAM-SHA-256$x', 'superuser')", code=ROLE_REFUSED)
    # …and through them, with the app, an admin still adds a person who can sign in.
    add_user(team.app("adam"), team.login("nora"), name="Nora", role="coordinator", password="nora-Pass-7")
    try:
        nora = psycopg.connect(team.server.conninfo(team.database, user=team.login("nora"), password="nora-Pass-7"))
        nora.close()
        assert _rows(adam, "SELECT rolcreaterole FROM pg_roles WHERE rolname = %s", (team.login("nora"),)) == [(False,)]
    finally:
        _drop_roles(team.server, [team.login("nora")])


def test_a_coordinator_cannot_export_but_a_manager_can(team, tmp_path):
    from app.domain.lead_export import export_leads
    from app.safety.personal_export import export_personal_data

    _refused(team.connect("omar"), "SELECT medtour_check_export()", code=ROLE_REFUSED)
    _refused(team.connect("vera"), "SELECT medtour_check_export()", code=ROLE_REFUSED)
    for attempt in (lambda: export_leads(team.app("omar"), tmp_path / "mine.csv"),
                    lambda: export_personal_data(team.app("omar"), team.leads["omar"], tmp_path / "his.json")):
        with pytest.raises(Exception) as caught:
            attempt()
        assert classify(caught.value) is Condition.ROLE_REFUSED
        assert "may not export" in describe(caught.value).message
    assert not list(tmp_path.iterdir())  # nothing was written
    assert export_leads(team.app("mona"), tmp_path / "all.csv") == 3
    assert export_personal_data(team.app("mona"), team.leads["omar"], tmp_path / "his.json").json_path.exists()


def test_the_search_function_finds_only_what_the_caller_may_see(team):
    """A coordinator's search goes through medtour_matching_ids (the trigram index; a LIKE under
    row-level security reads every lead): it must see no more than the policies let them."""
    from app.domain.lead_search import find_lead_ids, make_filter

    lina_lead, pool_lead, omar_lead = team.lead_id("lina"), team.lead_id("pool"), team.lead_id("omar")
    omar, mona = team.connect("omar"), team.connect("mona")
    patient = ["%patient of%"]
    team.set_visibility("own")
    assert {r[0] for r in _rows(omar, "SELECT medtour_matching_ids(%s)", (patient,))} == {omar_lead, pool_lead}
    assert {r[0] for r in _rows(mona, "SELECT medtour_matching_ids(%s)", (patient,))} == {omar_lead, pool_lead, lina_lead}
    assert set(find_lead_ids(team.app("omar"), make_filter("patient of"))) == {omar_lead, pool_lead}
    assert find_lead_ids(team.app("omar"), make_filter("patient of lina")) == []
    team.set_visibility("team")
    assert {r[0] for r in _rows(omar, "SELECT medtour_matching_ids(%s)", (patient,))} == {omar_lead, pool_lead, lina_lead}
    assert find_lead_ids(team.app("omar"), make_filter("patient of lina")) == [lina_lead]
    assert _rows(omar, "SELECT medtour_matching_ids(%s)", (["%'; DROP TABLE leads; --%"],)) == []  # a pattern is data
    vera = team.connect("vera")  # a viewer reads every lead, so finds every lead
    assert {r[0] for r in _rows(vera, "SELECT medtour_matching_ids(%s)", (patient,))} == {omar_lead, pool_lead, lina_lead}
