"""The write guard itself: a run whose tests leave a file in the project fails and names it."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, suite: str) -> pytest.RunResult:
    pytester.makepyfile(test_tiny=suite)
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    return pytester.runpytest_subprocess("-p", "tests.write_guard", "-p", "no:cacheprovider")


def test_a_file_left_in_the_project_fails_the_run(pytester, monkeypatch):
    result = _run(pytester, monkeypatch, """
from pathlib import Path

def test_writes_a_packet_here():
    Path("L-2026-00001_en.pdf").write_bytes(b"%PDF")
    Path("out").mkdir()
    (Path("out") / "x.db").write_bytes(b"")
""")
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*files written into the project*", "  L-2026-00001_en.pdf", "  out", "  out/x.db"])


def test_writing_into_tmp_path_passes(pytester, monkeypatch):
    result = _run(pytester, monkeypatch, """
def test_writes_where_it_should(tmp_path):
    (tmp_path / "L-2026-00001_en.pdf").write_bytes(b"%PDF")
""")
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.OK
    assert "files written into the project" not in result.stdout.str()
