"""Writing a file so that readers see the old one or the complete new one, never half of it: the
one way the app writes files (exports, import reports, packets, personal-data exports, backups,
restored databases).

The new content goes to a hidden temporary file beside the target (`.<name>.<random>.partial`,
created 0600), is flushed to disk, then renamed over the target in one step and the folder's entry
made durable. On any error the temporary file is removed and the target is left as it was; a
process killed midway leaves the target as it was too (and at most a `.partial` file beside it).
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

#: What every temporary file's name ends with.
PARTIAL_SUFFIX = ".partial"


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename or new entry in `folder` durable (POSIX; Windows has no folder handles)."""
    if os.name == "posix":
        _fsync_path(folder)


@contextmanager
def atomic_path(path: str | os.PathLike[str], *, private: bool = False) -> Iterator[Path]:
    """A temporary path beside `path` for whatever writes the new file by name (SQLite's backup
    API); when the block ends without an error it is synced and renamed to `path`. The file exists
    (empty, 0600) when the block starts. `private` keeps it 0600 even if the writer changed it."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX, dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        if private and os.name == "posix":
            os.chmod(temp, 0o600)
        _fsync_path(temp)
        os.replace(temp, target)
        fsync_folder(target.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", *, encoding: str | None = "utf-8",
                 newline: str | None = None, private: bool = False) -> Iterator[IO]:
    """An open file (text, or binary with "wb") whose content replaces `path` when the block ends."""
    with atomic_path(path, private=private) as temp:
        binary = "b" in mode
        with open(temp, mode, encoding=None if binary else encoding, newline=None if binary else newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes, *, private: bool = False) -> Path:
    with atomic_write(path, "wb", private=private) as handle:
        handle.write(data)
    return Path(path)


def private_temp_folder(prefix: str) -> Path:
    """A new folder in the system's temporary folder that only this user may open (0700), for a
    file handed to another program (a medical document opened in the system's viewer)."""
    return Path(tempfile.mkdtemp(prefix=prefix))
