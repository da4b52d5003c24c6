"""After PyInstaller: the bundle's desktop entry and icon (Linux), a README, and its archive.

    python packaging/finish_bundle.py [dist/MedTourDesk]

Writes dist/MedTourDesk-<version>-<platform>-<machine>.tar.gz (.zip on Windows) and prints the
bundle's size and the archive's."""
from __future__ import annotations

import platform
import shutil
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

DESKTOP_ENTRY = """[Desktop Entry]
Type=Application
Name=MedTour Desk
GenericName=Patient inquiries
Comment=Leads, calls, cases and patient packets for a medical-tourism agency
Exec="{folder}/medtour-desk" %F
Icon={folder}/medtour-desk.png
Terminal=false
Categories=Office;Database;
StartupWMClass=medtour-desk
"""

README = """MedTour Desk {version}

Start the desk:        ./medtour-desk        (Windows: medtour-desk.exe; macOS: open the app)
The command line:      ./medtour --help
Check this install:    ./medtour-desk --self-test

Linux: ./install-desktop-entry.sh adds MedTour Desk to the applications menu.
"""

INSTALL_ENTRY = """#!/bin/sh
# Adds MedTour Desk to this user's applications menu (the folder stays where it is).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$HOME/.local/share/applications"
sed "s|{folder}|$here|g" "$here/medtour-desk.desktop.in" > "$HOME/.local/share/applications/medtour-desk.desktop"
echo "added $HOME/.local/share/applications/medtour-desk.desktop"
"""


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main(argv: list[str]) -> int:
    bundle = Path(argv[0]) if argv else ROOT / "dist" / "MedTourDesk"
    if not (bundle / ("medtour-desk.exe" if sys.platform == "win32" else "medtour-desk")).exists() and not bundle.exists():
        print(f"no bundle at {bundle}: run PyInstaller first (make dist)", file=sys.stderr)
        return 1
    release = version("medtour-desk")
    (bundle / "README.txt").write_text(README.format(version=release), encoding="utf-8")
    if sys.platform.startswith("linux"):
        shutil.copyfile(ROOT / "resources" / "brand" / "logo.png", bundle / "medtour-desk.png")
        (bundle / "medtour-desk.desktop.in").write_text(DESKTOP_ENTRY, encoding="utf-8")
        script = bundle / "install-desktop-entry.sh"
        script.write_text(INSTALL_ENTRY, encoding="utf-8")
        script.chmod(0o755)
    name = f"MedTourDesk-{release}-{sys.platform}-{platform.machine().lower()}"
    archive = shutil.make_archive(str(bundle.parent / name), "zip" if sys.platform == "win32" else "gztar",
                                  root_dir=bundle.parent, base_dir=bundle.name)
    print(f"bundle {bundle}: {folder_size(bundle) / 1e6:.0f} MB; archive {archive}: {Path(archive).stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
