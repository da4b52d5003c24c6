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
import socket
from collections.abc import Callable
from dataclasses import dataclass, replace
from glob import escape as glob_escape
from pathlib import Path

from sqlalchemy import select

from app.domain.atomic_file import PARTIAL_SUFFIX
from app.domain.case_people import Travellers, travellers
from app.domain.catalogue import Catalogue, Offer, current_catalogue
from app.domain.clock import Clock, utc_now
from app.domain.errors import UserError
from app.domain.lead_records import LeadDetail
from app.domain.lead_search import find_lead_ids, make_filter
from app.domain.leads import InteractionInput, _actor, get_lead, log_interaction, log_interaction_in
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
from db.models import Interaction, Lead
from db.search_patterns import LIKE_ESCAPE, like_prefix

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
    return plan_with(lead, content, language=plan.language, offer=offer, today=plan.today, catalogue=catalogue,
                     requested=plan.requested)


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


def _packet_details(made: MadePacket, action: str) -> dict[str, object]:
    details: dict[str, object] = {"sha256": made.sha256, "language": made.language, "program": made.program,
                                  "offer": made.offer, "action": action, "size": made.size}
    if made.path is not None:
        details["file"] = str(made.path)
    return details


def _packet_note(made: MadePacket, action: str) -> str:
    what = made.program or "no program proposed yet (the doctors review the records first)"
    return f"Packet {action}: {what} in {made.language}"


def record_packet_sent(
    db: Database, made: MadePacket, *, action: str = "saved", actor_id: int | None = None, clock: Clock = utc_now,
) -> None:
    """Put the packet on the lead's timeline with its fingerprint, so what was sent can be shown later."""
    log_interaction(db, made.lead_id, InteractionInput(kind="packet", notes=_packet_note(made, action),
                                                       details=_packet_details(made, action)),
                    actor_id=actor_id, clock=clock)


# ------------------------------------------------------------------ a batch's files, recorded before they are written
#
# A batch records every packet it is about to write (the planned path, `state: planned`) before
# the first one is rendered, and confirms each written one (its SHA-256 and size) at the end. A
# batch killed midway leaves planned records naming every file it may have written, so erasure
# finds them; the next batch settles them: a file that is there is adopted (confirmed), a missing
# one's record is removed, and the partial files a killed write left are deleted.

#: The `state` of a packet record whose file is being written.
PLANNED = "planned"
_PLANNED_ACTION = "being written"


def _this_batch() -> dict[str, object]:
    return {"host": socket.gethostname(), "pid": os.getpid()}


def _process_alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # no safe probe here: leave its records (erasure still finds their files)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _plan_packets(db: Database, planned: list[MadePacket], *, actor_id: int | None, clock: Clock) -> list[int]:
    """Record every packet of a batch before any is written (one transaction); their row ids."""
    now = clock()
    batch = _this_batch()
    ids: list[int] = []
    with db.write() as session:
        actor = _actor(session, actor_id)
        for made in planned:
            details = _packet_details(made, "written") | {"state": PLANNED, "batch": batch}
            lead = session.get(Lead, made.lead_id)
            assert lead is not None
            row = log_interaction_in(session, lead, InteractionInput(kind="packet", notes=_packet_note(made, _PLANNED_ACTION),
                                                                     details=details), actor=actor, now=now)
            ids.append(row.id)
    return ids


def _confirm_packets(db: Database, rows: dict[int, MadePacket | None], *, note_action: str = "written") -> None:
    """Each planned record confirmed with its file's fingerprint, or removed when nothing was written.

    A lead erased while its packet was being written: the file is deleted now, and only one that
    cannot be deleted keeps its record (file and fingerprint), which erasing the lead again finds."""
    erased: dict[int, Path] = {}
    with db.write() as session:
        for row_id, made in rows.items():
            row = session.get(Interaction, row_id)
            if row is None:
                continue
            if made is None:
                session.delete(row)
                continue
            row.details = _packet_details(made, "written")
            row.notes = _packet_note(made, note_action)
            lead = session.get(Lead, row.lead_id)
            if lead is not None and lead.erased_at is not None and made.path is not None:
                erased[row_id] = made.path
    gone = []
    for row_id, path in erased.items():
        _remove_partials(path)
        try:
            path.unlink(missing_ok=True)
        except OSError:
            continue
        gone.append(row_id)
    if gone:
        with db.write() as session:
            for row_id in gone:
                row = session.get(Interaction, row_id)
                if row is not None:
                    row.details, row.notes = {}, None


