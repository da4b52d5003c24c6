"""How the command line prints: JSON, times in the coordinator's own zone, progress on a terminal."""
from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Any

from app.domain.lead_records import to_jsonable


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2) + "\n")


def when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "—"


class Progress:
    """"done/total" rewritten on one line of stderr while a long command runs, only when stderr is
    a terminal (a pipe or a log file gets the result line alone). Call it with (done, total);
    `end()` finishes the line."""

    def __init__(self) -> None:
        self.shown = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self.shown:
            print(f"\r{done:,}/{total:,}", end="", file=sys.stderr)

    def end(self) -> None:
        if self.shown:
            print(file=sys.stderr)
