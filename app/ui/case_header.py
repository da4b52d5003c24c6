"""The case view's header: the patient's name and status, one line of facts (reference, country and
the patient's local time, coordinator, follow-up), and the actions beside them. Every label wraps
rather than pushing the actions out of the window; the local time is read again each minute."""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.domain.clock import Clock, utc_now
from app.domain.lead_records import LeadDetail
from app.domain.phone import phone_time_zones
from app.domain.pipeline import STATUS_INFO, Status
from app.domain.today import Window, call_window
from app.ui import i18n, theme
from app.ui.i18n import QT_TRANSLATE_NOOP, country_name, domain_word, translate
from app.ui.labels import plain_label
from app.ui.lead_form import text_direction
from app.ui.lead_list_model import format_moment

__all__ = ["CHIP_WIDTH", "CaseHeader", "case_facts", "status_chip_style"]

#: A status chip is at most this wide; a longer exit reason is cut, all of it in the tooltip.
CHIP_WIDTH = 260
#: Facts up to this long stay on one line when the header wraps ("no follow-up set", "inquiry 05 Dec 2026").
UNBROKEN_FACT = 24


def status_chip_style(status: str) -> str:
    return (f"background: {theme.status_background(status).name()}; color: {theme.status_foreground(status).name()};"
            " border-radius: 9px; padding: 2px 10px; font-weight: 600;")


def candidate_zones(detail: LeadDetail) -> tuple[str, ...]:
    """The time zones the patient's number (or country) could be in."""
    phone = next((p for p in detail.phones if p.valid), detail.primary_phone)
    return tuple(phone_time_zones(phone.e164 or phone.raw, detail.country)) if phone else ()


def zone_unsettled(detail: LeadDetail) -> bool:
    """True when the local time can only be given as a range: no zone set, several possible."""
    return detail.timezone is None and len(candidate_zones(detail)) > 1


def _local_time(detail: LeadDetail, now: datetime) -> str:
    """'19:24 Kuching', 'varies (18:00–03:00)', '02:10 Lagos, night'; '' when unknown."""
    window = call_window(candidate_zones(detail), now, detail.timezone)
    if window.window is Window.UNKNOWN:
        return ""
    return i18n.local_time_text(window.label) + (translate("CaseHeader", ", night") if window.window is Window.ASLEEP else "")


#: The reasons app.domain.assignment records on a lead, as patterns ({name} a person's name); a
#: reason written by hand, or one of another form, is shown as it was recorded.
_REASONS = (
    (re.compile(r"chosen by (?P<name>.+)"), QT_TRANSLATE_NOOP("CaseHeader", "chosen by {name}")),
    (re.compile(r"entered by (?P<name>.+)"), QT_TRANSLATE_NOOP("CaseHeader", "entered by {name}")),
    (re.compile(r"reassigned by (?P<name>.+)"), QT_TRANSLATE_NOOP("CaseHeader", "reassigned by {name}")),
    (re.compile(r"chosen when entered"), QT_TRANSLATE_NOOP("CaseHeader", "chosen when entered")),
    (re.compile(r"the only coordinator"), QT_TRANSLATE_NOOP("CaseHeader", "the only coordinator")),
    (re.compile(r"next in turn"), QT_TRANSLATE_NOOP("CaseHeader", "next in turn")),
    (re.compile(r"reassigned"), QT_TRANSLATE_NOOP("CaseHeader", "reassigned")),
    (re.compile(r"waiting in the pool: no active coordinator"),
     QT_TRANSLATE_NOOP("CaseHeader", "waiting in the pool: no active coordinator")),
)


def assignment_reason_text(reason: str) -> str:
    """Why the lead has its coordinator, in the desk's language where the reason is one the desk records."""
    for pattern, text in _REASONS:
        found = pattern.fullmatch(reason)
        if found:
            return translate("CaseHeader", text).format(**found.groupdict())
    return reason


