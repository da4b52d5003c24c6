"""The desk in one language, every main view and dialog at 1366×768, offscreen:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/desk_screenshots.py --lang ar [--out docs/screenshots]
    [--only today,pipeline]

writes <out>/<lang>-<view>.png for the views (leads: the list with a lead open beside it, today,
pipeline, dashboard) and the dialogs (new-lead, log-call, status-change, import-wizard at its dry
run, settings, packet-preview). The language is installed as at start-up (app.ui.i18n), so Arabic
is mirrored. A throwaway database of 400 demo leads (seed 7), in a temporary data folder; offscreen,
the screen is made 1366×768 (Qt's offscreen screen is 800×800).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # this checkout's app/, whichever the venv's editable install points at
    sys.path.insert(0, str(ROOT))

LANGS = {"en": "en", "ru": "ru", "ar": "ar", "zh": "zh_CN"}
VIEWS = ("leads", "today", "pipeline", "dashboard")
DIALOGS = ("new-lead", "log-call", "status-change", "import-wizard", "settings", "packet-preview")
SIZE = (1366, 768)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=sorted(LANGS), default="en")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", default="", help="comma-separated names from: " + ", ".join(VIEWS + DIALOGS))
    args = parser.parse_args(argv)
    wanted = [name for name in (args.only.split(",") if args.only else VIEWS + DIALOGS) if name]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="medtour-desk-screens-"))
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        # an offscreen screen the size of the laptop (Qt's default is 800×800), so that dialogs fit
        # themselves to 1366×768 as they would there
        screen = scratch / "screen.json"
        screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": SIZE[0], "height": SIZE[1],
                                                   "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    os.environ["MEDTOUR_DATA_DIR"] = str(scratch)

    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication, QWizard
    from sqlalchemy import select

    from app.domain.demo_data import generate_demo
    from app.domain.profiles import ProfileInput, set_profile
    from app.storage import open_database
    from app.ui import i18n, settings
    from app.ui.dialog_prompts import ScriptedPrompts
    from app.ui.main_controller import build_desk
    from app.ui.startup import setup_application
    from db.models import Lead

    app = QApplication.instance() or QApplication(["medtour-desk"])
    settings.write(settings.LANGUAGE, LANGS[args.lang])
    setup_application()  # fonts, theme, and the language as at start-up
    assert i18n.current_language() == LANGS[args.lang]
    db = open_database(scratch / "medtour.db", create=True)
    generate_demo(db, 400, seed=7)
    set_profile(db, ProfileInput(name="Elena Sokolova", email="elena@medtour.example", phone="+7 495 000-00-00",
                                 languages=("en", "ru"), signature="Elena Sokolova, patient coordinator"))
    with db.read() as session:
        lead_id = session.scalars(select(Lead.id).where(Lead.status == "contacted").order_by(Lead.id)).first()
    assert lead_id is not None
    prompts = ScriptedPrompts()
    window, controller = build_desk(db, prompts=prompts, safety=False)
    window.resize(*SIZE)
    window.show()

    def pump(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        QThreadPool.globalInstance().waitForDone(20_000)
        app.processEvents()

    def save(widget, name: str) -> None:
        path = out / f"{args.lang}-{name}.png"
        widget.grab().save(str(path))
        print(path)

    pump(1.0)
    controller.leads.select_lead(lead_id)
    controller.open_lead(lead_id)
    pump(1.0)
    for index, name in enumerate(VIEWS):
        if name in wanted:
            controller.show_view(index)
            pump(1.5)
            save(window, name)
    controller.show_view(0)
    controller.leads.select_lead(lead_id)
    pump(0.5)

    from app.ui.import_wizard import PAGE_DRY_RUN, ImportWizard
    from app.ui.lead_editor import LeadEditor
    from app.ui.log_call_dialog import LogCallDialog
    from app.ui.packet_preview_dialog import PacketPreviewDialog
    from app.ui.preferences_dialog import PreferencesDialog
    from app.ui.status_dialog import StatusChangeDialog

    def import_wizard():
        wizard = ImportWizard(db, parent=window, prompts=prompts)
        wizard.show()
        wizard.set_file(ROOT / "tests" / "fixtures" / "inquiries_website.csv")
        for _page in range(3):
            if wizard.currentId() == PAGE_DRY_RUN:
                break
            wizard.next()
            pump(1.0)
        assert wizard.button(QWizard.WizardButton.CommitButton).isVisible() or wizard.currentId() == PAGE_DRY_RUN
        return wizard

    makers = {
        "new-lead": lambda: LeadEditor.new_lead(db, parent=window, prompts=prompts),
        "log-call": lambda: LogCallDialog(db, lead_id, parent=window),
        "status-change": lambda: StatusChangeDialog(db, lead_id, "lost", parent=window),
        "import-wizard": import_wizard,
        "settings": lambda: PreferencesDialog(window),
        "packet-preview": lambda: PacketPreviewDialog(db, lead_id, parent=window, prompts=prompts),
    }
    for name in DIALOGS:
        if name not in wanted:
            continue
        dialog = makers[name]()
        dialog.show()
        pump(3.0 if name == "packet-preview" else 1.0)
        save(dialog, name)
        dialog.close()
        pump(0.2)
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
