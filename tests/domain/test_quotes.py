"""Quotes side by side in the patient's currency, on SQLite and PostgreSQL: a CNY and a USD quote
shown in RUB (the patient's country) and in AED (their budget currency), every row rounded to
whole units and the rows adding up to the total shown; expired quotes; choosing one."""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from app.domain.errors import NotFoundError, ValidationError
from app.domain.exchange_rates import load_rates, whole_units
from app.domain.quotes import add_quote, choose_quote, chosen_quote_in, compare_quotes, parse_amount
from db.case_models import Quote
from db.models import Interaction
from tests.domain.case_review_data import HOSPITAL, OTHER_HOSPITAL, make_case

CNY_ITEMS = ["medical_evaluation=25000", "cell_collection=28000", "manufacturing=255000", "lymphodepletion=21000",
             "infusion=14000", "hospital_stay=50001", "monitoring=32000", "Interpreter=3000"]
USD_ITEMS = ["medical_evaluation=3333.33", "manufacturing=38000", "hospital_stay=9000.5", "monitoring=5000",
             "Airport pick-up=149.99"]


def _two_quotes(db, clock, **lead):
    case = make_case(db, clock_now=clock(), **lead)
    cny = add_quote(db, case.reference, HOSPITAL, currency="cny", items=CNY_ITEMS, valid_until=date(2026, 12, 31),
                    deposit="100000", offer="eastbank_lymphoma", clock=clock)
    usd = add_quote(db, case.reference, OTHER_HOSPITAL, currency="USD", items=USD_ITEMS, valid_until=date(2026, 11, 20),
                    deposit="20000", clock=clock)
    return case, cny, usd


def _by_hand(amount: str, currency: str, shown: str) -> Decimal:
    """The conversion worked out here from the rates file, through its base currency."""
    rates = load_rates()
    per = {**rates.per_unit, rates.base: Decimal(1)}
    return Decimal(amount) * per[shown] / per[currency]


@pytest.mark.parametrize(("lead", "shown"), [({}, "RUB"), ({"budget_currency": "AED"}, "AED")])
def test_cny_and_usd_quotes_side_by_side_in_the_patient_s_currency(db, clock, lead, shown):
    case, _, _ = _two_quotes(db, clock, **lead)
    comparison = compare_quotes(db, case.reference, clock=clock)
    assert comparison.currency == shown and comparison.note is None
    assert [q.currency for q in comparison.quotes] == ["CNY", "USD"]
    for quote, items in zip(comparison.quotes, (CNY_ITEMS, USD_ITEMS), strict=True):
        amounts = [i.split("=")[1] for i in items]
        exact_total = sum((_by_hand(a, quote.currency, shown) for a in amounts), Decimal(0))
        assert quote.converted_total == exact_total.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        assert sum(i.converted for i in quote.items) == quote.converted_total  # the rows add up to the total
        for item, amount in zip(quote.items, amounts, strict=True):
            assert item.converted == item.converted.to_integral_value()
            assert abs(item.converted - _by_hand(amount, quote.currency, shown)) < 1  # each row off by under one unit
        assert quote.total == sum(Decimal(a) for a in amounts)
    cny = comparison.quotes[0]
    assert [(i.item, i.label) for i in cny.items][2] == ("manufacturing", "CAR-T cell manufacturing")
    assert (cny.items[-1].item, cny.items[-1].label) == ("interpreter", "Interpreter")  # a free label keeps its words
    assert (cny.offer, cny.deposit, cny.hospital) == ("eastbank_lymphoma", Decimal(100000), HOSPITAL)
    assert [q.expired for q in comparison.quotes] == [False, True]  # the USD one ran out on 20 November
    payload = comparison.to_json()
    assert set(payload["quotes"][0]) == {"id", "hospital", "offer", "currency", "items", "total", "converted_total",
                                         "valid_until", "expired", "deposit", "chosen"}
    assert set(payload["quotes"][0]["items"][0]) == {"item", "label", "amount", "converted"}


def test_plain_rounding_of_each_row_would_not_add_up_but_these_rows_do(db, clock):
    """Three equal thirds: rounding each row gives 3 × 33 = 99 ≠ 100; largest remainder gives 34 + 33 + 33."""
    rows, total = whole_units([Decimal("33.34"), Decimal("33.33"), Decimal("33.33")])
    assert (rows, total) == ([Decimal(34), Decimal(33), Decimal(33)], Decimal(100))
    case = make_case(db, clock_now=clock(), budget_currency="RUB")
    # 1 USD = 80.45 RUB: 0.37 USD = 29.7665 RUB, three times = 89.2995 → 89; rounding each row: 30 × 3 = 90
    quote = add_quote(db, case.reference, OTHER_HOSPITAL, currency="USD", items=["a=0.37", "b=0.37", "c=0.37"],
                      clock=clock)
    assert quote.converted_total == 89 and sum(i.converted for i in quote.items) == 89
    assert sorted(i.converted for i in quote.items) == [29, 30, 30]


