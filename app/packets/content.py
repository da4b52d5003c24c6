"""Packet content: the agency, programs, travel prices, rates and text, read from TOML.

The agency edits the files under resources/content/; the next packet reflects
the edit. `load_content()` reads and checks every file and refuses bad content
with a `ContentError` that names the file and the problem, so a typo never
reaches a patient.

Layout of a content folder::

    agency.toml     the agency profile, its currency, how long an estimate is valid
    programs.toml   the programs the texts describe (keys only) and the agency's travel items
    hospitals.toml  the partner catalogue's seed: each hospital's offers with their medical line
                    items and journeys (app.domain.catalogue; the database holds the live one)
    market.toml     the market price ranges for the comparison chart, with source and date
    rates.toml      exchange rates from the agency currency, with source and date
    text/<lang>.toml  packet text per language; en.toml is the reference
"""

from __future__ import annotations

import datetime
import os
import re
import string
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import list_currencies

from app.domain.exchange_rates import ExchangeRates, RatesError, parse_rates
from app.domain.lead_records import DIAGNOSIS_CATEGORIES as _LEAD_CATEGORIES
from app.packets.resource_paths import content_dir, display_path, resource_path

#: The categories a lead records; defined once, in the domain.
DIAGNOSIS_CATEGORIES = tuple(_LEAD_CATEGORIES)

#: The reference language: every other language falls back to it, key by key.
REFERENCE_LANGUAGE = "en"

#: Texts under [domestic] replace the text of the same key for a patient who lives in the
#: hospital's country (no visa, interpreter, flights or "returning to your country").
DOMESTIC_PREFIX = "domestic."

#: What a travel item's unit is; the estimate multiplies by the matching quantity.
TRAVEL_UNITS = ("night", "week", "traveller", "trip")

#: Region keys the comparison chart needs.
MARKET_REGIONS = ("united_states", "europe", "china")

#: CLDR plural categories a plural text table may use.
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})

#: Placeholders the renderer fills in. A text may use only these.
PLACEHOLDERS = frozenset({
    "agency", "agency_currency", "agency_phone", "airport", "category", "city", "coordinator_contacts", "coordinator_email",
    "coordinator_name", "coordinator_reach",
    "coordinator_phone", "coordinator_whatsapp", "count", "china_range", "estimate_total", "estimate_total_converted",
    "europe_range", "high", "hospital", "latin_name", "low", "m", "market_as_of", "market_source", "n", "offer_currency",
    "offer_rate", "patient_currency_code", "requested_program",
    "nights", "page", "pages", "patient_currency", "patient_name", "program", "rate",
    "arrival_percent", "balance_percent", "contingency", "contingency_percent", "deposit_percent",
    "free_cancellation_days", "payment_methods",
    "product", "rate_date", "registry", "travellers", "us_range", "valid_until", "visa_lead", "weeks",
})

