"""Tests write only into temporary folders: a run that leaves a new file in the project fails.

The project's files are listed when the session starts and again when it ends; anything new (a
packet written "here", a database beside the sources, a tool's cache) is named and fails the run.
Loaded as a plugin by tests/conftest.py.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

#: Folders that are not the project's: version control, environments, bytecode, pytest's own cache.
NOT_THE_PROJECT = {".git", ".venv", "venv", "__pycache__", ".pytest_cache"}

_before = pytest.StashKey[set[str]]()
_left = pytest.StashKey[list[str]]()


def project_files(root: Path, *, temporary: Path | None = None) -> set[str]:
    """Every file and folder under `root`, but those of NOT_THE_PROJECT and the run's own
    temporary folder (`--basetemp`, when it was put inside the project)."""
    found: set[str] = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in NOT_THE_PROJECT and not d.endswith(".egg-info")
                   and (temporary is None or Path(folder, d).resolve() != temporary)]
        relative = Path(folder).relative_to(root)
        found.update(str(relative / name) for name in (*dirs, *files))
    return found


def _temporary(config: pytest.Config) -> Path | None:
    basetemp = config.getoption("basetemp", None)
    return Path(basetemp).resolve() if basetemp else None


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_before] = project_files(session.config.rootpath, temporary=_temporary(session.config))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_before, None)
    if before is None:
        return
    left = sorted(project_files(session.config.rootpath, temporary=_temporary(session.config)) - before)
    session.config.stash[_left] = left
    if left and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    left = config.stash.get(_left, [])
    if left:
        terminalreporter.section("files written into the project", sep="=", red=True, bold=True)
        terminalreporter.line("Tests must write only into temporary folders (tmp_path); these appeared in "
                              f"{config.rootpath}:")
        for name in left[:50]:
            terminalreporter.line(f"  {name}")
