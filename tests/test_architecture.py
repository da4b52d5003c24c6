"""The arrows run one way, checked by import-linter against the contracts in pyproject.toml.

Each contract is its own test: the faces (CLI, GUI) sit above the engines (safety, packets), the
engines above the Qt-free rules (domain), the rules above `db/`; nothing below the faces imports
Qt, the GUI or the CLI; `db/` never imports the app; no import cycles between sibling packages.
import-linter follows imports inside functions and indirect chains, so a lazy import up the
layers fails as surely as one at the top of a module.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CONTRACTS = [c["id"] for c in tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]]


def _lint_imports(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`lint-imports` on the project (or a stand-in) at `root`, without writing a cache there."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()",
         "--no-cache", "--no-logo", *args, str(root / "pyproject.toml")],
        cwd=root, env=env, capture_output=True, text=True, timeout=240,
    )


def test_every_contract_the_issue_asks_for_is_declared():
    assert set(CONTRACTS) == {"layers", "qt-free", "db-alone", "acyclic"}


@pytest.mark.parametrize("contract", CONTRACTS)
def test_the_code_keeps_the_contract(contract):
    result = _lint_imports(REPO, "--contract", contract)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_contracts_catch_imports_inside_functions_and_cycles(tmp_path):
    """A stand-in project with the same layout and the same contracts, breaking each rule with an
    import inside a function: every contract reports it."""
    (tmp_path / "pyproject.toml").write_text((REPO / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    files = {
        "app/__init__.py": "",
        "app/__main__.py": "",
        "app/cli/__init__.py": "",
        "app/ui/__init__.py": "",
        "app/storage.py": "",
        "app/safety/__init__.py": "",
        "app/packets/__init__.py": "def render():\n    import PySide6.QtGui\n",
        "app/domain/__init__.py": "",
        "app/domain/leads.py": "def create():\n    from app.ui import main_window\n",
        "app/domain/pipeline.py": "def move():\n    from app.domain import phone\n",
        "app/domain/phone.py": "def parse():\n    from app.domain import pipeline\n",
        "app/error_log.py": "",
        "app/paths.py": "",
        "db/__init__.py": "def open():\n    import app.paths\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")

    result = _lint_imports(tmp_path)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "Contracts: 0 kept, 4 broken." in out, out
    assert "app.domain is not allowed to import app.ui" in out
    assert "app.packets is not allowed to import PySide6" in out
    assert "db is not allowed to import app" in out
    assert "No cycles are allowed in app.domain" in out


def test_the_migrations_build_exactly_the_models(tmp_path):
    """Alembic's autogenerate finds nothing to add: the typed models and the migration agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.storage import open_database
    from db.schema import metadata

    db = open_database(tmp_path / "m.db", create=True)
    sqlite_only = {"lead_fts", "lead_fts_data", "lead_fts_idx", "lead_fts_docsize", "lead_fts_config", "ix_leads_live_search_text"}

    def include(obj, name, type_, reflected, compare_to):
        return name not in sqlite_only and name != "alembic_version"

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include, "compare_type": True})
        assert compare_metadata(context, metadata) == []