#: Text keys the renderer reads that do not depend on programs, items or steps.
#: English must define all of them (plus the keys derived from the other files).
STATIC_TEXT_KEYS = (
    "meta.language_name", "meta.direction", "meta.locale",
    "document.title", "document.page_x_of_y", "document.confidential",
    "cover.kicker", "cover.tagline", "cover.title", "cover.prepared_for", "cover.latin_name", "cover.reference",
    "cover.date", "cover.program", "cover.program_pending", "cover.coordinator_heading", "cover.coordinator_intro",
    "cover.phone", "cover.email", "cover.whatsapp", "cover.switchboard", "cover.contents",
    "contact.phone", "contact.whatsapp", "contact.email", "contact.by_phone", "contact.by_whatsapp", "contact.by_email",
    "summary.heading", "summary.intro", "summary.diagnosis", "summary.category", "summary.program",
    "summary.country", "summary.companions", "summary.no_companions", "summary.not_recorded",
    "summary.fit_review", "summary.next_heading", "summary.next_steps", "summary.hospital", "summary.program_pending",
    "summary.intro_review", "summary.review_heading", "summary.review_first", "summary.review_requested",
    "how.heading", "how.intro", "how.diagram_caption", "how.body",
    "how.stage_collection", "how.stage_collection_text", "how.stage_engineering",
    "how.stage_engineering_text", "how.stage_expansion", "how.stage_expansion_text",
    "how.stage_infusion", "how.stage_infusion_text",
    "journey.heading", "journey.intro", "journey.chart_caption", "journey.week_axis",
    "journey.at_home", "journey.col_when", "journey.col_step", "journey.col_what",
    "journey.week_single", "journey.week_span",
    "cost.heading", "cost.intro", "cost.intro_agency_only", "cost.col_item", "cost.col_quantity",
    "cost.medical_heading", "cost.travel_heading", "cost.subtotal_medical", "cost.subtotal_travel",
    "cost.total", "cost.total_line", "cost.total_line_converted", "cost.range", "cost.rate_note", "cost.no_rate_note",
    "cost.offer_rate_note", "cost.patient_rate_note", "cost.quoted_note",
    "cost.valid_until", "cost.included_heading", "cost.included", "cost.not_included_heading",
    "cost.not_included",
    "units.nights", "units.weeks", "units.weeks_about", "units.travellers", "units.trips",
    "units.companions", "units.weeks_before", "units.days",
    "summary.approval_approved", "summary.approval_investigational", "summary.approval_clinical_trial",
    "how.results_leukaemia", "how.results_other",
    "payment.heading", "payment.schedule", "payment.methods_line", "payment.cancellation", "payment.not_suitable",
    "payment.cells_not_made", "payment.contingency",
    "compare.heading", "compare.intro", "compare.chart_caption", "compare.this_estimate",
    "compare.source_note", "compare.market_note",
    "risks.heading", "risks.intro", "risks.items",
    "eligibility.heading", "eligibility.intro", "eligibility.items",
    "prepare.heading", "prepare.records_heading", "prepare.records", "prepare.travel_heading",
    "prepare.travel", "prepare.companion_heading", "prepare.companion",
    "faq.heading", "faq.items",
    "next.heading", "next.steps", "next.contact", "next.closing",
    "disclaimer.heading", "disclaimer.text",
)

# Prices must come from the catalogue's offers, programs.toml (travel) and market.toml through placeholders; a text
# that types an amount would drift from the data. This catches the usual ways
# of writing one: a currency sign next to digits, thousands groups, "80k", "8万".
_TYPED_AMOUNT = re.compile(
    r"[$€£¥₽]\s?\d|\d\s?[$€£¥₽]|\b(?:USD|EUR|US\$)\s?\d|\d\s?(?:USD|EUR)\b"
    r"|\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+\s?(?:k\b|K\b|тыс|млн|万|千|ألف)"
)


