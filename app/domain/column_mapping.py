"""Which column of an imported file holds which lead field, and how its dates are read.

Headers are matched by synonyms, ignoring case, accents, spacing and punctuation ("E-mail",
"email_address" and "Email Address" are one header). Website forms, HubSpot and Google Forms
exports and common Russian headers are covered. The user can correct the guess with
``Column=field`` items (``--map`` on the command line, the mapping step in the import wizard).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from app.domain.countries import folded_words as _words

__all__ = [
    "FIELDS",
    "IGNORE",
    "PHONE_FIELDS",
    "apply_overrides",
    "guess_mapping",
    "parse_map_overrides",
    "parse_submitted_at",
]

FIELDS: tuple[str, ...] = (
    "full_name", "first_name", "last_name", "latin_name", "email", "phone", "phone2", "whatsapp",
    "wechat", "telegram", "country", "language", "diagnosis", "diagnosis_category", "message",
    "source", "submitted_at", "program", "budget", "companions", "coordinator",
)  # fmt: skip

#: The override value that leaves a column out of the import ("Notes=ignore" or "Notes=").
IGNORE = "ignore"
#: Fields that hold phone numbers, in the order a lead's main phone is taken from them: a
#: WhatsApp column stands in for the phone when the file has no phone column.
PHONE_FIELDS: tuple[str, ...] = ("phone", "phone2", "whatsapp")

#: Header synonyms per field, compared word by word after folding (`countries.folded_words`).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "full_name": (
        "name", "full name", "patient name", "patient full name", "contact name", "your name",
        "client name", "name surname", "фио", "ф и о", "имя фамилия", "полное имя", "имя пациента",
        "nombre completo", "nom complet", "الاسم", "姓名",
    ),
    "first_name": ("first name", "given name", "forename", "имя", "nombre", "prénom", "vorname"),
    "last_name": ("last name", "surname", "family name", "фамилия", "apellido", "apellidos", "nom de famille", "nachname"),
    "latin_name": (
        "latin name", "name in latin", "name latin", "name in english", "english name", "passport name",
        "name as in passport", "имя латиницей", "фио латиницей",
    ),
    "email": (
        "email", "e mail", "email address", "e mail address", "your email", "mail",
        "почта", "электронная почта", "эл почта", "correo", "correo electrónico", "courriel", "邮箱",
    ),
    "phone": (
        "phone", "phone number", "mobile", "mobile number", "mobile phone", "mobile phone number",
        "telephone", "telephone number", "tel", "cell", "cell phone", "contact number", "your phone",
        "телефон", "номер телефона", "мобильный", "мобильный телефон", "teléfono", "téléphone",
        "رقم الهاتف", "الهاتف", "电话", "手机",
    ),
    "phone2": (
        "phone 2", "second phone", "alternative phone", "other phone", "secondary phone",
        "additional phone", "телефон 2", "дополнительный телефон",
    ),
    "whatsapp": ("whatsapp", "whatsapp number", "wa", "ватсап", "вотсап", "واتساب"),
    "wechat": ("wechat", "wechat id", "weixin", "微信"),
    "telegram": ("telegram", "telegram username", "tg", "телеграм", "телеграмм"),
    "country": (
        "country", "country region", "country of residence", "nationality", "citizenship",
        "страна", "гражданство", "país", "pays", "الدولة", "国家",
    ),
    "language": ("language", "preferred language", "lang", "язык", "idioma", "langue", "sprache", "اللغة", "语言"),
    "diagnosis": (
        "diagnosis", "condition", "disease", "medical condition", "диагноз", "diagnóstico",
        "diagnostic", "التشخيص", "诊断",
    ),
    "diagnosis_category": (
        "diagnosis category", "disease category", "condition category", "disease type", "cancer type",
        "type of cancer",
    ),
    "message": (
        "message", "notes", "note", "comments", "comment", "inquiry", "enquiry", "question",
        "your message", "your question", "details", "сообщение", "комментарий", "вопрос",
        "mensaje", "الرسالة", "留言",
    ),
    "source": (
        "source", "channel", "utm source", "lead source", "original source", "how did you hear about us",
        "источник", "канал",
    ),
    "submitted_at": (
        "date", "submitted at", "submitted", "submitted on", "created", "created at", "create date",
        "timestamp", "submission date", "date submitted", "дата", "дата заявки", "fecha",
    ),
    "program": ("program", "programme", "treatment", "treatment program", "therapy", "программа", "лечение"),
    "budget": ("budget", "budget usd", "бюджет"),
    "companions": ("companions", "number of companions", "accompanying persons", "сопровождающие"),
    "coordinator": ("coordinator", "contact owner", "hubspot owner", "owner", "assigned to", "координатор", "менеджер"),
}  # fmt: skip

#: Synonyms too generic to count when they are only part of a header ("Date of birth" is not
#: the submission date; "Company name" is not the patient).
EXACT_ONLY: frozenset[str] = frozenset({"name", "date", "tel", "mail", "wa", "tg", "created", "cell", "note", "owner"})

_EXACT = 2
_PARTIAL = 1


# --- guessing --------------------------------------------------------------------------------


def guess_mapping(headers: Sequence[str]) -> dict[str, str]:
    """header → field for the headers recognised. A header that is a synonym beats one that only
    contains a synonym (there the longer synonym wins: "Phone number (with country code)" is a
    phone, not a country); among equals the leftmost column wins. Each field is used once,
    except that a second phone column becomes ``phone2``."""
    candidates: list[tuple[int, int, int, str, str]] = []  # (-strength, -length, position, header, field)
    for position, header in enumerate(headers):
        if match := _best_field(header):
            strength, length, field = match
            candidates.append((-strength, -length, position, header, field))
    mapping: dict[str, str] = {}
    extra_phones: list[str] = []
    for _, _, _, header, field in sorted(candidates):
        if header in mapping:
            continue
        if field not in mapping.values():
            mapping[header] = field
        elif field == "phone":
            extra_phones.append(header)
    if extra_phones and "phone2" not in mapping.values():
        mapping[extra_phones[0]] = "phone2"
    return {header: mapping[header] for header in headers if header in mapping}


def _best_field(header: str) -> tuple[int, int, str] | None:
    words = _words(header)
    if not words:
        return None
    joined = "".join(words)
    best: tuple[int, int, str] | None = None
    for field, synonym_words, synonym in _SYNONYM_INDEX:
        if "".join(synonym_words) == joined:
            score = (_EXACT, 0, field)
        elif synonym not in EXACT_ONLY and _contains(words, synonym_words):
            score = (_PARTIAL, len(synonym), field)
        else:
            continue
        if best is None or score[:2] > best[:2]:
            best = score
    return best


def _contains(words: Sequence[str], part: Sequence[str]) -> bool:
    size = len(part)
    return any(tuple(words[start : start + size]) == tuple(part) for start in range(len(words) - size + 1))


#: (field, synonym's words, synonym) for every synonym, folded once.
_SYNONYM_INDEX: list[tuple[str, tuple[str, ...], str]] = [
    (field, _words(synonym), " ".join(_words(synonym))) for field, synonyms in SYNONYMS.items() for synonym in synonyms
]


# --- overrides -------------------------------------------------------------------------------


def parse_map_overrides(items: Sequence[str]) -> dict[str, str]:
    """``["Tel=phone", "Notes=ignore"]`` → ``{"Tel": "phone", "Notes": "ignore"}``.
    Field names are forgiving ("First Name" → first_name); "ignore" or nothing after ``=``
    leaves the column out. Raises ValueError naming the bad item and the valid fields."""
    overrides: dict[str, str] = {}
    for item in items:
        column, separator, value = item.rpartition("=")
        column = column.strip()
        if not separator or not column:
            raise ValueError(f"cannot read the mapping '{item}': write it as Column=field; {_valid_fields()}")
        field = "_".join(_words(value)) or IGNORE
        if field != IGNORE and field not in FIELDS:
            raise ValueError(f"cannot read the mapping '{item}': '{value.strip()}' is not a field; {_valid_fields()}")
        overrides[column] = field
    return overrides


def apply_overrides(mapping: Mapping[str, str], overrides: Mapping[str, str], headers: Sequence[str]) -> dict[str, str]:
    """`mapping` corrected by the user's `overrides`: a column given a field takes it from any
    column that had it; "ignore" drops the column. Columns may be named in any case. Raises
    ValueError for a column not in the file (listing the real ones) or a field given twice."""
    result = dict(mapping)
    chosen: dict[str, str] = {}
    for column, field in overrides.items():
        header = _find_header(column, headers)
        if field == IGNORE:
            result.pop(header, None)
            continue
        if field in chosen and chosen[field] != header:
            raise ValueError(f"both '{chosen[field]}' and '{header}' are mapped to {field}; keep one")
        chosen[field] = header
        result = {h: f for h, f in result.items() if f != field}
        result[header] = field
    return {header: result[header] for header in headers if header in result}


def _find_header(column: str, headers: Sequence[str]) -> str:
    if column in headers:
        return column
    folded = [header for header in headers if _words(header) == _words(column)]
    if len(folded) == 1:
        return folded[0]
    listed = ", ".join(f"'{header}'" for header in headers)
    raise ValueError(f"the file has no column '{column}'; its columns are: {listed}")


def _valid_fields() -> str:
    return f"fields are: {', '.join(FIELDS)}, or {IGNORE}"


# --- dates -----------------------------------------------------------------------------------

_NUMERIC_DATE = re.compile(
    r"""^(?P<a>\d{1,4})[./-](?P<b>\d{1,2})[./-](?P<c>\d{1,4})
    (?:[\sT,]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?
    \s*(?P<ampm>[ap]\.?m\.?)?)?
    \s*(?P<zone>z|(?:gmt|utc)?\s*[+-]\d{1,2}(?::?\d{2})?|gmt|utc)?$""",
    re.IGNORECASE | re.VERBOSE,
)
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
_YEARS = range(1900, 2101)


def parse_submitted_at(text: str | None, *, day_first: bool | None = None) -> datetime | None:
    """When an inquiry was sent, as a naive UTC datetime; None when the text is not a date.

    Read: ISO 8601 (``2026-10-02``, ``2026-10-02 09:14``, ``2026-10-02T09:14:00Z``, offsets),
    ``02.10.2026 09:14``, ``02/10/2026 09:14``, Google Forms ``10/2/2026 9:14:00 AM`` and
    ``2026/10/02 9:14:00 AM GMT+3``, RFC 2822 (``Fri, 02 Oct 2026 09:14:00 +0300``) and Unix
    timestamps. A time with an offset is converted to UTC; one without is taken as UTC.

    Day or month first, when the date starts with neither the year nor a number above 12:
    `day_first` decides when given; otherwise a time with AM/PM means month first (US style,
    as Google Forms writes it) and anything else day first (02/10/2026 is 2 October). A number
    above 12 always settles it (10/25/2026 is 25 October).
    """
    if not isinstance(text, str) or not (cleaned := " ".join(text.split())):
        return None
    try:
        return _parse(cleaned, day_first)
    except (ValueError, OverflowError, OSError):
        return None


def _parse(text: str, day_first: bool | None) -> datetime | None:
    if _EPOCH.match(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return _naive_utc(datetime.fromtimestamp(seconds, tz=UTC))
    try:
        return _naive_utc(datetime.fromisoformat(text))
    except ValueError:
        pass
    if match := _NUMERIC_DATE.match(text):
        return _from_numeric(match, day_first)
    try:
        return _naive_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None


def _from_numeric(match: re.Match[str], day_first: bool | None) -> datetime | None:
    a, b, c = match["a"], int(match["b"]), match["c"]
    ampm = (match["ampm"] or "").replace(".", "").lower()
    if len(a) == 4:
        year, month, day = int(a), b, int(c)
    elif len(c) in (2, 4):
        year = int(c) + (2000 if len(c) == 2 else 0)
        first, second = int(a), b
        prefer_day_first = day_first if day_first is not None else not ampm
        if first > 12 or (prefer_day_first and second <= 12):
            day, month = first, second
        else:
            month, day = first, second
    else:
        return None
    if year not in _YEARS:
        return None
    hour = int(match["hour"] or 0)
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    fraction = (match["fraction"] or "0")[:6].ljust(6, "0")
    moment = datetime(year, month, day, hour, int(match["minute"] or 0), int(match["second"] or 0), int(fraction))
    return moment - _offset(match["zone"])


def _offset(zone: str | None) -> timedelta:
    digits = re.sub(r"(?i)gmt|utc|z|\s", "", zone or "")
    if not digits:
        return timedelta(0)
    sign = -1 if digits[0] == "-" else 1
    hours, _, minutes = digits[1:].partition(":")
    if not minutes and len(hours) > 2:
        hours, minutes = hours[:-2], hours[-2:]
    return sign * timedelta(hours=int(hours), minutes=int(minutes or 0))


def _naive_utc(moment: datetime | date) -> datetime | None:
    if not isinstance(moment, datetime):
        return None
    if moment.year not in _YEARS:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment
