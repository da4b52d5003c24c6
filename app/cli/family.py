"""The family and the journey of a case from the command line:

    medtour companion add REF --name … --relation … [--phone …]… [--email …] [--language xx] [--decides] [--travels]
    medtour companion list REF [--json]
    medtour companion remove REF ID
    medtour travel set REF [--person ID] --passport-name … --passport … --expiry DATE --nationality CC --born DATE
    medtour travel show REF [--person ID] [--json]          (logged in the read log)
    medtour schedule REF [--arrival DATE[THH:MM]] [--offer KEY] [--ics FILE [--force]] [--for coordinator|family] [--json]
    medtour schedule REF --move ID --to DATE | --done ID | --undone ID
    medtour visa-letter REF -o FILE.pdf [--force]
"""
from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time
from pathlib import Path

from app.cli.database import open_existing
from app.cli.output import print_json
from db.engine import Database


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it as YYYY-MM-DD") from None


def _arrival(text: str) -> tuple[date, time | None]:
    value = text.strip().replace(" ", "T")
    if "T" not in value:
        return _date(value), None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD) or a date and time "
                                         "(YYYY-MM-DDTHH:MM, the patient's local time)") from None
    return moment.date(), moment.time().replace(second=0, microsecond=0)


def _output(db: Database, path: str, force: bool) -> Path:
    from app.domain.output_path import check_output_path

    return check_output_path(path, database=db.path, force=force)


def _warn(lines) -> None:
    for line in lines:
        print(f"warning: {line}", file=sys.stderr)


# ---------------------------------------------------------------- companion


def cmd_companion_add(args: argparse.Namespace) -> int:
    from app.domain.case_people import PersonInput, add_person, describe_person

    saved = add_person(open_existing(args), args.lead, PersonInput(
        name=args.name, relation=args.relation, phones=args.phone or [], email=args.email, language=args.language,
        decides=args.decides, travels=args.travels, notes=args.notes))
    _warn(saved.warnings)
    print(f"added {saved.person.id}: {describe_person(saved.person)}")
    return 0


def cmd_companion_list(args: argparse.Namespace) -> int:
    from app.domain.case_file import case_lead
    from app.domain.case_people import describe_person, people_in, travellers

    db = open_existing(args)
    with db.read() as session:
        lead = case_lead(session, args.lead)
        people = people_in(session, lead)
        party = travellers(session, lead)
        reference = lead.reference
    if args.json:
        print_json({"reference": reference, "people": [p.as_json() for p in people],
                    "travellers": {"count": party.count, "companions": party.companions,
                                   "assumed_companion": party.assumed_companion, "names": list(party.names),
                                   "note": party.note}})
        return 0
    if not people:
        print(f"{reference}: nobody on the case yet")
    for person in people:
        phones = ", ".join(str(p.get("e164") or f"{p.get('raw')} (not valid)") for p in person.phones)
        print(f"{person.id:>5}  {describe_person(person)}" + (f"  {phones}" if phones else ""))
    print(f"travellers: {party.count} ({', '.join(party.names)})" + (f" — {party.note}" if party.note else ""))
    return 0


def cmd_companion_remove(args: argparse.Namespace) -> int:
    from app.domain.case_people import remove_person

    removed = remove_person(open_existing(args), args.lead, args.id)
    print(f"removed {removed.id}: {removed.name} ({removed.relation})")
    return 0


# ---------------------------------------------------------------- travel


def cmd_travel_set(args: argparse.Namespace) -> int:
    from app.domain.travel_details import TravelInput, set_travel_details

    saved = set_travel_details(open_existing(args), args.lead, TravelInput(
        full_name=args.passport_name, date_of_birth=args.born, nationality=args.nationality,
        passport_number=args.passport, passport_expiry=args.expiry), person_id=args.person)
    _warn(saved.warnings)
    missing = saved.details.missing
    print(f"passport details for {saved.details.who} recorded"
          + (f"; still missing: {', '.join(missing)}" if missing else ""))
    return 0


