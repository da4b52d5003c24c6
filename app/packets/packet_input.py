"""What the packet needs to know about a lead: plain frozen values, no database, no Qt.

The app builds a `PacketLead` from its records (with its case's clinical flags and chosen
quote); the packet engine never sees the database. `choose_offer` and `choose_language`
decide, from the lead, the catalogue and an optional explicit request, which hospital offer
(or none) and which language a packet uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.catalogue import Catalogue
from app.packets import packet_offer
from app.packets.content import DIAGNOSIS_CATEGORIES, REFERENCE_LANGUAGE, Content, cached_content
from app.packets.packet_offer import PacketOffer, PacketQuote, PacketRequestError, seed_catalogue

__all__ = ["PacketCoordinator", "PacketLead", "PacketRequestError", "choose_language", "choose_offer"]


@dataclass(frozen=True)
class PacketCoordinator:
    """The real person who signs the packet, with their own contacts (the agency's switchboard is
    the agency's, printed as such: never as the coordinator's direct phone)."""

    name: str
    email: str
    #: Their direct phone; None when they have none (the packet then gives only the switchboard).
    phone: str | None
    whatsapp: str | None = None
    #: How the coordinator signs off, e.g. "Anna Lee, Senior Patient Coordinator".
    signature: str | None = None


@dataclass(frozen=True)
class PacketLead:
    reference: str
    full_name: str
    #: The name in Latin letters, as in the passport, when the full name is in another script.
    latin_name: str | None
    #: ISO 3166-1 alpha-2 country the patient travels from, e.g. "KZ".
    country: str | None
    #: ISO 639-1 language the family reads, e.g. "ru".
    language: str | None
    #: The diagnosis as the coordinator recorded it, in any language.
    diagnosis: str | None
    #: One of content.DIAGNOSIS_CATEGORIES, or None when not yet known.
    diagnosis_category: str | None
    #: The program the lead names (programs.toml): preferred among the offers that fit.
    program: str | None
    companions: int
    coordinator: PacketCoordinator
    #: The case's clinical flags (db.case_models.CaseFile.clinical_flags).
    clinical_flags: tuple[str, ...] = ()
    #: The case's chosen quote: its hospital's offer and amounts lead the packet.
    quote: PacketQuote | None = None
    #: Why the companions count is what it is, when it is not just the recorded travellers
    #: (app.domain.case_people.travellers: "one companion counted: the hospital requires one; …").
    travellers_note: str | None = None
    #: True when the offer requires a companion and none is recorded: the estimate counts one and says so.
    companion_assumed: bool = False

    def __post_init__(self) -> None:
        if not self.reference.strip():
            raise ValueError("a packet needs the lead's reference")
        if not self.full_name.strip():
            raise ValueError("a packet needs the patient's name")
        if isinstance(self.companions, bool) or not isinstance(self.companions, int) or self.companions < 0:
            raise ValueError(f"companions must be a whole number, 0 or more, not {self.companions!r}")
        if self.country is not None:
            if not re.fullmatch(r"[A-Za-z]{2}", self.country):
                raise ValueError(f"country must be an ISO 3166 alpha-2 code such as 'KZ', not {self.country!r}")
            object.__setattr__(self, "country", self.country.upper())
        if self.language is not None:
            if not re.fullmatch(r"[A-Za-z]{2}", self.language):
                raise ValueError(f"language must be an ISO 639-1 code such as 'ru', not {self.language!r}")
            object.__setattr__(self, "language", self.language.lower())
        if self.diagnosis_category is not None and self.diagnosis_category not in DIAGNOSIS_CATEGORIES:
            raise ValueError(f"unknown diagnosis category {self.diagnosis_category!r}")


def choose_offer(lead: PacketLead, content: Content, catalogue: Catalogue | None = None, *,
                 program: str | None = None, offer: str | None = None) -> PacketOffer | None:
    """The hospital offer the lead's packet proposes and prices, or None (no program, no estimate:
    the doctors review the records first). `catalogue` defaults to the content folder's seed."""
    return packet_offer.choose_offer(
        catalogue if catalogue is not None else seed_catalogue(content), category=lead.diagnosis_category,
        diagnosis=lead.diagnosis, flags=tuple(lead.clinical_flags), lead_program=lead.program, quote=lead.quote,
        program=program, offer=offer, programs=tuple(content.programs))


def choose_language(lead: PacketLead, requested: str | None = None, content: Content | None = None) -> str:
    """The requested language, else the lead's language when shipped, else English."""
    if content is None:
        content = cached_content()
    if requested is not None:
        if requested not in content.texts:
            raise PacketRequestError(
                f"no packet text for language {requested!r}; shipped: {', '.join(content.languages)}")
        return requested
    if lead.language in content.texts:
        return lead.language  # type: ignore[return-value]
    return REFERENCE_LANGUAGE
