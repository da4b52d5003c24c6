"""The packet's look, in one place: page geometry, palette, type scale, text and table styles.

Every size and colour the renderer and the diagrams use comes from here, so a
change of brand colour or body size is one edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from app.packets.text_layout import TextStyle

# --------------------------------------------------------------------------- page

PAGE_SIZE = A4
PAGE_WIDTH, PAGE_HEIGHT = PAGE_SIZE
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm  # below the running header
MARGIN_BOTTOM = 22 * mm  # above the running footer
HEADER_BASELINE = PAGE_HEIGHT - 12 * mm
FOOTER_TOP = 18 * mm
#: Nothing is drawn nearer the paper's edge than this (printers do not reach it), but the cover's
#: full-bleed band.
SAFE_EDGE = 8 * mm
COVER_BAND_HEIGHT = 96 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X


# --------------------------------------------------------------------------- palette


@dataclass(frozen=True)
class Palette:
    ink: Color = HexColor("#1C2A35")
    muted: Color = HexColor("#5B6B76")
    primary: Color = HexColor("#0F4C5C")  # deep teal, the logo disc
    primary_soft: Color = HexColor("#DCEBEE")
    primary_tint: Color = HexColor("#F1F7F8")
    accent: Color = HexColor("#E86F51")  # coral, the logo arc
    accent_soft: Color = HexColor("#FBE4DC")
    rule: Color = HexColor("#CFDADF")
    paper: Color = white
    on_primary: Color = white
    on_primary_muted: Color = HexColor("#B9D5DB")
    #: One colour per stage of the therapy, used by the process diagram and the journey chart.
    stages: tuple[Color, ...] = (
        HexColor("#2F7F8F"), HexColor("#5A6FB0"), HexColor("#3E9C74"), HexColor("#E86F51"),
        HexColor("#C9A227"), HexColor("#8C5BA6"), HexColor("#0F4C5C"), HexColor("#7A8A94"),
    )
    #: Comparison chart: market ranges, and the patient's own estimate.
    market_bar: Color = HexColor("#9DB4BD")
    market_bar_highlight: Color = HexColor("#2F7F8F")
    estimate_bar: Color = HexColor("#E86F51")


PALETTE = Palette()


# --------------------------------------------------------------------------- type scale

#: Font sizes in points. Body text is 10 pt; every other size is a step on this scale.
TYPE_SCALE = {
    "caption": 7.8,
    "small": 8.6,
    "body": 10.0,
    "lead": 11.2,
    "h3": 11.2,
    "h2": 13.5,
    "h1": 19.0,
    "name": 24.0,
    "display": 27.0,
}

#: Line height per size, by the script the packet is written in: Arabic and CJK
#: glyphs are taller and need more room between lines than Latin.
LEADING = {"latin": 1.42, "arabic": 1.72, "cjk": 1.62, "devanagari": 1.6}

#: Arabic letters look smaller than Latin ones at the same size; set them a little larger.
SIZE_FACTOR = {"arabic": 1.08}


@dataclass(frozen=True)
class PacketStyles:
    body: TextStyle
    body_muted: TextStyle
    lead: TextStyle
    small: TextStyle
    caption: TextStyle
    h1: TextStyle
    h2: TextStyle
    h3: TextStyle
    bullet: TextStyle
    numbered: TextStyle
    label: TextStyle
    value: TextStyle
    table_head: TextStyle
    table_cell: TextStyle
    table_amount: TextStyle
    table_total: TextStyle
    table_total_amount: TextStyle
    header: TextStyle
    footer: TextStyle
    cover_kicker: TextStyle
    cover_title: TextStyle
    cover_agency: TextStyle
    cover_tagline: TextStyle
    cover_prepared: TextStyle
    cover_name: TextStyle
    cover_latin: TextStyle
    card_heading: TextStyle
    diagram_label: TextStyle
    diagram_text: TextStyle
    chart_label: TextStyle
    chart_value: TextStyle
    chart_axis: TextStyle


def make_styles(script: str, palette: Palette = PALETTE) -> PacketStyles:
    """Every text style of a packet written in `script` (latin, arabic, cjk, devanagari)."""
    factor = LEADING.get(script, LEADING["latin"])
    scale = SIZE_FACTOR.get(script, 1.0)

    def style(size_key: str, color: Color = palette.ink, **options) -> TextStyle:
        size = round(TYPE_SCALE[size_key] * scale, 2)
        return TextStyle(size=size, leading=round(size * factor, 2), color=color, **options)

    body = style("body", space_after=5)
    return PacketStyles(
        body=body,
        body_muted=style("body", palette.muted, space_after=5),
        lead=style("lead", space_after=8),
        small=style("small", palette.muted, space_after=3),
        caption=style("caption", palette.muted, align="center", space_before=3, space_after=10),
        h1=style("h1", palette.primary, bold=True, space_before=18, space_after=8, keep_with_next=True),
        h2=style("h2", palette.primary, bold=True, space_before=10, space_after=5, keep_with_next=True),
        h3=style("h3", palette.ink, bold=True, space_before=6, space_after=2, keep_with_next=True),
        bullet=style("body", start_indent=16, space_after=3),
        numbered=style("body", start_indent=21, space_after=4),
        label=style("small", palette.muted),
        value=style("body", bold=True),
        table_head=style("small", palette.on_primary, bold=True),
        table_cell=style("small"),
        table_amount=style("small", align="end"),
        table_total=style("body", palette.primary, bold=True),
        table_total_amount=style("small", palette.primary, bold=True, align="end"),
        # One-line running texts: set tight, so the footer's two lines stay clear of the paper's edge.
        header=style("caption", palette.muted).but(leading=round(TYPE_SCALE["caption"] * scale * 1.4, 2)),
        footer=style("caption", palette.muted).but(leading=round(TYPE_SCALE["caption"] * scale * 1.4, 2)),
        cover_kicker=style("small", palette.on_primary_muted, bold=True),
        cover_title=style("display", palette.on_primary, bold=True),
        cover_agency=style("h2", palette.on_primary, bold=True),
        cover_tagline=style("small", palette.on_primary_muted),
        cover_prepared=style("body", palette.muted, space_after=2),
        cover_name=style("name", palette.ink, bold=True, space_after=2),
        cover_latin=style("body", palette.muted, space_after=4),
        card_heading=style("h3", palette.primary, bold=True, space_after=3),
        diagram_label=style("body", palette.ink, bold=True, align="center"),
        diagram_text=style("small", palette.muted, align="center"),
        chart_label=style("small", palette.ink, bold=True),
        chart_value=style("caption", palette.ink),
        chart_axis=style("caption", palette.muted, align="center"),
    )


# --------------------------------------------------------------------------- tables

TABLE_PADDING = 5
CARD_PADDING = 10
CARD_RADIUS = 6


def table_style_commands(rows: int, *, header: bool = True, palette: Palette = PALETTE) -> list[tuple]:
    """The common look of a packet table: a teal header row, light rules, roomy cells."""
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), TABLE_PADDING + 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), TABLE_PADDING + 1),
        ("TOPPADDING", (0, 0), (-1, -1), TABLE_PADDING - 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), TABLE_PADDING - 1),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, palette.rule),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), palette.primary),
            ("LINEBELOW", (0, 0), (-1, 0), 0, palette.primary),
        ]
    return commands
