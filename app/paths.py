"""Every path the application uses, in one place (platformdirs).

Nothing is created at import time; callers ask for a folder and it is made then.
`MEDTOUR_DATA_DIR` redirects the whole data folder (tests and portable installs use it).
"""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "MedTourDesk"
APP_AUTHOR = "MedTour"

_dirs = PlatformDirs(APP_NAME, APP_AUTHOR, roaming=False)


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        try:
            path.chmod(0o700)
        except OSError:
            pass
    return path


def data_dir() -> Path:
    """The user's data folder (database, backups, logs). Made private (0700) on POSIX."""
    override = os.environ.get("MEDTOUR_DATA_DIR")
    return _ensure(Path(override) if override else Path(_dirs.user_data_dir))


def default_database_path() -> Path:
    return data_dir() / "medtour.db"


def backups_dir() -> Path:
    return _ensure(data_dir() / "backups")


def logs_dir() -> Path:
    return _ensure(data_dir() / "logs")


def packets_dir() -> Path:
    return _ensure(data_dir() / "packets")


def repo_root() -> Path:
    """The folder holding `resources/` (the source tree, or the installed project root)."""
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return repo_root() / "resources"
