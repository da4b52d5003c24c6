"""The database a command works on (`--db`, else MEDTOUR_DB, else the user data folder), and
`medtour init PATH`.

Commands that only read open it with `open_existing`: a missing file is an error naming the path.
Commands that write new leads (`init`, `demo`, `import`, `lead add`) use `open_or_create`, which may
make the file in an existing folder. Folders are made only by `medtour init`. The decision itself
is `app.storage`'s.
"""
from __future__ import annotations

import argparse
import sys

from db.engine import Database


def target(args: argparse.Namespace) -> str | None:
    return getattr(args, "db", None)


def _opened(args: argparse.Namespace, db: Database) -> Database:
    """Remembered on the arguments, so `close_all` disposes of it when the command ends. A file on a
    network share gets its warning on stderr, once; what opening it did (`Database.notes`) too."""
    from app.storage import network_share_warning, reerased

    if (again := reerased(db)) is not None:
        print(f"note: {again.words()}", file=sys.stderr)
    if not hasattr(args, "opened_databases"):
        args.opened_databases = []
    if (warning := network_share_warning(db)) is not None and all(o.location != db.location for o in args.opened_databases):
        print(f"warning: {warning}", file=sys.stderr)
    for note in db.notes:  # what opening it did: an interrupted restore completed, leftovers removed
        print(f"note: {note}", file=sys.stderr)
    args.opened_databases.append(db)
    return db


def open_existing(args: argparse.Namespace) -> Database:
    from app.storage import open_database

    return _opened(args, open_database(target(args)))


def open_or_create(args: argparse.Namespace) -> Database:
    from app.storage import open_database

    return _opened(args, open_database(target(args), create=True))


def close_all(args: argparse.Namespace) -> None:
    for db in getattr(args, "opened_databases", ()):
        db.dispose()


def cmd_init(args: argparse.Namespace) -> int:
    from app.storage import new_database

    passphrase = None
    if args.encrypt or args.passphrase_stdin:
        from app.cli.passphrase_input import new_passphrase

        passphrase = new_passphrase(args)
    location = _opened(args, new_database(args.path, passphrase=passphrase)).location
    print(f"created an empty{' encrypted' if passphrase is not None else ''} database at {location}")
    return 0


def register(sub, _lead_sub) -> None:
    p = sub.add_parser("init", help="create a new, empty database (and its folders) at PATH")
    p.add_argument("path", metavar="PATH|URL", help="the new database file, or a server database URL")
    p.add_argument("--encrypt", action="store_true",
                   help="encrypt it at rest with a passphrase (SQLCipher 4; from --passphrase-stdin, MEDTOUR_PASSPHRASE or typed)")
    p.add_argument("--passphrase-stdin", action="store_true",
                   help="read the passphrase from the first line of standard input (implies --encrypt)")
    p.set_defaults(handler=cmd_init)
