"""The `medtour` command line: a thin face over app.domain (and app.packets).

Errors print one clear line to stderr and exit non-zero; nothing is half-written because every
command is one transaction in the domain layer.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from app.domain.lead_records import LeadSummary, to_jsonable

EXIT_USER_ERROR = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _COMMANDS[name] = fn
        return fn

    return register


def _db(args: argparse.Namespace):
    from app.storage import open_database

    return open_database(args.db)


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2) + "\n")


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "—"


# ------------------------------------------------------------------ leads


def lead_json(s: LeadSummary) -> dict[str, Any]:
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


@command("leads")
def cmd_leads(args: argparse.Namespace) -> int:
    from app.domain.lead_search import list_leads

    db = _db(args)
    rows = list_leads(db, search=args.search, status=args.status, limit=args.limit)
    if args.json:
        _print_json([lead_json(r) for r in rows])
        return 0
    for r in rows:
        print(f"{r.reference}  {r.status:<16} {r.country or '--':<3} {r.name}  {r.phone_e164 or r.phone_raw or ''}  {r.email or ''}")
    print(f"{len(rows)} lead(s)", file=sys.stderr)
    return 0


@command("lead show")
def cmd_lead_show(args: argparse.Namespace) -> int:
    from app.domain import consent
    from app.domain.leads import get_lead

    detail = get_lead(_db(args), args.lead)
    if args.json:
        _print_json(detail)
        return 0
    print(f"{detail.reference}  {detail.full_name}" + (f" ({detail.latin_name})" if detail.latin_name else ""))
    print(f"  status: {detail.status}" + (f" — {detail.status_reason}" if detail.status_reason else ""))
    print(f"  country: {detail.country or '—'}  language: {detail.language or '—'}  source: {detail.source or '—'}")
    for phone in detail.phones:
        flag = "" if phone.valid else "  (invalid, kept as typed)"
        print(f"  phone ({phone.kind}): {phone.e164 or phone.raw}{flag}")
    print(f"  email: {detail.email or '—'}")
    print(f"  diagnosis: {detail.diagnosis or '—'} [{detail.diagnosis_category or '—'}]")
    print(f"  coordinator: {detail.coordinator.name if detail.coordinator else '—'}  next follow-up: {_when(detail.next_follow_up)}")
    print(f"  consent to store health data: {'yes' if detail.consent_health_data else 'no'}  version: {detail.version}")
    if warning := consent.needs_consent_warning(detail):
        print(f"  warning: {warning}")
    print("  interactions:")
    for i in detail.interactions:
        extra = f" {i.outcome}" if i.outcome else ""
        print(f"    {_when(i.occurred_at)}  {i.kind}{extra}  {(i.notes or '')[:100]}")
    print("  status history:")
    for h in detail.status_history:
        print(f"    {_when(h.changed_at)}  {h.from_status or '∅'} → {h.to_status}  {h.reason or ''}  ({h.coordinator or '—'})")
    if detail.field_edits:
        print("  field edits:")
        for e in detail.field_edits:
            print(f"    {_when(e.edited_at)}  {e.field}: {e.old_value!r} → {e.new_value!r}  ({e.coordinator or '—'})")
    return 0


@command("log")
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
    logged = log_interaction(_db(args), args.lead, entry, move_to=args.status, reason=args.reason)
    message = f"logged {entry.kind} on {logged.reference}"
    if logged.status_move:
        message += f"; status {logged.status_move.from_status} → {logged.status_move.to_status}"
    if entry.follow_up_at:
        message += f"; next follow-up {_when(entry.follow_up_at)}"
    print(message)
    return 0


@command("status")
def cmd_status(args: argparse.Namespace) -> int:
    from app.domain.leads import change_status

    move = change_status(_db(args), args.lead, args.new_status, args.reason)
    print(f"{move.reference}: {move.from_status} → {move.to_status}")
    return 0


@command("merge")
def cmd_merge(args: argparse.Namespace) -> int:
    from app.domain.leads import merge_leads

    result = merge_leads(_db(args), args.keep, args.drop)
    print(f"merged {result.dropped} into {result.kept}: {result.moved_interactions} interaction(s), {result.moved_phones} phone(s) moved")
    return 0


# ------------------------------------------------------------------ files


@command("import")
def cmd_import(args: argparse.Namespace) -> int:
    from app.domain.column_mapping import parse_map_overrides
    from app.domain.lead_import import import_csv

    overrides = parse_map_overrides(args.map or [])
    report = import_csv(_db(args), args.file, overrides=overrides, dry_run=args.dry_run, encoding=args.encoding)
    if args.json:
        _print_json(report.to_json())
    else:
        for row in report.rows:
            if row.outcome != "imported" or row.warnings:
                detail = row.reason or "; ".join(row.warnings)
                print(f"row {row.row} (line {row.line}) {row.outcome}: {row.name} — {detail}")
        verb = "would import" if report.dry_run else "imported"
        print(f"{verb} {report.imported}, duplicates {report.duplicates}, rejected {report.rejected}, warnings {report.warnings}"
              f" ({report.encoding}, delimiter {report.delimiter!r})")
    if not report.encoding_confident:
        print(f"note: the encoding was guessed as {report.encoding}; if names look wrong, re-run with --encoding", file=sys.stderr)
    return 0


@command("export")
def cmd_export(args: argparse.Namespace) -> int:
    from app.domain.lead_export import export_leads

    count = export_leads(_db(args), args.file)
    print(f"exported {count} lead(s) to {args.file}")
    return 0


@command("demo")
def cmd_demo(args: argparse.Namespace) -> int:
    import time

    from app.domain.demo_data import generate_demo

    db = _db(args)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done:,}/{total:,}", end="", file=sys.stderr)

    created = generate_demo(db, args.leads, seed=args.seed, progress=progress)
    db.checkpoint()
    elapsed = time.perf_counter() - started
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"added {created:,} demo lead(s) to {db.location} in {elapsed:.1f} s")
    return 0


@command("gui")
def cmd_gui(args: argparse.Namespace) -> int:
    from app.__main__ import main as gui_main

    return gui_main(["--db", args.db] if args.db else [])


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medtour", description="MedTour Desk — leads, calls, pipeline and patient packets.")
    parser.add_argument("--db", help="database file or SQLAlchemy URL (default: MEDTOUR_DB or the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("leads", help="list leads")
    p.add_argument("--status", help="only this status (e.g. quote_sent)")
    p.add_argument("--search", help="name (any script), reference, email or phone digits")
    p.add_argument("--limit", type=int, help="at most this many")
    p.add_argument("--json", action="store_true", help="print JSON")

    lead = sub.add_parser("lead", help="one lead").add_subparsers(dest="lead_command", metavar="ACTION")
    p = lead.add_parser("show", help="a lead with its interactions and history")
    p.add_argument("lead", metavar="ID|REF")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("log", help="log a call, message, email, meeting or note")
    p.add_argument("lead", metavar="ID|REF")
    p.add_argument("--kind", default="call", help="call (outgoing), call_in, email, email_in, message, message_in, meeting, note")
    p.add_argument("--outcome", help="reached, voicemail, no_answer, busy, wrong_number, call_back_requested, not_interested")
    p.add_argument("--notes", help="what was said")
    p.add_argument("--duration", type=float, help="minutes")
    p.add_argument("--follow-up", help="tomorrow, 'in 3 days', 'next week', 2026-12-01 or '2026-12-01 15:30'")
    p.add_argument("--status", help="also move the lead to this status, in the same transaction")
    p.add_argument("--reason", help="reason for the status move")

    p = sub.add_parser("status", help="move a lead along the pipeline")
    p.add_argument("lead", metavar="ID|REF")
    p.add_argument("new_status", metavar="NEW_STATUS")
    p.add_argument("--reason", help="required for lost and not_eligible")

    p = sub.add_parser("merge", help="merge two leads that are the same person")
    p.add_argument("keep", metavar="KEEP")
    p.add_argument("drop", metavar="DROP")

    p = sub.add_parser("import", help="import inquiries from a CSV file")
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--map", action="append", metavar="Column=field", help="map a column to a field (repeatable)")
    p.add_argument("--dry-run", action="store_true", help="report what would happen without writing")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--encoding", help="the file's encoding when the guess is wrong (e.g. cp1251)")

    p = sub.add_parser("export", help="export all leads to CSV or JSON")
    p.add_argument("file", metavar="FILE.csv|FILE.json")

    p = sub.add_parser("demo", help="add realistic synthetic leads")
    p.add_argument("--leads", type=int, default=200, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")

    sub.add_parser("gui", help="open the desktop app")

    for extend in _EXTENSIONS:
        extend(sub, lead)
    return parser


#: Other modules add their subcommands here (packets, backups, privacy): extend(subparsers, lead_subparsers).
_EXTENSIONS: list[Callable[[Any, Any], None]] = []


def _handler_name(args: argparse.Namespace) -> str | None:
    if args.command == "lead":
        return f"lead {args.lead_command}" if args.lead_command else None
    return args.command


def main(argv: Sequence[str] | None = None) -> int:
    _load_extensions()
    parser = build_parser()
    args = parser.parse_args(argv)
    name = _handler_name(args)
    if name is None or name not in _COMMANDS:
        parser.print_help()
        return 0 if args.command is None else EXIT_USAGE
    try:
        return _COMMANDS[name](args)
    except BrokenPipeError:  # `medtour leads | head`: the reader left; not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (Exception, KeyboardInterrupt) as exc:  # one line, in the words every face uses
        from app.error_words import report_error

        return report_error(exc)


def _load_extensions() -> None:
    import importlib

    for module in ("app.packets.packet_cli", "app.safety.safety_cli"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if not exc.name or not module.startswith(exc.name):
                raise  # a missing dependency inside the module is a real error


if __name__ == "__main__":
    # `python -m app.cli`: run the imported module, the one the extensions register with.
    from app.cli import main as _main

    raise SystemExit(_main())
