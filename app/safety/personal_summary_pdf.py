"""The readable PDF beside a personal-data export: what MedTour Desk holds about one person.

One renderer, one set of styles, a footer with "page X of Y", on the base every MedTour Desk PDF
shares: the bundled fonts (app.packets.fonts), the packet's text engine for shaping and direction
(app.packets.text_layout) and app.packets.pdf_base for the page numbers and the document set-up.
User text is set as plain text, never as markup, so a name like ``<b>`` or ``&amp;`` is printed
as typed; a name in Arabic or Devanagari is shaped as in the packet.
"""
from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from app.domain.lead_records import LeadDetail
from app.packets.fonts import FontBook, font_book
from app.packets.long_tables import long_table
from app.packets.pdf_base import document, numbered_canvas
from app.packets.text_layout import GlyphAudit, TextSetter, TextStyle

#: The width a table may take: the page less its margins and the frame's own padding (6 pt each
#: side); a wider table is drawn over the edge and cannot be split across pages.
FRAME_WIDTH = A4[0] - 40 * mm - 12
_INK = colors.HexColor("#222222")
_GREY = colors.HexColor("#555555")
STYLES = {
    "title": TextStyle(size=16, leading=20, color=_INK, space_after=4 * mm),
    "heading": TextStyle(size=12, leading=15, color=colors.HexColor("#1f4e79"), space_before=5 * mm, space_after=2 * mm),
    "body": TextStyle(size=9.5, leading=12.5, color=_INK),
    "small": TextStyle(size=8, leading=10, color=_GREY),
    "label": TextStyle(size=9, leading=12, color=_GREY),
    "footer": TextStyle(size=8, leading=10, color=colors.HexColor("#777777")),
}


def _short_hash(value: object) -> str:
    text = str(value or "")
    return text[:16] + "…" if len(text) > 16 else (text or "—")


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "—"


