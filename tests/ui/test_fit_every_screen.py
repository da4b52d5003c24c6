"""Every main view (with a lead open beside it) and every main dialog fits a 1366×768 laptop and a
1920×1080 screen at 100 %, and a 1920×1080 screen at 150 % (device pixel ratio 1.5, in a
subprocess with QT_SCALE_FACTOR=1.5): nothing outside its window or cut at a viewport's side, no
text elided, no horizontal scroll bar (tests/ui/desk_fit.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.desk_fit import screen_problems

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("desk_look")]

ROOT = Path(__file__).resolve().parents[2]
SCREENS = [(1366, 728), (1920, 1050)]  # the screen less a taskbar


@pytest.mark.parametrize(("width", "height"), SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_every_view_and_dialog_fits(desk, sqlite_db, width, height):
    window, controller, ids, _prompts = desk
    assert screen_problems(sqlite_db, ids, window, controller, width, height) == {}


def test_every_view_and_dialog_fits_1920x1080_at_150_percent(tmp_path):
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5", "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
           "MEDTOUR_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "tests.ui.desk_fit", str(tmp_path / "desk.db"), "1280", "700"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["dpr"] == 1.5 and answer["grab"] == [1920, 1050], answer
    assert answer["problems"] == {}
