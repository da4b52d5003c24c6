"""The readable PDF beside a personal-data export: what MedTour Desk holds about one person.

One renderer, one stylesheet, a footer with "page X of Y"; every piece of user text goes through
`SummaryFonts.markup` (escaped, then put in fonts that have its characters) before it enters
Paragraph markup, so a name like ``<b>`` or ``&amp;`` is printed as typed, never interpreted.
"""
from __future__ import annotations

import io
import unicodedata
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.domain.lead_records import LeadDetail
from app.safety.summary_fonts import SummaryFonts

_RTL_BIDI = ("R", "AL")
_LTR_BIDI = ("L",)


def _direction(text: str) -> str:
    """'RTL' when the first strongly directional character is Arabic/Hebrew, else 'LTR'."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_BIDI:
            return "RTL"
        if kind in _LTR_BIDI:
            return "LTR"
    return "LTR"


def _short_hash(value: object) -> str:
    text = str(value or "")
    return text[:16] + "…" if len(text) > 16 else (text or "—")


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "—"


class PersonalSummaryRenderer:
    def __init__(self, fonts: SummaryFonts | None = None) -> None:
        self.fonts = fonts or SummaryFonts()
        base = self.fonts.base
        self.styles = {
            "title": ParagraphStyle("title", fontName=base, fontSize=16, leading=20, spaceAfter=4 * mm),
            "heading": ParagraphStyle("heading", fontName=base, fontSize=12, leading=15, spaceBefore=5 * mm,
                                      spaceAfter=2 * mm, textColor=colors.HexColor("#1f4e79")),
            "body": ParagraphStyle("body", fontName=base, fontSize=9.5, leading=12.5),
            "small": ParagraphStyle("small", fontName=base, fontSize=8, leading=10, textColor=colors.HexColor("#555555")),
            "label": ParagraphStyle("label", fontName=base, fontSize=9, leading=12, textColor=colors.HexColor("#555555")),
        }

    # --- text -----------------------------------------------------------------------------

    def user(self, value: object, style: str = "body") -> Paragraph:
        """A paragraph of user text: escaped, fonts per script, direction from its first letter."""
        text = "—" if value in (None, "") else str(value)
        base = self.styles[style]
        direction = _direction(text)
        para_style = ParagraphStyle(f"{style}-{direction}", parent=base, wordWrap=direction)
        return Paragraph(self.fonts.markup(text), para_style)

    def own(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of the app's own words (still escaped: they can quote user values)."""
        return Paragraph(escape(text), self.styles[style])

    def _table(self, rows: list[list[Paragraph]], widths: list[float]) -> Table:
        table = Table(rows, colWidths=widths, repeatRows=1 if len(rows) > 1 else 0, hAlign="LEFT")
        table.setStyle(TableStyle([
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
        width = A4[0] - 40 * mm
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
        if self.fonts.missing:
            story.append(Spacer(1, 4 * mm))
            story.append(self.own(f"{len(self.fonts.missing)} character(s) could not be drawn with the fonts on this computer "
                                  "and are shown as '?'; the JSON file has them exactly.", "small"))

        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                                bottomMargin=18 * mm, title=f"Personal data — {detail.reference}", author="MedTour Desk")
        footer_text = f"{detail.reference} — personal data export — confidential"
        base = self.fonts.base

        class FooterCanvas(Canvas):
            """Draws "page X of Y" once the number of pages is known (pages are kept until save)."""

            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, **kwargs)
                self._pages: list[dict] = []

            def showPage(self) -> None:  # noqa: N802 - ReportLab's name
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                total = len(self._pages)
                for number, state in enumerate(self._pages, start=1):
                    self.__dict__.update(state)
                    self.saveState()
                    self.setFont(base, 8)
                    self.setFillColor(colors.HexColor("#777777"))
                    self.drawString(20 * mm, 10 * mm, footer_text)
                    self.drawRightString(A4[0] - 20 * mm, 10 * mm, f"page {number} of {total}")
                    self.restoreState()
                    super().showPage()
                super().save()

        doc.build(story, canvasmaker=FooterCanvas)
        return buffer.getvalue()
