"""The system libraries Qt needs on Linux to open a window on a real display (X11, through its
xcb platform plugin), with the Debian/Ubuntu package that provides each. PyPI's Qt wheels and the
bundle carry Qt itself, not these. The README's "Install" section lists the same packages
(tests/test_system_libraries.py holds the two equal); `medtour-desk --self-test` checks them when a
display is present."""
from __future__ import annotations

import ctypes.util
import sys

__all__ = ["DISPLAY_LIBRARIES", "apt_command", "missing_display_libraries"]

#: library name (as ctypes.util.find_library takes it) → the Debian/Ubuntu package.
DISPLAY_LIBRARIES: dict[str, str] = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xinerama": "libxcb-xinerama0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
    "GL": "libgl1",
    "fontconfig": "libfontconfig1",
    "dbus-1": "libdbus-1-3",
}


def missing_display_libraries() -> list[str]:
    """The packages whose library is not found (empty off Linux)."""
    if not sys.platform.startswith("linux"):
        return []
    return [package for library, package in DISPLAY_LIBRARIES.items() if ctypes.util.find_library(library) is None]


def apt_command() -> str:
    return "sudo apt install " + " ".join(DISPLAY_LIBRARIES.values())
