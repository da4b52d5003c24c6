"""Tables whose rows continue across pages: any length of any field renders.

ReportLab moves a whole table row to the next page, and gives up (LayoutError) when the row is
taller than a page: a 2,500-word call note, a long diagnosis. A row may split inside itself only
when the table allows it (``splitInRow``) and each cell is a list of flowables it can cut
(TextBlock splits line by line; a word wider than its cell is already cut at character
boundaries by the text engine). `long_table` builds every such table: the packet's, the
personal-data summary's, the case summary's.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Table
from reportlab.platypus.flowables import Flowable


def _cell(value: Any) -> Any:
    """A lone flowable becomes a one-item list, the form ReportLab splits inside a row."""
    return [value] if isinstance(value, Flowable) else value


def long_table(rows: Sequence[Sequence[Any]], col_widths: Sequence[float] | None = None, **options: Any) -> Table:
    """A platypus Table whose rows may continue on the next page (the header row repeats)."""
    cells = [[_cell(value) for value in row] for row in rows]
    return Table(cells, colWidths=list(col_widths) if col_widths is not None else None, splitInRow=1, **options)
