"""`medtour retention show | set YEARS|off | apply [--dry-run]`: how long a closed lead keeps its
personal data (app.safety.retention). Off until it is set; the desk applies it when it starts."""
from __future__ import annotations

import argparse

from app.cli.database import open_existing
from app.cli.output import Progress, print_json


def _rule_words(years: int | None) -> str:
    if years is None:
        return "off: closed leads keep their personal data until someone erases them"
    return f"closed leads untouched for more than {years} year(s) are anonymised (on start, and by 'retention apply')"


def cmd_show(args: argparse.Namespace) -> int:
    from app.domain.clock import utc_now
    from app.safety.retention import due_for_retention, read_retention

    db = open_existing(args)
    with db.read() as session:
        years = read_retention(session)
        due = due_for_retention(session, years, now=utc_now()) if years is not None else []
    if args.json:
        print_json({"years": years, "due": len(due)})
        return 0
    print(f"retention: {_rule_words(years)}")
    if years is not None:
        print(f"{len(due):,} lead(s) due now")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    from app.safety.retention import parse_years, write_retention

    years = parse_years(args.years)
    write_retention(open_existing(args), years)
    print(f"retention: {_rule_words(years)}")
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    from app.safety.retention import apply_retention

    progress = Progress()
    result = apply_retention(open_existing(args), dry_run=args.dry_run, progress=progress)
    progress.end()
    if args.json:
        print_json(result.as_json())
        return 1 if result.failed else 0
    if result.years is None:
        print("retention: the rule is off; nothing to do (turn it on with 'medtour retention set YEARS')")
        return 0
    verb = "would anonymise" if result.dry_run else "anonymised"
    print(f"{verb} {len(result.references):,} closed lead(s) untouched for more than {result.years} year(s)"
          + (f": {', '.join(result.references)}" if result.references else ""))
    for reference, reason in result.failed:
        print(f"not anonymised: {reference}: {reason}")
    for note in result.notes:
        print(f"note: {note}")
    return 1 if result.failed else 0


def register(sub, lead_sub) -> None:
    p = sub.add_parser("retention", help="how long a closed lead keeps its personal data (off until set)")
    p.set_defaults(group_parser=p)
    # type(p) is the command parser class of app.cli.parser, which takes --db as well.
    rsub = p.add_subparsers(dest="retention_command", metavar="show|set|apply", parser_class=type(p))
    q = rsub.add_parser("show", help="the rule and how many leads it makes due now")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_show)
    q = rsub.add_parser("set", help="anonymise closed leads untouched for more than YEARS years, or 'off'")
    q.add_argument("years", metavar="YEARS|off")
    q.set_defaults(handler=cmd_set)
    q = rsub.add_parser("apply", help="anonymise the leads the rule makes due now")
    q.add_argument("--dry-run", action="store_true", help="list them, change nothing")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_apply)
