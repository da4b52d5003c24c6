"""Hospitals' quotes for a case, and several of them side by side in the patient's currency.

A quote is in the hospital's currency: line items (a catalogue item key such as "manufacturing",
or a free label such as "Interpreter"), a validity date and a deposit. The comparison shows every
quote in the patient's currency — the lead's budget currency, else the currency of the lead's
country (app.domain.countries.currency_for_country) — converted through rates.toml
(app.domain.exchange_rates, the one conversion rule). Each row is rounded to whole units and the
rounded rows add up exactly to the total shown (largest remainder). A quote past its validity date
is marked expired. The patient chooses one: its `chosen_at` is set and every other's cleared.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from babel.numbers import list_currencies
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.case_file import case_event, case_lead, ensure_case
from app.domain.catalogue import Catalogue, current_catalogue
from app.domain.clock import Clock, utc_now
from app.domain.countries import currency_for_country
from app.domain.errors import NotFoundError, ValidationError
from app.domain.exchange_rates import ExchangeRates, load_rates, whole_units
from app.domain.leads import quote_one_line
from app.domain.program_choices import cost_item_keys, cost_item_label
from db.case_models import Quote
from db.engine import Database
from db.models import Lead

__all__ = [
    "ComparedItem",
    "ComparedQuote",
    "QuoteComparison",
    "QuoteLine",
    "add_quote",
    "add_quote_in",
    "choose_quote",
    "chosen_quote_in",
    "compare_quotes",
    "parse_amount",
    "parse_item",
    "patient_currency",
]

MAX_LABEL = 120
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


@dataclass(frozen=True)
class QuoteLine:
    """One line as given: a catalogue item key, or a free label (then `item` is None)."""

    item: str | None
    label: str | None
    amount: Decimal


@dataclass(frozen=True)
class ComparedItem:
    item: str
    label: str
    amount: Decimal  # in the quote's currency
    converted: Decimal | None  # in the comparison's currency, whole units


@dataclass(frozen=True)
class ComparedQuote:
    id: int
    hospital: str
    hospital_name: str
    offer: str | None
    currency: str
    items: tuple[ComparedItem, ...]
    total: Decimal
    converted_total: Decimal | None
    valid_until: date | None
    expired: bool
    deposit: Decimal | None
    chosen: bool
    chosen_at: datetime | None
    created_at: datetime

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "hospital": self.hospital, "offer": self.offer, "currency": self.currency,
                "items": [{"item": i.item, "label": i.label, "amount": i.amount, "converted": i.converted}
                          for i in self.items],
                "total": self.total, "converted_total": self.converted_total,
                "valid_until": self.valid_until.isoformat() if self.valid_until else None, "expired": self.expired,
                "deposit": self.deposit, "chosen": self.chosen}


@dataclass(frozen=True)
class QuoteComparison:
    #: The currency every converted amount is in: the patient's (or the rates' base when the
    #: patient's has no rate; `note` then says so).
    currency: str
    quotes: tuple[ComparedQuote, ...]
    rates_as_of: date
    note: str | None = None

    @property
    def chosen(self) -> ComparedQuote | None:
        return next((q for q in self.quotes if q.chosen), None)

    def to_json(self) -> dict[str, object]:
        return {"currency": self.currency, "quotes": [q.to_json() for q in self.quotes],
                "rates_as_of": self.rates_as_of.isoformat(), "note": self.note}


# ---------------------------------------------------------------- reading what is typed


def parse_amount(text: str | Decimal | int, what: str = "amount") -> Decimal:
    """An amount of zero or more: 255000, 255 000, 255,000 or 3000.50."""
    if isinstance(text, (Decimal, int)):
        value = Decimal(text)
    else:
        raw = str(text).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("_", "")
        if _GROUPED.fullmatch(raw):
            raw = raw.replace(",", "")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise ValidationError(f"{what} '{text}' is not an amount (e.g. 255000 or 3000.50)") from None
    if not value.is_finite() or value < 0:
        raise ValidationError(f"{what} '{text}' is not an amount of zero or more")
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(f"{what} '{text}' has more than two decimals")
    return value.quantize(Decimal("0.01")) if value != value.to_integral_value() else value.quantize(Decimal(1))


def _item_keys(catalogue: Catalogue) -> set[str]:
    return {item.item for offer in catalogue.offers.values() for item in offer.medical}


def parse_item(text: str, catalogue: Catalogue) -> QuoteLine:
    """'manufacturing=255000' (a catalogue item key) or 'Interpreter=3000' (a free label)."""
    name, sep, amount = (text or "").rpartition("=")
    name = name.strip()
    if not sep or not name:
        raise ValidationError(f"a line item is NAME=AMOUNT (e.g. manufacturing=255000), not '{text}'")
    value = parse_amount(amount, f"the amount of '{name}'")
    if name in _item_keys(catalogue) or name in cost_item_keys():
        return QuoteLine(name, None, value)
    return QuoteLine(None, quote_one_line(name, MAX_LABEL), value)


def _slug(label: str) -> str:
    slug = re.sub(r"[^0-9a-z]+", "_", label.casefold()).strip("_")
    return slug[:60] or "item"


def _currency(code: str, rates: ExchangeRates) -> str:
    wanted = (code or "").strip().upper()
    if wanted not in list_currencies():
        raise ValidationError(f"'{code}' is not a currency code (ISO 4217, e.g. CNY, USD)")
    if not rates.knows(wanted):
        raise ValidationError(f"no exchange rate for {wanted} in rates.toml, so its quote could not be compared; "
                              "add the rate there first")
    return wanted


# ---------------------------------------------------------------- the patient's currency


def patient_currency(lead: Lead, rates: ExchangeRates, today: date) -> tuple[str, str | None]:
    """The currency a comparison is shown in, and a note when it is not the patient's own."""
    own = (lead.budget_currency or "").strip().upper() or currency_for_country(lead.country, today)
    if own is None:
        return rates.base, f"the patient's currency is not known (no budget currency or country): shown in {rates.base}"
    if not rates.knows(own):
        return rates.base, f"rates.toml has no rate for the patient's {own}: shown in {rates.base}"
    return own, None


