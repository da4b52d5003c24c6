"""A second desk in a process of its own, for the two-desk tests: the real window (offscreen),
signed in to the database at URL, following other desks' changes, driven by lines on stdin:

    log LEAD_ID NOTES…          log a call (outcome "reached") through the desk's Log call dialog
    wait LEAD_ID NOTES…         open the lead and wait until its tab shows a call with these notes
    quit

It answers "READY", "LOGGED <monotonic>", "SEEN <monotonic>" (time.monotonic(): one clock for
every process on the machine) or "ERROR <words>" on stdout.

    python -m tests.ui.second_desk postgresql+psycopg://lina:…@127.0.0.1:5432/team
"""
from __future__ import annotations

import os
import queue
import sys
import threading
import time


def main(url: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.domain.change_feed import FeedState
    from app.storage import open_database
    from app.ui.dialog_prompts import ScriptedPrompts
    from app.ui.log_call_dialog import LogCallDialog
    from app.ui.main_controller import build_desk

    app = QApplication([])
    db = open_database(url)
    window, controller = build_desk(db, prompts=ScriptedPrompts(), safety=False, live=True)
    window.resize(1366, 768)
    window.show()
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line.strip()) for line in sys.stdin], daemon=True).start()
    waiting: list[tuple[int, str]] = []

    def say(words: str) -> None:
        print(words, flush=True)

    def shows(lead_id: int, notes: str) -> bool:
        tab = controller.open_lead(lead_id)
        return any(i.notes == notes for i in tab.editor.shown.interactions)

    def tick() -> None:
        if controller.live is not None and controller.live.state == FeedState.ONLINE and not getattr(tick, "ready", False):
            tick.ready = True  # type: ignore[attr-defined]
            say("READY")
        for lead_id, notes in list(waiting):
            if shows(lead_id, notes):
                waiting.remove((lead_id, notes))
                say(f"SEEN {time.monotonic()}")
        try:
            line = lines.get_nowait()
        except queue.Empty:
            return
        command, _, rest = line.partition(" ")
        if command == "quit" or not line:
            controller.stop_live_changes()
            app.quit()
            return
        lead_text, _, notes = rest.partition(" ")
        lead_id = int(lead_text)
        if command == "wait":
            waiting.append((lead_id, notes))
        elif command == "log":
            dialog = LogCallDialog(db, lead_id, parent=window, prompts=ScriptedPrompts())
            dialog.logged.connect(lambda _i: say(f"LOGGED {time.monotonic()}"))
            dialog.show()
            dialog.set_outcome("reached")
            dialog.notes_edit.setPlainText(notes)
            dialog.accept()  # as Enter does; on a refusal it stays open and says why
            if dialog.isVisible():
                say(f"ERROR {dialog.error.text()}")
        else:
            say(f"ERROR unknown command {command!r}")

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)
    app.exec()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