def _remove_partials(path: Path) -> None:
    for partial in path.parent.glob(f".{glob_escape(path.name)}.*{PARTIAL_SUFFIX}"):
        partial.unlink(missing_ok=True)


@dataclass(frozen=True)
class SettledPackets:
    adopted: tuple[Path, ...] = ()  # written by an interrupted batch, now recorded
    dropped: int = 0  # planned but never written: their records removed


def settle_interrupted_packets(db: Database) -> SettledPackets:
    """Finish what batches killed on this machine left: their planned packet records and files."""
    host = socket.gethostname()
    rows: dict[int, MadePacket | None] = {}
    adopted: list[Path] = []
    with db.read() as session:
        candidates = session.execute(select(Interaction.id, Interaction.lead_id, Interaction.details).where(
            Interaction.kind == "packet", Interaction.notes.like(like_prefix(f"Packet {_PLANNED_ACTION}:"), escape=LIKE_ESCAPE))).all()
    for row_id, lead_id, details in candidates:
        details = details or {}
        batch = details.get("batch") or {}
        if details.get("state") != PLANNED or not isinstance(batch, dict) or batch.get("host") != host:
            continue
        if not isinstance(batch.get("pid"), int) or _process_alive(batch["pid"]):
            continue  # still running (or unknown): its own batch confirms it
        path = Path(str(details.get("file") or ""))
        if not details.get("file"):
            rows[row_id] = None
            continue
        _remove_partials(path)
        if path.is_file():
            data = path.read_bytes()
            program, offer = details.get("program"), details.get("offer")
            rows[row_id] = MadePacket("", lead_id, path, hashlib.sha256(data).hexdigest(), str(details.get("language")),
                                      program if isinstance(program, str) else None, len(data),
                                      offer if isinstance(offer, str) else None)
            adopted.append(path)
        else:
            rows[row_id] = None
    if rows:
        _confirm_packets(db, rows, note_action="written (found after an interrupted batch)")
    return SettledPackets(tuple(adopted), sum(1 for made in rows.values() if made is None))


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
    if not record:
        return replace(made, path=write_packet(target, pdf).resolve())
    # Recorded before it is written (so erasure finds it, whatever happens next), then confirmed.
    made = replace(made, path=target.resolve())
    [row_id] = _plan_packets(db, [made], actor_id=actor_id, clock=clock)
    try:
        write_packet(target, pdf)
    except BaseException:
        _confirm_packets(db, {row_id: None})
        raise
    _confirm_packets(db, {row_id: made})
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
    folder = Path(out_dir).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    planned = [MadePacket(detail.reference, detail.id, (folder / packet_filename(detail.reference, plan.language)).resolve(),
                          "", plan.language, plan.offer.program if plan.offer else None, 0,
                          plan.offer.key if plan.offer else None)
               for detail, plan in zip(details, plans, strict=True)]
    row_ids: list[int] = []
    if record:
        settle_interrupted_packets(db)
        row_ids = _plan_packets(db, planned, actor_id=actor_id, clock=clock)  # before any file exists
    paths = render_plans(plans, folder, workers=workers, progress=progress, cancel=cancel)
    written = {Path(p).name: Path(p) for p in paths}
    made: list[MadePacket] = []
    confirmed: dict[int, MadePacket | None] = {}
    for index, plan in enumerate(planned):
        path = written.get(plan.path.name) if plan.path is not None else None
        packet = None
        if path is not None:
            data = path.read_bytes()
            packet = replace(plan, path=path.resolve(), sha256=hashlib.sha256(data).hexdigest(), size=len(data))
            made.append(packet)
        elif plan.path is not None:
            _remove_partials(plan.path)
        if record:
            confirmed[row_ids[index]] = packet
    if record:
        _confirm_packets(db, confirmed)
    return made