class PersonalSummaryRenderer:
    def __init__(self, fonts: FontBook | None = None) -> None:
        self.audit = GlyphAudit()
        self.setter = TextSetter(fonts or font_book(), "en", rtl=False, audit=self.audit)

    # --- text -----------------------------------------------------------------------------

    def user(self, value: object, style: str = "body") -> Flowable:
        """A paragraph of user text: plain text, fonts per script, direction from its first letter."""
        text = "—" if value in (None, "") else str(value)
        return self.setter.paragraph(text, STYLES[style], auto_direction=True)

    def own(self, text: str, style: str = "body") -> Flowable:
        """A paragraph of the app's own words (they can quote user values: plain text too)."""
        return self.setter.paragraph(text, STYLES[style])

    def _table(self, rows: list[list[Flowable]], widths: list[float]) -> Table:
        table = long_table(rows, widths, repeatRows=1 if len(rows) > 1 else 0, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), self.setter.primary.regular.name),  # else Helvetica joins the file
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
        ]))
        return table

    # --- document -------------------------------------------------------------------------

    def render(self, detail: LeadDetail, generated_at: datetime) -> bytes:
        story: list = [
            self.own("Personal data held by MedTour Desk", "title"),
            self.own(f"About the person with reference {detail.reference}, as of {_when(generated_at)}. "
                     "The JSON file beside this one holds the same data in a machine-readable form.", "small"),
            self.own("Details", "heading"),
        ]
        budget = f"{detail.budget_amount} {detail.budget_currency or ''}".strip() if detail.budget_amount is not None else None
        facts = [
            ("Name", detail.full_name), ("Name in Latin letters", detail.latin_name), ("Email", detail.email),
            ("Country", detail.country), ("Language", detail.language), ("Time zone", detail.timezone),
            ("Diagnosis", detail.diagnosis), ("Diagnosis category", detail.diagnosis_category),
            ("Programme", detail.program), ("Budget", budget), ("Companions", detail.companions),
            ("Status", detail.status), ("Status reason", detail.status_reason), ("Source", detail.source),
            ("Coordinator", detail.coordinator.name if detail.coordinator else None),
            ("Inquiry received", _when(detail.inquiry_at)), ("Next follow-up", _when(detail.next_follow_up)),
        ]
        facts += [(f"Messenger ({name})", value) for name, value in sorted(detail.messengers.items())]
        width = FRAME_WIDTH
        story.append(self._table([[self.own(label, "label"), self.user(value)] for label, value in facts], [45 * mm, width - 45 * mm]))

        story.append(self.own("Phone numbers", "heading"))
        if detail.phones:
            rows = [[self.own(h, "label") for h in ("As given", "International form", "Kind")]]
            rows += [[self.user(p.raw), self.user(p.e164 or "not a valid number"), self.user(p.kind)] for p in detail.phones]
            story.append(self._table(rows, [60 * mm, 60 * mm, width - 120 * mm]))
        else:
            story.append(self.own("None held."))

        story.append(self.own("Consent", "heading"))
        if detail.consent_health_data:
            story.append(self.own(f"Consent to store health data: given, recorded {_when(detail.consent_at)}."))
        else:
            story.append(self.own("Consent to store health data: not recorded."))
        if detail.consent_method:
            story.append(self.user(f"How it was given: {detail.consent_method}"))

        packets = [i for i in detail.interactions if i.kind == "packet"]
        story.append(self.own("Information packets sent", "heading"))
        if packets:
            rows = [[self.own(h, "label") for h in ("When", "Language", "Programme", "Fingerprint (SHA-256)")]]
            rows += [[self.own(_when(p.occurred_at)), self.user(p.details.get("language")), self.user(p.details.get("program")),
                      self.user(_short_hash(p.details.get("sha256")))] for p in packets]
            story.append(self._table(rows, [40 * mm, 25 * mm, 45 * mm, width - 110 * mm]))
        else:
            story.append(self.own("None."))

        story.append(self.own("Calls, messages and notes", "heading"))
        if detail.interactions:
            rows = [[self.own(h, "label") for h in ("When", "What", "Notes")]]
            for i in detail.interactions:
                what = i.kind + (f" ({i.outcome})" if i.outcome else "")
                rows.append([self.own(_when(i.occurred_at)), self.user(what), self.user(i.notes)])
            story.append(self._table(rows, [42 * mm, 32 * mm, width - 74 * mm]))
        else:
            story.append(self.own("None."))

        story.append(self.own("Status history", "heading"))
        rows = [[self.own(h, "label") for h in ("When", "Move", "Reason")]]
        rows += [[self.own(_when(h.changed_at)), self.user(f"{h.from_status or '—'} → {h.to_status}"), self.user(h.reason)]
                 for h in detail.status_history]
        story.append(self._table(rows, [42 * mm, 50 * mm, width - 92 * mm]))

        story.append(self.own("Changes to the details", "heading"))
        if detail.field_edits:
            rows = [[self.own(h, "label") for h in ("When", "Field", "Before", "After")]]
            rows += [[self.own(_when(e.edited_at)), self.user(e.field), self.user(e.old_value), self.user(e.new_value)]
                     for e in detail.field_edits]
            story.append(self._table(rows, [42 * mm, 30 * mm, (width - 72 * mm) / 2, (width - 72 * mm) / 2]))
        else:
            story.append(self.own("None."))
        # The story is laid out (and its characters checked against the fonts) as it is made.
        if self.audit.dropped:
            story.append(Spacer(1, 4 * mm))
            story.append(self.own(f"{len(self.audit.dropped)} character(s) could not be drawn with the bundled fonts "
                                  "and were left out; the JSON file has them exactly.", "small"))

        buffer = io.BytesIO()
        doc = document(buffer, initial_font=self.setter.primary.regular.name, template=SimpleDocTemplate, pagesize=A4,
                       leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
                       title=f"Personal data — {detail.reference}", author="MedTour Desk")
        footer_text = f"{detail.reference} — personal data export — confidential"
        setter, style, width = self.setter, STYLES["footer"], A4[0] - 40 * mm

        def footer(canvas: Canvas, number: int, total: int) -> None:
            setter.draw(canvas, footer_text, style, 20 * mm, 14 * mm, width, align="left", max_lines=1)
            setter.draw(canvas, f"page {number} of {total}", style, 20 * mm, 14 * mm, width, align="right", max_lines=1)

        doc.build(story, canvasmaker=numbered_canvas(footer))
        return buffer.getvalue()
