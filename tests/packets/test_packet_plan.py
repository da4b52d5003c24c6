"""The packet plan is the one home of what a packet is built from: the renderer prints its rows,
the batch renders plans, and nothing else in app/ prices or chooses an offer on its own."""
from __future__ import annotations

import dataclasses
import io
import re
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from app.packets.packet_plan import ESTIMATE, FIRST_STEPS, plan_packet
from app.packets.packet_renderer import PacketRenderer
from tests.packets.conftest import TODAY, make_lead

APP = Path(__file__).resolve().parents[2] / "app"


def _text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_renderer_prints_the_plans_rows_and_nothing_else(content):
    plan = plan_packet(make_lead(), content, today=TODAY)
    assert plan.kind == ESTIMATE and plan.lines
    first = plan.lines[0]
    odd = dataclasses.replace(first, label="Plan-only label", min=Decimal(1234567), max=Decimal(2345678))
    total = dataclasses.replace(plan.line("total"), min=Decimal(7654321))
    changed = dataclasses.replace(plan, lines=(odd, *plan.lines[1:]),
                                  totals=tuple(total if row.key == "total" else row for row in plan.totals))
    text = _text(PacketRenderer.from_plan(changed, content).render())
    assert "Plan-only label" in text and "1,234,567 – 2,345,678" in text and "7,654,321" in text
    assert first.label not in text


def test_a_first_steps_plan_has_no_rows_and_the_packet_no_price(content):
    plan = plan_packet(make_lead(diagnosis="Glioblastoma, recurrent", diagnosis_category="solid_tumour"), content,
                       today=TODAY)
    assert plan.kind == FIRST_STEPS and plan.offer is None and plan.estimate is None
    assert plan.lines == () and plan.totals == () and plan.program_title is None
    assert plan.reasons[0].startswith("no estimate: diagnosis group 'solid_tumour' not treated by partner programs")
    json = plan.to_json()
    assert (json["kind"], json["program"], json["hospital"], json["lines"]) == ("first_steps", None, None, [])
    assert "Estimated total" not in _text(PacketRenderer.from_plan(plan, content).render())


def test_only_the_plan_prices_or_chooses_an_offer():
    """One home: estimate_cost and choose_offer are called from the plan alone (and choose_offer's
    own module delegating to packet_offer)."""
    callers = {}
    for path in APP.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for name in ("estimate_cost(", "choose_offer(", "choose_language("):
            for match in re.finditer(rf"(?<![\w.]){re.escape(name)}|\.{re.escape(name)}", source):
                line = source[:match.start()].rsplit("\n", 1)[-1]
                if line.lstrip().startswith("def "):
                    continue
                callers.setdefault(name, set()).add(path.relative_to(APP).as_posix())
    assert callers == {"estimate_cost(": {"packets/packet_plan.py"},
                       "choose_offer(": {"packets/packet_plan.py", "packets/packet_input.py"},
                       "choose_language(": {"packets/packet_plan.py"}}
