"""Countries and languages: what patients write ("Россия", "UAE", "中文") → ISO codes, and back
to names in the coordinator's language.

Codes are ISO 3166-1 alpha-2 for countries (plus ``XK``, Kosovo, which CLDR and phone plans
use) and ISO 639-1 for languages where one exists, else ISO 639-3. Names come from babel (CLDR);
pycountry adds the official and older ISO names that CRM exports (HubSpot, …) still use.

The lookup tables are built on first use and kept; every public function is safe for any input
and never raises.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import get_territory_currencies

from app.domain.search_text import fold

__all__ = [
    "all_countries",
    "all_languages",
    "country_name",
    "currency_for_country",
    "default_language_for_country",
    "flag_emoji",
    "folded_words",
    "language_name",
    "resolve_country",
    "resolve_language",
]

#: Locales whose CLDR names of countries and languages are recognised in imported text.
NAME_LOCALES = (
    "en", "ru", "ar", "zh", "zh_Hant", "es", "fr", "de", "pt", "it", "tr", "uk", "kk", "uz",
    "vi", "hi", "ja", "ko", "fa", "he", "id", "th", "pl", "ro",
)  # fmt: skip

#: Names people use that neither CLDR nor ISO list (normalised like every other name).
COUNTRY_ALIASES: dict[str, str] = {
    "UK": "GB", "Great Britain": "GB", "Britain": "GB", "England": "GB", "Scotland": "GB",
    "Wales": "GB", "Northern Ireland": "GB", "Англия": "GB",
    "USA": "US", "US": "US", "America": "US", "United States of America": "US", "США": "US",
    "UAE": "AE", "Emirates": "AE", "ОАЭ": "AE", "الإمارات": "AE",
    "KSA": "SA", "Saudi": "SA", "السعودية": "SA",
    "Korea, South": "KR", "Korea (South)": "KR", "Republic of Korea": "KR",
    "Korea, North": "KP", "Korea (North)": "KP", "DPRK": "KP",
    "RF": "RU", "РФ": "RU", "Российская Федерация": "RU",
    "Turkey": "TR", "Ivory Coast": "CI", "Czech Republic": "CZ", "Holland": "NL", "Burma": "MM",
    "Swaziland": "SZ", "Macedonia": "MK", "Macedonia, the Former Yugoslav Republic of": "MK",
    "East Timor": "TL", "Cape Verde": "CV", "Vatican": "VA", "Palestine": "PS",
    "DRC": "CD", "DR Congo": "CD", "Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG",
    "Republic of the Congo": "CG", "Bosnia": "BA", "Macau": "MO", "Hong Kong": "HK",
    "PRC": "CN", "P.R. China": "CN", "Mainland China": "CN",
    "Belorussia": "BY", "Byelorussia": "BY", "Белоруссия": "BY", "Киргизия": "KG",
    "Молдавия": "MD", "Туркмения": "TM",
}  # fmt: skip

LANGUAGE_ALIASES: dict[str, str] = {
    "Mandarin": "zh", "Mandarin Chinese": "zh", "Putonghua": "zh", "Simplified Chinese": "zh",
    "Traditional Chinese": "zh", "普通话": "zh", "汉语": "zh", "國語": "zh", "华语": "zh",
    "Farsi": "fa", "Bangla": "bn", "Filipino": "fil", "Cantonese": "yue", "粤语": "yue",
}  # fmt: skip

#: Languages without an ISO 639-1 code that pickers offer anyway.
PICKER_EXTRA_LANGUAGES = ("fil", "yue")

_EXTRA_COUNTRY_CODES = ("XK",)
_UNDETERMINED = "und"
_OFFICIAL = frozenset({"official", "de_facto_official"})
_DROPPED_TOKENS = frozenset({"the", "and"})
_TOKEN_SYNONYMS = {"st": "saint", "ste": "sainte"}
_FUZZY_MIN_LENGTH = 5
_FUZZY_CUTOFF = 0.85
_FUZZY_MARGIN = 0.05
_APOSTROPHES = frozenset("'’`ʼ")
_PARENTHESES = re.compile(r"\(([^)]*)\)")
_LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$")
_LIST_SEPARATORS = re.compile(r"\s*(?:[,;/|+&]|\band\b|\bи\b)\s*")


# --- countries -------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def resolve_country(text: str | None) -> str | None:
    """The alpha-2 code for a country written as a code (RU, RUS, 643), an English, official or
    older ISO name, a native or localised name (Россия, 中国, Türkiye) or a common alias (UAE, UK).
    Case, accents, punctuation and spacing do not matter. Typos are forgiven only when one
    country is clearly closest. None when unknown."""
    if not isinstance(text, str):
        return None
    table = _country_table()
    for variant in _variants(text):
        if code := table.get(_key(variant)):
            return code
    return _fuzzy(_key(text), table)


def country_name(code: str | None, locale: str = "en") -> str:
    """The country's name in `locale` ("Russia", "Россия"); "" for None; the code itself if unknown."""
    if not code:
        return ""
    return _locale(locale).territories.get(code.strip().upper(), code)


