"""Files are written in one way (app/domain/atomic_file.py): old or complete new, never half."""
from __future__ import annotations

import os
import re

import pytest

from app.domain.atomic_file import PARTIAL_SUFFIX, atomic_path, atomic_write
from tests.conftest import REPO


def test_an_error_midway_leaves_the_old_file_and_no_partial(tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as handle:
        handle.write("new, half")
        raise RuntimeError("disk trouble")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_a_path_for_writers_by_name_is_private_and_renamed_at_the_end(tmp_path):
    target = tmp_path / "new" / "copy.db"
    with atomic_path(target, private=True) as temp:
        assert temp.parent == target.parent and temp.name.endswith(PARTIAL_SUFFIX) and temp.exists()
        assert not target.exists()
        temp.write_bytes(b"whole")
        if os.name == "posix":
            temp.chmod(0o644)
    assert target.read_bytes() == b"whole" and list(target.parent.iterdir()) == [target]
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600


#: Renames that are not writes: restore moves a damaged old database's -wal aside, with its copy.
_MOVES_ASIDE = {"app/safety/restore.py": 1}


def test_every_file_writer_goes_through_atomic_file():
    """Only atomic_file makes temporary files, syncs them and renames them over a target."""
    home = REPO / "app" / "domain" / "atomic_file.py"
    problems = []
    for folder in ("app", "db"):
        for path in sorted((REPO / folder).rglob("*.py")):
            if path == home:
                continue
            source = path.read_text(encoding="utf-8")
            name = path.relative_to(REPO).as_posix()
            for pattern in (r"mkstemp|NamedTemporaryFile|mkdtemp", r"\bfsync\(", r"""["']\.partial["']""",
                            r"\.rename\(|\.replace\(\s*\w*(path|target|temp|partial|staged)\w*\s*\)"):
                if re.search(pattern, source):
                    problems.append(f"{name}: {pattern}")
            if len(re.findall(r"os\.replace\(", source)) != _MOVES_ASIDE.get(name, 0):
                problems.append(f"{name}: os.replace")
    assert problems == []
