"""How an SQLite database file is opened: plain (sqlite3) or encrypted at rest (SQLCipher 4, through
`sqlcipher3`).

An encrypted file does not start with SQLite's header: its first 16 bytes are the random salt, the
rest is pages encrypted with AES-256 (CBC, an HMAC-SHA512 per page). The key is the passphrase
stretched with SQLCipher 4's own KDF and defaults: PBKDF2-HMAC-SHA512, 256,000 iterations, the
file's salt, a 256-bit key. This module stretches it once per file and process (`unlock`) and then
hands SQLCipher the raw key with the salt (``PRAGMA key = "x'<key><salt>'"``), so a new connection
costs no KDF run and a copy made with the same key (a backup) gets the same salt: the passphrase
opens it too, any SQLCipher 4 tool included.

Keys are kept in this process only, by file and by salt (`remember`): every connection made through
`connect` — the engine's, a backup's, a restore's — finds the key of a file, or of a copy of it,
without being told. ``PRAGMA key`` is the first statement on every such connection.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from db.sqlite_uri import read_only_uri

SQLITE_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
KEY_BYTES = 32
KDF_NAME = "PBKDF2-HMAC-SHA512"
KDF_ITERATIONS = 256_000  # SQLCipher 4's default (kdf_iter)

#: The errors a connection of either driver raises (sqlcipher3's classes are not sqlite3's).
DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError, sqlcipher.OperationalError)

#: The DB-API module SQLAlchemy is given for an encrypted file.
dbapi = sqlcipher


class WrongPassphraseError(Exception):
    """The passphrase does not open the encrypted file."""


@dataclass(frozen=True)
class FileKey:
    """A stretched passphrase and the salt it was stretched with (both raw bytes)."""

    key: bytes
    salt: bytes

    @property
    def pragma_value(self) -> str:
        """The value for ``PRAGMA key``/``ATTACH … KEY``: the raw key and the salt, no KDF run."""
        return f"x'{self.key.hex()}{self.salt.hex()}'"

    def __repr__(self) -> str:  # never the key itself in a log or a traceback
        return f"FileKey(salt={self.salt.hex()})"


def stretch(passphrase: str, salt: bytes) -> FileKey:
    """The key SQLCipher 4 derives from `passphrase` for a file with `salt`."""
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES)
    return FileKey(key, salt)


def new_key(passphrase: str) -> FileKey:
    """A key for a new encrypted file (a fresh random salt)."""
    return stretch(passphrase, os.urandom(SALT_BYTES))


_lock = threading.Lock()
_by_path: dict[str, FileKey] = {}
_by_salt: dict[bytes, FileKey] = {}


def _name(path: str | os.PathLike[str]) -> str:
    return str(Path(path).expanduser().resolve())


def remember(path: str | os.PathLike[str], key: FileKey) -> None:
    """Use `key` for the file at `path` (which may not exist yet) and for every file with its salt."""
    with _lock:
        _by_path[_name(path)] = key
        _by_salt[key.salt] = key


def forget(path: str | os.PathLike[str]) -> None:
    with _lock:
        key = _by_path.pop(_name(path), None)
        if key is not None and key not in _by_path.values():
            _by_salt.pop(key.salt, None)


def _head(path: str | os.PathLike[str]) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except OSError:
        return b""


def is_encrypted(path: str | os.PathLike[str]) -> bool:
    """True for an existing file that is not plain SQLite but may be SQLCipher's: it does not start
    with SQLite's header and is whole pages (a multiple of 512 bytes, the smallest page size). An
    empty or missing file is a database not made yet; any other file is damaged, not encrypted."""
    head = _head(path)
    if len(head) != len(SQLITE_HEADER) or head == SQLITE_HEADER:
        return False
    try:
        size = os.path.getsize(path)
    except OSError:
        return False
    return size % 512 == 0


def key_for(path: str | os.PathLike[str]) -> FileKey | None:
    """The key remembered for `path`, or for the salt it starts with (a copy of a known file); None
    for a plain file or an unknown key."""
    with _lock:
        key = _by_path.get(_name(path))
        if key is not None:
            return key
    if not is_encrypted(path):
        return None
    with _lock:
        return _by_salt.get(_head(path)[:SALT_BYTES])


def connect(path: str | os.PathLike[str], *, read_only: bool = False, key: FileKey | None = None, **kwargs: Any) -> Any:
    """A DB-API connection to the SQLite file at `path`: sqlcipher3 with ``PRAGMA key`` first when
    the file has a key (`key`, else the remembered one), plain sqlite3 otherwise. `read_only` opens
    it with ``mode=ro``; `kwargs` go to the driver's ``connect``."""
    key = key if key is not None else key_for(path)
    target: str = os.fspath(path)
    if read_only:
        target = read_only_uri(target)
        kwargs["uri"] = True
    if key is None:
        return sqlite3.connect(target, **kwargs)
    conn = sqlcipher.connect(target, **kwargs)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # no SQLCipher lines on stderr for a wrong key
        conn.execute(f'PRAGMA key = "{key.pragma_value}"')
    except BaseException:
        conn.close()
        raise
    return conn


def check_key(path: str | os.PathLike[str], key: FileKey) -> None:
    """Raise WrongPassphraseError unless `key` reads the encrypted file at `path`."""
    conn = connect(path, read_only=True, key=key, timeout=10)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == 26:  # SQLITE_NOTADB: not this key
            raise WrongPassphraseError(str(path)) from None
        raise
    finally:
        conn.close()


def unlock(path: str | os.PathLike[str], passphrase: str) -> FileKey:
    """Stretch `passphrase` with the encrypted file's salt, check that it opens the file, and
    remember the key; WrongPassphraseError otherwise (nothing is written either way)."""
    key = stretch(passphrase, _head(path)[:SALT_BYTES])
    check_key(path, key)
    remember(path, key)
    return key


def export(source: str | os.PathLike[str], dest: str | os.PathLike[str], *, key: FileKey | None,
           source_key: FileKey | None = None) -> None:
    """Write the whole database at `source` (read with `source_key`, else its remembered key) into
    the new file `dest`, encrypted with `key` (plain with None), with SQLCipher's ``sqlcipher_export``.
    `dest` must not exist or be empty; the caller verifies, syncs and renames it."""
    source_key = source_key if source_key is not None else key_for(source)
    conn = sqlcipher.connect(os.fspath(source), timeout=30, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if source_key is not None:
            conn.execute(f'PRAGMA key = "{source_key.pragma_value}"')
        target_key = key.pragma_value if key is not None else ""
        conn.execute("ATTACH DATABASE ? AS medtour_export KEY ?", (os.fspath(dest), target_key))
        conn.execute("SELECT sqlcipher_export('medtour_export')").fetchone()
        user_version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
        conn.execute(f"PRAGMA medtour_export.user_version = {user_version}")
        conn.execute("DETACH DATABASE medtour_export")
    finally:
        conn.close()


def verify(path: str | os.PathLike[str], *, key: FileKey | None) -> str:
    """SQLite's integrity check of the file (read with `key`): "ok" or what it found."""
    conn = connect(path, read_only=True, key=key, timeout=30)
    try:
        return "; ".join(str(row[0]) for row in conn.execute("PRAGMA integrity_check(5)"))
    finally:
        conn.close()
