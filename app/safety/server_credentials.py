"""Signing in to a PostgreSQL server: where the password comes from, and the keychain.

A team database is a PostgreSQL URL; each person signs in with their own login. The password is
looked for in this order, and never written to a settings file:

1. **in the URL** (``postgresql://omar:…@host/db``): used as it is;
2. **libpq's own places**: ``PGPASSWORD``, ``~/.pgpass`` (or ``PGPASSFILE``), a server that trusts
   the connection — the first attempt goes out without a password, so these keep working;
3. **the OS keychain** (`keyring`), service ``"MedTour Desk"``, username ``login@host:port/database``;
4. **asking**: the desk's sign-in dialog, or the terminal (``getpass``) for the command line; with
   no terminal, a `PasswordNeededError` that says where a password may come from.

A refused password (the server's ``SIGN_IN_REFUSED`` condition, see db.errors) is asked for again,
saying so. A password typed with "Remember" ticked is stored in the keychain once the server has
accepted it; a stored one the server refuses is removed when the next one is accepted without
"Remember". A computer without a keychain (no backend, a locked or absent service) is one
without "Remember": nothing fails because of it.

Qt-free: the desk passes its dialog as `ask`.
"""
from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.engine import URL

from app.domain.errors import UserError
from db.errors import Condition, classify

__all__ = ["KEYCHAIN_SERVICE", "Keychain", "PasswordAnswer", "PasswordNeededError", "PasswordRequest",
           "SignInCancelledError", "ask_on_terminal", "is_server_url", "keychain_username", "sign_in"]

KEYCHAIN_SERVICE = "MedTour Desk"
DEFAULT_PORT = 5432
#: Passwords asked for before giving up (each refusal is said in the next request).
MAX_ATTEMPTS = 5

T = TypeVar("T")


class PasswordNeededError(UserError):
    """The server wants a password and there is no one to ask (no terminal, no dialog)."""


class SignInCancelledError(UserError):
    """The person closed the sign-in without signing in."""


@dataclass(frozen=True)
class PasswordRequest:
    """What the sign-in shows: who signs in where, and why it asks (again)."""

    login: str
    server: str  # host:port/database
    problem: str | None = None  # "That password was not accepted…" after a refusal
    can_remember: bool = True  # False when this computer has no keychain


@dataclass(frozen=True)
class PasswordAnswer:
    password: str
    remember: bool = False


Ask = Callable[[PasswordRequest], "PasswordAnswer | None"]


def is_server_url(url: URL) -> bool:
    return url.get_backend_name() == "postgresql"


def _login(url: URL) -> str:
    return url.username or getpass.getuser()  # libpq's default: the operating system's user name


def _server(url: URL) -> str:
    return f"{url.host or 'localhost'}:{url.port or DEFAULT_PORT}/{url.database or _login(url)}"


def keychain_username(url: URL) -> str:
    """The keychain entry's username: ``login@host:port/database``."""
    return f"{_login(url)}@{_server(url)}"


class Keychain:
    """The OS keychain through `keyring`, for one entry; every failure means "no keychain"."""

    def __init__(self, url: URL) -> None:
        self.username = keychain_username(url)

    @staticmethod
    def _backend():
        try:
            import keyring
            from keyring.backends import fail
        except ImportError:
            return None
        try:
            backend = keyring.get_keyring()
        except Exception:  # noqa: BLE001 - a broken keyring configuration is no keychain
            return None
        return None if isinstance(backend, fail.Keyring) else backend

    def available(self) -> bool:
        return self._backend() is not None

    def read(self) -> str | None:
        backend = self._backend()
        if backend is None:
            return None
        try:
            return backend.get_password(KEYCHAIN_SERVICE, self.username)
        except Exception:  # noqa: BLE001 - locked, absent or refusing service: as if nothing were stored
            return None

    def store(self, password: str) -> bool:
        backend = self._backend()
        if backend is None:
            return False
        try:
            backend.set_password(KEYCHAIN_SERVICE, self.username, password)
        except Exception:  # noqa: BLE001 - the sign-in worked; not remembering it is no reason to fail
            return False
        return True

    def forget(self) -> None:
        backend = self._backend()
        if backend is None:
            return
        try:
            backend.delete_password(KEYCHAIN_SERVICE, self.username)
        except Exception:  # noqa: BLE001 - nothing stored, or the service refuses: nothing to undo
            return


def _refused(exc: BaseException) -> bool:
    return classify(exc) is Condition.SIGN_IN_REFUSED


REFUSED = "The server did not accept that password for {login}. Check it and try again."
STORED_REFUSED = "The password kept in this computer's keychain was not accepted. Type the current one."


def sign_in(url: URL, connect: Callable[[URL], T], *, ask: Ask | None, keychain: Keychain | None = None) -> T:
    """`connect(url)` with the password the server wants, found in the order of the module notes.

    `connect` opens (and checks) the database; it is called again with each password tried.
    `ask` is the face's way of asking (None: nobody to ask). Returns what `connect` returned."""
    if not is_server_url(url) or url.password is not None:
        return connect(url)
    try:
        return connect(url)  # libpq's own: PGPASSWORD, .pgpass, trust
    except Exception as exc:
        if not _refused(exc):
            raise
    keychain = keychain or Keychain(url)
    problem: str | None = None
    stored = keychain.read()
    if stored is not None:
        try:
            return connect(url.set(password=stored))
        except Exception as exc:
            if not _refused(exc):
                raise
        problem = STORED_REFUSED
    login = _login(url)
    if ask is None:
        raise PasswordNeededError(_nobody_to_ask(login, _server(url)))
    for _attempt in range(MAX_ATTEMPTS):
        answer = ask(PasswordRequest(login, _server(url), problem, keychain.available()))
        if answer is None:
            raise SignInCancelledError(f"sign-in to {_server(url)} cancelled; nothing was opened")
        try:
            result = connect(url.set(password=answer.password))
        except Exception as exc:
            if not _refused(exc):
                raise
            problem = REFUSED.format(login=login)
            continue
        if answer.remember:
            keychain.store(answer.password)
        elif stored is not None:
            keychain.forget()  # the kept one is stale and the person chose not to keep the new one
        return result
    raise UserError(f"the server did not accept the password for {login} after {MAX_ATTEMPTS} tries; nothing was opened")


def _nobody_to_ask(login: str, server: str) -> str:
    return (f"the database server wants a password for {login} ({server}) and there is no terminal to ask on; "
            "set PGPASSWORD, add it to ~/.pgpass, or sign in once in the desk with 'Remember' ticked")


def ask_on_terminal(request: PasswordRequest) -> PasswordAnswer | None:
    """The command line's way of asking: `getpass` on a terminal; no terminal is a clear error."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise PasswordNeededError(_nobody_to_ask(request.login, request.server))
    if request.problem:
        print(request.problem, file=sys.stderr)
    try:
        password = getpass.getpass(f"Password for {request.login} at {request.server}: ", stream=sys.stderr)
    except EOFError:
        return None
    return PasswordAnswer(password, remember=False)
