"""Who may change the partner catalogue, and a change published in words.

Solo (SQLite), whoever is working may. In team mode only an admin may: the server grants INSERT
on catalogue_revisions to the admin group alone (db.team_policies), and the desk and the command
line ask the same question first (app.domain.team_roles, EDIT_CONTENT) so that a coordinator sees
one clear sentence, and the GUI can grey the editor out, before the server would refuse. Should
the server refuse anyway (a role changed meanwhile), its permission error becomes the same
sentence.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from app.domain.catalogue import Catalogue, catalogue_in, document_sha256, publish_catalogue
from app.domain.clock import Clock, utc_now
from app.domain.errors import UserError
from app.domain.team_roles import Permission, may
from app.domain.working_profile import is_team_database, working_profile_in
from db.case_models import CatalogueRevision
from db.engine import Database
from db.errors import Condition, classify
from db.models import Coordinator

__all__ = ["ONLY_ADMINS", "CatalogueChangedError", "CatalogueRefusedError", "EditRight", "RevisionEntry", "catalogue_changes",
           "change_catalogue", "changed_line", "describe_changes", "edit_right", "revision_entries"]

ONLY_ADMINS = "only an admin may change the catalogue"


class CatalogueRefusedError(UserError):
    """The person's role may not publish a catalogue revision."""


class CatalogueChangedError(UserError):
    """Someone published a revision after the one an edit started from."""


@dataclass(frozen=True)
class EditRight:
    """May the person at this desk publish a revision? `reason` says why not."""

    allowed: bool
    actor_id: int | None
    role: str | None = None
    reason: str | None = None


def edit_right(db: Database, actor_id: int | None = None) -> EditRight:
    """Whether the person working (`actor_id`, else who is working) may change the catalogue."""
    with db.read() as session:
        actor = working_profile_in(session, actor_id)
        if not is_team_database(session):
            return EditRight(True, actor)
        role = session.scalar(select(Coordinator.role).where(Coordinator.id == actor)) if actor is not None else None
    if role is None:  # signed in as the database's owner (not a member): the server decides
        return EditRight(True, None)
    if may(role, Permission.EDIT_CONTENT):
        return EditRight(True, actor, role)
    return EditRight(False, actor, role, f"{ONLY_ADMINS}; your role is {role}")


def change_catalogue(db: Database, document: Mapping[str, Any], *, note: str | None = None, actor_id: int | None = None,
                     clock: Clock = utc_now, check_role: bool = True,
                     based_on: int | None = None) -> tuple[Catalogue, bool]:
    """Publish `document` as the next revision under the person working: (the catalogue, whether a
    revision was stored). Nothing is stored when the document is the newest revision already, when
    it is invalid (ValidationError, the parser's words) or when the role may not
    (CatalogueRefusedError, asked before trying and mapped from the server's refusal), or when the
    edit started from revision `based_on` and another has been published since (CatalogueChangedError)."""
    right = edit_right(db, actor_id)
    if check_role and not right.allowed:
        raise CatalogueRefusedError(right.reason or ONLY_ADMINS)
    with db.read() as session:
        before = catalogue_in(session)
    if based_on is not None and before is not None and before.revision != based_on:
        raise CatalogueChangedError(f"the catalogue was changed meanwhile (revision {before.revision}); nothing was "
                                    f"saved: reload it and make the change again")
    try:
        published = publish_catalogue(db, document, actor_id=right.actor_id, note=note, clock=clock)
    except DBAPIError as error:
        if classify(error) is Condition.PERMISSION_DENIED:
            raise CatalogueRefusedError(ONLY_ADMINS) from error
        raise
    stored = before is None or published.revision != before.revision
    return published, stored


# ---------------------------------------------------------------- what changed, in words


def _entries(document: Mapping[str, Any], group: str) -> Mapping[str, Any]:
    value = document.get(group) or {}
    return value if isinstance(value, Mapping) else {}


