"""The patient information packet, rendered to PDF bytes.

One renderer class builds the whole document from a `PacketLead`, the content
files and a date: cover, inquiry summary, how CAR-T works, the journey, the
cost estimate and comparison, risks, eligibility, preparation, FAQ, next steps
and the medical disclaimer. Every page carries the agency, the reference and
"page X of Y" in the packet's language.

The same lead, content and `today` give the same bytes: the document is built
with ReportLab's invariant mode (fixed dates and document id).
"""

from __future__ import annotations

import datetime
import functools
import io
import logging
import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from PIL import Image
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from app.domain.atomic_file import write_bytes_atomically
from app.domain.catalogue import Catalogue
from app.packets.content import Content, cached_content
from app.packets.cost_estimate import EstimateLine
from app.packets.fonts import FontBook, font_book
from app.packets.packet_diagrams import JourneyChart, JourneyRow, ProcessDiagram, RangeBar, RangeChart, Stage
from app.packets.packet_input import PacketLead
from app.packets.packet_locale import country_name, format_amount, format_long_date, format_money, format_rate
from app.packets.packet_offer import PacketOffer
from app.packets.packet_plan import PacketPlan, PlanLine, plan_packet, plan_with
from app.packets.packet_styles import (
    CARD_PADDING,
    CARD_RADIUS,
    CONTENT_WIDTH,
    COVER_BAND_HEIGHT,
    FOOTER_TOP,
    HEADER_BASELINE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_SIZE,
    PAGE_WIDTH,
    PALETTE,
    make_styles,
    table_style_commands,
)
from app.packets.pdf_base import document, numbered_canvas
from app.packets.text_layout import GlyphAudit, Span, TextSetter, TextStyle

log = logging.getLogger(__name__)

_LRE, _PDF = "\u202a", "\u202c"
PRODUCER = "MedTour Desk packet engine"


#: The logo is drawn at most this wide (points) and embedded at about 400 dpi.
_LOGO_PIXELS = 256


@functools.lru_cache(maxsize=4)
def _logo_image(path: Path) -> ImageReader:
    """The agency logo, scaled once per process to the size the packet prints it at."""
    with Image.open(path) as opened:
        image = opened.convert("RGBA")
        image.thumbnail((_LOGO_PIXELS, _LOGO_PIXELS), Image.Resampling.LANCZOS)
        return ImageReader(image.copy())


