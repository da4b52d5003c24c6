"""`make team-demo`'s script, run as a user would (a process of its own): it starts its own
PostgreSQL cluster on loopback, makes the team, every person signs in as themselves, and the
server is gone when it ends."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.postgres

REPO = Path(__file__).resolve().parents[1]


def test_the_team_demo_sets_up_a_team_everyone_signs_in_to(tmp_path):
    from tests.postgres_server import find_bindir

    assert find_bindir() is not None, "the PostgreSQL server binaries are part of the suite's system packages"
    env = dict(os.environ, MEDTOUR_DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "team_demo.py"), "--check", "--leads", "120"],
                            capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "runs on 127.0.0.1:" in out and "(this machine only)" in out
    for line in ("mona  signed in as Mona Salem (manager): sees 126 leads, 0 assigned to them",
                 "omar  signed in as Omar Haddad (coordinator): sees 126 leads",
                 "anna  signed in as Anna Petrova (coordinator): sees 126 leads",
                 "li    signed in as Li Wei (coordinator): sees 126 leads"):
        assert line in out, out
    port = int(re.search(r"runs on 127\.0\.0\.1:(\d+)", out).group(1))
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # the demo's server stopped with it
