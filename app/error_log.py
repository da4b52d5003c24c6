"""The log file for unexpected errors, in the user's data folder. It never holds patient data:
messages are logged, not the values of leads. Every record is scrubbed on its way to the file:
emails and digit runs (phones), the bound values SQLAlchemy prints with a failed statement
(``[parameters: …]``), and quoted values in exception messages (``KeyError: 'Иван'``). The file
itself is private (0600), in a private folder."""
from __future__ import annotations

import logging
import os
import re
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from app import paths

_LOGGER_NAME = "medtour"
_EMAIL = re.compile(r"[^\s@<>'\"]+@[^\s@<>'\"]+")
_DIGITS = re.compile(r"\+?\d[\d\s().-]{5,}\d")
#: SQLAlchemy prints a failed statement's values on a line of their own.
_PARAMETERS = re.compile(r"^\[parameters: .*$", re.M)
#: Quoted values ('…' or "…", escapes included) in lines that are not traceback source lines.
_QUOTED = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")


def _scrub_line(line: str) -> str:
    # Traceback frames ("  File …" and the indented source line under it) show code, not data.
    if line.startswith((" ", "\t")) or line.startswith("Traceback (most recent call last)"):
        return line
    return _QUOTED.sub("'[text]'", line)


def scrub(text: str) -> str:
    """Remove what looks like an email, a phone number or a quoted value from a log text."""
    text = _PARAMETERS.sub("[parameters: hidden]", text)
    text = "\n".join(_scrub_line(line) for line in text.split("\n"))
    return _DIGITS.sub("[number]", _EMAIL.sub("[email]", text))


class _ScrubFilter(logging.Filter):
    """Scrubs every record the file handler writes, whoever logged it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        return True


class _QuietFileHandler(RotatingFileHandler):
    """The log file's handler. A record it cannot write (a full disk, a read-only folder) is noted,
    never printed: logging's own "--- Logging error ---" and its traceback on stderr would bury the
    one line the user needs. `log_exception` then says nothing was logged."""

    failed = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        self.failed = True


def logger() -> logging.Logger:
    log = logging.getLogger(_LOGGER_NAME)
    if not any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        path = log_file()
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600))
        if os.name == "posix":
            path.chmod(0o600)  # a file left by an older version may have been readable by others
        handler = _QuietFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(_ScrubFilter())
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return log


def log_file() -> Path:
    return paths.logs_dir() / "medtour.log"


def log_exception(exc: BaseException) -> Path:
    """Log `exc` with its traceback; the log file. OSError when it could not be written (the
    caller then does not point the user to an empty log)."""
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    log = logger()
    log.error(scrub("".join(lines)))
    for handler in log.handlers:
        if isinstance(handler, _QuietFileHandler) and handler.failed:
            handler.failed = False
            raise OSError(f"the log file {log_file()} could not be written")
    return log_file()
