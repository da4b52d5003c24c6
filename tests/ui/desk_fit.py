"""What is cut on every main view and main dialog at one screen size: the check of
tests/ui/test_case_view.py (fit_problems: a visible widget outside its window or its viewport's
sides, a label or button squeezed below its size hint, so its text elided, a horizontal scroll
bar) run over tests/ui/desk_screens.py.

Run as a script in a subprocess to check a scaled screen (QT_SCALE_FACTOR=1.5 and an offscreen
screen of 1920×1080 pixels: 1280×720 logical pixels at a device pixel ratio of 1.5):

    python -m tests.ui.desk_fit DB WIDTH HEIGHT   → prints {"dpr": 1.5, "problems": {...}} as JSON
"""
from __future__ import annotations

import json
import os
import sys
from datetime import UTC

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from tests.ui.desk_screens import desk_screens

#: The lists of leads beside an open lead keep their columns and scroll sideways when the lead
#: panel takes the room (as tests/ui/test_case_view.py allows): not a clipping problem.
SCROLLING_LISTS = ("leadTable", "pipelineTable", "todayNewInquiries", "todayFollowUps")


def screen_problems(db, ids: dict[str, int], window, controller, width: int, height: int) -> dict[str, list[str]]:
    from tests.ui.test_case_view import fit_problems

    window.resize(width, height)
    QApplication.processEvents()
    problems: dict[str, list[str]] = {}
    for name, widget in desk_screens(db, ids, window, controller):
        if widget is window:
            if window.size() != QSize(width, height):
                problems.setdefault(name, []).append(f"the window grew to {window.width()}×{window.height()}")
            found = fit_problems(window.centralWidget(), window) + fit_problems(window.lead_dock, window)
        else:
            room = QSize(width, height - 40)  # a title bar
            if widget.size().boundedTo(room) != widget.size():
                widget.resize(widget.size().boundedTo(room))
                QApplication.processEvents()
            found = fit_problems(widget, widget)
            if widget.minimumSizeHint().width() > width or widget.minimumSizeHint().height() > height - 40:
                found.append(f"needs {widget.minimumSizeHint().width()}×{widget.minimumSizeHint().height()}, more than the screen")
        found = [p for p in found if not (p.endswith("shows a horizontal scroll bar")
                                          and p.split(" ")[1] in SCROLLING_LISTS)]
        if found:
            problems.setdefault(name, []).extend(found)
    return problems


def main(argv: list[str]) -> int:
    db_path, width, height = argv[0], int(argv[1]), int(argv[2])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.storage import open_database
    from app.ui.dialog_prompts import ScriptedPrompts
    from app.ui.fonts import install_fonts
    from app.ui.main_controller import build_desk
    from app.ui.theme import apply_theme
    from tests.ui.desk_data import fixed_clock, known_leads

    app = QApplication.instance() or QApplication([])
    install_fonts(app)
    apply_theme(app, dark=False)
    db = open_database(db_path, create=True)
    ids = known_leads(db)
    window, controller = build_desk(db, clock=fixed_clock(), zone=UTC, prompts=ScriptedPrompts(), safety=False)
    window.show()
    problems = screen_problems(db, ids, window, controller, width, height)
    dpr = window.devicePixelRatioF()
    grabbed = window.grab()
    print(json.dumps({"dpr": dpr, "grab": [grabbed.width(), grabbed.height()], "problems": problems}))
    sys.stdout.flush()
    os._exit(0)  # no teardown of the desk's threads: the answer is out


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

