"""scripts/system-deps.sh: installs what the suite needs, or fails saying what is missing.

Run against stand-in commands on a private PATH (no real apt-get, no real packages), so each way
the machine can be set up is tried without touching this one.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "system-deps.sh"
TOOLS = ("pdftoppm", "pdftotext", "pdffonts", "qpdf", "sqlite3")


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path: Path):
    """A bare machine: only the commands the script itself uses; `id` says which user runs it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("grep", "sleep", "cat"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    log = tmp_path / "apt.log"

    def run(*, uid: int, apt_get: str | None = None, installed: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        _stub(bin_dir, "id", f'[ "$1" = -u ] && echo {uid}; exit 0')
        for tool in installed:
            _stub(bin_dir, tool, "exit 0")
        if apt_get is not None:
            _stub(bin_dir, "apt-get", f'echo "$@" >> "{log}"\n{apt_get}')
        env = {"PATH": str(bin_dir), "POSTGRES_LIB_DIR": str(tmp_path / "no-postgresql"),
               "APT_RETRY_DELAY": "0", "HOME": str(tmp_path)}
        return subprocess.run([shutil.which("bash"), str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)

    run.bin_dir = bin_dir
    run.apt_calls = lambda: log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return run


def test_nothing_to_do_when_everything_is_there(machine):
    result = machine(uid=1000, apt_get="exit 1", installed=(*TOOLS, "initdb"))
    assert (result.returncode, result.stderr) == (0, "")
    assert machine.apt_calls() == []


def test_without_root_it_fails_naming_the_packages(machine):
    result = machine(uid=1000, installed=("qpdf", "sqlite3"))
    assert result.returncode == 1
    assert "FAILED: missing Debian packages: poppler-utils postgresql." in result.stderr
    assert "sudo apt-get install poppler-utils postgresql" in result.stderr


def test_as_root_it_installs_what_is_missing_and_checks_it_arrived(machine):
    tools = " ".join(f'{machine.bin_dir}/{t}' for t in (*TOOLS, "initdb"))
    install = f'case "$*" in *install*) for t in {tools}; do printf "#!/bin/sh\\nexit 0\\n" > $t; chmod +x $t; done;; esac; exit 0'
    result = machine(uid=0, apt_get=install)
    assert result.returncode == 0, result.stderr
    update, install_call = machine.apt_calls()
    assert update == "-o DPkg::Lock::Timeout=120 update -qq"
    assert install_call == "-o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends poppler-utils qpdf sqlite3 postgresql"


def test_a_held_apt_lock_is_waited_for_retried_then_fails(machine):
    locked = 'echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)" >&2; exit 100'
    result = machine(uid=0, apt_get=locked)
    assert result.returncode == 1
    assert machine.apt_calls() == ["-o DPkg::Lock::Timeout=120 update -qq"] * 3
    assert "FAILED: 'apt-get update' did not succeed (is another apt or dpkg holding its lock" in result.stderr
    assert "still missing: poppler-utils qpdf sqlite3 postgresql" in result.stderr


def test_as_root_an_install_that_leaves_something_missing_fails(machine):
    result = machine(uid=0, apt_get="exit 0")
    assert result.returncode == 1
    assert "FAILED: still missing after installing: poppler-utils qpdf sqlite3 postgresql" in result.stderr


def test_without_apt_get_it_fails_naming_the_packages(machine):
    result = machine(uid=0, installed=TOOLS)
    assert result.returncode == 1
    assert "missing: postgresql (Debian package names), and there is no apt-get here" in result.stderr
