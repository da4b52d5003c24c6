"""The README's "Team" screenshots: two desks on one team database, side by side, each at
1366×768 — Omar (a coordinator, "My leads", told of a lead Mona just gave him) and Mona (the
manager, the dashboard's per-coordinator table). Uses `make team-demo`'s team on a throwaway
loopback server, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/team_screenshots.py [docs/screenshots]
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.local_postgres import start_server  # noqa: E402
from scripts.team_demo import DATABASE, PEOPLE, build_team  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:] or [str(ROOT / "docs" / "screenshots")])[0])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("MEDTOUR_DATA_DIR", str(Path(os.environ.get("TMPDIR", "/tmp")) / "medtour-screens"))
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication

    from app.domain.assignment import reassign
    from app.domain.change_feed import FeedState
    from app.domain.lead_search import find_lead_ids, make_filter
    from app.storage import open_database
    from app.ui.dialog_prompts import ScriptedPrompts
    from app.ui.main_controller import build_desk
    from app.ui.main_window import VIEW_DASHBOARD, VIEW_LEADS
    from app.ui.startup import setup_application

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    server = start_server(prefix="medtour-screens-")
    try:
        build_team(server, 600)
        passwords = {p[0]: p[5] for p in PEOPLE}
        desks = {}
        for login in ("omar", "mona"):
            db = open_database(server.url(DATABASE, user=login, password=passwords[login]))
            window, controller = build_desk(db, prompts=ScriptedPrompts(), safety=False, live=True)
            window.resize(1366, 768)
            window.show()
            desks[login] = (db, window, controller)

        def pump(seconds: float, until=lambda: False) -> None:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline and not until():
                app.processEvents()
                time.sleep(0.02)

        pump(10, lambda: all(c.live is not None and c.live.state == FeedState.ONLINE for _d, _w, c in desks.values()))
        omar_db, omar_window, omar = desks["omar"]
        mona_db, mona_window, mona = desks["mona"]
        omar.show_view(VIEW_LEADS)
        mona.show_view(VIEW_DASHBOARD)
        pump(2)
        # Mona gives Omar one of Anna's Arabic-speaking patients; his desk shows it by itself.
        omar_id = omar.person.id
        pool = find_lead_ids(mona_db, make_filter(statuses=["new"]))
        lead = next(i for i in pool if i not in set(find_lead_ids(omar_db, make_filter(coordinator_id=omar_id))))
        reassign(mona_db, [lead], omar_id, actor_id=mona.person.id)
        pump(8, lambda: "New for you" in omar_window.statusBar().currentMessage())
        row = omar.list_model.row_of(lead)
        if row is not None:
            omar_window.lead_list.table.selectRow(row)
        pump(1.5)
        if hasattr(mona.window, "dashboard_host") and mona.dashboard is not None:
            view = mona.dashboard.view
            if hasattr(view, "sections"):
                view.sections.setCurrentIndex(view.sections.count() - 1)  # "By coordinator"
        pump(1.5)

        left, right = omar_window.grab(), mona_window.grab()
        gap = 16
        both = QPixmap(left.width() + gap + right.width(), max(left.height(), right.height()))
        both.fill(QColor("#d0d4da"))
        painter = QPainter(both)
        painter.drawPixmap(0, 0, left)
        painter.drawPixmap(left.width() + gap, 0, right)
        painter.end()
        out.mkdir(parents=True, exist_ok=True)
        both.save(str(out / "team-two-desks.png"))
        left.save(str(out / "team-coordinator-desk.png"))
        right.save(str(out / "team-manager-dashboard.png"))
        print(f"wrote {out / 'team-two-desks.png'} and the two desks on their own")
        for db, window, controller in desks.values():
            controller.stop_live_changes()
            window.close()
            db.dispose()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
