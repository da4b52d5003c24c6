"""Many packets at once, on every core: one process per core, fonts and content loaded once per process.

`render_batch` decides every packet's language and hospital offer up front (so a bad
request fails before any work), then renders in a process pool and writes each
PDF atomically as `<reference>_<lang>.pdf`. It reports progress after each
packet and stops early when `cancel()` says so.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from app.domain.catalogue import Catalogue
from app.packets.content import cached_content
from app.packets.packet_input import PacketLead
from app.packets.packet_plan import PacketPlan, plan_packet

#: How often a running batch looks at `cancel()`, in seconds.
CANCEL_POLL_SECONDS = 0.1

#: Below this many packets, starting worker processes costs more than it saves
#: (about a second against a tenth of a second per packet), unless `workers` is given.
POOL_MIN_PACKETS = 8


def packet_filename(reference: str, lang: str) -> str:
    """`L-2026-00042_en.pdf`; anything unsafe in a file name becomes an underscore."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", reference).strip("._") or "packet"
    return f"{safe}_{lang}.pdf"


@dataclass(frozen=True)
class _Job:
    plan: PacketPlan
    path: Path


def _start_worker(content_dir: str) -> None:
    """Runs once in each worker: register the fonts and read the content before the first packet."""
    from app.packets.fonts import font_book

    font_book()
    cached_content(content_dir)


def _render_job(job: _Job, content_dir: str) -> Path:
    from app.packets.packet_renderer import PacketRenderer, write_packet

    content = cached_content(content_dir)
    renderer = PacketRenderer.from_plan(job.plan, content)
    return write_packet(job.path, renderer.render())


def _pool_context():
    # Workers must not inherit a GUI's threads, so never plain fork: forkserver where the
    # platform has it, spawn elsewhere (Windows, macOS default). The fork server imports
    # the renderer once, so each worker starts with ReportLab and Babel already loaded.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["app.packets.packet_renderer"])
        return context
    return multiprocessing.get_context("spawn")


def render_batch(leads: Sequence[PacketLead], out_dir: str | os.PathLike[str], *, lang: str | None = None,
                 program: str | None = None, today: datetime.date, workers: int | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None,
                 content_dir: str | os.PathLike[str] | None = None,
                 catalogue: Catalogue | None = None) -> list[Path]:
    """Write one packet per lead into `out_dir`; returns the files written, in the order of `leads`.

    `progress(done, total)` is called in the calling thread after each packet. When
    `cancel()` returns true, packets not yet started are dropped, the ones being
    rendered finish, and the list holds only the files that were written.
    """
    content = cached_content(content_dir)
    plans = [plan_packet(lead, content, catalogue, lang=lang, program=program, today=today) for lead in leads]
    return render_plans(plans, out_dir, workers=workers, progress=progress, cancel=cancel, content_dir=content_dir)


def render_plans(plans: Sequence[PacketPlan], out_dir: str | os.PathLike[str], *, workers: int | None = None,
                 progress: Callable[[int, int], None] | None = None, cancel: Callable[[], bool] | None = None,
                 content_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """`render_batch` for packets already planned (app.packets.packet_plan)."""
    content = cached_content(content_dir)
    folder = Path(out_dir)
    jobs = [_Job(plan, folder / packet_filename(plan.lead.reference, plan.language)) for plan in plans]
    total = len(jobs)
    if total == 0:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    if workers is None:
        workers = 1 if total < POOL_MIN_PACKETS else (os.cpu_count() or 1)
    workers = max(1, min(workers, total))
    written: dict[int, Path] = {}
    directory = str(content.directory)

    if workers == 1:
        _start_worker(directory)
        for index, job in enumerate(jobs):
            if cancel is not None and cancel():
                break
            written[index] = _render_job(job, directory)
            if progress is not None:
                progress(len(written), total)
        return [written[index] for index in sorted(written)]

    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(), initializer=_start_worker,
                             initargs=(directory,)) as pool:
        pending: dict[Future, int] = {pool.submit(_render_job, job, directory): index
                                      for index, job in enumerate(jobs)}
        try:
            while pending:
                finished, _ = wait(pending, timeout=CANCEL_POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in finished:
                    written[pending.pop(future)] = future.result()
                    if progress is not None:
                        progress(len(written), total)
                if cancel is not None and cancel():
                    for future in pending:
                        future.cancel()
                    wait(pending)
                    for future, index in pending.items():
                        if not future.cancelled() and future.exception() is None:
                            written[index] = future.result()
                    break
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return [written[index] for index in sorted(written)]
