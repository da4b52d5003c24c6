"""`medtour check`: is the database sound, and are its facts consistent with each other?

SQLite's own checks first (every page readable, every foreign key pointing somewhere, the search
index agreeing with the leads), then the rules the app keeps: statuses the pipeline knows,
references unique and well formed, phone numbers in E.164, versions from 1, erased leads holding
nothing personal. Each problem is said in plain words with a count and a few examples.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.domain.lead_records import INTERACTION_KINDS
from app.domain.pipeline import ALL_STATUSES
from app.safety.erasure import ERASED_NAME, ERASURE_NOTES
from db.engine import Database
from db.models import FieldEdit, Interaction, Lead, LeadPhone, StatusChange

REFERENCE_PATTERN = re.compile(r"^L-\d{4}-\d{5,}$")
E164_PATTERN = re.compile(r"^\+[1-9]\d{5,14}$")
#: How many examples a finding names.
EXAMPLES = 5


@dataclass(frozen=True)
class Finding:
    check: str
    message: str


@dataclass
class CheckReport:
    location: str
    checks: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def add(self, check: str, message: str) -> None:
        self.findings.append(Finding(check, message))


def _examples(values: Sequence[object]) -> str:
    shown = ", ".join(str(v) for v in values[:EXAMPLES])
    more = f" and {len(values) - EXAMPLES} more" if len(values) > EXAMPLES else ""
    return f"{shown}{more}"


_SINGULAR_VERBS = {"have": "has", "are": "is", "go": "goes", "point": "points", "hold": "holds"}


def _subject(count: int, noun: str, verb: str) -> str:
    """'1 lead has' / '3 leads have': a count, its noun and a plural verb made to agree."""
    if count == 1:
        return f"1 {noun} {_SINGULAR_VERBS.get(verb, verb)}"
    return f"{count} {noun}s {verb}"


# ------------------------------------------------------------------ SQLite's own checks


def _sqlite_integrity(conn: Connection, report: CheckReport) -> bool:
    report.checks.append("integrity")
    rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check(20)"))]
    if rows != ["ok"]:
        report.add("integrity", "the file is damaged: " + "; ".join(rows) + " — restore a backup (medtour restore)")
        return False
    return True


def _foreign_keys(conn: Connection, report: CheckReport) -> None:
    report.checks.append("foreign keys")
    broken: dict[tuple[str, str], list[int]] = {}
    for table, rowid, parent, _fk in conn.execute(text("PRAGMA foreign_key_check")):
        broken.setdefault((table, parent), []).append(rowid)
    for (table, parent), rows in sorted(broken.items()):
        report.add("foreign keys", f"{table}: {_subject(len(rows), 'row', 'point')} to missing {parent} (rows {_examples(rows)})")


def _search_index(conn: Connection, report: CheckReport) -> None:
    report.checks.append("search index")
    try:
        # With rank 1, FTS5 also compares every index entry with the leads it was built from.
        conn.execute(text("INSERT INTO lead_fts(lead_fts, rank) VALUES ('integrity-check', 1)"))
    except DBAPIError as exc:
        report.add(
            "search index",
            f"the search index does not match the leads ({exc.orig}); rebuild it with "
            "INSERT INTO lead_fts(lead_fts) VALUES ('rebuild') or restore a backup",
        )


# ------------------------------------------------------------------ the app's rules


def _statuses(session: Session, report: CheckReport) -> None:
    report.checks.append("statuses")
    known = [s.value for s in ALL_STATUSES]
    for status, count in session.execute(
        select(Lead.status, func.count()).where(Lead.status.not_in(known)).group_by(Lead.status)
    ):
        report.add("statuses", f"{_subject(count, 'lead', 'have')} the status '{status}', which the pipeline does not know")
    for column, label in ((StatusChange.to_status, "to"), (StatusChange.from_status, "from")):
        for changed, count in session.execute(
            select(column, func.count()).where(column.is_not(None), column.not_in(known)).group_by(column)
        ):
            report.add("statuses", f"{_subject(count, 'status change', 'go')} {label} '{changed}', which the pipeline does not know")


def _references(session: Session, report: CheckReport) -> None:
    report.checks.append("references")
    bad = [ref for ref in session.scalars(select(Lead.reference).order_by(Lead.id)) if not REFERENCE_PATTERN.match(ref or "")]
    if bad:
        report.add("references",
                   f"{_subject(len(bad), 'reference', 'are')} not of the form L-YYYY-NNNNN ({_examples([repr(b) for b in bad])})")
    duplicated = list(session.scalars(
        select(Lead.reference).group_by(Lead.reference).having(func.count() > 1).order_by(Lead.reference)
    ))
    if duplicated:
        report.add("references", f"{_subject(len(duplicated), 'reference', 'are')} used by more than one lead ({_examples(duplicated)})")


def _phones(session: Session, report: CheckReport) -> None:
    report.checks.append("phones")
    malformed: list[str] = []
    valid_without: list[str] = []
    for reference, e164, valid in session.execute(
        select(Lead.reference, LeadPhone.e164, LeadPhone.valid).join(Lead, Lead.id == LeadPhone.lead_id).order_by(LeadPhone.id)
    ):
        if e164 is not None and not E164_PATTERN.match(e164):
            malformed.append(reference)
        elif e164 is None and valid:
            valid_without.append(reference)
    if malformed:
        report.add("phones", f"{_subject(len(malformed), 'phone number', 'are')} stored in a broken international form, "
                             f"not +<digits> (leads {_examples(malformed)})")
    if valid_without:
        report.add("phones", f"{_subject(len(valid_without), 'phone number', 'are')} marked valid but have no international "
                             f"form (leads {_examples(valid_without)})")


def _versions(session: Session, report: CheckReport) -> None:
    report.checks.append("versions")
    bad = list(session.scalars(select(Lead.reference).where((Lead.version < 1) | Lead.version.is_(None)).order_by(Lead.id)))
    if bad:
        report.add("versions", f"{_subject(len(bad), 'lead', 'have')} an edit version below 1, so saves cannot be checked "
                               f"for conflicts ({_examples(bad)})")


def _interactions(session: Session, report: CheckReport) -> None:
    report.checks.append("interactions")
    for kind, count in session.execute(
        select(Interaction.kind, func.count()).where(Interaction.kind.not_in(list(INTERACTION_KINDS))).group_by(Interaction.kind)
    ):
        report.add("interactions", f"{_subject(count, 'interaction', 'are')} of an unknown kind '{kind}'")


def _erased(session: Session, report: CheckReport) -> None:
    report.checks.append("erasures")
    erased = select(Lead.id).where(Lead.erased_at.is_not(None))
    leftovers = list(session.scalars(
        select(Lead.reference).where(
            Lead.erased_at.is_not(None),
            (Lead.full_name != ERASED_NAME) | Lead.email.is_not(None) | Lead.diagnosis.is_not(None)
            | Lead.latin_name.is_not(None) | (Lead.search_text != ""),
        ).order_by(Lead.id)
    ))
    phones = session.scalar(select(func.count()).select_from(LeadPhone).where(LeadPhone.lead_id.in_(erased))) or 0
    notes = session.scalar(
        select(func.count()).select_from(Interaction).where(Interaction.lead_id.in_(erased), Interaction.notes.is_not(None),
                                                             Interaction.notes.not_in(ERASURE_NOTES))
    ) or 0
    edits = session.scalar(
        select(func.count()).select_from(FieldEdit).where(
            FieldEdit.lead_id.in_(erased), FieldEdit.old_value.is_not(None) | FieldEdit.new_value.is_not(None)
        )
    ) or 0
    if leftovers:
        report.add("erasures",
                   f"{_subject(len(leftovers), 'erased lead', 'have')} personal details left ({_examples(leftovers)}); erase them again")
    if phones or notes or edits:
        report.add("erasures", f"erased leads still have {phones} phone(s), {notes} interaction note(s) and {edits} recorded "
                               "edit value(s); erase them again")


_APP_CHECKS = (_statuses, _references, _phones, _versions, _interactions, _erased)


def check_database(db: Database) -> CheckReport:
    """Run every check; the report says what is wrong in plain words (report.ok when nothing is)."""
    report = CheckReport(db.location)
    if db.is_sqlite:
        with db.engine.connect() as conn:  # rolled back on exit: the FTS check is an INSERT that changes nothing
            if not _sqlite_integrity(conn, report):
                return report  # a damaged file: the other checks would only repeat it
            _foreign_keys(conn, report)
            _search_index(conn, report)
    else:
        report.notes.append("page-level and search-index checks are SQLite's; PostgreSQL checks its own pages (amcheck)")
    with db.read() as session:
        for check in _APP_CHECKS:
            check(session, report)
    return report