def cmd_travel_show(args: argparse.Namespace) -> int:
    from app.domain.travel_details import read_travel_details

    details = read_travel_details(open_existing(args), args.lead,
                                  person_id="all" if args.person is None else args.person)
    if args.json:
        print_json({"travellers": [d.as_json() for d in details]})
        return 0
    if not details:
        print("no passport details recorded")
    for d in details:
        facts = [d.full_name or "—", d.nationality or "—", d.date_of_birth.isoformat() if d.date_of_birth else "—",
                 d.passport_number or "—", d.passport_expiry.isoformat() if d.passport_expiry else "—"]
        print(f"{d.who}: " + " · ".join(facts) + (f"  (missing: {', '.join(d.missing)})" if d.missing else ""))
    return 0


# ---------------------------------------------------------------- schedule


def _print_schedule(schedule) -> None:
    from app.domain.case_schedule import item_dates

    if not schedule.planned:
        print(f"{schedule.reference}: no schedule yet (plan it: medtour schedule {schedule.reference} --arrival DATE)")
        return
    at = f" {schedule.arrival_time:%H:%M}" if schedule.arrival_time else ""
    print(f"{schedule.reference}: {schedule.offer_key or 'offer not recorded'}, arrival {schedule.arrival}{at}"
          + (f", back home after {schedule.planned_return}" if schedule.planned_return else ""))
    for item in schedule.items:
        marks = " ".join(m for m, on in (("[done]", item.done), ("[moved]", item.edited)) if on)
        print(f"{item.id:>5}  {item.kind:<5}  {item_dates(item):<25}  {item.label}" + (f"  {marks}" if marks else ""))


def cmd_schedule(args: argparse.Namespace) -> int:
    from app.domain.case_calendar import calendar_for
    from app.domain.case_schedule import get_schedule, move_item, plan_schedule, set_done
    from app.domain.errors import ValidationError

    db = open_existing(args)
    if args.to is not None and args.move is None:
        raise ValidationError("--to goes with --move ID (the item to move)")
    target = _output(db, args.ics, args.force) if args.ics else None  # refuse before changing anything
    if args.arrival is not None:
        arrival, at = args.arrival
        plan_schedule(db, args.lead, arrival, offer_key=args.offer, arrival_time=at)
    elif args.offer:
        raise ValidationError("--offer goes with --arrival DATE (it plans the schedule from that offer)")
    if args.move is not None:
        if args.to is None:
            raise ValidationError("--move ID needs --to DATE")
        move_item(db, args.lead, args.move, args.to)
    if args.done is not None:
        set_done(db, args.lead, args.done, True)
    if args.undone is not None:
        set_done(db, args.lead, args.undone, False)
    schedule = get_schedule(db, args.lead)
    if target is not None:
        from app.domain.atomic_file import write_bytes_atomically

        data = calendar_for(db, args.lead, audience=args.audience)
        write_bytes_atomically(target, data)
        print(f"wrote {target} ({args.audience}, {data.count(b'BEGIN:VEVENT')} events)", file=sys.stderr)
    if args.json:
        print_json(schedule.as_json())
    else:
        _print_schedule(schedule)
    return 0


def cmd_visa_letter(args: argparse.Namespace) -> int:
    from app.packets.visa_letter import write_visa_letter

    db = open_existing(args)
    target = _output(db, args.output, args.force)
    made = write_visa_letter(db, args.lead, target, force=True)
    print(f"{made.path}  ({made.reference}, {' + '.join(made.languages)}, {made.travellers} traveller"
          f"{'s' if made.travellers != 1 else ''}, sha256 {made.sha256[:12]}…)")
    return 0


