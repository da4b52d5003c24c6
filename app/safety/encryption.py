"""Encryption at rest of an SQLite database file: where its passphrase comes from, unlocking it, and
turning a plain file into an encrypted one (or one key into another) without ever leaving neither.

The file format and the key stretching are `db.cipher`'s (SQLCipher 4: PBKDF2-HMAC-SHA512, 256,000
iterations, a random salt per file). The passphrase of an encrypted file is taken, in this order,
from ``MEDTOUR_PASSPHRASE``, the OS keychain (service "MedTour Desk", user = the file's path; no
keychain backend is fine), or a prompt on a terminal; with none of those, or a wrong one, the
caller gets one UserError sentence and the file is untouched.

`encrypt_in_place` and `rekey` write the whole database into a new file beside it with SQLCipher's
``sqlcipher_export``, verify it, sync it and rename it over the old one: a crash at any moment leaves
the old file or the new one, whole. The plain file is first made self-contained (WAL folded in), and
the command holds its write lock throughout, so no other desk's write can land in between.
"""
from __future__ import annotations

import getpass
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from app import paths
from app.domain.atomic_file import atomic_path
from app.domain.errors import UserError, ValidationError
from app.safety.backups import STAMP_FORMAT, BackupFile, list_backups
from app.safety.passphrase import check_new_passphrase
from db import cipher

PASSPHRASE_ENV = "MEDTOUR_PASSPHRASE"
KEYRING_SERVICE = "MedTour Desk"
KDF_DESCRIPTION = (
    f"SQLCipher 4, AES-256; key from the passphrase by {cipher.KDF_NAME}, "
    f"{cipher.KDF_ITERATIONS:,} iterations, a random 16-byte salt per file"
)


class PassphraseNeededError(UserError):
    """An encrypted database and no way to get its passphrase (no variable, keychain or terminal)."""


class WrongPassphraseError(UserError):
    """The passphrase given does not open the encrypted database."""


class EncryptionError(UserError):
    """The file cannot be encrypted or rekeyed as asked; nothing was changed."""


#: How a face asks for a passphrase: (prompt) → the passphrase, or None when it cannot ask.
Ask = Callable[[str], "str | None"]


def ask_on_terminal(prompt: str) -> str | None:
    """getpass on a terminal; None when stdin is not one (a script, a pipe, the GUI's launcher)."""
    if not sys.stdin or not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(prompt)
    except (EOFError, OSError):
        return None


def _keychain_user(path: Path) -> str:
    return str(path.expanduser().resolve())


def keychain_passphrase(path: Path) -> str | None:
    """The passphrase kept in the OS keychain for this file; None without one (or without a keychain)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, _keychain_user(path))
    except Exception:  # noqa: BLE001 - no backend, a locked keychain, a D-Bus error: simply not there
        return None


def keep_in_keychain(path: Path, passphrase: str) -> bool:
    """Keep the passphrase in the OS keychain so the desk opens the file without asking; False when
    there is no keychain to keep it in."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, _keychain_user(path), passphrase)
    except Exception:  # noqa: BLE001 - no usable backend
        return False
    return True


def forget_in_keychain(path: Path) -> None:
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, _keychain_user(path))
    except Exception:  # noqa: BLE001 - nothing kept, or no backend
        return


def is_encrypted(path: Path | None) -> bool:
    return path is not None and cipher.is_encrypted(path)


def unlock_database(path: Path | None, *, ask: Ask | None = ask_on_terminal) -> None:
    """Make an encrypted database file openable in this process (its key remembered by db.cipher);
    nothing for a plain file, a server database or one already unlocked. Raises PassphraseNeededError
    or WrongPassphraseError (the file is only read)."""
    if path is None or not cipher.is_encrypted(path) or cipher.key_for(path) is not None:
        return
    tried: list[tuple[str, str]] = []
    if (from_env := os.environ.get(PASSPHRASE_ENV)):
        tried.append((from_env, PASSPHRASE_ENV))
    elif (kept := keychain_passphrase(path)) is not None:
        tried.append((kept, "the keychain"))
    elif ask is not None and (typed := ask(f"Passphrase for {path}: ")) is not None:
        tried.append((typed, "the passphrase typed"))
    if not tried:
        raise PassphraseNeededError(
            f"{path} is encrypted: give its passphrase in {PASSPHRASE_ENV}, keep it in the keychain, "
            "or run on a terminal to be asked; nothing was changed"
        )
    passphrase, source = tried[0]
    try:
        cipher.unlock(path, passphrase)
    except cipher.WrongPassphraseError:
        raise WrongPassphraseError(f"wrong passphrase for {path} (from {source}); nothing was changed") from None


def read_passphrases(stream, count: int) -> list[str]:
    """`count` passphrases, one a line, from `stream` (``--passphrase-stdin``); the line ends are not
    part of them."""
    lines = []
    for _ in range(count):
        line = stream.readline()
        if not line:
            break
        lines.append(line.rstrip("\r\n"))
    if len(lines) < count or any(not line for line in lines):
        wanted = "the passphrase" if count == 1 else "the old passphrase, then the new one, one a line,"
        raise ValidationError(f"expected {wanted} on standard input; nothing was changed")
    return lines


