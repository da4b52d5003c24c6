"""Whether a schema change is due is known without importing Alembic, and agrees with Alembic."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.engine import Database
from db.migrate import MIGRATIONS_DIR, current_revision, head_revision, known_revisions, revision_graph

ROOT = Path(__file__).resolve().parents[2]


def _alembic_script() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def test_the_revision_files_read_as_alembic_reads_them() -> None:
    script = _alembic_script()
    alembic_graph = {rev.revision: rev.down_revision for rev in script.walk_revisions()}
    assert revision_graph() == alembic_graph
    assert known_revisions() == set(alembic_graph)
    assert head_revision() == script.get_current_head()


def test_the_current_revision_reads_as_alembic_reads_it(db, tmp_path: Path) -> None:
    with db.engine.connect() as conn:
        expected = MigrationContext.configure(conn).get_current_revision()
    assert expected == head_revision()
    assert current_revision(db) == expected

    blank = Database(f"sqlite:///{tmp_path / 'blank.db'}")
    try:
        assert current_revision(blank) is None
    finally:
        blank.dispose()


def test_opening_an_up_to_date_database_does_not_load_alembic(tmp_path: Path) -> None:
    path = tmp_path / "medtour.db"
    code = (
        "import json, sys\n"
        "from app.storage import open_database\n"
        f"open_database({str(path)!r}, create=True).dispose()\n"
        "first = 'alembic' in sys.modules\n"
        "for name in [m for m in sys.modules if m == 'alembic' or m.startswith('alembic.')]:\n"
        "    del sys.modules[name]\n"
        f"db = open_database({str(path)!r})\n"
        "db.dispose()\n"
        "print(json.dumps({'created_with_alembic': first, 'reopened_with_alembic': 'alembic' in sys.modules}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"created_with_alembic": True, "reopened_with_alembic": False}