def register(sub, _lead_sub) -> None:
    p = sub.add_parser("companion", help="relatives and companions on a patient's case")
    p.set_defaults(group_parser=p)
    actions = p.add_subparsers(dest="companion_command", metavar="ACTION", parser_class=type(p))
    a = actions.add_parser("add", help="add a relative or companion")
    a.add_argument("lead", metavar="REF")
    a.add_argument("--name", required=True, help="their name, in any script")
    a.add_argument("--relation", required=True, help="spouse, son, daughter, parent, sibling, friend, other, …")
    a.add_argument("--phone", action="append", metavar="NUMBER", help="a phone (repeatable); parsed like the patient's")
    a.add_argument("--email")
    a.add_argument("--language", metavar="xx", help="the language they read (ru, ar, zh, …)")
    a.add_argument("--decides", action="store_true", help="they take part in the decision")
    a.add_argument("--travels", action="store_true", help="they travel with the patient")
    a.add_argument("--notes")
    a.set_defaults(handler=cmd_companion_add)
    a = actions.add_parser("list", help="who is on the case, and the travellers counted")
    a.add_argument("lead", metavar="REF")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_companion_list)
    a = actions.add_parser("remove", help="take a person off the case")
    a.add_argument("lead", metavar="REF")
    a.add_argument("id", metavar="ID", type=int, help="the person's id (see companion list)")
    a.set_defaults(handler=cmd_companion_remove)

    p = sub.add_parser("travel", help="passport details for the visa (the patient's and each traveller's)")
    p.set_defaults(group_parser=p)
    actions = p.add_subparsers(dest="travel_command", metavar="ACTION", parser_class=type(p))
    a = actions.add_parser("set", help="record passport details (what is not given stays as it was)")
    a.add_argument("lead", metavar="REF")
    a.add_argument("--person", type=int, metavar="ID", help="a person on the case (default: the patient)")
    a.add_argument("--passport-name", metavar="NAME", help="the name as in the passport (Latin letters)")
    a.add_argument("--passport", metavar="NUMBER", help="the passport number")
    a.add_argument("--expiry", type=_date, metavar="DATE", help="when the passport expires (YYYY-MM-DD)")
    a.add_argument("--nationality", metavar="CC", help="the country code (KZ) or name")
    a.add_argument("--born", type=_date, metavar="DATE", help="date of birth (YYYY-MM-DD)")
    a.set_defaults(handler=cmd_travel_set)
    a = actions.add_parser("show", help="show passport details (the read is logged)")
    a.add_argument("lead", metavar="REF")
    a.add_argument("--person", type=int, metavar="ID")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_travel_show)

    p = sub.add_parser("schedule", help="the treatment schedule: plan it, edit it, export it as .ics")
    p.add_argument("lead", metavar="REF")
    p.add_argument("--arrival", type=_arrival, metavar="DATE",
                   help="(re)plan from this arrival: YYYY-MM-DD, or YYYY-MM-DDTHH:MM in the patient's time")
    p.add_argument("--offer", metavar="KEY", help="plan from this offer (default: the chosen quote's)")
    p.add_argument("--ics", metavar="FILE", help="write the calendar (.ics)")
    p.add_argument("--for", dest="audience", choices=("coordinator", "family"), default="coordinator",
                   help="whose calendar: every stage and task, or the family's stages only (default: coordinator)")
    p.add_argument("--force", action="store_true", help="overwrite the .ics file if it exists")
    p.add_argument("--move", type=int, metavar="ID", help="move an item by hand (with --to)")
    p.add_argument("--to", type=_date, metavar="DATE", help="its new first day")
    p.add_argument("--done", type=int, metavar="ID", help="mark an item done")
    p.add_argument("--undone", type=int, metavar="ID", help="mark an item not done")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_schedule)

    p = sub.add_parser("visa-letter", help="the visa invitation letter (PDF, English and the hospital's language)")
    p.add_argument("lead", metavar="REF")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    p.set_defaults(handler=cmd_visa_letter)
