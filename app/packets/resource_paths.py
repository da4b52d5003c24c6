"""Where the packet engine finds its resources: content, fonts and brand files.

The resources folder itself comes from app.paths (every path of the app is
decided there); this module names the packet's corners of it. Nothing is
created or opened at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.paths import repo_root, resources_dir

#: Environment variable that points the packet engine at another content folder
#: (a copy the agency is editing, or a test's temporary copy).
CONTENT_DIR_ENV = "MEDTOUR_CONTENT_DIR"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def content_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The content folder: the argument, else $MEDTOUR_CONTENT_DIR, else the shipped one."""
    if override is not None:
        return Path(override)
    from_env = os.environ.get(CONTENT_DIR_ENV)
    if from_env:
        return Path(from_env)
    return resources_dir() / "content"


def resource_path(relative: str | os.PathLike[str]) -> Path:
    """A path written in a content file: absolute, or relative to resources/."""
    path = Path(relative)
    return path if path.is_absolute() else resources_dir() / path


def display_path(path: Path) -> str:
    """A short, readable name for messages: relative to the repository when inside it."""
    try:
        return path.resolve().relative_to(repo_root()).as_posix()
    except ValueError:
        return str(path)
