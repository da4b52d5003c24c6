"""The stock approach: what most Qt database apps do. QSqlTableModel (PySide6.QtSql, QSQLITE
driver) over the leads table, a QSortFilterProxyModel on top for search and sorting, a QTableView.

QSqlTableModel fetches lazily, 256 rows at a time; the proxy can only filter and sort the rows it
has, so the model fetches every row first (`while canFetchMore(): fetchMore()`), which `load`
times on its own. The filter runs over the search_text column (names in every script, the Latin
spelling, reference, email and phone digit forms, folded) with the app's own folded terms, so the
stock list answers exactly the question the app's search answers.
"""
from __future__ import annotations

import csv
import itertools
import re
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRegularExpression, QSortFilterProxyModel, Qt
from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtSql import QSqlDatabase, QSqlQuery, QSqlTableModel
from PySide6.QtWidgets import QTableView

from app.domain.search_text import parse_query
from bench import floor as raw

_names = itertools.count()

#: Sort keys → leads column (as the app's list).
SORT_COLUMN = {"created": "inquiry_at", "name": "sort_name", "next_follow_up": "next_follow_up"}
#: The columns the app's list shows; the stock view shows the same ones.
SHOWN = ("reference", "full_name", "country", "status", "coordinator_id", "next_follow_up", "last_contact_at", "inquiry_at")


def open_database(path: Path, *, writable: bool = False) -> QSqlDatabase:
    name = f"stock-{next(_names)}"
    db = QSqlDatabase.addDatabase("QSQLITE", name)
    db.setDatabaseName(str(path))
    if not writable:
        db.setConnectOptions("QSQLITE_OPEN_READONLY")
    if not db.open():
        raise RuntimeError(f"QSQLITE cannot open {path}: {db.lastError().text()}")
    if writable:
        for pragma in ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"):
            QSqlQuery(pragma, db)
    return db


def close_database(name: str) -> None:
    """Close and remove the connection `name`; the caller has dropped its QSqlDatabase first."""
    db = QSqlDatabase.database(name, False)
    if db.isValid():
        db.close()
    del db
    QSqlDatabase.removeDatabase(name)