def currency_for_country(code: str | None, on: date | None = None) -> str | None:
    """The legal tender of a country ("RU" → "RUB") on `on` (default today), None when unknown:
    the one rule for a patient's home currency (the packet's estimate, the quotes compared)."""
    if not code:
        return None
    try:
        currencies = get_territory_currencies(code.strip().upper(), start_date=on, end_date=on, tender=True)
    except Exception:  # noqa: BLE001 - babel raises various errors for unknown territories; none is a bug here
        return None
    return currencies[0] if currencies else None


def flag_emoji(code: str | None) -> str:
    """The flag as a pair of regional-indicator symbols ("RU" → "🇷🇺"); "" when not a 2-letter code."""
    letters = (code or "").strip().upper()
    if len(letters) != 2 or not all("A" <= ch <= "Z" for ch in letters):
        return ""
    return "".join(chr(0x1F1E6 + ord(ch) - ord("A")) for ch in letters)


def default_language_for_country(code: str | None) -> str | None:
    """The main language of a country ("KZ" → "ru", "IN" → "hi", "NG" → "en"), None when unknown:
    CLDR's likely language for the territory, else its most spoken official language."""
    if not code:
        return None
    territory = code.strip().upper()
    likely = get_global("likely_subtags").get(f"und_{territory}")
    if likely and not likely.startswith(f"{_UNDETERMINED}_"):
        return likely.split("_", 1)[0]
    territory_languages = get_global("territory_languages").get(territory, {})
    spoken = {code: info for code, info in territory_languages.items() if code != _UNDETERMINED}
    if not spoken:
        return None

    def rank(language: str) -> tuple[bool, float]:
        info = spoken[language]
        return info.get("official_status") in _OFFICIAL, info.get("population_percent") or 0.0

    return max(spoken, key=rank).split("_", 1)[0]


def all_countries(locale: str = "en") -> list[tuple[str, str]]:
    """(code, name) of every country, sorted by name in `locale`, for pickers."""
    return list(_all_countries(_locale(locale)))


# --- languages -------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def resolve_language(text: str | None) -> str | None:
    """The ISO 639-1 code (else 639-3) for a language written as a code (ru, rus, ru-RU, zh_Hans),
    a name in one of NAME_LOCALES (Russian, русский, 中文) or a common alias (Mandarin, Farsi).
    For a list ("English / Russian") the first known language wins. None when unknown."""
    if not isinstance(text, str) or not text.strip():
        return None
    tag = _LANGUAGE_TAG.match(text.strip().casefold())
    if tag and (code := _language_code(tag.group(1))):
        return code
    major, everything = _language_tables()
    for variant in _variants(text):
        key = _key(variant)
        if code := major.get(key) or everything.get(key):
            return code
    for part in _LIST_SEPARATORS.split(text):
        key = _key(_PARENTHESES.sub(" ", part))
        if code := major.get(key):
            return code
    codes = {major[word] for word in _tokens(text) if word in major and len(word) > 3}
    return codes.pop() if len(codes) == 1 else None


def language_name(code: str | None, locale: str = "en") -> str:
    """The language's name in `locale` ("ru" → "Russian"); "" for None; the code itself if unknown."""
    if not code:
        return ""
    wanted = code.strip()
    names = _locale(locale).languages
    canonical = _language_code(wanted.casefold()) or wanted
    if name := names.get(wanted) or names.get(canonical):
        return name
    language = pycountry.languages.get(alpha_3=canonical) if len(canonical) == 3 else None
    return language.name if language else code


def all_languages(locale: str = "en") -> list[tuple[str, str]]:
    """(code, name) of every ISO 639-1 language plus PICKER_EXTRA_LANGUAGES, sorted by name."""
    return list(_all_languages(_locale(locale)))


# --- tables ----------------------------------------------------------------------------------


def _country_codes() -> set[str]:
    return {country.alpha_2 for country in pycountry.countries} | set(_EXTRA_COUNTRY_CODES)


@lru_cache(maxsize=1)
def _country_table() -> dict[str, str]:
    codes = _country_codes()

    def names() -> Iterator[tuple[str, str]]:
        yield from COUNTRY_ALIASES.items()
        yield from ((code, code) for code in _EXTRA_COUNTRY_CODES)
        for country in pycountry.countries:
            for attribute in ("alpha_2", "alpha_3", "numeric", "common_name", "name", "official_name"):
                if value := getattr(country, attribute, None):
                    yield value, country.alpha_2
        for locale in NAME_LOCALES:
            for code, name in Locale.parse(locale).territories.items():
                if code in codes:
                    yield name, code

    return _first_wins(names())


