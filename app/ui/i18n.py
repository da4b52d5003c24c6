"""The coordinator's language, in one home: which language the desk speaks, its translators (the
desk's own ``medtour_<lang>.qm`` and Qt's ``qtbase_<lang>.qm`` for Qt's own dialogs), the layout
direction (Arabic mirrors the whole window), and every date, time and number the desk shows,
written in that language's locale.

Strings in the UI are wrapped as ``translate("Context", "text")`` (this module's `translate`, which
``pyside6-lupdate`` recognises); a fixed context per module, not ``self.tr``, whose context is the
runtime class name and so changes under a subclass. Placeholders are ``{name}`` (filled with
``str.format`` after translation) and ``%n`` for counts with plural forms.

The domain's words (statuses, call outcomes, reasons, field names) keep their one home in
app.domain; `domain_word` translates them at display time, and `domain_words` lists them for
extraction (``make translations`` feeds them to lupdate), so the lists are never copied.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLibraryInfo, QLocale, Qt, QTime, QTranslator

from app import paths
from app.ui import settings

__all__ = [
    "DOMAIN_CONTEXT", "LANGUAGES", "QT_TRANSLATE_NOOP", "SOURCE_LANGUAGE", "chosen_language", "country_name",
    "current_language", "date_text", "date_time_text", "day_month_text", "domain_word", "domain_words",
    "duration_text", "full_weekday_date_text", "install_language", "is_right_to_left", "join", "line", "local_time_text", "ltr", "number",
    "percent",
    "qdatetime", "qt_translations_dir", "resolve_language", "status_label", "time_text", "translate",
    "translation_file", "weekday_date_text",
]

#: The languages the desk speaks: code → the language's own name (as the Settings list shows it).
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский", "ar": "العربية", "zh_CN": "简体中文"}
#: The source language (no translation file).
SOURCE_LANGUAGE = "en"
#: The context every domain word is translated in.
DOMAIN_CONTEXT = "Domain"

_installed: list[QTranslator] = []
#: The desk writes Western digits in Arabic too, as Gulf and most medical paperwork do: the phone
#: numbers, references and clock times it shows are in them, and an Arabic zero (٠) next to the
#: desk's "·" separators reads as one more dot.
_WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩٫٬٪\u061c", "0123456789.,%\u200e")
_language = SOURCE_LANGUAGE  # the language installed last


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the desk's language (QCoreApplication.translate; `n` picks a plural form for ``%n``/``%Ln``).

    English is the source language and has no translation file, so an English count keeps its
    source's "(s)": "%Ln lead(s)" is written "1 lead", "2,015 leads" here."""
    out = QCoreApplication.translate(context, text, disambiguation, n)
    if n >= 0 and "(s)" in out:
        out = out.replace("(s)", "" if n == 1 else "s")
    return _digits(out) if n >= 0 else out


def ltr(text: str) -> str:
    """`text` kept left to right inside a right-to-left line (a phone number, a path, an address):
    isolated (LRI…PDI) in Arabic, so "+998 91 204 75 14" does not come out "14 75 204 91 998+"."""
    return f"\u2066{text}\u2069" if text and is_right_to_left(_language) else text


def line(text: str) -> str:
    """A line of the desk's words mixed with data, set in the desk's direction: in Arabic it begins
    with a right-to-left mark, so a line that opens with a reference or a country code ("L-2026-00007
    · …", "[UZ] …") still reads right to left instead of taking the Latin code's direction."""
    return f"\u200f{text}" if text and is_right_to_left(_language) else text


def join(parts: Iterable[str]) -> str:
    """Items of a list as the language separates them: "a, b", "а, б", "أ، ب", "甲，乙"."""
    return translate("List", ", ").join(parts)


def _digits(text: str) -> str:
    """`text` with the locale's digits written as the desk writes them (Western in Arabic)."""
    return text.translate(_WESTERN_DIGITS) if _language == "ar" else text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for extraction in `context` where it is declared (a table of column titles);
    it is translated where it is shown, with `translate(context, text)`."""
    return text


def domain_word(text: str | None) -> str:
    """A label from app.domain (a status, an outcome, a reason, a field name) in the desk's language."""
    return QCoreApplication.translate(DOMAIN_CONTEXT, text) if text else ""


