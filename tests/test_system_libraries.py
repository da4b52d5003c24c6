"""The display libraries the self-test checks are the ones the README tells Linux users to install."""
from __future__ import annotations

from pathlib import Path

from app.system_libraries import DISPLAY_LIBRARIES, apt_command, missing_display_libraries

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_the_readme_lists_every_display_library() -> None:
    assert apt_command() in README


def test_missing_libraries_are_named_by_package(monkeypatch) -> None:
    import ctypes.util

    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None if name == "xcb-cursor" else f"lib{name}.so")
    monkeypatch.setattr("sys.platform", "linux")
    assert missing_display_libraries() == ["libxcb-cursor0"]
    assert set(DISPLAY_LIBRARIES.values()) >= {"libxcb-cursor0", "libxkbcommon-x11-0"}
