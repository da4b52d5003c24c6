"""`medtour leads | lead show | lead add | log | status | merge | demo`: the leads and their calls."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.database import open_existing, open_or_create
from app.cli.output import Progress, print_json, when
from app.domain.lead_records import LeadSummary, to_jsonable


def lead_json(s: LeadSummary) -> dict[str, Any]:
    """A lead as `medtour leads --json` prints it (and `lead add --json`, with two more keys)."""
    return {
        "id": s.id,
        "reference": s.reference,
        "name": s.name,
        "latin_name": s.latin_name,
        "country": s.country,
        "language": s.language,
        "status": s.status,
        "email": s.email,
        "phone_e164": s.phone_e164,
        "phone": s.phone_raw,
        "coordinator": s.coordinator,
        "source": s.source,
        "next_follow_up": s.next_follow_up,
        "last_contact_at": s.last_contact_at,
        "inquiry_at": s.inquiry_at,
    }


def cmd_leads(args: argparse.Namespace) -> int:
    from app.domain.lead_search import list_leads

    db = open_existing(args)
    owner = None
    if args.mine:
        from app.cli.assign import _me

        owner = _me(db)
    elif args.assigned_to:
        from app.cli.assign import person_id

        owner = person_id(db, args.assigned_to)
    rows = list_leads(db, search=args.search, status=args.status, limit=args.limit, coordinator_id=owner)
    if args.json:
        print_json([lead_json(r) for r in rows])
        return 0
    for r in rows:
        print(f"{r.reference}  {r.status:<16} {r.country or '--':<3} {r.name}  {r.phone_e164 or r.phone_raw or ''}  {r.email or ''}")
    print(f"{len(rows)} lead(s)", file=sys.stderr)
    return 0


def cmd_lead_show(args: argparse.Namespace) -> int:
    from app.domain import consent
    from app.domain.leads import get_lead

    detail = get_lead(open_existing(args), args.lead)
    assigned_to = detail.coordinator.name if detail.coordinator else None
    if args.json:
        print_json(to_jsonable(detail) | {"assigned_to": assigned_to})
        return 0
    print(f"{detail.reference}  {detail.full_name}" + (f" ({detail.latin_name})" if detail.latin_name else ""))
    print(f"  status: {detail.status}" + (f" — {detail.status_reason}" if detail.status_reason else ""))
    print(f"  country: {detail.country or '—'}  language: {detail.language or '—'}  source: {detail.source or '—'}")
    for phone in detail.phones:
        flag = "" if phone.valid else "  (invalid, kept as typed)"
        print(f"  phone ({phone.kind}): {phone.e164 or phone.raw}{flag}")
    print(f"  email: {detail.email or '—'}" + (f"  (also: {', '.join(detail.other_emails)})" if detail.other_emails else ""))
    if detail.other_names:
        print(f"  also written as: {', '.join(detail.other_names)}")
    if detail.needs_review:
        print(f"  needs review: {detail.needs_review}  (medtour lead reviewed {detail.reference} when checked)")
    print(f"  diagnosis: {detail.diagnosis or '—'} [{detail.diagnosis_category or '—'}]")
    print(f"  coordinator: {assigned_to or '— (the pool)'}" + (f": {detail.assignment_reason}" if detail.assignment_reason else "")
          + f"  next follow-up: {when(detail.next_follow_up)}")
    print(f"  consent to store health data: {'yes' if detail.consent_health_data else 'no'}  version: {detail.version}")
    if warning := consent.needs_consent_warning(detail):
        print(f"  warning: {warning}")
    print("  interactions:")
    for i in detail.interactions:
        extra = f" {i.outcome}" if i.outcome else ""
        print(f"    {when(i.occurred_at)}  {i.kind}{extra}  {(i.notes or '')[:100]}")
    print("  status history:")
    for h in detail.status_history:
        print(f"    {when(h.changed_at)}  {h.from_status or '∅'} → {h.to_status}  {h.reason or ''}  ({h.coordinator or '—'})")
    if detail.field_edits:
        print("  field edits:")
        for e in detail.field_edits:
            print(f"    {when(e.edited_at)}  {e.field}: {e.old_value!r} → {e.new_value!r}  ({e.coordinator or '—'})")
    return 0


def cmd_lead_reviewed(args: argparse.Namespace) -> int:
    from app.domain.leads import mark_reviewed

    flag = mark_reviewed(open_existing(args), args.lead)
    print(f"{args.lead}: review cleared ({flag})")
    return 0


def new_lead_input(args: argparse.Namespace):
    """The lead `lead add` was given, as the New lead dialog hands it to `create_lead`."""
    from app.domain.countries import resolve_country, resolve_language
    from app.domain.errors import ValidationError
    from app.domain.lead_records import LeadInput

    country = resolve_country(args.country) if args.country else None
    if args.country and country is None:
        raise ValidationError(f"country '{args.country}' not recognised; give its two-letter code, e.g. RU")
    language = resolve_language(args.language) if args.language else None
    if args.language and language is None:
        raise ValidationError(f"language '{args.language}' not recognised; give its code, e.g. ru")
    return LeadInput(
        full_name=args.name,
        phones=[(raw, "mobile") for raw in args.phone or [] if raw.strip()],
        email=(args.email or "").strip() or None,
        country=country,
        language=language,
        diagnosis=(args.diagnosis or "").strip() or None,
    )


def cmd_lead_add(args: argparse.Namespace) -> int:
    """One lead through the New lead path: a lead with the same phone or email gets this inquiry
    attached instead, as the import does (and reports it as a duplicate)."""
    from app.domain.consent import needs_consent_warning
    from app.domain.inquiries import duplicate_words
    from app.domain.lead_search import summaries
    from app.domain.leads import create_lead

    data = new_lead_input(args)
    db = open_or_create(args)
    result = create_lead(db, data)
    notes = list(result.warnings)
    if result.created and (consent := needs_consent_warning(data)):
        notes.append(consent)
    if args.json:
        (summary,) = summaries(db, [result.lead_id])
        print_json({**lead_json(summary), "duplicate_of": result.duplicate_of, "warnings": notes})
        return 0
    if result.created:
        print(f"added {result.reference}: {data.full_name.strip()}")
    else:
        print(f"duplicate: {duplicate_words(result.duplicate_of or '', result.absorbed)}")
        absorbed = result.absorbed
        if absorbed is not None and absorbed.added:
            print(f"  added to {result.duplicate_of}: {', '.join(absorbed.added)}")
        if absorbed is not None and absorbed.review:
            notes.append(f"{result.duplicate_of} needs review: {absorbed.review}")
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from app.domain.clock import utc_now
    from app.domain.follow_up_time import parse_when
    from app.domain.leads import InteractionInput, log_interaction

    now = utc_now()
    entry = InteractionInput(
        kind=args.kind,
        outcome=args.outcome,
        notes=args.notes,
        duration_seconds=round(args.duration * 60) if args.duration is not None else None,
        follow_up_at=parse_when(args.follow_up, now) if args.follow_up else None,
    )
    logged = log_interaction(open_existing(args), args.lead, entry, move_to=args.status, reason=args.reason)
    message = f"logged {entry.kind} on {logged.reference}"
    if logged.status_move:
        message += f"; status {logged.status_move.from_status} → {logged.status_move.to_status}"
    if entry.follow_up_at:
        message += f"; next follow-up {when(entry.follow_up_at)}"
    print(message)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from app.domain.leads import change_status

    move = change_status(open_existing(args), args.lead, args.new_status, args.reason)
    print(f"{move.reference}: {move.from_status} → {move.to_status}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from app.cli.confirm import confirm_by_reference
    from app.domain.leads import get_lead, merge_leads

    db = open_existing(args)
    keep, drop = get_lead(db, args.keep, with_history=False), get_lead(db, args.drop, with_history=False)
    for role, lead in (("keep", keep), ("merge into it", drop)):
        contact = ", ".join(p.e164 or p.raw for p in lead.phones) or lead.email or "no phone or email"
        print(f"  {role}: {lead.reference}  {lead.full_name}  ({contact})")
    confirm_by_reference(drop.reference, f"merge it into {keep.reference} (this cannot be undone)", assume_yes=args.yes,
                         not_done="nothing was merged")
    result = merge_leads(db, keep.reference, drop.reference)
    print(f"merged {result.dropped} into {result.kept}: {result.moved_interactions} interaction(s), {result.moved_phones} phone(s) moved")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    import time

    from app.domain.demo_data import generate_demo

    db = open_or_create(args)
    started = time.perf_counter()

    progress = Progress()
    created = generate_demo(db, args.leads, seed=args.seed, progress=progress)
    db.checkpoint()
    elapsed = time.perf_counter() - started
    progress.end()
    print(f"added {created:,} demo lead(s) to {db.location} in {elapsed:.1f} s")
    return 0


def register(sub, lead_sub) -> None:
    p = sub.add_parser("leads", help="list leads")
    p.add_argument("--status", help="only this status (e.g. quote_sent)")
    p.add_argument("--search", help="name (any script), reference, email or phone digits")
    p.add_argument("--limit", type=int, help="at most this many")
    owner = p.add_mutually_exclusive_group()
    owner.add_argument("--mine", action="store_true", help="only leads assigned to me")
    owner.add_argument("--assigned-to", metavar="LOGIN", help="only leads assigned to this person (login; on a solo file also name or id)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_leads)

    p = lead_sub.add_parser("show", help="a lead with its interactions and history")
    p.add_argument("lead", metavar="ID|REF")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_lead_show)

    p = lead_sub.add_parser("reviewed", help="clear the lead's review flag once someone has checked it")
    p.add_argument("lead", metavar="ID|REF")
    p.set_defaults(handler=cmd_lead_reviewed)

    p = lead_sub.add_parser("add", help="add one lead, as the New lead window does (a duplicate gets the inquiry attached)")
    p.add_argument("--name", required=True, help="the person's name, in any script")
    p.add_argument("--phone", action="append", metavar="PHONE", help="a phone number, as given (repeatable)")
    p.add_argument("--email")
    p.add_argument("--country", metavar="XX", help="country code (e.g. RU); phones without + are read as this country's")
    p.add_argument("--language", metavar="xx", help="language code (e.g. ru)")
    p.add_argument("--diagnosis", help="what they asked about (health data: record consent in the app)")
    p.add_argument("--json", action="store_true", help="print the lead as JSON (with duplicate_of and warnings)")
    p.set_defaults(handler=cmd_lead_add)

    p = sub.add_parser("log", help="log a call, message, email, meeting or note")
    p.add_argument("lead", metavar="ID|REF")
    p.add_argument("--kind", default="call", help="call (outgoing), call_in, email, email_in, message, message_in, meeting, note")
    p.add_argument("--outcome", help="reached, voicemail, no_answer, busy, wrong_number, call_back_requested, not_interested")
    p.add_argument("--notes", help="what was said")
    p.add_argument("--duration", type=float, help="minutes")
    p.add_argument("--follow-up", help="tomorrow, 'in 3 days', 'next week', 2026-12-01 or '2026-12-01 15:30'")
    p.add_argument("--status", help="also move the lead to this status, in the same transaction")
    p.add_argument("--reason", help="reason for the status move")
    p.set_defaults(handler=cmd_log)

    p = sub.add_parser("status", help="move a lead along the pipeline")
    p.add_argument("lead", metavar="ID|REF")
    p.add_argument("new_status", metavar="NEW_STATUS")
    p.add_argument("--reason", help="required for lost and not_eligible")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("merge", help="merge two leads that are the same person")
    p.add_argument("keep", metavar="KEEP")
    p.add_argument("drop", metavar="DROP")
    p.add_argument("--yes", action="store_true", help="do not ask (e.g. in a script)")
    p.set_defaults(handler=cmd_merge)

    p = sub.add_parser("demo", help="add realistic synthetic leads")
    p.add_argument("--leads", type=int, default=200, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.set_defaults(handler=cmd_demo)
