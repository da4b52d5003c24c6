"""`medtour-desk --self-test`: does this installation work? Headless, in a throwaway data folder.

It runs what a coordinator's first hour runs, through the same entry points: a new database,
the coordinator's profile, a lead in each packet language, a packet for each (real PDFs, opened
again and read), and the main window opened offscreen on that database and closed. It prints one
line per step and exits 0, or prints what failed and exits 1. Nothing outside the temporary
folder is read or written (the user's own data folder is never touched).

A bundle built by `make dist` runs it in CI; a coordinator (or support) can run it on any machine.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

__all__ = ["main", "run_self_test"]

#: One lead per packet language: name, phone, country, language, diagnosis.
LEADS = (
    ("Sam Taylor", "+44 7911 123456", "GB", "en", "B-cell acute lymphoblastic leukaemia, relapsed"),
    ("Ольга Смирнова", "+7 912 345-67-89", "RU", "ru", "Диффузная B-крупноклеточная лимфома, рецидив"),
    ("فاطمة الزهراني", "+966 50 123 4567", "SA", "ar", "سرطان الدم الليمفاوي الحاد من الخلايا البائية"),
    ("王芳", "+852 9123 4567", "HK", "zh", "弥漫大B细胞淋巴瘤，复发"),
)


class StepFailedError(Exception):
    pass


def _cli(*args: str) -> str:
    """Run a `medtour` command in this process; its output, or StepFailedError with what it said."""
    from app.cli import main as cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    if code:
        raise StepFailedError(f"`medtour {' '.join(args)}` exited {code}: {(err.getvalue() or out.getvalue()).strip()}")
    return out.getvalue()


def _database(folder: Path) -> Path:
    path = folder / "self-test.db"
    _cli("init", str(path))
    _cli("--db", str(path), "profile", "set", "--name", "Self Test Coordinator", "--email", "selftest@example.org",
         "--phone", "+86 10 6598 4421", "--whatsapp", "+86 139 1000 2000", "--languages", "en,ru,ar,zh")
    return path


def _leads(db: Path) -> list[tuple[str, str]]:
    import json

    made = []
    for name, phone, country, language, diagnosis in LEADS:
        lead = json.loads(_cli("--db", str(db), "lead", "add", "--name", name, "--phone", phone, "--country", country,
                               "--language", language, "--diagnosis", diagnosis, "--json"))
        made.append((lead["reference"], language))
    return made


def _packets(db: Path, folder: Path, leads: list[tuple[str, str]]) -> list[str]:
    said = []
    for reference, language in leads:
        out = folder / f"packet-{language}.pdf"
        _cli("--db", str(db), "packet", reference, "-o", str(out))
        data = out.read_bytes()
        pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
        fonts = len(re.findall(rb"/FontFile2", data))
        if not (data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")) or pages < 2 or fonts < 1:
            raise StepFailedError(f"the {language} packet is not a complete PDF with embedded fonts "
                             f"({len(data)} bytes, {pages} page(s), {fonts} embedded font(s))")
        said.append(f"{language}: {pages} pages, {fonts} fonts, {len(data) // 1024} KB")
    return said


def _window(db: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from app.storage import open_database
    from app.ui.main_controller import build_desk
    from app.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", os.environ["QT_QPA_PLATFORM"]])
    apply_theme(app)  # type: ignore[arg-type]
    database = open_database(db)
    try:
        window, _controller = build_desk(database, safety=False)
        window.resize(1366, 768)
        window.show()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not window.isVisible():
            app.processEvents()
        for _ in range(20):
            app.processEvents()
        rows = window.lead_list.table.model().rowCount()
        window.close()
        app.processEvents()
    finally:
        database.dispose()
    if rows != len(LEADS):
        raise StepFailedError(f"the main window's list shows {rows} lead(s), expected {len(LEADS)}")
    return f"the main window opened ({QGuiApplication.platformName()}), listed {rows} leads and closed"


def _display_libraries() -> str:
    """On Linux with a real display, the system libraries Qt's xcb plugin needs."""
    from app.system_libraries import missing_display_libraries

    missing = missing_display_libraries()
    if missing:
        raise StepFailedError("missing system libraries for the display: " + ", ".join(missing)
                         + " (see the README, 'Install')")
    return "the display's system libraries are present"


def run_self_test(write: Callable[[str], None] = print) -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="medtour-self-test-") as tmp:
        folder = Path(tmp)
        os.environ["MEDTOUR_DATA_DIR"] = str(folder / "data")  # backups, logs: inside the throwaway folder
        os.environ.pop("MEDTOUR_DB", None)
        state: dict[str, object] = {}
        steps: list[tuple[str, Callable[[], str]]] = [
            ("database", lambda: f"created {(state.setdefault('db', _database(folder)))}"),
            ("leads", lambda: f"added {len(state.setdefault('leads', _leads(state['db'])))} leads"),  # type: ignore[arg-type]
            ("packets", lambda: "; ".join(_packets(state["db"], folder, state["leads"]))),  # type: ignore[arg-type]
            ("window", lambda: _window(state["db"])),  # type: ignore[arg-type]
        ]
        if sys.platform.startswith("linux") and os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            steps.insert(0, ("display", _display_libraries))
        for name, step in steps:
            try:
                write(f"ok    {name}: {step()}")
            except Exception as error:  # noqa: BLE001 - the self-test reports every failure as one line, then the trace
                write(f"FAIL  {name}: {error}")
                if not isinstance(error, StepFailedError):
                    write(traceback.format_exc().rstrip())
                return 1
    write(f"self-test passed in {time.perf_counter() - started:.1f} s")
    return 0


def main() -> int:
    return run_self_test()
