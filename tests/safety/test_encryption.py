"""Encryption at rest (SQLCipher 4): the file reads as noise to anyone without the passphrase, every
command works with it, and converting or rekeying never leaves a database that cannot be opened."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from db import cipher
from tests.safety.conftest import PEOPLE, found_in_files, make_person

PASSPHRASE = "correct horse battery"
NEW_PASSPHRASE = "staple gun lighthouse"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_key_outlives_a_test(monkeypatch):
    monkeypatch.delenv("MEDTOUR_PASSPHRASE", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")  # no real keychain here
    yield
    with cipher._lock:
        cipher._by_path.clear()
        cipher._by_salt.clear()


def medtour(*args: str, stdin: str | None = None, passphrase: str | None = None, extra_env: dict | None = None,
            ) -> subprocess.CompletedProcess:
    env = {**os.environ, **(extra_env or {})}
    env.pop("MEDTOUR_PASSPHRASE", None)
    if passphrase is not None:
        env["MEDTOUR_PASSPHRASE"] = passphrase
    return subprocess.run([sys.executable, "-m", "app.cli", *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=180, stdin=None if stdin is not None else subprocess.DEVNULL)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lead_count(path: Path, passphrase: str | None) -> int:
    """Leads in the file, read the way any other program would: plain sqlite3, or SQLCipher with the
    passphrase (its own KDF, not this app's cache)."""
    if passphrase is None:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    else:
        conn = cipher.dbapi.connect(f"file:{path}?mode=ro", uri=True)
        conn.execute("PRAGMA key = " + "'" + passphrase.replace("'", "''") + "'")
    try:
        return conn.execute("SELECT count(*) FROM leads").fetchone()[0]
    finally:
        conn.close()


def decrypted_bytes(path: Path, key: cipher.FileKey, page_size: int = 4096) -> bytes:
    """Every page of an SQLCipher 4 file (or its WAL's frames) decrypted — free pages included, which
    an export would leave out: AES-256-CBC, the IV in the 80 bytes reserved at the end of each page."""
    data = path.read_bytes()
    reserve = 80
    pages: list[tuple[int, bytes]] = []
    if path.name.endswith("-wal"):
        offset = 32
        while offset + 24 + page_size <= len(data):
            number = int.from_bytes(data[offset:offset + 4], "big")
            pages.append((number, data[offset + 24:offset + 24 + page_size]))
            offset += 24 + page_size
    else:
        pages = [(i // page_size + 1, data[i:i + page_size]) for i in range(0, len(data), page_size)]
    out = bytearray()
    for number, page in pages:
        start = cipher.SALT_BYTES if number == 1 else 0
        decryptor = Cipher(algorithms.AES(key.key), modes.CBC(page[page_size - reserve:page_size - reserve + 16])).decryptor()
        out += decryptor.update(page[start:page_size - reserve]) + decryptor.finalize()
    return bytes(out)


def new_encrypted(path: Path) -> None:
    done = medtour("init", str(path), "--encrypt", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr
    assert "created an empty encrypted database" in done.stdout


def test_the_raw_file_holds_no_plaintext_and_the_system_sqlite3_cannot_read_it(tmp_path, clock, monkeypatch):
    from app.domain.demo_data import generate_demo
    from app.safety.backups import make_backup
    from app.storage import open_database

    plain_path, path = tmp_path / "plain.db", tmp_path / "secret.db"
    plain = open_database(plain_path, create=True)
    control = make_person(plain, clock, 0)
    plain.checkpoint()
    plain.dispose()
    assert found_in_files([plain_path], control.secrets), "the scan must see a person in a plain file"

    new_encrypted(path)
    assert path.read_bytes()[:16] != cipher.SQLITE_HEADER
    monkeypatch.setenv("MEDTOUR_PASSPHRASE", PASSPHRASE)
    db = open_database(path)
    try:
        generate_demo(db, 50, seed=3)
        people = [make_person(db, clock, i) for i in range(len(PEOPLE))]
        backup = make_backup(db, clock=clock).backup.path
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm"), backup]
        for p in people:  # before and after folding the WAL in
            assert found_in_files(files, p.secrets) == {}, p.reference
        db.checkpoint()
        for p in people:
            assert found_in_files(files, p.secrets) == {}, p.reference
    finally:
        db.dispose()

    sqlite = shutil.which("sqlite3")
    assert sqlite, "the system sqlite3 shell is needed (Debian package sqlite3; scripts/system-deps.sh)"
    for file in (path, backup):
        shell = subprocess.run([sqlite, str(file), "SELECT count(*) FROM leads;"], capture_output=True, text=True, timeout=60)
        assert shell.returncode != 0 and "not a database" in shell.stderr, (shell.stdout, shell.stderr)
    assert lead_count(path, PASSPHRASE) == 54
    assert lead_count(backup, PASSPHRASE) == 54  # the backup: the same key, and the passphrase opens it


def test_a_wrong_or_missing_passphrase_is_one_line_exit_1_and_the_file_untouched(tmp_path):
    path = tmp_path / "secret.db"
    new_encrypted(path)
    before = sha256(path)
    for command in (["check"], ["leads"], ["backup"], ["export", str(tmp_path / "out.csv")], ["erase", "--yes", "L-2026-00001"]):
        wrong = medtour("--db", str(path), *command, passphrase="not the passphrase")
        assert wrong.returncode == 1, (command, wrong.stdout, wrong.stderr)
        assert wrong.stderr.count("\n") == 1 and "wrong passphrase for" in wrong.stderr, wrong.stderr
        missing = medtour("--db", str(path), *command)  # stdin is not a terminal; no variable, no keychain
        assert missing.returncode == 1 and missing.stderr.count("\n") == 1, missing.stderr
        assert "is encrypted: give its passphrase in MEDTOUR_PASSPHRASE" in missing.stderr
    assert sha256(path) == before
    assert not Path(f"{path}-wal").exists() and not (tmp_path / "out.csv").exists()
    assert medtour("--db", str(path), "check", passphrase=PASSPHRASE).returncode == 0


def test_rekey_changes_the_passphrase_and_the_old_one_is_refused(tmp_path):
    path = tmp_path / "secret.db"
    new_encrypted(path)
    assert medtour("--db", str(path), "lead", "add", "--name", "Olga Petrova", "--email", "olga@example.org", passphrase=PASSPHRASE).returncode == 0
    wrong = medtour("--db", str(path), "rekey", "--passphrase-stdin", stdin=f"guess\n{NEW_PASSPHRASE}\n")
    assert wrong.returncode == 1 and "wrong passphrase" in wrong.stderr
    done = medtour("--db", str(path), "rekey", "--passphrase-stdin", "--json", stdin=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"database": str(path), "rekeyed": True}
    old = medtour("--db", str(path), "check", passphrase=PASSPHRASE)
    assert old.returncode == 1 and "wrong passphrase" in old.stderr
    assert medtour("--db", str(path), "check", passphrase=NEW_PASSPHRASE).returncode == 0
    assert lead_count(path, NEW_PASSPHRASE) == 1


def test_encrypt_in_place_takes_an_encrypted_backup_and_lists_or_removes_plain_ones(tmp_path, clock):
    from app import paths
    from app.safety.backups import make_backup
    from app.storage import open_database

    path = tmp_path / "desk.db"
    db = open_database(path, create=True)
    person = make_person(db, clock, 1)
    plain_backup = make_backup(db, clock=clock).backup.path
    db.dispose()

    done = medtour("--db", str(path), "encrypt", "--passphrase-stdin", "--json", stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"database", "encrypted", "backup", "plain_backups", "removed", "kdf"}
    assert result["plain_backups"] == [str(plain_backup)] and result["removed"] == []
    assert "PBKDF2-HMAC-SHA512, 256,000 iterations" in result["kdf"]
    backup = Path(result["backup"])
    assert backup.parent == paths.backups_dir()
    for file in (path, backup):
        assert cipher.is_encrypted(file) and found_in_files([file], person.secrets) == {}
        assert lead_count(file, PASSPHRASE) == 1
    assert not Path(f"{path}-wal").exists() or found_in_files([Path(f"{path}-wal")], person.secrets) == {}
    again = medtour("--db", str(path), "encrypt", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert again.returncode == 1 and "already encrypted" in again.stderr

    shown = medtour("--db", str(path), "lead", "show", person.reference, passphrase=PASSPHRASE)
    assert shown.returncode == 0 and PEOPLE[1][0] in shown.stdout

    other = tmp_path / "other.db"
    db = open_database(other, create=True)
    make_person(db, clock, 2)
    other_plain = make_backup(db, clock=clock).backup.path
    db.dispose()
    done = medtour("--db", str(other), "encrypt", "--passphrase-stdin", "--remove-plain-backups", stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr
    assert f"removed plain backup: {other_plain}" in done.stdout and not other_plain.exists()
    assert plain_backup.exists()  # another database's backups are not touched


def test_restoring_an_encrypted_backup_needs_its_key(tmp_path, clock, monkeypatch):
    from app.safety.backups import make_backup
    from app.safety.database_file import NotAMedTourDatabaseError
    from app.safety.restore import restore_database
    from app.storage import open_database

    path = tmp_path / "secret.db"
    new_encrypted(path)
    monkeypatch.setenv("MEDTOUR_PASSPHRASE", PASSPHRASE)
    db = open_database(path)
    make_person(db, clock, 0)
    backup = make_backup(db, clock=clock).backup.path
    db.dispose()
    restored = restore_database(path, backup, clock=clock)
    assert restored.info.leads == 1 and cipher.is_encrypted(path)
    assert lead_count(path, PASSPHRASE) == 1
    with cipher._lock:  # another process, which knows no key: the backup is not a database it can restore
        cipher._by_path.clear()
        cipher._by_salt.clear()
    before = sha256(path)
    with pytest.raises(NotAMedTourDatabaseError):
        restore_database(path, backup, clock=clock)
    assert sha256(path) == before


def _openable(path: Path) -> str:
    """"plain" or "encrypted" when the file opens whole (integrity ok, the lead there), else fail."""
    if path.read_bytes()[:16] == cipher.SQLITE_HEADER:
        conn = sqlite3.connect(path)
        kind = "plain"
    else:
        conn = cipher.dbapi.connect(str(path))
        conn.execute("PRAGMA key = " + "'" + PASSPHRASE + "'")
        kind = "encrypted"
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM leads").fetchone()[0] == 1
    finally:
        conn.close()
    return kind


def test_sigkill_during_encrypt_leaves_the_plain_or_the_encrypted_file(tmp_path, clock):
    from app.storage import open_database

    source = tmp_path / "source.db"
    db = open_database(source, create=True)
    make_person(db, clock, 0)
    db.dispose()
    kinds = set()
    # Killed at the worst moment (copy written, not yet renamed), then at moments chosen by time.
    for attempt, delay in enumerate((None, 0.3, 0.6, 0.9, 1.2, 1.6, 2.5)):
        path = tmp_path / f"desk-{attempt}.db"
        shutil.copyfile(source, path)
        marker = tmp_path / f"paused-{attempt}"
        env = {**os.environ, "MEDTOUR_PASSPHRASE": ""}
        if delay is None:
            env["MEDTOUR_TEST_PAUSE_BEFORE_RENAME"] = str(marker)
        proc = subprocess.Popen([sys.executable, "-m", "app.cli", "--db", str(path), "encrypt", "--passphrase-stdin"],
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=REPO)
        assert proc.stdin is not None
        proc.stdin.write(f"{PASSPHRASE}\n".encode())
        proc.stdin.close()
        if delay is None:
            deadline = time.monotonic() + 120
            while not marker.exists():
                assert proc.poll() is None and time.monotonic() < deadline, "never reached the rename"
                time.sleep(0.05)
        else:
            time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        kind = _openable(path)
        if delay is None:
            assert kind == "plain"  # killed before the rename: the old file, whole
        kinds.add(kind)
        assert not Path(f"{path}-journal").exists() or _openable(path)
    assert "plain" in kinds
    path = tmp_path / "desk-whole.db"
    shutil.copyfile(source, path)
    assert medtour("--db", str(path), "encrypt", "--passphrase-stdin", stdin=PASSPHRASE + "\n").returncode == 0
    assert _openable(path) == "encrypted"


def test_erasure_inside_an_encrypted_file_leaves_nothing_readable_after_decrypting(tmp_path, clock, monkeypatch):
    from app import paths
    from app.domain.demo_data import generate_demo
    from app.safety.backups import make_backup
    from app.safety.erasure import erase_person
    from app.storage import open_database

    path = tmp_path / "scan.db"
    new_encrypted(path)
    monkeypatch.setenv("MEDTOUR_PASSPHRASE", PASSPHRASE)
    db = open_database(path)
    key = cipher.key_for(path)
    assert key is not None

    def scan(p) -> dict[str, list[str]]:
        hits: dict[str, list[str]] = {}
        for file in [path, Path(f"{path}-wal"), *paths.backups_dir().glob("*.db")]:
            if file.exists() and file.stat().st_size:
                data = decrypted_bytes(file, key)
                found = sorted({s for s in p.secrets if s.encode() in data or s.casefold().encode() in data})
                if found:
                    hits[file.name] = found
        return hits

    try:
        generate_demo(db, 150, seed=7)
        people = [make_person(db, clock, i) for i in range(len(PEOPLE))]
        generate_demo(db, 150, seed=8)
        db.checkpoint()
        assert scan(people[0]), "decrypted, the file must show the person before erasure"
        for p in people:
            erase_person(db, p.reference, clock=clock)
        make_backup(db, clock=clock)
        for p in people:
            assert scan(p) == {}, p.reference
    finally:
        db.dispose()
