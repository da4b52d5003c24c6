"""Packets for leads in the database: build the packet input from a lead and its case (clinical
flags, chosen quote), price it from the database's catalogue, write the PDF, and record "packet
sent" on the lead's timeline (SHA-256, language, program, offer, file).

The CLI and the GUI both come through here; the renderer itself never sees the database.
"""
from __future__ import annotations

import datetime
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select

from app.domain.case_people import Travellers, travellers
from app.domain.catalogue import Catalogue, current_catalogue
from app.domain.clock import Clock, utc_now
from app.domain.errors import UserError
from app.domain.lead_records import LeadDetail
from app.domain.lead_search import find_lead_ids, make_filter
from app.domain.leads import InteractionInput, get_lead, log_interaction
from app.domain.output_path import check_output_path
from app.domain.phone import parse_phone
from app.domain.profiles import ProfileRecord, packet_signer
from app.domain.quotes import chosen_quote_in
from app.packets.content import Content, cached_content
from app.packets.cost_estimate import MissingRateError, exchange_rate
from app.packets.packet_batch import packet_filename, render_batch
from app.packets.packet_input import PacketCoordinator, PacketLead, PacketRequestError, choose_language, choose_offer
from app.packets.packet_offer import PacketOffer, PacketQuote, quote_item
from app.packets.packet_renderer import PacketRenderer, write_packet
from db.case_models import CaseFile
from db.engine import Database
from db.models import Lead

_TWO_LETTERS = re.compile(r"^[A-Za-z]{2}$")


class PacketError(UserError):
    """A packet that cannot be made (unknown program or language); the message says why."""


@dataclass(frozen=True)
class MadePacket:
    reference: str
    lead_id: int
    path: Path | None
    sha256: str
    language: str
    #: The program proposed, or None: no program and no price before the doctors' review.
    program: str | None
    size: int
    #: The catalogue offer the packet priced (None with no program).
    offer: str | None = None


def packet_lead(detail: LeadDetail, content: Content, signer: ProfileRecord, *, clinical_flags: tuple[str, ...] = (),
                quote: PacketQuote | None = None, party: Travellers | None = None) -> PacketLead:
    """The packet's view of a lead and its case, signed by `signer` (a real person: see
    `packet_signer`) with their own phone and WhatsApp (the agency's switchboard is printed apart,
    as the agency's); the agency's e-mail stands in for one the coordinator lacks. The companions
    are `party`'s (the case's travellers, app.domain.case_people.travellers) when given, else the
    lead's number."""
    agency = content.agency
    contact = PacketCoordinator(
        name=signer.name,
        email=signer.email or agency.email,
        phone=_readable_phone(signer.phone),
        whatsapp=_readable_phone(signer.whatsapp),
        signature=signer.signature,
    )
    return PacketLead(
        reference=detail.reference,
        full_name=detail.full_name,
        latin_name=detail.latin_name,
        country=detail.country if detail.country and _TWO_LETTERS.match(detail.country) else None,
        language=detail.language if detail.language and _TWO_LETTERS.match(detail.language) else None,
        diagnosis=detail.diagnosis,
        diagnosis_category=detail.diagnosis_category,
        program=detail.program,
        companions=party.companions if party is not None else max(0, int(detail.companions or 0)),
        coordinator=contact,
        clinical_flags=clinical_flags,
        quote=quote,
        travellers_note=party.note if party is not None else None,
        companion_assumed=party.assumed_companion if party is not None else False,
    )


def _readable_phone(e164: str | None) -> str | None:
    """A stored (E.164) number as a patient reads it: +971 50 123 4567."""
    if not e164:
        return None
    return parse_phone(e164).international or e164


def case_facts(db: Database, lead_id: int) -> tuple[tuple[str, ...], PacketQuote | None]:
    """The case's clinical flags and its chosen quote (`chosen_at` set), as the packet reads them."""
    with db.read() as session:
        case = session.scalars(select(CaseFile).where(CaseFile.lead_id == lead_id)).first()
        flags = tuple(case.clinical_flags or ()) if case is not None else ()
        row = chosen_quote_in(session, lead_id)
        if row is None:
            return flags, None
        try:
            items = tuple(quote_item(raw) for raw in row.items or [])
        except PacketRequestError as exc:
            raise PacketError(str(exc)) from None
        return flags, PacketQuote(row.hospital_key, row.offer_key, row.currency.upper(), items)


def signed_packet_lead(db: Database, detail: LeadDetail, content: Content, actor_id: int | None = None) -> PacketLead:
    """`packet_lead` signed by who `packet_signer` names (NoSignerError when nobody real), with
    the case's clinical flags and chosen quote."""
    signer = packet_signer(db, detail.coordinator.id if detail.coordinator else None, actor_id)
    flags, quote = case_facts(db, detail.id)
    return packet_lead(detail, content, signer, clinical_flags=flags, quote=quote, party=case_travellers(db, detail.id))


def case_travellers(db: Database, lead_id: int) -> Travellers | None:
    """Who travels on the lead's case (the patient, the people who travel, a companion the chosen
    offer requires); None for a lead that is not there."""
    with db.read() as session:
        lead = session.get(Lead, lead_id)
        return travellers(session, lead) if lead is not None else None


