"""The catalogue as a TOML file, out and in: `medtour catalogue export | import` and the editor's
Export…/Import… buttons.

Export writes the newest revision in the shape of resources/content/hospitals.toml (the five
groups in order, each entry its own table, doctors as [[hospitals.<key>.doctors]]; tomli_w's layout
otherwise); reading the file back gives the same document, to the same SHA-256. Import checks a
file with the catalogue's own parser and publishes it as a new revision ("imported <file>", under
the person working); an invalid file is refused with the parser's words and nothing is stored, and
a file holding the newest revision already stores nothing.
"""
from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from app.domain.atomic_file import atomic_write
from app.domain.catalogue import Catalogue, catalogue_in, current_catalogue, read_catalogue_file
from app.domain.catalogue_edit import change_catalogue
from app.domain.clock import Clock, utc_now
from app.domain.errors import ValidationError
from app.domain.output_path import check_output_path
from db.case_models import CatalogueRevision
from db.engine import Database

__all__ = ["GROUPS", "ImportResult", "catalogue_document", "catalogue_toml", "export_catalogue", "import_catalogue",
           "parse_catalogue_toml"]

#: The document's groups, in the seed file's order, with the line that introduces each.
GROUPS: tuple[tuple[str, str], ...] = (
    ("records", "The medical records an offer may ask for: `label` in English, `labels` per language."),
    ("exclusions", "Clinical findings that rule an offer out (`patterns` suggest them from the diagnosis)."),
    ("indications", "Conditions within a diagnosis category, recognised in the diagnosis text by `patterns`."),
    ("hospitals", "Partner hospitals, their international department and their doctors."),
    ("offers", "Programs as one hospital offers them: product, approval, records, line items (min–max), journey."),
)

_HEADER = """\
# The partner catalogue of MedTour Desk: hospitals, their doctors, and the programs each offers.
# Read back with `medtour catalogue import FILE` (or the catalogue editor's Import…), which stores
# it as a new revision. The layout is that of resources/content/hospitals.toml.
"""


