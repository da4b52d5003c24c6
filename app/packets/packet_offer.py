"""Which hospital offer a packet prices, and its figures: the catalogue is their only source.

In order: the case's chosen quote (its own amounts, one per item, for its hospital's offer);
else the offer named in the request; else, for a requested program, that program's offer that
fits the patient (else its first, which the packet then says the doctors have not confirmed);
else the first offer that fits (the lead's own program first). With none, the packet proposes no
program and no price: the doctors must review the records first.

Plain frozen values, picklable, so a batch hands them to its worker processes.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.domain.catalogue import Catalogue, Offer, parse_catalogue, seed_document
from app.domain.eligibility import FITS, NEEDS_REVIEW, OfferFit, assess_offers
from app.packets.content import Content, JourneyStep, LineItem

__all__ = ["PacketOffer", "PacketQuote", "PacketRequestError", "QuoteItem", "choose_offer", "packet_offer", "seed_catalogue"]


class PacketRequestError(ValueError):
    """The caller asked for a program, offer or language the content or catalogue does not have."""


@dataclass(frozen=True)
class QuoteItem:
    item: str
    amount: Decimal
    label: str | None = None


@dataclass(frozen=True)
class PacketQuote:
    """The case's chosen quote: a hospital's amounts, in its currency."""

    hospital: str
    offer: str | None
    currency: str
    items: tuple[QuoteItem, ...]


@dataclass(frozen=True)
class PacketOffer:
    """The offer a packet proposes, with the figures it prices it by."""

    key: str
    program: str
    hospital: str
    hospital_local: str | None
    city: str
    #: The currency of `medical` (the offer's, or the quote's).
    currency: str
    medical: tuple[LineItem, ...]
    journey: tuple[JourneyStep, ...]
    #: The medical items are a hospital's quote (one amount each), not the offer's ranges.
    quoted: bool = False
    #: Fits the patient (or was quoted for them); False when a request forced it.
    confirmed: bool = True
    #: The hospital's country (ISO 3166 alpha-2): a patient who lives there needs no visa.
    country: str = ""
    #: The hospital's catalogue key (e.g. "beijing_riverside").
    hospital_key: str = ""

    @property
    def stay_weeks(self) -> int:
        """Weeks in the destination country: up to the last week of a step not at home."""
        return max(step.last_week for step in self.journey if not step.at_home and step.last_week is not None)

    @property
    def stay_nights(self) -> int:
        return self.stay_weeks * 7


@functools.lru_cache(maxsize=4)
def _seed(folder: Path, _signature: tuple[int, int]) -> Catalogue:
    return parse_catalogue(seed_document(folder))


def seed_catalogue(content: Content) -> Catalogue:
    """The catalogue of the content folder's hospitals.toml: what a packet made without a database
    reads (the database's catalogue starts as this file)."""
    path = content.directory / "hospitals.toml"
    stat = path.stat() if path.is_file() else None
    return _seed(content.directory, (stat.st_size, stat.st_mtime_ns) if stat else (0, 0))


def packet_offer(offer: Offer, catalogue: Catalogue, *, confirmed: bool = True,
                 quote: PacketQuote | None = None) -> PacketOffer:
    hospital = catalogue.hospitals[offer.hospital]
    journey = tuple(JourneyStep(s.step, s.first_week, s.last_week, s.at_home) for s in offer.journey)
    if quote is not None:
        medical = tuple(LineItem(i.item, i.amount, i.amount, label=i.label) for i in quote.items)
        currency = quote.currency
    else:
        medical = tuple(LineItem(i.item, i.low, i.high) for i in offer.medical)
        currency = offer.currency
    return PacketOffer(offer.key, offer.program, hospital.name, hospital.local_name, hospital.city, currency,
                       medical, journey, quoted=quote is not None, confirmed=confirmed or quote is not None,
                       country=hospital.country, hospital_key=hospital.key)


def quote_item(raw: dict[str, str]) -> QuoteItem:
    """A quote row as stored (db.case_models.Quote.items)."""
    try:
        amount = Decimal(str(raw.get("amount", "")))
    except InvalidOperation:
        raise PacketRequestError(f"the chosen quote's item {raw.get('item')!r} has no amount") from None
    return QuoteItem(str(raw.get("item") or "item"), amount, raw.get("label") or None)


def _quote_offer(quote: PacketQuote, catalogue: Catalogue, fits: dict[str, OfferFit]) -> Offer:
    if quote.offer and quote.offer in catalogue.offers:
        return catalogue.offers[quote.offer]
    offers = catalogue.offers_of(quote.hospital)
    if not offers:
        raise PacketRequestError(f"the chosen quote is from '{quote.hospital}', which has no offer in the catalogue "
                                "(its journey is needed); record the quote's offer")
    return next((o for o in offers if fits[o.key].verdict == FITS), offers[0])


def choose_offer(catalogue: Catalogue, *, category: str | None, diagnosis: str | None, flags: tuple[str, ...] = (),
                 lead_program: str | None = None, quote: PacketQuote | None = None, program: str | None = None,
                 offer: str | None = None, programs: tuple[str, ...] = ()) -> PacketOffer | None:
    """The offer the packet proposes (see the module's text), or None: no program, no estimate.
    `programs` are the programs the texts describe: a requested one must be among them."""
    fits = {fit.offer.key: fit for fit in assess_offers(catalogue, category=category, diagnosis=diagnosis,
                                                           flags=flags)}
    if quote is not None:
        return packet_offer(_quote_offer(quote, catalogue, fits), catalogue, quote=quote)
    if offer is not None:
        if offer not in catalogue.offers:
            raise PacketRequestError(f"unknown offer {offer!r}; the catalogue has {', '.join(catalogue.offers) or 'none'}")
        chosen = catalogue.offers[offer]
        if program is not None and chosen.program != program:
            raise PacketRequestError(f"offer {offer!r} is for program {chosen.program!r}, not {program!r}")
        return packet_offer(chosen, catalogue, confirmed=fits[offer].verdict == FITS)
    if program is not None:
        if programs and program not in programs:
            raise PacketRequestError(f"unknown program {program!r}; the content offers {', '.join(programs)}")
        candidates = [o for o in catalogue.offers.values() if o.program == program]
        if not candidates:
            offered = sorted({o.program for o in catalogue.offers.values()})
            raise PacketRequestError(f"program {program!r} has no offer from a partner hospital in the catalogue, so "
                                    f"it cannot be priced; programs with offers: {', '.join(offered) or 'none'}")
        for wanted in (FITS, NEEDS_REVIEW):
            match = next((o for o in candidates if fits[o.key].verdict == wanted), None)
            if match is not None:
                return packet_offer(match, catalogue, confirmed=wanted == FITS)
        return packet_offer(candidates[0], catalogue, confirmed=False)
    fitting = [catalogue.offers[key] for key, fit in fits.items() if fit.verdict == FITS]
    if not fitting:
        return None
    preferred = next((o for o in fitting if o.program == lead_program), fitting[0])
    return packet_offer(preferred, catalogue)
