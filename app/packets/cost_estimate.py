"""The cost estimate of a packet: line items, quantities, totals and the patient's currency.

Pure arithmetic, no formatting: the renderer and the tests read the same numbers from here. The
medical items are the hospital offer's (or its quote's), the travel items the agency's
(programs.toml). One conversion rule for every amount between currencies (`convert_amount`):
through the agency currency with rates.toml, rounded to whole units, half up; an estimate
converts each row, and its totals are the sums of its rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.domain.countries import currency_for_country
from app.domain.exchange_rates import ExchangeRates, whole_units
from app.packets.content import Content, LineItem
from app.packets.packet_offer import PacketOffer

#: Travel items a patient living in the hospital's own country does not need.
NOT_FOR_DOMESTIC_PATIENTS = ("visa_support", "interpreter")


def domestic(country: str | None, offer: PacketOffer | None, hospitals_country: str | None = None) -> bool:
    """The patient lives in the hospital's country: no visa, no interpreter, no trip abroad. With
    no offer yet, the country of the agency's partner hospitals (agency.toml `hospitals_country`)."""
    where = offer.country if offer is not None else hospitals_country
    return bool(country) and bool(where) and (country or "").upper() == (where or "").upper()


class MissingRateError(ValueError):
    """rates.toml has no rate for a currency an amount must be converted from or to."""


@dataclass(frozen=True)
class EstimateLine:
    key: str
    per: str  # "program", "night", "week", "traveller" or "trip"
    quantity: int  # units of `per` (1 for a whole-program item)
    low: Decimal  # total for the line, in the estimate's currency
    high: Decimal
    #: The item's own words, for an item the texts have no key for (from a quote).
    label: str | None = None
    #: Units of the patient's currency for one unit of the line's own currency (the offer's, for a
    #: medical item): the patient's column converts from the hospital's figures, not from the
    #: rounded agency-currency ones (a CNY offer shown in CNY keeps its own amounts). None: no rate.
    patient_rate: Decimal | None = None
    source_low: Decimal | None = None
    source_high: Decimal | None = None


@dataclass(frozen=True)
class CostEstimate:
    offer: PacketOffer
    currency: str
    travellers: int
    medical: tuple[EstimateLine, ...]
    travel: tuple[EstimateLine, ...]
    valid_until: datetime.date
    #: The patient's home currency and the rate from `currency`, when known and different.
    patient_currency: str | None
    rate: Decimal | None
    rate_date: datetime.date | None
    #: The offer's (or quote's) currency and its units per one agency unit, when it differs.
    offer_currency: str | None = None
    offer_rate: Decimal | None = None
    rates_date: datetime.date | None = None

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
        return _whole(amount * self.rate)

    def converted(self) -> ConvertedColumn:
        """The estimate in the patient's currency as the packet's second column shows it: every
        row rounded to whole units so that the rows add up exactly to each subtotal and the
        subtotals to the total (largest remainder, app.domain.exchange_rates.whole_units)."""
        if self.rate is None:
            raise ValueError("this estimate has no exchange rate")
        rate = self.rate

        def exact(line: EstimateLine, side: int) -> Decimal:
            source = (line.source_low, line.source_high)[side]
            if line.patient_rate is not None and source is not None:
                return source * line.patient_rate
            return (line.low, line.high)[side] * rate

        def column(side: int) -> tuple[list[Decimal], list[Decimal], Decimal]:
            rows, total = whole_units([exact(line, side) for line in (*self.medical, *self.travel)])
            return rows[:len(self.medical)], rows[len(self.medical):], total

        low_medical, low_travel, low_total = column(0)
        high_medical, high_travel, high_total = column(1)
        return ConvertedColumn(
            medical=tuple(zip(low_medical, high_medical, strict=True)),
            travel=tuple(zip(low_travel, high_travel, strict=True)),
            medical_total=(sum(low_medical, Decimal(0)), sum(high_medical, Decimal(0))),
            travel_total=(sum(low_travel, Decimal(0)), sum(high_travel, Decimal(0))),
            total=(low_total, high_total),
        )


@dataclass(frozen=True)
class ConvertedColumn:
    """(low, high) per row, per subtotal and for the total, in the patient's currency."""

    medical: tuple[tuple[Decimal, Decimal], ...]
    travel: tuple[tuple[Decimal, Decimal], ...]
    medical_total: tuple[Decimal, Decimal]
    travel_total: tuple[Decimal, Decimal]
    total: tuple[Decimal, Decimal]


def _whole(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def exchange_rate(rates: ExchangeRates, source: str, target: str) -> Decimal:
    """Units of `target` for one `source`, through the agency currency (the rates' base: the one
    rule, app.domain.exchange_rates); MissingRateError naming the currency without a rate."""
    rate = rates.rate(source, target)
    if rate is None:
        missing = source if not rates.knows(source) else target
        raise MissingRateError(f"rates.toml has no rate for {missing} (1 {rates.base} = … {missing})")
    return rate


def convert_amount(amount: Decimal, source: str, target: str, rates: ExchangeRates) -> Decimal:
    """`amount` in `source` as whole units of `target`: the one conversion rule of the desk."""
    if source == target:
        return amount
    return _whole(amount * exchange_rate(rates, source, target))


def _quantity(item: LineItem, offer: PacketOffer, travellers: int) -> int:
    if item.per == "night":
        return offer.stay_nights
    if item.per == "week":
        return offer.stay_weeks
    if item.per == "traveller":
        return travellers
    if item.per == "trip":
        return item.quantity or 1
    return 1


def estimate_cost(offer: PacketOffer, content: Content, *, companions: int, country: str | None,
                  today: datetime.date) -> CostEstimate:
    """The estimate for `offer` in the agency currency: its medical items converted from the
    offer's currency (row by row), the agency's travel items for the offer's stay."""
    travellers = 1 + companions
    currency = content.agency.currency
    rates = content.rates

    patient_currency = currency_for_country(country, today)

    def line(item: LineItem, source: str) -> EstimateLine:
        quantity = _quantity(item, offer, travellers)
        low = convert_amount(item.min * quantity, source, currency, rates)
        high = convert_amount(item.max * quantity, source, currency, rates)
        to_patient = rates.rate(source, patient_currency) if patient_currency else None
        return EstimateLine(item.key, item.per, quantity, low, high, item.label, to_patient,
                            item.min * quantity, item.max * quantity)

    rate = None
    if patient_currency is not None and patient_currency != currency:
        rate = rates.rate(currency, patient_currency)
    foreign = offer.currency != currency
    return CostEstimate(
        offer=offer,
        currency=currency,
        travellers=travellers,
        medical=tuple(line(item, offer.currency) for item in offer.medical),
        travel=tuple(line(item, currency) for item in content.travel
                     if not (domestic(country, offer) and item.key in NOT_FOR_DOMESTIC_PATIENTS)),
        valid_until=today + datetime.timedelta(days=content.agency.estimate_valid_days),
        patient_currency=patient_currency,
        rate=rate,
        rate_date=rates.as_of if rate is not None else None,
        offer_currency=offer.currency if foreign else None,
        offer_rate=exchange_rate(rates, currency, offer.currency) if foreign else None,
        rates_date=rates.as_of if foreign or rate is not None else None,
    )