# ---------------------------------------------------------------- writing


def add_quote_in(session: Session, lead: Lead, catalogue: Catalogue, rates: ExchangeRates, *, hospital: str,
                 currency: str, lines: Sequence[QuoteLine], valid_until: date | None = None,
                 deposit: Decimal | None = None, offer: str | None = None, notes: str | None = None,
                 review_id: int | None = None, now: datetime, actor_id: int | None = None) -> Quote:
    """Store a quote inside a unit of work (the answer to a review may carry one)."""
    chosen = catalogue.hospital(hospital)
    code = _currency(currency, rates)
    if not lines:
        raise ValidationError("a quote needs at least one line item (--item NAME=AMOUNT)")
    offer_key = None
    if offer:
        found = catalogue.offer(offer)
        if found.hospital != chosen.key:
            names = ", ".join(o.key for o in catalogue.offers_of(chosen.key)) or "none"
            raise ValidationError(f"offer '{offer}' is not {chosen.name}'s; theirs: {names}")
        offer_key = found.key
    items: list[dict[str, str]] = []
    for line in lines:
        if line.item is not None:
            items.append({"item": line.item, "amount": str(line.amount)})
        else:
            items.append({"item": _slug(line.label or ""), "label": line.label or "", "amount": str(line.amount)})
    ensure_case(session, lead, now)
    row = Quote(lead_id=lead.id, review_id=review_id, hospital_key=chosen.key, offer_key=offer_key, currency=code,
                items=items, valid_until=valid_until, deposit=deposit, notes=(notes or "").strip() or None,
                created_by=actor_id, created_at=now)
    session.add(row)
    session.flush()
    total = sum((line.amount for line in lines), Decimal(0))
    event = case_event(session, lead, "quote_added", f"Quote from {chosen.name}: {total:,} {code}"
                       + (f", valid until {valid_until.isoformat()}" if valid_until else ""), now=now, actor_id=actor_id,
                       details={"quote_id": row.id, "hospital": chosen.key, "currency": code, "total": str(total)})
    row.created_by = event.coordinator_id
    return row


def add_quote(db: Database, key: int | str, hospital: str, *, currency: str, items: Iterable[str | QuoteLine],
              valid_until: date | None = None, deposit: str | Decimal | None = None, offer: str | None = None,
              notes: str | None = None, actor_id: int | None = None, clock: Clock = utc_now,
              rates: ExchangeRates | None = None) -> ComparedQuote:
    """Record a hospital's quote: `items` as 'NAME=AMOUNT' texts or QuoteLines."""
    catalogue = current_catalogue(db, clock=clock)
    rates = rates or load_rates()
    lines = [parse_item(i, catalogue) if isinstance(i, str) else i for i in items]
    amount = parse_amount(deposit, "the deposit") if deposit is not None and str(deposit).strip() else None
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        row = add_quote_in(session, lead, catalogue, rates, hospital=hospital, currency=currency, lines=lines,
                           valid_until=valid_until, deposit=amount, offer=offer, notes=notes, now=now, actor_id=actor_id)
        quote_id = row.id
    return next(q for q in compare_quotes(db, key, clock=clock, rates=rates).quotes if q.id == quote_id)


# ---------------------------------------------------------------- comparing


def _label(entry: dict[str, str]) -> str:
    return entry.get("label") or cost_item_label(entry.get("item") or "item")


