"""What the lead editor offers in its program and currency pickers, read from the agency's content
(programs.toml, text/en.toml and rates.toml in the content folder the packet reads, so
$MEDTOUR_CONTENT_DIR counts here too), so a program added there shows up in the editor without a
code change. Unreadable content gives empty lists, never an error: the pickers stay editable.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from app.paths import content_dir

__all__ = ["cost_item_keys", "cost_item_label", "currency_choices", "program_choices", "program_label"]


def _load(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}


@lru_cache(maxsize=4)
def _programs(content: Path) -> tuple[tuple[str, str], ...]:
    ids = list(_load(content / "programs.toml").get("programs", {}))
    texts = _load(content / "text" / "en.toml").get("programs", {})
    return tuple((pid, texts.get(pid, {}).get("short") or pid.replace("_", " ")) for pid in ids)


def program_choices(content: Path | None = None) -> list[tuple[str, str]]:
    """(program id, short English name) in the order the agency lists them."""
    return list(_programs(content or content_dir()))


def program_label(program: str | None, content: Path | None = None) -> str:
    return dict(program_choices(content)).get(program or "", program or "")


@lru_cache(maxsize=4)
def _currencies(content: Path) -> tuple[str, ...]:
    rates = _load(content / "rates.toml").get("rates", {})
    base = rates.get("base") or "USD"
    others = sorted(code for code in rates.get("per_unit", {}) if code != base)
    return (base, *others)


def currency_choices(content: Path | None = None) -> list[str]:
    """The agency currency first, then every currency the agency has a rate for (ISO 4217)."""
    return list(_currencies(content or content_dir()))


@lru_cache(maxsize=4)
def _cost_items(content: Path) -> dict[str, str]:
    items = _load(content / "text" / "en.toml").get("cost", {}).get("items", {})
    return {key: value for key, value in items.items() if isinstance(value, str)}


def cost_item_label(item: str, content: Path | None = None) -> str:
    """A line item's English name ("manufacturing" → "CAR-T cell manufacturing"), as the packet's
    cost table says it; the key in words when the text has none."""
    return _cost_items(content or content_dir()).get(item) or item.replace("_", " ").capitalize()


def cost_item_keys(content: Path | None = None) -> frozenset[str]:
    """Every line item the packet's text names (medical and travel)."""
    return frozenset(_cost_items(content or content_dir()))
