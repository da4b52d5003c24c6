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

import datetime
from collections.abc import Callable
from typing import Any, BinaryIO

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import CondPageBreak, Flowable, KeepInFrame, KeepTogether, PageBreak, _listWrapOn

__all__ = ["PRODUCER", "FlowingDocTemplate", "Movable", "document", "numbered_canvas", "pdf_date"]

PRODUCER = "MedTour Desk"


def pdf_date(moment: datetime.date | datetime.datetime) -> str:
    """A PDF date string (D:YYYYMMDDHHmmSS+00'00'); a plain date is its midnight, UTC."""
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time(), tzinfo=datetime.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    offset = moment.utcoffset() or datetime.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


def numbered_canvas(draw_page_number: Callable[[Canvas, int, int], None], *,
                    created: datetime.date | datetime.datetime | None = None) -> type[Canvas]:
    """A canvas class that holds pages back until the end, then calls
    ``draw_page_number(canvas, page, pages)`` on each to write "page X of Y".

    `created` becomes the document's creation (and modification) date; without it the
    invariant mode's fixed date of 1 January 2000 stays."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict] = []
            if created is not None:
                stamp = pdf_date(created)
                self.setDateFormatter(lambda *_parts: stamp)

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


class Movable(KeepTogether):
    """A block (a chart with its caption, a card) that may move below the text after it.

    When it does not fit in what is left of the page, the text that follows it in its section
    fills the page first and the block opens the next one, instead of leaving a hole."""

    moved = False


#: A block that does not fit may be drawn this much smaller (at least) to fit the page's foot.
MIN_SCALE = 0.8
#: Below this much room (points) a page's foot is not worth filling with text pulled forward.
_MIN_FILL = 54.0


class FlowingDocTemplate(BaseDocTemplate):
    """A document template that lets `Movable` blocks move and records on which page each
    flowable with an ``anchor`` attribute (a section's heading) landed: ``anchors[key] = page``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.anchors: dict[str, int] = {}

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab API)
        anchor = getattr(flowable, "anchor", None)
        if anchor is not None:
            self.anchors.setdefault(anchor, self.page)

    def handle_flowable(self, flowables: list) -> None:
        first = flowables[0] if flowables else None
        if isinstance(first, Movable) and not first.moved:
            first.moved = True
            self._let_text_pass(flowables)
        super().handle_flowable(flowables)

    def _let_text_pass(self, flowables: list) -> None:
        frame = getattr(self, "frame", None)
        if frame is None or frame._atTop:
            return
        block = flowables[0]
        room = frame._y - frame._y1p
        width = frame._getAvailableWidth()
        _, height = _listWrapOn(block._content, width, self.canv)
        if height + block.getSpaceBefore() <= room or room < _MIN_FILL:
            return
        passing: list[Flowable] = []
        used = 0.0
        split_tail = False
        for follower in flowables[1:]:
            if (isinstance(follower, (Movable, PageBreak, CondPageBreak, ActionFlowable))
                    or getattr(follower, "anchor", None) is not None or getattr(follower, "keepWithNext", False)):
                break
            _, follower_height = follower.wrapOn(self.canv, width, room - used)
            follower_height += follower.getSpaceBefore() + follower.getSpaceAfter()
            if used + follower_height > room:
                # One more that can split (a paragraph, a table) fills the page to its foot.
                if len(follower.splitOn(self.canv, width, room - used - follower.getSpaceBefore())) > 1:
                    passing.append(follower)
                    split_tail = True
                break
            passing.append(follower)
            used += follower_height
        left = room - used
        if not split_tail and height * MIN_SCALE <= left:
            # Still a hole, but the block nearly fits: draw it a little smaller, on this page.
            flowables[0:1 + len(passing)] = [*passing, KeepInFrame(width, left - 1, block._content, mode="shrink")]
        elif passing:
            flowables[0:1 + len(passing)] = [*passing, block]
