"""The packet preview's side panel: what the packet is built from and why, from the same
`PacketPlan` the renderer draws (app.packets.packet_plan) and `medtour packet REF --explain`
prints — kind, program, hospital, travellers, domestic, coordinator, every estimate row in both
currencies, the reasons and the records to send."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.program_choices import program_label
from app.packets.packet_plan import ESTIMATE, FIRST_STEPS, QUOTE, PacketPlan, PlanLine
from app.ui.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.labels import plain_label

__all__ = ["KIND_WORDS", "PacketPlanPanel", "amount_range"]

KIND_WORDS = {
    FIRST_STEPS: QT_TRANSLATE_NOOP("PacketPlanPanel", "First steps: no program, no price yet"),
    ESTIMATE: QT_TRANSLATE_NOOP("PacketPlanPanel", "Estimate from the hospital's price ranges"),
    QUOTE: QT_TRANSLATE_NOOP("PacketPlanPanel", "The case's chosen quote"),
}

#: The panel's width: room for an item and two currency columns beside the pages.
PANEL_WIDTH = 400


def amount_range(low: Decimal | None, high: Decimal | None) -> str:
    """"3,519–5,489", one figure when both ends agree; "" when there is no figure."""
    if low is None or high is None:
        return ""
    return f"{low:,.0f}" if low == high else f"{low:,.0f}–{high:,.0f}"


class PacketPlanPanel(QScrollArea):
    """`show_plan(plan)` fills it; `clear()` empties it while a packet is being prepared."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedWidth(PANEL_WIDTH)
        self.setObjectName("packetPlanPanel")

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 4, 8, 4)
        heading = plain_label(translate("PacketPlanPanel", "What this packet is built from"), wrap=True)
        heading.setStyleSheet("font-weight: 600;")
        layout.addWidget(heading)

        self.kind = plain_label()
        self.language = plain_label()
        self.program = plain_label()
        self.hospital = plain_label()
        self.travellers = plain_label()
        self.domestic = plain_label()
        self.coordinator = plain_label()
        for label in (self.kind, self.program, self.hospital, self.coordinator):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts = QFormLayout()
        facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for words, field in ((translate("PacketPlanPanel", "Kind:"), self.kind),
                             (translate("PacketPlanPanel", "Language:"), self.language),
                             (translate("PacketPlanPanel", "Program:"), self.program),
                             (translate("PacketPlanPanel", "Hospital:"), self.hospital),
                             (translate("PacketPlanPanel", "Travellers:"), self.travellers),
                             (translate("PacketPlanPanel", "Patient lives:"), self.domestic),
                             (translate("PacketPlanPanel", "Signed by:"), self.coordinator)):
            facts.addRow(plain_label(words, wrap=False), field)
        layout.addLayout(facts)

        self.lines_heading = plain_label(translate("PacketPlanPanel", "Estimate"))
        self.lines_heading.setStyleSheet("font-weight: 600;")
        self.lines = QTableWidget(0, 3)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.verticalHeader().hide()
        self.lines.setWordWrap(True)
        self.lines.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lines.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.lines_heading)
        layout.addWidget(self.lines)

        self.reasons = plain_label()
        self.records = plain_label()
        for words, field in ((translate("PacketPlanPanel", "Why"), self.reasons),
                             (translate("PacketPlanPanel", "Records to send"), self.records)):
            title = plain_label(words)
            title.setStyleSheet("font-weight: 600;")
            layout.addWidget(title)
            layout.addWidget(field)
        layout.addStretch(1)
        self.setWidget(body)
        self.clear()

    def clear(self) -> None:
        for label in (self.kind, self.language, self.program, self.hospital, self.travellers, self.domestic,
                      self.coordinator, self.reasons, self.records):
            label.setText("…")
        self.lines.setRowCount(0)
        self.lines_heading.hide()
        self.lines.hide()

    def show_plan(self, plan: PacketPlan, language_name: str | None = None) -> None:
        offer, lead = plan.offer, plan.lead
        self.kind.setText(translate("PacketPlanPanel", KIND_WORDS[plan.kind]))
        self.language.setText(language_name or plan.language)
        if offer is None:
            self.program.setText(translate("PacketPlanPanel", "none proposed"))
            self.hospital.setText(translate("PacketPlanPanel", "none yet"))
        else:
            title = program_label(offer.program)
            self.program.setText(title + ("" if offer.confirmed else translate("PacketPlanPanel", " (requested; not confirmed to fit)")))
            self.hospital.setText(f"{offer.hospital}, {offer.city}")
        travellers = (translate("PacketPlanPanel", "{count} (patient only)") if plan.travellers == 1
                      else translate("PacketPlanPanel", "{count} (patient and companions)")).format(count=plan.travellers)
        if lead.companion_assumed:
            travellers += translate("PacketPlanPanel", "; one companion counted: the hospital requires one")
        self.travellers.setText(travellers)
        self.domestic.setText(translate("PacketPlanPanel", "in the hospital's country (no visa, no interpreter)") if plan.domestic
                              else translate("PacketPlanPanel", "abroad ({country})").format(
                                  country=lead.country or translate("PacketPlanPanel", "country not recorded")))
        coordinator = lead.coordinator
        self.coordinator.setText("\n".join(part for part in (
            coordinator.name, coordinator.phone, coordinator.email,
            f"WhatsApp {coordinator.whatsapp}" if coordinator.whatsapp
            else translate("PacketPlanPanel", "no WhatsApp number")) if part))
        self._show_lines(plan)
        self.reasons.setText("\n".join(f"• {reason}" for reason in plan.reasons))
        self.records.setText("\n".join(f"• {record}" for record in plan.records_needed) or "—")

    def _show_lines(self, plan: PacketPlan) -> None:
        rows: list[PlanLine] = [*plan.lines, *plan.totals]
        shown = bool(rows)
        self.lines_heading.setVisible(shown)
        self.lines.setVisible(shown)
        if not shown:
            self.lines.setRowCount(0)
            return
        first = rows[0]
        self.lines.setHorizontalHeaderLabels([translate("PacketPlanPanel", "Item"), first.currency, first.local_currency or ""])
        self.lines.setColumnHidden(2, first.local_currency is None)
        self.lines.setRowCount(len(rows))
        for index, row in enumerate(rows):
            total = row in plan.totals
            cells = [row.label, amount_range(row.min, row.max), amount_range(row.min_local, row.max_local)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if total:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.lines.setItem(index, column, item)
        self.lines.resizeRowsToContents()
        height = self.lines.horizontalHeader().height() + sum(self.lines.rowHeight(i) for i in range(len(rows)))
        self.lines.setFixedHeight(height + 2 * self.lines.frameWidth())

    def texts(self) -> dict[str, str]:
        """What the panel shows, by fact (for tests and for copying)."""
        return {"kind": self.kind.text(), "language": self.language.text(), "program": self.program.text(),
                "hospital": self.hospital.text(), "travellers": self.travellers.text(),
                "domestic": self.domestic.text(), "coordinator": self.coordinator.text(),
                "reasons": self.reasons.text(), "records": self.records.text()}
