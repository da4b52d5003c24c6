"""`make team-demo`: a throwaway PostgreSQL team on this machine, and a desk signed in as one of it.

Starts a private PostgreSQL cluster in a temporary folder (listening on 127.0.0.1 only), makes a
team database with `team init`, adds a manager and three coordinators who speak different
languages, fills it with demo leads dealt among the coordinators, then opens the desk signed in as
one of them. It prints how to open a second desk as someone else, and removes the cluster when the
first desk closes (Ctrl+C too).

    python scripts/team_demo.py [--leads 300] [--as omar] [--no-desk | --check]

--no-desk sets everything up, prints how to open desks and waits for Enter; --check also signs in
as each person once (as the desk would), says what each may see, and stops.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.local_postgres import PostgresServer, start_server  # noqa: E402 (after the checkout is on the path)

DATABASE = "medtour_team"
#: login, name, role, languages, countries, password (a throwaway cluster: the passwords are printed)
PEOPLE = (
    ("mona", "Mona Salem", "manager", ("en", "ar"), (), "mona-demo"),
    ("omar", "Omar Haddad", "coordinator", ("ar", "en"), ("SA", "AE", "EG"), "omar-demo"),
    ("anna", "Anna Petrova", "coordinator", ("ru", "en"), ("RU", "KZ", "UZ"), "anna-demo"),
    ("li", "Li Wei", "coordinator", ("zh", "en"), ("CN",), "li-demo"),
)


def build_team(server: PostgresServer, leads: int) -> str:
    """The team database on `server`, with its people and `leads` demo leads; its owner's URL."""
    from sqlalchemy import create_engine, select

    from app.domain.demo_data import generate_demo
    from app.domain.team import add_user, team_init
    from db.engine import Database
    from db.models import Coordinator

    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{DATABASE}"')
    admin.dispose()
    owner_url = server.url(DATABASE)
    team_init(owner_url)
    owner = Database(owner_url)
    try:
        for n, (login, name, role, languages, _countries, password) in enumerate(PEOPLE, start=1):
            number = f"+97150123450{n}"  # the agency's Dubai office, one mobile each
            add_user(owner, login, name=name, role=role, password=password, languages=languages,
                     email=f"{login}@medtour.example", phone=number, whatsapp=number)
        with owner.write() as session:
            for login, _name, _role, _languages, countries, _password in PEOPLE:
                person = session.scalars(select(Coordinator).where(Coordinator.login == login)).one()
                person.countries = list(countries)
            coordinators = list(session.scalars(select(Coordinator.id).where(Coordinator.role == "coordinator")
                                                .order_by(Coordinator.id)))
        generate_demo(owner, leads, seed=7, people=coordinators)
        _fresh_inquiries(owner)
    finally:
        owner.dispose()
    return owner_url


#: New inquiries of the last hours, dealt by the team's rule (language, then country, then turn).
FRESH = (
    ("عبدالله القحطاني", "+966501234567", "SA", "ar", 25), ("Ольга Смирнова", "+79161234567", "RU", "ru", 50),
    ("王芳", "+8613812345678", "CN", "zh", 80), ("Aigerim Nurlanovna", "+77011234567", "KZ", "ru", 140),
    ("Chukwuemeka Obi", "+2348031234567", "NG", "en", 170), ("Fatma Yılmaz", "+905321234567", "TR", "tr", 200),
)


def _fresh_inquiries(owner) -> None:
    from datetime import timedelta

    from app.domain.clock import utc_now
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead

    now = utc_now()
    for name, phone, country, language, minutes_ago in FRESH:
        create_lead(owner, LeadInput(full_name=name, phones=[(phone, "mobile")], country=country, language=language,
                                     source="website", diagnosis="Relapsed lymphoma, asking about CAR-T",
                                     inquiry_at=now - timedelta(minutes=minutes_ago)))


def check(server: PostgresServer) -> None:
    """Sign in as each person, as the desk does, and say how many leads each sees."""
    from sqlalchemy import func, select

    from app.domain.working_profile import working_profile_in
    from app.storage import open_database
    from db.models import Coordinator, Lead

    for login, name, role, _languages, _countries, password in PEOPLE:
        db = open_database(server.url(DATABASE, user=login, password=password))
        try:
            with db.read() as session:
                me = session.get(Coordinator, working_profile_in(session))
                seen = session.scalar(select(func.count()).select_from(Lead))
                mine = session.scalar(select(func.count()).select_from(Lead).where(Lead.coordinator_id == me.id))
        finally:
            db.dispose()
        assert me is not None and me.name == name, f"{login} signed in as {me and me.name}"
        print(f"  {login:<5} signed in as {name} ({role}): sees {seen:,} leads, {mine:,} assigned to them")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="team-demo", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--leads", type=int, default=300, help="how many demo leads (default 300)")
    parser.add_argument("--as", dest="login", default="omar", choices=[p[0] for p in PEOPLE],
                        help="who the desk signs in as (default omar)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--no-desk", action="store_true", help="set up, print how to open desks, wait for Enter")
    mode.add_argument("--check", action="store_true", help="set up, sign in as each person once, and stop")
    args = parser.parse_args(argv)

    server = start_server(prefix="medtour-team-demo-")
    try:
        build_team(server, args.leads)
        print(f"A team database with {args.leads:,} demo leads runs on 127.0.0.1:{server.port} (this machine only).")
        print("People (login / password / role):")
        for login, name, role, _languages, _countries, password in PEOPLE:
            print(f"  {login:<5} {password:<10} {role:<12} {name}")
        if args.check:
            check(server)
            return 0
        person = next(p for p in PEOPLE if p[0] == args.login)
        other = next(p for p in PEOPLE if p[0] != args.login and p[2] == "coordinator")
        print("Open a second desk as someone else, in another terminal:")
        print(f"  PGPASSWORD={other[5]} {sys.executable} -m app --db {server.url(DATABASE, user=other[0])}")
        if args.no_desk:
            print(f"and this one as {person[1]}:")
            print(f"  PGPASSWORD={person[5]} {sys.executable} -m app --db {server.url(DATABASE, user=person[0])}")
            input("Press Enter to stop the demo server… ")
            return 0
        print(f"Opening the desk as {person[1]} ({person[2]}). Closing it stops the demo server.")
        env = dict(os.environ, PGPASSWORD=person[5])
        return subprocess.call([sys.executable, "-m", "app", "--db", server.url(DATABASE, user=person[0])],
                               env=env, cwd=ROOT)
    except KeyboardInterrupt:
        return 130
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
