"""Reading the packet PDFs back in tests: text (poppler and pypdf), word boxes, fonts, text operators."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

HAVE_POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdftoppm", "pdffonts"))
_skip_without_poppler = pytest.mark.skipif(
    not HAVE_POPPLER, reason="poppler-utils (pdftotext, pdftoppm, pdffonts) is not installed; CI installs it with apt")


def needs_poppler(test):
    """Marks a test `poppler` (so CI fails if it is skipped) and skips it where poppler is missing."""
    return pytest.mark.poppler(_skip_without_poppler(test))

_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def normalise(text: str) -> str:
    """Compare text as a reader would: presentation forms folded (NFKC), bidi marks gone, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_BIDI_CONTROLS)
    return re.sub(r"\s+", " ", text).strip()


def _run(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "packet.pdf"
        source.write_bytes(pdf)
        result = subprocess.run([tool, *args, str(source), "-"], check=True, capture_output=True)
        return result.stdout.decode("utf-8")


def pdftotext(pdf: bytes, *args: str) -> str:
    return _run("pdftotext", pdf, *args)


def poppler_pages(pdf: bytes) -> list[str]:
    """The text of each page, as poppler extracts it (pages end with a form feed)."""
    return pdftotext(pdf).split("\f")[:-1]


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def words(pdf: bytes, page: int) -> list[Word]:
    """The words of one page (1-based) with their boxes, in poppler's reading order.

    Poppler's word boxes list a right-to-left word's letters in drawing order (left to
    right); they are turned back into reading order here.
    """
    xml = pdftotext(pdf, "-bbox", "-f", str(page), "-l", str(page))
    pattern = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    found = []
    for m in pattern.finditer(xml):
        text = _unescape(m[5])
        if any(unicodedata.bidirectional(char) in ("R", "AL") for char in text):
            text = text[::-1]  # before NFKC, which expands a lam-alef ligature in logical order
        found.append(Word(normalise(text), float(m[1]), float(m[2]), float(m[3]), float(m[4])))
    return found


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def pypdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def fonts(pdf: bytes) -> dict[str, dict]:
    """Every font the pages use, by base name: its subtype and whether its file is embedded."""
    found: dict[str, dict] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[str(font["/BaseFont"])] = {
                "subtype": str(font["/Subtype"]),
                "embedded": any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")),
                "truetype_file": "/FontFile2" in descriptor,
            }
    return found


def shown_text_bytes(pdf: bytes) -> list[tuple[str, bytes]]:
    """(font base name, string bytes) for every Tj/TJ operator on every page."""
    shown: list[tuple[str, bytes]] = []
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        resources = page["/Resources"]["/Font"]
        current = ""
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = str(resources[operands[0]].get_object()["/BaseFont"])
            elif operator == b"Tj":
                shown.append((current, _raw(operands[0])))
            elif operator == b"TJ":
                shown.extend((current, _raw(item)) for item in operands[0] if not isinstance(item, (int, float)))
    return shown


def _raw(value) -> bytes:
    if isinstance(value, bytes):
        return bytes(value)
    return value.original_bytes
