"""Several processes writing the same leads at once: no "database is locked" reaches a caller,
no update is lost, stale saves are refused with both versions. See bench/soak_concurrency.py."""
from __future__ import annotations

import sys

import pytest

from bench.soak_concurrency import run
from tests.safety.conftest import scaled

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses a POSIX fork server")


def test_four_writers_lose_nothing(tmp_path, capsys):
    report = run(4, scaled(4, 60), workdir=tmp_path / "concurrent")
    with capsys.disabled():
        print(f"\nconcurrency: {report.writers} writers, {report.seconds} s, {report.total} operations "
              f"({report.per_second}/s): saved {report.operations}, conflicts {report.conflicts}")
    assert report.errors == [] and report.problems == []
    assert all(report.operations[kind] > 0 for kind in ("edit", "call", "status"))
    assert report.conflicts.get("edit", 0) > 0  # the race was real


def test_the_check_catches_lost_updates(tmp_path):
    """Negative control: writers that save without the version check are caught losing updates."""
    report = run(3, 2, workdir=tmp_path / "blind", blind=True)
    assert any("an edit replaced" in p for p in report.problems), report.problems
