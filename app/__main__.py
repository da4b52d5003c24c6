"""`python -m app [--db PATH]` and the `medtour-desk` launcher: the MedTour Desk window;
`medtour-desk --self-test` checks the installation headless (app/self_test.py).

Start-up itself lives in app/ui/startup.py."""
from __future__ import annotations

import time

_STARTED = time.perf_counter()  # start-up measurements count from here


def main(argv: list[str] | None = None) -> int:
    import sys

    if "--self-test" in (sys.argv[1:] if argv is None else argv):
        from app.self_test import main as self_test

        return self_test()
    from app.ui.startup import main as start

    return start(argv, started=_STARTED)


if __name__ == "__main__":
    raise SystemExit(main())
