"""The command line points inward: nothing below imports it, each group registers its own
commands, and every command takes `--db` after its name."""
from __future__ import annotations

import argparse
import ast
import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):  # imports inside functions too
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.update([node.module, *(f"{node.module}.{alias.name}" for alias in node.names)])
    return names


@pytest.mark.parametrize("folder", ["app/domain", "app/packets", "app/safety", "db"])
def test_nothing_below_imports_the_cli(folder):
    offenders = {
        str(path.relative_to(REPO)): sorted(n for n in _imported(path) if n == "app.cli" or n.startswith("app.cli."))
        for path in (REPO / folder).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_cli_does_not_import_the_window_launcher():
    offenders = {
        str(path.relative_to(REPO)): sorted(n for n in _imported(path) if n.startswith("app.__main__"))
        for path in (REPO / "app" / "cli").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_every_group_module_is_listed_by_the_parser():
    from app.cli.parser import GROUPS

    with_register = {
        f"app.cli.{path.stem}" for path in (REPO / "app" / "cli").glob("*.py")
        if "register" in {n.name for n in ast.parse(path.read_text(encoding="utf-8")).body if isinstance(n, ast.FunctionDef)}
    }
    assert with_register == {g.__name__ for g in GROUPS}
    assert all(importlib.import_module(name).register for name in with_register)


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                has_children = any(isinstance(a, argparse._SubParsersAction) for a in sub._actions)
                if has_children:
                    yield from _commands(sub, (*prefix, name))
                else:
                    yield (*prefix, name), sub


def test_every_command_has_a_handler_and_takes_db_after_its_name():
    from app.cli.parser import build_parser

    commands = dict(_commands(build_parser()))
    assert {" ".join(k) for k in commands} >= {
        "init", "leads", "lead show", "lead add", "lead export-personal", "log", "status", "merge", "demo", "import",
        "export", "packet", "packets", "backup", "restore", "check", "erase", "gui",
    }
    for name, sub in commands.items():
        defaults = sub.parse_args([]) if not any(a.required for a in sub._actions) else None
        assert sub.get_default("handler") is not None, name
        assert any("--db" in a.option_strings and a.default is argparse.SUPPRESS for a in sub._actions), name
        if defaults is not None:
            assert not hasattr(defaults, "db"), name  # absent unless given: the one before the command stays
