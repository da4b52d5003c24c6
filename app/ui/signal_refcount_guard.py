"""A guard against a reference-counting bug in PySide6 6.12.0 on Python 3.11.

There, every ``SignalInstance.emit()`` called from Python releases one reference to ``True``
that it never took. CPython 3.11 starts with a few hundred references to ``True``; after that
many emits the interpreter aborts with "Fatal Python error: bool_dealloc: deallocating True or
False" (at once, or while shutting down). Python 3.12+ is not affected (``True`` is immortal
there) and neither are signals emitted by Qt itself.

`guard_bool_refcount()` measures the leak with a throw-away signal and, only when it is there,
adds a very large number of references to ``True`` so that it can never reach zero in a
process's lifetime — the effect Python 3.12 has built in. Call it once after the QApplication
exists (it is idempotent and costs microseconds). Remove this module once PySide6 is fixed.
"""
from __future__ import annotations

import ctypes
import platform
import sys

from PySide6.QtCore import QObject, Signal

__all__ = ["guard_bool_refcount", "emit_leaks_true"]

#: References added to True when the leak is present: more emits than any process will make.
_RESERVE = 1 << 40
_guarded = False


class _Probe(QObject):
    fired = Signal()


def emit_leaks_true() -> bool:
    """Whether emitting a signal from Python drops a reference to True (the PySide6 6.12.0 bug)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.fired.emit()
    after = sys.getrefcount(True)
    probe.deleteLater()
    return after < before


def guard_bool_refcount() -> bool:
    """Protect this process from the leak; True when the guard was (or had been) applied."""
    global _guarded
    if _guarded:
        return True
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False
    if not emit_leaks_true():
        return False
    # ob_refcnt is the first field of every CPython object (non-free-threaded builds).
    refcount = ctypes.c_ssize_t.from_address(id(True))
    refcount.value += _RESERVE
    _guarded = True
    return True
