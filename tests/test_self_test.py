"""`medtour-desk --self-test` (app/self_test.py): passes on a working install, and says what failed
(exit 1) on a broken one. The bundle built by `make dist` runs the same in CI (.ci/run)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _self_test(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("MEDTOUR_DB", "MEDTOUR_CONTENT_DIR")}
    environment |= {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home"), "TMPDIR": str(tmp_path)} | env
    (tmp_path / "home").mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-m", "app", "--self-test"], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=600)


def test_the_self_test_passes_and_touches_only_its_own_folder(tmp_path: Path) -> None:
    done = _self_test(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for step in ("database", "leads", "packets", "window"):
        assert any(line.startswith(f"ok    {step}:") for line in lines), done.stdout
    packets = next(line for line in lines if line.startswith("ok    packets:"))
    for language in ("en:", "ru:", "ar:", "zh:"):
        assert language in packets
    assert "listed 4 leads" in done.stdout
    assert lines[-1].startswith("self-test passed")
    # Its temporary folder is gone, and nothing was written to the user's data folder.
    assert not list(tmp_path.glob("medtour-self-test-*"))
    assert not (tmp_path / "home" / ".local" / "share" / "MedTourDesk").exists()


def test_a_broken_install_is_named_and_exits_1(tmp_path: Path) -> None:
    empty = tmp_path / "no-content"
    empty.mkdir()
    done = _self_test(tmp_path, MEDTOUR_CONTENT_DIR=str(empty))
    assert done.returncode == 1, done.stdout + done.stderr
    failed = [line for line in done.stdout.splitlines() if line.startswith("FAIL")]
    assert len(failed) == 1, done.stdout
    assert "no-content" in failed[0], failed  # it names what is wrong: the content folder it could not read
    assert "self-test passed" not in done.stdout
