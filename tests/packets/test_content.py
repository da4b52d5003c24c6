"""The content files: shipped content loads, bad content is refused with the file and the problem named."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from app.packets.content import ContentError, cached_content, load_content
from app.packets.resource_paths import CONTENT_DIR_ENV


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_content_loads_with_every_language_complete(content):
    assert set(content.languages) == {"en", "ru", "ar", "zh"}
    assert set(content.programs) >= {"car_t_b_all", "car_t_lymphoma", "bcma_car_t_myeloma"}
    assert {lang: sorted(content.text(lang).fallback_keys) for lang in content.languages} == {
        "en": [], "ru": [], "ar": [], "zh": []}
    assert content.text("ar").rtl and not content.text("ru").rtl
    assert len(content.rates.per_unit) >= 20
    assert content.agency.currency == "USD" and content.agency.logo.is_file()


def test_programs_carry_no_figures_and_every_seed_offer_has_its_texts(content):
    """Prices and journeys are the hospitals' offers (hospitals.toml); programs.toml keeps only what
    the texts describe. Each seed offer's items and steps have a text in every language."""
    from app.packets.packet_offer import seed_catalogue

    assert [vars(program) for program in content.programs.values()] == [  # the disease each treats, no figures
        {"key": key, "category": category} for key, category in (
            ("car_t_b_all", "leukemia"), ("car_t_lymphoma", "lymphoma"), ("bcma_car_t_myeloma", "multiple_myeloma"))]
    catalogue = seed_catalogue(content)
    for offer in catalogue.offers.values():
        assert offer.program in content.programs
        for lang in content.languages:
            values = content.text(lang).values
            assert all(f"cost.items.{item.item}" in values for item in offer.medical)
            assert all(f"journey.steps.{step.step}.name" in values for step in offer.journey)
        assert 6 <= offer.stay_weeks <= 10


def test_min_above_max_names_the_file_and_item(content_copy):
    _edit(content_copy / "programs.toml", "min = 60\nmax = 90", "min = 100\nmax = 90")
    with pytest.raises(ContentError) as error:
        load_content(content_copy)
    assert str(error.value).endswith(
        "content/programs.toml: travel line item 'accommodation' has min 100 > max 90")
    assert error.value.path == content_copy / "programs.toml"


def test_the_shipped_folder_is_named_relative_to_the_repository():
    """A message about the real content folder names the file as the agency sees it in the repository."""
    from app.packets.resource_paths import content_dir

    assert str(ContentError(content_dir() / "programs.toml", "x")) == "resources/content/programs.toml: x"


