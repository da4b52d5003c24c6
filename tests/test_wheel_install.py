"""The app installs from a wheel, not only from a checkout.

One test, end to end, as a new user's machine would see it: build the wheel from a copy of the
source tree, install it (not editable, with its dependencies from the package index) into a fresh
virtual environment outside the checkout, and from a folder outside the checkout, with nothing of
the checkout on the path, use the installed `medtour` script and `python -m app`: open a database
(the migrations run from the installed package), add 20 demo leads, list them, write a packet in
each language with the bundled fonts embedded, and start the window offscreen. Then the same
environment takes an editable install (what `make setup` does) and reads the checkout's resources.

It is slow by nature (a wheel build and a virtual environment with Qt, about a minute here, most
of it the download), so it carries the `wheel` mark; `make test` runs it, as CI does.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.packets.pdf_reading import fonts, pypdf_pages

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "ru", "ar", "zh")
#: What building the wheel does not need: the package is app/, db/, resources/ and pyproject.toml.
NOT_BUILD_INPUTS = shutil.ignore_patterns(
    ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis",
    "tmp", "bench", "docs", "tests", "*.db", "*.db-wal", "*.db-shm",
)
#: What setuptools prints when the project's configuration is deprecated or incomplete.
BUILD_WARNING = re.compile(r"\w*Warning:|deprecated", re.IGNORECASE)

#: Run by the installed interpreter: where everything came from, and the resources read through them.
PROBE = r"""
import json, sys
import app, db, resources
from app import paths
from db.migrate import MIGRATIONS_DIR
from app.packets.content import ContentError, load_content
from app.packets.fonts import font_book
from PySide6.QtGui import QGuiApplication, QPixmap
from app.ui import fonts as ui_fonts

qt = QGuiApplication([])
content = load_content()
print(json.dumps({
    "sys_path": sys.path,
    "app": app.__file__, "db": db.__file__, "resources": resources.__file__,
    "migrations": str(MIGRATIONS_DIR),
    "resources_dir": str(paths.resources_dir()),
    "source_root": None if paths.source_root() is None else str(paths.source_root()),
    "content_message": str(ContentError(paths.content_dir() / "programs.toml", "x")),
    "programs": sorted(content.programs),
    "packet_fonts": sorted(font_book().families),
    "ui_fonts": ui_fonts.register_bundled_fonts(),
    "logo": not QPixmap(str(paths.brand_logo_path())).isNull(),
}))
"""


def _run(args: list[str | Path], cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result


def _outside_env(venv: Path) -> dict[str, str]:
    """The environment of a user's shell with the new environment active: no checkout anywhere."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "MEDTOUR_CONTENT_DIR", "MEDTOUR_DB"}}
    env["VIRTUAL_ENV"] = str(venv)
    env["PATH"] = os.pathsep.join([str(venv / "bin"), os.defpath])
    env["PYTHONNOUSERSITE"] = "1"
    env["PYTHONSAFEPATH"] = "1"  # not even the working folder goes first on sys.path
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _inside(path: str | Path, folder: Path) -> bool:
    return Path(path).resolve().is_relative_to(folder.resolve())


def _probe(python: Path, cwd: Path, env: dict[str, str]) -> dict:
    return json.loads(_run([python, "-c", PROBE], cwd, env).stdout.splitlines()[-1])


@pytest.mark.wheel
@pytest.mark.timeout(1200)
def test_the_wheel_installs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    timings: dict[str, float] = {}
    started = time.perf_counter()

    source = tmp_path / "source"  # the build writes build/ and *.egg-info beside its input: not into the checkout
    shutil.copytree(REPO, source, ignore=NOT_BUILD_INPUTS)
    dist = tmp_path / "dist"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, source], tmp_path, dict(os.environ))
    warnings = [line for line in (built.stdout + built.stderr).splitlines() if BUILD_WARNING.search(line)]
    assert not warnings, "the build warns:\n" + built.stdout + built.stderr
    (wheel,) = dist.glob("medtour_desk-*.whl")
    timings["build"] = time.perf_counter() - started

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], tmp_path, dict(os.environ))
    python = venv / "bin" / "python"
    env = _outside_env(venv)
    _run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel], tmp_path, env)
    timings["install"] = time.perf_counter() - started - timings["build"]

    work = tmp_path / "work"
    work.mkdir()
    found = _probe(python, work, env)
    for name in ("app", "db", "migrations", "resources", "resources_dir"):
        assert _inside(found[name], venv), f"{name} comes from {found[name]}, not the new environment"
    assert not any(_inside(entry, REPO) for entry in found["sys_path"] if entry), found["sys_path"]
    assert found["source_root"] is None
    assert found["content_message"] == f"{Path(found['resources_dir']) / 'content' / 'programs.toml'}: x"
    assert found["programs"], "the bundled content has programs"
    assert found["packet_fonts"] and "Noto Sans" in found["ui_fonts"] and found["logo"], found

    medtour = venv / "bin" / "medtour"
    database = work / "desk.db"
    _run([medtour, "--db", database, "demo", "--leads", "20"], work, env)  # a new database: the migrations run
    leads = json.loads(_run([medtour, "--db", database, "leads", "--json"], work, env).stdout)
    assert len(leads) == 20
    lead = leads[0]
    for language in LANGUAGES:
        out = work / f"out_{language}.pdf"
        _run([medtour, "--db", database, "packet", lead["reference"], "--lang", language, "-o", out], work, env)
        pdf = out.read_bytes()
        assert len(pdf) > 10_000, f"{language}: {len(pdf)} bytes"
        used = fonts(pdf)
        assert used and all(font["embedded"] for font in used.values()), f"{language}: {used}"
        text = " ".join(pypdf_pages(pdf))
        assert lead["reference"] in text or lead["name"] in text, f"{language}: the lead is not in the packet"

    window = _run([python, "-m", "app", "--db", database, "--quit-when-ready"], work, env, timeout=300)
    assert "ready" in window.stderr, window.stderr
    timings["run"] = time.perf_counter() - started - timings["build"] - timings["install"]

    # `make setup` installs the checkout editable: the same environment then reads the source tree.
    editable = _run([python, "-m", "pip", "install", "--disable-pip-version-check", "--no-deps", "-e", source], tmp_path, env)
    warnings = [line for line in (editable.stdout + editable.stderr).splitlines() if BUILD_WARNING.search(line)]
    assert not warnings, "the editable install warns:\n" + editable.stdout + editable.stderr
    found = _probe(python, work, env)
    assert _inside(found["app"], source) and _inside(found["resources_dir"], source), found
    assert found["source_root"] == str(source.resolve())
    assert found["content_message"] == "resources/content/programs.toml: x"
    timings["editable"] = time.perf_counter() - started - sum(timings.values())
    print("wheel test timings (s): " + ", ".join(f"{step} {seconds:.1f}" for step, seconds in timings.items()))
