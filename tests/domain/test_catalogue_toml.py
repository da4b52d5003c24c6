"""The catalogue's TOML file out and in, and its revisions (SQLite)."""
from __future__ import annotations

import copy
import tomllib

import pytest

from app.domain.catalogue import catalogue_history, current_catalogue, document_sha256, seed_document
from app.domain.catalogue_edit import catalogue_changes, change_catalogue, describe_changes, revision_entries
from app.domain.catalogue_toml import catalogue_toml, export_catalogue, import_catalogue
from app.domain.errors import ValidationError


def _newest(db):
    return catalogue_history(db)[0]


def test_export_then_import_is_the_same_document_to_the_sha256(sqlite_db, tmp_path, clock):
    current_catalogue(sqlite_db, clock=clock)
    stored = _newest(sqlite_db)
    path = tmp_path / "out.toml"
    text = export_catalogue(sqlite_db, path)
    assert path.read_text(encoding="utf-8") == text
    assert "[hospitals.beijing_riverside]" in text and "[[hospitals.beijing_riverside.doctors]]" in text
    assert 'labels = { ru = "Копия паспорта"' in text  # labels by language stay on one line, as in the seed
    assert '{ item = "manufacturing", min = 35000, max = 55000 }' in text
    assert document_sha256(tomllib.loads(text)) == stored.sha256
    result = import_catalogue(sqlite_db, path, clock=clock)
    assert not result.stored and result.catalogue.revision == 1
    assert len(catalogue_history(sqlite_db)) == 1


def test_awkward_values_survive_the_round_trip():
    document = seed_document()
    hospital = document["hospitals"]["beijing_riverside"]
    hospital["notes"] = 'Line one\nline "two" \\ with a backslash, Ünïcødé and العربية'
    hospital["international"]["email"] = None  # TOML has no null: left out, as the parser reads it
    document["offers"]["riverside_b_all"]["medical"][0]["min"] = 2999.5
    back = tomllib.loads(catalogue_toml(document))
    del hospital["international"]["email"]
    assert back == document


def test_import_is_a_new_revision_with_the_actor_and_note(sqlite_db, tmp_path, clock):
    current_catalogue(sqlite_db, clock=clock)
    path = tmp_path / "edited.toml"
    export_catalogue(sqlite_db, path)
    path.write_text(path.read_text(encoding="utf-8").replace("max = 55000", "max = 57000"), encoding="utf-8")
    result = import_catalogue(sqlite_db, path, clock=clock)
    assert result.stored and result.catalogue.revision == 2 and result.previous == 1
    high = {i.item: i.high for i in result.catalogue.offer("riverside_b_all").medical}
    assert high["manufacturing"] == 57000
    entry = revision_entries(sqlite_db)[0]
    assert (entry.revision, entry.note, entry.changed_by) == (2, "imported edited.toml", "Coordinator")
    assert entry.changed_at == clock()
    # the same content again stores nothing
    assert not import_catalogue(sqlite_db, path, clock=clock).stored
    assert len(catalogue_history(sqlite_db)) == 2


@pytest.mark.parametrize("change, words", [
    (("max = 55000", "max = 100"), "line item 'manufacturing': min 35000 is above max 100"),
    (('approval = "approved"', 'approval = "maybe"'), "approval 'maybe' is not one of"),
    (("[hospitals.beijing_riverside]", "[hospitals.beijing_riverside\n"), "is not valid TOML"),
])
def test_an_invalid_file_is_refused_with_the_parsers_words_and_nothing_stored(sqlite_db, tmp_path, clock, change, words):
    current_catalogue(sqlite_db, clock=clock)
    path = tmp_path / "bad.toml"
    export_catalogue(sqlite_db, path)
    path.write_text(path.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    with pytest.raises(ValidationError, match=words.replace("(", r"\(").replace(")", r"\)")):
        import_catalogue(sqlite_db, path, clock=clock)
    assert len(catalogue_history(sqlite_db)) == 1


def test_export_refuses_an_existing_file_and_the_database(sqlite_db, tmp_path):
    path = tmp_path / "out.toml"
    path.write_text("keep me", encoding="utf-8")
    with pytest.raises(ValidationError, match="already exists"):
        export_catalogue(sqlite_db, path)
    assert path.read_text(encoding="utf-8") == "keep me"
    export_catalogue(sqlite_db, path, force=True)
    assert "[offers.riverside_b_all]" in path.read_text(encoding="utf-8")
    size = sqlite_db.path.stat().st_size
    with pytest.raises(ValidationError, match="is the database file"):
        export_catalogue(sqlite_db, sqlite_db.path, force=True)
    assert sqlite_db.path.stat().st_size == size


def test_a_change_in_words(sqlite_db, clock):
    old = seed_document()
    new = copy.deepcopy(old)
    new["hospitals"]["beijing_riverside"]["international"]["hotline"] = "+86 10 0000 0000"
    new["hospitals"]["beijing_riverside"]["airport"] = "PKX — Daxing"
    new["offers"]["eastbank_lymphoma"]["medical"][2]["max"] = 400000
    new["hospitals"]["ruijin"] = {"name": "Ruijin Hospital", "city": "Shanghai", "country": "CN"}
    assert catalogue_changes(old, new) == [
        "Beijing Riverside International Hospital: airport, 24/7 line", "new hospital Ruijin Hospital",
        "offer eastbank_lymphoma: medical"]
    assert describe_changes(old, old) == "no change"
    current_catalogue(sqlite_db, clock=clock)
    published, stored = change_catalogue(sqlite_db, new, note=describe_changes(old, new), clock=clock)
    assert stored and published.revision == 2 and published.hospital("Ruijin Hospital").city == "Shanghai"
    assert _newest(sqlite_db).note.startswith("Beijing Riverside International Hospital: airport, 24/7 line;")