def status_label(status: str) -> str:
    """A status as the desk shows it: its one label (app.domain.pipeline), translated."""
    from app.domain.pipeline import STATUS_INFO, Status

    try:
        return domain_word(STATUS_INFO[Status(status)].label)
    except ValueError:
        return status


def domain_words() -> list[str]:
    """Every domain label the desk shows, from its one home, for extraction into the .ts files."""
    from app.domain import figure_names
    from app.domain.case_records import REQUEST_CHANNELS
    from app.domain.follow_up_time import QUICK_PICKS
    from app.domain.journey_dates import PREPARATION_TASKS
    from app.domain.lead_history import FIELD_LABELS
    from app.domain.lead_records import DIAGNOSIS_CATEGORIES, INTERACTION_KINDS, OUTCOMES
    from app.domain.phone import LINE_TYPE_WORDS
    from app.domain.pipeline import LOST_REASONS, NOT_ELIGIBLE_REASONS, STATUS_INFO

    groups: Iterable[Iterable[str]] = (
        (info.label for info in STATUS_INFO.values()), OUTCOMES.values(), LOST_REASONS, NOT_ELIGIBLE_REASONS,
        FIELD_LABELS.values(), INTERACTION_KINDS.values(), DIAGNOSIS_CATEGORIES.values(), REQUEST_CHANNELS.values(),
        (value for name, value in vars(figure_names).items() if name.isupper() and isinstance(value, str)),
        (label for label, _days in QUICK_PICKS), LINE_TYPE_WORDS, (label for _key, label, _days in PREPARATION_TASKS),
    )
    return list(dict.fromkeys(word for group in groups for word in group))


# ---------------------------------------------------------------------------------------- language


def resolve_language(stored: str | None, system: QLocale | None = None) -> str:
    """The language to speak: the stored choice when the desk speaks it, else the system's, else English."""
    if stored in LANGUAGES:
        return stored
    system = system or QLocale.system()
    name = system.name()  # "ru_RU", "zh_CN", "ar_EG"
    if name in LANGUAGES:
        return name
    if system.language() == QLocale.Language.Chinese:
        return "zh_CN" if system.script() != QLocale.Script.TraditionalChineseScript else SOURCE_LANGUAGE
    short = name.split("_")[0]
    return short if short in LANGUAGES else SOURCE_LANGUAGE


def chosen_language() -> str:
    """The language stored in Settings (or the system's), as `resolve_language` decides it."""
    return resolve_language(settings.read(settings.LANGUAGE))


def translation_file(language: str, folder: Path | None = None) -> Path:
    return (folder or paths.translations_dir()) / f"medtour_{language}.qm"


def qt_translations_dir() -> Path:
    """Qt's own translations (qtbase_*.qm) as the PySide6 package ships them."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def is_right_to_left(language: str) -> bool:
    return QLocale(language).textDirection() == Qt.LayoutDirection.RightToLeft


def install_language(app: QCoreApplication, language: str, *, desk_file: Path | None = None) -> str:
    """Speak `language` from now on: translators for the desk and for Qt's own dialogs, the default
    locale (numbers, dates) and the layout direction. Returns the language installed."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language not in LANGUAGES:
        language = SOURCE_LANGUAGE
    global _language
    _language = language
    QLocale.setDefault(QLocale(language))
    if language != SOURCE_LANGUAGE:
        for folder, name in ((qt_translations_dir(), f"qtbase_{language}"), (None, None)):
            translator = QTranslator(app)
            loaded = (translator.load(name, str(folder)) if name and folder
                      else translator.load(str(desk_file or translation_file(language))))
            if loaded:
                app.installTranslator(translator)
                _installed.append(translator)
    set_layout_direction = getattr(app, "setLayoutDirection", None)
    if set_layout_direction is not None:
        set_layout_direction(Qt.LayoutDirection.RightToLeft if is_right_to_left(language)
                             else Qt.LayoutDirection.LeftToRight)
    return language


def current_language() -> str:
    """The language the desk speaks now (the one `install_language` installed; English before)."""
    return _language


def local_time_text(label: str) -> str:
    """A patient's local time as app.domain words it ("12:00 Moscow", "varies (10:00–20:00)",
    "unknown"), its words in the desk's language (the clock and the city stay as they are)."""
    if label.startswith("varies (") and label.endswith(")"):
        return translate("LocalTime", "varies ({span})").format(span=label[len("varies ("):-1])
    if label in ("varies", "unknown"):
        return translate("LocalTime", "varies") if label == "varies" else translate("LocalTime", "unknown")
    return label


