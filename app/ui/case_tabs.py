"""What a tab of the case view (app.ui.case_view) is: a widget that shows one lead.

The case view keeps its tabs in CASE_TAB_ORDER whatever order they are added in. A module that
brings a tab (Records, Review & quotes, Family, Schedule) adds its key there and gives the case
view a factory; the widget is made the first time its tab is opened, then told the lead:

    class RecordsTab(QWidget):
        def show_lead(self, lead_id: int | None) -> None: ...

    case.add_case_tab("records", "Records", lambda: RecordsTab(db))          # one case
    controller.case_tabs.append(("records", "Records", lambda: RecordsTab(db)))  # every lead opened on a desk
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

__all__ = ["CASE_TAB_ORDER", "CaseTab", "CaseTabFactory"]

#: Tab keys, left to right. The editor brings "details" and "history"; the others come later.
CASE_TAB_ORDER: tuple[str, ...] = ("details", "records", "quotes", "family", "schedule", "history")


@runtime_checkable
class CaseTab(Protocol):
    def show_lead(self, lead_id: int | None) -> None:
        """Show this lead (None: none). Called when the tab is made, and again each time the case
        reads its lead afresh (opened, saved, changed here or elsewhere)."""


#: Makes a tab's widget: a QWidget that is also a CaseTab.
CaseTabFactory = Callable[[], QWidget]
