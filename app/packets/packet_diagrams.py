"""The packet's drawings: the CAR-T process, the week-by-week journey, the cost comparison.

Shapes are ReportLab graphics (Drawing, Circle, Path, Polygon...) rendered onto
the page; every label goes through the packet's TextSetter, so it is shaped,
in the packet language, and laid out right-to-left in Arabic. Right-to-left
packets mirror the drawings: the process starts on the right and the time
and money axes grow to the left.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Path, Polygon, Rect
from reportlab.lib.colors import Color
from reportlab.platypus.flowables import Flowable

from app.packets.fonts import LATIN
from app.packets.packet_styles import PALETTE, PacketStyles, Palette
from app.packets.text_layout import TextSetter


def _drawing(width: float, height: float) -> Drawing:
    """A Drawing that starts in a bundled font (ReportLab's default, Helvetica, is not embedded)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = LATIN.regular.name
    return drawing


def _mirror_x(x: float, width: float, rtl: bool) -> float:
    return width - x if rtl else x


def _arrow(x1: float, y: float, x2: float, color: Color, width: float = 1.6) -> Group:
    """A horizontal arrow from x1 to x2 (either direction)."""
    direction = 1 if x2 >= x1 else -1
    head = 6.5
    return Group(
        Line(x1, y, x2 - direction * head * 0.6, y, strokeColor=color, strokeWidth=width),
        Polygon([x2, y, x2 - direction * head, y + head * 0.55, x2 - direction * head, y - head * 0.55],
                fillColor=color, strokeColor=None),
    )


# --------------------------------------------------------------------------- stage icons


def _icon_collection(r: float, color: Color) -> Group:
    """A drop of blood."""
    drop = Path(fillColor=color, strokeColor=None)
    drop.moveTo(0, 0.58 * r)
    drop.curveTo(0.1 * r, 0.35 * r, 0.38 * r, 0.12 * r, 0.38 * r, -0.12 * r)
    drop.curveTo(0.38 * r, -0.36 * r, 0.2 * r, -0.5 * r, 0, -0.5 * r)
    drop.curveTo(-0.2 * r, -0.5 * r, -0.38 * r, -0.36 * r, -0.38 * r, -0.12 * r)
    drop.curveTo(-0.38 * r, 0.12 * r, -0.1 * r, 0.35 * r, 0, 0.58 * r)
    drop.closePath()
    return Group(drop)


def _icon_engineering(r: float, color: Color) -> Group:
    """A T cell with Y-shaped CAR receptors on its surface."""
    group = Group(Circle(0, 0, 0.27 * r, fillColor=color, strokeColor=None))
    for index in range(6):
        angle = math.radians(90 + index * 60)
        ux, uy = math.cos(angle), math.sin(angle)
        base, tip = 0.27 * r, 0.5 * r
        group.add(Line(ux * base, uy * base, ux * tip, uy * tip, strokeColor=color, strokeWidth=1.8))
        for fork in (-0.55, 0.55):
            fx, fy = math.cos(angle + fork), math.sin(angle + fork)
            group.add(Line(ux * tip, uy * tip, ux * tip + fx * 0.13 * r, uy * tip + fy * 0.13 * r,
                           strokeColor=color, strokeWidth=1.8, strokeLineCap=1))
    return group


def _icon_expansion(r: float, color: Color) -> Group:
    """A cluster of cells multiplying."""
    group = Group(Circle(0, 0, 0.15 * r, fillColor=color, strokeColor=None))
    for index in range(6):
        angle = math.radians(30 + index * 60)
        group.add(Circle(math.cos(angle) * 0.34 * r, math.sin(angle) * 0.34 * r, 0.13 * r,
                         fillColor=color, strokeColor=None))
    for index in range(6):
        angle = math.radians(index * 60)
        group.add(Circle(math.cos(angle) * 0.55 * r, math.sin(angle) * 0.55 * r, 0.06 * r,
                         fillColor=color, strokeColor=None))
    return group


def _icon_infusion(r: float, color: Color) -> Group:
    """A drip bag with its line."""
    return Group(
        Rect(-0.22 * r, 0.02 * r, 0.44 * r, 0.5 * r, rx=0.08 * r, ry=0.08 * r, fillColor=color, strokeColor=None),
        Rect(-0.06 * r, 0.52 * r, 0.12 * r, 0.06 * r, fillColor=color, strokeColor=None),
        Line(0, 0.02 * r, 0, -0.3 * r, strokeColor=color, strokeWidth=1.6),
        Circle(0, -0.42 * r, 0.1 * r, fillColor=color, strokeColor=None),
    )


STAGE_ICONS: tuple[Callable[[float, Color], Group], ...] = (
    _icon_collection, _icon_engineering, _icon_expansion, _icon_infusion)


@dataclass(frozen=True)
class Stage:
    name: str
    text: str


class ProcessDiagram(Flowable):
    """Collection → engineering → expansion → infusion, as four drawn stages with arrows."""

    RADIUS = 27.0
    TOP = 8.0

    def __init__(self, stages: Sequence[Stage], setter: TextSetter, styles: PacketStyles,
                 palette: Palette = PALETTE) -> None:
        super().__init__()
        self.stages = list(stages)
        self.setter = setter
        self.styles = styles
        self.palette = palette

    def _column_width(self, width: float) -> float:
        return width / len(self.stages)

    def wrap(self, availWidth, availHeight):  # noqa: N803 (platypus API)
        self.width = availWidth
        column = self._column_width(availWidth) - 12
        label_lines = max(len(self.setter.prepare(s.name, self.styles.diagram_label).lines(column)) for s in self.stages)
        text_lines = max(len(self.setter.prepare(s.text, self.styles.diagram_text).lines(column)) for s in self.stages)
        self.height = (self.TOP + 2 * self.RADIUS + 10 + label_lines * self.styles.diagram_label.leading
                       + text_lines * self.styles.diagram_text.leading + 4)
        return availWidth, self.height

    def draw(self):
        canvas, palette, rtl = self.canv, self.palette, self.setter.rtl
        r = self.RADIUS
        column = self._column_width(self.width)
        cy = self.height - self.TOP - r
        drawing = _drawing(self.width, self.height)
        centres = [_mirror_x(column * (index + 0.5), self.width, rtl) for index in range(len(self.stages))]
        for index, cx in enumerate(centres):
            colour = palette.stages[index % len(palette.stages)]
            drawing.add(Circle(cx, cy, r + 4, fillColor=palette.primary_tint, strokeColor=None))
            drawing.add(Circle(cx, cy, r, fillColor=colour, strokeColor=None))
            icon = STAGE_ICONS[index % len(STAGE_ICONS)](r, palette.paper)
            icon.translate(cx, cy)
            drawing.add(icon)
            badge_x = cx + (r * 0.78 if rtl else -r * 0.78)
            drawing.add(Circle(badge_x, cy + r * 0.78, 8.5, fillColor=palette.accent, strokeColor=palette.paper,
                               strokeWidth=1.5))
            if index + 1 < len(centres):
                gap = r + 10
                step = -1 if rtl else 1
                drawing.add(_arrow(cx + step * gap, cy, centres[index + 1] - step * gap, palette.primary))
        renderPDF.draw(drawing, canvas, 0, 0)

        number_style = self.styles.diagram_label.but(color=palette.paper, size=self.styles.small.size)
        label_top = cy - r - 10
        for index, (cx, stage) in enumerate(zip(centres, self.stages, strict=False)):
            badge_x = cx + (r * 0.78 if rtl else -r * 0.78)
            self.setter.draw(canvas, str(index + 1), number_style, badge_x - 8, cy + r * 0.78 + number_style.leading / 2,
                             16, align="center")
            text_width = column - 12
            used = self.setter.draw(canvas, stage.name, self.styles.diagram_label, cx - text_width / 2, label_top,
                                    text_width, align="center")
            self.setter.draw(canvas, stage.text, self.styles.diagram_text, cx - text_width / 2, label_top - used,
                             text_width, align="center")


@dataclass(frozen=True)
class JourneyRow:
    name: str
    first_week: int | None  # None: at home, after the stay
    last_week: int | None


class JourneyChart(Flowable):
    """A week-by-week bar chart of the stay: one row per stage, one column per week."""

    ROW = 19.0
    HEADER = 30.0

    def __init__(self, rows: Sequence[JourneyRow], weeks: int, week_axis: str, at_home: str,
                 setter: TextSetter, styles: PacketStyles, palette: Palette = PALETTE) -> None:
        super().__init__()
        self.rows = list(rows)
        self.weeks = weeks
        self.week_axis = week_axis
        self.at_home = at_home
        self.setter = setter
        self.styles = styles
        self.palette = palette

    def wrap(self, availWidth, availHeight):  # noqa: N803 (platypus API)
        self.width = availWidth
        self.height = self.HEADER + self.ROW * len(self.rows) + 4
        return availWidth, self.height

    def draw(self):
        canvas, palette, rtl, styles = self.canv, self.palette, self.setter.rtl, self.styles
        label_width = self.width * 0.34
        grid_width = self.width - label_width - 6
        columns = self.weeks + 1  # the last column is "at home"
        cell = grid_width / columns

        def grid_x(column: int) -> float:
            """Left edge, in page terms, of grid column `column` (0 = week 1)."""
            if rtl:
                return self.width - label_width - 6 - (column + 1) * cell
            return label_width + 6 + column * cell

        drawing = _drawing(self.width, self.height)
        grid_top = self.height - self.HEADER
        for column in range(columns):
            x = grid_x(column)
            fill = palette.primary_tint if column % 2 == 0 else palette.paper
            if column == columns - 1:
                fill = palette.accent_soft
            drawing.add(Rect(x, 2, cell, grid_top - 2, fillColor=fill, strokeColor=None))
        for index, row in enumerate(self.rows):
            y = grid_top - (index + 1) * self.ROW
            drawing.add(Line(0, y, self.width, y, strokeColor=palette.rule, strokeWidth=0.4))
            colour = palette.stages[index % len(palette.stages)]
            if row.first_week is None or row.last_week is None:
                first = last = columns - 1
            else:
                first, last = row.first_week - 1, row.last_week - 1
            x0 = min(grid_x(first), grid_x(last))
            x1 = max(grid_x(first), grid_x(last)) + cell
            drawing.add(Rect(x0 + 2, y + 4.5, x1 - x0 - 4, self.ROW - 9, rx=4, ry=4,
                             fillColor=colour, strokeColor=None))
        renderPDF.draw(drawing, canvas, 0, 0)

        axis = styles.chart_axis
        setter = self.setter
        for column in range(columns):
            label = self.at_home if column == columns - 1 else str(column + 1)
            setter.draw(canvas, label, axis, grid_x(column), grid_top + axis.leading + 1, cell, align="center",
                        max_lines=1)
        axis_x = grid_x(self.weeks - 1) if rtl else grid_x(0)
        setter.draw(canvas, self.week_axis, axis.but(bold=True), axis_x, self.height,
                    cell * self.weeks, align="center", max_lines=1)
        label_x = self.width - label_width if rtl else 0
        label_style = styles.chart_label.but(bold=False)
        for index, row in enumerate(self.rows):
            top = grid_top - index * self.ROW - (self.ROW - label_style.leading) / 2
            setter.draw(canvas, row.name, label_style, label_x, top, label_width, align="start", max_lines=1)


def _inside(x: float, width: float, total: float) -> float:
    """`x` moved so that a box `width` wide starting there lies within 0..total."""
    return max(0.0, min(x, total - width))


@dataclass(frozen=True)
class RangeBar:
    label: str
    low: Decimal
    high: Decimal
    kind: str = "market"  # market | highlight | estimate


class RangeChart(Flowable):
    """Horizontal bars from the low to the high end of each price range, on one money axis."""

    ROW = 30.0
    AXIS = 22.0

    def __init__(self, bars: Sequence[RangeBar], money: Callable[[Decimal], str], range_text: Callable[[str, str], str],
                 setter: TextSetter, styles: PacketStyles, palette: Palette = PALETTE) -> None:
        super().__init__()
        self.bars = list(bars)
        self.money = money
        self.range_text = range_text
        self.setter = setter
        self.styles = styles
        self.palette = palette

    def wrap(self, availWidth, availHeight):  # noqa: N803 (platypus API)
        self.width = availWidth
        self.height = self.ROW * len(self.bars) + self.AXIS + 6
        return availWidth, self.height

    def _scale_max(self) -> Decimal:
        top = max(bar.high for bar in self.bars)
        step = Decimal(100000) if top > 200000 else Decimal(50000)
        return ((top + step - 1) // step) * step

    LABEL_GAP = 8.0

    def _axis_labels(self, ticks: list[Decimal], x_of: Callable[[Decimal], float]) -> list[tuple[str, float, float]]:
        """(text, left x, width) of the money labels under the ticks: each centred under its tick but
        never past the chart's edges, and never touching the next; a label that would is left out
        (the first and the last tick always keep theirs)."""
        boxes = []
        for tick in ticks:
            text = self.money(tick)
            width = self.setter.width(text, self.styles.chart_axis) + 1
            boxes.append((text, _inside(x_of(tick) - width / 2, width, self.width), width))
        ordered = sorted(boxes, key=lambda box: box[1])  # left to right, whichever way the axis runs
        kept = [ordered[0]]
        for box in ordered[1:]:
            if box[1] >= kept[-1][1] + kept[-1][2] + self.LABEL_GAP:
                kept.append(box)
        if kept[-1] is not ordered[-1]:
            while len(kept) > 1 and ordered[-1][1] < kept[-1][1] + kept[-1][2] + self.LABEL_GAP:
                kept.pop()
            kept.append(ordered[-1])
        return kept

    def draw(self):
        canvas, palette, rtl, styles, setter = self.canv, self.palette, self.setter.rtl, self.styles, self.setter
        label_width = self.width * 0.24
        plot_width = self.width - label_width - 10
        scale_max = self._scale_max()
        step = Decimal(100000) if scale_max > 200000 else Decimal(50000)

        def x_of(amount: Decimal) -> float:
            offset = float(amount / scale_max) * plot_width
            return (self.width - label_width - 10 - offset) if rtl else (label_width + 10 + offset)

        drawing = _drawing(self.width, self.height)
        plot_top = self.height - 4
        tick = Decimal(0)
        ticks = []
        while tick <= scale_max:
            ticks.append(tick)
            x = x_of(tick)
            drawing.add(Line(x, self.AXIS, x, plot_top, strokeColor=palette.rule, strokeWidth=0.5,
                             strokeDashArray=None if tick == 0 else [2, 2]))
            tick += step
        colours = {"market": palette.market_bar, "highlight": palette.market_bar_highlight,
                   "estimate": palette.estimate_bar}
        for index, bar in enumerate(self.bars):
            y = plot_top - (index + 1) * self.ROW
            x0, x1 = sorted((x_of(bar.low), x_of(bar.high)))
            drawing.add(Rect(x0, y + 8, max(x1 - x0, 3), self.ROW - 16, rx=4, ry=4,
                             fillColor=colours[bar.kind], strokeColor=None))
        renderPDF.draw(drawing, canvas, 0, 0)

        axis = styles.chart_axis
        for tick_label, x, tick_width in self._axis_labels(ticks, x_of):
            setter.draw(canvas, tick_label, axis, x, self.AXIS - 4, tick_width, align="center", max_lines=1)
        label_x = self.width - label_width if rtl else 0
        for index, bar in enumerate(self.bars):
            y = plot_top - index * self.ROW
            label_style = styles.chart_label.but(color=palette.accent if bar.kind == "estimate" else palette.ink)
            setter.draw(canvas, bar.label, label_style, label_x, y - (self.ROW - label_style.leading) / 2,
                        label_width, align="start", max_lines=2)
            text = self.range_text(self.money(bar.low), self.money(bar.high))
            value_style = styles.chart_value
            text_width = setter.width(text, value_style) + 2
            bar_end = max(x_of(bar.low), x_of(bar.high)) if not rtl else min(x_of(bar.low), x_of(bar.high))
            room = (self.width - bar_end) if not rtl else bar_end
            top = y - (self.ROW - value_style.leading) / 2
            if room >= text_width + 6:
                x = bar_end + 6 if not rtl else bar_end - 6 - text_width
            else:  # no room after the bar: write before it
                bar_start = min(x_of(bar.low), x_of(bar.high)) if not rtl else max(x_of(bar.low), x_of(bar.high))
                x = bar_start - 6 - text_width if not rtl else bar_start + 6
            x = _inside(x, text_width, self.width)
            setter.draw(canvas, text, value_style, x, top, text_width, align="center", max_lines=1)
