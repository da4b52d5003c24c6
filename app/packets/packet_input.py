"""What the packet needs to know about a lead: plain frozen values, no database, no Qt.

The app builds a `PacketLead` from its records; the packet engine never sees
the database. `choose_program` and `choose_language` decide, from the lead and
an optional explicit request, which program and language a packet uses.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from app.packets.content import DIAGNOSIS_CATEGORIES, REFERENCE_LANGUAGE, Content, Program, cached_content

log = logging.getLogger(__name__)


class PacketRequestError(ValueError):
    """The caller asked for a program or language the content does not have."""


@dataclass(frozen=True)
class PacketCoordinator:
    name: str
    email: str
    phone: str
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
    #: A program key from programs.toml, or None to choose by diagnosis.
    program: str | None
    companions: int
    coordinator: PacketCoordinator
    #: Why the companions count is what it is, when it is not just the recorded travellers
    #: (app.domain.case_people.travellers: "one companion counted: the hospital requires one; …").
    travellers_note: str | None = None

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


def choose_program(lead: PacketLead, content: Content, requested: str | None = None) -> Program:
    """The explicit key, else the lead's program, else one suited to the diagnosis, else the first."""
    if requested is not None:
        try:
            return content.programs[requested]
        except KeyError:
            raise PacketRequestError(
                f"unknown program {requested!r}; the content offers {', '.join(content.programs)}") from None
    if lead.program is not None:
        if lead.program in content.programs:
            return content.programs[lead.program]
        log.warning("lead %s names program %r, which the content no longer offers; choosing by diagnosis",
                    lead.reference, lead.program)
    if lead.diagnosis_category is not None:
        for program in content.programs.values():
            if lead.diagnosis_category in program.suits:
                return program
    return next(iter(content.programs.values()))


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