class StockLeads:
    """QSqlTableModel("leads", live rows) + QSortFilterProxyModel."""

    def __init__(self, path: Path, *, writable: bool = False) -> None:
        self.db = open_database(path, writable=writable)
        self.model = QSqlTableModel(None, self.db)
        self.model.setTable("leads")
        self.model.setFilter("erased_at IS NULL")
        self.model.setEditStrategy(QSqlTableModel.EditStrategy.OnManualSubmit)
        record = self.model.record()
        self.column = {record.fieldName(i): i for i in range(record.count())}
        self.filter_column_name = "search_text"
        self.proxy = QSortFilterProxyModel()
        self.proxy.setFilterKeyColumn(self.column[self.filter_column_name])
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSourceModel(self.model)

    def load(self) -> int:
        """select() and fetch every row (the proxy filters and sorts only rows it has). The proxy
        is detached while rows arrive: attached, it re-sorts after every 256-row chunk, which at
        1,000,000 leads takes longer than anyone would wait."""
        self.proxy.setSourceModel(None)
        self.model.select()
        while self.model.canFetchMore():
            self.model.fetchMore()
        self.proxy.setSourceModel(self.model)
        return self.model.rowCount()

    def sort(self, key: str, descending: bool) -> None:
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.proxy.sort(self.column[SORT_COLUMN[key]], order)

    def search(self, text: str) -> None:
        """The search box's text as the app folds it; one term: a fixed string, several: a regular
        expression that needs every one of them."""
        query = parse_query(text)
        terms = [*query.long_terms, *query.short_terms]
        if not terms:
            self.proxy.setFilterFixedString("")
        elif len(terms) == 1:
            self.proxy.setFilterFixedString(terms[0])
        else:
            pattern = "^" + "".join(f"(?=[\\s\\S]*{re.escape(t)})" for t in terms)
            self.proxy.setFilterRegularExpression(
                QRegularExpression(pattern, QRegularExpression.PatternOption.CaseInsensitiveOption)
            )

    def search_every_column(self, text: str) -> None:
        """Qt's default setup instead: the typed text, case-insensitive, in any column
        (setFilterKeyColumn(-1)); it may match a little more than the app's search (any column
        counts: notes, dates, ids as text)."""
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterFixedString(text.strip())

    def search_folded_column(self) -> None:
        """Back to the search_text column (what `search` filters)."""
        self.proxy.setFilterFixedString("")
        self.proxy.setFilterKeyColumn(self.column[self.filter_column_name])

    def row_of(self, lead_id: int) -> int:
        """The source row of a lead: Qt's match() over the id column (what a stock app would call)."""
        found = self.model.match(self.model.index(0, self.column["id"]), Qt.ItemDataRole.DisplayRole, lead_id, 1,
                                 Qt.MatchFlag.MatchExactly)
        if not found:
            raise KeyError(lead_id)
        return found[0].row()

    def visible_ids(self) -> list[int]:
        id_column = self.column["id"]
        proxy = self.proxy
        return [proxy.data(proxy.index(row, id_column)) for row in range(proxy.rowCount())]

    def log_call(self, lead_id: int, *, to_status: str, now: datetime, coordinator_id: int | None) -> None:
        """A call and a status move in one transaction, the stock way: QSqlQuery inserts for the
        call and the history, the lead's row edited through the table model and submitted —
        submitAll() selects again, and the proxy needs every row back."""
        stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")
        if not self.db.transaction():
            raise RuntimeError(self.db.lastError().text())
        source_row = self.row_of(lead_id)
        status = self.model.data(self.model.index(source_row, self.column["status"]))
        insert = QSqlQuery(self.db)
        insert.prepare("INSERT INTO interactions (lead_id, kind, direction, occurred_at, duration_seconds, outcome, notes, "
                       "coordinator_id, follow_up_at, details, created_at) VALUES (?, 'call_out', 'out', ?, 240, 'reached', "
                       "'Discussed the programme', ?, NULL, '{}', ?)")
        for value in (lead_id, stamp, coordinator_id, stamp):
            insert.addBindValue(value)
        history = QSqlQuery(self.db)
        history.prepare("INSERT INTO status_changes (lead_id, from_status, to_status, reason, coordinator_id, changed_at) "
                        "VALUES (?, ?, ?, NULL, ?, ?)")
        for value in (lead_id, status, to_status, coordinator_id, stamp):
            history.addBindValue(value)
        if not insert.exec() or not history.exec():
            self.db.rollback()
            raise RuntimeError(insert.lastError().text() or history.lastError().text())
        version = self.model.data(self.model.index(source_row, self.column["version"]))
        for name, value in (("status", to_status), ("first_contact_at", stamp), ("last_contact_at", stamp),
                            ("updated_at", stamp), ("version", version + 1)):
            self.model.setData(self.model.index(source_row, self.column[name]), value)
        self.proxy.setSourceModel(None)  # submitAll() selects again: refetch every row, then sort once
        if not self.model.submitAll():
            self.db.rollback()
            raise RuntimeError(self.model.lastError().text())
        self.db.commit()
        while self.model.canFetchMore():
            self.model.fetchMore()
        self.proxy.setSourceModel(self.model)

    def close(self) -> None:
        self.proxy.setSourceModel(None)
        self.model.clear()
        # Destroyed now, so its queries end before the connection goes: the proxy's Python wrapper
        # keeps a reference to the model it was given even after setSourceModel(None).
        shiboken6.delete(self.model)
        self.model = None
        name = self.db.connectionName()
        self.db = None
        close_database(name)


def table_view(model) -> QTableView:
    """A QTableView the size of the app's list, showing the same columns."""
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    source = model.sourceModel() if hasattr(model, "sourceModel") else model
    record = source.record()
    for i in range(record.count()):
        view.setColumnHidden(i, record.fieldName(i) not in SHOWN)
    view.resize(1400, 1150)
    view.show()
    return view


