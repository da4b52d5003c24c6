"""What every suite measures, in one place: the search texts, the scroll positions and sorts,
the sizes of a screen and of a packet batch. Ours, the stock model and the floor all read these."""
from __future__ import annotations

from dataclasses import dataclass

#: One keystroke's worth of search: (case, the text in the box).
SEARCH_CASES: dict[str, str] = {
    "latin": "smirn",  # Smirnov / Smirnova, Latin spelling of a Cyrillic name
    "cyrillic": "смирн",  # the same people in Cyrillic
    "phone": "4821",  # four phone digits
    "none": "qxzw",  # matches nothing
}
#: Typed one key at a time; the slowest keystroke counts (1–2 letters cannot use the trigram index).
TYPED = "smirnova"

#: The list's default order (newest inquiry first) is the one searches are measured in.
SEARCH_SORT = ("created", True)

#: Scrolling: (sort key, descending) pairs and positions.
SCROLL_SORTS: dict[str, tuple[str, bool]] = {"name": ("name", False), "follow_up": ("next_follow_up", False)}
SCROLL_POSITIONS = ("top", "middle", "end")
SCREEN_ROWS = 40

PACKET_BATCH = 100


@dataclass(frozen=True)
class Settings:
    """How hard to measure: repeats per figure (median and max are over these), warm-up runs."""

    repeat: int = 7
    warmup: int = 1
    quick: bool = False
    packet_batch: int = PACKET_BATCH
    import_rows: int = 50_000

    @classmethod
    def make(cls, repeat: int | None, quick: bool) -> Settings:
        if quick:
            return cls(repeat=repeat or 2, warmup=1, quick=True, packet_batch=4, import_rows=600)
        return cls(repeat=repeat or 7)


def scroll_row(position: str, total: int, screen: int = SCREEN_ROWS, run: int = 0) -> int:
    """The first row of the screen for `position`; each run (0, 1, …) takes another screen
    nearby (three screens apart), so that no run finds its rows already read by the one before."""
    if total <= screen:
        return 0
    step = 3 * screen * run
    if position == "top":
        row = step
    elif position == "middle":
        row = total // 2 + step
    else:
        row = total - screen - step
    return min(max(0, row), total - screen)