class ContentError(ValueError):
    """A content file is missing, unreadable or inconsistent. The message names the file."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{display_path(path)}: {problem}")


@dataclass(frozen=True)
class Payment:
    """The agency's payment terms (agency.toml [payment]); the words are the texts' [payment]."""

    #: Shares of the treatment's price: on accepting the hospital's written quote, on arrival,
    #: and the rest at discharge (settled against what was actually given).
    deposit_percent: int = 30
    arrival_percent: int = 60
    #: A cancellation this many days or more before arrival gets the deposit back.
    free_cancellation_days: int = 14
    #: The reserve advised for complications (intensive care), as a share of the treatment's estimate.
    contingency_percent: int = 20
    #: How the family can pay: keys of the texts' [payment.methods].
    methods: tuple[str, ...] = ("bank_transfer",)

    @property
    def balance_percent(self) -> int:
        return 100 - self.deposit_percent - self.arrival_percent


@dataclass(frozen=True)
class Agency:
    name: str
    address: tuple[str, ...]
    phone: str
    email: str
    website: str
    logo: Path
    currency: str
    estimate_valid_days: int
    #: The country of the partner hospitals (ISO 3166 alpha-2): a patient who lives there travels
    #: inside their own country, before any offer is chosen too.
    hospitals_country: str | None = None
    #: How long before the flight to apply for the visa (weeks), printed for patients from abroad.
    visa_lead_weeks: int = 4
    #: Arabic packets write every number in Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩).
    arabic_indic_digits: bool = False
    payment: Payment = field(default_factory=Payment)


@dataclass(frozen=True)
class LineItem:
    """One priced item. `min`/`max` are per unit; `per` is "program" for medical items. `label`
    names an item the texts have no key for (a hospital's quote may add one)."""

    key: str
    min: Decimal
    max: Decimal
    per: str = "program"
    quantity: int | None = None
    label: str | None = None


@dataclass(frozen=True)
class JourneyStep:
    key: str
    first_week: int | None
    last_week: int | None
    at_home: bool = False


@dataclass(frozen=True)
class Program:
    """A program the texts describe (name, short name, description). Its prices and journey are a
    hospital's: the catalogue's offers of this program."""

    key: str
    #: The diagnosis category the program treats (e.g. "leukemia"): figures the texts give for one
    #: disease (the remission rates of leukaemia) appear only in that disease's packets.
    category: str | None = None


@dataclass(frozen=True)
class MarketRegion:
    key: str
    min: Decimal
    max: Decimal


@dataclass(frozen=True)
class Market:
    source: str
    as_of: datetime.date
    regions: tuple[MarketRegion, ...]

    def region(self, key: str) -> MarketRegion:
        return next(region for region in self.regions if region.key == key)


@dataclass(frozen=True)
class PluralText:
    """A text with one form per CLDR plural category; {count} is the number."""

    forms: Mapping[str, str]

    def for_count(self, locale: Locale, count: int) -> str:
        form = self.forms.get(locale.plural_form(count)) or self.forms["other"]
        return form.replace("{count}", str(count)) if "{count}" in form else form


@dataclass(frozen=True)
class LanguageText:
    """The packet text of one language, with English filled in for missing keys."""

    lang: str
    language_name: str
    direction: str
    locale: Locale
    values: Mapping[str, Any]
    #: Keys this language does not define, so the English text is used.
    fallback_keys: frozenset[str] = field(default_factory=frozenset)

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    def raw(self, key: str) -> Any:
        return self.values[key]

    def get(self, key: str, **values: str) -> str:
        """The text for `key` with placeholders filled in. Values are plain text, inserted as is."""
        template = self.values[key]
        if not isinstance(template, str):
            raise TypeError(f"text {key!r} is not a single text")
        return template.format_map(values) if values else template

    def items(self, key: str, **values: str) -> list[str]:
        return [item.format_map(values) for item in self.values[key]]

    def records(self, key: str) -> list[Mapping[str, str]]:
        return list(self.values[key])

    def plural(self, key: str, count: int) -> str:
        value = self.values[key]
        if not isinstance(value, PluralText):
            raise TypeError(f"text {key!r} has no plural forms")
        return value.for_count(self.locale, count)


@dataclass(frozen=True)
class Content:
    directory: Path
    agency: Agency
    programs: Mapping[str, Program]
    travel: tuple[LineItem, ...]
    market: Market
    rates: ExchangeRates
    texts: Mapping[str, LanguageText]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.texts)

    def text(self, lang: str) -> LanguageText:
        return self.texts[lang]


def load_content(directory: str | os.PathLike[str] | None = None) -> Content:
    """Read and check every content file. Raises ContentError naming the file at fault."""
    root = content_dir(directory)
    if not root.is_dir():
        raise ContentError(root, "content folder not found")
    agency = _load_agency(root / "agency.toml")
    programs, travel = _load_programs(root / "programs.toml")
    market = _load_market(root / "market.toml")
    rates = _load_rates(root / "rates.toml", agency.currency)
    texts = _load_texts(root / "text", programs, travel, market)
    return Content(
        directory=root,
        agency=agency,
        programs=MappingProxyType(programs),
        travel=travel,
        market=market,
        rates=rates,
        texts=MappingProxyType(texts),
    )


