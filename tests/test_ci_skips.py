"""The CI guard itself: in CI a skipped PostgreSQL, poppler or GUI test fails the run; elsewhere it skips."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

SUITE = '''
import pytest

@pytest.mark.postgres
def test_needs_postgres():
    pytest.skip("no PostgreSQL server binaries (initdb) on this machine")

@pytest.mark.poppler
@pytest.mark.skipif(True, reason="poppler-utils is not installed")
def test_needs_poppler():
    pass

@pytest.fixture
def postgres_server():
    pytest.skip("no PostgreSQL server binaries")

def test_uses_the_server(postgres_server):
    pass

def test_windows_only():
    pytest.skip("file modes are POSIX")

@pytest.mark.xfail(reason="a known bug")
@pytest.mark.postgres
def test_known_bug():
    assert False

def test_plain():
    pass
'''


@pytest.fixture
def tiny_suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    pytester.makepyfile(test_tiny=SUITE)
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    return pytester


def _run(pytester: pytest.Pytester) -> pytest.RunResult:
    return pytester.runpytest_subprocess("-p", "tests.ci_skips", "-p", "no:cacheprovider", "-rA")


def test_in_ci_a_skipped_system_test_fails_the_run(tiny_suite, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = _run(tiny_suite)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    # Skipped inside the test: a failure; skipped by a mark or a fixture during set-up: an error.
    result.assert_outcomes(passed=1, failed=1, errors=2, skipped=1, xfailed=1)
    out = result.stdout.str()
    assert "test_needs_postgres needs PostgreSQL and was skipped in CI" in out
    assert "test_needs_poppler needs poppler-utils and was skipped in CI" in out
    assert "test_uses_the_server needs PostgreSQL and was skipped in CI" in out
    assert "SKIPPED [1] test_tiny.py" in out  # the POSIX-only test stays a plain skip


def test_outside_ci_the_same_tests_skip_and_the_run_passes(tiny_suite, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    result = _run(tiny_suite)
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=1, skipped=4, xfailed=1)
