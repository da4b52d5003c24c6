"""The team desk on PostgreSQL with row-level security, against the same figures on SQLite.

    .venv/bin/python -m bench.team_desk [--leads 100000] [--runs 7] [--explain]
    .venv/bin/python -m bench.team_desk --leads 2000 --runs 3     # a quick run

A throwaway PostgreSQL server on loopback (scripts.local_postgres) gets a team database: `team init`,
three coordinators (omar, anna, li) and a manager (mona), the `bench.datasets` demo file of --leads
leads migrated in (`team migrate-from`), then, as the owner, the leads dealt among the three
coordinators by id (one in a hundred left in the unassigned pool) and ANALYZE. Then, signed in as
omar under visibility 'team', as omar under 'own' (row-level security leaves him his third and the
pool) and as mona (a manager, who sees every lead), and on a working copy of the SQLite demo file:

- search keystroke: `find_lead_ids` for each bench.cases.SEARCH_CASES text (the list's default
  order) and `summaries` of the first screen — what one keystroke costs the list; target ≤ 30 ms;
- screen: `summaries` of SCREEN_ROWS ids at the top, middle and end of the whole list (each run
  another screen nearby); target ≤ 16 ms;
- log call: a call logged and the lead moved new → contacted in one transaction
  (`log_interaction(..., move_to="contacted")`) on a new lead the person may change, another lead
  each run; target ≤ 15 ms.

Medians and maxima are over --runs runs (after --warmup untimed). ÷SQLite is the median over
SQLite's median for the same operation. Results: bench/results/team-desk-<time>.json and
team-desk-latest.json. --explain prints EXPLAIN ANALYZE of each search's id query per sign-in.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
DATABASE = "medtour_team_bench"
#: login, name, role, password (a throwaway cluster on loopback).
PEOPLE = (
    ("omar", "Omar Haddad", "coordinator", "omar-bench"),
    ("anna", "Anna Petrova", "coordinator", "anna-bench"),
    ("li", "Li Wei", "coordinator", "li-bench"),
    ("mona", "Mona Salem", "manager", "mona-bench"),
)
PASSWORDS = {login: password for login, _name, _role, password in PEOPLE}
#: Target medians, ms.
TARGETS = {"search": 30.0, "screen": 16.0, "calllog": 15.0}
#: The sign-ins measured: label → (login or None for SQLite, visibility).
SIGN_INS = {
    "postgresql omar team": ("omar", "team"),
    "postgresql omar own": ("omar", "own"),
    "postgresql mona manager": ("mona", "team"),
    "sqlite": (None, None),
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the team database


def build_team(server: Any, solo: Path) -> dict[str, int]:
    """The team database: people, the solo file migrated in, leads dealt, ANALYZE. Login → id."""
    from sqlalchemy import create_engine, text

    from app.domain.team import add_user, team_init
    from app.domain.team_migration import migrate_from
    from db.engine import Database

    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{DATABASE}"')
    team_init(server.url(DATABASE))
    owner = Database(server.url(DATABASE))
    try:
        for login, name, role, password in PEOPLE:
            add_user(owner, login, name=name, role=role, password=password, languages=["en"])
        started = time.perf_counter()
        report = migrate_from(solo, owner)
        log(f"migrated {sum(t.rows for t in report.tables.values()):,} rows in {time.perf_counter() - started:.1f} s")
        with owner.write() as session:
            ids = dict(session.execute(text("SELECT login, id FROM coordinators WHERE login IS NOT NULL")).all())
            session.execute(text(
                "UPDATE leads SET coordinator_id = CASE WHEN id % 100 = 0 THEN NULL "
                "ELSE (ARRAY[:omar, :anna, :li])[id % 3 + 1] END"), {k: ids[k] for k in ("omar", "anna", "li")})
    finally:
        owner.dispose()
    admin.dispose()
    analyze = create_engine(server.url(DATABASE), isolation_level="AUTOCOMMIT")
    with analyze.connect() as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
    analyze.dispose()
    return ids


def set_visibility(server: Any, value: str) -> None:
    from sqlalchemy import text

    from db.engine import Database

    owner = Database(server.url(DATABASE))
    try:
        with owner.write() as session:
            session.execute(text("DELETE FROM app_meta WHERE key = 'team.visibility'"))
            session.execute(text("INSERT INTO app_meta (key, value) VALUES ('team.visibility', :v)"), {"v": value})
    finally:
        owner.dispose()


def new_leads(db: Any, where: str, params: dict[str, Any], limit: int) -> list[int]:
    """New, live leads matching `where`, newest inquiry first (the ones a coordinator calls first)."""
    from sqlalchemy import text

    with db.read() as session:
        return list(session.scalars(text(
            f"SELECT id FROM leads WHERE status = 'new' AND erased_at IS NULL AND ({where}) "
            "ORDER BY inquiry_at DESC, id DESC LIMIT :limit"), {**params, "limit": limit}))


# ---------------------------------------------------------------- the measurements


def measure_desk(db: Any, runs: int, warmup: int, leads_to_call: Iterator[int]) -> dict[str, Any]:
    """Every figure for one sign-in (`db` opened as that person)."""
    from app.domain.lead_search import find_lead_ids, make_filter, summaries
    from app.domain.leads import InteractionInput, log_interaction
    from bench.cases import SCREEN_ROWS, SCROLL_POSITIONS, SEARCH_CASES, SEARCH_SORT, scroll_row
    from bench.measure import repeat

    sort, descending = SEARCH_SORT
    out: dict[str, Any] = {}
    for case, typed in SEARCH_CASES.items():
        flt = make_filter(typed)

        def keystroke(flt=flt) -> int:
            ids = find_lead_ids(db, flt, sort=sort, descending=descending)
            summaries(db, ids[:SCREEN_ROWS])
            return len(ids)

        timing, matches = repeat(keystroke, runs, warmup=warmup)
        ids_timing, _ = repeat(lambda flt=flt: find_lead_ids(db, flt, sort=sort, descending=descending), runs, warmup=0)
        out[f"search.{case}"] = {**timing.to_json(), "rows": matches, "ids_median": ids_timing.median}

    every = find_lead_ids(db, make_filter(None), sort=sort, descending=descending)
    for position in SCROLL_POSITIONS:
        counter = iter(range(10**6))
        screen: list[int] = []

        def pick(position=position, counter=counter, screen=screen) -> None:
            first = scroll_row(position, len(every), run=next(counter))
            screen[:] = every[first:first + SCREEN_ROWS]

        timing, rows = repeat(lambda screen=screen: len(summaries(db, screen)), runs, warmup=warmup, before=pick)
        out[f"screen.{position}"] = {**timing.to_json(), "rows": rows, "list": len(every)}

    current: list[int] = []

    def call() -> None:
        log_interaction(db, current[0], InteractionInput(kind="call", outcome="reached", notes="Discussed the programme",
                                                         duration_seconds=240), move_to="contacted")

    timing, _ = repeat(call, runs, warmup=warmup, before=lambda: current.__setitem__(slice(None), [next(leads_to_call)]))
    out["calllog"] = timing.to_json()
    return out


def explain(server: Any, login: str) -> None:
    """EXPLAIN ANALYZE of each search's id query (the statement `find_lead_ids` runs), as `login`."""
    from sqlalchemy import select

    from app.domain.lead_search import make_filter
    from app.storage import open_database
    from bench.cases import SEARCH_CASES
    from db.lead_queries import apply_filter
    from db.models import Lead

    db = open_database(server.url(DATABASE, user=login, password=PASSWORDS[login]))
    try:
        with db.read() as session:
            for case, typed in {**SEARCH_CASES, "all": ""}.items():
                stmt = apply_filter(select(Lead.id), session, make_filter(typed)).order_by(Lead.inquiry_at.desc(), Lead.id.desc())
                sql = str(stmt.compile(session.get_bind(), compile_kwargs={"literal_binds": True}))
                plan = session.connection().exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + sql).scalars().all()
                print(f"--- {login}: {case} ({typed!r})\n" + "\n".join(plan), flush=True)
    finally:
        db.dispose()


