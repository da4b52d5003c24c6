"""`medtour encrypt` and `medtour rekey`: encryption at rest of an SQLite database file
(app.safety.encryption says how; db.cipher the format and the KDF).

    medtour --db PATH encrypt --passphrase-stdin [--remove-plain-backups] [--json]
    medtour --db PATH rekey --passphrase-stdin [--json]     (old, then new passphrase, one a line)

`medtour init PATH --encrypt [--passphrase-stdin]` (app/cli/database.py) makes a new encrypted one.
Without --passphrase-stdin the passphrase comes from MEDTOUR_PASSPHRASE, else a prompt on a terminal
(asked twice for a new one).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.database import target
from app.cli.output import print_json
from app.cli.passphrase_input import new_passphrase, typed_twice
from app.domain.errors import UserError, ValidationError


def database_file(args: argparse.Namespace) -> Path:
    from app.storage import database_url
    from db.engine import sqlite_file

    path = sqlite_file(database_url(target(args)))
    if path is None:
        raise UserError("encryption at rest is for SQLite files; a server database is protected by its server")
    if not path.is_file():
        raise UserError(f"no database at {path}; nothing was changed")
    return path


def cmd_encrypt(args: argparse.Namespace) -> int:
    from app.safety.encryption import KDF_DESCRIPTION, encrypt_in_place

    path = database_file(args)
    result = encrypt_in_place(path, new_passphrase(args), remove_plain_backups=args.remove_plain_backups)
    if args.json:
        print_json({
            "database": str(result.database), "encrypted": True, "backup": str(result.backup),
            "plain_backups": [str(p) for p in result.plain_backups], "removed": [str(p) for p in result.removed],
            "kdf": KDF_DESCRIPTION,
        })
        return 0
    print(f"encrypted {result.database} ({KDF_DESCRIPTION})")
    print(f"encrypted backup taken first: {result.backup}")
    for removed in result.removed:
        print(f"removed plain backup: {removed}")
    if result.plain_backups:
        print(f"{len(result.plain_backups)} plain backup(s) made before are still readable without the passphrase "
              "(--remove-plain-backups removes them):")
        for plain in result.plain_backups:
            print(f"  {plain}")
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    from app.safety.encryption import ask_on_terminal, read_passphrases, rekey

    path = database_file(args)
    if args.passphrase_stdin:
        old, new = read_passphrases(sys.stdin, 2)
    else:
        typed = ask_on_terminal("The current passphrase: ")
        if typed is None:
            raise ValidationError("give the old and the new passphrase with --passphrase-stdin; nothing was changed")
        old, new = typed, typed_twice("new passphrase")
    rekey(path, old, new)
    if args.json:
        print_json({"database": str(path), "rekeyed": True})
    else:
        print(f"changed the passphrase of {path}; backups made before keep the old one")
    return 0


def register(sub, _lead_sub) -> None:
    p = sub.add_parser("encrypt", help="encrypt the (plain SQLite) database in place, after a verified encrypted backup")
    p.add_argument("--passphrase-stdin", action="store_true", help="read the passphrase from the first line of standard input")
    p.add_argument("--remove-plain-backups", action="store_true", help="also delete the plain backups made before")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_encrypt)

    p = sub.add_parser("rekey", help="change the passphrase of an encrypted database")
    p.add_argument("--passphrase-stdin", action="store_true",
                   help="read the old passphrase, then the new one, one a line, from standard input")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_rekey)
