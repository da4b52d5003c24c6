"""The case view: one lead as a case — a compact header that stays in view (who, where, status,
and the actions) and below it tabs: Details, History, and the tabs other modules add (see
app.ui.case_tabs). It is layout only; the lead editor (app.ui.lead_editor) fills it.

Tabs keep CASE_TAB_ORDER whatever order they are added in. Ctrl+PgDown / Ctrl+PgUp show the
next / previous tab, Alt+1 … Alt+9 a tab by its place (Ctrl+1 … Ctrl+4 already show the views).

    case = CaseView(header, notices=[banner])
    case.add_tab("details", "Details", form_scroll)          # a widget the caller fills itself
    case.add_case_tab("records", "Records", make_records)   # made when first shown; told the lead
    case.show_lead(lead_id)
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from app.ui.case_tabs import CASE_TAB_ORDER, CaseTab, CaseTabFactory
from app.ui.shortcuts import sequence

__all__ = ["CaseView", "VerticalScrollArea"]


class VerticalScrollArea(QScrollArea):
    """Scrolls up and down only: it is never narrower than its content's minimum width (plus the
    scroll bar), so the content is never cut at the side nor scrolled sideways; its minimum
    follows the content as that changes (a row shown, a longer label)."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)
        content.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        hint = super().minimumSizeHint()
        if content is None:
            return hint
        width = content.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(width, hint.width()), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)


class CaseView(QWidget):
    """`header` on top, `notices` (banners, hidden until needed) below it, then the tabs."""

    def __init__(self, header: QWidget, notices: Sequence[QWidget] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.header = header
        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.tabs.setDocumentMode(True)
        self._keys: list[str] = []  # in tab order
        self._titles: dict[str, str] = {}
        self._factories: dict[str, tuple[CaseTabFactory, QVBoxLayout]] = {}  # tabs not made yet, and their pages' layouts
        self._widgets: dict[str, QWidget] = {}
        self._lead_id: int | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 6)
        column.setSpacing(6)
        column.addWidget(header)
        for notice in notices:
            column.addWidget(notice)
        column.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _index: self._make_current())
        self._add_shortcuts()

    def _add_shortcuts(self) -> None:
        def shortcut(name: str, act) -> None:
            key = QShortcut(sequence(name), self)
            key.setObjectName(name)
            key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            key.activated.connect(act)

        shortcut("caseNextTab", lambda: self.step(1))
        shortcut("casePreviousTab", lambda: self.step(-1))
        for place in range(1, 10):
            shortcut(f"caseTab{place}", lambda place=place: self.tabs.setCurrentIndex(place - 1) if place <= self.tabs.count() else None)

    # ------------------------------------------------------------------ tabs

    def add_tab(self, key: str, title: str, widget: QWidget) -> None:
        """A tab whose widget is made already and filled by the caller (the editor's own tabs)."""
        self._insert(key, title, widget)
        self._widgets[key] = widget

    def add_case_tab(self, key: str, title: str, widget_factory: CaseTabFactory) -> None:
        """A tab made by `widget_factory` (a QWidget that is a CaseTab) when it is first shown; it
        is then told the lead, and again whenever the case shows its lead afresh. `key` must be
        one of CASE_TAB_ORDER, which gives its place."""
        page = QWidget()
        page_column = QVBoxLayout(page)
        page_column.setContentsMargins(0, 0, 0, 0)
        self._factories[key] = (widget_factory, page_column)
        self._insert(key, title, page)
        self._make_current()

    def _insert(self, key: str, title: str, page: QWidget) -> None:
        if key not in CASE_TAB_ORDER:
            raise ValueError(f"unknown case tab {key!r}: add it to CASE_TAB_ORDER ({', '.join(CASE_TAB_ORDER)})")
        if key in self._titles:
            raise ValueError(f"the case has a {key!r} tab already")
        rank = CASE_TAB_ORDER.index
        index = sum(1 for other in self._keys if rank(other) < rank(key))
        self._keys.insert(index, key)
        self._titles[key] = title
        self.tabs.insertTab(index, page, title)
        self._update_tips()

    def _make_current(self) -> None:
        """Make the current tab's widget if it is not made yet, and tell it the lead."""
        index = self.tabs.currentIndex()
        if index < 0:
            return
        key = self._keys[index]
        waiting = self._factories.pop(key, None)
        if waiting is None:
            return
        factory, page_column = waiting
        widget = factory()
        if not isinstance(widget, CaseTab):
            raise TypeError(f"the {key!r} tab's widget has no show_lead(lead_id)")
        page_column.addWidget(widget)
        self._widgets[key] = widget
        widget.show_lead(self._lead_id)

    def _update_tips(self) -> None:
        for index, key in enumerate(self._keys):
            hint = f"Alt+{index + 1} · " if index < 9 else ""
            self.tabs.setTabToolTip(index, f"{self._titles[key]} ({hint}Ctrl+PgUp/PgDown)")

    def keys(self) -> list[str]:
        """The tabs' keys, left to right."""
        return list(self._keys)

    def tab(self, key: str) -> QWidget | None:
        """The tab's widget; None while it is not made yet (or there is no such tab)."""
        return self._widgets.get(key)

    def current_key(self) -> str | None:
        index = self.tabs.currentIndex()
        return self._keys[index] if index >= 0 else None

    def select(self, key: str) -> None:
        self.tabs.setCurrentIndex(self._keys.index(key))

    def step(self, by: int) -> None:
        """The next (`by` 1) or previous (-1) tab, round the ends."""
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + by) % self.tabs.count())

    def set_tab_title(self, key: str, title: str) -> None:
        self.tabs.setTabText(self._keys.index(key), title)

    # ------------------------------------------------------------------ the lead

    def show_lead(self, lead_id: int | None) -> None:
        """Tell every tab made so far (and those made later) which lead the case shows."""
        self._lead_id = lead_id
        for widget in self._widgets.values():
            if isinstance(widget, CaseTab):
                widget.show_lead(lead_id)
