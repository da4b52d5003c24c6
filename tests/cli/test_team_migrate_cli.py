"""`medtour --db URL team migrate-from FILE.db`: run through the real `medtour` entry point."""
from __future__ import annotations

import json

import pytest

from app.cli import main
from app.cli.team_migrate import people_map
from app.domain.errors import ValidationError
from tests.domain.test_team_migration import build_solo_demo


@pytest.fixture(scope="module")
def solo_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("solo-cli")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEDTOUR_DATA_DIR", str(folder / "data"))
        refs = build_solo_demo(folder / "solo.db", leads=120)
    return folder / "solo.db", refs


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def team_url(postgres_db) -> str:
    return postgres_db.url.render_as_string(hide_password=False)


@pytest.mark.postgres
def test_migrate_from_prints_the_verified_report_as_json(capsys, solo_file, team_url):
    path, _refs = solo_file
    code, out, err = run(capsys, "--db", team_url, "team", "migrate-from", str(path), "--json")
    assert code == 0, err
    report = json.loads(out)
    from db.schema import metadata

    assert set(report["tables"]) == set(metadata.tables) - {"catalogue_revisions"}  # the team keeps its catalogue
    assert report["tables"]["leads"]["rows"] == 120
    assert all(len(t["checksum"]) == 64 for t in report["tables"].values())
    assert "merged" not in report

    code, out, err = run(capsys, "team", "migrate-from", str(path), "--db", team_url)
    assert code != 0 and out == ""
    assert "already holds 120 leads" in err and "--merge" in err and len(err.strip().splitlines()) == 1

    code, out, err = run(capsys, "--db", team_url, "team", "migrate-from", str(path), "--merge", "--json")
    assert code == 0, err
    merged = json.loads(out)["merged"]
    assert merged["leads_merged"] > 100 and merged["leads_merged"] + merged["leads_added"] == 120


@pytest.mark.postgres
def test_migrate_from_in_words_with_people_mapped(capsys, solo_file, team_url, postgres_db):
    from datetime import UTC, datetime

    from db.models import Coordinator

    with postgres_db.write() as s:
        s.add(Coordinator(name="Li", login="liwen", role="coordinator", languages=["zh"], countries=[], active=True,
                          created_at=datetime(2026, 1, 1, tzinfo=UTC)))
    path, _refs = solo_file
    code, out, err = run(capsys, "--db", team_url, "team", "migrate-from", str(path), "--map", "Li Wen=liwen")
    assert code == 0, err
    assert "every table verified" in out and "leads" in out and "120 rows" in out
    assert "people without a login yet: Coordinator, Elena Markova, Omar Haddad, Grace Adeyemi" in out
    assert err == ""  # no terminal: no progress line


def test_on_sqlite_it_says_a_team_needs_postgresql(capsys, solo_file, tmp_path):
    path, _refs = solo_file
    code, out, err = run(capsys, "--db", str(tmp_path / "office.db"), "team", "migrate-from", str(path))
    assert code != 0 and out == ""
    assert err.startswith("medtour: a team needs PostgreSQL")
    assert not (tmp_path / "office.db").exists()


def test_map_values_are_checked():
    assert people_map(["Omar Haddad=omar", "3=li"]) == {"Omar Haddad": "omar", "3": "li"}
    with pytest.raises(ValidationError, match="--map takes"):
        people_map(["Omar Haddad"])


def test_help_names_the_command(capsys):
    with pytest.raises(SystemExit):
        main(["team", "migrate-from", "--help"])
    out, _ = capsys.readouterr()
    assert "FILE.db" in out and "--merge" in out and "--map" in out
