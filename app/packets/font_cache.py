"""The packet fonts' parsed tables, kept on disk so a new process does not parse them again.

ReportLab reads a TrueType file's character map and glyph widths in pure Python: a quarter of a
second for the 5 MB Chinese font, which every packet needs (the Chinese partner hospitals' names).
The parsed tables are written once to the cache folder (app.paths.cache_dir) with `marshal` (plain
numbers, strings and containers: loading it runs no code) and read back in about a third of the
time. An entry is keyed by the font file's size and modification time and by the ReportLab and
Python versions; anything that does not match, or cannot be read or written, falls back to
parsing the file, so the cache can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase import ttfonts

from app.domain.atomic_file import write_bytes_atomically
from app.paths import cache_dir

#: Bumped when what is stored changes.
FORMAT = 1
#: The face's attributes that are not plain data: rebuilt on load.
_REBUILT = ("_pdfScale", "_ttf_data")
#: Text attributes ReportLab keeps as its own bytes subclass.
_NAME_BYTES = ("name", "familyName", "styleName", "fullName", "uniqueFontID")


def _key(path: Path, subfont: int) -> tuple[Any, ...]:
    stat = path.stat()
    return (FORMAT, path.name, stat.st_size, stat.st_mtime_ns, subfont, reportlab.Version, sys.version)


def _entry(path: Path, key: tuple[Any, ...]) -> Path:
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:16]
    return cache_dir() / f"font-{path.stem}-{digest}.marshal"


def _scale(units_per_em: int):
    if units_per_em == 1000:
        return lambda value: value
    factor = 1000 / units_per_em
    return lambda value: value * factor


def load_face(path: Path, subfont: int = 0) -> ttfonts.TTFontFace:
    """The parsed face of a font file: from the cache when it holds this very file, else parsed
    (and the cache filled)."""
    key = _key(path, subfont)
    entry = None
    with suppress(OSError):
        entry = _entry(path, key)
        face = _read(entry, key, path)
        if face is not None:
            return face
    face = ttfonts.TTFontFace(str(path), validate=0, subfontIndex=subfont)
    if entry is not None:
        state = {name: value for name, value in vars(face).items() if name not in _REBUILT}
        for name in _NAME_BYTES:
            if name in state:
                state[name] = bytes(state[name])
        with suppress(OSError, ValueError):
            write_bytes_atomically(entry, marshal.dumps((key, state)))
    return face


def _read(entry: Path, key: tuple[Any, ...], path: Path) -> ttfonts.TTFontFace | None:
    try:
        stored_key, state = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if stored_key != key or not isinstance(state, dict) or not isinstance(state.get("unitsPerEm"), int):
        return None
    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    vars(face).update(state)
    for name in _NAME_BYTES:
        if name in state:
            setattr(face, name, ttfonts.TTFNameBytes(state[name]))
    face._pdfScale = _scale(state["unitsPerEm"])
    face._ttf_data = path.read_bytes()  # the subsets are cut from the file's own bytes
    return face