def _without_nothing(value: Any) -> Any:
    """TOML has no null: keys whose value is None are left out (the parser reads them as absent)."""
    if isinstance(value, Mapping):
        return {k: _without_nothing(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_without_nothing(v) for v in value if v is not None]
    return value


MAX_LINE = 100


def _scalar(value: Any) -> str:
    return tomli_w.dumps({"v": value})[4:].rstrip("\n")


def _key(key: str) -> str:
    return tomli_w.dumps({key: 0}).rsplit(" = ", 1)[0]


def _inline(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }" if value else "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return _scalar(value)


def _by_language(value: Mapping[str, Any]) -> bool:
    """Labels by language ({ ru = "…", ar = "…" }): kept on one line, as the seed file has them."""
    return bool(value) and all(isinstance(v, str) and len(k) <= 3 for k, v in value.items())


def _on_one_line(name: str, key: str, value: Mapping[str, Any]) -> bool:
    """A table inside an entry written inline: labels by language, an empty one, or a short flat one."""
    if _by_language(value) or (not value and name):
        return True
    flat = all(not isinstance(v, (Mapping, list, tuple)) for v in value.values())
    return flat and name.count(".") >= 1 and len(f"{_key(key)} = {_inline(value)}") <= MAX_LINE


def _array(key: str, items: list[Any]) -> str:
    line = f"{_key(key)} = {_inline(items)}"
    if len(line) <= MAX_LINE:
        return line
    return f"{_key(key)} = [\n" + "".join(f"    {_inline(item)},\n" for item in items) + "]"


def _table_chunks(name: str, table: Mapping[str, Any], *, in_array: bool = False) -> list[str]:
    """One table as text: its header and plain values, then its sub-tables and arrays of tables."""
    lines: list[str] = []
    later: list[str] = []
    for key, value in table.items():
        full = f"{name}.{_key(key)}" if name else _key(key)
        if isinstance(value, Mapping):
            if _on_one_line(name, key, value):
                lines.append(f"{_key(key)} = {_inline(value)}")
            else:
                later += _table_chunks(full, value)
        elif isinstance(value, (list, tuple)) and value and all(isinstance(v, Mapping) for v in value):
            if all(len(f"    {_inline(v)},") <= MAX_LINE for v in value):
                lines.append(_array(key, list(value)))
            else:
                for item in value:
                    later += _table_chunks(full, item, in_array=True)
        elif isinstance(value, (list, tuple)):
            lines.append(_array(key, list(value)))
        else:
            lines.append(f"{_key(key)} = {_scalar(value)}")
    chunks = []
    if in_array:
        chunks.append(f"[[{name}]]\n" + "".join(line + "\n" for line in lines))
    elif name and (lines or not later):
        chunks.append(f"[{name}]\n" + "".join(line + "\n" for line in lines))
    elif lines:
        chunks.append("".join(line + "\n" for line in lines))
    return chunks + later


def catalogue_toml(document: Mapping[str, Any], *, revision: int | None = None, changed_at: datetime | None = None,
                   note: str | None = None) -> str:
    """The document as TOML text: a header, then each group under a comment line."""
    clean = _without_nothing(document)
    parts = [_HEADER]
    if revision:
        when = f", {changed_at:%Y-%m-%d %H:%M} UTC" if changed_at else ""
        parts.append(f"# Revision {revision}{when}" + (f": {' '.join(note.split())}" if note else "") + "\n")
    known = {name for name, _ in GROUPS}
    groups = [(name, intro) for name, intro in GROUPS if name in clean]
    groups += [(name, "") for name in clean if name not in known]
    for name, intro in groups:
        parts.append("\n# " + "-" * 70 + f"\n# {intro or name}\n\n")
        value = clean[name]
        chunks = _table_chunks(name, value) if isinstance(value, Mapping) else [f"{_key(name)} = {_inline(value)}\n"]
        parts.append("\n".join(chunks))
    return "".join(parts)


def parse_catalogue_toml(text: str, *, source: str = "the file") -> dict[str, Any]:
    """TOML text as a catalogue document (not yet checked)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValidationError(f"{source} is not valid TOML: {error}") from None


def catalogue_document(db: Database) -> tuple[dict[str, Any], CatalogueRevision | None]:
    """The newest stored document and its row (seeding an empty database first)."""
    current_catalogue(db)
    from sqlalchemy import select

    with db.read() as session:
        row = session.scalars(select(CatalogueRevision).order_by(CatalogueRevision.revision.desc()).limit(1)).first()
        if row is not None:
            session.expunge(row)
    if row is None:  # a team member who may not seed it: the seed file's document
        from app.domain.catalogue import seed_document

        return seed_document(), None
    return dict(row.document), row


def export_catalogue(db: Database, path: str | Path | None = None, *, force: bool = False) -> str:
    """The newest revision as TOML; written (atomically) to `path` when given. An existing file is
    refused unless `force`, and the database file itself always."""
    document, row = catalogue_document(db)
    text = catalogue_toml(document, revision=row.revision if row else None, changed_at=row.changed_at if row else None,
                          note=row.note if row else None)
    if path is not None:
        target = check_output_path(path, database=db.path, force=force, what="the catalogue")
        with atomic_write(target) as handle:
            handle.write(text)
    return text


@dataclass(frozen=True)
class ImportResult:
    catalogue: Catalogue
    stored: bool  # False: the file holds the newest revision already
    previous: int  # the revision before (0 for none)


def import_catalogue(db: Database, path: str | Path, *, note: str | None = None, actor_id: int | None = None,
                     clock: Clock = utc_now) -> ImportResult:
    """Publish the catalogue in `path` as a new revision ("imported <file>", or `note`)."""
    target = Path(path)
    document = read_catalogue_file(target)
    with db.read() as session:
        before = catalogue_in(session)
    published, stored = change_catalogue(db, document, note=note or f"imported {target.name}", actor_id=actor_id,
                                         clock=clock)
    return ImportResult(published, stored, before.revision if before else 0)
