"""In CI (`CI=true`), a test that needs PostgreSQL, poppler, Qt widgets or a wheel build and was
skipped fails.

Locally those tests skip with a reason when the machine lacks the tool; CI installs everything
(`scripts/system-deps.sh`), so a skip there means a missing tool, and a green run would hide it.
Loaded as a plugin by tests/conftest.py.
"""
from __future__ import annotations

import os

import pytest

#: The marks (or fixtures) that say a test needs something from the system, and what.
NEEDS = {"postgres": "PostgreSQL", "poppler": "poppler-utils", "gui": "Qt widgets",
         "wheel": "a wheel build and a fresh environment"}
FIXTURES = {"postgres_server": "postgres", "postgres_db": "postgres", "qtbot": "gui", "qapp": "gui"}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def needed_system_part(item: pytest.Item) -> str | None:
    """What the test needs from the machine (None for a test that needs nothing special)."""
    for mark in NEEDS:
        if item.get_closest_marker(mark) is not None:
            return NEEDS[mark]
    for fixture in getattr(item, "fixturenames", ()):
        if fixture in FIXTURES:
            return NEEDS[FIXTURES[fixture]]
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if not (report.skipped and in_ci()) or hasattr(report, "wasxfail"):
        return
    needed = needed_system_part(item)
    if needed is None:
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = (
        f"{item.nodeid} needs {needed} and was skipped in CI ({reason}); "
        "CI must install it (scripts/system-deps.sh) rather than go green without this test"
    )