def create_encrypted(path: Path, passphrase: str) -> None:
    """Get ready to create a new encrypted database at `path` (missing or empty): its key is chosen
    (a new salt) and remembered, so the engine that makes the schema writes it encrypted."""
    check_new_passphrase(passphrase)
    cipher.remember(path, cipher.new_key(passphrase))


@dataclass(frozen=True)
class EncryptResult:
    database: Path
    backup: Path  # the verified encrypted copy taken first
    plain_backups: tuple[Path, ...]  # plain copies made before, still readable without the key
    removed: tuple[Path, ...] = field(default=())


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    """A connection holding the plain file's write lock (rollback journal, WAL folded in), so that
    no other connection writes while it is rewritten; EncryptionError when another one keeps it open."""
    conn = cipher.connect(path, timeout=10, isolation_level=None)
    try:
        mode = str(conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower()
        if mode != "delete":
            raise EncryptionError(f"{path} is open in another MedTour Desk window or command; close it and try again")
        conn.execute("BEGIN IMMEDIATE")
    except cipher.OPERATIONAL_ERRORS:
        conn.close()
        raise EncryptionError(f"{path} is open in another MedTour Desk window or command; close it and try again") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _verified_export(source: Path, dest: Path, key: cipher.FileKey, source_key: cipher.FileKey | None) -> None:
    cipher.export(source, dest, key=key, source_key=source_key)
    verdict = cipher.verify(dest, key=key)
    if verdict != "ok":
        raise EncryptionError(f"the encrypted copy did not verify ({verdict}); {source} was not changed")
    if _table_counts(dest, key) != _table_counts(source, source_key):
        raise EncryptionError(f"the encrypted copy does not hold every row; {source} was not changed")


def _table_counts(path: Path, key: cipher.FileKey | None) -> dict[str, int]:
    conn = cipher.connect(path, read_only=True, key=key, timeout=30)
    try:
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}
    finally:
        conn.close()


def _rewrite(path: Path, key: cipher.FileKey, source_key: cipher.FileKey | None, backup_to: Path | None,
             after_copy: Callable[[], None] | None = None) -> None:
    lock = _hold_write_lock(path)
    try:
        if backup_to is not None:
            with atomic_path(backup_to, private=True) as partial:
                _verified_export(path, partial, key, source_key)
            source = backup_to
        else:
            source = None
        with atomic_path(path, private=True) as partial:
            if source is not None:
                shutil.copyfile(source, partial)
            else:
                _verified_export(path, partial, key, source_key)
            if after_copy is not None:
                after_copy()  # the tests' moment to kill the process between copy and rename
            if os.name != "posix":  # Windows renames nothing over a file still open
                lock.close()
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    finally:
        lock.close()


def plain_backups(path: Path) -> list[BackupFile]:
    """The backups of this database that anyone can read (made before it was encrypted)."""
    return [b for b in list_backups(path) if not cipher.is_encrypted(b.path)]


def encrypt_in_place(path: Path, passphrase: str, *, remove_plain_backups: bool = False,
                     now: datetime | None = None) -> EncryptResult:
    """Encrypt the plain database file at `path` with `passphrase`: a verified encrypted backup first
    (in the backups folder), then the file itself, renamed into place. Plain backups made before are
    listed, and removed with `remove_plain_backups`."""
    if not path.is_file() or path.stat().st_size == 0:
        raise EncryptionError(f"no database at {path}; nothing was changed")
    if cipher.is_encrypted(path):
        raise EncryptionError(f"{path} is already encrypted; `medtour rekey` changes its passphrase")
    check_new_passphrase(passphrase)
    key = cipher.new_key(passphrase)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime(STAMP_FORMAT)
    backup = paths.backups_dir() / f"{path.stem}-before-encrypt-{stamp}.db"
    _rewrite(path, key, None, backup, after_copy=_crash_point())
    cipher.remember(path, key)
    plain = tuple(b.path for b in plain_backups(path))
    removed: tuple[Path, ...] = ()
    if remove_plain_backups:
        for file in plain:
            file.unlink(missing_ok=True)
        removed, plain = plain, ()
    return EncryptResult(path, backup, plain, removed)


def rekey(path: Path, old: str, new: str) -> None:
    """Give the encrypted file at `path` a new passphrase (and a new salt); WrongPassphraseError when
    `old` does not open it. Backups made before keep the old passphrase."""
    if not cipher.is_encrypted(path):
        raise EncryptionError(f"{path} is not encrypted; `medtour encrypt` encrypts it")
    check_new_passphrase(new)
    try:
        old_key = cipher.unlock(path, old)
    except cipher.WrongPassphraseError:
        raise WrongPassphraseError(f"wrong passphrase for {path}; nothing was changed") from None
    new_key = cipher.new_key(new)
    _rewrite(path, new_key, old_key, None, after_copy=_crash_point())
    cipher.forget(path)
    cipher.remember(path, new_key)
    if keychain_passphrase(path) is not None:
        keep_in_keychain(path, new)


def _crash_point() -> Callable[[], None] | None:
    """Tests only: MEDTOUR_TEST_PAUSE_BEFORE_RENAME=<file> makes the rewrite touch that file and wait
    there, before the rename, so a test can kill the process at the worst moment."""
    marker = os.environ.get("MEDTOUR_TEST_PAUSE_BEFORE_RENAME")
    if not marker:
        return None

    def pause() -> None:
        import time

        Path(marker).touch()
        time.sleep(60)

    return pause
