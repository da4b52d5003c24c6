"""The Qt binding we ship must not leak references on signal emits.

PySide6 6.12.0 dropped a reference to True on every emit from Python, which aborts CPython 3.11
after a few hundred emits; pyproject holds PySide6 below 6.12 for that reason. This test fails if
an install brings such a build back.
"""
import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    plain = Signal()
    carrying = Signal(object)


def test_emits_keep_reference_counts():
    probe = _Probe()
    seen = []
    probe.carrying.connect(seen.append)
    before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        probe.plain.emit()
        probe.carrying.emit(None)
    assert len(seen) == 200
    seen.clear()
    assert sys.getrefcount(True) >= before_true
    assert sys.getrefcount(None) >= before_none - 5