def country_name(code: str | None) -> str:
    """A country's name in the desk's language ("Russia", "Россия", "روسيا", "俄罗斯")."""
    from app.domain import countries

    return countries.country_name(code, _language)


# ---------------------------------------------------------------------------- numbers, dates, times


def number(value: float, decimals: int | None = None) -> str:
    """A number in the desk's locale: 2,015 / 2 015 / ٢٬٠١٥ (whole numbers without decimals)."""
    locale = QLocale()
    if isinstance(value, int) and decimals is None:
        return _digits(locale.toString(value))
    return _digits(locale.toString(float(value), "f", 2 if decimals is None else decimals))


def percent(share: float) -> str:
    """A share (0.42) as the locale writes a percentage: 42%, 42 %, ٪42."""
    locale = QLocale()
    return _digits(locale.toString(round(share * 100)) + locale.percent())


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _qtime(value: time | datetime) -> QTime:
    return QTime(value.hour, value.minute, value.second)


def date_text(value: date | datetime | None, *, long: bool = False) -> str:
    """A date as the locale writes it: '7 Dec 2026', '7 дек. 2026 г.', '2026年12月7日'."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    if long:
        return _digits(QLocale().toString(_qdate(day), QLocale.FormatType.LongFormat))
    return _digits(QLocale().toString(_qdate(day), _medium_date_format()))


def _medium_date_format() -> str:
    """Day, abbreviated month, year in the locale's order ('d MMM yyyy'; 'yyyy年M月d日' for Chinese)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.Chinese:
        return "yyyy年M月d日"
    return "d MMM yyyy"


def weekday_date_text(value: date | datetime, *, year: bool = False) -> str:
    """'Mon 30 Nov' (with the year on request) in the locale's words and order."""
    day = value.date() if isinstance(value, datetime) else value
    locale = QLocale()
    if locale.language() == QLocale.Language.Chinese:
        fmt = ("yyyy年" if year else "") + "M月d日 ddd"
    else:
        fmt = "ddd d MMM" + (" yyyy" if year else "")
    return _digits(locale.toString(_qdate(day), fmt))


def full_weekday_date_text(value: date | datetime) -> str:
    """'Wednesday 25 November' / 'среда 25 ноября' / 'الأربعاء ٢٥ نوفمبر' / '11月25日 星期三'."""
    day = value.date() if isinstance(value, datetime) else value
    locale = QLocale()
    return _digits(locale.toString(_qdate(day), "M月d日 dddd" if locale.language() == QLocale.Language.Chinese else "dddd d MMMM"))


def day_month_text(value: date | datetime) -> str:
    """'30 Nov' / '30 нояб.' / '11月30日'."""
    day = value.date() if isinstance(value, datetime) else value
    locale = QLocale()
    return _digits(locale.toString(_qdate(day), "M月d日" if locale.language() == QLocale.Language.Chinese else "d MMM"))


def time_text(value: time | datetime) -> str:
    """A clock time, 24-hour as the desk has always shown it, with the locale's digits: 14:05."""
    return _digits(QLocale().toString(_qtime(value), "HH:mm"))


def date_time_text(value: datetime | None) -> str:
    """A moment: the date as `date_text` writes it and the time as `time_text` does."""
    if value is None:
        return ""
    return f"{date_text(value)} {time_text(value)}"


def duration_text(span: timedelta | None) -> str:
    """'12 min', '3 h 20 min', '2 d 4 h' (app.domain.speed_to_lead.format_duration's steps) in the desk's words."""
    if span is None:
        return ""
    minutes = int(span.total_seconds() // 60)
    if minutes < 1:
        return translate("Duration", "just now")
    if minutes < 60:
        return translate("Duration", "{minutes} min").format(minutes=number(minutes))
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        if minutes:
            return translate("Duration", "{hours} h {minutes} min").format(hours=number(hours), minutes=number(minutes))
        return translate("Duration", "{hours} h").format(hours=number(hours))
    days, hours = divmod(hours, 24)
    if hours and days < 10:
        return translate("Duration", "{days} d {hours} h").format(days=number(days), hours=number(hours))
    return translate("Duration", "{days} d").format(days=number(days))


def qdatetime(value: datetime) -> QDateTime:
    return QDateTime(_qdate(value.date()), _qtime(value))
