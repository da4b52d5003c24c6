"""The case summary PDF at the head of a review bundle (app.packets.review_bundle): in English, for
a partner hospital's doctors — who the patient is (or only initials, age and country in the
de-identified variant), the diagnosis and its category, the treatment history as recorded, the
clinical flags, every record item with its state and the checksums of its files, and who at the
agency coordinates the case.

Built on the base every MedTour Desk PDF shares (app.packets.pdf_base, the bundled fonts and the
text engine, app.packets.packet_styles), so a name in any script is drawn with embedded glyphs.
The document's metadata holds the reference only, never the patient's name.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from app.packets.fonts import FontBook, font_book
from app.packets.long_tables import long_table
from app.packets.packet_styles import (
    CONTENT_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_SIZE,
    PALETTE,
    make_styles,
    table_style_commands,
)
from app.packets.pdf_base import document, numbered_canvas
from app.packets.text_layout import GlyphAudit, TextSetter

__all__ = ["CaseSummary", "SummaryFile", "SummaryRecord", "render_case_summary"]


@dataclass(frozen=True)
class SummaryFile:
    name: str
    sha256: str | None
    size: int | None
    #: "included", "link", or why it is not in the bundle ("not accepted", "withheld: de-identified")
    status: str


@dataclass(frozen=True)
class SummaryRecord:
    label: str
    state: str
    files: tuple[SummaryFile, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class CaseSummary:
    reference: str
    hospital: str
    hospital_country: str
    deidentified: bool
    made_on: date
    #: (label, value) rows about the patient, already chosen for the variant.
    patient: tuple[tuple[str, str], ...]
    diagnosis: str | None
    category: str | None
    treatment_history: str | None
    clinical_flags: tuple[str, ...]
    records: tuple[SummaryRecord, ...]
    coordinator: tuple[tuple[str, str], ...]
    agency: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def _size(value: int | None) -> str:
    if value is None:
        return "—"
    if value < 1024:
        return f"{value} B"
    if value < 1024 * 1024:
        return f"{value / 1024:.0f} KB"
    return f"{value / 1024 / 1024:.1f} MB"


class _Renderer:
    def __init__(self, fonts: FontBook) -> None:
        self.audit = GlyphAudit()
        self.setter = TextSetter(fonts, "en", rtl=False, audit=self.audit)
        self.styles = make_styles("latin")

    def own(self, text: str, style: str = "body") -> Flowable:
        return self.setter.paragraph(text, getattr(self.styles, style))

    def user(self, value: object, style: str = "body") -> Flowable:
        text = "—" if value in (None, "") else str(value)
        return self.setter.paragraph(text, getattr(self.styles, style), auto_direction=True)

    def table(self, rows: list[list[Flowable]], widths: list[float], *, header: bool = True) -> Table:
        table = long_table(rows, widths, repeatRows=1 if header and len(rows) > 1 else 0, hAlign="LEFT")
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), self.setter.primary.regular.name),
                                   *table_style_commands(len(rows), header=header)]))
        return table

    def facts(self, rows: tuple[tuple[str, str], ...]) -> Table:
        return self.table([[self.own(label, "label"), self.user(value)] for label, value in rows],
                          [48 * mm, CONTENT_WIDTH - 48 * mm], header=False)

    def render(self, summary: CaseSummary) -> bytes:
        s = summary
        variant = "de-identified " if s.deidentified else ""
        story: list = [
            self.own(f"Case summary for medical review — {s.reference}", "h1"),
            self.user(f"Prepared for {s.hospital} ({s.hospital_country}) on {s.made_on.isoformat()}"
                      + (f" by {s.agency}" if s.agency else "") + ".", "body_muted"),
        ]
        if s.deidentified:
            story.append(self.own("This is a de-identified summary: the patient is named by initials, age and country "
                                  "only. Names, contact details and passport details are left out of this file and "
                                  "of the bundle.", "small"))
        story += [self.own("Patient", "h2"), self.facts(s.patient)]
        story += [self.own("Diagnosis", "h2"),
                  self.facts((("Diagnosis as recorded", s.diagnosis or "not recorded"),
                              ("Category", s.category or "not recorded")))]
        story += [self.own("Treatment history", "h2"),
                  self.user(s.treatment_history or "Not recorded yet; see the records below.")]
        story.append(self.own("Clinical flags", "h2"))
        if s.clinical_flags:
            story += [self.setter.paragraph(flag, self.styles.bullet, bullet="•", auto_direction=True)
                      for flag in s.clinical_flags]
        else:
            story.append(self.own("None recorded."))
        story.append(self.setter.paragraph("Medical records", self.styles.h2.but(keep_with_next=False)))
        if s.records:
            head = [self.own(h, "table_head") for h in ("Record", "State", "Files (SHA-256)")]
            rows = [head]
            for record in s.records:
                lines: list[Flowable] = []
                for f in record.files:
                    size = f", {_size(f.size)}" if f.size is not None else ""
                    lines.append(self.user(f"{f.name} — {f.status}{size}", "table_cell"))
                    if f.sha256:
                        lines.append(self.setter.paragraph(f.sha256, self.styles.caption.but(align="start", space_before=0,
                                                                                              space_after=2)))
                if record.note:
                    lines.append(self.user(record.note, "table_cell"))
                rows.append([self.user(record.label, "table_cell"), self.own(record.state, "table_cell"),
                             lines or self.own("no file", "table_cell")])
            story.append(self.table(rows, [60 * mm, 22 * mm, CONTENT_WIDTH - 82 * mm]))
        else:
            story.append(self.own("No record items yet."))
        story += [self.own("Coordinator", "h2"), self.facts(s.coordinator)]
        for note in s.notes:
            story.append(self.user(note, "small"))
        if self.audit.dropped:
            story += [Spacer(1, 8), self.own(f"{len(self.audit.dropped)} character(s) could not be drawn with the "
                                             "bundled fonts and were left out.", "small")]

        buffer = io.BytesIO()
        doc = document(buffer, initial_font=self.setter.primary.regular.name, template=SimpleDocTemplate,
                       pagesize=PAGE_SIZE, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                       bottomMargin=MARGIN_BOTTOM, title=f"Case summary {s.reference} ({variant}review bundle)",
                       author=s.agency or "MedTour Desk", subject=f"Medical review by {s.hospital}")
        footer_text = f"{s.reference} — {variant}case summary — confidential medical information"
        setter, style = self.setter, self.styles.footer

        def footer(canvas: Canvas, number: int, total: int) -> None:
            canvas.setStrokeColor(PALETTE.rule)
            setter.draw(canvas, footer_text, style, MARGIN_X, 14 * mm, CONTENT_WIDTH, align="left", max_lines=1)
            setter.draw(canvas, f"page {number} of {total}", style, MARGIN_X, 14 * mm, CONTENT_WIDTH,
                        align="right", max_lines=1)

        doc.build(story, canvasmaker=numbered_canvas(footer))
        return buffer.getvalue()


def render_case_summary(summary: CaseSummary, fonts: FontBook | None = None) -> bytes:
    """The summary as PDF bytes (the same summary gives the same bytes)."""
    return _Renderer(fonts or font_book()).render(summary)