def _label(group: str, key: str, entry: Any) -> str:
    if group == "hospitals" and isinstance(entry, Mapping) and entry.get("name"):
        return str(entry["name"])
    return key


def catalogue_changes(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[str]:
    """What differs between two documents, one phrase each: "Beijing Riverside: airport, hotline",
    "offer riverside_b_all: medical", "new hospital Ruijin", "removed offer x"."""
    if old is None:
        return ["first revision"]
    if document_sha256(old) == document_sha256(new):
        return []
    out: list[str] = []
    singular = {"records": "record", "exclusions": "exclusion", "indications": "indication",
                "hospitals": "hospital", "offers": "offer"}
    for group, word in singular.items():
        before, after = _entries(old, group), _entries(new, group)
        for key, entry in after.items():
            if key not in before:
                out.append(f"new {word} {_label(group, key, entry)}")
                continue
            was = before[key]
            if document_sha256({"x": was}) == document_sha256({"x": entry}):
                continue
            fields = _changed_fields(was, entry)
            name = _label(group, key, entry) if group == "hospitals" else f"{word} {key}"
            out.append(f"{name}: {', '.join(fields)}" if fields else name)
        out += [f"removed {word} {_label(group, key, before[key])}" for key in before if key not in after]
    return out


def _changed_fields(was: Any, now: Any) -> list[str]:
    if not (isinstance(was, Mapping) and isinstance(now, Mapping)):
        return []
    fields = []
    for name in list(now) + [k for k in was if k not in now]:
        if document_sha256({"x": was.get(name)}) != document_sha256({"x": now.get(name)}):
            if name == "international" and isinstance(was.get(name), Mapping) and isinstance(now.get(name), Mapping):
                fields += [f"international {k}" if k != "hotline" else "24/7 line"
                           for k in _changed_fields(was[name], now[name])]
            else:
                fields.append(name.replace("_", " "))
    return fields


def describe_changes(old: Mapping[str, Any] | None, new: Mapping[str, Any], *, limit: int = 6) -> str:
    """A note for the revision, made from what changed ("Beijing Riverside: airport; offer x: medical")."""
    changes = catalogue_changes(old, new)
    if not changes:
        return "no change"
    shown = changes[:limit]
    more = len(changes) - len(shown)
    return "; ".join(shown) + (f"; and {more} more" if more else "")


# ---------------------------------------------------------------- the revisions, for people


@dataclass(frozen=True)
class RevisionEntry:
    revision: int
    changed_at: datetime
    changed_by: str | None  # the person's name (None: the database's owner, or a person since removed)
    changed_by_id: int | None
    note: str | None
    sha256: str


def revision_entries(db: Database) -> list[RevisionEntry]:
    """Every revision, newest first, with who made it by name (the documents left out)."""
    with db.read() as session:
        rows = session.execute(
            select(CatalogueRevision.revision, CatalogueRevision.changed_at, Coordinator.name, CatalogueRevision.changed_by,
                   CatalogueRevision.note, CatalogueRevision.sha256)
            .outerjoin(Coordinator, Coordinator.id == CatalogueRevision.changed_by)
            .order_by(CatalogueRevision.revision.desc())).all()
    return [RevisionEntry(*row) for row in rows]


def changed_line(catalogue: Catalogue, entries: list[RevisionEntry] | None = None, db: Database | None = None) -> str:
    """"Revision 3, changed 2026-11-25 09:00 by Adam" (local time), or "Not stored yet" for the seed file."""
    if not catalogue.revision:
        return "The seed file, not stored in the database yet"
    if entries is None and db is not None:
        entries = revision_entries(db)
    who = next((e.changed_by for e in entries or () if e.revision == catalogue.revision), None)
    when = catalogue.changed_at.astimezone().strftime("%Y-%m-%d %H:%M") if catalogue.changed_at else "—"
    return f"Revision {catalogue.revision}, changed {when}" + (f" by {who}" if who else "")
