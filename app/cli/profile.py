"""`medtour profile set | show`: who is working on this database (a thin face over app.domain.profiles).

Every other command that writes (lead add, log, status, merge, import, packet) records the
database's current profile: app.domain.leads falls back to who is working when no actor is given.
"""
from __future__ import annotations

import argparse

from app.cli.database import open_existing
from app.cli.output import print_json

HOW_TO_SET = 'medtour profile set --name "Your Name" --email you@example.com --whatsapp "+971 50 123 4567"'


def cmd_profile_set(args: argparse.Namespace) -> int:
    from app.domain.profiles import ProfileInput, set_profile

    saved = set_profile(open_existing(args), ProfileInput(
        name=args.name, email=args.email, phone=args.phone, whatsapp=args.whatsapp,
        languages=args.languages or (), signature=args.signature))
    if args.json:
        print_json(saved.as_json())
    else:
        print(f"working as {saved.name}" + (f" <{saved.email}>" if saved.email else ""))
    return 0


def cmd_profile_show(args: argparse.Namespace) -> int:
    from app.domain.profiles import working_profile

    db = open_existing(args)
    person = working_profile(db)
    real = person is not None and not person.placeholder
    if args.json:
        print_json(person.as_json() if real and person is not None else None)
        return 0
    if not real or person is None:
        how = f"Set yours with: {HOW_TO_SET}" if db.is_sqlite else \
            "On a server each person signs in with their own login: an admin adds you with `medtour user add LOGIN --name …`"
        print(f"no profile is set: actions are recorded as the placeholder \"Coordinator\" and packets are refused.\n{how}")
        return 0
    print(f"{person.name}  ({person.role})")
    for label, value in (("email", person.email), ("phone", person.phone), ("WhatsApp", person.whatsapp),
                         ("languages", ", ".join(person.languages)), ("signature", person.signature)):
        print(f"  {label}: {value or '—'}")
    return 0


def register(sub, _lead_sub) -> None:
    group = sub.add_parser("profile", help="who is working: your name and contact, as packets show them")
    group.set_defaults(group_parser=group)
    # The group's parser is the CLI's command parser (it takes --db); its actions are made the same way.
    actions = group.add_subparsers(dest="profile_command", metavar="ACTION", parser_class=type(group))

    p = actions.add_parser("set", help="say who is working (the first profile also owns the leads made before it)")
    p.add_argument("--name", required=True, help="your name as patients see it")
    p.add_argument("--email", help="your email address")
    p.add_argument("--phone", help="your direct phone, with + and the country code")
    p.add_argument("--whatsapp", help="your WhatsApp number, with + and the country code")
    p.add_argument("--languages", metavar="ru,ar", help="the languages you speak (ISO 639-1 codes, comma-separated)")
    p.add_argument("--signature", help="the line packets close with (default: your name)")
    p.add_argument("--json", action="store_true", help="print the saved profile as JSON")
    p.set_defaults(handler=cmd_profile_set)

    p = actions.add_parser("show", help="who is working on this database")
    p.add_argument("--json", action="store_true", help="print JSON (null when no profile is set)")
    p.set_defaults(handler=cmd_profile_show)
