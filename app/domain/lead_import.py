"""Importing inquiries from CSV files: every row ends imported, duplicate or rejected — none lost.

The whole import is one transaction (all or nothing). A dry run does the same work and rolls back,
so its report is exactly what a real run would do. The CLI and the GUI's import wizard share this.
"""
from __future__ import annotations

import gc
import re
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import chain, islice
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.domain import consent
from app.domain.clock import Clock, utc_now
from app.domain.column_mapping import apply_overrides, guess_mapping, parse_submitted_at
from app.domain.countries import resolve_country, resolve_language
from app.domain.csv_source import CsvRow, CsvSource, open_csv
from app.domain.errors import UserError, ValidationError
from app.domain.inquiries import duplicate_words
from app.domain.lead_batch import LeadBatchWriter
from app.domain.lead_records import DIAGNOSIS_CATEGORIES, LeadInput
from app.domain.phone import StoredPhone, parse_for_storage
from app.domain.phone_prefetch import PhonePrefetch
from db.engine import Database

ProgressCallback = Callable[[int, int | None], None]  # (rows done, total rows or None)
CancelCheck = Callable[[], bool]


class ImportCancelled(UserError):  # noqa: N818 - the user's choice, not an error
    """The user stopped the import; nothing was written."""


class _DryRunRollback(Exception):  # noqa: N818 - how a dry run undoes itself, not an error
    pass


