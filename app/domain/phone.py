"""Phone numbers as patients type them: parsing, display forms, search keys and the local time.

Everything rests on ``phonenumbers`` (Google's libphonenumber). Two rules on top of it:

* a leading ``00`` is the international prefix almost everywhere, so it is rewritten to ``+``
  before parsing whatever the default region is (``phonenumbers`` would otherwise read
  ``00971…`` as a US national number);
* ``phonenumbers.parse`` accepts numbers that cannot exist, so a number is only *valid* when
  ``is_valid_number`` agrees; otherwise ``PhoneInfo.problem`` says why in one sentence.

``parse_phone`` is cached on ``(raw, region)``. ``parse_for_storage`` gives what a lead's phone
row keeps and its search keys from the same single parse, without the display fields; the import
and the demo data, which parse every number once, use it.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from babel.core import get_global
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType, ValidationResult
from phonenumbers import timezone as phone_timezone

from app.domain.countries import country_name as _country_name

__all__ = [
    "WORKING_HOURS",
    "LocalTime",
    "PhoneInfo",
    "StoredPhone",
    "as_you_type",
    "digits_only",
    "local_time_for",
    "parse_for_storage",
    "parse_phone",
    "phone_search_keys",
]

#: Local hours in which a coordinator may call a patient: [start, end).
WORKING_HOURS: tuple[time, time] = (time(9, 0), time(20, 0))

_LINE_TYPES: dict[int, str] = {
    PhoneNumberType.FIXED_LINE: "fixed line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed line or mobile",
    PhoneNumberType.TOLL_FREE: "toll free",
    PhoneNumberType.PREMIUM_RATE: "premium rate",
    PhoneNumberType.SHARED_COST: "shared cost",
    PhoneNumberType.VOIP: "VoIP",
    PhoneNumberType.PERSONAL_NUMBER: "personal number",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "universal access number",
    PhoneNumberType.VOICEMAIL: "voicemail",
}
#: How each line type reads (the desk translates them where it shows them).
LINE_TYPE_WORDS: tuple[str, ...] = tuple(_LINE_TYPES.values())
# Region codes phonenumbers uses for "no country": unknown, and non-geographic (+800, +882 …).
_NO_REGION = frozenset({"ZZ", "001"})
_UNKNOWN_ZONE = "Etc/Unknown"
_SHOWN_CHARS = 32
_CACHE_SIZE = 32_768
#: str.translate table deleting every ASCII character but 0-9 (the only ASCII decimals).
_ASCII_NON_DIGITS = {code: None for code in range(128) if not chr(code).isdecimal()}

# phonenumbers compiles its metadata's patterns through re.compile on every use (~20 per number),
# leaning on the re module's small cache; keeping them compiled saves ~8% of parsing a number.
# The patterns come from fixed metadata, so what is kept is bounded.
phonenumbers.enable_pattern_cache()


@dataclass(frozen=True, slots=True)
class PhoneInfo:
    raw: str
    e164: str | None
    valid: bool
    region: str | None
    country_name: str | None
    line_type: str | None
    international: str | None
    time_zones: tuple[str, ...]
    problem: str | None


@dataclass(frozen=True, slots=True)
class StoredPhone:
    """What a lead's phone row keeps, and the digit strings the search index reads for it:
    the same raw, e164, valid, region and problem as `parse_phone`, and the same keys as
    `phone_search_keys(e164)` (``()`` for a number that is not valid)."""

    raw: str
    e164: str | None
    valid: bool
    region: str | None
    problem: str | None
    search_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LocalTime:
    zone: str | None
    label: str
    local: datetime | None
    outside_hours: bool


def digits_only(text: str | None) -> str:
    """The decimal digits of `text` as ASCII (``'+7 (916) ١٢٣'`` → ``'7916123'``)."""
    if not text:
        return ""
    if text.isascii():  # the usual case (and every formatted number): one C-level pass
        return text.translate(_ASCII_NON_DIGITS)
    return "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())


def parse_phone(raw: str | None, default_region: str | None = None) -> PhoneInfo:
    """Parse what was typed; never raises. `default_region` (alpha-2, any case) applies to
    numbers written without ``+`` or ``00``; an unknown region counts as none."""
    text = raw.strip() if isinstance(raw, str) else ""
    return _parse_cached(text, _supported_region(default_region))


def parse_for_storage(raw: str | None, default_region: str | None = None) -> StoredPhone:
    """`parse_phone`'s stored fields and the number's search keys from one parse (no display
    forms, line type or time zones): about half the work of `parse_phone` plus
    `phone_search_keys`, for code that parses many numbers to store them."""
    text = raw.strip() if isinstance(raw, str) else ""
    return _stored_cached(text, _supported_region(default_region))


def phone_search_keys(e164: str) -> tuple[str, ...]:
    """Digit strings to index for search: the E.164 digits (``'79161234567'``), the national
    significant number (``'9161234567'``) and the national dialling form with its trunk prefix
    where the country uses one (``'89161234567'`` in RU, ``'08031234567'`` in NG).
    Text that is not a phone number gives its digits alone, or ``()`` when it has none."""
    return _search_keys_cached(e164.strip() if isinstance(e164, str) else "")


def local_time_for(zones: Sequence[str], now: datetime, override_zone: str | None = None) -> LocalTime:
    """The patient's local time now. `override_zone` (set by the coordinator) wins when it is a
    real IANA zone. Several zones that disagree on the UTC offset right now give "varies";
    no usable zone gives "unknown". A naive `now` is taken as UTC."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    candidates = [override_zone] if override_zone is not None and _zone(override_zone) is not None else list(zones)
    located = [(name, now.astimezone(zone)) for name in candidates if (zone := _zone(name)) is not None]
    if not located:
        return LocalTime(zone=None, label="unknown", local=None, outside_hours=False)
    if len({local.utcoffset() for _, local in located}) > 1:
        return LocalTime(zone=None, label="varies", local=None, outside_hours=False)
    name, local = located[0]
    start, end = WORKING_HOURS
    return LocalTime(
        zone=name,
        label=f"{local:%H:%M} {_city(name)}",
        local=local,
        outside_hours=not (start <= local.time() < end),
    )


