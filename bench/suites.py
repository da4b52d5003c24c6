"""The measurements, one suite per process (`python -m bench.suite NAME ...`): ours (the real
window and its models), the stock Qt model, the raw SQLite floor, the call log (writes), the
import and the packets. Each returns {"results": {key: timing}, "checks": {...}}: timings as
`Timing.to_json()`, checks the answers themselves (ids, counts) so that tests can hold ours,
stock and floor to the same result sets.
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bench import floor as raw
from bench.cases import (
    SCREEN_ROWS,
    SCROLL_POSITIONS,
    SCROLL_SORTS,
    SEARCH_CASES,
    SEARCH_SORT,
    TYPED,
    Settings,
    scroll_row,
)
from bench.measure import Timing, peak_rss_mb, repeat, timed


@dataclass
class Context:
    db: Path
    work: Path
    settings: Settings
    keep_ids: bool = False  # put whole id lists in the checks (tests on small data)
    results: dict[str, Any] = field(default_factory=dict)
    checks: dict[str, Any] = field(default_factory=dict)

    def put(self, key: str, timing: Timing, **extra: Any) -> None:
        self.results[key] = timing.to_json() | extra

    def check(self, key: str, ids) -> None:
        ids = list(ids)
        entry: dict[str, Any] = {"count": len(ids), "set": _digest(sorted(ids)), "order": _digest(ids)}
        if self.keep_ids:
            entry["ids"] = ids
        self.checks[key] = entry

    def output(self) -> dict[str, Any]:
        return {"results": self.results, "checks": self.checks}


def _digest(values) -> str:
    return hashlib.sha1(",".join(map(str, values)).encode()).hexdigest()[:16]


def _repeat(ctx: Context, fn, *, before=None) -> tuple[Timing, Any]:
    return repeat(fn, ctx.settings.repeat, warmup=ctx.settings.warmup, before=before)


# =========================================================================== the floor


def floor_suite(ctx: Context) -> dict[str, Any]:
    """Raw SQL with sqlite3: search ids, the whole list, one screen, Today. No Qt."""
    conn = raw.connect(ctx.db)
    sort, descending = SEARCH_SORT
    for case, text in SEARCH_CASES.items():
        timing, ids = _repeat(ctx, lambda text=text: raw.search_ids(conn, text, sort, descending))
        ctx.put(f"search.{case}.floor", timing, rows=len(ids))
        ctx.check(f"search.{case}.floor", ids)
    worst = []
    for _ in range(ctx.settings.repeat):
        worst.append(max(timed(lambda n=n: raw.search_ids(conn, TYPED[:n], sort, descending))[0] for n in range(1, len(TYPED) + 1)))
    ctx.put("typing.floor", Timing(worst))
    timing, ids = _repeat(ctx, lambda: raw.search_ids(conn, None, sort, descending))
    ctx.put("list.all.floor", timing, rows=len(ids))
    ctx.check("list.all.floor", ids)
    for name, (key, desc) in SCROLL_SORTS.items():
        ordered = raw.search_ids(conn, None, key, desc)
        ctx.check(f"list.{name}.floor", ordered)
        for position in SCROLL_POSITIONS:
            runs = iter(range(1000))

            def screen(position=position) -> list[tuple]:
                start = scroll_row(position, len(ordered), run=next(runs))
                return raw.screen_rows(conn, ordered[start : start + SCREEN_ROWS])

            timing, rows = _repeat(ctx, screen)
            ctx.put(f"scroll.{name}.{position}.floor", timing, rows=len(rows))
            start = scroll_row(position, len(ordered))
            ctx.check(f"scroll.{name}.{position}.floor", [r[0] for r in raw.screen_rows(conn, ordered[start : start + SCREEN_ROWS])])
    now = datetime.now(timezone.utc)
    timing, today = _repeat(ctx, lambda: raw.today_rows(conn, now, _day_end(now)))
    ctx.put("today.floor", timing, rows=len(today["follow_ups"]) + len(today["new_inquiries"]))
    ctx.check("today.follow_ups.floor", sorted(r[0] for r in today["follow_ups"]))
    ctx.check("today.new.floor", sorted(r[0] for r in today["new_inquiries"]))
    ctx.checks["today.older.floor"] = today["older_waiting"]
    conn.close()
    ctx.results["memory.floor"] = {"median": peak_rss_mb(), "max": peak_rss_mb(), "runs": [peak_rss_mb()], "unit": "MB"}
    return ctx.output()


def _day_end(now: datetime) -> datetime:
    """Midnight at the end of today in UTC (the suites run Today in UTC so all three agree)."""
    return datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=timezone.utc)


# =========================================================================== ours


def ours_suite(ctx: Context) -> dict[str, Any]:
    """The real main window (build_desk) on the database, offscreen: a keystroke in its search box
    until the list shows the result, scrolling its table, its Today view; and the domain calls
    under them (find_lead_ids, summaries, build_today) on their own."""
    from bench import qt_driver

    app = qt_driver.application()
    from app.domain.lead_search import find_lead_ids, make_filter, summaries
    from app.domain.today import build_today
    from app.ui.lead_list_view import SEARCH_DEBOUNCE_MS
    from app.ui.main_controller import build_desk
    from db.engine import Database

    db = Database(ctx.db)
    # The floor's raw queries again, in this process: same interpreter state, same collections
    # before each run (bench.measure.repeat), so ÷floor compares like with like.
    floor_conn = raw.connect(ctx.db)
    started = time.perf_counter()
    window, controller = build_desk(db, zone=timezone.utc, safety=False)
    window.resize(1400, 1250)
    window.show()
    from app.ui.main_window import VIEW_LEADS, VIEW_TODAY

    controller.show_view(VIEW_LEADS)
    qt_driver.drain(window.lead_list.table)
    ctx.put("window.build.ours", Timing([(time.perf_counter() - started) * 1000]))
    table, model, leads = window.lead_list.table, controller.list_model, controller.leads
    box = window.lead_list.search
    sort, descending = SEARCH_SORT
    ctx.results["screen.rows"] = qt_driver.visible_rows(table)
    ctx.results["search.debounce_ms"] = SEARCH_DEBOUNCE_MS

    def reset_search() -> None:  # an empty box, no cached results: the next keystroke queries SQLite
        box.setText("")
        leads.apply_search(wait=True)
        model.reload()
        qt_driver.drain(table)

    paints = qt_driver.Paints(table)

    def keystroke(text: str) -> list[int]:
        with paints:
            box.setText(text)  # the debounce timer starts; the measurement skips its deliberate wait
            qt_driver.wait_for(leads.searched, start=leads.apply_search)
            qt_driver.let_qt_paint(table, paints)
        return model.lead_ids()

    for case, text in SEARCH_CASES.items():
        timing, ids = _repeat(ctx, lambda text=text: keystroke(text), before=reset_search)
        ctx.put(f"search.{case}.ours", timing, rows=len(ids))
        ctx.check(f"search.{case}.ours", ids)
        flt = make_filter(text)
        timing, ids = _repeat(ctx, lambda flt=flt: find_lead_ids(db, flt, sort=sort, descending=descending))
        ctx.put(f"search.{case}.domain", timing, rows=len(ids))
        ctx.check(f"search.{case}.domain", ids)
        timing, ids = _repeat(ctx, lambda text=text: raw.search_ids(floor_conn, text, sort, descending))
        ctx.put(f"search.{case}.floor_here", timing, rows=len(ids))

    worst = []
    for _ in range(ctx.settings.repeat):
        reset_search()
        worst.append(max(timed(lambda n=n: keystroke(TYPED[:n]))[0] for n in range(1, len(TYPED) + 1)))
    ctx.put("typing.ours", Timing(worst))

    def clear_box() -> list[int]:
        with paints:
            box.setText("")
            qt_driver.wait_for(leads.searched, start=leads.apply_search)
            qt_driver.let_qt_paint(table, paints)
        return model.lead_ids()

    def search_then_uncache() -> None:
        box.setText(SEARCH_CASES["latin"])
        leads.apply_search(wait=True)
        model.reload()  # forgets every cached id list, the empty query's too
        qt_driver.drain(table)

    timing, ids = _repeat(ctx, clear_box, before=search_then_uncache)
    ctx.put("list.all.ours", timing, rows=len(ids))
    ctx.check("list.all.ours", ids)
    reset_search()

    for name, (key, desc) in SCROLL_SORTS.items():
        model.set_sort(key, desc)
        qt_driver.drain(table)
        ordered = model.lead_ids()
        ctx.check(f"list.{name}.ours", ordered)
        for position in SCROLL_POSITIONS:
            runs = iter(range(1000))

            def uncached() -> None:  # rows not fetched yet: the page must come from SQLite
                table.scrollToTop()
                model.reload()
                qt_driver.drain(table)

            def scroll(position=position) -> int:
                row = scroll_row(position, len(ordered), run=next(runs))
                table.scrollTo(model.index(row, 0), table.ScrollHint.PositionAtTop)
                qt_driver.paint(table)
                return row

            timing, _ = _repeat(ctx, scroll, before=uncached)
            ctx.put(f"scroll.{name}.{position}.ours", timing)
            data_runs = iter(range(1000))

            def fetch(position=position):
                row = scroll_row(position, len(ordered), run=next(data_runs))
                return summaries(db, ordered[row : row + SCREEN_ROWS])

            timing, _ = _repeat(ctx, fetch)
            ctx.put(f"scroll.{name}.{position}.data", timing)
            floor_runs = iter(range(1000))

            def floor_fetch(position=position):  # the same screens, raw
                row = scroll_row(position, len(ordered), run=next(floor_runs))
                return raw.screen_rows(floor_conn, ordered[row : row + SCREEN_ROWS])

            timing, _ = _repeat(ctx, floor_fetch)
            ctx.put(f"scroll.{name}.{position}.floor_here", timing)
            row = scroll_row(position, len(ordered))
            table.scrollTo(model.index(row, 0), table.ScrollHint.PositionAtTop)
            qt_driver.paint(table)
            shown = [model.lead_id(r) for r in range(row, min(row + SCREEN_ROWS, len(ordered)))]
            ctx.check(f"scroll.{name}.{position}.ours", [r.id for r in summaries(db, ordered[row : row + SCREEN_ROWS])])
            ctx.check(f"scroll.{name}.{position}.shown", shown)
    model.set_sort(sort, descending)

    today = controller.today
    qt_driver.wait_for(today.loaded, start=lambda: controller.show_view(VIEW_TODAY))  # its first load

    def show_today():
        agenda = qt_driver.wait_for(today.loaded, start=today.refresh)[0]
        for view in window.today.tables():
            qt_driver.paint(view)
        return agenda

    timing, agenda = _repeat(ctx, show_today)
    ctx.put("today.ours", timing, rows=len(agenda.follow_ups) + len(agenda.new_inquiries))
    ctx.check("today.follow_ups.ours", sorted(i.lead_id for i in agenda.follow_ups))
    ctx.check("today.new.ours", sorted(i.lead_id for i in agenda.new_inquiries))
    ctx.checks["today.older.ours"] = agenda.older_waiting
    timing, agenda = _repeat(ctx, lambda: build_today(db, zone=timezone.utc))
    ctx.put("today.domain", timing, rows=len(agenda.follow_ups) + len(agenda.new_inquiries))

    ctx.results["memory.ours"] = {"median": peak_rss_mb(), "max": peak_rss_mb(), "runs": [peak_rss_mb()], "unit": "MB"}
    floor_conn.close()
    window.close()
    db.dispose()
    del app
    return ctx.output()


# =========================================================================== the stock Qt model


def stock_suite(ctx: Context) -> dict[str, Any]:
    """QSqlTableModel + QSortFilterProxyModel over the same leads table (QSQLITE driver): load
    (fetch every row: the proxy can only filter and sort rows it has), a keystroke
    (setFilterFixedString / setFilterRegularExpression on the search_text column), scrolling the
    sorted proxy in a QTableView, Today as QSqlTableModel.setFilter queries."""
    from bench import qt_driver, stock

    qt_driver.plain_application()
    model = stock.StockLeads(ctx.db)
    timing, rows = _repeat(ctx, model.load)
    ctx.put("stock.load", timing, rows=rows)
    view = stock.table_view(model.proxy)
    qt_driver.drain()
    sort, descending = SEARCH_SORT
    model.sort(sort, descending)
    ctx.results["screen.rows.stock"] = qt_driver.visible_rows(view)

    paints = qt_driver.Paints(view)

    def shown(text: str, search=model.search) -> None:  # the filter changed, and what Qt paints for it
        with paints:
            search(text)
            qt_driver.let_qt_paint(view, paints)

    def keystrokes(search, suffix: str) -> None:
        for case, text in SEARCH_CASES.items():
            def keystroke(text=text) -> int:
                shown(text, search)
                return model.proxy.rowCount()

            timing, count = _repeat(ctx, keystroke, before=lambda: (search(""), qt_driver.drain(view)))
            ctx.put(f"search.{case}.{suffix}", timing, rows=count)
            ctx.check(f"search.{case}.{suffix}", model.visible_ids())

    keystrokes(model.search, "stock")
    keystrokes(model.search_every_column, "stock_all")  # Qt's default: the typed text in any column
    model.search_folded_column()
    qt_driver.drain(view)
    worst = []

    for _ in range(ctx.settings.repeat):
        model.search("")
        worst.append(max(timed(lambda n=n: shown(TYPED[:n]))[0] for n in range(1, len(TYPED) + 1)))
    ctx.put("typing.stock", Timing(worst))
    timing, _ = _repeat(ctx, lambda: shown(""), before=lambda: (model.search(SEARCH_CASES["latin"]), qt_driver.drain(view)))
    ctx.put("list.all.stock", timing, rows=model.proxy.rowCount())
    ctx.check("list.all.stock", model.visible_ids())

    for name, (key, desc) in SCROLL_SORTS.items():
        model.sort(key, desc)
        qt_driver.drain(view)
        ctx.check(f"list.{name}.stock", model.visible_ids())
        total = model.proxy.rowCount()
        for position in SCROLL_POSITIONS:
            runs = iter(range(1000))

            def scroll(position=position) -> None:
                view.scrollTo(model.proxy.index(scroll_row(position, total, run=next(runs)), 0), view.ScrollHint.PositionAtTop)
                qt_driver.paint(view)

            timing, _ = _repeat(ctx, scroll, before=lambda: (view.scrollToTop(), qt_driver.drain(view)))
            ctx.put(f"scroll.{name}.{position}.stock", timing)
            row = scroll_row(position, total)
            ctx.check(f"scroll.{name}.{position}.stock", model.visible_ids()[row : row + SCREEN_ROWS])
    model.sort(sort, descending)

    now = datetime.now(timezone.utc)
    timing, today = _repeat(ctx, lambda: stock.today(ctx.db, now, _day_end(now)))
    ctx.put("today.stock", timing, rows=len(today["follow_ups"]) + len(today["new_inquiries"]))
    ctx.check("today.follow_ups.stock", sorted(today["follow_ups"]))
    ctx.check("today.new.stock", sorted(today["new_inquiries"]))
    ctx.checks["today.older.stock"] = today["older_waiting"]
    ctx.results["stock.filter_column"] = model.filter_column_name
    ctx.results["memory.stock"] = {"median": peak_rss_mb(), "max": peak_rss_mb(), "runs": [peak_rss_mb()], "unit": "MB"}
    view.close()
    model.close()
    return ctx.output()


# =========================================================================== call log (writes)


def calllog_suite(ctx: Context) -> dict[str, Any]:
    """Log a call and move the lead new → contacted in one transaction, and the list showing it:
    ours (log_interaction, then the window's refresh), stock (QSqlTableModel edits + submitAll,
    which re-selects, and the fetch of every row the proxy needs), floor (the statements by hand).
    Runs on a working copy; each run takes a different new lead."""
    from bench import qt_driver, stock

    qt_driver.application()
    from app.domain.lead_change_set import LOGGED_CALL_KINDS, LeadChanges
    from app.domain.leads import InteractionInput, log_interaction
    from app.ui.lead_list_model import COL_STATUS
    from app.ui.main_controller import build_desk
    from db.engine import Database

    conn = raw.connect(ctx.db, writable=True)
    runs = ctx.settings.repeat + ctx.settings.warmup
    fresh = [r for (r,) in conn.execute(
        "SELECT id FROM leads WHERE status = 'new' AND erased_at IS NULL ORDER BY id LIMIT ?", (3 * runs + 3,))]
    coordinator = conn.execute("SELECT min(id) FROM coordinators").fetchone()[0]
    leads = {"ours": fresh[0::3], "stock": fresh[1::3], "floor": fresh[2::3]}

    db = Database(ctx.db)
    window, controller = build_desk(db, zone=timezone.utc, safety=False)
    window.resize(1400, 1250)
    window.show()
    qt_driver.drain()
    table = window.lead_list.table
    model = controller.list_model
    # The coordinator calls a lead they see: new inquiries among the list's first rows (newest
    # first), each selected before the call (untimed), as Ctrl+L would use it.
    visible_new = [lead_id for row in range(min(model.rowCount(), 400))
                   if (summary := model.summary(row)) is not None and summary.status == "new"
                   and (lead_id := summary.id) not in leads["stock"] and lead_id not in leads["floor"]]
    queue = iter(visible_new[:runs] if len(visible_new) >= runs else leads["ours"])
    done: list[int] = []
    current: list[int] = []
    reloads: list[bool] = []
    controller.leads.changesApplied.connect(reloads.append)

    def select_next() -> None:
        lead_id = next(queue)
        row = model.row_of(lead_id)
        if row is not None:
            table.selectRow(row)
            table.scrollTo(model.index(row, 0))
        qt_driver.drain(table)
        current[:] = [lead_id]

    def ours() -> None:
        lead_id = current[0]
        log_interaction(db, lead_id, InteractionInput(kind="call", outcome="reached", notes="Discussed the programme",
                                                      duration_seconds=240), move_to="contacted")
        controller.changes.announce(LeadChanges.of([lead_id], *LOGGED_CALL_KINDS, origin="bench"))
        reloaded = reloads[-1]  # what the list did with it (changesApplied)
        if reloaded:  # the list was queried again (model reset): Qt redraws all of it
            qt_driver.paint(table)
        else:  # one row changed in place: Qt redraws that row
            qt_driver.paint_rows(table, [model.row_of(lead_id)])
        done.append(lead_id)

    timing, _ = _repeat(ctx, ours, before=select_next)
    row = model.row_of(done[-1])
    ctx.checks["calllog.ours.shown"] = row is not None and model.index(row, COL_STATUS).data() == "Contacted"
    ctx.checks["calllog.ours.full_reloads"] = sum(reloads)
    ctx.put("calllog.ours", timing)
    statuses = dict(conn.execute(f"SELECT id, status FROM leads WHERE id IN ({','.join(map(str, done))})"))
    ctx.checks["calllog.ours.contacted"] = sum(1 for s in statuses.values() if s == "contacted") == len(done)

    extra = [r for (r,) in conn.execute(
        "SELECT id FROM leads WHERE status = 'new' AND erased_at IS NULL ORDER BY id DESC LIMIT ?", (runs,))]
    domain_queue = iter(extra)
    timing, _ = _repeat(ctx, lambda: log_interaction(db, next(domain_queue), InteractionInput(kind="call", outcome="reached"),
                                                     move_to="contacted"))
    ctx.put("calllog.domain", timing)
    window.close()
    db.dispose()

    qt_driver.plain_application()
    model = stock.StockLeads(ctx.db, writable=True)
    model.load()
    model.sort(*SEARCH_SORT)
    view = stock.table_view(model.proxy)
    qt_driver.drain()
    stock_queue = iter(leads["stock"])
    now = datetime.now(timezone.utc)

    def stock_run() -> None:
        model.log_call(next(stock_queue), to_status="contacted", now=now, coordinator_id=coordinator)
        qt_driver.paint(view)

    timing, _ = _repeat(ctx, stock_run)
    ctx.put("calllog.stock", timing)
    view.close()
    model.close()

    floor_queue = iter(leads["floor"])
    timing, row = _repeat(ctx, lambda: raw.log_call(conn, next(floor_queue), to_status="contacted", now=now, coordinator_id=coordinator))
    ctx.put("calllog.floor", timing)
    ctx.checks["calllog.floor.status"] = row[6]
    conn.close()
    return ctx.output()


# =========================================================================== import


def import_suite(ctx: Context) -> dict[str, Any]:
    """Import of the benchmark CSV into a copy of the database: ours (import_csv: streaming,
    phone normalisation, duplicate checks, one transaction), stock (a prepared QSqlQuery per raw
    CSV row: no parsing or checks) and floor (sqlite3 multi-row INSERTs of the same raw rows).
    The references do less work; they show what the writes alone cost."""
    from app.domain.lead_import import import_csv
    from bench import datasets, qt_driver, stock

    qt_driver.plain_application()  # QSqlDatabase needs a QCoreApplication

    csv_path = ctx.work / f"import-{ctx.settings.import_rows}.csv"
    if not csv_path.exists():
        datasets.write_import_csv(csv_path, ctx.settings.import_rows)
    report_holder: list = []
    copies = iter(range(1000))

    def copy() -> None:
        datasets.working_copy(ctx.db, ctx.work, f"import-{next(copies)}.db")

    def ours() -> None:
        from app.storage import open_database

        target = sorted(ctx.work.glob("import-*.db"), key=lambda p: p.stat().st_mtime)[-1]
        db = open_database(target, create=True)
        try:
            report_holder.append(import_csv(db, csv_path))
        finally:
            db.dispose()
            datasets.remove_database(target)

    runs = max(1, min(ctx.settings.repeat, 3))  # each run copies the database first (2.6 GB at 1,000,000)
    timing, _ = repeat(ours, runs, warmup=0, before=copy)
    report = report_holder[-1]
    ctx.put("import.ours", timing, unit="ms", rows=len(report.rows))
    ctx.checks["import.ours"] = {"imported": report.imported, "duplicates": report.duplicates, "rejected": report.rejected}

    rows = stock.csv_rows(csv_path)

    def last_copy() -> Path:
        return sorted(ctx.work.glob("import-*.db"), key=lambda p: p.stat().st_mtime)[-1]

    def stock_run() -> int:
        target = last_copy()
        try:
            return stock.insert_rows(target, rows)
        finally:
            datasets.remove_database(target)

    timing, inserted = repeat(stock_run, runs, warmup=0, before=copy)
    ctx.put("import.stock", timing, rows=inserted)

    def floor_run() -> int:
        target = last_copy()
        try:
            return _floor_insert(target, rows)
        finally:
            datasets.remove_database(target)

    timing, inserted = repeat(floor_run, runs, warmup=0, before=copy)
    ctx.put("import.floor", timing, rows=inserted)
    ctx.checks["import.raw_rows"] = inserted
    return ctx.output()


def _floor_insert(path: Path, rows: list[dict[str, str]]) -> int:
    conn = raw.connect(path, writable=True)
    start = (conn.execute("SELECT max(id) FROM leads").fetchone()[0] or 0) + 1
    values = raw.raw_lead_values(rows, start, datetime.now(timezone.utc))
    one = "(" + ", ".join("?" for _ in raw.RAW_LEAD_COLUMNS) + ")"
    conn.execute("BEGIN IMMEDIATE")
    for begin in range(0, len(values), 1000):
        chunk = values[begin : begin + 1000]
        conn.execute(f"INSERT INTO leads ({', '.join(raw.RAW_LEAD_COLUMNS)}) VALUES " + ", ".join(one for _ in chunk),
                     [v for row in chunk for v in row])
    conn.execute("COMMIT")
    conn.close()
    return len(values)


# =========================================================================== packets


def packets_suite(ctx: Context) -> dict[str, Any]:
    """One packet in English and in Arabic (render_packet), a batch (render_batch); the stock
    reference lays the same words out with QTextDocument and prints them with QPdfWriter."""
    try:
        from app.packets.content import cached_content
        from app.packets.lead_packets import signed_packet_lead
        from app.packets.packet_batch import render_batch
        from app.packets.packet_renderer import render_packet
    except ImportError as exc:
        ctx.results["packets.missing"] = f"n/a (packets not built yet: {exc})"
        return ctx.output()
    from app.domain.leads import get_lead
    from bench import qt_driver, stock
    from db.engine import Database

    db = Database(ctx.db)
    content = cached_content()
    today = datetime.now(timezone.utc).date()
    conn = raw.connect(ctx.db)
    ids = [r for (r,) in conn.execute("SELECT id FROM leads WHERE erased_at IS NULL ORDER BY id LIMIT ?", (ctx.settings.packet_batch,))]
    conn.close()
    lead = signed_packet_lead(db, get_lead(db, ids[0], with_history=False), content)
    pdfs = {}
    for lang in ("en", "ar"):
        timing, pdf = _repeat(ctx, lambda lang=lang: render_packet(lead, lang=lang, today=today, content=content))
        ctx.put(f"packet.{lang}.ours", timing, bytes=len(pdf))
        pdfs[lang] = pdf
    for lang in ("en", "ar"):
        first_ever, cold = _cold_packets(ctx, ids[0], lang)
        ctx.put(f"packet.{lang}.cold_first", Timing([run["first_ms"] for run in cold]),
                import_ms=round(min(run["import_ms"] for run in cold), 1),
                no_font_cache_ms=round(first_ever["first_ms"], 1))
    batch = [signed_packet_lead(db, get_lead(db, i, with_history=False), content) for i in ids]
    out = ctx.work / "packets"
    runs = max(1, min(ctx.settings.repeat, 3))
    timing, files = repeat(lambda: render_batch(batch, out, today=today), runs, warmup=0)
    ctx.put("packet.batch.ours", timing, packets=len(files))
    ctx.checks["packet.batch.files"] = len(files)
    db.dispose()

    qt_driver.plain_application()
    for lang, pdf in pdfs.items():
        html = stock.packet_html(pdf, rtl=lang == "ar")
        timing, made = _repeat(ctx, lambda html=html: stock.print_html(html))
        ctx.put(f"packet.{lang}.stock", timing, bytes=len(made))
    html = stock.packet_html(pdfs["en"], rtl=False)
    timing, _ = repeat(lambda: [stock.print_html(html) for _ in batch], runs, warmup=0)
    ctx.put("packet.batch.stock", timing, packets=len(batch))
    return ctx.output()


def _cold_packets(ctx: Context, lead_id: int, lang: str) -> tuple[dict[str, float], list[dict[str, float]]]:
    """The first packet of a fresh interpreter (bench/packet_cold.py): once on a new machine (no
    font cache yet: every font file parsed and the cache written), then a few times as every later
    start of the app pays it (fonts read from the cache)."""
    import json
    import os
    import shutil
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    data = ctx.work / f"packet-cold-{lang}"
    shutil.rmtree(data, ignore_errors=True)
    env = {**os.environ, "MEDTOUR_DATA_DIR": str(data)}

    def once() -> dict[str, float]:
        done = subprocess.run([sys.executable, "-m", "bench.packet_cold", str(ctx.db), str(lead_id), lang],
                              cwd=root, env=env, check=True, capture_output=True, text=True)
        return json.loads(done.stdout.strip().splitlines()[-1])

    first_ever = once()
    return first_ever, [once() for _ in range(max(1, min(ctx.settings.repeat, 5)))]


SUITES = {
    "floor": floor_suite,
    "ours": ours_suite,
    "stock": stock_suite,
    "calllog": calllog_suite,
    "import": import_suite,
    "packets": packets_suite,
}


def run_suite(name: str, db: Path, work: Path, settings: Settings, *, keep_ids: bool = False) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    if "MEDTOUR_DATA_DIR" not in os.environ:  # a fresh settings folder: no view or sort left by an earlier run
        import shutil

        shutil.rmtree(work / "app-data", ignore_errors=True)
        os.environ["MEDTOUR_DATA_DIR"] = str(work / "app-data")
    ctx = Context(db=db, work=work, settings=settings, keep_ids=keep_ids)
    return SUITES[name](ctx)
