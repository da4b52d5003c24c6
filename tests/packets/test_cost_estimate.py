"""The cost estimate: totals and conversion, recomputed here from the raw content files, and as printed."""
from __future__ import annotations

import datetime
import tomllib
from decimal import ROUND_HALF_UP, Decimal

import pytest
from babel.numbers import format_currency, format_decimal

from app.domain.countries import currency_for_country
from app.packets.cost_estimate import MissingRateError, convert_amount, estimate_cost
from app.packets.packet_input import choose_offer
from app.packets.packet_offer import packet_offer
from app.packets.resource_paths import content_dir
from tests.packets.conftest import LEADS, TODAY, make_lead, render
from tests.packets.pdf_reading import needs_poppler, normalise, pdftotext


def _raw(name: str) -> dict:
    with (content_dir() / name).open("rb") as handle:
        return tomllib.load(handle)


def _whole(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def expected_totals(offer: str, companions: int) -> tuple[Decimal, Decimal]:
    """The whole-stay total in USD, computed straight from the files (not through the packet code):
    the offer's medical items in hospitals.toml, each row converted from its currency to USD with
    rates.toml, and the travel items of programs.toml."""
    spec = _raw("hospitals.toml")["offers"][offer]
    per_usd = Decimal(1) if spec["currency"] == "USD" else rate(spec["currency"])
    low = sum(_whole(Decimal(item["min"]) / per_usd) for item in spec["medical"])
    high = sum(_whole(Decimal(item["max"]) / per_usd) for item in spec["medical"])
    weeks = max(step["weeks"][1] for step in spec["journey"] if "weeks" in step)
    quantity = {"night": weeks * 7, "week": weeks, "traveller": 1 + companions}
    for item in _raw("programs.toml")["travel"]:
        units = item.get("quantity") if item["per"] == "trip" else quantity[item["per"]]
        low += Decimal(item["min"]) * units
        high += Decimal(item["max"]) * units
    return low, high


def _offer(content, key: str):
    from app.packets.packet_offer import packet_offer, seed_catalogue

    catalogue = seed_catalogue(content)
    return packet_offer(catalogue.offer(key), catalogue)


def rate(currency: str) -> Decimal:
    return Decimal(str(_raw("rates.toml")["rates"]["per_unit"][currency]))


def converted(amount: Decimal, currency: str) -> Decimal:
    return (amount * rate(currency)).quantize(Decimal(1), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(("lang", "offer"), [("en", "riverside_b_all"), ("ru", "riverside_myeloma"),
                                              ("ar", "eastbank_lymphoma"), ("zh", "eastbank_lymphoma")])
def test_estimate_totals_follow_the_content_files(content, lang, offer):
    lead = LEADS[lang]
    assert choose_offer(lead, content).key == offer  # the offer that fits the lead's diagnosis
    estimate = estimate_cost(choose_offer(lead, content), content, companions=lead.companions,
                             country=lead.country, today=TODAY)
    assert (estimate.total_low, estimate.total_high) == expected_totals(offer, lead.companions)
    assert estimate.travellers == 1 + lead.companions
    assert estimate.valid_until == TODAY + datetime.timedelta(days=30)


def test_b_all_example_by_hand(content):
    """One worked example, so the arithmetic above is itself checked against numbers a person added up."""
    estimate = estimate_cost(_offer(content, "riverside_b_all"), content, companions=1, country="GB", today=TODAY)
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
    program = _offer(content, "riverside_b_all")
    for country in ("EC", "US", None, "BO"):  # Ecuador and the US use USD; Bolivia's BOB has no rate
        estimate = estimate_cost(program, content, companions=0, country=country, today=TODAY)
        assert not estimate.converts


@needs_poppler
def test_english_packet_prints_totals_in_both_currencies(packets):
    low, high = expected_totals("riverside_b_all", 1)
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
    low, high = expected_totals("riverside_myeloma", 1)
    text = normalise(pdftotext(packets["ru"].pdf))
    kzt = [normalise(format_decimal(converted(value, "KZT"), locale="ru")) for value in (low, high)]
    assert f"{kzt[0]} – {kzt[1]}" in text  # 37 343 286 – 57 251 358, with the Russian grouping
    assert "1 USD = 521.7 KZT" not in text and "1 USD = 521,7 KZT" in text


def test_unknown_currency_packet_says_so(content):
    rendered = render(make_lead(country="BO"), content)  # Bolivia: BOB, no rate in rates.toml
    assert not rendered.renderer.estimate.converts
    assert "BOB" in rendered.renderer.t("cost.no_rate_note")


def test_one_conversion_rule_through_the_agency_currency(content):
    rates = content.rates
    assert convert_amount(Decimal(255000), "CNY", "USD", rates) == Decimal(35890)  # 255,000 / 7.105 = 35,890.22
    assert convert_amount(Decimal(35890), "USD", "CNY", rates) == Decimal(254998)  # whole units, half up
    assert convert_amount(Decimal(1000), "CNY", "SAR", rates) == Decimal(528)  # 1,000 / 7.105 x 3.75 = 527.8
    assert convert_amount(Decimal("12.5"), "EUR", "EUR", rates) == Decimal("12.5")
    with pytest.raises(MissingRateError, match=r"rates\.toml has no rate for BOB"):
        convert_amount(Decimal(1), "BOB", "USD", rates)


@needs_poppler
def test_a_dlbcl_lead_is_priced_from_the_eastbank_offer_in_the_patients_currency(content):
    """Relapsed DLBCL from Saudi Arabia: the East Bank offer's CNY items, row by row in USD, then SAR."""
    lead = make_lead(diagnosis="DLBCL, relapsed after R-CHOP", diagnosis_category="lymphoma", country="SA",
                     companions=1)
    rendered = render(lead, content, lang="en")
    estimate = rendered.renderer.estimate
    assert estimate.offer.key == "eastbank_lymphoma" and estimate.offer.currency == "CNY"
    spec = _raw("hospitals.toml")["offers"]["eastbank_lymphoma"]["medical"]
    assert [(line.key, line.low, line.high) for line in estimate.medical] == [
        (item["item"], _whole(Decimal(item["min"]) / rate("CNY")), _whole(Decimal(item["max"]) / rate("CNY")))
        for item in spec]
    assert estimate.medical[2].low == Decimal(35890)  # manufacturing: 255,000 CNY
    low, high = expected_totals("eastbank_lymphoma", 1)
    assert (estimate.total_low, estimate.total_high) == (low, high)
    assert estimate.patient_currency == "SAR" and estimate.offer_rate == rate("CNY")
    text = normalise(pdftotext(rendered.pdf))
    # The SAR column converts the hospital's own CNY figures once (through USD's rate, unrounded)
    # and the travel items from USD: no rounding to whole dollars on the way.
    sar_per_cny = rate("SAR") / rate("CNY")
    exact = [sum((Decimal(item[end]) for item in spec), Decimal(0)) * sar_per_cny + travel * rate("SAR")
             for end, travel in (("min", estimate.travel_low), ("max", estimate.travel_high))]
    sar = [f"SAR {format_decimal(_whole(value), locale='en')}" for value in exact]
    assert f"about {sar[0]} – {sar[1]}" in text
    assert "Shanghai East Bank Cancer Centre" in text
    assert ("The hospital prices its treatment in Chinese yuan (CNY); its items are shown here in US dollars (USD) "
            "at 1 USD = 7.105 CNY") in text
    assert "The SAR column is converted at 1 USD = 3.75 SAR" in text


@pytest.mark.parametrize("country", ["RU", "SA", "KZ", "NG", "IN", "AE", "CN", "GB"])
def test_the_converted_column_adds_up_row_by_row(country):
    """Every row of the patient's-currency column is a whole number, and the rows add up exactly
    to each subtotal and the subtotals to the total — for every offer, low and high alike."""
    from app.packets.content import cached_content
    from app.packets.packet_offer import seed_catalogue

    content = cached_content()
    catalogue = seed_catalogue(content)
    for offer_key in catalogue.offers:
        offer = packet_offer(catalogue.offers[offer_key], catalogue)  # every offer, whatever it treats
        estimate = estimate_cost(offer, content, companions=1, country=country, today=TODAY)
        if not estimate.converts:
            continue
        column = estimate.converted()
        for side in (0, 1):
            medical = [row[side] for row in column.medical]
            travel = [row[side] for row in column.travel]
            assert all(v == v.to_integral_value() for v in medical + travel)
            assert sum(medical) == column.medical_total[side] and sum(travel) == column.travel_total[side]
            assert column.medical_total[side] + column.travel_total[side] == column.total[side]
            # From the hospital's own figures, converted once (not through the rounded USD column).
            exact = sum(((line.source_low, line.source_high)[side] * line.patient_rate
                         for line in (*estimate.medical, *estimate.travel)), Decimal(0))
            assert abs(column.total[side] - exact) <= Decimal("0.5")


def test_a_patient_living_in_the_hospitals_country_is_not_charged_for_a_visa_or_an_interpreter():
    from app.packets.content import cached_content
    from app.packets.packet_offer import seed_catalogue

    content = cached_content()
    catalogue = seed_catalogue(content)
    offer = packet_offer(catalogue.offers["eastbank_lymphoma"], catalogue)
    abroad = offer
    assert offer is not None and abroad is not None and offer.country == "CN"
    home = estimate_cost(offer, content, companions=1, country="CN", today=TODAY)
    away = estimate_cost(abroad, content, companions=1, country="KZ", today=TODAY)
    assert {line.key for line in away.travel} >= {"visa_support", "interpreter"}
    assert {line.key for line in away.travel} - {line.key for line in home.travel} == {"visa_support", "interpreter"}
    assert home.total_low < away.total_low


def test_an_offer_in_the_patients_own_currency_keeps_its_own_figures():
    """A CNY offer shown to a patient who pays in CNY: the patient's column is the hospital's own
    amounts, not a round trip through the rounded USD column (25,002 for a 25,000 item)."""
    from app.packets.content import cached_content
    from app.packets.packet_offer import seed_catalogue

    content = cached_content()
    catalogue = seed_catalogue(content)
    offer = packet_offer(catalogue.offers["eastbank_lymphoma"], catalogue)
    assert offer is not None and offer.currency == "CNY"
    estimate = estimate_cost(offer, content, companions=1, country="CN", today=TODAY)
    assert estimate.patient_currency == "CNY"
    column = estimate.converted()
    assert [row for row in column.medical] == [(item.min, item.max) for item in offer.medical]
