"""The arrows run one way: ui → domain → db. Domain, packets and db never import Qt; db never imports app."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
QT_FREE = ["db", "app/domain", "app/packets", "app/safety"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(folder: str) -> list[Path]:
    return sorted(p for p in (REPO / folder).rglob("*.py") if "ui" not in p.relative_to(REPO / folder).parts)


@pytest.mark.parametrize("folder", QT_FREE)
def test_no_qt_below_the_ui(folder):
    offenders = {
        str(path.relative_to(REPO)): sorted(n for n in _imports(path) if n.split(".")[0] in ("PySide6", "shiboken6") or n.startswith("app.ui"))
        for path in _modules(folder)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_db_does_not_import_the_app():
    offenders = {
        str(path.relative_to(REPO)): sorted(n for n in _imports(path) if n == "app" or n.startswith("app."))
        for path in _modules("db")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_migrations_build_exactly_the_models(tmp_path):
    """Alembic's autogenerate finds nothing to add: the typed models and the migration agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.storage import open_database
    from db.models import Base

    db = open_database(tmp_path / "m.db", create=True)
    sqlite_only = {"lead_fts", "lead_fts_data", "lead_fts_idx", "lead_fts_docsize", "lead_fts_config", "ix_leads_live_search_text"}

    def include(obj, name, type_, reflected, compare_to):
        return name not in sqlite_only and name != "alembic_version"

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include, "compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
