"""Rules every packet keeps, checked over a grid: every language × every program (as the lead's own
choice) × lead shapes (abroad or at home in the hospital's country, with or without a companion,
each diagnosis group, long names, right-to-left names, every script).

The plan (app.packets.packet_plan) is what the renderer draws, so most of the grid reads plans;
a representative subset — one packet per language × diagnosis group, and a patient at home per
language — is rendered and read back as PDF text.

Rules: a program the eligibility rules exclude never appears in an estimate; a patient living in
the hospital's country never sees "visa" (in the packet's language); every money column adds up
to its totals as printed; no placeholder coordinator; the "80–90 %" remission figure only in
leukaemia packets.
"""
from __future__ import annotations

import dataclasses
import itertools
import re
from decimal import Decimal

import pytest
from babel import Locale

from app.domain.eligibility import FITS, RULED_OUT
from app.packets.packet_input import PacketLead
from app.packets.packet_locale import format_amount
from app.packets.packet_offer import seed_catalogue
from app.packets.packet_plan import FIRST_STEPS, PacketPlan, plan_packet
from app.packets.packet_renderer import PacketRenderer
from tests.packets.conftest import COORDINATOR, TODAY, TRICKY_NAME
from tests.packets.pdf_reading import needs_poppler, normalise, pdftotext

LANGUAGES = ("en", "ru", "ar", "zh")
#: Where a patient reading each language lives when abroad; at home is the hospitals' country.
ABROAD = {"en": "GB", "ru": "KZ", "ar": "SA", "zh": "SG"}
HOME = "CN"

#: Each diagnosis group as a coordinator records it: (category, diagnosis text).
GROUPS: dict[str, tuple[str | None, str | None]] = {
    "all": ("leukemia", "Relapsed B-ALL after two lines of chemotherapy (CD19+)"),
    "all_ru": ("leukemia", "Острый лимфобластный лейкоз, рецидив"),
    "cll": ("leukemia", "Chronic lymphocytic leukaemia, relapsed after ibrutinib"),
    "other_leukaemia": ("leukemia", "Acute myeloid leukaemia (AML), refractory"),
    "b_cell_lymphoma": ("lymphoma", "Diffuse large B-cell lymphoma, relapsed"),
    "b_cell_lymphoma_zh": ("lymphoma", "弥漫大B细胞淋巴瘤复发"),
    "mantle_cell": ("lymphoma", "Mantle cell lymphoma, second relapse"),
    "other_lymphoma": ("lymphoma", "Peripheral T-cell lymphoma"),
    "myeloma": ("multiple_myeloma", "Multiple myeloma, relapsed after three lines"),
    "myeloma_ar": ("multiple_myeloma", "الورم النقوي المتعدد، انتكاس"),
    "glioblastoma": ("solid_tumour", "Glioblastoma multiforme, recurrent"),
    "glioblastoma_ru": ("solid_tumour", "Глиобластома, рецидив"),
    "solid": ("solid_tumour", "Pancreatic cancer with liver metastases"),
    "autoimmune": ("autoimmune", "Systemic lupus erythematosus, refractory"),
    "other": ("other", "Unclear findings, biopsy pending"),
    "unknown": (None, "not sure yet, the family will send the papers"),
    "empty": (None, None),
}
LEUKAEMIA_GROUPS = {"all", "all_ru", "cll", "other_leukaemia"}

#: (full name, Latin name) in every script the packet sets, long and right-to-left ones included.
NAMES = {
    "latin": ("Sam Taylor", None),
    "tricky": (TRICKY_NAME, None),
    "cyrillic": ("Мария Иванова", "Maria Ivanova"),
    "arabic": ("محمد عبد الله", "Mohammed Abdullah"),
    "hebrew": ("דוד כהן", "David Cohen"),
    "cjk": ("王小明", "Wang Xiaoming"),
    "devanagari": ("अनिल कुमार", "Anil Kumar"),
    "greek": ("Γιώργος Παπαδόπουλος", "Georgios Papadopoulos"),
    "long": ("Maria-Alexandra Konstantinopoulou-Vanderbilt de la Fuente y Hohenzollern-Sigmaringen", None),
    "long_arabic": ("عبد الرحمن بن عبد العزيز بن محمد بن سعود آل عبد الله الفيصل", "Abdulrahman Al Faisal"),
}

