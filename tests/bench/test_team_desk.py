"""bench.team_desk, exercised on a 300-lead team with one run per figure: it builds the team,
measures every sign-in and writes its JSON. Row-level security shows in the rows each sign-in
finds; no timing is asserted."""
from __future__ import annotations

import json
import math

import pytest

from bench import team_desk

pytestmark = pytest.mark.postgres


def test_team_desk_bench_runs_on_tiny_data(tmp_path, capsys):
    from scripts.local_postgres import find_bindir

    if find_bindir() is None:
        pytest.skip("no PostgreSQL server binaries (initdb) on this machine")
    assert team_desk.main(["--leads", "300", "--runs", "1", "--warmup", "0",
                           "--data-dir", str(tmp_path / "data"), "--results", str(tmp_path / "results")]) == 0
    entry = json.loads((tmp_path / "results" / "team-desk-latest.json").read_text(encoding="utf-8"))
    results = entry["results"]
    assert set(results) == set(team_desk.SIGN_INS)
    for figures in results.values():
        assert {"calllog", "screen.top", "screen.middle", "screen.end", "search.latin"} <= set(figures)
        for figure in figures.values():
            assert len(figure["runs"]) == 1 and math.isfinite(figure["median"]) and figure["median"] > 0
    team, own, manager, sqlite = (results[k] for k in team_desk.SIGN_INS)
    # Under 'team' omar and the manager see every lead, as the solo file does; under 'own' a third and the pool.
    assert team["screen.top"]["list"] == manager["screen.top"]["list"] == sqlite["screen.top"]["list"] == 300
    assert own["screen.top"]["list"] < 300
    assert team["search.latin"]["rows"] == manager["search.latin"]["rows"] == sqlite["search.latin"]["rows"]
    assert own["search.latin"]["rows"] <= team["search.latin"]["rows"]
    assert "search.latin" in capsys.readouterr().out  # the table
