"""The bundle's one entry point, built twice: as `medtour-desk` (the window; `--self-test` checks
the installation) and as `medtour` (the command line; `medtour --self-test` is the same check
with a console, for Windows, where the desk has none). Which one runs is the executable's name."""
import sys
from pathlib import Path

if __name__ == "__main__":
    if "--self-test" in sys.argv[1:]:  # either name: on Windows only the console one (`medtour`) shows output
        from app.self_test import main as self_test

        sys.exit(self_test())
    if Path(sys.executable).stem.lower() == "medtour":
        from app.cli import main as cli

        sys.exit(cli())
    from app.__main__ import main as desk

    sys.exit(desk())
