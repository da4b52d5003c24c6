"""The packet's contents list: each section's number and title, and the page it starts on.

The list is drawn on the cover before the pages after it exist, so each entry's page number is
drawn at the end, when the document knows where every section landed
(``pdf_base.FlowingDocTemplate.anchors``) and the canvas writes "page X of Y" on each page.
The numbers stand right-aligned at the end of each entry, at the left in Arabic.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import Flowable

from app.packets.text_layout import TextSetter, TextStyle

__all__ = ["ContentsEntry", "ContentsList"]


@dataclass(frozen=True)
class ContentsEntry:
    key: str  # the section's anchor
    title: str


@dataclass(frozen=True)
class _Slot:
    key: str
    x: float  # page coordinates of the page number's box
    top: float
    width: float
    scale: float  # a cover shrunk to fit draws the numbers smaller too


class ContentsList(Flowable):
    """Numbered entries in `columns` columns (filled down, then across), a page number each."""

    NUMBER_WIDTH = 18.0
    PAGE_WIDTH = 22.0
    GAP = 18.0

    def __init__(self, entries: Sequence[ContentsEntry], setter: TextSetter, style: TextStyle, *,
                 columns: int = 2) -> None:
        super().__init__()
        self.entries = list(entries)
        self.setter = setter
        self.style = style
        self.columns = columns
        self.slots: list[_Slot] = []
        self._layout: list[tuple[int, float, int]] = []  # (column, top from the block's top, lines) per entry

    def _column_width(self, width: float) -> float:
        return (width - self.GAP * (self.columns - 1)) / self.columns

    def _title_width(self, width: float) -> float:
        return max(self._column_width(width) - self.NUMBER_WIDTH - self.PAGE_WIDTH - 4, 20.0)

    def wrap(self, availWidth, availHeight):  # noqa: N803 (platypus API)
        self.width = availWidth
        per_column = -(-len(self.entries) // self.columns)
        title_width = self._title_width(availWidth)
        style = self.style
        layout = []
        heights = [0.0] * self.columns
        for index, entry in enumerate(self.entries):
            column = index // per_column if per_column else 0
            lines = max(len(self.setter.prepare(entry.title, style).lines(title_width)), 1)
            layout.append((column, heights[column], lines))
            heights[column] += lines * style.leading + style.space_after
        self._layout = layout
        self.height = max(heights, default=0.0)
        return availWidth, self.height

    def draw(self):
        canvas, setter, style = self.canv, self.setter, self.style
        rtl = setter.rtl
        column_width = self._column_width(self.width)
        title_width = self._title_width(self.width)
        self.slots = []
        origin_x = canvas.absolutePosition(0, 0)[0]
        scale = canvas.absolutePosition(1, 0)[0] - origin_x
        for number, (entry, (column, offset, _lines)) in enumerate(zip(self.entries, self._layout, strict=True), 1):
            left = (self.width - (column + 1) * column_width - column * self.GAP if rtl
                    else column * (column_width + self.GAP))
            top = self.height - offset
            if rtl:
                number_x = left + column_width - self.NUMBER_WIDTH
                title_x = number_x - 4 - title_width
                page_x = left
            else:
                number_x = left
                title_x = left + self.NUMBER_WIDTH
                page_x = left + column_width - self.PAGE_WIDTH
            setter.draw(canvas, f"{number}.", style, number_x, top, self.NUMBER_WIDTH, align="start", wrap=False)
            setter.draw(canvas, entry.title, style, title_x, top, title_width, align="start")
            x, y = canvas.absolutePosition(page_x, top)
            self.slots.append(_Slot(entry.key, x, y, self.PAGE_WIDTH * scale, scale))

    def draw_page_numbers(self, canvas: Canvas, pages: Mapping[str, int]) -> None:
        """Write each entry's page, on the page the list is on, once the document is laid out."""
        style = self.style
        for slot in self.slots:
            page = pages.get(slot.key)
            if page is None:
                continue
            scaled = style.but(size=style.size * slot.scale, leading=style.leading * slot.scale, bold=True)
            self.setter.draw(canvas, str(page), scaled, slot.x, slot.top, slot.width, align="end", wrap=False)
