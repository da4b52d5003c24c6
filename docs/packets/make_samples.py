"""Render the sample packets shown in docs/packets/ (every page, English and Arabic, as PNG).

Run from the repository root (needs poppler's pdftoppm):

    .venv/bin/python docs/packets/make_samples.py

The PDFs are written next to the PNGs' folder in a temporary directory; only the
PNGs are kept, reduced to a 256-colour palette to keep the repository small.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # a script run from the tree, not an installed module

from app.packets.packet_input import PacketCoordinator, PacketLead  # noqa: E402
from app.packets.packet_renderer import render_packet  # noqa: E402

TODAY = datetime.date(2026, 11, 25)
COORDINATOR = PacketCoordinator("Anna Lee", "anna.lee@medtourdesk.example", "+86 138 0013 8000",
                                "+86 138 0013 8001", "Anna Lee, Senior Patient Coordinator")
SAMPLES = {
    "en": PacketLead("L-2026-00042", "Zoë <b>O'Brien</b> & Co", None, "GB", "en",
                     "Relapsed B-ALL after two lines of chemotherapy (CD19+)", "leukemia", None, 1, COORDINATOR),
    "ar": PacketLead("L-2026-00043", "محمد عبد الله", "Mohammed Abdullah", "SA", "ar",
                     "ورم لمفاوي منتشر بالخلايا البائية الكبيرة، انتكاس بعد العلاج الثاني", "lymphoma", None, 2,
                     COORDINATOR),
}
DPI = 72


def main() -> None:
    out = Path(__file__).resolve().parent
    for old in out.glob("*-page-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        for lang, lead in SAMPLES.items():
            pdf = Path(folder) / f"{lang}.pdf"
            pdf.write_bytes(render_packet(lead, today=TODAY))
            subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(Path(folder) / lang)], check=True)
            for page in sorted(Path(folder).glob(f"{lang}-*.png")):
                number = int(page.stem.rsplit("-", 1)[1])
                with Image.open(page) as image:
                    image.convert("RGB").quantize(colors=256).save(out / f"{lang}-page-{number}.png", optimize=True)
    total = sum(path.stat().st_size for path in out.glob("*-page-*.png"))
    print(f"{len(list(out.glob('*-page-*.png')))} pages, {total / 1024:.0f} KB")


if __name__ == "__main__":
    main()
