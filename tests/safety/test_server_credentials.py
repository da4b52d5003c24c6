"""Signing in to the suite's PostgreSQL server with a real password (SCRAM): where the password
comes from (URL, PGPASSWORD, keychain, asking), a refused one asked for again, the keychain kept
out of settings, and a computer with no keychain."""
from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from sqlalchemy.engine import URL, make_url

from app.domain.errors import UserError
from app.safety.server_credentials import (
    KEYCHAIN_SERVICE,
    PasswordAnswer,
    PasswordNeededError,
    PasswordRequest,
    SignInCancelledError,
    keychain_username,
    sign_in,
)
from db.errors import Condition, classify


class MemoryKeyring(KeyringBackend):
    """A keychain in a dict, for a computer (CI) that has none."""

    priority = 1  # type: ignore[assignment]  # keyring declares it a classproperty

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@dataclass
class PasswordLogin:
    """A login on the suite's server that must give its password (SCRAM), with its own database."""

    login: str
    password: str
    url: URL  # without the password


_roles = itertools.count()


@pytest.fixture
def password_login(postgres_server, monkeypatch) -> Iterator[PasswordLogin]:
    """The suite's server trusts loopback; a pg_hba line for this login alone makes it ask."""
    import psycopg

    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", os.devnull)
    login = f"signin_{os.getpid()}_{next(_roles)}"
    password = "correct horse battery"
    admin = f"host=127.0.0.1 port={postgres_server.port} user={postgres_server.user} dbname=postgres"
    hba = postgres_server.folder / "data" / "pg_hba.conf"
    line = f"host all {login} 127.0.0.1/32 scram-sha-256\n"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {login} LOGIN PASSWORD '{password}'")
        conn.execute(f'CREATE DATABASE "{login}" OWNER {login}')
        hba.write_text(line + hba.read_text())
        conn.execute("SELECT pg_reload_conf()")
    url = make_url(f"postgresql+psycopg://{login}@127.0.0.1:{postgres_server.port}/{login}")
    _wait_until_refused(url)
    yield PasswordLogin(login, password, url)
    with psycopg.connect(admin, autocommit=True) as conn:
        hba.write_text(hba.read_text().replace(line, ""))
        conn.execute("SELECT pg_reload_conf()")
        conn.execute(f'DROP DATABASE IF EXISTS "{login}" WITH (FORCE)')
        conn.execute(f"DROP ROLE IF EXISTS {login}")


def _wait_until_refused(url: URL) -> None:
    """pg_reload_conf() signals the postmaster; new connections follow once it has re-read the file."""
    import psycopg

    for _ in range(200):
        try:
            psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database).close()
        except psycopg.OperationalError:
            return
        import time

        time.sleep(0.01)  # waiting on the server's reload, not on the code under test
    raise AssertionError("the server did not start asking for a password")


def _connect(url: URL):
    from db.engine import Database

    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT current_user").scalar()
    finally:
        db.dispose()


class Script:
    """An `ask` that answers from a list and remembers what it was asked."""

    def __init__(self, *answers: PasswordAnswer | None) -> None:
        self.answers = list(answers)
        self.asked: list[PasswordRequest] = []

    def __call__(self, request: PasswordRequest) -> PasswordAnswer | None:
        self.asked.append(request)
        return self.answers.pop(0)


@pytest.mark.postgres
def test_the_servers_refusal_is_classified_by_code_not_words(password_login):
    from db.engine import Database

    for url in (password_login.url, password_login.url.set(password="wrong")):
        db = Database(url)
        with pytest.raises(Exception) as refused:
            db.engine.connect()
        db.dispose()
        assert classify(refused.value) is Condition.SIGN_IN_REFUSED


@pytest.mark.postgres
def test_a_wrong_password_is_asked_again_and_the_right_one_is_kept_in_the_keychain(password_login, memory_keyring):
    ask = Script(PasswordAnswer("wrong"), PasswordAnswer(password_login.password, remember=True))
    assert sign_in(password_login.url, _connect, ask=ask) == password_login.login
    assert [r.problem is None for r in ask.asked] == [True, False]
    assert password_login.login in (ask.asked[1].problem or "")
    assert ask.asked[0].login == password_login.login and ask.asked[0].can_remember
    username = keychain_username(password_login.url)
    assert username == f"{password_login.login}@127.0.0.1:{password_login.url.port}/{password_login.login}"
    assert memory_keyring.entries == {(KEYCHAIN_SERVICE, username): password_login.password}

    nobody = Script()  # the next start asks nobody: the keychain has it
    assert sign_in(password_login.url, _connect, ask=nobody) == password_login.login
    assert nobody.asked == []


@pytest.mark.postgres
def test_a_stale_keychain_password_is_said_and_replaced(password_login, memory_keyring):
    username = keychain_username(password_login.url)
    memory_keyring.set_password(KEYCHAIN_SERVICE, username, "last year's")
    ask = Script(PasswordAnswer(password_login.password, remember=False))
    assert sign_in(password_login.url, _connect, ask=ask) == password_login.login
    assert ask.asked[0].problem and "keychain" in ask.asked[0].problem
    assert memory_keyring.entries == {}, "a refused stored password is not kept when Remember is off"


@pytest.mark.postgres
def test_libpq_own_places_and_the_url_need_no_asking(password_login, memory_keyring, monkeypatch):
    nobody = Script()
    assert sign_in(password_login.url.set(password=password_login.password), _connect, ask=nobody) == password_login.login
    monkeypatch.setenv("PGPASSWORD", password_login.password)
    assert sign_in(password_login.url, _connect, ask=nobody) == password_login.login
    assert nobody.asked == [] and memory_keyring.entries == {}


@pytest.mark.postgres
def test_without_a_keychain_or_anyone_to_ask(password_login, no_keyring):
    ask = Script(PasswordAnswer(password_login.password, remember=True))
    assert sign_in(password_login.url, _connect, ask=ask) == password_login.login
    assert ask.asked[0].can_remember is False  # nothing to remember it in, and nothing failed
    with pytest.raises(PasswordNeededError, match="PGPASSWORD"):
        sign_in(password_login.url, _connect, ask=None)
    with pytest.raises(SignInCancelledError):
        sign_in(password_login.url, _connect, ask=Script(None))


@pytest.mark.postgres
def test_the_command_line_without_a_terminal_says_where_a_password_may_come_from(password_login, no_keyring):
    from app.storage import open_database

    with pytest.raises(UserError, match="no terminal") as refused:
        open_database(password_login.url)  # pytest's stdin is no terminal
    assert password_login.password not in str(refused.value)


def test_other_errors_are_not_taken_for_a_refusal(tmp_path):
    calls: list[URL] = []

    def broken(url: URL):
        calls.append(url)
        raise OSError("disk on fire")

    with pytest.raises(OSError):
        sign_in(make_url("postgresql+psycopg://omar@db.example/team"), broken, ask=Script())
    assert len(calls) == 1
    sqlite = make_url(f"sqlite:///{tmp_path / 'x.db'}")
    assert sign_in(sqlite, lambda url: url, ask=None) == sqlite
