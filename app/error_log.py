"""The log file for unexpected errors, in the user's data folder. It never holds patient data:
messages are logged, not the values of leads (exception text is scrubbed of digits runs and emails)."""
from __future__ import annotations

import logging
import re
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from app import paths

_LOGGER_NAME = "medtour"
_EMAIL = re.compile(r"[^\s@<>'\"]+@[^\s@<>'\"]+")
_DIGITS = re.compile(r"\+?\d[\d\s().-]{5,}\d")


def scrub(text: str) -> str:
    """Remove what looks like an email or a phone number from a log line."""
    return _DIGITS.sub("[number]", _EMAIL.sub("[email]", text))


def logger() -> logging.Logger:
    log = logging.getLogger(_LOGGER_NAME)
    if not any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        handler = RotatingFileHandler(log_file(), maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return log


def log_file() -> Path:
    return paths.logs_dir() / "medtour.log"


def log_exception(exc: BaseException) -> Path:
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    logger().error(scrub("".join(lines)))
    return log_file()
