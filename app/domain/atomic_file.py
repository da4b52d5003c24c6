"""Writing a file so that readers see the old one or the complete new one, never half of it: the
one way the app writes files (exports, import reports, packets, personal-data exports, backups,
restored databases).

The new content goes to a hidden temporary file beside the target (`.<name>.<random>.partial`,
created 0600), is flushed to disk, then renamed over the target in one step and the folder's entry
made durable. On any error the temporary file is removed and the target is left as it was; a
process killed midway leaves the target as it was too (and at most a `.partial` file beside it).

A `.partial` file may hold personal data (a backup, an export), so none is forgotten: each is
recorded in the data folder's ``in-progress`` list before it is even created, and struck off when
it is renamed or removed; its writer holds a lock (POSIX ``flock``) on the note and on the file
while it works.
`clean_partial_files`, run when a database is opened, removes the ones whose writer is gone
(killed, or the machine stopped), wherever they were written, plus any found in the folders it is
given; one still being written by a live process is left alone.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from app import paths

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: an open file cannot be deleted there anyway
    fcntl = None  # type: ignore[assignment]

#: What every temporary file's name ends with.
PARTIAL_SUFFIX = ".partial"
#: Files SQLite may leave beside a temporary database it wrote.
_COMPANIONS = ("-journal", "-wal", "-shm")


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


def fsync_file(path: Path) -> None:
    """Make a file's content durable (before a note that relies on it is written)."""
    _fsync_path(path)


def append_durably(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Append `data` to the file at `path` (made 0600 when new; with `exclusive`, only a new file)
    and make it durable, the folder's entry too when the file is new. For append-only logs (the
    erasure ledger), where replacing the whole file would be wrong."""
    new = exclusive or not path.exists()
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_APPEND)
    fd = os.open(path, flags, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    if new:
        fsync_folder(path.parent)


# ------------------------------------------------------------------ locks and the in-progress list


def _lock(fd: int, *, wait: bool) -> bool:
    """An exclusive lock on the open file `fd`, held until it is closed; False when another
    process holds it (only when not `wait`). Always True where there are no such locks."""
    if fcntl is None:  # pragma: no cover - Windows
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _in_progress_dir() -> Path:
    return paths.data_dir() / "in-progress"


class _Note:
    """One line of the in-progress list: a file naming the temporary file, written (and locked by
    its writer) before that file exists, so a kill at any moment leaves nothing unrecorded."""

    def __init__(self, temp: Path) -> None:
        self.path: Path | None = _in_progress_dir() / f"{uuid.uuid4().hex}.path"
        self._fd = -1
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # its notes name files of personal data
            self._fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            _lock(self._fd, wait=True)
            os.write(self._fd, os.fspath(temp).encode("utf-8"))
        except OSError:  # the data folder cannot be written: the folder scan still finds the file
            self.strike()

    def strike(self) -> None:
        if self.path is not None:
            with suppress(OSError):
                self.path.unlink(missing_ok=True)
            self.path = None
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


@contextmanager
def _new_partial(target: Path) -> Iterator[Path]:
    """A new, empty, locked and recorded temporary file beside `target`; removed unless renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = target.parent.resolve()
    while True:
        temp = folder / f".{target.name}.{uuid.uuid4().hex[:10]}{PARTIAL_SUFFIX}"
        note = _Note(temp)  # recorded first: a kill right after the file is made leaves it on the list
        try:
            fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
        except FileExistsError:
            note.strike()
            continue
        except BaseException:
            note.strike()
            raise
        _lock(fd, wait=True)
        try:  # a cleaner that locked it first (between the two calls) may have removed it: take another name
            if os.stat(temp).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)
        note.strike()
    if fcntl is None:  # pragma: no cover - Windows: no locks, and an open file cannot be renamed
        os.close(fd)
        fd = -1
    try:
        yield temp
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    finally:
        if fd >= 0:
            os.close(fd)
        note.strike()


@contextmanager
def atomic_path(path: str | os.PathLike[str], *, private: bool = False) -> Iterator[Path]:
    """A temporary path beside `path` for whatever writes the new file by name (SQLite's backup
    API); when the block ends without an error it is synced and renamed to `path`. The file exists
    (empty, 0600) when the block starts. `private` keeps it 0600 even if the writer changed it.

    An existing `path` the user made read-only (no write permission for its owner) is not
    replaced: PermissionError (EACCES) naming it, before anything is written."""
    target = Path(path)
    refuse_read_only(target)
    try:
        with _new_partial(target) as temp:
            yield temp
            if private and os.name == "posix":
                os.chmod(temp, 0o600)
            _fsync_path(temp)
            os.replace(temp, target)
            fsync_folder(target.parent)
    except OSError as exc:
        if exc.filename is None and exc.errno is not None:  # a write or flush: name the file it was for
            raise OSError(exc.errno, exc.strerror or os.strerror(exc.errno), os.fspath(target)) from exc
        raise