def as_you_type(text: str, region: str | None) -> str:
    """Format a number while it is being typed (``'8916123'`` in RU → ``'8 916 123'``).
    Only digits and a leading ``+`` are kept; a leading ``00`` counts as ``+``."""
    typed = _rewrite_double_zero(text.strip() if text else "")
    keep = ("+" if typed.startswith("+") else "") + digits_only(typed)
    formatter = phonenumbers.AsYouTypeFormatter(_supported_region(region) or "ZZ")
    result = ""
    for char in keep:
        result = formatter.input_digit(char)
    return result


def phone_time_zones(raw: str | None, default_region: str | None = None) -> tuple[str, ...]:
    """`parse_phone(raw, default_region).time_zones` without the display forms, line type and
    country name: what a list row needs to show the patient's local time (a screen of new rows
    parses ~40 numbers). Invalid or empty input gives ``()``."""
    text = raw.strip() if isinstance(raw, str) else ""
    return _zones_cached(text, _supported_region(default_region))


# --- parsing ---------------------------------------------------------------------------------


def _read(text: str, region: str | None) -> tuple[phonenumbers.PhoneNumber | None, str | None, str | None]:
    """(number, region, problem): the parsed number and its region when it is valid; otherwise
    None, the region to name in messages, and why it is not a usable number."""
    if not text:
        return None, None, "no phone number"
    typed = _rewrite_double_zero(text)
    try:
        number = phonenumbers.parse(typed, region)
    except NumberParseException as error:
        return None, None, _parse_problem(text, region, error, international=typed.startswith("+"))
    number_region = _region_of(number)
    if not phonenumbers.is_valid_number(number):
        known = number_region or region
        return None, known, _validity_problem(text, known, number)
    return number, number_region, None


@lru_cache(maxsize=_CACHE_SIZE)
def _parse_cached(text: str, region: str | None) -> PhoneInfo:
    number, number_region, problem = _read(text, region)
    if number is None:
        return _invalid(text, number_region, problem or "")
    line_type = _LINE_TYPES.get(phonenumbers.number_type(number))
    return PhoneInfo(
        raw=text,
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        valid=True,
        region=number_region,
        country_name=_country_name(number_region) if number_region else None,
        line_type=line_type,
        international=phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
        time_zones=_patient_zones(_known_zones(phone_timezone.time_zones_for_number(number)), number_region),
        problem=None,
    )


@lru_cache(maxsize=_CACHE_SIZE)
def _zones_cached(text: str, region: str | None) -> tuple[str, ...]:
    number, number_region, _problem = _read(text, region)
    if number is None:
        return ()
    return _patient_zones(_known_zones(phone_timezone.time_zones_for_number(number)), number_region)


@lru_cache(maxsize=_CACHE_SIZE)
def _stored_cached(text: str, region: str | None) -> StoredPhone:
    number, number_region, problem = _read(text, region)
    if number is None:
        return StoredPhone(raw=text, e164=None, valid=False, region=number_region, problem=problem, search_keys=())
    return StoredPhone(
        raw=text,
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        valid=True,
        region=number_region,
        problem=None,
        search_keys=_keys_of(_as_read_from_e164(number)),
    )


def _as_read_from_e164(number: phonenumbers.PhoneNumber) -> phonenumbers.PhoneNumber:
    """The number `phonenumbers.parse` gives for this number's E.164 form (what
    `phone_search_keys` parses): country code and national number, no extension."""
    return phonenumbers.PhoneNumber(
        country_code=number.country_code,
        national_number=number.national_number,
        italian_leading_zero=number.italian_leading_zero,
        number_of_leading_zeros=number.number_of_leading_zeros,
    )


