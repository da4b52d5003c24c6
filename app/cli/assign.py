"""`medtour assign REF LOGIN | --pool`: give a lead to someone (or back to the unassigned pool);
and who "me" is for `medtour leads --mine`."""
from __future__ import annotations

import argparse

from app.cli.database import open_existing
from db.engine import Database


def _me(db: Database) -> int | None:
    """The person working at this command line: the one `--mine` lists and reassignments name."""
    from app.domain.working_profile import working_profile_id

    return working_profile_id(db)


def person_id(db: Database, login: str) -> int:
    """A person by PostgreSQL login; on SQLite (no logins) also by name or id. UserError otherwise."""
    from sqlalchemy import func, select

    from app.domain.errors import NotFoundError
    from db.models import Coordinator

    wanted = login.strip()
    with db.read() as session:
        found = session.scalar(select(Coordinator.id).where(Coordinator.login == wanted))
        if found is None and db.is_sqlite:
            if wanted.isdigit():
                found = session.scalar(select(Coordinator.id).where(Coordinator.id == int(wanted)))
            if found is None:
                matches = session.scalars(select(Coordinator.id).where(
                    func.lower(Coordinator.name) == wanted.lower(), Coordinator.active.is_(True))).all()
                if len(matches) > 1:
                    raise NotFoundError(f"more than one person is called '{wanted}'; give their id")
                found = matches[0] if matches else None
    if found is None:
        where = "login, name or id" if db.is_sqlite else "login"
        raise NotFoundError(f"no person with the {where} '{wanted}' (see `medtour user list`)")
    return found


def cmd_assign(args: argparse.Namespace) -> int:
    from app.domain.assignment import reassign
    from app.domain.errors import ValidationError
    from app.domain.leads import get_lead

    if args.pool == bool(args.login):
        raise ValidationError("give the LOGIN of the person to assign to, or --pool (not both)")
    db = open_existing(args)
    before = get_lead(db, args.lead, with_history=False)
    target = None if args.pool else person_id(db, args.login)
    changes = reassign(db, [before.id], target, actor_id=_me(db))
    after = get_lead(db, before.id, with_history=False)
    was = before.coordinator.name if before.coordinator else "the pool"
    now = after.coordinator.name if after.coordinator else "the pool"
    if changes.is_empty:
        print(f"{after.reference} is already with {now}")
    elif after.coordinator is None:
        print(f"{after.reference} moved to the pool (was {was})")
    else:
        print(f"{after.reference} assigned to {now} (was {was})")
    return 0


def cmd_reassign(args: argparse.Namespace) -> int:
    from app.domain.assignment import reassign_matching
    from app.domain.errors import ValidationError
    from app.domain.lead_search import make_filter
    from db.lead_queries import UNASSIGNED

    if args.pool == bool(args.login):
        raise ValidationError("give the LOGIN of the person to assign to, or --pool (not both)")
    if not (args.search or args.status or args.country or args.source or args.from_login or args.from_pool):
        raise ValidationError("say which leads: --search, --status, --country, --source, --from LOGIN or --from-pool "
                              "(to move one lead: medtour assign REF LOGIN)")
    db = open_existing(args)
    owner = UNASSIGNED if args.from_pool else (person_id(db, args.from_login) if args.from_login else None)
    query = make_filter(args.search, statuses=args.status or (), coordinator_id=owner, country=args.country,
                        source=args.source)
    target = None if args.pool else person_id(db, args.login)
    changes = reassign_matching(db, query, target, actor_id=_me(db))
    count = len(changes.lead_ids)
    to = "the pool" if target is None else args.login
    print(f"{count:,} lead{'' if count == 1 else 's'} moved to {to}" + ("" if count else " (none matched, or all were theirs)"))
    return 0


def register(sub, _lead_sub) -> None:
    p = sub.add_parser("assign", help="give a lead to a person (or --pool: back to the unassigned pool)")
    p.add_argument("lead", metavar="REF", help="the lead's reference or id")
    p.add_argument("login", metavar="LOGIN", nargs="?", help="their login (on a solo file also their name or id)")
    p.add_argument("--pool", action="store_true", help="unassign: the lead waits in the pool")
    p.set_defaults(handler=cmd_assign)
    p = sub.add_parser("reassign", help="give every lead matching a filter to a person (or --pool); managers")
    p.add_argument("login", metavar="LOGIN", nargs="?", help="their login (on a solo file also their name or id)")
    p.add_argument("--pool", action="store_true", help="unassign them: the leads wait in the pool")
    p.add_argument("--search", metavar="TEXT", help="as the list's search box (name, phone, email, reference)")
    p.add_argument("--status", action="append", metavar="STATUS", help="only leads in this status (repeatable)")
    p.add_argument("--country", metavar="CC", help="only patients from this country (ISO code, e.g. EG)")
    p.add_argument("--source", metavar="SOURCE", help="only leads from this source")
    owner = p.add_mutually_exclusive_group()
    owner.add_argument("--from", dest="from_login", metavar="LOGIN", help="only leads assigned to this person now")
    owner.add_argument("--from-pool", action="store_true", help="only leads waiting in the pool")
    p.set_defaults(handler=cmd_reassign)