#: The word for a visa in each language's text (checked against the cost item's label below).
VISA_WORD = {"en": "visa", "ru": "виз", "ar": "تأشير", "zh": "签证"}
PLACEHOLDER_NAMES = ("MedTour Desk coordinator", "Coordinator")
#: "80–90 %", as each language writes it.
REMISSION = re.compile(r"80\s*%?\s*(?:–|-|—|to|до|إلى|至)\s*90")


@dataclasses.dataclass(frozen=True)
class Shape:
    group: str
    home: bool
    companions: int
    name: str

    @property
    def id(self) -> str:
        return f"{self.group}-{'home' if self.home else 'abroad'}-{self.companions}c-{self.name}"


def shapes() -> list[Shape]:
    names = itertools.cycle(NAMES)
    return [Shape(group, home, companions, next(names))
            for group, home, companions in itertools.product(GROUPS, (False, True), (0, 1))]


def lead_for(shape: Shape, language: str, program: str | None = None, number: int = 1) -> PacketLead:
    category, diagnosis = GROUPS[shape.group]
    full_name, latin = NAMES[shape.name]
    return PacketLead(f"L-2026-{number:05d}", full_name, latin, HOME if shape.home else ABROAD[language], language,
                      diagnosis, category, program, shape.companions, COORDINATOR)


@pytest.fixture(scope="module")
def programs(content) -> tuple[str | None, ...]:
    """Every program the texts describe and the catalogue offers, and no program named."""
    offered = {offer.program for offer in seed_catalogue(content).offers.values()}
    assert set(content.programs) <= offered, "every program has an offer"
    return (None, *content.programs)


@pytest.fixture(scope="module")
def grid(content, programs) -> dict[tuple[str, str | None, str], tuple[Shape, PacketPlan]]:
    """(language, lead's program, shape id) → the plan, for the whole grid."""
    plans = {}
    for language, program in itertools.product(LANGUAGES, programs):
        for number, shape in enumerate(shapes(), 1):
            lead = lead_for(shape, language, program, number)
            plans[language, program, shape.id] = shape, plan_packet(lead, content, lang=language, today=TODAY)
    return plans


def each(grid, language):
    return [(shape, plan) for (lang, _program, _id), (shape, plan) in grid.items() if lang == language]


# ------------------------------------------------------------------ the plan, over the whole grid


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_estimate_only_for_a_program_the_rules_admit(grid, language):
    assert len(each(grid, language)) == len(shapes()) * 4
    for shape, plan in each(grid, language):
        verdicts = {fit.offer.key: fit.verdict for fit in plan.fits}
        if plan.offer is None:
            assert FITS not in verdicts.values(), shape.id
            assert plan.kind == FIRST_STEPS and plan.lines == () and plan.reasons[0].startswith("no estimate"), shape.id
            continue
        assert verdicts[plan.offer.key] == FITS and plan.offer.confirmed, (shape.id, plan.offer.key)
        excluded = {fit.offer.program for fit in plan.fits if fit.verdict == RULED_OUT} - {
            fit.offer.program for fit in plan.fits if fit.verdict == FITS}
        assert plan.offer.program not in excluded, shape.id


def test_each_group_gets_the_program_its_diagnosis_calls_for(grid):
    """The grid is not vacuous: the groups partner programs treat are estimated, the others are not."""
    proposed = {shape.group: plan.offer.program if plan.offer else None
                for (lang, program, _id), (shape, plan) in grid.items() if lang == "en" and program is None}
    assert proposed == {
        "all": "car_t_b_all", "all_ru": "car_t_b_all", "cll": None, "other_leukaemia": None,
        "b_cell_lymphoma": "car_t_lymphoma", "b_cell_lymphoma_zh": "car_t_lymphoma", "mantle_cell": "car_t_lymphoma",
        "other_lymphoma": None, "myeloma": "bcma_car_t_myeloma", "myeloma_ar": "bcma_car_t_myeloma",
        "glioblastoma": None, "glioblastoma_ru": None, "solid": None, "autoimmune": None, "other": None,
        "unknown": None, "empty": None,
    }


