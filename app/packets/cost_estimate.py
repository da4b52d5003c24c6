"""The cost estimate of a packet: line items, quantities, totals and the patient's currency.

Pure arithmetic on the content files, no formatting: the renderer and the
tests read the same numbers from here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.domain.countries import currency_for_country
from app.packets.content import Content, LineItem, Program


@dataclass(frozen=True)
class EstimateLine:
    key: str
    per: str  # "program", "night", "week", "traveller" or "trip"
    quantity: int  # units of `per` (1 for a whole-program item)
    low: Decimal  # total for the line
    high: Decimal


@dataclass(frozen=True)
class CostEstimate:
    program: Program
    currency: str
    travellers: int
    medical: tuple[EstimateLine, ...]
    travel: tuple[EstimateLine, ...]
    valid_until: datetime.date
    #: The patient's home currency and the rate from `currency`, when known and different.
    patient_currency: str | None
    rate: Decimal | None
    rate_date: datetime.date | None

    @property
    def medical_low(self) -> Decimal:
        return sum((line.low for line in self.medical), Decimal(0))

    @property
    def medical_high(self) -> Decimal:
        return sum((line.high for line in self.medical), Decimal(0))

    @property
    def travel_low(self) -> Decimal:
        return sum((line.low for line in self.travel), Decimal(0))

    @property
    def travel_high(self) -> Decimal:
        return sum((line.high for line in self.travel), Decimal(0))

    @property
    def total_low(self) -> Decimal:
        return self.medical_low + self.travel_low

    @property
    def total_high(self) -> Decimal:
        return self.medical_high + self.travel_high

    @property
    def converts(self) -> bool:
        return self.rate is not None

    def convert(self, amount: Decimal) -> Decimal:
        """An amount in the patient's currency, rounded to whole units (it is an estimate)."""
        if self.rate is None:
            raise ValueError("this estimate has no exchange rate")
        return (amount * self.rate).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _quantity(item: LineItem, program: Program, travellers: int) -> int:
    if item.per == "night":
        return program.stay_nights
    if item.per == "week":
        return program.stay_weeks
    if item.per == "traveller":
        return travellers
    if item.per == "trip":
        return item.quantity or 1
    return 1


def estimate_cost(program: Program, content: Content, *, companions: int, country: str | None,
                  today: datetime.date) -> CostEstimate:
    travellers = 1 + companions

    def line(item: LineItem) -> EstimateLine:
        quantity = _quantity(item, program, travellers)
        return EstimateLine(item.key, item.per, quantity, item.min * quantity, item.max * quantity)

    currency = content.agency.currency
    patient_currency = currency_for_country(country, today)
    rate = None
    if patient_currency is not None and patient_currency != currency:
        rate = content.rates.rate(currency, patient_currency)
    return CostEstimate(
        program=program,
        currency=currency,
        travellers=travellers,
        medical=tuple(line(item) for item in program.medical),
        travel=tuple(line(item) for item in content.travel),
        valid_until=today + datetime.timedelta(days=content.agency.estimate_valid_days),
        patient_currency=patient_currency,
        rate=rate,
        rate_date=content.rates.as_of if rate is not None else None,
    )