@pytest.mark.parametrize(("file", "old", "new", "message"), [
    ("programs.toml", "[programs.car_t_b_all]\n", '[programs.car_t_b_all]\nsuits = ["leukemia"]\n',
     r"programs\.toml: program 'car_t_b_all': 'suits' belongs to the hospitals' offers in the catalogue"),
    ("programs.toml", "[programs.car_t_b_all]\n", '[programs.car_t_b_all]\nmedical = []\n',
     r"programs\.toml: program 'car_t_b_all': 'medical' belongs to the hospitals' offers"),
    ("programs.toml", 'per = "week"', 'per = "fortnight"',
     r"programs\.toml: travel line item 'interpreter': 'per' must be one of"),
    ("programs.toml", "[programs.car_t_lymphoma]", "[programs.car_t_lymphoma\n",
     r"programs\.toml: not valid TOML"),
    ("market.toml", 'key = "china"', 'key = "china_mainland"',
     r"market\.toml: missing region\(s\) china"),
    ("market.toml", "as_of = 2026-11-25", 'as_of = "last week"',
     r"market\.toml: \[market\] as_of must be a date"),
    ("rates.toml", 'base = "USD"', 'base = "EUR"',
     r"rates\.toml: \[rates\] base is EUR but the agency currency is USD"),
    ("rates.toml", "RUB = 80.45", "RUB = 0",
     r"rates\.toml: rate for RUB must be greater than zero"),
    ("rates.toml", "RUB = 80.45", "RUBL = 80.45",
     r"rates\.toml: \[rates\.per_unit\]: 'RUBL' is not an ISO 4217 currency code"),
    ("agency.toml", 'logo = "brand/logo.png"', 'logo = "brand/missing.png"',
     r"agency\.toml: \[agency\]: logo file .*missing\.png not found"),
    ("agency.toml", "valid_days = 30", "valid_days = 0",
     r"agency\.toml: \[estimate\]: 'valid_days' must be a whole number"),
    ("text/en.toml", 'heading = "Your cost estimate"', 'heading = "Your cost estimate"\nheadline = "x"',
     None),  # an extra key in English is allowed: it becomes a key translations may use
    ("text/ru.toml", 'heading = "Сравнение стоимости"', 'heding = "Сравнение стоимости"',
     r"text/ru\.toml: unknown text 'compare\.heding' \(English has no such key; a typo\?\)"),
    ("text/ru.toml", "Страница {page} из {pages}", "Страница {page} из {total}",
     r"text/ru\.toml: 'document\.page_x_of_y': unknown placeholder \{total\}"),
    ("text/ru.toml", "Страница {page} из {pages}", "Страница {page} из {pages} ({patient_name})",
     r"text/ru\.toml: 'document\.page_x_of_y' uses \{patient_name\}, which the English text does not provide"),
    ("text/ar.toml", 'direction = "rtl"', 'direction = "right"',
     r"text/ar\.toml: \[meta\] direction must be \"ltr\" or \"rtl\""),
    ("text/zh.toml", 'other = "{count}晚"', 'few = "{count}晚"',
     r"text/zh\.toml: 'units\.nights': plural forms need texts and an 'other' form"),
    ("text/en.toml", 'steps = [\n    "Read this packet', 'stepz = [\n    "Read this packet',
     r"text/en\.toml: missing text 'next\.steps'"),
])
def test_bad_content_is_refused_with_file_and_problem(content_copy, file, old, new, message):
    _edit(content_copy / file, old, new)
    if message is None:
        load_content(content_copy)
        return
    with pytest.raises(ContentError, match=message) as error:
        load_content(content_copy)
    assert str(error.value).startswith(str(content_copy / file))


@pytest.mark.parametrize("typed", ["$80,000", "80 000 $", "US$120,000", "80k", "8万美元", "120 тыс"])
def test_a_price_typed_into_the_text_is_refused(content_copy, typed):
    """Prices come from the data files only, so the packet can never state two ranges for one thing."""
    _edit(content_copy / "text" / "ru.toml",
          "По опубликованным данным — {china_range}", f"По опубликованным данным — {typed}")
    with pytest.raises(ContentError, match=r"text/ru\.toml: 'faq\.items' types an amount"):
        load_content(content_copy)


def test_translation_with_wrong_kind_of_value_is_refused(content_copy):
    _edit(content_copy / "text" / "ru.toml", 'heading = "Ваш путь по неделям"', 'heading = ["Ваш путь"]')
    with pytest.raises(ContentError, match=r"text/ru\.toml: 'journey\.heading' must be a text, like in English"):
        load_content(content_copy)


def test_content_folder_comes_from_the_argument_or_the_environment(content_copy, monkeypatch):
    _edit(content_copy / "agency.toml", 'name = "MedTour Desk Partners"', 'name = "Silk Road Care"')
    assert load_content(content_copy).agency.name == "Silk Road Care"
    monkeypatch.setenv(CONTENT_DIR_ENV, str(content_copy))
    assert load_content().agency.name == "Silk Road Care"
    monkeypatch.delenv(CONTENT_DIR_ENV)
    assert load_content().agency.name == "MedTour Desk Partners"


def test_cached_content_sees_an_edit(content_copy):
    first = cached_content(content_copy)
    assert cached_content(content_copy) is first
    agency = content_copy / "agency.toml"
    _edit(agency, 'name = "MedTour Desk Partners"', 'name = "MedTour Desk Partners Ltd"')
    stamp = time.time() + 5  # a later modification time, whatever the file system's resolution
    os.utime(agency, (stamp, stamp))
    assert cached_content(content_copy).agency.name == "MedTour Desk Partners Ltd"


def test_missing_folder_is_a_content_error(tmp_path):
    with pytest.raises(ContentError, match=re.escape(f"{tmp_path / 'nowhere'}: content folder not found")):
        load_content(tmp_path / "nowhere")
