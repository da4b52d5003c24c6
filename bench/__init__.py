"""The benchmark suite: MedTour Desk at 10,000 / 100,000 / 1,000,000 leads against Qt's stock SQL
model (QSqlTableModel + QSortFilterProxyModel) and the raw SQLite floor.

Run it with ``make bench`` (``.venv/bin/python -m bench.run``); results go to docs/benchmarks.md
and bench/results/. See docs/benchmarks.md for what each row measures.
"""
