"""Driving Qt from a benchmark: an offscreen QApplication, waiting for a signal with a timeout,
and painting a view now. (Benchmark harness only; the app itself never spins event loops.)"""
from __future__ import annotations

import os


def application():
    """The process's QApplication, offscreen (set before Qt starts), configured like the app's."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.startup import setup_application

    return setup_application(["medtour-bench"])


def plain_application():
    """A QApplication with Qt's defaults, for the stock references (no app theme or fonts)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["medtour-bench-stock"])


class Timeout(RuntimeError):
    pass


def wait_for(signal, timeout_s: float = 60.0, start=None):
    """Run the event loop until `signal` fires (after calling `start`, if given); returns its
    arguments. Raises Timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    got: list = []

    def fired(*args) -> None:
        got.append(args)
        loop.quit()

    signal.connect(fired)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(int(timeout_s * 1000))
    try:
        if start is not None:
            start()
        if not got:
            loop.exec()
    finally:
        timer.stop()
        signal.disconnect(fired)
    if not got:
        raise Timeout(f"no signal within {timeout_s:.0f} s")
    return got[0]


def paint(view) -> None:
    """Paint the view's visible cells now (data() for each, delegates, text)."""
    view.viewport().repaint()


class Paints:
    """Counts the paint events a view's viewport receives while it is installed (`with`)."""

    def __init__(self, view) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.viewport = view.viewport()
        self.count = 0
        counter = self

        class _Filter(QObject):
            def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt override
                if event.type() == QEvent.Type.Paint:
                    counter.count += 1
                return False

        self._filter = _Filter()

    def __enter__(self) -> Paints:
        self.count = 0
        self.viewport.installEventFilter(self._filter)
        return self

    def __exit__(self, *exc) -> None:
        self.viewport.removeEventFilter(self._filter)


def let_qt_paint(view, paints: Paints) -> None:
    """Deliver what Qt has scheduled (its update requests and delayed layouts), as the event loop
    would once the handler returns; then, if Qt painted nothing in the view, paint it now. So a
    measurement pays for the paints Qt really does, at least one."""
    from PySide6.QtCore import QCoreApplication

    for _ in range(2):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
    if paints.count == 0:
        view.viewport().repaint()


def paint_rows(view, rows) -> None:
    """Paint now what Qt redraws when a model says one row changed (dataChanged over a row):
    the rectangle from its first to its last column (QAbstractItemView::dataChanged)."""
    model = view.model()
    last = model.columnCount() - 1
    for row in rows:
        rect = view.visualRect(model.index(row, 0)).united(view.visualRect(model.index(row, last)))
        if not rect.isEmpty():
            view.viewport().repaint(rect)


def drain(*views) -> None:
    """Deliver what is queued (posted events, zero timers, delayed layouts) and paint `views`
    now, so that a measurement that follows pays only for its own work."""
    from PySide6.QtCore import QCoreApplication

    for _ in range(3):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
        for view in views:
            view.viewport().repaint()


def visible_rows(view) -> int:
    top = view.rowAt(0)
    bottom = view.rowAt(view.viewport().height() - 1)
    if top < 0:
        return 0
    if bottom < 0:
        bottom = view.model().rowCount() - 1
    return bottom - top + 1
