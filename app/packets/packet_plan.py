"""What a packet is built from, decided once: its kind, language, program and hospital, who
travels, whether the patient lives in the hospital's country, who signs it, and every line of its
estimate exactly as printed (both currencies, each line rounded so the columns add up).

The renderer draws a `PacketPlan`; `medtour packet REF --explain` prints `PacketPlan.to_json()`
and the GUI preview's side panel shows the same object, so what the coordinator reads is what the
packet says. Plain frozen values, no database, no Qt (app.packets.lead_packets builds the plan for
a lead in the database).
"""
from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.domain.catalogue import Catalogue
from app.domain.eligibility import FITS, NEEDS_REVIEW, RULED_OUT, OfferFit, assess_offers
from app.packets.content import Content
from app.packets.cost_estimate import CostEstimate, EstimateLine, domestic, estimate_cost
from app.packets.packet_input import PacketLead, choose_language, choose_offer
from app.packets.packet_offer import PacketOffer, seed_catalogue

__all__ = ["ESTIMATE", "FIRST_STEPS", "KINDS", "QUOTE", "PacketPlan", "PlanLine", "plan_packet", "plan_with"]

#: No program and no price: what CAR-T is, whether the partners treat the diagnosis group, which
#: records to send; the doctors review the records first.
FIRST_STEPS = "first_steps"
#: A program priced from the ranges of a catalogue offer that fits (or that a request forced).
ESTIMATE = "estimate"
#: The case's chosen quote: the hospital's own amounts.
QUOTE = "quote"
KINDS = (FIRST_STEPS, ESTIMATE, QUOTE)

#: The rows of the estimate after its items: (key, section, text key of the label).
TOTAL_ROWS = (("subtotal_medical", "medical", "cost.subtotal_medical"),
              ("subtotal_travel", "travel", "cost.subtotal_travel"),
              ("total", "total", "cost.total"))


@dataclass(frozen=True)
class PlanLine:
    """One row of the estimate as printed: `min`/`max` in the agency currency, `min_local`/
    `max_local` in the patient's (None when the packet shows no second column)."""

    key: str
    #: "medical" or "travel" for an item; "medical", "travel" or "total" for a total row.
    section: str
    #: The row's words in the packet's language.
    label: str
    min: Decimal
    max: Decimal
    currency: str
    min_local: Decimal | None
    max_local: Decimal | None
    local_currency: str | None
    #: "program", "night", "week", "traveller" or "trip", and how many (1 for a whole-program item).
    per: str = "program"
    quantity: int = 1

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "min": _number(self.min), "max": _number(self.max), "currency": self.currency,
                "min_local": _number(self.min_local), "max_local": _number(self.max_local),
                "local_currency": self.local_currency, "key": self.key, "section": self.section, "per": self.per,
                "quantity": self.quantity}


