"""The stock app's start-up, for the launch benchmark: `python -m bench.stock_window --db PATH`.

QApplication, a QSqlTableModel over leads with every row fetched (the proxy needs them to filter),
a QSortFilterProxyModel sorted newest first, a QTableView shown and painted; then "ready …" on
stderr and quit."""
from __future__ import annotations

import argparse
import os
import sys
import time

_STARTED = time.perf_counter()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stock_window")
    parser.add_argument("--db", required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pathlib import Path

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from bench import stock

    app = QApplication(["medtour-stock"])
    model = stock.StockLeads(Path(args.db))
    rows = model.load()
    model.sort("created", True)
    view = stock.table_view(model.proxy)

    def ready() -> None:
        view.viewport().repaint()
        print(f"ready in {time.perf_counter() - _STARTED:.3f} s, {rows:,} rows", file=sys.stderr, flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    app.exec()
    view.close()
    model.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
