"""The app lock's passphrase: only an Argon2id hash is kept; the idle rule."""
from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from app.domain.errors import ValidationError
from app.safety.passphrase import IdleRule, check_idle_minutes, hash_passphrase, needs_rehash, verify_passphrase


def test_hash_verifies_and_never_contains_the_passphrase():
    secret = "correct horse battery"
    stored = hash_passphrase(secret)
    assert stored.startswith("$argon2id$") and secret not in stored
    assert hash_passphrase(secret) != stored  # salted
    assert verify_passphrase(stored, secret)
    assert not verify_passphrase(stored, "correct horse battery ")
    assert not verify_passphrase(stored, "")
    assert not verify_passphrase("not a hash", secret)
    assert not verify_passphrase(None, secret)
    assert not needs_rehash(stored)


def test_weak_hashes_ask_for_a_rehash():
    old = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("correct horse battery")
    assert verify_passphrase(old, "correct horse battery") and needs_rehash(old)
    assert needs_rehash("garbage")


@pytest.mark.parametrize("bad", ["short", "", " " * 12, "x" * 2000])
def test_weak_or_absurd_passphrases_are_refused(bad):
    with pytest.raises(ValidationError):
        hash_passphrase(bad)


def test_idle_rule():
    rule = IdleRule(minutes=5, last_activity=100.0)
    assert not rule.should_lock(100.0 + 299)
    assert rule.should_lock(100.0 + 300)
    rule.touch(350.0)
    assert not rule.should_lock(600.0) and rule.should_lock(650.0)
    rule.touch(10.0)  # a late event never moves the clock back
    assert rule.last_activity == 350.0
    assert not IdleRule(minutes=0, last_activity=0).should_lock(10**9)
    with pytest.raises(ValidationError):
        check_idle_minutes(0)
