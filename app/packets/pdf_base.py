"""What every MedTour Desk PDF shares besides its fonts and text engine: a canvas that writes
"page X of Y", and the document's set-up.

The packet renderer and the personal-data summary both build on this base: the bundled fonts
(app.packets.fonts, from resources/fonts, registered once per process), the text engine that
picks a font per character, shapes Arabic and Devanagari and orders right-to-left text
(app.packets.text_layout), and the two helpers here. So a name in Cyrillic, Arabic, Chinese or
Devanagari is drawn with the same embedded glyphs in each, and no PDF depends on the fonts of
the computer that made it.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate

__all__ = ["PRODUCER", "document", "numbered_canvas"]

PRODUCER = "MedTour Desk"


def numbered_canvas(draw_page_number: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas class that holds pages back until the end, then calls
    ``draw_page_number(canvas, page, pages)`` on each to write "page X of Y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab API)
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            pages = len(self._held_pages)
            for number, state in enumerate(self._held_pages, 1):
                self.__dict__.update(state)
                self.saveState()
                draw_page_number(self, number, pages)
                self.restoreState()
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def document(buffer: BinaryIO, *, initial_font: str, template: type[BaseDocTemplate] = BaseDocTemplate,
             producer: str = PRODUCER, **options: Any) -> BaseDocTemplate:
    """A document template set up as every MedTour Desk PDF is: the canvas starts in a bundled
    font (ReportLab's default would add an unembedded Helvetica), the same creator and producer,
    and no time stamps or random ids, so the same input gives the same bytes."""
    return template(buffer, initialFontName=initial_font, creator=producer, producer=producer, invariant=1, **options)
