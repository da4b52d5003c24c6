"""How a command gets a passphrase to encrypt a database with (`medtour init --encrypt`,
`medtour encrypt`, `medtour rekey`): one line of standard input with --passphrase-stdin, else
MEDTOUR_PASSPHRASE, else typed twice on a terminal. Opening an encrypted database asks by itself
(app.safety.encryption.unlock_database)."""
from __future__ import annotations

import argparse
import os
import sys

from app.domain.errors import ValidationError


def new_passphrase(args: argparse.Namespace, what: str = "new passphrase") -> str:
    """A passphrase to encrypt with: one line of stdin (--passphrase-stdin), else MEDTOUR_PASSPHRASE,
    else typed twice on a terminal."""
    from app.safety.encryption import PASSPHRASE_ENV, read_passphrases

    if args.passphrase_stdin:
        return read_passphrases(sys.stdin, 1)[0]
    if (from_env := os.environ.get(PASSPHRASE_ENV)):
        return from_env
    return typed_twice(what)


def typed_twice(what: str) -> str:
    from app.safety.encryption import PASSPHRASE_ENV, ask_on_terminal

    first = ask_on_terminal(f"The {what}: ")
    if first is None:
        raise ValidationError(f"give the passphrase with --passphrase-stdin or {PASSPHRASE_ENV}; nothing was changed")
    if ask_on_terminal(f"The {what} again: ") != first:
        raise ValidationError("the two passphrases differ; nothing was changed")
    return first