@dataclass(frozen=True)
class PacketPlan:
    lead: PacketLead
    language: str
    #: The offer proposed and priced; None for a first-steps packet.
    offer: PacketOffer | None
    estimate: CostEstimate | None
    today: datetime.date
    #: Every catalogue offer judged for the patient (app.domain.eligibility), catalogue order.
    fits: tuple[OfferFit, ...]
    #: The estimate's item rows, medical then travel, as printed.
    lines: tuple[PlanLine, ...]
    #: The subtotal and total rows, as printed.
    totals: tuple[PlanLine, ...]
    #: The patient lives in the hospital's country (no offer: in the country of every partner).
    domestic: bool
    #: Program names as the packet prints them (its language), by program key.
    program_title: str | None
    #: Records the patient is asked to send, in the packet's language.
    records_needed: tuple[str, ...]

    @property
    def kind(self) -> str:
        if self.offer is None:
            return FIRST_STEPS
        return QUOTE if self.offer.quoted else ESTIMATE

    @property
    def travellers(self) -> int:
        return 1 + self.lead.companions

    @property
    def valid_until(self) -> datetime.date | None:
        return self.estimate.valid_until if self.estimate is not None else None

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the packet says what it says, in plain English for the coordinator."""
        reasons: list[str] = []
        offer, lead = self.offer, self.lead
        fit = next((f for f in self.fits if offer is not None and f.offer.key == offer.key), None)
        if offer is None:
            reasons += _no_estimate(self.fits, lead)
        elif offer.quoted:
            reasons.append(f"the case's chosen quote from {offer.hospital}: its own amounts, in {offer.currency}")
        elif not offer.confirmed:
            why = f": {fit.reason}" if fit is not None else ""
            reasons.append(f"estimate for the requested {offer.program}, not confirmed for this patient{why}")
        else:
            reasons.append(f"estimate: {offer.key} fits" + (f" ({fit.reason})" if fit is not None else ""))
        if self.domestic:
            reasons.append(f"lives in {lead.country}, the hospital's country: no visa support, no interpreter")
        if lead.travellers_note:
            reasons.append(lead.travellers_note)
        return tuple(reasons)

    def line(self, key: str, section: str | None = None) -> PlanLine:
        """The row `key` (an item, or one of TOTAL_ROWS' keys)."""
        for row in (*self.lines, *self.totals):
            if row.key == key and (section is None or row.section == section):
                return row
        raise KeyError(key)

    def section_lines(self, section: str) -> tuple[PlanLine, ...]:
        return tuple(row for row in self.lines if row.section == section)

    def to_json(self) -> dict[str, Any]:
        """What `medtour packet REF --explain` prints."""
        lead, offer, coordinator = self.lead, self.offer, self.lead.coordinator
        return {
            "reference": lead.reference,
            "kind": self.kind,
            "language": self.language,
            "program": {"id": offer.program, "title": self.program_title} if offer is not None else None,
            "hospital": {"id": offer.hospital_key or None, "name": offer.hospital, "city": offer.city,
                         "country": offer.country or None} if offer is not None else None,
            "offer": offer.key if offer is not None else None,
            "confirmed": offer.confirmed if offer is not None else None,
            "travellers": self.travellers,
            "companion_assumed": lead.companion_assumed,
            "domestic": self.domestic,
            "country": lead.country,
            "diagnosis_group": lead.diagnosis_category,
            "coordinator": {"name": coordinator.name, "phone": coordinator.phone, "email": coordinator.email,
                            "whatsapp": coordinator.whatsapp},
            "lines": [row.to_json() for row in self.lines],
            "totals": [row.to_json() for row in self.totals],
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "records_needed": list(self.records_needed),
            "reasons": list(self.reasons),
            "offers": [{"offer": f.offer.key, "program": f.offer.program, "hospital": f.offer.hospital,
                        "verdict": f.verdict, "reason": f.reason} for f in self.fits],
        }


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _no_estimate(fits: Sequence[OfferFit], lead: PacketLead) -> list[str]:
    """Why a first-steps packet has no estimate: the headline, then each distinct verdict reason
    with the offers it applies to."""
    verdicts = {f.verdict for f in fits}
    if not fits:
        return ["no estimate: the catalogue has no partner program yet"]
    if not (lead.diagnosis or "").strip() and lead.diagnosis_category is None:
        return ["no estimate: no diagnosis recorded yet; our doctors will advise after reviewing the records"]
    if verdicts == {RULED_OUT}:
        group = f"diagnosis group {lead.diagnosis_category!r}" if lead.diagnosis_category else "diagnosis"
        headline = f"no estimate: {group} not treated by partner programs"
    elif NEEDS_REVIEW in verdicts:
        headline = ("no estimate: the diagnosis names no type a partner program treats for certain; "
                    "our doctors will advise after reviewing the records")
    else:
        return ["no estimate: none was asked for"]
    by_reason: dict[str, list[str]] = {}
    for fit in fits:
        by_reason.setdefault(fit.reason, []).append(fit.offer.key)
    return [headline, *(f"{reason} ({', '.join(keys)})" for reason, keys in by_reason.items())]


def _label(content: Content, language: str, key: str, own: str | None) -> str:
    if own:
        return own
    text = content.text(language)
    text_key = f"cost.items.{key}"
    return text.get(text_key) if text_key in text.values else key.replace("_", " ").capitalize()


def _lines(estimate: CostEstimate, content: Content, language: str) -> tuple[tuple[PlanLine, ...], tuple[PlanLine, ...]]:
    """The estimate's rows as printed: the agency column as computed, the patient's column from
    `CostEstimate.converted` (rounded row by row so that rows add up to each total)."""
    converted = estimate.converted() if estimate.converts else None
    local = estimate.patient_currency if converted is not None else None
    lines: list[PlanLine] = []

    def add(section: str, rows: Sequence[EstimateLine], local_rows: Sequence[tuple[Decimal, Decimal]] | None) -> None:
        for index, row in enumerate(rows):
            low_local, high_local = local_rows[index] if local_rows is not None else (None, None)
            lines.append(PlanLine(row.key, section, _label(content, language, row.key, row.label), row.low, row.high,
                                  estimate.currency, low_local, high_local, local, row.per, row.quantity))

    add("medical", estimate.medical, converted.medical if converted else None)
    add("travel", estimate.travel, converted.travel if converted else None)
    sums = {"medical": (estimate.medical_low, estimate.medical_high),
            "travel": (estimate.travel_low, estimate.travel_high),
            "total": (estimate.total_low, estimate.total_high)}
    local_sums: dict[str, tuple[Decimal | None, Decimal | None]] = (
        {"medical": converted.medical_total, "travel": converted.travel_total, "total": converted.total}
        if converted is not None else {"medical": (None, None), "travel": (None, None), "total": (None, None)})
    text = content.text(language)
    totals = tuple(PlanLine(key, section, text.get(text_key), sums[section][0], sums[section][1], estimate.currency,
                            local_sums[section][0], local_sums[section][1], local)
                   for key, section, text_key in TOTAL_ROWS)
    return tuple(lines), totals


def _lives_where_partners_are(country: str | None, catalogue: Catalogue) -> bool:
    countries = {h.country.upper() for h in catalogue.hospitals.values() if h.country}
    return bool(country) and countries == {(country or "").upper()}


def plan_with(lead: PacketLead, content: Content, *, language: str, offer: PacketOffer | None,
              today: datetime.date, catalogue: Catalogue | None = None) -> PacketPlan:
    """The plan for a language and offer already decided (`plan_packet` decides them). The
    eligibility verdicts and records come from `catalogue` (default: the content folder's seed)."""
    catalogue = catalogue if catalogue is not None else seed_catalogue(content)
    fits = tuple(assess_offers(catalogue, category=lead.diagnosis_category, diagnosis=lead.diagnosis,
                               flags=tuple(lead.clinical_flags)))
    estimate = (estimate_cost(offer, content, companions=lead.companions, country=lead.country, today=today)
                if offer is not None else None)
    lines, totals = _lines(estimate, content, language) if estimate is not None else ((), ())
    if offer is not None:
        lives_there = domestic(lead.country, offer)
        record_keys: list[str] = list(catalogue.offers[offer.key].records) if offer.key in catalogue.offers else []
    else:
        lives_there = _lives_where_partners_are(lead.country, catalogue)
        record_keys = list(dict.fromkeys(k for f in fits if f.verdict in (FITS, NEEDS_REVIEW) for k in f.offer.records))
    text = content.text(language)
    title = None
    if offer is not None:
        key = f"programs.{offer.program}.name"
        title = text.get(key) if key in text.values else offer.program.replace("_", " ")
    return PacketPlan(lead=lead, language=language, offer=offer, estimate=estimate, today=today, fits=fits,
                      lines=lines, totals=totals, domestic=lives_there, program_title=title,
                      records_needed=tuple(catalogue.record(k).label_in(language) for k in record_keys))


def plan_packet(lead: PacketLead, content: Content, catalogue: Catalogue | None = None, *, lang: str | None = None,
                program: str | None = None, offer: str | None = None, today: datetime.date) -> PacketPlan:
    """The plan of the lead's packet: the requested language (else the lead's, else English) and
    the offer `choose_offer` picks (the chosen quote's, a requested one, one that fits, or none).
    PacketRequestError for a request the content or catalogue cannot meet; MissingRateError when
    an amount cannot be converted."""
    language = choose_language(lead, lang, content)
    chosen = choose_offer(lead, content, catalogue, program=program, offer=offer)
    return plan_with(lead, content, language=language, offer=chosen, today=today, catalogue=catalogue)
