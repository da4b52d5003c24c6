"""Two importers at once, in two real processes, on one database (a SQLite file and the suite's
PostgreSQL): no lead lost or made twice, each with one coordinator, dealt fairly."""
from __future__ import annotations

import multiprocessing
from collections import Counter

import pytest
from sqlalchemy import func, select

from app.domain.leads import ensure_default_coordinator
from db.models import Coordinator, Lead

PER_WORKER = 40


def _create_worker(url: str, tag: str, count: int, queue) -> None:
    """One lead at a time through create_lead, as the New lead window and `lead add` do."""
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead
    from app.storage import open_database

    db = open_database(url)
    errors = []
    for n in range(count):
        try:
            create_lead(db, LeadInput(full_name=f"{tag} {n}", email=f"{tag}{n}@example.com"))
        except Exception as exc:  # noqa: BLE001 - the test reports every failure
            errors.append(f"{type(exc).__name__}: {exc}")
    db.dispose()
    queue.put(errors)


def _import_worker(url: str, csv_path: str, queue) -> None:
    """The real CSV import (the batch writer, one transaction)."""
    from app.domain.lead_import import import_csv
    from app.storage import open_database

    db = open_database(url)
    try:
        report = import_csv(db, csv_path)
        queue.put([] if report.imported == PER_WORKER else [f"imported {report.imported}"])
    except Exception as exc:  # noqa: BLE001 - the test reports every failure
        queue.put([f"{type(exc).__name__}: {exc}"])
    finally:
        db.dispose()


def _url(db) -> str:
    return str(db.path) if db.path else db.url.render_as_string(hide_password=False)


def _team(db) -> list[int]:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    ensure_default_coordinator(db, now)
    with db.write() as session:
        people = [Coordinator(name=name, role="coordinator", languages=[], countries=[], is_default=False,
                              active=True, created_at=now) for name in ("Omar", "Mona", "Ivan")]
        session.add_all(people)
        session.flush()
        return [p.id for p in people]


def _run(workers) -> list[list[str]]:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    processes = [ctx.Process(target=target, args=(*args, queue)) for target, args in workers]
    for p in processes:
        p.start()
    results = [queue.get(timeout=300) for _ in processes]
    for p in processes:
        p.join(timeout=60)
    return results


def _check(db, coordinators: list[int], expected: int) -> None:
    with db.read() as session:
        total = session.scalar(select(func.count(Lead.id)))
        distinct_refs = session.scalar(select(func.count(func.distinct(Lead.reference))))
        names = session.scalars(select(Lead.full_name)).all()
        owners = Counter(session.scalars(select(Lead.coordinator_id)).all())
        without_reason = session.scalar(select(func.count(Lead.id)).where(Lead.assignment_reason.is_(None)))
    assert total == expected == distinct_refs, "every lead exists once, with its own reference"
    assert len(set(names)) == expected
    assert set(owners) <= set(coordinators), f"only the coordinators are dealt leads: {owners}"
    assert sum(owners.values()) == expected and without_reason == 0
    shares = [owners[c] for c in coordinators]
    assert max(shares) - min(shares) <= 1, f"dealt fairly: {shares}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared_db(request):
    return request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "postgres_db")


def test_two_processes_creating_leads_at_once(shared_db):
    coordinators = _team(shared_db)
    url = _url(shared_db)
    results = _run([(_create_worker, (url, "a", PER_WORKER)), (_create_worker, (url, "b", PER_WORKER))])
    assert results == [[], []]
    _check(shared_db, coordinators, 2 * PER_WORKER)


def test_two_imports_and_a_creator_at_once(shared_db, tmp_path):
    coordinators = _team(shared_db)
    url = _url(shared_db)
    files = []
    for tag in ("x", "y"):
        path = tmp_path / f"{tag}.csv"
        path.write_text("Full Name,Email\n" + "".join(f"{tag} {n},{tag}{n}@example.com\n" for n in range(PER_WORKER)),
                        encoding="utf-8")
        files.append(str(path))
    results = _run([(_import_worker, (url, files[0])), (_import_worker, (url, files[1])),
                    (_create_worker, (url, "c", PER_WORKER))])
    assert results == [[], [], []]
    _check(shared_db, coordinators, 3 * PER_WORKER)
