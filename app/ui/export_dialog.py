"""Exporting leads from the GUI: choose a file (CSV or JSON), write it in the background with a
progress window, then say how many leads were written. The file is written by the same
`export_leads` as `medtour export` (atomically, cells defused against spreadsheet formulas)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.domain.lead_export import export_leads
from app.ui.background_task import BackgroundTask
from app.ui.dialog_prompts import Prompts
from app.ui.i18n import translate
from db.engine import Database

__all__ = ["EXPORT_FILTERS", "export_leads_interactively"]

EXPORT_FILTERS = "CSV for spreadsheets (*.csv);;JSON (*.json)"


def _with_suffix(path: str, selected_json: bool) -> Path:
    target = Path(path)
    if target.suffix.lower() not in (".csv", ".json"):
        target = target.with_name(target.name + (".json" if selected_json else ".csv"))
    return target


def export_leads_interactively(
    db: Database,
    parent: QWidget | None,
    ids: Sequence[int] | None = None,
    *,
    prompts: Prompts | None = None,
    on_done: Callable[[int, Path], None] | None = None,
) -> BackgroundTask | None:
    """Ask where to export `ids` (None: every lead) and export them off the UI thread.

    Returns the running task (None when the user cancelled the file dialog). When it is done a
    message says how many leads were written where; `on_done(count, path)` is called too."""
    prompts = prompts or Prompts()
    what = "all leads" if ids is None else f"{len(ids)} lead{'s' if len(ids) != 1 else ''}"
    chosen = prompts.save_path(parent, f"Export {what}", str(Path.home() / "medtour-leads.csv"), EXPORT_FILTERS)
    if not chosen:
        return None
    target = _with_suffix(chosen, chosen.lower().endswith(".json"))
    chosen_ids = list(ids) if ids is not None else None

    def work(control):
        total = len(chosen_ids) if chosen_ids is not None else 0
        return export_leads(db, target, ids=chosen_ids, progress=lambda done: control.progress(done, total),
                            force=True)  # the save dialog asked before replacing a file

    task = BackgroundTask(work, parent)

    def finished(count: int) -> None:
        prompts.inform(parent,
            translate("ExportDialog", "Export finished"), f"{count:,} lead{'s' if count != 1 else ''} written to {target}.")
        if on_done is not None:
            on_done(count, target)

    task.finished.connect(finished)
    task.failed.connect(lambda exc: prompts.error(parent, translate("ExportDialog", "Export failed"), exc))
    task.start(parent=parent, label=f"Exporting {what}…")
    return task