def _compare(row: Quote, catalogue: Catalogue, rates: ExchangeRates, currency: str, today: date) -> ComparedQuote:
    amounts = [Decimal(str(entry.get("amount") or 0)) for entry in row.items]
    converted: list[Decimal | None]
    total_converted: Decimal | None
    if rates.knows(row.currency) and rates.knows(currency):
        rounded, total_converted = whole_units([rates.convert(a, row.currency, currency) for a in amounts])
        converted = list(rounded)
    else:  # the rates file lost this quote's currency since: shown unconverted, never guessed
        converted, total_converted = [None] * len(amounts), None
    hospital = catalogue.hospitals.get(row.hospital_key)
    items = tuple(ComparedItem(entry.get("item") or "item", _label(entry), amount, shown)
                  for entry, amount, shown in zip(row.items, amounts, converted, strict=True))
    return ComparedQuote(
        id=row.id, hospital=row.hospital_key, hospital_name=hospital.name if hospital else row.hospital_key,
        offer=row.offer_key, currency=row.currency, items=items, total=sum(amounts, Decimal(0)),
        converted_total=total_converted, valid_until=row.valid_until,
        expired=row.valid_until is not None and row.valid_until < today,
        deposit=parse_amount(Decimal(row.deposit)) if row.deposit is not None else None, chosen=row.chosen_at is not None,
        chosen_at=row.chosen_at, created_at=row.created_at)


def compare_quotes(db: Database, key: int | str, *, clock: Clock = utc_now, rates: ExchangeRates | None = None,
                   currency: str | None = None) -> QuoteComparison:
    """Every quote of the case, oldest first, in the patient's currency (or `currency`)."""
    catalogue = current_catalogue(db, clock=clock)
    rates = rates or load_rates()
    today = clock().date()
    with db.read() as session:
        lead = case_lead(session, key)
        if currency:
            shown, note = _currency(currency, rates), None
        else:
            shown, note = patient_currency(lead, rates, today)
        rows = session.scalars(select(Quote).where(Quote.lead_id == lead.id).order_by(Quote.created_at, Quote.id))
        quotes = tuple(_compare(row, catalogue, rates, shown, today) for row in rows)
    return QuoteComparison(shown, quotes, rates.as_of, note)


def choose_quote(db: Database, key: int | str, quote_id: int | str, *, anyway: bool = False,
                 actor_id: int | None = None, clock: Clock = utc_now) -> ComparedQuote:
    """The patient chose this quote: its chosen_at is set, every other quote's cleared. An expired
    quote is refused unless `anyway` (the hospital confirmed it still holds)."""
    catalogue = current_catalogue(db, clock=clock)
    now = clock()
    text = str(quote_id).strip().lstrip("#")
    if not text.isdigit():
        raise ValidationError(f"give the quote's number (see `medtour quote list`), not '{quote_id}'")
    with db.write() as session:
        lead = case_lead(session, key)
        rows = list(session.scalars(select(Quote).where(Quote.lead_id == lead.id)))
        row = next((r for r in rows if r.id == int(text)), None)
        if row is None:
            raise NotFoundError(f"{lead.reference} has no quote {text} (see `medtour quote list {lead.reference}`)")
        hospital = catalogue.hospitals.get(row.hospital_key)
        name = hospital.name if hospital else row.hospital_key
        if row.valid_until is not None and row.valid_until < now.date() and not anyway:
            raise ValidationError(f"quote {row.id} from {name} expired on {row.valid_until.isoformat()}: ask the hospital "
                                  "to confirm or renew it (or choose it anyway with --anyway)")
        for other in rows:
            if other.id != row.id and other.chosen_at is not None:
                other.chosen_at = None
        session.flush()  # the old choice is cleared before the new one is set (at most one per lead)
        row.chosen_at = now
        total = sum((Decimal(str(e.get("amount") or 0)) for e in row.items), Decimal(0))
        case_event(session, lead, "quote_chosen", f"Quote {row.id} from {name} chosen ({total:,} {row.currency})",
                   now=now, actor_id=actor_id,
                   details={"quote_id": row.id, "hospital": row.hospital_key, "offer": row.offer_key,
                            "currency": row.currency, "total": str(total),
                            "expired": bool(row.valid_until is not None and row.valid_until < now.date())})
    return next(q for q in compare_quotes(db, key, clock=clock).quotes if q.id == int(text))


def chosen_quote_in(session: Session, lead_id: int) -> Quote | None:
    """The case's chosen quote (chosen_at set; at most one per lead), or None: what the pipeline's
    "quote sent", the packet and the schedule read."""
    return session.scalars(select(Quote).where(Quote.lead_id == lead_id, Quote.chosen_at.is_not(None))
                           .order_by(Quote.chosen_at.desc()).limit(1)).first()
