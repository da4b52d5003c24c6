"""Every action that reported success survives a crash: the writer is SIGKILLed at random moments
(50 times here, 1000+ with `python -m bench.soak_crash` or MEDTOUR_SOAK=1) and every acknowledged
operation is found, whole, in a database that passes every check. See bench/soak_crash.py."""
from __future__ import annotations

import os
import sys

import pytest

from bench.soak_crash import OPERATIONS, run
from tests.safety.conftest import scaled

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork servers are POSIX")


def test_acknowledged_operations_survive_random_kills(tmp_path, capsys):
    report = run(scaled(50, 1000), workdir=tmp_path / "crash", seed=int(os.environ.get("MEDTOUR_CRASH_SEED", "1")))
    with capsys.disabled():
        print(f"\ncrash safety: {report.kills} kills in {report.seconds} s, {report.verified} acknowledged operations "
              f"verified {report.acknowledged}, {report.imports_whole} whole imports, {report.call_pairs} call+status pairs")
    assert report.problems == []
    assert report.verified == sum(report.acknowledged.values()) >= 5 * report.kills
    assert set(report.acknowledged) == set(OPERATIONS) - {"checkpoint"}


def test_the_check_catches_a_writer_that_is_not_atomic(tmp_path):
    """Negative control: a writer that imports row by row is caught leaving half an import behind."""
    report = run(15, workdir=tmp_path / "faulty", which="faulty", min_delay=0.05, max_delay=0.3)
    assert any("half-written" in p for p in report.problems), report.problems