def case_facts(detail: LeadDetail, now: datetime) -> list[str]:
    """The header's facts, in order: reference, Latin name, country and local time, coordinator,
    follow-up, inquiry date."""
    facts = [detail.reference]
    if detail.latin_name and detail.latin_name != detail.full_name:
        facts.append(detail.latin_name)
    place = ", ".join(part for part in (country_name(detail.country) if detail.country else "", _local_time(detail, now)) if part)
    if place:
        facts.append(place)
    if detail.coordinator:
        reason = f": {assignment_reason_text(detail.assignment_reason)}" if detail.assignment_reason else ""
        facts.append(translate("CaseHeader", "assigned to {name}").format(name=detail.coordinator.name) + reason)
    elif detail.assignment_reason:
        facts.append(assignment_reason_text(detail.assignment_reason))  # "waiting in the pool: …"
    zone = now.astimezone().tzinfo
    assert zone is not None
    if detail.next_follow_up is not None:
        facts.append(translate("CaseHeader", "follow-up {when}").format(when=format_moment(detail.next_follow_up, now, zone, future=True)))
    else:
        facts.append(translate("CaseHeader", "no follow-up set"))
    facts.append(translate("CaseHeader", "inquiry {date}").format(date=i18n.date_text(detail.inquiry_at.astimezone())))
    return facts


class CaseHeader(QWidget):
    """Name, status chip and `actions` on the first line; the facts below, and — when the number
    spans several time zones and none is set — a link that asks which is the patient's, once."""

    zoneAsked = Signal()

    def __init__(self, actions: Sequence[QWidget], *, clock: Clock = utc_now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseHeader")
        self._clock = clock
        self._detail: LeadDetail | None = None
        self.name_label = plain_label(name="leadName")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.name_label.setFont(font)
        self.status_chip = plain_label(wrap=False, name="statusChip")
        self.facts_label = plain_label(colour=theme.MUTED, name="caseFacts")
        self.facts_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # wraps to the room there is

        name_row = QHBoxLayout()
        name_row.setContentsMargins(0, 0, 0, 0)
        name_row.addWidget(self.name_label)
        name_row.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignVCenter)
        name_row.addStretch(1)
        for action in actions:
            name_row.addWidget(action, 0, Qt.AlignmentFlag.AlignVCenter)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(name_row)
        column.addWidget(self.facts_label)
        self.zone_link = QLabel('<a href="zone">Which time zone is the patient in? Set it once for this lead</a>')
        self.zone_link.setObjectName("askZone")
        self.zone_link.setTextFormat(Qt.TextFormat.RichText)
        self.zone_link.linkActivated.connect(lambda _link: self.zoneAsked.emit())
        self.zone_link.hide()
        column.addWidget(self.zone_link)
        self._minute = QTimer(self)
        self._minute.setInterval(60_000)
        self._minute.timeout.connect(self._show_facts)
        self._minute.start()

    def show_detail(self, detail: LeadDetail) -> None:
        self._detail = detail
        self.name_label.setText(detail.full_name)
        self.name_label.setLayoutDirection(text_direction(detail.full_name))
        info = STATUS_INFO[Status(detail.status)]
        chip = domain_word(info.label) + (f": {domain_word(detail.status_reason)}" if info.is_exit and detail.status_reason else "")
        metrics = self.status_chip.fontMetrics()
        self.status_chip.setText(metrics.elidedText(chip, Qt.TextElideMode.ElideRight, CHIP_WIDTH - 24))
        self.status_chip.setToolTip(chip)
        self.status_chip.setStyleSheet(status_chip_style(detail.status))
        self.zone_link.setVisible(zone_unsettled(detail))
        self._show_facts()

    def _show_facts(self) -> None:
        if self._detail is not None:
            facts = case_facts(self._detail, self._clock())
            kept = (fact.replace(" ", "\u00a0") if len(fact) <= UNBROKEN_FACT else fact for fact in facts)
            self.facts_label.setText(i18n.line("  ·  ".join(kept)))
