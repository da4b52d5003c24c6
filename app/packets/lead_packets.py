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
from app.domain.catalogue import Catalogue, Offer, current_catalogue
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
from app.packets.cost_estimate import MissingRateError
from app.packets.packet_batch import packet_filename, render_plans
from app.packets.packet_input import PacketCoordinator, PacketLead, PacketRequestError
from app.packets.packet_offer import PacketQuote, quote_item
from app.packets.packet_plan import PacketPlan, plan_packet, plan_with
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
    `packet_signer`); the agency's own contact fills in what the coordinator lacks. The companions
    are `party`'s (the case's travellers, app.domain.case_people.travellers) when given, else the
    lead's number."""
    agency = content.agency
    contact = PacketCoordinator(
        name=signer.name,
        email=signer.email or agency.email,
        phone=_readable_phone(signer.phone) or agency.phone,
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


def case_travellers(db: Database, lead_id: int, offer: Offer | None = None) -> Travellers | None:
    """Who travels on the lead's case (the patient, the people who travel, a companion the offer —
    `offer`, else the chosen quote's — requires); None for a lead that is not there."""
    with db.read() as session:
        lead = session.get(Lead, lead_id)
        return travellers(session, lead, offer) if lead is not None else None


def _with_offers_travellers(db: Database, lead_id: int, plan: PacketPlan, content: Content,
                            catalogue: Catalogue) -> PacketPlan:
    """The plan again when its offer (not a chosen quote's) requires a companion nobody is recorded
    as: the estimate counts one and says so (app.domain.case_people.travellers, the one rule)."""
    offer = plan.offer
    if offer is None or offer.quoted or offer.key not in catalogue.offers:
        return plan
    party = case_travellers(db, lead_id, catalogue.offers[offer.key])
    lead = plan.lead
    if party is None or (party.companions, party.assumed_companion) == (lead.companions, lead.companion_assumed):
        return plan
    lead = replace(lead, companions=party.companions, travellers_note=party.note,
                   companion_assumed=party.assumed_companion)
    return plan_with(lead, content, language=plan.language, offer=offer, today=plan.today, catalogue=catalogue)


def _plan(lead: PacketLead, content: Content, catalogue: Catalogue, lang: str | None, program: str | None,
          offer: str | None, today: datetime.date) -> PacketPlan:
    try:
        return plan_packet(lead, content, catalogue, lang=lang, program=program, offer=offer, today=today)
    except PacketRequestError as exc:
        raise PacketError(str(exc)) from None
    except MissingRateError as exc:
        raise PacketError(f"{lead.reference}: {exc}; the offer's prices cannot be converted") from None


def plan_for_lead(
    db: Database, key: int | str, *, lang: str | None = None, program: str | None = None,
    offer: str | None = None, today: datetime.date | None = None, clock: Clock = utc_now,
    actor_id: int | None = None,
) -> PacketPlan:
    """What the lead's packet is built from (app.packets.packet_plan), nothing rendered: the
    chosen quote's offer, else the requested offer or program's, else the first that fits, else
    none (a first-steps packet, no program and no price). Signed by the lead's coordinator, else
    by who is working (`actor_id` when given); with nobody real to sign it, NoSignerError."""
    return _lead_plan(db, key, lang=lang, program=program, offer=offer, today=today, clock=clock,
                      actor_id=actor_id)[1]


def _lead_plan(db: Database, key: int | str, *, lang: str | None, program: str | None, offer: str | None,
               today: datetime.date | None, clock: Clock, actor_id: int | None) -> tuple[int, PacketPlan]:
    content = cached_content()
    catalogue = current_catalogue(db, clock=clock)
    detail = get_lead(db, key, with_history=False)
    lead = signed_packet_lead(db, detail, content, actor_id)
    plan = _plan(lead, content, catalogue, lang, program, offer, today or clock().date())
    return detail.id, _with_offers_travellers(db, detail.id, plan, content, catalogue)


def made_packet(plan: PacketPlan, lead_id: int, pdf: bytes, path: Path | None = None) -> MadePacket:
    offer = plan.offer
    return MadePacket(plan.lead.reference, lead_id, path, hashlib.sha256(pdf).hexdigest(), plan.language,
                      offer.program if offer else None, len(pdf), offer.key if offer else None)


def render_plan(plan: PacketPlan) -> bytes:
    """The PDF of a plan."""
    return PacketRenderer.from_plan(plan, cached_content()).render()


def render_for_lead(
    db: Database, key: int | str, *, lang: str | None = None, program: str | None = None,
    offer: str | None = None, today: datetime.date | None = None, clock: Clock = utc_now,
    actor_id: int | None = None,
) -> tuple[bytes, MadePacket]:
    """The PDF bytes for one lead (nothing written, nothing recorded) and what was chosen
    (`plan_for_lead`)."""
    pdf, made, _ = render_plan_for_lead(db, key, lang=lang, program=program, offer=offer, today=today, clock=clock,
                                        actor_id=actor_id)
    return pdf, made


def render_plan_for_lead(
    db: Database, key: int | str, *, lang: str | None = None, program: str | None = None,
    offer: str | None = None, today: datetime.date | None = None, clock: Clock = utc_now,
    actor_id: int | None = None,
) -> tuple[bytes, MadePacket, PacketPlan]:
    """`render_for_lead` with the plan the PDF was drawn from (the GUI preview shows both)."""
    lead_id, plan = _lead_plan(db, key, lang=lang, program=program, offer=offer, today=today, clock=clock,
                               actor_id=actor_id)
    pdf = render_plan(plan)
    return pdf, made_packet(plan, lead_id, pdf), plan


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
    day = today or clock().date()
    plans = [_with_offers_travellers(db, detail.id, _plan(lead, content, catalogue, lang, program, None, day), content,
                                     catalogue)
             for detail, lead in zip(details, leads, strict=True)]  # refuse a bad request first
    paths = render_plans(plans, Path(out_dir), workers=workers, progress=progress, cancel=cancel)
    written = {Path(p).name: Path(p) for p in paths}
    made: list[MadePacket] = []
    for detail, plan in zip(details, plans, strict=True):
        path = written.get(packet_filename(detail.reference, plan.language))
        if path is None:
            continue
        packet = made_packet(plan, detail.id, path.read_bytes(), path.resolve())
        if record:
            record_packet_sent(db, packet, action="written", actor_id=actor_id, clock=clock)
        made.append(packet)
    return made
