"""Numbers, money, dates and country names written the way the packet's language writes them."""

from __future__ import annotations

import copy
import datetime
import functools
import re
import unicodedata
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, format_decimal, get_currency_name, get_currency_symbol, parse_pattern

_NBSP = "\u00a0"
_LRE, _PDF = "\u202a", "\u202c"


@functools.lru_cache(maxsize=64)
def _whole_currency_pattern(locale: Locale) -> NumberPattern:
    """The locale's currency pattern without decimals: estimates are whole amounts."""
    pattern = copy.copy(parse_pattern(locale.currency_formats["standard"]))
    pattern.frac_prec = (0, 0)
    return pattern


def format_money(amount: Decimal, currency: str, locale: Locale) -> str:
    """A whole amount with the locale's symbol, grouping and symbol position."""
    text = _whole_currency_pattern(locale).apply(amount, locale, currency=currency, currency_digits=False)
    # CLDR "currency spacing": a symbol ending or starting in a letter (RUB, US$ is fine)
    # is kept apart from the digits by a no-break space.
    symbol = get_currency_symbol(currency, locale)
    position = text.find(symbol)
    if position >= 0:
        after = position + len(symbol)
        if symbol[-1].isalpha() and after < len(text) and text[after].isdigit():
            text = text[:after] + _NBSP + text[after:]
        if symbol[0].isalpha() and position > 0 and text[position - 1].isdigit():
            text = text[:position] + _NBSP + text[position:]
            position += 1
        # In right-to-left text a Latin symbol such as "US$" would be split by the
        # bidi algorithm ("$US"); embedding it keeps it whole.
        if locale.character_order == "right-to-left" and any(
                unicodedata.bidirectional(char) in ("L", "ET") for char in symbol):
            text = text[:position] + _LRE + symbol + _PDF + text[position + len(symbol):]
    return text


def format_amount(amount: Decimal, locale: Locale) -> str:
    """A whole amount without a currency symbol, for table columns headed by the currency."""
    return format_decimal(amount.quantize(Decimal(1)), locale=locale)


def format_rate(rate: Decimal, locale: Locale) -> str:
    return format_decimal(rate, locale=locale, decimal_quantization=False)


def format_long_date(day: datetime.date, locale: Locale) -> str:
    """The date written out; in Russian without the trailing "г." (a date that ends a sentence
    would otherwise end in "г.." — "7 января 2027" is the plain written form)."""
    text = format_date(day, format="long", locale=locale)
    if locale.language == "ru" and text.endswith("г."):
        text = text[: -len("г.")].rstrip()  # CLDR puts a narrow no-break space before it
    return text


def country_name(country: str | None, locale: Locale) -> str | None:
    if not country:
        return None
    return locale.territories.get(country, country)


def currency_name(currency: str, locale: Locale) -> str:
    return locale.currencies.get(currency, currency)


def currency_label(currency: str, locale: Locale) -> str:
    """A currency as people read it in running text, its code after: "US dollars (USD)", "Saudi
    riyals (SAR)"; "доллар США (USD)"; "ريال سعودي (SAR)"; "美元（USD）". English takes the plural
    and lower-case words after the first (CLDR writes "Saudi Riyal"); a currency CLDR does not
    name is its code alone."""
    if locale.language == "en":
        name = get_currency_name(currency, count=2, locale=locale)
        words = name.split(" ")
        name = " ".join([words[0], *(w if w.isupper() else w.lower() for w in words[1:])])
    else:
        name = get_currency_name(currency, locale=locale)
    if not name or name == currency:
        return currency
    return f"{name}（{currency}）" if locale.language in ("zh", "ja") else f"{name} ({currency})"


#: Western digits and their Arabic-Indic forms (U+0660–U+0669), with the Arabic thousands and
#: decimal separators inside a number.
_ARABIC_INDIC = str.maketrans("0123456789,.", "٠١٢٣٤٥٦٧٨٩٬٫")
#: A number: digits, with separators only between digits; not part of a Latin code (CD19, S2).
_NUMBER = re.compile(r"(?<![A-Za-z0-9_-])[0-9](?:[0-9]|[,.](?=[0-9]))*(?![A-Za-z0-9_])")


def arabic_indic_digits(text: str) -> str:
    """`text` with its numbers in Arabic-Indic digits, except inside a left-to-right embedding
    (U+202A … U+202C: phone numbers, e-mails, references stay as they are dialled or typed) and
    within Latin codes (CD19, S2)."""
    out: list[str] = []
    depth = 0
    for part in _split_embeddings(text):
        if part == _LRE:
            depth += 1
        elif part == _PDF:
            depth = max(0, depth - 1)
        elif depth == 0:
            part = _NUMBER.sub(lambda number: number.group(0).translate(_ARABIC_INDIC), part)
        out.append(part)
    return "".join(out)


def _split_embeddings(text: str) -> list[str]:
    parts: list[str] = []
    current = ""
    for char in text:
        if char in (_LRE, _PDF):
            parts += [current, char]
            current = ""
        else:
            current += char
    return [*parts, current]
