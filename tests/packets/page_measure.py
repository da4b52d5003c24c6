"""Measuring rendered packet pages: how empty each page is, and where every drawn thing lies.

Emptiness is measured on page images (poppler's ``pdftoppm -gray`` at low resolution): inside
the body frame, a horizontal band with no ink that is taller than a blank line counts as empty;
the gaps between paragraphs do not. Extents are measured from the PDF itself (pdfplumber: every
character, line, rectangle and curve), in PDF points with y measured from the page's foot.
"""
from __future__ import annotations

import io
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from PIL import Image

from app.packets.packet_styles import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH

#: Low resolution is enough to see where ink is, and fast.
DPI = 40
#: A pixel darker than this is ink (the palest card tint is about 245).
INK_BELOW = 250
#: A blank band up to this tall (points) is the ordinary gap between blocks, not emptiness.
GAP_ALLOWED = 28.0


def page_images(pdf: bytes, dpi: int = DPI) -> list[Image.Image]:
    """Every page as a greyscale image."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "packet.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(source), str(Path(folder) / "page")], check=True)
        pages = sorted(Path(folder).glob("page-*.pgm"), key=lambda path: int(path.stem.rsplit("-", 1)[1]))
        images = []
        for path in pages:
            with Image.open(path) as image:
                images.append(image.convert("L").copy())
        return images


def _inked_rows(image: Image.Image, top: float, bottom: float) -> list[bool]:
    """For each pixel row of the body frame (points from the page's top: top..bottom), whether it has ink."""
    scale = image.height / PAGE_HEIGHT
    left, right = int(MARGIN_X * scale), int((PAGE_WIDTH - MARGIN_X) * scale)
    first, last = int(top * scale), int(bottom * scale)
    frame = image.crop((left, first, right, last))
    width = frame.width
    data = frame.tobytes()
    return [min(data[row * width:(row + 1) * width]) < INK_BELOW for row in range(frame.height)]


def emptiness(image: Image.Image, *, top: float = MARGIN_TOP, bottom: float = PAGE_HEIGHT - MARGIN_BOTTOM) -> float:
    """The share of the body frame's height (0..1) taken by blank bands taller than GAP_ALLOWED."""
    rows = _inked_rows(image, top, bottom)
    if not rows:
        return 0.0
    points_per_row = (bottom - top) / len(rows)
    allowed = GAP_ALLOWED / points_per_row
    empty = run = 0
    for inked in [*rows, True]:
        if inked:
            if run > allowed:
                empty += run
            run = 0
        else:
            run += 1
    return empty / len(rows)


def page_emptiness(pdf: bytes, dpi: int = DPI) -> list[float]:
    """The emptiness of every page; the cover's frame starts below its band."""
    from app.packets.packet_styles import COVER_BAND_HEIGHT

    result = []
    for number, image in enumerate(page_images(pdf, dpi), 1):
        top = COVER_BAND_HEIGHT + 14 if number == 1 else MARGIN_TOP
        result.append(emptiness(image, top=top))
    return result


@dataclass(frozen=True)
class Extent:
    page: int
    kind: str  # char, line, rect, curve, image
    x0: float
    x1: float
    bottom: float  # from the page's foot
    top: float
    text: str = ""


def drawn_extents(pdf: bytes) -> list[Extent]:
    """Every character, line, rectangle, curve and image of every page, with its box."""
    found: list[Extent] = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, 1):
            height = float(page.height)
            for kind, objects in (("char", page.chars), ("line", page.lines), ("rect", page.rects),
                                  ("curve", page.curves), ("image", page.images)):
                for item in objects:
                    found.append(Extent(number, kind, float(item["x0"]), float(item["x1"]),
                                        height - float(item["bottom"]), height - float(item["top"]),
                                        str(item.get("text", ""))))
    return found


@dataclass(frozen=True)
class DrawnLine:
    page: int
    baseline: float  # from the page's foot
    x0: float
    x1: float
    text: str  # the characters left to right, as drawn


#: A horizontal gap wider than this (points) between two characters on one baseline parts two
#: blocks (table columns, a label and its value); a word space is a few points.
COLUMN_GAP = 8.0


def drawn_lines(pdf: bytes) -> list[DrawnLine]:
    """Every line of text as drawn: characters grouped by baseline (whatever their font), and
    parted where a wide gap shows a new column."""
    found: list[DrawnLine] = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, 1):
            rows: dict[float, list[dict]] = {}
            for char in page.chars:
                rows.setdefault(round(float(char["matrix"][5]), 1), []).append(char)
            for baseline, chars in sorted(rows.items(), reverse=True):
                chars.sort(key=lambda char: float(char["x0"]))
                run: list[dict] = []
                for char in chars:
                    if run and float(char["x0"]) - float(run[-1]["x1"]) > COLUMN_GAP:
                        found.append(_line(number, baseline, run))
                        run = []
                    run.append(char)
                if run:
                    found.append(_line(number, baseline, run))
    return found


def _line(page: int, baseline: float, chars: list[dict]) -> DrawnLine:
    text = "".join(str(char["text"]) for char in chars).strip()
    return DrawnLine(page, baseline, float(chars[0]["x0"]), float(chars[-1]["x1"]), text)
