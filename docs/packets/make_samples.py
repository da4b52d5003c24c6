"""Render the sample packets shown in docs/packets/: a first-steps packet (no review answered
yet: no program, no price) and a chosen-quote packet (the case's chosen hospital quote) in each
shipped language, every page as a small PNG.

Run from the repository root (needs poppler's pdftoppm):

    .venv/bin/python docs/packets/make_samples.py

Writes docs/packets/<lang>-<kind>-page-<n>.png (kind: first-steps, quote) at 50 dpi, reduced to
a 256-colour palette to keep the repository small; the PDFs stay in a temporary folder.
"""

from __future__ import annotations

import dataclasses
import datetime
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # a script run from the tree, not an installed module

from app.packets.content import cached_content  # noqa: E402
from app.packets.packet_input import PacketCoordinator, PacketLead  # noqa: E402
from app.packets.packet_offer import PacketQuote, QuoteItem, seed_catalogue  # noqa: E402
from app.packets.packet_renderer import render_packet  # noqa: E402

TODAY = datetime.date(2026, 11, 25)
COORDINATOR = PacketCoordinator("Anna Lee", "anna.lee@medtourdesk.example", "+86 138 0013 8000",
                                "+86 138 0013 8001", "Anna Lee, Senior Patient Coordinator")
SAMPLES = {
    "en": PacketLead("L-2026-00042", "Zoë <b>O'Brien</b> & Co", None, "GB", "en",
                     "Relapsed B-ALL after two lines of chemotherapy (CD19+)", "leukemia", None, 1, COORDINATOR),
    "ru": PacketLead("L-2026-00044", "Мария Иванова", "Maria Ivanova", "KZ", "ru",
                     "Множественная миелома, рецидив после трёх линий", "multiple_myeloma", None, 1, COORDINATOR),
    "ar": PacketLead("L-2026-00043", "محمد عبد الله", "Mohammed Abdullah", "SA", "ar",
                     "ورم لمفاوي منتشر بالخلايا البائية الكبيرة، انتكاس بعد العلاج الثاني", "lymphoma", None, 2,
                     COORDINATOR),
    "zh": PacketLead("L-2026-00045", "王小明", "Wang Xiaoming", "SG", "zh", "弥漫大B细胞淋巴瘤复发", "lymphoma", None, 1,
                     COORDINATOR),
}
#: The hospital offer each sample's chosen quote is for (the case's hospital answered, a quote chosen).
QUOTED_OFFERS = {"en": "riverside_b_all", "ru": "riverside_myeloma", "ar": "eastbank_lymphoma", "zh": "eastbank_lymphoma"}
DPI = 50


def chosen_quote(offer_key: str) -> PacketQuote:
    """A quote as the demo's cases choose one (app/domain/demo_cases.py): each medical item at the
    middle of the offer's range, in the offer's currency."""
    offer = seed_catalogue(cached_content()).offers[offer_key]
    items = tuple(QuoteItem(item.item, ((item.low + item.high) / 2).quantize(Decimal("1"))) for item in offer.medical)
    return PacketQuote(offer.hospital, offer.key, offer.currency, items)


def sample_leads() -> dict[tuple[str, str], PacketLead]:
    """(language, kind) -> the lead: a first-steps packet (diagnosis not yet grouped, so no offer
    is proposed) and a chosen-quote packet."""
    leads = {}
    for lang, lead in SAMPLES.items():
        leads[(lang, "first-steps")] = dataclasses.replace(lead, diagnosis_category=None)
        leads[(lang, "quote")] = dataclasses.replace(lead, quote=chosen_quote(QUOTED_OFFERS[lang]))
    return leads


def main() -> None:
    out = Path(__file__).resolve().parent
    for old in out.glob("*-page-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        for (lang, kind), lead in sample_leads().items():
            stem = f"{lang}-{kind}"
            pdf = Path(folder) / f"{stem}.pdf"
            pdf.write_bytes(render_packet(lead, today=TODAY))
            subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(Path(folder) / stem)], check=True)
            for page in sorted(Path(folder).glob(f"{stem}-*.png")):
                number = int(page.stem.rsplit("-", 1)[1])
                with Image.open(page) as image:
                    image.convert("RGB").quantize(colors=256).save(out / f"{stem}-page-{number}.png", optimize=True)
    pages = sorted(out.glob("*-page-*.png"))
    print(f"{len(pages)} pages, {sum(path.stat().st_size for path in pages) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
