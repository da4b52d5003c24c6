"""The erasure ledger: which people were erased, kept outside the database so that erasure stays
erased when an older copy of the database comes back (a restore, a copy opened with --db).

It holds no personal data: per erased lead its reference, when the lead was created (to tell the
same lead in an older copy from another database's lead with the same reference) and when it was
erased; and, to recognise the same person re-imported from an old file, only salted hashes
(HMAC-SHA-256) of their identifiers: phones in E.164, emails normalised. The salt is this
installation's own (a random file beside the ledger, never inside a database), so a copy of the
ledger alone cannot be matched against a list of phone numbers.

Both files live in the data folder, private (0600): ``erasure-ledger.jsonl``, one JSON object a
line, appended and fsynced before the erasure is reported; ``erasure-ledger.salt``. A line torn by
a crash is skipped when read.

Used by app.safety.erasure (records each erasure, re-applies the ledger to every database opened)
and by app.domain.lead_batch (an imported row of an erased person is rejected).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app import paths
from app.domain.atomic_file import append_durably

LEDGER_NAME = "erasure-ledger.jsonl"
SALT_NAME = "erasure-ledger.salt"
FORMAT_VERSION = 1
_SALT_BYTES = 32


@dataclass(frozen=True)
class LedgerEntry:
    reference: str
    #: When the erased lead was created (`moment`), to match the same lead in an older copy.
    created_at: str | None
    erased_at: datetime
    #: Salted hashes of the person's phones and emails.
    identifiers: frozenset[str]


def ledger_path(folder: Path | None = None) -> Path:
    return (folder or paths.data_dir()) / LEDGER_NAME


def moment(value: datetime | None) -> str | None:
    """A time as the ledger compares it: UTC, to the second (a database may hand it back naive)."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="seconds")


def _private_create(path: Path, data: bytes) -> None:
    append_durably(path, data, exclusive=True)


def installation_salt(folder: Path | None = None) -> bytes:
    """This installation's salt, made on first use (random, 0600)."""
    path = (folder or paths.data_dir()) / SALT_NAME
    try:
        salt = path.read_bytes()
    except FileNotFoundError:
        with suppress(FileExistsError):  # another process made it first: use theirs
            _private_create(path, secrets.token_bytes(_SALT_BYTES))
        salt = path.read_bytes()
    if len(salt) < 16:
        raise OSError(f"{path} is damaged (too short); restore it from a copy of the data folder")
    return salt


def _hash(salt: bytes, kind: str, value: str) -> str:
    return hmac.new(salt, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def identifier_hashes(phones_e164: Iterable[str | None], emails: Iterable[str | None], *,
                      salt: bytes | None = None) -> frozenset[str]:
    """The salted hashes of the phones (E.164) and emails (normalised: trimmed, case-folded)."""
    salt = salt if salt is not None else installation_salt()
    found = {_hash(salt, "phone", phone.strip()) for phone in phones_e164 if phone and phone.strip()}
    found |= {_hash(salt, "email", email.strip().casefold()) for email in emails if email and email.strip()}
    return frozenset(found)


def record_erasure(entries: Iterable[LedgerEntry], folder: Path | None = None) -> None:
    """Append `entries` to the ledger and make them durable (fsync) before returning."""
    lines = "".join(json.dumps({"v": FORMAT_VERSION, "reference": e.reference, "created_at": e.created_at,
                                "erased_at": e.erased_at.isoformat(), "ids": sorted(e.identifiers)},
                               separators=(",", ":")) + "\n" for e in entries)
    if not lines:
        return
    append_durably(ledger_path(folder), lines.encode())


def read_ledger(folder: Path | None = None) -> list[LedgerEntry]:
    """Every entry, oldest first; a line torn by a crash (or not understood) is skipped."""
    path = ledger_path(folder)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    entries = []
    for line in text.splitlines():
        try:
            raw = json.loads(line)
            entries.append(LedgerEntry(str(raw["reference"]), raw.get("created_at"),
                                       datetime.fromisoformat(raw["erased_at"]), frozenset(raw.get("ids") or ())))
        except (ValueError, KeyError, TypeError):
            continue
    return entries


class ErasedPeople:
    """The ledger loaded once, for many rows: `erased_on` says whether a row's phones or emails
    belong to someone erased, and when."""

    def __init__(self, folder: Path | None = None) -> None:
        self.entries = read_ledger(folder)
        self._folder = folder
        self._salt: bytes | None = None
        self._by_hash: dict[str, datetime] = {}
        for entry in self.entries:
            for value in entry.identifiers:
                self._by_hash.setdefault(value, entry.erased_at)

    def __bool__(self) -> bool:
        return bool(self._by_hash)

    def erased_on(self, phones_e164: Iterable[str | None], emails: Iterable[str | None]) -> datetime | None:
        if not self._by_hash:
            return None
        if self._salt is None:
            self._salt = installation_salt(self._folder)
        for value in identifier_hashes(phones_e164, emails, salt=self._salt):
            if value in self._by_hash:
                return self._by_hash[value]
        return None


def erased_words(when: datetime) -> str:
    """The reason an imported row of an erased person is rejected."""
    return f"erased at the person's request on {when:%Y-%m-%d}"