class PacketRenderer:
    """Builds one packet. Construct, then call `render()` for the PDF bytes."""

    #: The sections only a packet with an offer has: no program, no journey and no price before
    #: the doctors have reviewed the records.
    PRICED_SECTIONS = ("journey", "cost", "compare")
    #: Placeholders that say something about the offer; a text using them is left out without one.
    OFFER_PLACEHOLDERS = ("{program}", "{weeks}", "{nights}", "{estimate_total", "{valid_until}", "{hospital}")

    def __init__(self, lead: PacketLead, content: Content, *, lang: str, offer: PacketOffer | None,
                 today: datetime.date, fonts: FontBook | None = None, plan: PacketPlan | None = None) -> None:
        self.lead = lead
        self.content = content
        self.today = today
        self.lang = lang
        #: The hospital offer proposed and priced; None: no program, no estimate, review first.
        self.offer = offer
        self.text = content.text(lang)
        self.rtl = self.text.rtl
        self.locale = self.text.locale
        self.fonts = fonts or font_book()
        self.setter = TextSetter(self.fonts, lang, self.rtl, GlyphAudit())
        self.styles = make_styles(self.fonts.primary(lang).key)
        self.palette = PALETTE
        #: What the packet is built from (app.packets.packet_plan): the estimate's rows as printed.
        self.plan = plan if plan is not None else plan_with(lead, content, language=lang, offer=offer, today=today)
        self.estimate = self.plan.estimate
        self.values = self._placeholder_values()
        self._logo = _logo_image(content.agency.logo)

    @classmethod
    def from_plan(cls, plan: PacketPlan, content: Content, *, fonts: FontBook | None = None) -> PacketRenderer:
        """The renderer of a plan made by app.packets.packet_plan."""
        return cls(plan.lead, content, lang=plan.language, offer=plan.offer, today=plan.today, fonts=fonts, plan=plan)

    @property
    def audit(self) -> GlyphAudit:
        """Characters this render could not draw (e.g. emoji no bundled font has)."""
        return self.setter.audit

    # ------------------------------------------------------------------ values

    def _ltr(self, value: str) -> str:
        """Keep a phone number, e-mail or code in left-to-right order inside Arabic text."""
        return f"{_LRE}{value}{_PDF}" if self.rtl else value

    def money(self, amount: Decimal, currency: str | None = None) -> str:
        return format_money(amount, currency or self.content.agency.currency, self.locale)

    def money_range(self, low: Decimal, high: Decimal, currency: str | None = None) -> str:
        """"$59,000 – $97,000", kept on one line (no-break spaces) so a range never splits."""
        if low == high:
            return self.money(low, currency)
        text = self.text.get("cost.range", low=self.money(low, currency), high=self.money(high, currency))
        return text.replace(" ", "\u00a0")

    def program_text(self, part: str) -> str:
        """The offer's program's name, short name or description; a program the texts do not
        describe yet is named by its key (and has no description)."""
        if self.offer is None:
            return ""
        key = f"programs.{self.offer.program}.{part}"
        if key in self.text.values:
            return self.text.get(key)
        return "" if part == "description" else self.offer.program.replace("_", " ")

    def named(self, key: str, fallback: str) -> str:
        """A text that may be missing (an item or step an offer adds): its key's words then."""
        return self.t(key) if key in self.text.values else fallback.replace("_", " ").capitalize()

    def _placeholder_values(self) -> dict[str, str]:
        lead, content, text = self.lead, self.content, self.text
        market = content.market
        coordinator = lead.coordinator
        offer = self.offer
        values = {
            "patient_name": lead.full_name.strip(),
            "latin_name": (lead.latin_name or "").strip(),
            "program": self.program_text("name"),
            "hospital": self._hospital_name(),
            "coordinator_name": coordinator.name,
            "coordinator_email": self._ltr(coordinator.email),
            "coordinator_phone": self._ltr(coordinator.phone),
            "coordinator_whatsapp": self._ltr(coordinator.whatsapp or ""),
            "agency": content.agency.name,
            "agency_currency": content.agency.currency,
            "patient_currency": content.agency.currency,
            "weeks": text.plural("units.weeks_about", offer.stay_weeks) if offer else "",
            "nights": text.plural("units.nights", offer.stay_nights) if offer else "",
            "travellers": text.plural("units.travellers", 1 + lead.companions),
            "category": text.get(f"categories.{lead.diagnosis_category}") if lead.diagnosis_category else "",
            "china_range": self.money_range(market.region("china").min, market.region("china").max),
            "us_range": self.money_range(market.region("united_states").min, market.region("united_states").max),
            "europe_range": self.money_range(market.region("europe").min, market.region("europe").max),
            "market_source": self._ltr(market.source),
            "market_as_of": format_long_date(market.as_of, self.locale),
        }
        estimate = self.estimate
        if estimate is None:
            return values
        total = self.plan.line("total")
        values.update({
            "patient_currency": estimate.patient_currency or estimate.currency,
            "estimate_total": self.money_range(total.min, total.max),
            "estimate_total_converted": (
                self.money_range(total.min_local, total.max_local, total.local_currency)
                if total.min_local is not None and total.max_local is not None else ""),
            "valid_until": format_long_date(estimate.valid_until, self.locale),
        })
        if estimate.offer_currency is not None:
            assert estimate.offer_rate is not None and estimate.rates_date is not None
            values["offer_currency"] = estimate.offer_currency
            values["offer_rate"] = self._ltr(
                f"1 {estimate.currency} = {format_rate(estimate.offer_rate, self.locale)} {estimate.offer_currency}")
            values["rate_date"] = format_long_date(estimate.rates_date, self.locale)
        if estimate.converts:
            assert estimate.rate is not None and estimate.rate_date is not None
            values["rate"] = self._ltr(
                f"1 {estimate.currency} = {format_rate(estimate.rate, self.locale)} {estimate.patient_currency}")
            values["rate_date"] = format_long_date(estimate.rate_date, self.locale)
        return values

    def _hospital_name(self) -> str:
        """"Shanghai East Bank Cancer Centre (上海东岸肿瘤中心), Shanghai"."""
        offer = self.offer
        if offer is None:
            return ""
        local = f" ({offer.hospital_local})" if offer.hospital_local else ""
        return self._ltr(f"{offer.hospital}{local}, {offer.city}")

    def t(self, key: str, **extra: str) -> str:
        """A text of the packet language with every placeholder filled in."""
        return self.text.get(key, **{**self.values, **extra})

    # ------------------------------------------------------------------ building blocks

    def para(self, content: str | Sequence[Span], style: TextStyle, *, bullet: str | None = None,
             auto_direction: bool = False) -> Flowable:
        return self.setter.paragraph(content, style, bullet=bullet, auto_direction=auto_direction)

    def row(self, cells: list) -> list:
        """Table cells in reading order: the first column goes on the right in Arabic."""
        return cells[::-1] if self.rtl else cells

    def widths(self, fractions: Sequence[float], total: float = CONTENT_WIDTH) -> list[float]:
        return self.row([total * fraction for fraction in fractions])

    def card(self, flowables: list[Flowable], *, background=None, border=None, width: float = CONTENT_WIDTH) -> Table:
        background = background or self.palette.primary_tint
        commands = [
            ("BACKGROUND", (0, 0), (-1, -1), background),
            ("LEFTPADDING", (0, 0), (-1, -1), CARD_PADDING + 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), CARD_PADDING + 2),
            ("TOPPADDING", (0, 0), (-1, -1), CARD_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CARD_PADDING),
            ("ROUNDEDCORNERS", [CARD_RADIUS] * 4),
        ]
        if border is not None:
            commands.append(("BOX", (0, 0), (-1, -1), 0.8, border))
        return self.table([[flowables]], [width], commands)

    def table(self, rows: list[list], widths: Sequence[float], commands: list[tuple], *,
              repeat_header: bool = False) -> Table:
        table = Table(rows, colWidths=list(widths), repeatRows=1 if repeat_header else 0)
        # Plain-string cells (the empty ones) are drawn in the table's font: keep it a bundled one,
        # or ReportLab adds an unembedded Helvetica to the PDF.
        font = self.fonts.primary(self.lang).regular.name
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), *commands]))
        return table

    def bullets(self, items: Sequence[str], *, marker: str = "•", color=None) -> list[Flowable]:
        return [self.setter.paragraph(item, self.styles.bullet, bullet=marker, bullet_color=color or self.palette.accent)
                for item in items]

    def numbered(self, items: Sequence[str]) -> list[Flowable]:
        return [self.para(item, self.styles.numbered, bullet=f"{number}.") for number, item in enumerate(items, 1)]

    # ------------------------------------------------------------------ sections

    def _cover(self) -> list[Flowable]:
        styles, lead = self.styles, self.lead
        story: list[Flowable] = [
            Spacer(1, 6),
            self.para(self.t("cover.prepared_for"), styles.cover_prepared),
            self.para(self.values["patient_name"], styles.cover_name, auto_direction=True),
        ]
        latin = self.values["latin_name"]
        if latin and latin.casefold() != self.values["patient_name"].casefold():
            story.append(self.para(self.t("cover.latin_name"), styles.cover_latin))
        story.append(Spacer(1, 14))

        facts = [
            (self.t("cover.reference"), self._ltr(lead.reference)),
            (self.t("cover.date"), format_long_date(self.today, self.locale)),
            (self.t("cover.program"), self.program_text("short") if self.offer else self.t("cover.program_pending")),
        ]
        cells = [[self.para(label, styles.label), self.para(value, styles.value.but(space_before=1))]
                 for label, value in facts]
        grid = self.table([self.row(cells)], self.widths([0.26, 0.3, 0.44]), [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ("LINEABOVE", (0, 0), (-1, 0), 2, self.palette.accent),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
        ])
        story += [grid, Spacer(1, 22)]

        coordinator = lead.coordinator
        contact_rows = [(self.t("cover.phone"), self.values["coordinator_phone"]),
                        (self.t("cover.email"), self.values["coordinator_email"])]
        if coordinator.whatsapp:
            contact_rows.append((self.t("cover.whatsapp"), self.values["coordinator_whatsapp"]))
        inner_width = CONTENT_WIDTH - 2 * (CARD_PADDING + 2)
        contacts = self.table(
            [self.row([self.para(label, styles.label), self.para(value, styles.value)]) for label, value in contact_rows],
            self.widths([0.3, 0.7], inner_width), [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ])
        story.append(self.card([
            self.para(self.t("cover.coordinator_heading"), styles.card_heading),
            self.para(coordinator.name, styles.h2.but(space_before=0, color=styles.body.color), auto_direction=True),
            self.para(self.t("cover.coordinator_intro"), styles.body.but(space_after=8)),
            contacts,
        ]))
        story += [Spacer(1, 16), *self._contents()]
        return story

    def _contents(self) -> list[Flowable]:
        """The cover's list of what the packet holds, in two columns."""
        keys = [key for key in ("summary", "how", "journey", "cost", "compare", "risks", "eligibility", "prepare",
                                "faq", "next") if self.offer is not None or key not in self.PRICED_SECTIONS]
        entries = [self.para(self.t(f"{key}.heading"), self.styles.numbered.but(space_after=2), bullet=f"{number}.")
                   for number, key in enumerate(keys, 1)]
        half = (len(entries) + 1) // 2
        columns = self.table([self.row([entries[:half], entries[half:]])], [CONTENT_WIDTH / 2] * 2,
                             [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 8)])
        return [self.para(self.t("cover.contents"), self.styles.card_heading), columns]

    def _summary(self) -> list[Flowable]:
        styles, lead, text, offer = self.styles, self.lead, self.text, self.offer
        intro = "summary.intro" if offer is not None else "summary.intro_review"
        story: list[Flowable] = [self.para(self.t("summary.heading"), styles.h1),
                                 self.para(self.t(intro), styles.lead)]
        not_recorded = self.t("summary.not_recorded")
        companions = (text.plural("units.companions", lead.companions) if lead.companions
                      else self.t("summary.no_companions"))
        rows = [
            (self.t("summary.diagnosis"), (lead.diagnosis or "").strip() or not_recorded),
            (self.t("summary.category"), self.values["category"] or not_recorded),
            (self.t("summary.program"), self.values["program"] if offer else self.t("summary.program_pending")),
        ]
        if offer is not None:
            rows.append((self.t("summary.hospital"), self.values["hospital"]))
        rows += [
            (self.t("summary.country_home" if self.offer is not None and self.plan.domestic
                    else "summary.country"), country_name(lead.country, self.locale) or not_recorded),
            (self.t("summary.companions"), companions),
        ]
        table = self.table(
            [self.row([self.para(label, styles.table_cell.but(color=self.palette.muted)),
                       self.para(value, styles.body.but(bold=True, space_after=0), auto_direction=True)])
             for label, value in rows],
            self.widths([0.32, 0.68]),
            [*table_style_commands(len(rows), header=False), ("LINEABOVE", (0, 0), (-1, 0), 0.5, self.palette.rule)])
        story += [Spacer(1, 4), table, Spacer(1, 12)]

        if offer is None:
            story += [self.card([self.para(self.t("summary.review_heading"), styles.card_heading),
                                 self.para(self.t("summary.review_first"), styles.body.but(space_after=0))],
                                background=self.palette.accent_soft), Spacer(1, 12)]
        else:
            if not offer.confirmed:
                story += [self.card([self.para(self.t("summary.fit_review"), styles.body.but(space_after=0))],
                                    background=self.palette.accent_soft), Spacer(1, 12)]
            story += [self.para(self.values["program"], styles.h2)]
            description = self.program_text("description")
            if description:
                story.append(self.para(description, styles.body))
        story += [
            self.para(self.t("summary.next_heading"), styles.h2),
            *self.numbered(self.text.items("summary.next_steps", **self.values)),
        ]
        return story

    def _how(self) -> list[Flowable]:
        styles = self.styles
        stages = [Stage(self.t(f"how.stage_{key}"), self.t(f"how.stage_{key}_text"))
                  for key in ("collection", "engineering", "expansion", "infusion")]
        story: list[Flowable] = [
            self.para(self.t("how.heading"), styles.h1),
            self.para(self.t("how.intro"), styles.lead),
            Spacer(1, 6),
            ProcessDiagram(stages, self.setter, styles),
            self.para(self.t("how.diagram_caption"), styles.caption),
        ]
        story += [self.para(paragraph, styles.body) for paragraph in self.text.items("how.body", **self.values)]
        return story

    def _journey(self) -> list[Flowable]:
        styles, program = self.styles, self.offer
        assert program is not None
        rows = [JourneyRow(self.named(f"journey.steps.{step.key}.name", step.key), step.first_week, step.last_week)
                for step in program.journey]
        story: list[Flowable] = [
            self.para(self.t("journey.heading"), styles.h1),
            self.para(self.t("journey.intro"), styles.lead),
            Spacer(1, 4),
            JourneyChart(rows, program.stay_weeks, self.t("journey.week_axis"), self.t("journey.at_home"),
                         self.setter, styles),
            self.para(self.t("journey.chart_caption"), styles.caption),
        ]
        head = styles.table_head
        table_rows = [self.row([self.para(self.t("journey.col_when"), head), self.para(self.t("journey.col_step"), head),
                                self.para(self.t("journey.col_what"), head)])]
        for step in program.journey:
            if step.at_home:
                when = self.t("journey.at_home")
            elif step.first_week == step.last_week:
                when = self.t("journey.week_single", n=str(step.first_week))
            else:
                when = self.t("journey.week_span", n=str(step.first_week), m=str(step.last_week))
            table_rows.append(self.row([
                self.para(when, styles.table_cell.but(color=self.palette.muted)),
                self.para(self.named(f"journey.steps.{step.key}.name", step.key), styles.table_cell.but(bold=True)),
                self.para(self.named(f"journey.steps.{step.key}.text", ""), styles.table_cell),
            ]))
        table = self.table(table_rows, self.widths([0.17, 0.25, 0.58]), table_style_commands(len(table_rows)),
                           repeat_header=True)
        story.append(table)
        return story

    def _quantity(self, line: EstimateLine) -> str:
        units = {"night": "units.nights", "week": "units.weeks", "traveller": "units.travellers", "trip": "units.trips"}
        if line.per not in units:
            return ""
        count = self.text.plural(units[line.per], line.quantity)
        unit = self.money_range(line.low / line.quantity, line.high / line.quantity)
        return f"{count} × {unit}"

    def _cost(self) -> list[Flowable]:
        styles, estimate, palette = self.styles, self.estimate, self.palette
        assert estimate is not None
        converts = estimate.converts
        intro_key = "cost.intro" if converts else "cost.intro_agency_only"
        story: list[Flowable] = [self.para(self.t("cost.heading"), styles.h1),
                                 self.para(self.t(intro_key), styles.lead)]

        head, cell, amount = styles.table_head, styles.table_cell, styles.table_amount
        columns = [self.t("cost.col_item"), self.t("cost.col_quantity"), estimate.currency]
        if converts:
            assert estimate.patient_currency is not None
            columns.append(estimate.patient_currency)
        rows: list[list] = [self.row([self.para(label, head.but(align="end") if index >= 2 else head)
                                      for index, label in enumerate(columns)])]
        commands = table_style_commands(0)

        def amount_range(low: Decimal, high: Decimal, currency: str | None, with_symbol: bool) -> str:
            if with_symbol:
                return self.money_range(low, high, currency)
            if low == high:  # a quoted amount is one figure, not a range
                return format_amount(low, self.locale)
            return self.text.get("cost.range", low=format_amount(low, self.locale),
                                 high=format_amount(high, self.locale))

        def amounts(low: Decimal, high: Decimal, style: TextStyle, with_symbol: bool = False,
                    in_patient_currency: tuple[Decimal, Decimal] | None = None) -> list[Flowable]:
            """Line items are plain numbers under a currency heading; the total has symbols. The
            converted column's figures add up row by row (`CostEstimate.converted`)."""
            cells = [self.para(amount_range(low, high, None, with_symbol), style)]
            if in_patient_currency is not None:
                cells.append(self.para(amount_range(*in_patient_currency, estimate.patient_currency, with_symbol), style))
            return cells

        def add(label: Flowable, quantity: Flowable | None, amount_cells: list[Flowable]) -> None:
            """One row; without a quantity the label also takes the quantity column."""
            cells = self.row([label, quantity or "", *amount_cells])
            if quantity is None:
                index = len(rows)
                first = len(cells) - 2 if self.rtl else 0  # a spanned cell shows its left-most cell
                cells[first], cells[first + 1] = label, ""
                commands.append(("SPAN", (first, index), (first + 1, index)))
            rows.append(cells)

        def section(title: str) -> None:
            # A spanned row shows its first cell, so the title stays first even in Arabic.
            rows.append([self.para(title, cell.but(bold=True, color=palette.primary))] + [""] * (len(columns) - 1))
            index = len(rows) - 1
            commands.extend([("SPAN", (0, index), (-1, index)), ("BACKGROUND", (0, index), (-1, index), palette.primary_tint)])

        def local(line: PlanLine) -> tuple[Decimal, Decimal] | None:
            if line.min_local is None or line.max_local is None:
                return None
            return line.min_local, line.max_local

        # Every figure is the plan's (app.packets.packet_plan), the rows exactly as `--explain` lists them.
        plan = self.plan
        section(self.t("cost.medical_heading"))
        for line in plan.section_lines("medical"):
            add(self.para(line.label, cell), None,
                amounts(line.min, line.max, amount, in_patient_currency=local(line)))
        subtotal = plan.line("subtotal_medical")
        add(self.para(subtotal.label, cell.but(bold=True)), None,
            amounts(subtotal.min, subtotal.max, amount.but(bold=True), in_patient_currency=local(subtotal)))
        section(self.t("cost.travel_heading"))
        for line, row in zip(plan.section_lines("travel"), estimate.travel, strict=True):
            add(self.para(line.label, cell),
                self.para(self._quantity(row), cell.but(color=palette.muted)),
                amounts(line.min, line.max, amount, in_patient_currency=local(line)))
        subtotal = plan.line("subtotal_travel")
        add(self.para(subtotal.label, cell.but(bold=True)), None,
            amounts(subtotal.min, subtotal.max, amount.but(bold=True), in_patient_currency=local(subtotal)))
        total = plan.line("total")
        add(self.para(total.label, styles.table_total), None,
            amounts(total.min, total.max, styles.table_total_amount, in_patient_currency=local(total)))
        last = len(rows) - 1
        commands += [("BACKGROUND", (0, last), (-1, last), palette.primary_soft),
                     ("LINEABOVE", (0, last), (-1, last), 1.2, palette.primary),
                     ("TOPPADDING", (0, last), (-1, last), 7), ("BOTTOMPADDING", (0, last), (-1, last), 8)]
        fractions = [0.28, 0.29, 0.2, 0.23] if converts else [0.38, 0.36, 0.26]
        table = self.table(rows, self.widths(fractions), commands, repeat_header=True)
        total_line = self.t("cost.total_line_converted" if converts else "cost.total_line")
        story += [Spacer(1, 2), table, Spacer(1, 8),
                  self.card([self.para(total_line, styles.lead.but(bold=True, color=palette.primary, space_after=0))],
                            background=palette.primary_soft),
                  Spacer(1, 8)]
        notes = []
        if self.lead.companion_assumed:
            notes.append(self.t("cost.companion_assumed_note"))
        if estimate.offer.quoted:
            notes.append(self.t("cost.quoted_note"))
        if estimate.offer_currency is not None:
            notes.append(self.t("cost.offer_rate_note"))
            if converts:
                notes.append(self.t("cost.patient_rate_note"))
        elif converts:
            notes.append(self.t("cost.rate_note"))
        if not converts and estimate.patient_currency and estimate.patient_currency != estimate.currency:
            notes.append(self.t("cost.no_rate_note"))
        for note in notes:
            story.append(self.para(note, styles.small))
        story.append(self.para(self.t("cost.valid_until"), styles.body.but(bold=True, space_before=4, space_after=10)))

        half = (CONTENT_WIDTH - 12) / 2
        included = [self.para(self.t("cost.included_heading"), styles.h3.but(space_before=0, color=palette.primary)),
                    *self.bullets(self.text.items("cost.included"), marker="✓", color=palette.primary)]
        excluded = [self.para(self.t("cost.not_included_heading"), styles.h3.but(space_before=0, color=palette.accent)),
                    *self.bullets(self.text.items("cost.not_included"), marker="✕", color=palette.accent)]
        lists = self.table([self.row([included, excluded])], [half + 6, half + 6],
                           [("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 12)])
        story.append(lists)
        return story

    def _compare(self) -> list[Flowable]:
        styles, market = self.styles, self.content.market
        kinds = {"china": "highlight"}
        bars = [RangeBar(self.t(f"compare.regions.{region.key}"), region.min, region.max, kinds.get(region.key, "market"))
                for region in market.regions]
        assert self.estimate is not None
        bars.append(RangeBar(self.t("compare.this_estimate"), self.estimate.total_low, self.estimate.total_high,
                             "estimate"))
        return [
            self.para(self.t("compare.heading"), styles.h1),
            self.para(self.t("compare.intro"), styles.lead),
            Spacer(1, 6),
            RangeChart(bars, self.money, lambda low, high: self.text.get("cost.range", low=low, high=high),
                       self.setter, styles),
            self.para(self.t("compare.chart_caption"), styles.caption),
            self.para(self.t("compare.market_note"), styles.body),
            self.para(self.t("compare.source_note"), styles.small),
        ]

    def _risks(self) -> list[Flowable]:
        styles = self.styles
        story: list[Flowable] = [self.para(self.t("risks.heading"), styles.h1),
                                 self.para(self.t("risks.intro"), styles.lead)]
        for item in self.text.records("risks.items"):
            story.append(KeepTogether([self.para(item["title"], styles.h3),
                                       self.para(item["text"].format_map(self.values), styles.body)]))
        return story

    def _eligibility(self) -> list[Flowable]:
        styles = self.styles
        return [self.para(self.t("eligibility.heading"), styles.h1),
                self.para(self.t("eligibility.intro"), styles.body),
                *self.bullets(self.text.items("eligibility.items", **self.values))]

    def _prepare(self) -> list[Flowable]:
        styles = self.styles
        return [
            self.para(self.t("prepare.heading"), styles.h1),
            self.para(self.t("prepare.records_heading"), styles.h2.but(space_before=0)),
            *self.bullets(self.text.items("prepare.records", **self.values)),
            self.para(self.t("prepare.travel_heading"), styles.h2),
            *self.bullets(self.text.items("prepare.travel", **self.values)),
            self.para(self.t("prepare.companion_heading"), styles.h2),
            self.para(self.t("prepare.companion"), styles.body),
        ]

    def _faq(self) -> list[Flowable]:
        styles = self.styles
        story: list[Flowable] = [self.para(self.t("faq.heading"), styles.h1)]
        for item in self.text.records("faq.items"):
            if self.offer is None and any(p in item["q"] + item["a"] for p in self.OFFER_PLACEHOLDERS):
                continue
            story.append(KeepTogether([self.para(item["q"].format_map(self.values), styles.h3),
                                       self.para(item["a"].format_map(self.values), styles.body)]))
        return story

    def _next_steps(self) -> list[Flowable]:
        styles, coordinator = self.styles, self.lead.coordinator
        contact = "next.contact" if coordinator.whatsapp else "next.contact_no_whatsapp"
        closing = [self.para(self.t(contact), styles.body.but(bold=True)),
                   self.para(self.t("next.closing"), styles.body.but(space_after=2))]
        closing.append(self.para(coordinator.signature or coordinator.name, styles.body.but(color=self.palette.primary,
                                                                                           bold=True, space_after=8),
                                 auto_direction=True))
        agency = self.content.agency
        closing.append(self.para(agency.name, styles.small.but(bold=True, color=styles.body.color, space_after=1)))
        closing.append(self.para(", ".join(agency.address), styles.small.but(space_after=0), auto_direction=True))
        closing.append(self.para(f"{self._ltr(agency.phone)} · {self._ltr(agency.email)} · {self._ltr(agency.website)}",
                                 styles.small.but(space_after=0)))
        # The last page: next steps, the contact card and the disclaimer stay together,
        # so the disclaimer never ends up alone on a page of its own.
        return [KeepTogether([
            self.para(self.t("next.heading"), styles.h1),
            *self.numbered(self.text.items("next.steps", **self.values)),
            Spacer(1, 6),
            self.card(closing),
            Spacer(1, 16),
            self.card([self.para(self.t("disclaimer.heading"), styles.h3.but(space_before=0)),
                       self.para(self.t("disclaimer.text"), styles.small.but(space_after=0))],
                      background=self.palette.paper, border=self.palette.rule),
        ])]

    # ------------------------------------------------------------------ pages

    def _draw_logo(self, canvas: Canvas, x: float, y: float, size: float) -> None:
        canvas.drawImage(self._logo, x, y, size, size, mask="auto")

    def _header(self, canvas: Canvas) -> None:
        styles, palette = self.styles, self.palette
        width = CONTENT_WIDTH
        top = HEADER_BASELINE + styles.header.leading / 2 + 3
        logo = 12
        logo_x = PAGE_WIDTH - MARGIN_X - logo if self.rtl else MARGIN_X
        self._draw_logo(canvas, logo_x, top - styles.header.leading + 1, logo)
        name_x = MARGIN_X if self.rtl else MARGIN_X + logo + 5
        self.setter.draw(canvas, self.content.agency.name, styles.header.but(bold=True, color=palette.primary),
                         name_x, top, width - logo - 5, align="start", max_lines=1)
        reference = f"{self.t('cover.reference')} {self._ltr(self.lead.reference)}"
        self.setter.draw(canvas, reference, styles.header, MARGIN_X, top, width, align="end", max_lines=1)
        canvas.setStrokeColor(palette.rule)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, HEADER_BASELINE - 6, PAGE_WIDTH - MARGIN_X, HEADER_BASELINE - 6)

    def _footer(self, canvas: Canvas) -> None:
        styles, palette, agency = self.styles, self.palette, self.content.agency
        canvas.setStrokeColor(palette.rule)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, FOOTER_TOP, PAGE_WIDTH - MARGIN_X, FOOTER_TOP)
        contact = f"{agency.name} · {self._ltr(agency.website)} · {self._ltr(agency.phone)}"
        contact_width = CONTENT_WIDTH * 0.72  # the rest of the line is for "page X of Y"
        contact_x = MARGIN_X + (CONTENT_WIDTH - contact_width if self.rtl else 0)
        self.setter.draw(canvas, contact, styles.footer, contact_x, FOOTER_TOP - 2, contact_width,
                         align="start", max_lines=1)
        self.setter.draw(canvas, self.t("document.confidential"), styles.footer.but(size=styles.footer.size - 0.6),
                         MARGIN_X, FOOTER_TOP - 2 - styles.footer.leading, CONTENT_WIDTH, align="start", max_lines=1)

    def _draw_page_number(self, canvas: Canvas, page: int, pages: int) -> None:
        text = self.t("document.page_x_of_y", page=str(page), pages=str(pages))
        self.setter.draw(canvas, text, self.styles.footer.but(bold=True), MARGIN_X, FOOTER_TOP - 2, CONTENT_WIDTH,
                         align="end", max_lines=1)

    def _on_cover(self, canvas: Canvas, doc) -> None:
        palette, styles = self.palette, self.styles
        canvas.saveState()
        band_bottom = PAGE_HEIGHT - COVER_BAND_HEIGHT
        canvas.setFillColor(palette.primary)
        canvas.rect(0, band_bottom, PAGE_WIDTH, COVER_BAND_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(palette.accent)
        canvas.rect(0, band_bottom - 4, PAGE_WIDTH, 4, stroke=0, fill=1)
        logo = 46
        top = PAGE_HEIGHT - 16 * mm
        logo_x = PAGE_WIDTH - MARGIN_X - logo if self.rtl else MARGIN_X
        canvas.setFillColor(palette.paper)
        canvas.circle(logo_x + logo / 2, top - logo / 2, logo / 2 + 3, stroke=0, fill=1)
        self._draw_logo(canvas, logo_x, top - logo, logo)
        text_x = MARGIN_X if self.rtl else MARGIN_X + logo + 12
        text_width = CONTENT_WIDTH - logo - 12
        used = self.setter.draw(canvas, self.content.agency.name, styles.cover_agency, text_x, top - 4, text_width,
                                align="start", max_lines=1)
        self.setter.draw(canvas, self.t("cover.tagline"), styles.cover_tagline, text_x, top - 4 - used,
                         text_width, align="start", max_lines=1)
        title_top = band_bottom + 30 + styles.cover_title.leading * 2 + styles.cover_kicker.leading
        self.setter.draw(canvas, self.t("cover.kicker").upper(), styles.cover_kicker, MARGIN_X, title_top,
                         CONTENT_WIDTH, align="start", max_lines=1)
        self.setter.draw(canvas, self.t("cover.title"), styles.cover_title, MARGIN_X,
                         title_top - styles.cover_kicker.leading - 4, CONTENT_WIDTH, align="start", max_lines=2)
        self._footer(canvas)
        canvas.restoreState()

    def _on_body(self, canvas: Canvas, doc) -> None:
        canvas.saveState()
        self._header(canvas)
        self._footer(canvas)
        canvas.restoreState()

    def _canvas_class(self) -> type[Canvas]:
        """A canvas that holds pages back until the end, to write "page X of Y" on each."""
        return numbered_canvas(self._draw_page_number)

    def render(self) -> bytes:
        buffer = io.BytesIO()
        text = self.text
        doc = document(
            buffer,
            initial_font=self.fonts.primary(self.lang).regular.name,
            producer=PRODUCER,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
            title=self.t("document.title"),
            author=self.content.agency.name,
            subject=self.values["program"] or self.t("cover.program_pending"),
            lang=self.locale.language,
        )
        cover_frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH,
                            PAGE_HEIGHT - COVER_BAND_HEIGHT - MARGIN_BOTTOM - 14, id="cover",
                            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        body_frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                           leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([
            PageTemplate("cover", [cover_frame], onPage=self._on_cover, pagesize=PAGE_SIZE),
            PageTemplate("body", [body_frame], onPage=self._on_body, pagesize=PAGE_SIZE),
        ])
        story: list[Flowable] = [NextPageTemplate("body"), *self._cover()]
        # The first sections each open a page; the shorter ones after them flow on,
        # starting a new page only when their heading and first lines would not fit.
        priced = self.offer is not None
        for section in (self._summary, self._how, *((self._journey, self._cost) if priced else ())):
            story += [PageBreak(), *section()]
        for section, room in (*(((self._compare, 330),) if priced else ()), (self._risks, 160),
                              (self._eligibility, 140), (self._prepare, 200), (self._faq, 160),
                              (self._next_steps, 220)):
            story += [CondPageBreak(room), *section()]
        doc.build(story, canvasmaker=self._canvas_class())
        if self.audit.dropped:
            log.warning("packet %s (%s): no bundled font has %s; left out", self.lead.reference, text.lang,
                        " ".join(f"U+{ord(char):04X}" for char in sorted(self.audit.dropped)))
        return buffer.getvalue()


def render_packet(lead: PacketLead, *, lang: str | None = None, program: str | None = None,
                  offer: str | None = None, today: datetime.date, content: Content | None = None,
                  catalogue: Catalogue | None = None) -> bytes:
    """The packet PDF for a lead. `lang`/`program`/`offer` override the lead's own; `today` dates it.
    The offer comes from `catalogue` (default: the content folder's hospitals.toml)."""
    content = content if content is not None else cached_content()
    plan = plan_packet(lead, content, catalogue, lang=lang, program=program, offer=offer, today=today)
    return PacketRenderer.from_plan(plan, content).render()


def write_packet(path: str | os.PathLike[str], pdf: bytes) -> Path:
    """Write the PDF atomically (app.domain.atomic_file), private to the user as before."""
    return write_bytes_atomically(path, pdf, private=True)
