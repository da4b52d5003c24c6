"""Exchange rates (resources/content/rates.toml) and the one rule for converting an amount between
two currencies, and for rounding converted rows to whole units that add up to their total.

The file gives, for one base currency (the agency's), how many units of each other currency one
base unit buys. An amount goes from currency A to B through the base: amount × rate(B) / rate(A).
The packet's estimate (app.packets.cost_estimate) and the quotes compared side by side
(app.domain.quotes) both convert here; app.packets.content reads the file through `parse_rates`.
"""
from __future__ import annotations

import datetime
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from babel.numbers import list_currencies

from app.domain.errors import ValidationError
from app.paths import content_dir

__all__ = ["RATES_FILE", "ExchangeRates", "RatesError", "load_rates", "parse_rates", "whole_units"]

RATES_FILE = "rates.toml"


class RatesError(ValidationError):
    """What is wrong with a rates document, in words (the caller adds which file)."""


@dataclass(frozen=True)
class ExchangeRates:
    base: str
    as_of: datetime.date
    source: str
    #: 1 base unit = this many units of the currency.
    per_unit: Mapping[str, Decimal]

    def units_per_base(self, currency: str) -> Decimal | None:
        if currency == self.base:
            return Decimal(1)
        return self.per_unit.get(currency)

    def knows(self, currency: str) -> bool:
        return self.units_per_base(currency) is not None

    def rate(self, from_currency: str, to_currency: str) -> Decimal | None:
        """Units of `to_currency` for one unit of `from_currency`; None when either has no rate."""
        source, target = self.units_per_base(from_currency), self.units_per_base(to_currency)
        if source is None or target is None:
            return None
        return target / source

    def convert(self, amount: Decimal, from_currency: str, to_currency: str) -> Decimal:
        """`amount` in `to_currency`, unrounded; ValidationError when a currency has no rate."""
        if from_currency == to_currency:
            return Decimal(amount)
        source, target = self.units_per_base(from_currency), self.units_per_base(to_currency)
        if source is None or target is None:
            missing = from_currency if source is None else to_currency
            raise ValidationError(f"no exchange rate for {missing} in {RATES_FILE} (rates from {self.base}, "
                                  f"as of {self.as_of.isoformat()})")
        return Decimal(amount) * target / source


def whole_units(amounts: Sequence[Decimal]) -> tuple[list[Decimal], Decimal]:
    """Round each amount to whole units so that the rounded rows add up exactly to the rounded
    total (largest remainder: the total is rounded half up, each row is rounded down, and the units
    still missing go to the rows with the largest remainders, the earlier row first on a tie).
    Returns (rows, total). Amounts are zero or more."""
    exact = [Decimal(a) for a in amounts]
    if any(a < 0 for a in exact):
        raise ValidationError("an amount to round is negative")
    total = sum(exact, Decimal(0)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    rows = [a.quantize(Decimal(1), rounding=ROUND_FLOOR) for a in exact]
    missing = int(total - sum(rows, Decimal(0)))
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - rows[i]), i))
    for index in by_remainder[:missing]:
        rows[index] += 1
    return rows, total


# ---------------------------------------------------------------- reading rates.toml


def _amount(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RatesError(f"{where} must be a number, not {value!r}")
    amount = Decimal(str(value))
    if amount < 0:
        raise RatesError(f"{where} must not be negative ({value})")
    return amount


def _currency(value: Any, where: str) -> str:
    if not isinstance(value, str) or value not in list_currencies():
        raise RatesError(f"{where}: {value!r} is not an ISO 4217 currency code")
    return value


def parse_rates(data: Mapping[str, Any]) -> ExchangeRates:
    """A rates document (rates.toml's shape) checked and read; RatesError saying what is wrong."""
    rates = data.get("rates")
    if not isinstance(rates, Mapping):
        raise RatesError("missing table [rates]")
    base = _currency(rates.get("base"), "[rates] base")
    per_unit_raw = rates.get("per_unit")
    if not isinstance(per_unit_raw, Mapping) or not per_unit_raw:
        raise RatesError("missing table [rates.per_unit]")
    per_unit: dict[str, Decimal] = {}
    for code, value in per_unit_raw.items():
        _currency(code, "[rates.per_unit]")
        rate = _amount(value, f"rate for {code}")
        if rate == 0:
            raise RatesError(f"rate for {code} must be greater than zero")
        per_unit[code] = rate
    as_of = rates.get("as_of")
    if isinstance(as_of, datetime.datetime) or not isinstance(as_of, datetime.date):
        raise RatesError(f"[rates] as_of must be a date such as 2026-11-20, not {as_of!r}")
    source = rates.get("source")
    if not isinstance(source, str) or not source.strip():
        raise RatesError("[rates]: 'source' must be a non-empty text")
    return ExchangeRates(base=base, as_of=as_of, source=source.strip(), per_unit=MappingProxyType(per_unit))


def load_rates(folder: Path | None = None) -> ExchangeRates:
    """rates.toml of the content folder (default: $MEDTOUR_CONTENT_DIR or the bundled one)."""
    path = (folder or content_dir()) / RATES_FILE
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise ValidationError(f"cannot read {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ValidationError(f"{path} is not valid TOML: {error}") from None
    try:
        return parse_rates(data)
    except RatesError as problem:
        raise ValidationError(f"{path}: {problem}") from None
