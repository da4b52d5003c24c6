"""Timing and memory: repeated runs reduced to a median and a maximum, and peak RSS."""
from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Timing:
    """Repeated measurements of one thing, in `unit` (ms unless told)."""

    runs: list[float] = field(default_factory=list)
    unit: str = "ms"

    @property
    def median(self) -> float:
        return statistics.median(self.runs) if self.runs else float("nan")

    @property
    def max(self) -> float:
        return max(self.runs) if self.runs else float("nan")

    def to_json(self) -> dict[str, Any]:
        return {"median": self.median, "max": self.max, "runs": [round(r, 4) for r in self.runs], "unit": self.unit}


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(milliseconds, result) of one call."""
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000.0, result


def repeat(
    fn: Callable[[], Any],
    times: int,
    *,
    warmup: int = 1,
    before: Callable[[], Any] | None = None,
) -> tuple[Timing, Any]:
    """Run `fn` `warmup` times untimed, then `times` timed; `before` runs untimed ahead of each call.

    A full garbage collection runs before each timed call so that one run does not pay for the
    previous one's garbage; the collector stays on during the call (a user's keystroke pays for its
    own). Returns the timing and the last result."""
    result = None
    for _ in range(warmup):
        if before is not None:
            before()
        result = fn()
    timing = Timing()
    for _ in range(times):
        if before is not None:
            before()
        gc.collect()
        elapsed, result = timed(fn)
        timing.runs.append(elapsed)
    return timing, result


def peak_rss_mb() -> float:
    """This process's peak resident set size (VmHWM) in MiB; Linux only (NaN elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def current_rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")
