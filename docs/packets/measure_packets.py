"""Measure the packet engine: one packet after warm-up (English, Arabic), a batch of 100, file sizes.

Run from the repository root:

    .venv/bin/python docs/packets/measure_packets.py [--batch 100] [--workers 2]

Wall time depends on what else the machine is doing, so CPU time is printed too.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # a script run from the tree, not an installed module

from docs.packets.make_samples import COORDINATOR, SAMPLES, TODAY  # noqa: E402

from app.packets.packet_batch import render_batch  # noqa: E402
from app.packets.packet_input import PacketLead  # noqa: E402
from app.packets.packet_renderer import render_packet  # noqa: E402

LEADS = {
    **SAMPLES,
    "ru": PacketLead("L-2026-00044", "Мария Иванова", "Maria Ivanova", "KZ", "ru", "Множественная миелома",
                     "multiple_myeloma", None, 1, COORDINATOR),
    "zh": PacketLead("L-2026-00045", "王小明", "Wang Xiaoming", "SG", "zh", "弥漫大B细胞淋巴瘤复发", "lymphoma", None, 1,
                     COORDINATOR),
}


def single(lang: str, repeats: int = 10) -> None:
    lead = LEADS[lang]
    render_packet(lead, today=TODAY)  # warm-up: fonts, content, shaping caches
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        pdf = render_packet(lead, today=TODAY)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(f"{lang}: median {statistics.median(walls) * 1000:.0f} ms wall, {statistics.median(cpus) * 1000:.0f} ms CPU,"
          f" best {min(walls) * 1000:.0f} ms; {len(pdf) / 1024:.0f} KB")


def batch(count: int, workers: int | None) -> None:
    base = list(LEADS.values())
    leads = [dataclasses.replace(base[i % len(base)], reference=f"L-2026-{i + 1:05d}") for i in range(count)]
    with tempfile.TemporaryDirectory() as folder:
        wall = time.perf_counter()
        paths = render_batch(leads, folder, today=TODAY, workers=workers)
        elapsed = time.perf_counter() - wall
        sizes = [path.stat().st_size for path in paths]
    print(f"batch of {len(paths)} on {workers or 'all'} worker(s): {elapsed:.1f} s "
          f"({elapsed / len(paths) * 1000:.0f} ms per packet), mean file {statistics.mean(sizes) / 1024:.0f} KB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    for lang in ("en", "ar", "ru", "zh"):
        single(lang)
    batch(args.batch, args.workers)


if __name__ == "__main__":
    main()