class ReadOnlyFileError(PermissionError):
    """A file its owner made read-only (chmod 0400 or 0444), which the app does not replace."""


def refuse_read_only(path: Path) -> None:
    """ReadOnlyFileError when `path` exists and its owner may not write it (chmod 0400 or 0444): a
    file the user protected is said to be read-only, never quietly replaced (root included)."""
    import errno
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and not mode & stat.S_IWUSR:
        raise ReadOnlyFileError(errno.EACCES, "the file is read-only", os.fspath(path))


def keep_copy_as(source: Path, copy: Path) -> None:
    """A second name for `source`'s current content, made durable (a hard link: instant, and the
    content stays reachable under `copy` whatever later replaces `source`); a full copy where
    links are not possible."""
    try:
        os.link(source, copy)
    except OSError:
        with atomic_path(copy, private=True) as temp:
            shutil.copyfile(source, temp)
    fsync_folder(copy.parent)


def move_into_place(staged: Path, target: Path) -> None:
    """Rename the finished file `staged` over `target` in one step and make it durable."""
    os.replace(staged, target)
    fsync_folder(target.parent)


def write_held_note(path: Path, text: str) -> int:
    """Create the file `path` (it must not exist) holding `text`, durable and locked; returns the
    open descriptor, whose lock says "its writer is still at work" until it is closed."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        _lock(fd, wait=True)
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
        fsync_folder(path.parent)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    return fd


def writer_is_alive(path: Path) -> bool:
    """True when a live process holds the lock on `path` (a note or a partial file being written)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        return not _lock(fd, wait=False)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class PartialCleanup:
    removed: tuple[Path, ...] = ()
    left: tuple[Path, ...] = ()  # could not be removed (permissions, a file system that refused)


def _recorded_partials() -> list[tuple[Path, Path]]:
    folder = _in_progress_dir()
    found = []
    if folder.is_dir():
        for note in folder.glob("*.path"):
            with suppress(OSError, UnicodeDecodeError):
                found.append((Path(note.read_text(encoding="utf-8").strip()), note))
    return found


def partial_files(folders: Iterable[Path] = ()) -> list[Path]:
    """Every temporary file the in-progress list names, and those in `folders`, that exist now."""
    seen: dict[Path, None] = {}
    for temp, _note in _recorded_partials():
        if temp.is_file():
            seen[temp] = None
    for folder in folders:
        if folder.is_dir():
            for temp in folder.glob(f".*{PARTIAL_SUFFIX}"):
                if temp.is_file():
                    seen[temp.resolve()] = None
    return list(seen)


def _remove_if_abandoned(temp: Path) -> bool | None:
    """Remove `temp` (and SQLite's files beside it) unless a live writer holds its lock: True when
    removed or already gone, None when a writer holds it, False when it could not be removed."""
    try:
        fd = os.open(temp, os.O_RDONLY)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        if not _lock(fd, wait=False):
            return None  # a live writer's
        try:
            temp.unlink()
            for suffix in _COMPANIONS:
                Path(f"{temp}{suffix}").unlink(missing_ok=True)
        except FileNotFoundError:
            pass
        except OSError:
            return False
        return True
    finally:
        os.close(fd)


def clean_partial_files(folders: Iterable[Path] = ()) -> PartialCleanup:
    """Remove the temporary files left by writers that are gone (see the module notes)."""
    removed: list[Path] = []
    left: list[Path] = []
    recorded: set[Path] = set()
    for temp, note in _recorded_partials():
        recorded.add(temp)
        if writer_is_alive(note):
            continue  # its writer is at work (the file may not be made yet)
        existed = temp.exists()
        outcome = _remove_if_abandoned(temp)
        if outcome is None:
            continue
        if outcome is False:
            left.append(temp)
            continue
        if existed:
            removed.append(temp)
        with suppress(OSError):
            note.unlink(missing_ok=True)
    for temp in partial_files(folders):
        if temp in recorded:
            continue
        outcome = _remove_if_abandoned(temp)
        if outcome is True:
            removed.append(temp)
        elif outcome is False:
            left.append(temp)
    return PartialCleanup(tuple(removed), tuple(left))


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
