"""Importing inquiries from CSV files: every row ends imported, duplicate or rejected — none lost.

The whole import is one transaction (all or nothing). A dry run does the same work and rolls back,
so its report is exactly what a real run would do. The CLI and the GUI's import wizard share this.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.domain.clock import Clock, utc_now
from app.domain.column_mapping import apply_overrides, guess_mapping, parse_submitted_at
from app.domain.countries import resolve_country, resolve_language
from app.domain.csv_source import CsvRow, CsvSource, open_csv
from app.domain.errors import UserError, ValidationError
from app.domain.lead_batch import LeadBatchWriter
from app.domain.lead_records import DIAGNOSIS_CATEGORIES, LeadInput
from db.engine import Database

ProgressCallback = Callable[[int, int | None], None]  # (rows done, total rows or None)
CancelCheck = Callable[[], bool]


class ImportCancelled(UserError):
    """The user stopped the import; nothing was written."""


class _DryRunRollback(Exception):
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


def guess_category(diagnosis: str | None) -> str | None:
    """A diagnosis category from free text ('Diffuse large B-cell lymphoma' → lymphoma)."""
    if not diagnosis:
        return None
    text = f" {diagnosis.casefold()} "
    for category, words in _CATEGORY_WORDS:
        if any(word in text for word in words):
            return category
    return "other"


def _cell(values: Mapping[str, str], mapping: Mapping[str, str], name: str) -> str:
    for header, target in mapping.items():
        if target == name:
            return (values.get(header) or "").strip()
    return ""


def row_to_input(row: CsvRow, mapping: Mapping[str, str]) -> tuple[LeadInput, list[str]]:
    """One CSV row → a LeadInput plus warnings about values that could not be understood."""
    header_of: dict[str, str] = {}
    for header, target in mapping.items():  # the first column mapped to a field holds it (as in _cell)
        header_of.setdefault(target, header)
    values = row.values
    get = lambda name: (values.get(header_of[name]) or "").strip() if name in header_of else ""  # noqa: E731
    warnings: list[str] = []
    name = get("full_name") or " ".join(p for p in (get("first_name"), get("last_name")) if p)
    country_text = get("country")
    country = resolve_country(country_text) if country_text else None
    if country_text and country is None:
        warnings.append(f"country '{country_text}' not recognised; phones without + were read without a country")
    language_text = get("language")
    language = resolve_language(language_text) if language_text else None
    if language_text and language is None:
        warnings.append(f"language '{language_text}' not recognised")
    phones = [(get("phone"), "mobile"), (get("phone2"), "other"), (get("whatsapp"), "whatsapp")]
    messengers = {k: get(k) for k in ("whatsapp", "wechat", "telegram") if get(k)}
    submitted = get("submitted_at")
    inquiry_at = parse_submitted_at(submitted) if submitted else None
    if submitted and inquiry_at is None:
        warnings.append(f"date '{submitted}' not understood; the import time was used")
    category_text = get("diagnosis_category").casefold().replace(" ", "_")
    category = category_text if category_text in DIAGNOSIS_CATEGORIES else guess_category(get("diagnosis"))
    budget = None
    if get("budget"):
        digits = "".join(c for c in get("budget") if c.isdigit() or c == ".")
        try:
            budget = Decimal(digits) if digits else None
        except InvalidOperation:
            budget = None
        if budget is None:
            warnings.append(f"budget '{get('budget')}' is not a number")
    companions = 0
    if get("companions"):
        try:
            companions = max(0, min(20, int(get("companions"))))
        except ValueError:
            warnings.append(f"companions '{get('companions')}' is not a whole number")
    data = LeadInput(
        full_name=name,
        phones=[p for p in phones if p[0]],
        email=get("email") or None,
        latin_name=get("latin_name") or None,
        country=country,
        language=language,
        messengers=messengers,
        source=get("source") or None,
        diagnosis=get("diagnosis") or None,
        diagnosis_category=category,
        program=get("program") or None,
        budget_amount=budget,
        budget_currency="USD" if budget is not None else None,
        companions=companions,
        inquiry_at=inquiry_at,
        message=get("message") or None,
    )
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
    for a file that cannot be read, ImportCancelled when `cancel()` turns true (nothing written)."""
    source = open_csv(path, encoding=encoding)
    mapping = resolve_mapping(source, overrides)
    report = ImportReport(
        file=str(source.path), encoding=source.encoding, encoding_confident=source.encoding_confident,
        delimiter=source.delimiter, mapping=mapping, dry_run=dry_run,
    )
    total = None
    try:
        with _bulk_allocation(), db.write() as session:
            writer = LeadBatchWriter(session, now=clock(), actor_id=actor_id)
            for row in source.rows():
                if cancel is not None and cancel():
                    raise ImportCancelled("import cancelled; nothing was imported")
                data, warnings = row_to_input(row, mapping)
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
                    reason = f"same phone or email as {result.duplicate_of}; attached as an inquiry" if result.duplicate_of else None
                    report.rows.append(RowResult(row.number, row.line, outcome, display, result.reference, reason, warnings + result.warnings))
                if progress is not None and row.number % 500 == 0:
                    progress(row.number, total)
            writer.flush()
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    if progress is not None:
        progress(len(report.rows), len(report.rows))
    return report
