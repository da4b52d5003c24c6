"""The cost estimate: totals and conversion, recomputed here from the raw content files, and as printed."""
from __future__ import annotations

import datetime
import tomllib
from decimal import ROUND_HALF_UP, Decimal

import pytest
from babel.numbers import format_currency, format_decimal

from app.domain.countries import currency_for_country
from app.packets.cost_estimate import estimate_cost
from app.packets.resource_paths import content_dir
from tests.packets.conftest import LEADS, TODAY, make_lead, render
from tests.packets.pdf_reading import needs_poppler, normalise, pdftotext


def _raw(name: str) -> dict:
    with (content_dir() / name).open("rb") as handle:
        return tomllib.load(handle)


def expected_totals(program: str, companions: int) -> tuple[Decimal, Decimal]:
    """The whole-stay total, computed straight from programs.toml (not through the packet code)."""
    data = _raw("programs.toml")
    spec = data["programs"][program]
    low = sum(Decimal(item["min"]) for item in spec["medical"])
    high = sum(Decimal(item["max"]) for item in spec["medical"])
    weeks = max(step["weeks"][1] for step in spec["journey"] if "weeks" in step)
    quantity = {"night": weeks * 7, "week": weeks, "traveller": 1 + companions}
    for item in data["travel"]:
        units = item.get("quantity") if item["per"] == "trip" else quantity[item["per"]]
        low += Decimal(item["min"]) * units
        high += Decimal(item["max"]) * units
    return low, high


def rate(currency: str) -> Decimal:
    return Decimal(str(_raw("rates.toml")["rates"]["per_unit"][currency]))


def converted(amount: Decimal, currency: str) -> Decimal:
    return (amount * rate(currency)).quantize(Decimal(1), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(("lang", "program"), [("en", "car_t_b_all"), ("ru", "bcma_car_t_myeloma"),
                                                ("ar", "car_t_lymphoma"), ("zh", "car_t_lymphoma")])
def test_estimate_totals_follow_the_content_files(content, lang, program):
    lead = LEADS[lang]
    estimate = estimate_cost(content.programs[program], content, companions=lead.companions,
                             country=lead.country, today=TODAY)
    assert (estimate.total_low, estimate.total_high) == expected_totals(program, lead.companions)
    assert estimate.travellers == 1 + lead.companions
    assert estimate.valid_until == TODAY + datetime.timedelta(days=30)


def test_b_all_example_by_hand(content):
    """One worked example, so the arithmetic above is itself checked against numbers a person added up."""
    estimate = estimate_cost(content.programs["car_t_b_all"], content, companions=1, country="GB", today=TODAY)
    assert (estimate.medical_low, estimate.medical_high) == (59000, 97000)
    # 7 weeks: 49 nights x 60..90, 7 weeks x 350..500, 2 travellers x 150..250, 2 trips x 60..100
    assert (estimate.travel_low, estimate.travel_high) == (2940 + 2450 + 300 + 120, 4410 + 3500 + 500 + 200)
    assert estimate.patient_currency == "GBP" and estimate.rate == Decimal("0.7614")
    assert estimate.convert(estimate.total_low) == Decimal(49346)  # 64,810 x 0.7614 = 49,346.33


@pytest.mark.parametrize(("country", "currency"), [("KZ", "KZT"), ("SA", "SAR"), ("NG", "NGN"), ("VN", "VND"),
                                                   ("EC", "USD"), ("DE", "EUR"), (None, None), ("XX", None)])
def test_patient_currency_comes_from_the_country(country, currency):
    assert currency_for_country(country, TODAY) == currency


def test_no_conversion_for_a_dollar_country_or_a_missing_rate(content):
    program = content.programs["car_t_b_all"]
    for country in ("EC", "US", None, "BO"):  # Ecuador and the US use USD; Bolivia's BOB has no rate
        estimate = estimate_cost(program, content, companions=0, country=country, today=TODAY)
        assert not estimate.converts


@needs_poppler
def test_english_packet_prints_totals_in_both_currencies(packets):
    low, high = expected_totals("car_t_b_all", 1)
    text = normalise(pdftotext(packets["en"].pdf))
    usd = [format_currency(value, "USD", "¤#,##0", locale="en", currency_digits=False) for value in (low, high)]
    gbp = [format_currency(converted(value, "GBP"), "GBP", "¤#,##0", locale="en", currency_digits=False)
           for value in (low, high)]
    assert f"Estimated total: {usd[0]} – {usd[1]}, about {gbp[0]} – {gbp[1]}" in text
    # the table's total row: plain numbers under the USD and GBP headings, on one line of the page
    rows = [normalise(line) for line in pdftotext(packets["en"].pdf, "-layout").splitlines()]
    assert (f"Estimated total {format_decimal(low, locale='en')} – {format_decimal(high, locale='en')} "
            f"{format_decimal(converted(low, 'GBP'), locale='en')} – "
            f"{format_decimal(converted(high, 'GBP'), locale='en')}") in rows
    assert "Converted at 1 USD = 0.7614 GBP, an indicative rate as of November 20, 2026." in text
    assert "This estimate is valid until December 25, 2026." in text


@needs_poppler
def test_russian_packet_converts_to_tenge_with_russian_number_format(packets):
    low, high = expected_totals("bcma_car_t_myeloma", 1)
    text = normalise(pdftotext(packets["ru"].pdf))
    kzt = [normalise(format_decimal(converted(value, "KZT"), locale="ru")) for value in (low, high)]
    assert f"{kzt[0]} – {kzt[1]}" in text  # 37 343 286 – 57 251 358, with the Russian grouping
    assert "1 USD = 521.7 KZT" not in text and "1 USD = 521,7 KZT" in text


def test_unknown_currency_packet_says_so(content):
    rendered = render(make_lead(country="BO"), content)  # Bolivia: BOB, no rate in rates.toml
    assert not rendered.renderer.estimate.converts
    assert "BOB" in rendered.renderer.t("cost.no_rate_note")
