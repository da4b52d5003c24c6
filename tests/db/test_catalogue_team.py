"""The shared catalogue on a team database: every member reads it, only an admin publishes a
revision (the server's GRANT, asked first by the desk and mapped to one sentence if it refuses)."""
from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select

from app.domain.catalogue import current_catalogue, publish_catalogue
from app.domain.catalogue_edit import ONLY_ADMINS, CatalogueRefusedError, change_catalogue, edit_right, revision_entries
from app.domain.catalogue_toml import export_catalogue, import_catalogue
from app.error_words import describe
from db.case_models import CatalogueRevision
from db.errors import Condition, classify
from tests.db.test_team_permissions import team  # noqa: F401 - the team fixture

pytestmark = pytest.mark.postgres


def _revisions(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(CatalogueRevision))


def test_admin_publishes_coordinator_reads_and_is_refused(team, tmp_path):  # noqa: F811
    admin, coordinator = team.app("adam"), team.app("omar")
    assert not edit_right(coordinator).allowed and edit_right(coordinator).role == "coordinator"
    assert edit_right(admin).allowed

    assert current_catalogue(coordinator).revision == current_catalogue(admin).revision == 1  # the seed
    document = copy.deepcopy(team_document := _document(admin))
    document["offers"]["riverside_b_all"]["medical"][2]["max"] = 61000
    published, stored = change_catalogue(admin, document, note="manufacturing up")
    assert stored and published.revision == 2

    seen = current_catalogue(coordinator)
    assert seen.revision == 2
    assert {i.item: i.high for i in seen.offer("riverside_b_all").medical}["manufacturing"] == 61000
    newest = revision_entries(coordinator)[0]
    assert (newest.revision, newest.changed_by, newest.note) == (2, "Adam", "manufacturing up")

    # The coordinator: refused before trying, in one clear sentence …
    path = tmp_path / "mine.toml"
    export_catalogue(coordinator, path)
    path.write_text(path.read_text(encoding="utf-8").replace("max = 61000", "max = 1000000"), encoding="utf-8")
    with pytest.raises(CatalogueRefusedError) as refused:
        import_catalogue(coordinator, path)
    assert describe(refused.value).message == f"{ONLY_ADMINS}; your role is coordinator"
    # … and by the server when the desk does not ask first (its permission error, the same sentence).
    with pytest.raises(CatalogueRefusedError) as by_server:
        change_catalogue(coordinator, team_document | {"offers": {}}, note="mine", check_role=False)
    assert describe(by_server.value).message == ONLY_ADMINS
    assert classify(by_server.value.__cause__) is Condition.PERMISSION_DENIED
    with pytest.raises(Exception) as raw:
        publish_catalogue(coordinator, team_document | {"offers": {}}, note="raw")
    assert classify(raw.value) is Condition.PERMISSION_DENIED
    assert _revisions(team.owner) == 2
    assert current_catalogue(team.owner).revision == 2


def _document(db):
    from app.domain.catalogue_toml import catalogue_document

    return catalogue_document(db)[0]


def test_a_coordinators_import_on_the_command_line_is_one_clear_line(team, tmp_path, capsys):  # noqa: F811
    from app.cli import main

    path = tmp_path / "cat.toml"
    assert main(["--db", team.url("adam"), "catalogue", "export", "-o", str(path)]) == 0
    path.write_text(path.read_text(encoding="utf-8").replace("max = 55000", "max = 56000"), encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", team.url("omar"), "catalogue", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert err == f"medtour: {ONLY_ADMINS}; your role is coordinator\n"
    assert _revisions(team.owner) == 1
    assert main(["--db", team.url("adam"), "catalogue", "import", str(path)]) == 0
    assert "revision 2" in capsys.readouterr().out
    assert main(["--db", team.url("omar"), "catalogue", "history", "--json"]) == 0
    assert '"changed_by": "Adam"' in capsys.readouterr().out
