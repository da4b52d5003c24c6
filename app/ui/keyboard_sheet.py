"""Help → Keyboard shortcuts (F1): every shortcut of the desk, grouped by where it works, read
from app.ui.shortcuts (the one home of the keys)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.ui.shortcuts import PLACES, SHORTCUTS, WIDGET_KEYS, Shortcut, shortcut_text

__all__ = ["KeyboardSheet", "sheet_rows"]


def sheet_rows() -> list[tuple[str, str, str]]:
    """(place, keys as this platform writes them, what they do), in the sheet's order; keys shared
    by several entries in one place (Ctrl+1…) each keep their own row."""
    entries: list[Shortcut] = [*SHORTCUTS.values(), *WIDGET_KEYS]
    rows = []
    for place in PLACES:
        for entry in entries:
            if entry.place == place:
                rows.append((place, shortcut_text(entry.keys) or entry.keys, entry.does))
    return rows


class KeyboardSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboardSheet")
        self.setWindowTitle("Keyboard shortcuts")
        self.tree = QTreeWidget()
        self.tree.setObjectName("keyboardShortcutsList")
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Keys", "What they do"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for place, keys, does in sheet_rows():
            group = groups.get(place)
            if group is None:
                group = groups[place] = QTreeWidgetItem(self.tree, [place])
                group.setFirstColumnSpanned(True)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            QTreeWidgetItem(group, [keys, does])
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.tree)
        column.addWidget(buttons)
        self.resize(620, 640)

    def listed_keys(self) -> list[tuple[str, str]]:
        """(place, keys) of every row, as shown."""
        rows = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            assert group is not None
            for c in range(group.childCount()):
                child = group.child(c)
                assert child is not None
                rows.append((group.text(0), child.text(0)))
        return rows