@lru_cache(maxsize=1)
def _language_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(major, everything): names of languages with a 639-1 code or a CLDR name, and every
    ISO 639-3 name besides. Single words of free text are only looked up in `major`."""

    def major_names() -> Iterator[tuple[str, str]]:
        yield from LANGUAGE_ALIASES.items()
        for locale in NAME_LOCALES:
            for babel_code, name in Locale.parse(locale).languages.items():
                if "_" not in babel_code and (code := _language_code(babel_code)):
                    yield name, code
        for language in pycountry.languages:
            if code := getattr(language, "alpha_2", None):
                for attribute in ("name", "common_name", "inverted_name"):
                    if value := getattr(language, attribute, None):
                        yield value, code

    def other_names() -> Iterator[tuple[str, str]]:
        for language in pycountry.languages:
            code = getattr(language, "alpha_2", None) or language.alpha_3
            for attribute in ("name", "common_name", "inverted_name"):
                if value := getattr(language, attribute, None):
                    yield value, code

    major = _first_wins(major_names())
    everything = _first_wins(other_names())
    return major, everything


@lru_cache(maxsize=4096)
def _language_code(code: str) -> str | None:
    """A 2- or 3-letter code (639-1, 639-3 or 639-2/B) → the code this module returns."""
    lowered = code.casefold()
    if len(lowered) == 2:
        language = pycountry.languages.get(alpha_2=lowered)
    elif len(lowered) == 3:
        language = pycountry.languages.get(alpha_3=lowered) or pycountry.languages.get(bibliographic=lowered)
    else:
        return None
    if language is None:
        return None
    return getattr(language, "alpha_2", None) or language.alpha_3


@lru_cache(maxsize=16)
def _all_countries(locale: Locale) -> tuple[tuple[str, str], ...]:
    territories = locale.territories
    pairs = ((code, territories.get(code, code)) for code in _country_codes())
    return tuple(sorted(pairs, key=lambda pair: _sort_key(pair[1])))


@lru_cache(maxsize=16)
def _all_languages(locale: Locale) -> tuple[tuple[str, str], ...]:
    codes = [language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2")]
    pairs = ((code, language_name(code, str(locale))) for code in [*codes, *PICKER_EXTRA_LANGUAGES])
    return tuple(sorted(pairs, key=lambda pair: _sort_key(pair[1])))


@lru_cache(maxsize=64)
def _locale(name: str | None) -> Locale:
    try:
        return Locale.parse((name or "en").replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return Locale.parse("en")


# --- matching --------------------------------------------------------------------------------


def _first_wins(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for name, code in pairs:
        if key := _key(name):
            table.setdefault(key, code)
    return table


def folded_words(text: str) -> tuple[str, ...]:
    """The words of `text` as names are compared: folded like search text (case, and accents
    of Latin, Greek and Cyrillic letters), split at anything but letters, digits and the vowel
    signs of other scripts; an apostrophe joins ("Côte d’Ivoire" → ("cote", "divoire"))."""
    words: list[str] = []
    current: list[str] = []
    for char in fold(text):
        if char.isalnum() or unicodedata.category(char).startswith("M"):
            current.append(char)
        elif char not in _APOSTROPHES:
            if current:
                words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return tuple(words)


def _tokens(text: str) -> list[str]:
    return [_TOKEN_SYNONYMS.get(word, word) for word in folded_words(text) if word not in _DROPPED_TOKENS]


def _key(text: str) -> str:
    return "".join(_tokens(text))


def _sort_key(name: str) -> str:
    return " ".join(_tokens(name))


def _variants(text: str) -> Iterator[str]:
    """`text`, then without its parenthesised part, then the parenthesised part alone."""
    yield text
    outside = _PARENTHESES.sub(" ", text)
    if outside != text:
        yield outside
        yield from _PARENTHESES.findall(text)


def _fuzzy(key: str, table: dict[str, str]) -> str | None:
    """A typo's country, only when every close name belongs to one country or the best is
    clearly closer than any other country's ("Phillipines" → PH; "Nigera" → None: Niger or Nigeria)."""
    if len(key) < _FUZZY_MIN_LENGTH:
        return None
    matcher = difflib.SequenceMatcher(b=key)
    scored: dict[str, float] = {}
    for candidate in difflib.get_close_matches(key, [k for k in table if len(k) >= _FUZZY_MIN_LENGTH], n=8, cutoff=_FUZZY_CUTOFF):
        matcher.set_seq1(candidate)
        code = table[candidate]
        scored[code] = max(scored.get(code, 0.0), matcher.ratio())
    if not scored:
        return None
    ranked = sorted(scored.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < _FUZZY_MARGIN:
        return None
    return ranked[0][0]
