"""Packet test fixtures: standard leads in every shipped script, rendered once per session."""
from __future__ import annotations

import dataclasses
import datetime
import shutil
from pathlib import Path

import pytest

from app.packets.content import Content, load_content
from app.packets.packet_input import PacketCoordinator, PacketLead
from app.packets.packet_plan import plan_packet
from app.packets.packet_renderer import PacketRenderer
from app.packets.resource_paths import content_dir

TODAY = datetime.date(2026, 11, 25)

COORDINATOR = PacketCoordinator(
    name="Anna Lee", email="anna.lee@medtourdesk.example", phone="+86 138 0013 8000",
    whatsapp="+86 138 0013 8001", signature="Anna Lee, Senior Patient Coordinator")

#: The literal name every escaping test looks for.
TRICKY_NAME = "Zoë <b>O'Brien</b> & Co"

LEADS = {
    "en": PacketLead("L-2026-00042", TRICKY_NAME, None, "GB", "en",
                     "Relapsed B-ALL after two lines of chemotherapy (CD19+)", "leukemia", None, 1, COORDINATOR),
    "ru": PacketLead("L-2026-00044", "Мария Иванова", "Maria Ivanova", "KZ", "ru",
                     "Множественная миелома, рецидив после трёх линий", "multiple_myeloma", None, 1, COORDINATOR),
    "ar": PacketLead("L-2026-00043", "محمد عبد الله", "Mohammed Abdullah", "SA", "ar",
                     "ورم لمفاوي منتشر بالخلايا البائية الكبيرة، انتكاس بعد العلاج الثاني", "lymphoma", None, 2,
                     COORDINATOR),
    "zh": PacketLead("L-2026-00045", "王小明", "Wang Xiaoming", "SG", "zh", "弥漫大B细胞淋巴瘤复发", "lymphoma",
                     None, 1, COORDINATOR),
}


def make_lead(base: str = "en", **changes) -> PacketLead:
    return dataclasses.replace(LEADS[base], **changes)


@dataclasses.dataclass
class Rendered:
    lead: PacketLead
    lang: str
    pdf: bytes
    renderer: PacketRenderer


def render(lead: PacketLead, content: Content, *, lang: str | None = None, program: str | None = None,
           offer: str | None = None, today: datetime.date = TODAY) -> Rendered:
    """Render like render_packet, keeping the renderer to look at its audit and estimate."""
    renderer = PacketRenderer.from_plan(plan_packet(lead, content, lang=lang, program=program, offer=offer,
                                                    today=today), content)
    return Rendered(lead, renderer.lang, renderer.render(), renderer)


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture(scope="session")
def packets(content) -> dict[str, Rendered]:
    """One packet per shipped language, rendered once for the whole session."""
    return {lang: render(lead, content) for lang, lead in LEADS.items()}


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of the shipped content folder that a test may edit."""
    return Path(shutil.copytree(content_dir(), tmp_path / "content"))