def _choices(lead: PacketLead, content: Content, catalogue: Catalogue, lang: str | None, program: str | None,
             offer: str | None = None) -> tuple[str, PacketOffer | None]:
    try:
        chosen = choose_offer(lead, content, catalogue, program=program, offer=offer)
        if chosen is not None:
            exchange_rate(content.rates, chosen.currency, content.agency.currency)  # a missing rate, before any work
        return choose_language(lead, lang, content), chosen
    except PacketRequestError as exc:
        raise PacketError(str(exc)) from None
    except MissingRateError as exc:
        raise PacketError(f"{lead.reference}: {exc}; the offer's prices cannot be converted") from None


def render_for_lead(
    db: Database, key: int | str, *, lang: str | None = None, program: str | None = None,
    offer: str | None = None, today: datetime.date | None = None, clock: Clock = utc_now,
    actor_id: int | None = None,
) -> tuple[bytes, MadePacket]:
    """The PDF bytes for one lead (nothing written, nothing recorded) and what was chosen: the
    chosen quote's offer, else the requested offer or program's, else the first that fits,
    else none (a packet with no program and no price). Signed by the lead's coordinator, else by
    who is working (`actor_id` when given); with nobody real to sign it, NoSignerError."""
    content = cached_content()
    catalogue = current_catalogue(db, clock=clock)
    detail = get_lead(db, key, with_history=False)
    lead = signed_packet_lead(db, detail, content, actor_id)
    language, chosen = _choices(lead, content, catalogue, lang, program, offer)
    pdf = PacketRenderer(lead, content, lang=language, offer=chosen, today=today or clock().date()).render()
    made = MadePacket(detail.reference, detail.id, None, hashlib.sha256(pdf).hexdigest(), language,
                      chosen.program if chosen else None, len(pdf), chosen.key if chosen else None)
    return pdf, made


def record_packet_sent(
    db: Database, made: MadePacket, *, action: str = "saved", actor_id: int | None = None, clock: Clock = utc_now,
) -> None:
    """Put the packet on the lead's timeline with its fingerprint, so what was sent can be shown later."""
    details: dict[str, object] = {"sha256": made.sha256, "language": made.language, "program": made.program,
                                  "offer": made.offer, "action": action, "size": made.size}
    if made.path is not None:
        details["file"] = str(made.path)
    what = made.program or "no program proposed yet (the doctors review the records first)"
    note = f"Packet {action}: {what} in {made.language}"
    log_interaction(db, made.lead_id, InteractionInput(kind="packet", notes=note, details=details),
                    actor_id=actor_id, clock=clock)


def write_for_lead(
    db: Database, key: int | str, out: str | Path | None = None, *, lang: str | None = None,
    program: str | None = None, offer: str | None = None, today: datetime.date | None = None, record: bool = True,
    actor_id: int | None = None, clock: Clock = utc_now, force: bool = False,
) -> MadePacket:
    """Write one lead's packet (atomically) and record it on the timeline. `out` may be a file or
    a folder (one that exists, or any path ending in a separator: made if missing, the packet
    named REF_LANG.pdf in it); an existing file is replaced only with `force`, and never the
    database or its side files (app.domain.output_path)."""
    pdf, made = render_for_lead(db, key, lang=lang, program=program, offer=offer, today=today, clock=clock,
                                actor_id=actor_id)
    name = packet_filename(made.reference, made.language)
    text = os.fspath(out) if out else ""
    if not text:
        target = Path.cwd() / name
    elif text.endswith(("/", os.sep)) or Path(text).expanduser().is_dir():
        target = Path(text).expanduser() / name
    else:
        target = Path(text).expanduser()
    target = check_output_path(target, database=db.path, force=force, what="the packet")
    made = replace(made, path=write_packet(target, pdf).resolve())
    if record:
        record_packet_sent(db, made, action="written", actor_id=actor_id, clock=clock)
    return made


def write_batch(
    db: Database, out_dir: str | Path, *, status: str | None = None, ids: list[int] | None = None,
    lang: str | None = None, program: str | None = None, today: datetime.date | None = None,
    workers: int | None = None, record: bool = True, actor_id: int | None = None, clock: Clock = utc_now,
    progress: Callable[[int, int], None] | None = None, cancel: Callable[[], bool] | None = None,
) -> list[MadePacket]:
    """Packets for every lead with `status` (or the given ids), on all cores; each one is recorded.

    A cancelled batch returns (and records) only the packets that were written.
    """
    content = cached_content()
    catalogue = current_catalogue(db, clock=clock)
    if ids is None:
        flt = make_filter(None, statuses=(status,) if status else ())
        ids = find_lead_ids(db, flt, sort="reference", descending=False)
    details = [get_lead(db, lead_id, with_history=False) for lead_id in ids]
    leads = [signed_packet_lead(db, d, content, actor_id) for d in details]
    choices = [_choices(lead, content, catalogue, lang, program) for lead in leads]  # refuse a bad request first
    paths = render_batch(leads, Path(out_dir), lang=lang, program=program, today=today or clock().date(),
                         workers=workers, progress=progress, cancel=cancel, catalogue=catalogue)
    written = {Path(p).name: Path(p) for p in paths}
    made: list[MadePacket] = []
    for detail, (language, chosen) in zip(details, choices, strict=True):
        path = written.get(packet_filename(detail.reference, language))
        if path is None:
            continue
        data = path.read_bytes()
        packet = MadePacket(detail.reference, detail.id, path.resolve(), hashlib.sha256(data).hexdigest(),
                            language, chosen.program if chosen else None, len(data), chosen.key if chosen else None)
        if record:
            record_packet_sent(db, packet, action="written", actor_id=actor_id, clock=clock)
        made.append(packet)
    return made
