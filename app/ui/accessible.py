"""Names for screen readers where Qt cannot find one by itself: a form's fields take their row's
label (Qt only looks at a label whose buddy the field is, and a row often holds a wrapper widget
with the field inside), so each view and dialog calls :func:`name_form_fields` once built."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

__all__ = ["NAMED_CONTROLS", "name_form_fields"]

#: The controls that need a name when they take the keyboard focus.
NAMED_CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView)


def _label_text(label: QLabel) -> str:
    return label.text().replace("&", "").rstrip(" *:").strip()


def name_form_fields(root: QWidget) -> None:
    """Every unnamed control in a QFormLayout row under `root` is named after the row's label
    (the first one of a row keeps the label as it is, later ones add their own kind)."""
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label = label_item.widget() if label_item is not None else None
            if not isinstance(label, QLabel) or field_item is None or not _label_text(label):
                continue
            field = field_item.widget()
            controls: list[QWidget] = []
            if field is not None:
                controls = [field] if isinstance(field, NAMED_CONTROLS) else []
                controls += [w for w in field.findChildren(QWidget) if isinstance(w, NAMED_CONTROLS)]
            else:
                layout = field_item.layout()
                items = [layout.itemAt(i) for i in range(layout.count())] if layout is not None else []
                controls = [w for w in (item.widget() for item in items if item is not None) if isinstance(w, NAMED_CONTROLS)]
            for control in controls:
                is_text_button = isinstance(control, QAbstractButton) and control.text().strip()
                if not control.accessibleName() and not is_text_button:
                    control.setAccessibleName(_label_text(label))
