"""`medtour hospital list | show` and `medtour catalogue export | import | history`, run as users run them."""
from __future__ import annotations

import json

from app.cli import main


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _db(tmp_path, capsys) -> str:
    path = str(tmp_path / "cat.db")
    assert run(capsys, "init", path)[0] == 0
    return path


def test_hospital_list_json_keys_and_plain_table(capsys, tmp_path):
    db = _db(tmp_path, capsys)
    code, out, _ = run(capsys, "--db", db, "hospital", "list", "--json")
    assert code == 0
    listing = json.loads(out)
    assert listing["revision"] == 1
    first = listing["hospitals"][0]
    assert list(first) == ["key", "name", "local_name", "city", "country", "airport", "accreditations",
                           "car_t_experience", "patients_treated", "languages", "international", "hotline",
                           "doctors", "offers"]
    assert first["accreditations"] == [{"body": "JCI", "year": 2019}]
    assert first["hotline"] == first["international"]["hotline"] == "+86 10 8457 2299"
    assert list(first["doctors"][0]) == ["name", "local_name", "title", "languages"]
    assert list(first["offers"][0]) == ["key", "program", "product", "approval", "registry", "currency", "indications",
                                        "excludes", "records", "requires_companion"]
    assert [o["key"] for o in first["offers"]] == ["riverside_b_all", "riverside_myeloma"]
    code, out, _ = run(capsys, "hospital", "list", "--db", db)
    assert code == 0 and "Beijing Riverside International Hospital" in out and "JCI (2021)" in out


def test_hospital_show_by_name_and_unknown(capsys, tmp_path):
    db = _db(tmp_path, capsys)
    code, out, _ = run(capsys, "--db", db, "hospital", "show", "上海东岸肿瘤中心")
    assert code == 0 and "Shanghai East Bank Cancer Centre" in out
    assert "Clinical trial (ChiCTR-SAMPLE-0001)" in out and "24/7 line:       +86 21 6033 8111" in out
    code, out, _ = run(capsys, "--db", db, "hospital", "show", "beijing_riverside", "--json")
    assert json.loads(out)["name"] == "Beijing Riverside International Hospital"
    code, _, err = run(capsys, "--db", db, "hospital", "show", "Nowhere General")
    assert code == 1 and err.startswith("medtour: no partner hospital 'Nowhere General'") and len(err.splitlines()) == 1


def test_export_import_history(capsys, tmp_path):
    db = _db(tmp_path, capsys)
    code, out, _ = run(capsys, "--db", db, "catalogue", "export")
    assert code == 0 and "[offers.riverside_b_all]" in out
    target = tmp_path / "cat.toml"
    assert run(capsys, "--db", db, "catalogue", "export", "-o", str(target))[0] == 0
    code, _, err = run(capsys, "--db", db, "catalogue", "export", "-o", str(target))
    assert code == 1 and "already exists: choose another file name, or replace it (--force)" in err
    code, _, err = run(capsys, "--db", db, "catalogue", "export", "-o", db, "--force")
    assert code == 1 and "is the database file" in err

    code, out, _ = run(capsys, "--db", db, "catalogue", "import", str(target))
    assert code == 0 and "nothing to import" in out
    target.write_text(target.read_text(encoding="utf-8").replace("max = 55000", "max = 58000"), encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "catalogue", "import", str(target), "--note", "Riverside: new prices")
    assert code == 0 and "revision 2" in out
    target.write_text(target.read_text(encoding="utf-8").replace("max = 58000", "max = 5"), encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "catalogue", "import", str(target))
    assert code == 1 and "min 35000 is above max 5" in err

    code, out, _ = run(capsys, "--db", db, "catalogue", "history", "--json")
    revisions = json.loads(out)["revisions"]
    assert [(r["revision"], r["note"]) for r in revisions] == [(2, "Riverside: new prices"),
                                                              (1, "seeded from hospitals.toml")]
    assert revisions[0]["changed_by"] == "Coordinator" and set(revisions[0]) == {
        "revision", "changed_at", "changed_by", "note", "sha256"}
    code, out, _ = run(capsys, "--db", db, "catalogue", "history")
    assert code == 0 and "Riverside: new prices" in out.splitlines()[0]
