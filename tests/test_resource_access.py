"""The bundled resources (content, fonts, brand) have one accessor, app/paths.py, which reads the
`resources` package through importlib.resources; every reader goes through it.

tests/test_wheel_install.py shows the same accessor working from an installed wheel."""
from __future__ import annotations

import re
import shutil
from importlib.resources import files
from pathlib import Path

import pytest

from app import paths
from app.domain.program_choices import currency_choices, program_choices
from app.packets.content import ContentError

REPO = Path(__file__).resolve().parents[1]


def test_the_resources_are_the_resources_package_read_through_importlib() -> None:
    folder = paths.resources_dir()
    assert folder == Path(str(files(paths.RESOURCES_PACKAGE)))
    assert folder.resolve() == REPO / "resources"
    assert (paths.content_dir() / "programs.toml").is_file()
    assert (paths.fonts_dir() / "NotoSans-Regular.ttf").is_file()
    assert paths.brand_logo_path().is_file()
    assert paths.source_root() == REPO


def test_a_content_file_is_named_from_the_checkout_inside_it_and_in_full_elsewhere(tmp_path: Path) -> None:
    assert str(ContentError(paths.content_dir() / "rates.toml", "x")) == "resources/content/rates.toml: x"
    elsewhere = tmp_path / "content" / "rates.toml"
    assert str(ContentError(elsewhere, "x")) == f"{elsewhere}: x"


def test_the_editor_pickers_read_the_content_folder_the_packet_reads(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    content = Path(shutil.copytree(paths.content_dir(), tmp_path / "content"))
    programs = content / "programs.toml"
    programs.write_text(programs.read_text(encoding="utf-8") + '\n[programs.til_therapy]\nsuits = ["solid_tumour"]\n',
                        encoding="utf-8")
    rates = content / "rates.toml"
    rates.write_text(re.sub(r"(?m)^\[rates\.per_unit\]$", '[rates.per_unit]\nISK = 140.0', rates.read_text(encoding="utf-8")),
                     encoding="utf-8")
    assert "til_therapy" not in dict(program_choices())
    monkeypatch.setenv(paths.CONTENT_DIR_ENV, str(content))
    assert paths.content_dir() == content
    assert dict(program_choices())["til_therapy"] == "til therapy"
    assert "ISK" in currency_choices()


def test_every_reader_of_the_resources_goes_through_app_paths() -> None:
    """No module but app/paths.py names a corner of the resources or finds them from its own file."""
    built_by_hand = re.compile(r"resources_dir\(\)\s*/\s*['\"]|['\"]resources['\"]|__file__.*resources")
    offenders = []
    for source in sorted([*(REPO / "app").rglob("*.py"), *(REPO / "db").rglob("*.py")]):
        if source == REPO / "app" / "paths.py":
            continue
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if built_by_hand.search(line):
                offenders.append(f"{source.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []
