"""The first packet of a fresh process: what a coordinator waits for after starting the app.

Run by the packets suite in a new interpreter per measurement:

    python -m bench.packet_cold DB_PATH LEAD_ID LANG

Prints one JSON line: the time to import the packet engine, to build the lead from the database
(not part of the render), the first render (fonts read and registered, content loaded, caches
cold) and a second one (warm), in ms.
"""
from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime, timezone


def main(argv: list[str]) -> None:
    db_path, lead_id, lang = argv[0], int(argv[1]), argv[2]
    started = time.perf_counter()
    from app.packets.content import cached_content
    from app.packets.lead_packets import signed_packet_lead
    from app.packets.packet_renderer import render_packet
    imported = time.perf_counter()

    from app.domain.leads import get_lead
    from db.engine import Database

    db = Database(db_path)
    content = cached_content()
    lead = signed_packet_lead(db, get_lead(db, lead_id, with_history=False), content)
    db.dispose()
    today = datetime.now(UTC).date()
    built = time.perf_counter()
    render_packet(lead, lang=lang, today=today, content=content)
    first = time.perf_counter()
    render_packet(lead, lang=lang, today=today, content=content)
    second = time.perf_counter()
    print(json.dumps({"import_ms": (imported - started) * 1000, "lead_ms": (built - imported) * 1000,
                      "first_ms": (first - built) * 1000, "second_ms": (second - first) * 1000}))


if __name__ == "__main__":
    main(sys.argv[1:])