@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="a requested program the eligibility rules exclude is still priced "
                          "(app.packets.packet_offer.choose_offer prices a forced program, 'not confirmed'); "
                          "the issue says never — decided with the packet-facts work")
def test_a_requested_program_the_rules_exclude_is_not_estimated(content):
    for shape in shapes():
        for program in content.programs:
            plan = plan_packet(lead_for(shape, "en"), content, program=program, today=TODAY)
            ruled_out = all(fit.verdict == RULED_OUT for fit in plan.fits if fit.offer.program == program)
            if ruled_out:
                assert plan.offer is None, (shape.id, program)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_patient_at_home_is_charged_no_visa_or_interpreter(grid, content, language):
    word = VISA_WORD[language]
    assert word in content.text(language).get("cost.items.visa_support").casefold(), "the language's word for visa"
    for shape, plan in each(grid, language):
        assert plan.domestic is shape.home, shape.id
        keys = {line.key for line in plan.lines}
        if shape.home:
            assert not keys & {"visa_support", "interpreter"}, shape.id
            assert not any(word in line.label.casefold() for line in plan.lines), shape.id
        elif plan.lines:
            assert "visa_support" in keys, shape.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_money_column_adds_up_to_its_totals(grid, language):
    for shape, plan in each(grid, language):
        if not plan.lines:
            continue
        assert plan.travellers == 1 + shape.companions
        for low, high in (("min", "max"), ("min_local", "max_local")):
            for side in (low, high):
                values = {line.key: getattr(line, side) for line in plan.lines}
                if None in values.values():
                    assert plan.lines[0].local_currency is None, shape.id
                    continue
                for section, key in (("medical", "subtotal_medical"), ("travel", "subtotal_travel")):
                    rows = sum((getattr(line, side) for line in plan.section_lines(section)), Decimal(0))
                    assert rows == getattr(plan.line(key), side), (shape.id, section, side)
                assert sum(values.values(), Decimal(0)) == getattr(plan.line("total"), side), (shape.id, side)
                assert all(value == value.to_integral_value() for value in values.values()), (shape.id, side)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_real_coordinator_signs_every_plan(grid, language):
    for shape, plan in each(grid, language):
        assert plan.lead.coordinator.name not in PLACEHOLDER_NAMES, shape.id


# ------------------------------------------------------------------ rendered packets, a representative subset

PDF_GROUPS = ("all", "cll", "other_leukaemia", "b_cell_lymphoma", "other_lymphoma", "myeloma", "glioblastoma",
              "autoimmune", "empty")


def _pdf_text(pdf: bytes) -> str:
    """The packet's text as poppler reads it (logical order in Arabic too)."""
    return pdftotext(pdf)


def _squeezed(text: str) -> str:
    """Normalised, with no white space and no brackets: a phrase broken across lines (or with its
    brackets mirrored, as right-to-left text extracts) still matches."""
    return re.sub(r"[\s()\[\]]+", "", normalise(text)).casefold()


@pytest.fixture(scope="module")
def rendered(content) -> dict[tuple[str, str, bool], tuple[Shape, PacketPlan, str]]:
    """(language, group, at home) → (shape, plan, PDF text): one packet per language × group abroad,
    and at home one estimate and one first-steps packet per language."""
    out = {}
    names = itertools.cycle(NAMES)
    cases = [(lang, group, False) for lang in LANGUAGES for group in PDF_GROUPS]
    cases += [(lang, group, True) for lang in LANGUAGES for group in ("b_cell_lymphoma", "empty")]
    for number, (language, group, home) in enumerate(cases, 1):
        shape = Shape(group, home, number % 2, next(names))
        plan = plan_packet(lead_for(shape, language, number=number), content, today=TODAY)
        pdf = PacketRenderer.from_plan(plan, content).render()
        out[language, group, home] = shape, plan, _pdf_text(pdf)
    return out


