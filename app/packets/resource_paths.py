"""Where the packet engine finds its resources: content, fonts and brand files.

The resources themselves are found by app.paths (every path of the app is decided there, the
bundled resources through importlib.resources); this module names the packet's corners of them
and how a content file's path reads in a message. Nothing is created or opened at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.paths import CONTENT_DIR_ENV, content_dir, fonts_dir, resources_dir, source_root

__all__ = ["CONTENT_DIR_ENV", "content_dir", "display_path", "fonts_dir", "resource_path"]


def resource_path(relative: str | os.PathLike[str]) -> Path:
    """A path written in a content file: absolute, or relative to the bundled resources."""
    path = Path(relative)
    return path if path.is_absolute() else resources_dir() / path


def display_path(path: Path) -> str:
    """A short, readable name for messages: relative to the source checkout when inside one,
    else the full path (an installed copy, or a content folder elsewhere)."""
    root = source_root()
    if root is not None:
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)
