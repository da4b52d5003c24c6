"""Packets for leads in the database: build the packet input from a lead, write the PDF, and
record "packet sent" on the lead's timeline (SHA-256, language, program, file).

The CLI and the GUI both come through here; the renderer itself never sees the database.
"""
from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from app.domain.case_people import Travellers, travellers
from app.domain.clock import Clock, utc_now
from app.domain.errors import UserError
from app.domain.lead_records import LeadDetail
from app.domain.lead_search import find_lead_ids, make_filter
from app.domain.leads import InteractionInput, get_lead, log_interaction
from app.domain.phone import parse_phone
from app.domain.profiles import ProfileRecord, packet_signer
from app.packets.content import Content, cached_content
from app.packets.packet_batch import packet_filename, render_batch
from app.packets.packet_input import PacketCoordinator, PacketLead, PacketRequestError, choose_language, choose_program
from app.packets.packet_renderer import render_packet, write_packet
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
    program: str
    size: int


def packet_lead(detail: LeadDetail, content: Content, signer: ProfileRecord, party: Travellers | None = None) -> PacketLead:
    """The packet's view of a lead, signed by `signer` (a real person: see `packet_signer`); the
    agency's own contact fills in what the coordinator lacks. The companions are `party`'s (the
    case's travellers, app.domain.case_people.travellers) when given, else the lead's number."""
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
        travellers_note=party.note if party is not None else None,
    )


def _readable_phone(e164: str | None) -> str | None:
    """A stored (E.164) number as a patient reads it: +971 50 123 4567."""
    if not e164:
        return None
    return parse_phone(e164).international or e164


def signed_packet_lead(db: Database, detail: LeadDetail, content: Content, actor_id: int | None = None) -> PacketLead:
    """`packet_lead` signed by who `packet_signer` names (NoSignerError when nobody real)."""
    signer = packet_signer(db, detail.coordinator.id if detail.coordinator else None, actor_id)
    return packet_lead(detail, content, signer, case_travellers(db, detail.id))


def case_travellers(db: Database, lead_id: int) -> Travellers | None:
    """Who travels on the lead's case (the patient, the people who travel, a companion the chosen
    offer requires); None for a lead that is not there."""
    with db.read() as session:
        lead = session.get(Lead, lead_id)
        return travellers(session, lead) if lead is not None else None


def _choices(lead: PacketLead, content: Content, lang: str | None, program: str | None) -> tuple[str, str]:
    try:
        return choose_language(lead, lang, content), choose_program(lead, content, program).key
    except PacketRequestError as exc:
        raise PacketError(str(exc)) from None


def render_for_lead(
    db: Database, key: int | str, *, lang: str | None = None, program: str | None = None,
    today: datetime.date | None = None, clock: Clock = utc_now, actor_id: int | None = None,
) -> tuple[bytes, MadePacket]:
    """The PDF bytes for one lead (nothing written, nothing recorded) and what was chosen.
    Signed by the lead's coordinator, else by who is working (`actor_id` when given); with
    nobody real to sign it, NoSignerError."""
    content = cached_content()
    detail = get_lead(db, key, with_history=False)
    lead = signed_packet_lead(db, detail, content, actor_id)
    language, chosen = _choices(lead, content, lang, program)
    pdf = render_packet(lead, lang=language, program=chosen, today=today or clock().date(), content=content)
    made = MadePacket(detail.reference, detail.id, None, hashlib.sha256(pdf).hexdigest(), language, chosen, len(pdf))
    return pdf, made


def record_packet_sent(
    db: Database, made: MadePacket, *, action: str = "saved", actor_id: int | None = None, clock: Clock = utc_now,
) -> None:
    """Put the packet on the lead's timeline with its fingerprint, so what was sent can be shown later."""
    details: dict[str, object] = {"sha256": made.sha256, "language": made.language, "program": made.program,
                                  "action": action, "size": made.size}
    if made.path is not None:
        details["file"] = str(made.path)
    note = f"Packet {action}: {made.program} in {made.language}"
    log_interaction(db, made.lead_id, InteractionInput(kind="packet", notes=note, details=details),
                    actor_id=actor_id, clock=clock)


def write_for_lead(
    db: Database, key: int | str, out: str | Path | None = None, *, lang: str | None = None,
    program: str | None = None, today: datetime.date | None = None, record: bool = True,
    actor_id: int | None = None, clock: Clock = utc_now,
) -> MadePacket:
    """Write one lead's packet (atomically) and record it on the timeline."""
    pdf, made = render_for_lead(db, key, lang=lang, program=program, today=today, clock=clock, actor_id=actor_id)
    target = Path(out) if out else Path.cwd() / packet_filename(made.reference, made.language)
    if target.is_dir():
        target = target / packet_filename(made.reference, made.language)
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
    if ids is None:
        flt = make_filter(None, statuses=(status,) if status else ())
        ids = find_lead_ids(db, flt, sort="reference", descending=False)
    details = [get_lead(db, lead_id, with_history=False) for lead_id in ids]
    leads = [signed_packet_lead(db, d, content, actor_id) for d in details]
    choices = [_choices(lead, content, lang, program) for lead in leads]  # refuse a bad request first
    paths = render_batch(leads, Path(out_dir), lang=lang, program=program, today=today or clock().date(),
                         workers=workers, progress=progress, cancel=cancel)
    written = {Path(p).name: Path(p) for p in paths}
    made: list[MadePacket] = []
    for detail, (language, chosen) in zip(details, choices, strict=True):
        path = written.get(packet_filename(detail.reference, language))
        if path is None:
            continue
        data = path.read_bytes()
        packet = MadePacket(detail.reference, detail.id, path.resolve(), hashlib.sha256(data).hexdigest(),
                            language, chosen, len(data))
        if record:
            record_packet_sent(db, packet, action="written", actor_id=actor_id, clock=clock)
        made.append(packet)
    return made