def _program_titles(content, language):
    text = content.text(language)
    return {key: text.get(f"programs.{key}.name") for key in content.programs}


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_names_no_program_the_rules_exclude(rendered, content, language):
    titles = _program_titles(content, language)
    for (lang, _group, _home), (shape, plan, text) in rendered.items():
        if lang != language:
            continue
        flat = _squeezed(text)
        admitted = {fit.offer.program for fit in plan.fits if fit.verdict == FITS}
        if plan.offer is not None:
            assert _squeezed(titles[plan.offer.program]) in flat, shape.id
        for program, title in titles.items():
            if program not in admitted:
                assert _squeezed(title) not in flat, (shape.id, program)


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_prints_the_plans_rows(rendered, language):
    """The columns as printed are the plan's rows (which add up, above)."""
    locale = Locale.parse(language)
    for (lang, _group, _home), (shape, plan, text) in rendered.items():
        if lang != language or not plan.lines:
            continue
        flat = _squeezed(text)
        for line in (*plan.lines, *plan.totals):
            assert _squeezed(line.label) in flat, (shape.id, line.key)
            for value in (line.min, line.max, line.min_local, line.max_local):
                if value is not None:
                    assert _squeezed(format_amount(value, locale)) in flat, (shape.id, line.key, value)


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_placeholder_coordinator_in_the_pdf(rendered, language):
    for (lang, _group, _home), (shape, _plan, text) in rendered.items():
        if lang != language:
            continue
        flat = normalise(text)
        assert "medtour desk coordinator" not in flat.casefold(), shape.id
        assert "Coordinator" not in [line.strip() for line in text.splitlines()], shape.id
        if language != "en":  # the English placeholder inside translated sentences; the signature is the person's
            assert "coordinator" not in _squeezed(text).replace(_squeezed(COORDINATOR.signature or ""), ""), shape.id
        assert _squeezed(COORDINATOR.name) in _squeezed(text), shape.id


_VISA_AT_HOME = pytest.mark.xfail(strict=True, raises=AssertionError,
                                  reason="the texts still promise a visa invitation letter and visa steps to a "
                                         "patient at home (summary, 'included', travel); the packet-facts work "
                                         "makes the domestic wording")


@needs_poppler
@pytest.mark.parametrize("language", [pytest.param(lang, marks=_VISA_AT_HOME) for lang in LANGUAGES])
def test_a_patient_at_home_never_reads_visa(rendered, language):
    for (lang, _group, home), (shape, plan, text) in rendered.items():
        if lang == language and home:
            assert plan.domestic, shape.id
            assert VISA_WORD[language] not in _squeezed(text), shape.id


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_patient_abroad_reads_visa(rendered, language):
    """The other side of the rule above: the word is found where it belongs, so its absence means something."""
    for (lang, _group, home), (shape, plan, text) in rendered.items():
        if lang == language and not home and plan.offer is not None:
            assert VISA_WORD[language] in _squeezed(text), shape.id


_REMISSION_OUTSIDE_LEUKAEMIA = pytest.mark.xfail(
    strict=True, raises=AssertionError,
    reason="'80–90 %' remission sits in how.body of every packet; the packet-facts work gives it its context "
           "(blood cancers only)")


@needs_poppler
@pytest.mark.parametrize(("language", "group"), [
    pytest.param(lang, group, marks=() if group in LEUKAEMIA_GROUPS else _REMISSION_OUTSIDE_LEUKAEMIA)
    for lang in LANGUAGES for group in PDF_GROUPS])
def test_remission_figures_only_in_leukaemia_packets(rendered, language, group):
    _shape, _plan, text = rendered[language, group, False]
    if group not in LEUKAEMIA_GROUPS:
        assert not REMISSION.search(_squeezed(text)), group
    elif group == "all":
        assert REMISSION.search(_squeezed(text)), "a B-ALL packet gives the figure (so the pattern finds it)"
