"""Batches: every core, files named by reference and language, progress, cancel, same bytes as one by one."""
from __future__ import annotations

import dataclasses

import pytest

from app.packets.packet_batch import packet_filename, render_batch
from app.packets.packet_input import PacketRequestError
from app.packets.packet_renderer import render_packet
from tests.packets.conftest import LEADS, TODAY


def _leads(count: int) -> list:
    base = list(LEADS.values())
    return [dataclasses.replace(base[index % len(base)], reference=f"L-2026-{index + 1:05d}")
            for index in range(count)]


def test_batch_writes_one_packet_per_lead_on_two_processes(tmp_path, content):
    leads = _leads(5)
    seen: list[tuple[int, int]] = []
    paths = render_batch(leads, tmp_path, today=TODAY, workers=2, progress=lambda done, total: seen.append((done, total)))
    assert [path.name for path in paths] == [
        "L-2026-00001_en.pdf", "L-2026-00002_ru.pdf", "L-2026-00003_ar.pdf", "L-2026-00004_zh.pdf",
        "L-2026-00005_en.pdf"]
    assert seen == [(done, 5) for done in range(1, 6)]
    for lead, path in zip(leads, paths, strict=True):
        # the worker processes make exactly the packet this process makes
        assert path.read_bytes() == render_packet(lead, today=TODAY, content=content)


def test_batch_forces_language_and_program_when_asked(tmp_path):
    paths = render_batch(_leads(2), tmp_path, today=TODAY, lang="zh", program="bcma_car_t_myeloma", workers=1)
    assert [path.name for path in paths] == ["L-2026-00001_zh.pdf", "L-2026-00002_zh.pdf"]


def test_cancel_stops_the_batch_and_reports_what_was_written(tmp_path):
    calls = []

    def cancel() -> bool:
        return len(calls) >= 2

    paths = render_batch(_leads(14), tmp_path, today=TODAY, workers=2, progress=lambda d, t: calls.append(d),
                         cancel=cancel)
    assert 2 <= len(paths) < 14
    assert sorted(tmp_path.iterdir()) == sorted(paths), "only whole packets, and every one is reported"
    assert all(path.read_bytes().startswith(b"%PDF") for path in paths)


def test_cancel_before_the_first_packet_writes_nothing(tmp_path):
    assert render_batch(_leads(3), tmp_path, today=TODAY, workers=1, cancel=lambda: True) == []
    assert list(tmp_path.iterdir()) == []


def test_a_bad_request_fails_before_any_work(tmp_path):
    with pytest.raises(PacketRequestError, match="unknown program 'car_t_lung'"):
        render_batch(_leads(3), tmp_path / "out", today=TODAY, program="car_t_lung")
    assert not (tmp_path / "out").exists()


def test_an_empty_batch_is_empty(tmp_path):
    assert render_batch([], tmp_path, today=TODAY) == []


@pytest.mark.parametrize(("reference", "name"), [
    ("L-2026-00042", "L-2026-00042_en.pdf"),
    ("L/2026 00042", "L_2026_00042_en.pdf"),
    ("../../etc", "etc_en.pdf"),
    ("", "packet_en.pdf"),
])
def test_file_names_are_safe(reference, name):
    assert packet_filename(reference, "en") == name


def _registered_font_names() -> list[str]:
    from reportlab.pdfbase import pdfmetrics

    return sorted(pdfmetrics.getRegisteredFontNames())


def test_batch_workers_start_with_every_font_already_read():
    """The fork server reads the fonts once; a worker finds them registered before its first packet."""
    from concurrent.futures import ProcessPoolExecutor

    from app.packets.fonts import FAMILIES
    from app.packets.packet_batch import _pool_context

    with ProcessPoolExecutor(max_workers=1, mp_context=_pool_context()) as pool:
        names = pool.submit(_registered_font_names).result(timeout=120)
    faces = {face.name for family in FAMILIES for face in (family.regular, family.bold)}
    if _pool_context().get_start_method() == "forkserver":
        assert faces <= set(names), names