@dataclass
class RowResult:
    row: int
    line: int
    outcome: str  # "imported" | "duplicate" | "rejected"
    name: str
    reference: str | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    file: str
    encoding: str
    encoding_confident: bool
    delimiter: str
    mapping: dict[str, str]
    dry_run: bool
    rows: list[RowResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def imported(self) -> int:
        return self.count("imported")

    @property
    def duplicates(self) -> int:
        return self.count("duplicate")

    @property
    def rejected(self) -> int:
        return self.count("rejected")

    @property
    def warnings(self) -> int:
        return sum(len(r.warnings) for r in self.rows)

    def to_json(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "warnings": self.warnings,
            "dry_run": self.dry_run,
            "file": self.file,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "mapping": self.mapping,
            "rows": [asdict(r) for r in self.rows],
        }


_CATEGORY_WORDS = (
    ("multiple_myeloma", ("myeloma", "миелом", "ورم نقوي", "骨髓瘤", "mm")),
    ("lymphoma", ("lymphoma", "dlbcl", "лимфом", "لمفوم", "淋巴瘤", "hodgkin", "cll")),
    ("leukemia", ("leukemia", "leukaemia", "лейкоз", "лейкем", "ابيضاض", "سرطان الدم", "白血病", "b-all", "all ", "aml", "cml")),
    ("autoimmune", ("lupus", "autoimmune", "sclerosis", "myasthenia", "волчанк")),
    ("solid_tumour", ("cancer", "carcinoma", "tumour", "tumor", "sarcoma", "glioblastoma", "рак", "опухол", "سرطان", "癌")),
)


#: Per category, one pattern that finds any of its words (a plain substring search, as `in`).
_CATEGORY_PATTERNS = tuple((category, re.compile("|".join(map(re.escape, words)))) for category, words in _CATEGORY_WORDS)


def guess_category(diagnosis: str | None) -> str | None:
    """A diagnosis category from free text ('Diffuse large B-cell lymphoma' → lymphoma)."""
    if not diagnosis:
        return None
    text = f" {diagnosis.casefold()} "
    for category, pattern in _CATEGORY_PATTERNS:
        if pattern.search(text):
            return category
    return "other"


def _cell(values: Mapping[str, str], mapping: Mapping[str, str], name: str) -> str:
    for header, target in mapping.items():
        if target == name:
            return (values.get(header) or "").strip()
    return ""


def row_to_input(row: CsvRow, mapping: Mapping[str, str]) -> tuple[LeadInput, list[str]]:
    """One CSV row → a LeadInput plus warnings about values that could not be understood."""
    return _to_input(row, _fields_of(mapping))


def _fields_of(mapping: Mapping[str, str]) -> dict[str, str]:
    """field → the header whose column holds it: the first column mapped to a field (as in _cell)."""
    header_of: dict[str, str] = {}
    for header, target in mapping.items():
        header_of.setdefault(target, header)
    return header_of


def _to_input(row: CsvRow, header_of: Mapping[str, str]) -> tuple[LeadInput, list[str]]:
    values = row.values
    cells = {name: (values.get(header) or "").strip() for name, header in header_of.items()}
    get = cells.get
    warnings: list[str] = []
    name = get("full_name", "") or " ".join(p for p in (get("first_name", ""), get("last_name", "")) if p)
    country_text = get("country", "")
    country = resolve_country(country_text) if country_text else None
    if country_text and country is None:
        warnings.append(f"country '{country_text}' not recognised; phones without + were read without a country")
    language_text = get("language", "")
    language = resolve_language(language_text) if language_text else None
    if language_text and language is None:
        warnings.append(f"language '{language_text}' not recognised")
    whatsapp = get("whatsapp", "")
    phones = [(get("phone", ""), "mobile"), (get("phone2", ""), "other"), (whatsapp, "whatsapp")]
    messengers = {k: v for k in ("whatsapp", "wechat", "telegram") if (v := get(k, ""))}
    submitted = get("submitted_at", "")
    inquiry_at = parse_submitted_at(submitted) if submitted else None
    if submitted and inquiry_at is None:
        warnings.append(f"date '{submitted}' not understood; the import time was used")
    category_text = get("diagnosis_category", "").casefold().replace(" ", "_")
    diagnosis = get("diagnosis", "")
    category = category_text if category_text in DIAGNOSIS_CATEGORIES else guess_category(diagnosis)
    budget = None
    budget_text = get("budget", "")
    if budget_text:
        digits = "".join(c for c in budget_text if c.isdigit() or c == ".")
        try:
            budget = Decimal(digits) if digits else None
        except InvalidOperation:
            budget = None
        if budget is None:
            warnings.append(f"budget '{budget_text}' is not a number")
    companions = 0
    companions_text = get("companions", "")
    if companions_text:
        try:
            companions = max(0, min(20, int(companions_text)))
        except ValueError:
            warnings.append(f"companions '{companions_text}' is not a whole number")
    data = LeadInput(
        full_name=name,
        phones=[p for p in phones if p[0]],
        email=get("email") or None,
        latin_name=get("latin_name") or None,
        country=country,
        language=language,
        messengers=messengers,
        source=get("source") or None,
        diagnosis=diagnosis or None,
        diagnosis_category=category,
        program=get("program") or None,
        budget_amount=budget,
        budget_currency="USD" if budget is not None else None,
        companions=companions,
        inquiry_at=inquiry_at,
        message=get("message") or None,
    )
    consent_warning = consent.needs_consent_warning(data)
    if consent_warning:
        warnings.append(consent_warning)
    return data, warnings


_GC_LOCK = threading.Lock()
_GC_DEPTH = 0
_GC_SAVED: tuple[int, int, int] | None = None
#: Allocations between young-generation collections while an import runs (Python's default: 700).
BULK_GC_THRESHOLD = 50_000


@contextmanager
def _bulk_allocation() -> Iterator[None]:
    """Fewer garbage-collector passes while an import runs. A 50,000-row import allocates millions
    of short-lived containers, and with the default threshold the collector's passes (which walk
    the writer's in-memory index of every phone and email) take ~9% of it. Nothing is left
    uncollected: the threshold is only raised, and restored when the last running import ends."""
    global _GC_DEPTH, _GC_SAVED
    with _GC_LOCK:
        if _GC_DEPTH == 0:
            _GC_SAVED = gc.get_threshold()
            gc.set_threshold(max(_GC_SAVED[0], BULK_GC_THRESHOLD), _GC_SAVED[1], _GC_SAVED[2])
        _GC_DEPTH += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_DEPTH -= 1
            if _GC_DEPTH == 0 and _GC_SAVED is not None:
                gc.set_threshold(*_GC_SAVED)
                _GC_SAVED = None


def resolve_mapping(source: CsvSource, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    mapping = guess_mapping(source.headers)
    if overrides:
        mapping = apply_overrides(mapping, dict(overrides), source.headers)
    fields = set(mapping.values())
    if not fields & {"full_name", "first_name", "last_name"}:
        raise ValidationError(
            f"{source.path.name}: no column holds the person's name (columns: {', '.join(source.headers)}); "
            "name one with --map \"Column=full_name\""
        )
    if not fields & {"phone", "phone2", "whatsapp", "email", "wechat", "telegram"}:
        raise ValidationError(
            f"{source.path.name}: no column holds a phone or an email (columns: {', '.join(source.headers)}); "
            "name one with --map \"Column=phone\""
        )
    return mapping


#: Rows read, converted and sent for phone parsing together, and how far reading runs ahead of
#: writing: at most READ_AHEAD_CHUNKS chunks and READ_AHEAD_CHARS characters of cells (a file of
#: huge cells is still read in bounded memory). A chunk also ends at CHUNK_CHARS characters.
CHUNK_ROWS = 1000
CHUNK_CHARS = 500_000
READ_AHEAD_CHUNKS = 8
READ_AHEAD_CHARS = 2_000_000
#: Files larger than this (about 2,000 rows of a web-form export) get their phones parsed ahead in
#: a second process (see phone_prefetch); below it, starting the worker costs about what it saves.
PREFETCH_MIN_BYTES = 256 * 1024
#: SQLite page cache while an import runs, in KiB (the default is 2 MiB): a big import touches
#: pages of a dozen indexes all over the file, and re-reading them costs ~15% of its writing.
IMPORT_CACHE_KIB = 64 * 1024

_Converted = tuple[CsvRow, LeadInput, list[str]]


class _ChunkPhones:
    """The writer's phone parser: a chunk's numbers parsed ahead when they came back in time,
    `parse_for_storage` for the rest (the same function, so the same answers)."""

    def __init__(self) -> None:
        self.known: dict[tuple[str, str | None], StoredPhone] = {}

    def parse(self, raw: str, country: str | None) -> StoredPhone:
        found = self.known.get((raw, country))
        return found if found is not None else parse_for_storage(raw, country)


def _chunks(source: CsvSource, mapping: Mapping[str, str]) -> Iterator[tuple[list[_Converted], int]]:
    """The rows converted, in chunks, each with the characters its cells hold."""
    header_of = _fields_of(mapping)
    chunk: list[_Converted] = []
    chars = 0
    for row in source.rows():
        data, warnings = _to_input(row, header_of)
        chunk.append((row, data, warnings))
        chars += sum(map(len, row.values.values()))
        if len(chunk) >= CHUNK_ROWS or chars >= CHUNK_CHARS:
            yield chunk, chars
            chunk, chars = [], 0
    if chunk:
        yield chunk, chars


def _phone_pairs(chunk: list[_Converted]) -> Iterator[tuple[str, str | None]]:
    for row, data, _warnings in chunk:
        if row.problem is None:
            for raw, _kind in data.phones:
                if raw and raw.strip():
                    yield raw, data.country


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@contextmanager
def _page_cache(session: Session) -> Iterator[None]:
    """A larger SQLite page cache for this connection while the import runs, then the old size."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    conn = session.connection()
    before = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    conn.exec_driver_sql(f"PRAGMA cache_size = -{int(IMPORT_CACHE_KIB)}")
    try:
        yield
    except BaseException:
        with suppress(Exception):  # the import's own error is the one to report
            conn.exec_driver_sql(f"PRAGMA cache_size = {before}")
        raise
    conn.exec_driver_sql(f"PRAGMA cache_size = {before}")


def import_csv(
    db: Database,
    path: str | Path,
    *,
    overrides: Mapping[str, str] | None = None,
    dry_run: bool = False,
    encoding: str | None = None,
    actor_id: int | None = None,
    clock: Clock = utc_now,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ImportReport:
    """Import `path` in one transaction and report every row. Raises CsvFormatError/ValidationError
    for a file that cannot be read, ImportCancelled when `cancel()` turns true (nothing written).

    Rows are read a few chunks ahead of the writing; for a large file each chunk's phones are sent
    to a worker process then (phone_prefetch), so that they are parsed while earlier rows are
    written. Every row is still validated, checked for duplicates and reported in file order."""
    source = open_csv(path, encoding=encoding)
    mapping = resolve_mapping(source, overrides)
    report = ImportReport(
        file=str(source.path), encoding=source.encoding, encoding_confident=source.encoding_confident,
        delimiter=source.delimiter, mapping=mapping, dry_run=dry_run,
    )
    total = None
    phones = _ChunkPhones()

    def write(chunk: list[_Converted]) -> None:
        for row, data, warnings in chunk:
            if cancel is not None and cancel():
                raise ImportCancelled("import cancelled; nothing was imported")
            display = data.full_name or "(no name)"
            if row.problem:  # a cut-off or undecodable row is never half-imported
                report.rows.append(RowResult(row.number, row.line, "rejected", display, reason=row.problem, warnings=warnings))
                continue
            try:
                result = writer.add(data)
            except ValidationError as exc:
                report.rows.append(RowResult(row.number, row.line, "rejected", display, reason=str(exc), warnings=warnings))
            else:
                outcome = "imported" if result.created else "duplicate"
                reason = duplicate_words(result.duplicate_of, result.absorbed) if result.duplicate_of else None
                report.rows.append(RowResult(row.number, row.line, outcome, display, result.reference, reason, warnings + result.warnings))
            if progress is not None and row.number % 500 == 0:
                progress(row.number, total)

    try:
        with _bulk_allocation(), PhonePrefetch() as prefetch:
            # Started first thing, the worker is ready by the time the first rows are read; the
            # first chunk goes to it before the transaction opens (and the writer loads every
            # known phone and email), so that it is back by the time it is written.
            ahead = _file_size(source.path) > PREFETCH_MIN_BYTES and prefetch.start()
            chunks = enumerate(_chunks(source, mapping))
            first = list(islice(chunks, 1))
            for index, (chunk, _chars) in first if ahead else ():
                prefetch.ahead(index, _phone_pairs(chunk))
            with db.write() as session, _page_cache(session):
                writer = LeadBatchWriter(session, now=clock(), actor_id=actor_id, parse_phone=phones.parse)
                waiting: deque[tuple[int, list[_Converted], int]] = deque()
                held = 0  # characters in the chunks waiting
                for index, (chunk, chars) in chain(first, chunks):
                    if ahead and index >= len(first):
                        prefetch.ahead(index, _phone_pairs(chunk))
                    waiting.append((index, chunk, chars))
                    held += chars
                    while len(waiting) > READ_AHEAD_CHUNKS or (held > READ_AHEAD_CHARS and waiting):
                        done, ready, chars = waiting.popleft()
                        held -= chars
                        phones.known = prefetch.results(done)
                        write(ready)
                while waiting:
                    done, ready, _chars = waiting.popleft()
                    phones.known = prefetch.results(done)
                    write(ready)
                phones.known = {}
                writer.flush()
                if dry_run:
                    raise _DryRunRollback
    except _DryRunRollback:
        pass
    if progress is not None:
        progress(len(report.rows), len(report.rows))
    return report
