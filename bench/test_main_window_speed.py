"""Speed of the main window on a big database: a benchmark run with pytest, outside the test suite
(timings depend on the machine, so they live here, not under tests/).

    medtour --db /tmp/gui100k.db demo --leads 100000
    MEDTOUR_GUI_BENCH_DB=/tmp/gui100k.db QT_QPA_PLATFORM=offscreen pytest bench/test_main_window_speed.py -s

Prints what it measured (keystroke → list model updated, a screen of rows fetched and painted at the
top, middle and end, peak memory) and checks the targets with some slack for a busy machine.
The launch time is measured from a separate process by ``python -m app --quit-when-ready``.
"""
from __future__ import annotations

import os
import resource
import statistics
import time
from datetime import timezone

import pytest
from PySide6.QtWidgets import QAbstractItemView

BENCH_DB = os.environ.get("MEDTOUR_GUI_BENCH_DB")
pytestmark = [pytest.mark.gui, pytest.mark.skipif(not BENCH_DB, reason="set MEDTOUR_GUI_BENCH_DB to a big database")]

QUERIES = {
    "latin": "ivan",
    "latin name": "okafor",
    "cyrillic": "иван",
    "arabic": "محمد",
    "4 digits": "4567",
    "no match": "zqxw",
}


def _ms(seconds: float) -> float:
    return seconds * 1000


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    """Settings and logs go to a temporary folder, not the user's."""
    monkeypatch.setenv("MEDTOUR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def big_desk(qtbot):
    from app.ui.startup import open_at_known_head
    from app.storage import open_database
    from app.ui.dialog_prompts import ScriptedPrompts
    from app.ui.main_controller import build_desk

    db = open_at_known_head(BENCH_DB) or open_database(BENCH_DB, create=True)
    window, controller = build_desk(db, zone=timezone.utc, prompts=ScriptedPrompts(), safety=False)
    qtbot.addWidget(window)
    window.resize(1600, 940)
    window.show()
    qtbot.waitExposed(window)
    yield window, controller
    db.dispose()


def test_keystrokes_scrolling_and_memory(qtbot, big_desk):
    window, controller = big_desk
    model, table = controller.list_model, window.lead_list.table
    report: list[str] = [f"database: {BENCH_DB} — {model.rowCount():,} leads"]

    # Every keystroke of typing each word, as if typed slowly (each prefix is a query; the debounce
    # would skip some when typing fast). Three numbers per keystroke:
    #   query  — find_lead_ids on a cold id cache (the SQL work, done on a worker thread);
    #   latency — key → list model updated, through the real worker thread;
    #   ui     — time the UI thread is busy for it (starting the task, then the model reset + repaint).
    query_ms: dict[str, list[float]] = {}
    latency_ms: list[float] = []
    ui_ms: list[float] = []
    leads = controller.leads
    from dataclasses import replace

    from app.ui.lead_list_model import query_ids

    original_set_query = model.set_query
    updates: list[tuple[float, float]] = []  # (when the model was updated, how long the update took)

    def timed_set_query(*args, **kwargs):
        start = time.perf_counter()
        original_set_query(*args, **kwargs)
        end = time.perf_counter()
        updates.append((end, end - start))

    paint_ms: list[float] = []
    model.set_query = timed_set_query
    for kind, text in QUERIES.items():
        for end in range(1, len(text) + 1):
            prefix = text[:end]
            start = time.perf_counter()
            query_ids(model.db, replace(model.query, text=prefix))
            query_ms.setdefault(kind, []).append(_ms(time.perf_counter() - start))
            model._id_cache.clear()
            window.lead_list.search.blockSignals(True)
            window.lead_list.search.setText(prefix)
            window.lead_list.search.blockSignals(False)
            updates.clear()
            start = time.perf_counter()
            with qtbot.waitSignal(leads.searched, timeout=10_000):
                leads.apply_search()
                kicked = time.perf_counter() - start
            updated_at, update_took = updates[-1]
            latency_ms.append(_ms(updated_at - start))
            ui_ms.append(_ms(kicked + update_took))
            painted = time.perf_counter()
            table.viewport().repaint()
            paint_ms.append(_ms(time.perf_counter() - painted))
        window.lead_list.search.setText("")
        leads.apply_search(wait=True)
    model.set_query = original_set_query
    every = [t for times in query_ms.values() for t in times]
    for kind, times in query_ms.items():
        report.append(f"keystroke {kind:<10} query median {statistics.median(times):6.1f} ms  max {max(times):6.1f} ms  ({len(times)} keys)")
    report.append(f"keystroke all        query median {statistics.median(every):6.1f} ms")
    report.append(f"key → list model updated (worker thread, real path): median {statistics.median(latency_ms):.1f} ms, "
                  f"max {max(latency_ms):.1f} ms; UI thread busy for it: median {statistics.median(ui_ms):.1f} ms, "
                  f"max {max(ui_ms):.1f} ms; then the repaint: median {statistics.median(paint_ms):.1f} ms")

    model.set_search("")
    rows = model.rowCount()
    screen: dict[str, tuple[float, float]] = {}
    for where, row in (("top", 0), ("middle", rows // 2), ("end", rows - 1)):
        model._pages.clear()
        table.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter if row else QAbstractItemView.ScrollHint.PositionAtTop)
        first, last = table.rowAt(0), table.rowAt(table.viewport().height() - 1)
        last = rows - 1 if last < 0 else last
        start = time.perf_counter()
        for r in range(first, last + 1):
            for c in range(model.columnCount()):
                model.index(r, c).data()
        fetched = time.perf_counter()
        model._pages.clear()
        start_paint = time.perf_counter()
        table.viewport().repaint()
        painted = time.perf_counter()
        screen[where] = (_ms(fetched - start), _ms(painted - start_paint))
        report.append(f"screen at {where:<6} rows {first:,}–{last:,}: data {screen[where][0]:5.1f} ms, fetch + paint {screen[where][1]:5.1f} ms")

    controller.show_view(1)  # Today, Pipeline and the dashboard too, for the memory figure
    controller.show_view(2)
    controller.show_view(3)
    deadline = time.time() + 60
    from PySide6.QtWidgets import QApplication

    while (controller.today.agenda is None or controller.dashboard.data is None) and time.time() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report.append(f"peak RSS {peak_mb:.0f} MB (after every view was shown)")
    print("\n" + "\n".join(report))

    assert statistics.median(latency_ms) <= 30 * 1.5
    assert max(fetch for fetch, _paint in screen.values()) <= 16 * 1.5
    assert peak_mb <= 300