@given(st.lists(st.decimals(min_value=0, max_value=10**7, places=4, allow_nan=False, allow_infinity=False),
                min_size=1, max_size=12))
def test_whole_units_always_add_up(amounts):
    rows, total = whole_units(amounts)
    assert sum(rows) == total == sum(amounts).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert all(abs(r - a) < 1 for r, a in zip(rows, amounts, strict=True))


def test_choosing_one_clears_the_others_and_an_expired_quote_needs_anyway(db, clock):
    case, cny, usd = _two_quotes(db, clock)
    chosen = choose_quote(db, case.reference, cny.id, clock=clock)
    assert chosen.chosen
    with pytest.raises(ValidationError, match=r"expired on 2026-11-20.*--anyway"):
        choose_quote(db, case.reference, usd.id, clock=clock)
    assert compare_quotes(db, case.reference, clock=clock).chosen.id == cny.id  # the refusal changed nothing
    clock.advance(minutes=5)
    choose_quote(db, case.reference, usd.id, anyway=True, clock=clock)
    comparison = compare_quotes(db, case.reference, clock=clock)
    assert [q.chosen for q in comparison.quotes] == [False, True]
    with db.read() as s:
        assert chosen_quote_in(s, case.lead_id).id == usd.id
        assert len([q for q in s.scalars(select(Quote).where(Quote.lead_id == case.lead_id)) if q.chosen_at]) == 1
        events = [i.details for i in s.scalars(select(Interaction).where(Interaction.lead_id == case.lead_id,
                                                                         Interaction.kind == "case"))]
    chosen_events = [e for e in events if e["event"] == "quote_chosen"]
    assert [(e["quote_id"], e["expired"]) for e in chosen_events] == [(cny.id, False), (usd.id, True)]
    with pytest.raises(NotFoundError, match="has no quote 9999"):
        choose_quote(db, case.reference, 9999, clock=clock)


def test_bad_quotes_are_refused_in_words(db, clock):
    case = make_case(db, clock_now=clock())
    for kwargs, words in (({"currency": "XYZ", "items": ["a=1"]}, "not a currency code"),
                          ({"currency": "BOB", "items": ["a=1"]}, "no exchange rate for BOB"),
                          ({"currency": "CNY", "items": []}, "at least one line item"),
                          ({"currency": "CNY", "items": ["manufacturing"]}, "NAME=AMOUNT"),
                          ({"currency": "CNY", "items": ["manufacturing=-5"]}, "zero or more"),
                          ({"currency": "CNY", "items": ["manufacturing=12k"]}, "is not an amount"),
                          ({"currency": "CNY", "items": ["a=1"], "offer": "riverside_b_all"}, "is not Shanghai")):
        with pytest.raises(ValidationError, match=words):
            add_quote(db, case.reference, HOSPITAL, clock=clock, **kwargs)
    assert parse_amount("255 000") == parse_amount("255,000") == Decimal(255000)
    assert parse_amount("3000.50") == Decimal("3000.50")


def test_a_patient_currency_without_a_rate_is_shown_in_the_base_currency_with_a_note(db, clock):
    case = make_case(db, clock_now=clock(), country="BO")  # Bolivia's BOB is not in rates.toml
    add_quote(db, case.reference, HOSPITAL, currency="CNY", items=["manufacturing=7105"], clock=clock)
    comparison = compare_quotes(db, case.reference, clock=clock)
    assert comparison.currency == "USD" and "no rate for the patient's BOB" in comparison.note
    assert comparison.quotes[0].converted_total == 1000


def test_a_quote_whose_currency_lost_its_rate_is_listed_unconverted(db, clock):
    from dataclasses import replace
    from types import MappingProxyType

    case = make_case(db, clock_now=clock())
    add_quote(db, case.reference, HOSPITAL, currency="CNY", items=["manufacturing=255000"], clock=clock)
    full = load_rates()
    without_cny = replace(full, per_unit=MappingProxyType({k: v for k, v in full.per_unit.items() if k != "CNY"}))
    quote = compare_quotes(db, case.reference, clock=clock, rates=without_cny).quotes[0]
    assert (quote.total, quote.converted_total, quote.items[0].converted) == (Decimal(255000), None, None)
