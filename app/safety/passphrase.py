"""The optional app lock's passphrase and idle rule, without Qt.

Only an Argon2id hash is ever stored (argon2-cffi's PasswordHasher, RFC 9106 low-memory
parameters); the clear text lives only in the widget that asked for it. `needs_rehash` tells the
UI to store a fresh hash after a successful unlock when the parameters have moved on.
"""
from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.domain.errors import ValidationError

MIN_LENGTH = 8
MAX_LENGTH = 1024
#: Idle minutes a user may choose; 0 means the lock is off.
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 240
DEFAULT_IDLE_MINUTES = 10

_hasher = PasswordHasher()


def check_new_passphrase(passphrase: str) -> None:
    """Raise ValidationError (one sentence) for a passphrase too weak or too long to keep."""
    if len(passphrase) < MIN_LENGTH:
        raise ValidationError(f"the passphrase needs at least {MIN_LENGTH} characters")
    if len(passphrase) > MAX_LENGTH:
        raise ValidationError(f"the passphrase may have at most {MAX_LENGTH} characters")
    if not passphrase.strip():
        raise ValidationError("the passphrase cannot be only spaces")


def hash_passphrase(passphrase: str) -> str:
    """The Argon2id hash to store (never the passphrase itself)."""
    check_new_passphrase(passphrase)
    return _hasher.hash(passphrase)


def verify_passphrase(stored_hash: str | None, attempt: str) -> bool:
    """True when `attempt` matches; False for a wrong attempt or an unreadable stored hash."""
    if not stored_hash or not attempt:
        return False
    try:
        return _hasher.verify(stored_hash, attempt)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def check_idle_minutes(minutes: int) -> int:
    if not MIN_IDLE_MINUTES <= minutes <= MAX_IDLE_MINUTES:
        raise ValidationError(f"lock after between {MIN_IDLE_MINUTES} and {MAX_IDLE_MINUTES} idle minutes")
    return minutes


@dataclass
class IdleRule:
    """When to lock: after `minutes` without user input. Times are monotonic seconds."""

    minutes: int
    last_activity: float

    def touch(self, now: float) -> None:
        self.last_activity = max(self.last_activity, now)

    def idle_seconds(self, now: float) -> float:
        return max(0.0, now - self.last_activity)

    def should_lock(self, now: float) -> bool:
        return self.minutes > 0 and self.idle_seconds(now) >= self.minutes * 60
