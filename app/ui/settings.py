"""The desktop's own settings, each declared once: key, type, default and a label a person can read.

They live in an INI file in the app's data folder (``settings.ini`` next to the database), not in
the registry or ``~/.config``: a portable install or a test that sets ``MEDTOUR_DATA_DIR`` carries
its settings with it, and tests never touch the user's real ones. Values are plain types or
QByteArray (Qt's own geometry/header state) — never pickled objects.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

from app import paths

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type
    default: T
    label: str


WINDOW_GEOMETRY = Setting("window/geometry", QByteArray, QByteArray(), "Main window size and position")
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray(), "Toolbar and side panels")
CURRENT_VIEW = Setting("window/current_view", int, 0, "View shown at start (Leads, Today, Pipeline, Dashboard)")
LEAD_LIST_HEADER = Setting("lead_list/header", QByteArray, QByteArray(), "Lead list columns: order, widths, sort")
PIPELINE_LIST_HEADER = Setting("pipeline/header", QByteArray, QByteArray(), "Pipeline lead list columns")
TODAY_SPLITTER = Setting("today/splitter", QByteArray, QByteArray(), "Today view: split between the two lists")
LAST_DATABASE = Setting("database/last", str, "", "Database opened last (used when none is given)")
SCHEMA_HEAD = Setting("startup/schema_head", str, "", "Schema revision this build's migrations lead to (start-up cache)")
LANGUAGE = Setting("desk/language", str, "", "Desk language: en, ru, ar or zh_CN (empty: the system's, if the desk speaks it)")
MIGRATIONS_FINGERPRINT = Setting("startup/migrations", str, "", "The migration files SCHEMA_HEAD was read from (start-up cache)")

ALL_SETTINGS: tuple[Setting, ...] = (
    WINDOW_GEOMETRY, WINDOW_STATE, CURRENT_VIEW, LEAD_LIST_HEADER, PIPELINE_LIST_HEADER, TODAY_SPLITTER, LAST_DATABASE,
    SCHEMA_HEAD, MIGRATIONS_FINGERPRINT, LANGUAGE,
)


def settings_file() -> Path:
    return paths.data_dir() / "settings.ini"


def store() -> QSettings:
    """The settings file of the current data folder."""
    return QSettings(str(settings_file()), QSettings.Format.IniFormat)


def read(setting: Setting[T]) -> T:
    value: Any = store().value(setting.key, setting.default)  # a QVariant: the INI's text, or the default
    if value is None:
        return setting.default
    if setting.type is bool:
        return cast(T, value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes"))
    if setting.type is int:
        try:
            return cast(T, int(value))
        except (TypeError, ValueError):
            return setting.default
    if setting.type is QByteArray:
        return cast(T, value) if isinstance(value, QByteArray) else setting.default
    return setting.type(value)


def write(setting: Setting[T], value: T) -> None:
    if not isinstance(value, setting.type):
        raise TypeError(f"{setting.key} takes {setting.type.__name__}, not {type(value).__name__}")
    qs = store()
    qs.setValue(setting.key, value)
    qs.sync()
