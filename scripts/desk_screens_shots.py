"""Screenshots of every main view (with a demo case open beside it) and every main dialog at
1366×768, from 400 demo leads, into docs/screenshots/ (desk-<view or dialog>.png; English ones
have no language suffix, others end in -<lang>), and the README's headline main_window_leads.png.
The list of views and dialogs is tests/ui/desk_screens.py. Offscreen:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/desk_screens_shots.py [--lang en] [--out docs/screenshots]

(scripts/desk_screenshots.py takes the per-language set, <lang>-<view>.png.)
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def headline(window, path: Path, pump) -> None:
    """The README's headline: the list with its key columns whole (Reference to Status) and the lead
    beside it: the panel at the narrowest the case fits, then the Name column narrower if need be."""
    from PySide6.QtCore import Qt

    from app.ui.lead_list_model import COL_NAME, COL_STATUS

    table = window.lead_list.table
    dock = window.lead_dock
    wanted = table.columnViewportPosition(COL_STATUS) + table.columnWidth(COL_STATUS) + table.verticalScrollBar().width() + 24
    room = table.viewport().width() + table.verticalScrollBar().width()
    if wanted > room:
        window.resizeDocks([dock], [max(dock.minimumSizeHint().width(), dock.width() - (wanted - room))], Qt.Orientation.Horizontal)
        pump(0.5)
    room = table.viewport().width()
    wanted = table.columnViewportPosition(COL_STATUS) + table.columnWidth(COL_STATUS) + 4
    if wanted > room:  # the coordinator's own move: a narrower Name column (the names still fit)
        table.setColumnWidth(COL_NAME, max(160, table.columnWidth(COL_NAME) - (wanted - room)))
    pump(1.0)
    window.grab().save(str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", help="the UI language (en, ru, ar, zh); default en")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="the folder for the PNGs")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="medtour-desk-screens-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["MEDTOUR_DATA_DIR"] = str(scratch)
    from PySide6.QtCore import QLocale, QSize
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from app.domain.demo_data import generate_demo
    from app.storage import open_database
    from app.ui.dialog_prompts import ScriptedPrompts
    from app.ui.main_controller import build_desk
    from app.ui.startup import setup_application
    from db.models import Lead
    from tests.ui.desk_screens import desk_screens

    QLocale.setDefault(QLocale(args.lang))
    app = QApplication.instance() or QApplication([])
    setup_application(app)
    db = open_database(scratch / "medtour.db", create=True)
    generate_demo(db, 400, seed=7)
    with db.read() as session:
        booked = session.scalars(select(Lead.id).where(Lead.status == "booked").order_by(Lead.id)).first()
        other = session.scalars(select(Lead.id).where(Lead.status == "contacted").order_by(Lead.id)).first()
    assert booked is not None and other is not None
    window, controller = build_desk(db, prompts=ScriptedPrompts(), safety=False)
    window.resize(1366, 768)
    window.show()

    def pump(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)

    suffix = "" if args.lang == "en" else f"-{args.lang}"
    written = []
    for name, widget in desk_screens(db, {"mohammed": booked, "anna": other}, window, controller):
        pump(1.0)
        if widget is window and window.size() != QSize(1366, 768):
            print(f"{name}: the window grew to {window.width()}×{window.height()}; back to 1366×768")
            window.resize(1366, 768)
            pump(1.0)
        path = out / f"desk-{name}{suffix}.png"
        widget.grab().save(str(path))
        written.append(path)
        if name == "leads" and not suffix:
            headline(window, out / "main_window_leads.png", pump)
    print(f"wrote {len(written)} screenshots to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