_CACHE: dict[Path, tuple[tuple, Content]] = {}


def _signature(root: Path) -> tuple:
    """What identifies a content folder's state: each file's name, size and modification time."""
    files = sorted([*root.glob("*.toml"), *root.glob("text/*.toml")])
    return tuple((path.name, stat.st_size, stat.st_mtime_ns) for path in files for stat in [path.stat()])


def cached_content(directory: str | os.PathLike[str] | None = None) -> Content:
    """Like load_content, but reuses the last result while no file in the folder changed."""
    root = content_dir(directory).resolve()
    signature = _signature(root) if root.is_dir() else ()
    cached = _CACHE.get(root)
    if cached is not None and cached[0] == signature:
        return cached[1]
    content = load_content(root)
    _CACHE[root] = (signature, content)
    return content


# --------------------------------------------------------------------------- reading


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ContentError(path, "file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise ContentError(path, f"not valid TOML: {error}") from None
    except OSError as error:
        raise ContentError(path, f"cannot read: {error.strerror}") from None


def _table(path: Path, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise ContentError(path, f"missing table [{key}]")
    return value


def _text_field(path: Path, data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, f"{where}: '{key}' must be a non-empty text")
    return value.strip()


def _amount(path: Path, value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ContentError(path, f"{where} must be a number, not {value!r}")
    amount = Decimal(str(value))
    if amount < 0:
        raise ContentError(path, f"{where} must not be negative ({value})")
    return amount


def _date(path: Path, value: Any, where: str) -> datetime.date:
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise ContentError(path, f"{where} must be a date such as 2026-11-20, not {value!r}")
    return value


def _currency(path: Path, value: Any, where: str) -> str:
    if not isinstance(value, str) or value not in list_currencies():
        raise ContentError(path, f"{where}: {value!r} is not an ISO 4217 currency code")
    return value


# --------------------------------------------------------------------------- agency


def _load_agency(path: Path) -> Agency:
    data = _read_toml(path)
    agency = _table(path, data, "agency")
    estimate = _table(path, data, "estimate")
    where = "[agency]"
    address = agency.get("address")
    if (not isinstance(address, list) or not address
            or not all(isinstance(line, str) and line.strip() for line in address)):
        raise ContentError(path, f"{where}: 'address' must be a list of text lines")
    logo = resource_path(_text_field(path, agency, "logo", where))
    if not logo.is_file():
        raise ContentError(path, f"{where}: logo file {logo} not found")
    valid_days = estimate.get("valid_days")
    if isinstance(valid_days, bool) or not isinstance(valid_days, int) or valid_days < 1:
        raise ContentError(path, f"[estimate]: 'valid_days' must be a whole number of days, at least 1, not {valid_days!r}")
    country = agency.get("hospitals_country")
    if country is not None and (not isinstance(country, str) or not re.fullmatch(r"[A-Z]{2}", country)):
        raise ContentError(path, f"{where}: 'hospitals_country' must be an ISO 3166 code such as \"CN\", not {country!r}")
    travel = data.get("travel", {})
    lead_weeks = travel.get("visa_lead_weeks", 4) if isinstance(travel, Mapping) else None
    if isinstance(lead_weeks, bool) or not isinstance(lead_weeks, int) or lead_weeks < 1:
        raise ContentError(path, f"[travel]: 'visa_lead_weeks' must be a whole number of weeks, not {lead_weeks!r}")
    texts = data.get("texts", {})
    digits = texts.get("arabic_indic_digits", False) if isinstance(texts, Mapping) else None
    if not isinstance(digits, bool):
        raise ContentError(path, f"[texts]: 'arabic_indic_digits' must be true or false, not {digits!r}")
    return Agency(
        name=_text_field(path, agency, "name", where),
        address=tuple(line.strip() for line in address),
        phone=_text_field(path, agency, "phone", where),
        email=_text_field(path, agency, "email", where),
        website=_text_field(path, agency, "website", where),
        logo=logo,
        currency=_currency(path, agency.get("currency"), f"{where} currency"),
        estimate_valid_days=valid_days,
        hospitals_country=country,
        visa_lead_weeks=lead_weeks,
        arabic_indic_digits=digits,
        payment=_payment(path, data.get("payment")),
    )


def _payment(path: Path, raw: Any) -> Payment:
    if raw is None:
        return Payment()
    if not isinstance(raw, Mapping):
        raise ContentError(path, "[payment] must be a table")
    numbers: dict[str, int] = {}
    for key in ("deposit_percent", "arrival_percent", "free_cancellation_days", "contingency_percent"):
        value = raw.get(key, getattr(Payment, key))
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= (100 if "percent" in key else 365):
            kind = "from 0 to 100" if "percent" in key else "of days"
            raise ContentError(path, f"[payment]: '{key}' must be a whole number {kind}, not {value!r}")
        numbers[key] = value
    if numbers["deposit_percent"] + numbers["arrival_percent"] > 100:
        raise ContentError(path, "[payment]: the deposit and the payment on arrival come to more than 100 percent")
    methods = raw.get("methods", list(Payment.methods))
    if (not isinstance(methods, list) or not methods
            or not all(isinstance(m, str) and re.fullmatch(r"[a-z][a-z0-9_]*", m) for m in methods)):
        raise ContentError(path, "[payment]: 'methods' must be a list of keys such as \"bank_transfer\"")
    return Payment(**numbers, methods=tuple(methods))


# --------------------------------------------------------------------------- programs


def _price_item(path: Path, raw: Any, where: str) -> tuple[str, Decimal, Decimal]:
    if not isinstance(raw, Mapping):
        raise ContentError(path, f"{where}: each line item must be a table")
    key = raw.get("item")
    if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise ContentError(path, f"{where}: line item needs an 'item' key such as 'manufacturing', not {key!r}")
    item_where = f"{where} line item '{key}'"
    low = _amount(path, raw.get("min"), f"{item_where} min")
    high = _amount(path, raw.get("max"), f"{item_where} max")
    if low > high:
        raise ContentError(path, f"{item_where} has min {low} > max {high}")
    return key, low, high


def _load_programs(path: Path) -> tuple[dict[str, Program], tuple[LineItem, ...]]:
    data = _read_toml(path)
    raw_programs = _table(path, data, "programs")
    if not raw_programs:
        raise ContentError(path, "no programs defined")
    programs: dict[str, Program] = {}
    for key, raw in raw_programs.items():
        where = f"program '{key}'"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            raise ContentError(path, f"{where}: keys use lower-case letters, digits and underscores")
        if not isinstance(raw, Mapping):
            raise ContentError(path, f"{where} must be a table")
        for moved in ("medical", "journey", "suits"):
            if moved in raw:
                raise ContentError(path, f"{where}: '{moved}' belongs to the hospitals' offers in the catalogue "
                                         "(hospitals.toml), not here; a program's prices are an offer's")
        category = raw.get("category")
        if category is not None and category not in DIAGNOSIS_CATEGORIES:
            raise ContentError(path, f"{where}: category {category!r} is not one of {', '.join(DIAGNOSIS_CATEGORIES)}")
        programs[key] = Program(key, category)
    return programs, _travel_items(path, data.get("travel"))


def _travel_items(path: Path, raw: Any) -> tuple[LineItem, ...]:
    if not isinstance(raw, list) or not raw:
        raise ContentError(path, "missing [[travel]] items")
    items: list[LineItem] = []
    for entry in raw:
        key, low, high = _price_item(path, entry, "travel")
        where = f"travel line item '{key}'"
        per = entry.get("per")
        if per not in TRAVEL_UNITS:
            raise ContentError(path, f"{where}: 'per' must be one of {', '.join(TRAVEL_UNITS)}, not {per!r}")
        quantity = entry.get("quantity")
        if per == "trip":
            if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
                raise ContentError(path, f"{where}: a per-trip item needs 'quantity', the number of trips")
        elif quantity is not None:
            raise ContentError(path, f"{where}: 'quantity' is only for per-trip items; nights, weeks and travellers come from the lead")
        if any(existing.key == key for existing in items):
            raise ContentError(path, f"travel lists line item '{key}' twice")
        items.append(LineItem(key, low, high, per=per, quantity=quantity))
    return tuple(items)


# --------------------------------------------------------------------------- market and rates


def _load_market(path: Path) -> Market:
    data = _read_toml(path)
    market = _table(path, data, "market")
    regions_raw = market.get("regions")
    if not isinstance(regions_raw, list):
        raise ContentError(path, "missing [[market.regions]]")
    regions: list[MarketRegion] = []
    for entry in regions_raw:
        key = entry.get("key") if isinstance(entry, Mapping) else None
        if not isinstance(key, str) or not key:
            raise ContentError(path, "each [[market.regions]] entry needs a 'key'")
        if any(region.key == key for region in regions):
            raise ContentError(path, f"region '{key}' is listed twice; keep one range per region")
        where = f"region '{key}'"
        low = _amount(path, entry.get("min"), f"{where} min")
        high = _amount(path, entry.get("max"), f"{where} max")
        if low > high:
            raise ContentError(path, f"{where} has min {low} > max {high}")
        regions.append(MarketRegion(key, low, high))
    missing = [key for key in MARKET_REGIONS if not any(region.key == key for region in regions)]
    if missing:
        raise ContentError(path, f"missing region(s) {', '.join(missing)}")
    return Market(
        source=_text_field(path, market, "source", "[market]"),
        as_of=_date(path, market.get("as_of"), "[market] as_of"),
        regions=tuple(regions),
    )


def _load_rates(path: Path, agency_currency: str) -> ExchangeRates:
    try:
        rates = parse_rates(_read_toml(path))
    except RatesError as problem:
        raise ContentError(path, str(problem)) from None
    if rates.base != agency_currency:
        raise ContentError(path, f"[rates] base is {rates.base} but the agency currency is {agency_currency}")
    return rates


# --------------------------------------------------------------------------- text


def _flatten(path: Path, data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Dotted keys for nested tables; a table of plural categories is one value."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            if value and set(value) <= PLURAL_CATEGORIES:
                if "other" not in value or not all(isinstance(form, str) for form in value.values()):
                    raise ContentError(path, f"'{dotted}': plural forms need texts and an 'other' form")
                flat[dotted] = PluralText(MappingProxyType(dict(value)))
            else:
                flat.update(_flatten(path, value, f"{dotted}."))
        else:
            flat[dotted] = value
    return flat


def _shape(value: Any) -> str:
    """A short description of a text value's kind, to compare a translation with English."""
    if isinstance(value, PluralText):
        return "plural forms"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "a list of texts"
    if isinstance(value, list) and all(isinstance(item, Mapping) for item in value):
        fields = sorted({name for item in value for name in item})
        return "a list of entries with " + ", ".join(fields)
    return type(value).__name__


def _templates(value: Any) -> list[str]:
    if isinstance(value, PluralText):
        return list(value.forms.values())
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        texts: list[str] = []
        for item in value:
            texts.extend(item.values() if isinstance(item, Mapping) else [item])
        return [text for text in texts if isinstance(text, str)]
    return []


def _placeholders(path: Path, key: str, value: Any) -> set[str]:
    names: set[str] = set()
    for template in _templates(value):
        try:
            parsed = list(string.Formatter().parse(template))
        except ValueError as error:
            raise ContentError(path, f"'{key}': broken placeholder ({error}) in {template!r}") from None
        for _, name, spec, conversion in parsed:
            if name is None:
                continue
            if name not in PLACEHOLDERS or spec or conversion:
                raise ContentError(path, f"'{key}': unknown placeholder {{{name}}}")
            names.add(name)
    return names


def _check_no_typed_amounts(path: Path, key: str, value: Any) -> None:
    for template in _templates(value):
        if not any(char.isdigit() for char in template):
            continue
        match = _TYPED_AMOUNT.search(template)
        if match:
            raise ContentError(
                path, f"'{key}' types an amount ({match.group(0).strip()!r}); prices come from the "
                "programs and market files through placeholders such as {china_range}")


def _required_keys(programs: Mapping[str, Program], travel: Sequence[LineItem], market: Market) -> list[str]:
    """The keys English must define. A medical item or journey step an offer adds needs none: the
    packet names it from its key until the texts have one (tests check the seed offers have all)."""
    keys = list(STATIC_TEXT_KEYS)
    keys += [f"categories.{category}" for category in DIAGNOSIS_CATEGORIES]
    for program in programs.values():
        keys += [f"programs.{program.key}.{part}" for part in ("name", "short", "description")]
    keys += [f"cost.items.{item.key}" for item in travel]
    keys += [f"compare.regions.{region.key}" for region in market.regions]
    return list(dict.fromkeys(keys))


def _language_meta(path: Path, flat: Mapping[str, Any], lang: str) -> tuple[str, Locale]:
    direction = flat.get("meta.direction")
    if direction not in ("ltr", "rtl"):
        raise ContentError(path, f"[meta] direction must be \"ltr\" or \"rtl\", not {direction!r}")
    locale_name = flat.get("meta.locale")
    try:
        locale = Locale.parse(locale_name)
    except (TypeError, ValueError, UnknownLocaleError):
        raise ContentError(path, f"[meta] locale {locale_name!r} is not a locale Babel knows") from None
    if locale.language != lang:
        raise ContentError(path, f"[meta] locale {locale_name!r} does not match the file's language '{lang}'")
    return direction, locale


def _load_texts(folder: Path, programs: Mapping[str, Program], travel: Sequence[LineItem],
                market: Market) -> dict[str, LanguageText]:
    reference_path = folder / f"{REFERENCE_LANGUAGE}.toml"
    reference = _flatten(reference_path, _read_toml(reference_path))
    missing = [key for key in _required_keys(programs, travel, market) if key not in reference]
    if missing:
        raise ContentError(reference_path, f"missing text {', '.join(repr(key) for key in missing)}")
    for key, value in reference.items():
        _placeholders(reference_path, key, value)
        _check_no_typed_amounts(reference_path, key, value)
        if key.startswith(DOMESTIC_PREFIX):
            base = key[len(DOMESTIC_PREFIX):]
            if base not in reference:
                raise ContentError(reference_path, f"'{key}' replaces '{base}', which is no text")
            if _shape(value) != _shape(reference[base]):
                raise ContentError(reference_path, f"'{key}' must be {_shape(reference[base])}, like '{base}'")

    texts: dict[str, LanguageText] = {}
    paths = [reference_path, *sorted(p for p in folder.glob("*.toml") if p != reference_path)]
    for path in paths:
        lang = path.stem
        if not re.fullmatch(r"[a-z]{2}", lang):
            raise ContentError(path, "text files are named by ISO 639-1 language code, e.g. ru.toml")
        flat = reference if path == reference_path else _flatten(path, _read_toml(path))
        for key, value in flat.items():
            if key not in reference:
                raise ContentError(path, f"unknown text '{key}' (English has no such key; a typo?)")
            if _shape(value) != _shape(reference[key]):
                raise ContentError(path, f"'{key}' must be {_shape(reference[key])}, like in English")
            extra = _placeholders(path, key, value) - _placeholders(reference_path, key, reference[key])
            if extra:
                names = ", ".join("{" + name + "}" for name in sorted(extra))
                raise ContentError(path, f"'{key}' uses {names}, which the English text does not provide")
            _check_no_typed_amounts(path, key, value)
        direction, locale = _language_meta(path, flat, lang)
        merged = {**reference, **flat}
        texts[lang] = LanguageText(
            lang=lang,
            language_name=merged["meta.language_name"],
            direction=direction,
            locale=locale,
            values=MappingProxyType(merged),
            fallback_keys=frozenset(key for key in reference if key not in flat),
        )
    return texts