def today(path: Path, now: datetime, day_end: datetime) -> dict:
    """Today the stock way: QSqlTableModel.setFilter (a WHERE clause) + select() + fetch all, for
    the due follow-ups and the new inquiries; a QSqlQuery for the count of older ones."""
    from datetime import timedelta

    db = open_database(path)
    name = db.connectionName()
    try:
        stamp = lambda moment: moment.strftime("%Y-%m-%d %H:%M:%S.%f")  # noqa: E731
        since = stamp(now - timedelta(days=7))
        statuses = ", ".join(f"'{s}'" for s in raw.OPEN_STATUSES)
        out = {}
        for key, where in (
            ("follow_ups", f"erased_at IS NULL AND status IN ({statuses}) AND next_follow_up < '{stamp(day_end)}'"),
            ("new_inquiries", f"erased_at IS NULL AND status = 'new' AND first_contact_at IS NULL AND inquiry_at >= '{since}'"),
        ):
            model = QSqlTableModel(None, db)
            model.setTable("leads")
            model.setFilter(where)
            model.select()
            while model.canFetchMore():
                model.fetchMore()
            id_column = model.record().indexOf("id")
            out[key] = [model.data(model.index(r, id_column)) for r in range(model.rowCount())]
            model.clear()
        query = QSqlQuery(f"SELECT count(*) FROM leads WHERE erased_at IS NULL AND status = 'new' "
                          f"AND first_contact_at IS NULL AND inquiry_at < '{since}'", db)
        query.next()
        out["older_waiting"] = query.value(0)
        query.finish()
        del query, model
        return out
    finally:
        del db
        close_database(name)


# --------------------------------------------------------------------------- import and packets


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def insert_rows(path: Path, rows: list[dict[str, str]]) -> int:
    """The CSV rows inserted as they are: one prepared QSqlQuery, bound and executed per row, in
    one transaction (QSqlQuery.execBatch would be the obvious call, but QSQLITE only emulates it
    and the emulation is quadratic here: 8,000 rows take 11 s)."""
    db = open_database(path, writable=True)
    name = db.connectionName()
    try:
        query = QSqlQuery("SELECT max(id) FROM leads", db)
        query.next()
        start = (query.value(0) or 0) + 1
        query.finish()
        values = raw.raw_lead_values(rows, start, datetime.now())
        db.transaction()
        insert = QSqlQuery(db)
        insert.prepare(f"INSERT INTO leads ({', '.join(raw.RAW_LEAD_COLUMNS)}) VALUES ({', '.join('?' for _ in raw.RAW_LEAD_COLUMNS)})")
        for row in values:  # prepare once, bind and exec per row (QSQLITE's execBatch is emulated, O(n²))
            for position, value in enumerate(row):
                insert.bindValue(position, value)
            if not insert.exec():
                db.rollback()
                raise RuntimeError(insert.lastError().text())
        db.commit()
        insert.finish()
        del insert, query
        return len(values)
    finally:
        del db
        close_database(name)


def packet_html(pdf: bytes, *, rtl: bool) -> str:
    """The packet's words (text taken from our PDF), one paragraph per line, as simple HTML."""
    import html
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    direction = ' dir="rtl"' if rtl else ""
    pages = []
    for page in reader.pages:
        lines = [f"<p>{html.escape(line)}</p>" for line in (page.extract_text() or "").splitlines() if line.strip()]
        pages.append("".join(lines))
    return f"<html><body{direction}>" + '<p style="page-break-before: always"></p>'.join(pages) + "</body></html>"


def print_html(html_text: str) -> bytes:
    """QTextDocument laid out and printed to PDF with QPdfWriter (A4), into memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document = QTextDocument()
    document.setHtml(html_text)
    document.print_(writer)
    del writer
    buffer.close()
    return bytes(data.data())
