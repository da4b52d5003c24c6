"""Every path the application uses, in one place (platformdirs).

Nothing is created at import time; callers ask for a folder and it is made then.
`MEDTOUR_DATA_DIR` redirects the whole data folder (tests and portable installs use it), and
`MEDTOUR_CONTENT_DIR` the content folder. The bundled resources (content, fonts, brand) are package
data found through importlib.resources, so a wheel installed anywhere has them.
"""
from __future__ import annotations

import atexit
import os
import sys
from contextlib import ExitStack, suppress
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "MedTourDesk"
APP_AUTHOR = "MedTour"

_dirs = PlatformDirs(APP_NAME, APP_AUTHOR, roaming=False)


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        with suppress(OSError):
            path.chmod(0o700)
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


#: The import name of the bundled resources (the resources/ folder: content, fonts, brand).
RESOURCES_PACKAGE = "resources"
#: Environment variable that points the content readers at another content folder
#: (a copy the agency is editing, or a test's temporary copy).
CONTENT_DIR_ENV = "MEDTOUR_CONTENT_DIR"


@cache
def resources_dir() -> Path:
    """The bundled resources as a folder on disk, read through importlib.resources.

    The same call serves a source checkout, an editable install and a wheel. ReportLab and Qt open
    fonts and images by file name; an installed package is a real folder and `as_file` hands it
    over as it is (were it ever zipped, it would be extracted once and removed at exit). In the
    PyInstaller bundle (`make dist`) they are a folder beside the bundle's own modules.
    """
    bundle = getattr(sys, "_MEIPASS", None) if getattr(sys, "frozen", False) else None
    if bundle is not None:
        return Path(bundle) / RESOURCES_PACKAGE
    opened = ExitStack()
    atexit.register(opened.close)
    return opened.enter_context(as_file(files(RESOURCES_PACKAGE)))


def content_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The content folder: the argument, else $MEDTOUR_CONTENT_DIR, else the bundled one."""
    if override is not None:
        return Path(override)
    from_env = os.environ.get(CONTENT_DIR_ENV)
    if from_env:
        return Path(from_env)
    return resources_dir() / "content"


def fonts_dir() -> Path:
    """The bundled fonts (with their licences), for the packet engine and the UI alike."""
    return resources_dir() / "fonts"


def translations_dir() -> Path:
    """The desk's compiled translations (medtour_<lang>.qm) and their sources (.ts)."""
    return resources_dir() / "translations"


def brand_logo_path() -> Path:
    """The agency logo the windows show."""
    return resources_dir() / "brand" / "logo.png"


def source_root() -> Path | None:
    """The source checkout the resources come from, or None when they are installed package data."""
    folder = resources_dir().resolve().parent
    return folder if (folder / "pyproject.toml").is_file() else None
