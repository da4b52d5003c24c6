"""An injected-fault layer around the file operations the app makes: make the Nth one fail (an
OSError with a chosen errno) or kill the process on the spot (SIGKILL), and record every one.

Only operations on paths under one folder count (a test's tmp_path), so imports, caches and the
interpreter's own files never do. What is wrapped, by name (the app calls them through the `os`
module and the built-in `open`, so the wrappers are found at call time):

    open     os.open and the built-in open, for writing (O_WRONLY, O_RDWR, O_CREAT; "w", "a", "x", "+")
    write    os.write, and .write() of a file the built-in open returned for writing
    fsync    os.fsync (its descriptor's path is read from /proc/self/fd)
    replace  os.replace          rename  os.rename
    link     os.link             unlink  os.unlink (Path.unlink too)

SQLite's own reads and writes are C calls and are not seen: a full disk for those is a real small
file system (tests/safety/test_fault_injection.py mounts one where it may).

In a test: ``with FaultLayer(tmp_path, fail_at=3, operations={"replace"}) as layer: ...``.
In a child process (to be killed): ``python -m tests.fault_layer --under DIR --kill-at N
[--operations replace,link] [--trace FILE] -- <medtour arguments>``; the trace file gets one
``operation<TAB>path`` line per counted operation (written as it goes, so a killed run's trace
ends with the operation it was killed at).
"""
from __future__ import annotations

import argparse
import builtins
import errno as errno_codes
import os
import signal
import sys
from collections.abc import Iterable
from pathlib import Path

OPERATIONS = frozenset({"open", "write", "fsync", "replace", "rename", "link", "unlink"})
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT


class InjectedFaultError(OSError):
    """The OSError the layer raises (its errno is the one asked for: EIO, ENOSPC, EACCES, EROFS…)."""


class FaultLayer:
    def __init__(self, under: str | os.PathLike[str], *, fail_at: int | None = None, kill: bool = False,
                 operations: Iterable[str] = OPERATIONS, error: int = errno_codes.EIO,
                 trace: str | os.PathLike[str] | None = None, only: str | None = None) -> None:
        self.under = os.path.realpath(os.fspath(under))
        self.only = only  # count only paths that contain this text (".partial": the temporary files)
        self.fail_at = fail_at
        self.kill = kill
        self.operations = frozenset(operations)
        unknown = self.operations - OPERATIONS
        if unknown:
            raise ValueError(f"unknown operations: {sorted(unknown)}")
        self.error = error
        self.calls: list[tuple[str, str]] = []
        self.failed: tuple[str, str] | None = None
        self._trace = open(trace, "a", encoding="utf-8") if trace else None  # noqa: SIM115 - kept for the run
        self._saved: dict[tuple[object, str], object] = {}

    # ------------------------------------------------------------------ counting

    def _counts(self, path: object) -> bool:
        try:
            text = os.path.realpath(os.fspath(path))  # type: ignore[arg-type]
        except TypeError:
            return False
        if self.only is not None and self.only not in text:
            return False
        return text == self.under or text.startswith(self.under + os.sep)

    def _fd_path(self, fd: int) -> str | None:
        try:
            return os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            return None

    def step(self, operation: str, path: object) -> None:
        """Count one operation on `path`; fail or kill when it is the chosen one."""
        if operation not in self.operations or path is None or not self._counts(path):
            return
        shown = os.fspath(path)  # type: ignore[arg-type]
        self.calls.append((operation, shown))
        if self._trace is not None:
            self._trace.write(f"{operation}\t{shown}\n")
            self._trace.flush()
        if self.fail_at is not None and len(self.calls) == self.fail_at:
            self.failed = (operation, shown)
            if self.kill:
                os.kill(os.getpid(), signal.SIGKILL)
            raise InjectedFaultError(self.error, os.strerror(self.error), shown)

    # ------------------------------------------------------------------ wrapping

    def _patch(self, owner: object, name: str, wrapper: object) -> None:
        self._saved[(owner, name)] = getattr(owner, name)
        setattr(owner, name, wrapper)

    def install(self) -> FaultLayer:
        real_open, real_os_open, real_write, real_fsync = builtins.open, os.open, os.write, os.fsync
        real_replace, real_rename, real_link, real_unlink = os.replace, os.rename, os.link, os.unlink
        layer = self

        def os_open(path, flags, mode=0o777, *args, **kwargs):
            if flags & _WRITE_FLAGS:
                layer.step("open", path)
            return real_os_open(path, flags, mode, *args, **kwargs)

        def os_write(fd, data):
            layer.step("write", layer._fd_path(fd))
            return real_write(fd, data)

        def os_fsync(fd):
            number = fd if isinstance(fd, int) else fd.fileno()
            layer.step("fsync", layer._fd_path(number))
            return real_fsync(fd)

        def os_replace(src, dst, *args, **kwargs):
            layer.step("replace", dst)
            return real_replace(src, dst, *args, **kwargs)

        def os_rename(src, dst, *args, **kwargs):
            layer.step("rename", dst)
            return real_rename(src, dst, *args, **kwargs)

        def os_link(src, dst, *args, **kwargs):
            layer.step("link", dst)
            return real_link(src, dst, *args, **kwargs)

        def os_unlink(path, *args, **kwargs):
            layer.step("unlink", path)
            return real_unlink(path, *args, **kwargs)

        def open_(file, mode="r", *args, **kwargs):
            if isinstance(file, int) or not any(c in mode for c in "wax+"):
                return real_open(file, mode, *args, **kwargs)
            layer.step("open", file)
            return _WatchedFile(real_open(file, mode, *args, **kwargs), layer, os.fspath(file))

        for name, wrapper in (("open", os_open), ("write", os_write), ("fsync", os_fsync), ("replace", os_replace),
                              ("rename", os_rename), ("link", os_link), ("unlink", os_unlink)):
            self._patch(os, name, wrapper)
        self._patch(builtins, "open", open_)
        return self

    def uninstall(self) -> None:
        for (owner, name), original in reversed(list(self._saved.items())):
            setattr(owner, name, original)
        self._saved.clear()
        if self._trace is not None:
            self._trace.close()
            self._trace = None

    def __enter__(self) -> FaultLayer:
        return self.install()

    def __exit__(self, *exc: object) -> None:
        self.uninstall()


class _WatchedFile:
    """A file open for writing whose write() is one counted operation."""

    def __init__(self, handle, layer: FaultLayer, path: str) -> None:
        self._handle, self._layer, self._path = handle, layer, path

    def write(self, data):
        self._layer.step("write", self._path)
        return self._handle.write(data)

    def __getattr__(self, name: str):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc: object):
        return self._handle.__exit__(*exc)

    def __iter__(self):
        return iter(self._handle)


def read_trace(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    return [tuple(line.split("\t", 1)) for line in path.read_text(encoding="utf-8").splitlines()]  # type: ignore[misc]


def _main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fault_layer")
    parser.add_argument("--under", required=True)
    parser.add_argument("--kill-at", type=int)
    parser.add_argument("--fail-at", type=int)
    parser.add_argument("--errno", default="EIO")
    parser.add_argument("--operations", default=",".join(sorted(OPERATIONS)))
    parser.add_argument("--trace")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    from app.cli import main

    layer = FaultLayer(args.under, fail_at=args.kill_at or args.fail_at, kill=args.kill_at is not None,
                       operations=args.operations.split(","), error=getattr(errno_codes, args.errno), trace=args.trace)
    with layer:
        return main(command)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
