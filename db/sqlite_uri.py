"""Opening an SQLite file read-only by name, whatever characters its path holds.

SQLite's read-only open mode needs a ``file:`` URI, and a URI gives ``#``, ``?`` and ``%`` their
URI meanings: ``Clinic #2/medtour.db`` would open ``Clinic `` (and create it), ``backup%2Dnew.db``
would open ``backup-new.db``. The path is therefore percent-encoded here, once, for every
read-only open in the app (backups, restores, file inspection).
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote


def read_only_uri(path: str | os.PathLike[str]) -> str:
    """The ``file:`` URI that opens `path` read-only and never creates it.

    Every byte outside the unreserved set is percent-encoded (``#``, ``?``, ``%``, spaces,
    backslashes, non-ASCII as UTF-8); on Windows the drive's path gets the ``file:///C:/…`` form.
    """
    absolute = Path(os.path.abspath(os.fspath(path)))
    text = "/" + absolute.as_posix() if os.name == "nt" else os.fspath(absolute)  # Windows: /C:/…
    return "file:" + quote(os.fsencode(text), safe="/:") + "?mode=ro"


def connect_read_only(path: str | os.PathLike[str], *, timeout: float = 30.0) -> sqlite3.Connection:
    """An sqlite3 connection to the existing file `path`, read-only (SQLITE_CANTOPEN when it is missing)."""
    return sqlite3.connect(read_only_uri(path), uri=True, timeout=timeout)
