"""A small injected-fault layer for erasure's file operations: make `os.unlink` (which
`Path.unlink` calls too) fail for chosen files, as a viewer holding a PDF open on Windows or a
read-only folder would. Everything else on the disk behaves as it does."""
from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def unlink_fails(monkeypatch: pytest.MonkeyPatch, *paths: Path, error: int = errno.EACCES) -> Iterator[list[Path]]:
    """While the block runs, deleting any of `paths` raises OSError(`error`); yields the files
    whose deletion was refused, in order."""
    refused: list[Path] = []
    blocked = {Path(p).resolve() for p in paths}
    real = os.unlink

    def unlink(path, *args, **kwargs):
        if Path(path).resolve() in blocked:
            refused.append(Path(path))
            raise PermissionError(error, os.strerror(error), str(path)) if error == errno.EACCES else \
                OSError(error, os.strerror(error), str(path))
        return real(path, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "unlink", unlink)
        yield refused
