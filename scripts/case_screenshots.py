"""The README's case screenshots: a booked demo patient's case at 1366×768, one PNG per tab
(Details, Records, Review & quotes, Family, Schedule, History), and a case in Arabic. Offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/case_screenshots.py [docs/screenshots]
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TABS = ("details", "records", "quotes", "family", "schedule", "history")


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:] or [str(ROOT / "docs" / "screenshots")])[0])
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="medtour-case-screens-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["MEDTOUR_DATA_DIR"] = str(scratch)
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from app.domain.demo_data import generate_demo
    from app.storage import open_database
    from app.ui.dialog_prompts import ScriptedPrompts
    from app.ui.main_controller import build_desk
    from app.ui.startup import setup_application
    from db.models import Lead

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    db = open_database(scratch / "medtour.db", create=True)
    generate_demo(db, 400, seed=7)
    with db.read() as session:
        booked = session.scalars(select(Lead.id).where(Lead.status == "booked").order_by(Lead.id)).first()
    assert booked is not None
    window, controller = build_desk(db, prompts=ScriptedPrompts(), safety=False)
    window.resize(1366, 768)
    window.show()

    def pump(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)

    editor = controller.open_lead(booked).editor
    pump(1.0)
    for key in TABS:
        try:
            editor.case.select(key)
        except ValueError:
            print(f"no {key} tab on this desk")
            continue
        pump(1.0)
        window.grab().save(str(out / f"case-tab-{key}.png"))
    print(f"wrote {len(TABS)} screenshots to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