# ---------------------------------------------------------------- the table


def family(key: str) -> str:
    return key.split(".", 1)[0]


def table(results: dict[str, dict[str, Any]]) -> str:
    sqlite = results.get("sqlite", {})
    lines = [f"{'operation':<18} {'sign-in':<24} {'median ms':>10} {'max ms':>9} {'target':>8} {'÷SQLite':>8}  verdict",
             "-" * 90]
    keys = list(next(iter(results.values())).keys())
    for key in keys:
        for label, figures in results.items():
            figure = figures[key]
            target = TARGETS[family(key)]
            base = sqlite.get(key, {}).get("median")
            ratio = f"{figure['median'] / base:7.1f}x" if base and label != "sqlite" else f"{'':>8}"
            verdict = "ok" if figure["median"] <= target else "OVER TARGET"
            extra = f"  ({figure['rows']:,} rows)" if key.startswith("search") else ""
            lines.append(f"{key:<18} {label:<24} {figure['median']:>10.2f} {figure['max']:>9.2f} {'≤' + format(target, 'g'):>8} "
                         f"{ratio}  {verdict}{extra}")
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.team_desk", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--leads", type=int, default=100_000, help="demo leads (default 100,000; 2,000 for a quick run)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per figure")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs before them")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the searches per sign-in")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for the JSON results")
    parser.add_argument("--no-save", action="store_true", help="print the table, write no JSON")
    parser.add_argument("--data-dir", type=Path, help="where the demo files are cached (default bench/data)")
    args = parser.parse_args(argv)

    started_at = datetime.now(UTC)
    scratch = Path(tempfile.mkdtemp(prefix="medtour-team-desk-bench-"))
    os.environ["MEDTOUR_DATA_DIR"] = str(scratch / "app-data")  # backups and logs stay in the scratch folder
    from app.storage import open_database
    from bench.datasets import DATA_DIR, demo_database, describe, remove_database, working_copy
    from scripts.local_postgres import start_server

    solo = demo_database(args.leads, data_dir=args.data_dir or DATA_DIR)
    per_sign_in = args.runs + args.warmup
    results: dict[str, dict[str, Any]] = {}
    server = start_server(prefix="medtour-team-desk-bench-")
    try:
        started = time.perf_counter()
        ids = build_team(server, solo)
        log(f"team database ready in {time.perf_counter() - started:.1f} s")
        owner = open_database(server.url(DATABASE))
        try:  # a different new lead for every call of every sign-in
            omar_leads = new_leads(owner, "coordinator_id = :me OR coordinator_id IS NULL", {"me": ids["omar"]},
                                   2 * per_sign_in)
            mona_leads = new_leads(owner, "coordinator_id = :anna", {"anna": ids["anna"]}, per_sign_in)
        finally:
            owner.dispose()
        calls = {"postgresql omar team": iter(omar_leads[0::2]), "postgresql omar own": iter(omar_leads[1::2]),
                 "postgresql mona manager": iter(mona_leads)}
        for label, (login, visibility) in SIGN_INS.items():
            if login is None:
                continue
            set_visibility(server, visibility)
            if args.explain:
                explain(server, login)
            db = open_database(server.url(DATABASE, user=login, password=PASSWORDS[login]))
            try:
                log(f"measuring {label}")
                results[label] = measure_desk(db, args.runs, args.warmup, calls[label])
            finally:
                db.dispose()
    finally:
        server.stop()

    copy = working_copy(solo, scratch)
    db = open_database(copy)
    try:
        log("measuring sqlite")
        results["sqlite"] = measure_desk(db, args.runs, args.warmup, iter(new_leads(db, "1 = 1", {}, per_sign_in)))
    finally:
        db.dispose()
        remove_database(copy)
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"\nTeam desk, {args.leads:,} leads; median and max over {args.runs} runs (ms); "
          f"omar sees his third and the pool under 'own'\n")
    print(table(results))
    if not args.no_save:
        from bench.run import machine

        entry = {
            "started_at": started_at.isoformat(timespec="seconds"), "machine": machine(),
            "command": "python -m bench.team_desk " + " ".join(argv if argv is not None else sys.argv[1:]),
            "settings": {"leads": args.leads, "runs": args.runs, "warmup": args.warmup},
            "dataset": describe(solo), "targets_ms": TARGETS, "results": results,
        }
        text = json.dumps(entry, indent=1, ensure_ascii=False)
        args.results.mkdir(parents=True, exist_ok=True)
        out = args.results / f"team-desk-{started_at.strftime('%Y%m%d-%H%M%S')}.json"
        out.write_text(text, encoding="utf-8")
        (args.results / "team-desk-latest.json").write_text(text, encoding="utf-8")
        log(f"wrote {out} and team-desk-latest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