def _invalid(text: str, region: str | None, problem: str) -> PhoneInfo:
    return PhoneInfo(
        raw=text,
        e164=None,
        valid=False,
        region=region,
        country_name=_country_name(region) if region else None,
        line_type=None,
        international=None,
        time_zones=(),
        problem=problem,
    )


def _parse_problem(text: str, region: str | None, error: NumberParseException, *, international: bool) -> str:
    shown = _shown(text)
    kind = error.error_type
    if kind == NumberParseException.INVALID_COUNTRY_CODE:
        if international:
            return f"{shown} starts with an unknown country code"
        return f"{shown} has no country code: write it with + and the country code, or set the patient's country"
    if kind in (NumberParseException.TOO_SHORT_NSN, NumberParseException.TOO_SHORT_AFTER_IDD):
        return f"{shown} is too short for a phone number{'' if international else _in_country(region)}"
    if kind == NumberParseException.TOO_LONG:
        return f"{shown} is too long for a phone number"
    return f"{shown} is not a phone number"


def _validity_problem(text: str, region: str | None, number: phonenumbers.PhoneNumber) -> str:
    shown = _shown(text)
    where = _in_country(region)
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == ValidationResult.TOO_SHORT:
        return f"{shown} is too short for a phone number{where}"
    if reason == ValidationResult.TOO_LONG:
        return f"{shown} is too long for a phone number{where}"
    if reason == ValidationResult.INVALID_LENGTH:
        return f"{shown} has the wrong number of digits for a phone number{where}"
    if reason == ValidationResult.INVALID_COUNTRY_CODE:
        return f"{shown} starts with an unknown country code"
    if reason == ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        return f"{shown} looks like a local number without its area code{where}"
    return f"{shown} is not a valid phone number{where}"


def _in_country(region: str | None) -> str:
    return f" in {_country_name(region)}" if region else ""


def _shown(text: str) -> str:
    """`text` quoted for a message: short, and with control characters made visible."""
    clipped = text[:_SHOWN_CHARS] + ("…" if len(text) > _SHOWN_CHARS else "")
    return "'" + "".join(ch if ch.isprintable() else "?" for ch in clipped) + "'"


def _rewrite_double_zero(text: str) -> str:
    """``00`` (in any script's digits) → ``+``: the international prefix in nearly every country."""
    head = text[:2]
    if len(head) == 2 and head.isdecimal() and unicodedata.decimal(head[0]) == 0 and unicodedata.decimal(head[1]) == 0:
        return "+" + text[2:]
    return text


def _region_of(number: phonenumbers.PhoneNumber) -> str | None:
    region = phonenumbers.region_code_for_number(number)
    if (region is None or region in _NO_REGION) and number.country_code is not None:
        region = phonenumbers.region_code_for_country_code(number.country_code)
    return None if region in _NO_REGION else region


@lru_cache(maxsize=512)
def _supported_region(region: str | None) -> str | None:
    if not isinstance(region, str):
        return None
    code = region.strip().upper()
    return code if code in phonenumbers.SUPPORTED_REGIONS else None


@lru_cache(maxsize=1024)
def _patient_zones(zones: tuple[str, ...], region: str | None) -> tuple[str, ...]:
    """The zones narrowed to the number's own country.

    phonenumbers lists the zones of a whole calling-code range: an Irish mobile gets Guernsey,
    the Isle of Man and London; a Russian one Almaty and Bucharest too. A country with a single
    zone gets that zone by its current name (Europe/Dublin, Asia/Kolkata); a country with several
    keeps the listed zones that are in it.
    """
    if not region:
        return zones
    own = tuple(get_global("territory_zones").get(region.upper(), ()))
    if len(own) == 1:
        return own
    inside = tuple(zone for zone in zones if zone in own)
    return inside or zones


@lru_cache(maxsize=1024)
def _known_zones(zones: tuple[str, ...]) -> tuple[str, ...]:
    # Cached so that the many numbers of one prefix share one tuple.
    return tuple(zone for zone in zones if zone != _UNKNOWN_ZONE)


@lru_cache(maxsize=_CACHE_SIZE)
def _search_keys_cached(text: str) -> tuple[str, ...]:
    try:
        number = phonenumbers.parse(_rewrite_double_zero(text), None)
    except NumberParseException:
        digits = digits_only(text)
        return (digits,) if digits else ()
    return _keys_of(number)


def _keys_of(number: phonenumbers.PhoneNumber) -> tuple[str, ...]:
    national = phonenumbers.national_significant_number(number)
    keys = (
        f"{number.country_code}{national}",
        national,
        digits_only(phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)),
    )
    return tuple(dict.fromkeys(key for key in keys if key))


# --- time zones ------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _zone(name: str | None) -> ZoneInfo | None:
    if not isinstance(name, str) or not name or name == _UNKNOWN_ZONE:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _city(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ")
