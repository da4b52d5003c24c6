"""How the command line prints: JSON, and times in the coordinator's own zone."""
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
