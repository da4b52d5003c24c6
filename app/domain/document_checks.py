"""What a medical file is, read from its first bytes (never from its name), and the files the desk
refuses: empty ones, ones over the size limit, programs and scripts, and archives it cannot look
inside.

Archives: a ZIP is opened and checked, entry by entry (and a ZIP inside it, two levels deep): it is
refused when any entry is password-protected (the encryption flag, bit 0 of the entry's flags) or
is a program by its name or first bytes. RAR, 7-Zip, gzip/bzip2/xz and tar archives are refused:
the desk cannot look inside them, so it cannot say they hold no program and no password. The
message says what to send instead (a ZIP, or a link to the imaging on a share).
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from app.domain.errors import ValidationError

__all__ = ["EXECUTABLE_SUFFIXES", "MAX_FILE_BYTES", "MAX_FILE_MB", "Sniffed", "check_file", "sniff"]

#: The largest file the desk stores, in MB (a larger study goes in as a link).
MAX_FILE_MB = 100
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024

#: File names the desk refuses whatever their bytes say (programs and scripts Windows would run).
EXECUTABLE_SUFFIXES = frozenset({".exe", ".bat", ".cmd", ".com", ".js", ".jse", ".vbs", ".vbe", ".ps1", ".scr",
                                 ".msi", ".jar", ".wsf", ".hta", ".pif", ".cpl", ".sh"})

#: How many bytes of an entry (or the file) are read to know what it is.
HEAD_BYTES = 560
#: A ZIP inside a ZIP is opened this many levels deep; deeper is refused as not checkable.
ZIP_DEPTH = 2

_OFFICE = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "file"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "file"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "file"),
}
_MACHO = (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
#: Archives the desk cannot open: (first bytes, offset, name for the message).
_UNCHECKABLE = ((b"Rar!\x1a\x07", 0, "a RAR archive"), (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
                (b"\x1f\x8b", 0, "a gzip archive"), (b"BZh", 0, "a bzip2 archive"),
                (b"\xfd7zXZ\x00", 0, "an xz archive"), (b"ustar", 257, "a tar archive"))
_UNCHECKABLE_ADVICE = ("the desk cannot look inside it to check it holds no program and no password; "
                       "send a ZIP instead, or put the imaging on a share and attach a link")


@dataclass(frozen=True)
class Sniffed:
    media_type: str
    #: file / archive (a ZIP of imaging or other records, checked)
    kind: str = "file"
    #: Words for the user ("a ZIP archive of 212 files, checked").
    description: str = ""


def _program(head: bytes) -> str | None:
    """What kind of program `head` starts, or None."""
    if head.startswith(b"MZ"):
        return "a Windows program (PE/MZ)"
    if head.startswith(b"\x7fELF"):
        return "a Linux program (ELF)"
    if head[:4] in _MACHO:
        return "a macOS program (Mach-O)"
    if head.startswith(b"#!"):
        return "a script (#!)"
    return None


def _name_is_program(name: str) -> bool:
    return PurePath(name.replace("\\", "/")).suffix.lower() in EXECUTABLE_SUFFIXES


def _is_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3  # a character cut by the head's end
    return True


def sniff(head: bytes) -> Sniffed:
    """The media type of a file by its first bytes (at least HEAD_BYTES where the file has them)."""
    if head.startswith(b"%PDF-"):
        return Sniffed("application/pdf")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image/png")
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image/jpeg")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return Sniffed("image/gif")
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return Sniffed("image/tiff")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed("image/webp")
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"heim", b"heis"):
        return Sniffed("image/heic")
    if head[128:132] == b"DICM":
        return Sniffed("application/dicom")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return Sniffed("application/x-ole-storage")  # .doc / .xls of older Office
    if head.startswith(b"{\\rtf"):
        return Sniffed("application/rtf")
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return Sniffed("application/zip", "archive")
    if _is_text(head):
        return Sniffed("text/plain")
    return Sniffed("application/octet-stream")


class _BytesView(io.RawIOBase):
    """The file's bytes as a seekable file for zipfile, without a copy of them."""

    def __init__(self, data: bytes | bytearray | memoryview) -> None:
        super().__init__()
        self._view = memoryview(data)
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._view)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer: Any) -> int:
        chunk = self._view[self._pos:self._pos + len(buffer)]
        buffer[:len(chunk)] = chunk
        self._pos += len(chunk)
        return len(chunk)

    def close(self) -> None:
        self._view.release()
        super().close()


def _refuse(name: str, problem: str) -> ValidationError:
    return ValidationError(f"{name} was not added: {problem}")


def _uncheckable(head: bytes) -> str | None:
    for magic, offset, words in _UNCHECKABLE:
        if head[offset:offset + len(magic)] == magic:
            return words
    return None


def _check_zip(data: bytes | bytearray | memoryview, name: str, depth: int) -> list[str]:
    """Check every entry of a ZIP; the names of the files in it. ValidationError for a password,
    a program, an archive inside that cannot be checked, or a damaged archive."""
    view = _BytesView(data)
    try:
        archive = zipfile.ZipFile(view)
    except (zipfile.BadZipFile, ValueError, OSError):
        view.close()
        raise _refuse(name, "it looks like a ZIP archive but cannot be opened (damaged or incomplete)") from None
    names: list[str] = []
    with view, archive:
        for entry in archive.infolist():
            if entry.is_dir():
                continue
            names.append(entry.filename)
            where = f"'{entry.filename}' inside it"
            if entry.flag_bits & 0x1:
                raise _refuse(name, f"the archive is password-protected ({where}), so it cannot be checked; "
                                    "ask for it without a password, or for a link")
            if _name_is_program(entry.filename):
                raise _refuse(name, f"the archive holds a program or script ({where})")
            try:
                with archive.open(entry) as handle:
                    head = handle.read(HEAD_BYTES)
                    if (what := _program(head)) is not None:
                        raise _refuse(name, f"the archive holds {what} ({where})")
                    if (words := _uncheckable(head)) is not None:
                        raise _refuse(name, f"the archive holds {words} ({where}): {_UNCHECKABLE_ADVICE}")
                    if head[:4] == b"PK\x03\x04":
                        if depth >= ZIP_DEPTH:
                            raise _refuse(name, f"the archive holds archives nested too deep to check ({where})")
                        inner = head + handle.read(MAX_FILE_BYTES + 1 - len(head))
                        if len(inner) > MAX_FILE_BYTES:
                            raise _refuse(name, f"an archive inside it is larger than {MAX_FILE_MB} MB unpacked ({where})")
                        _check_zip(inner, name, depth + 1)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError) as error:
                raise _refuse(name, f"an entry of the archive cannot be read ({where}: {error})") from None
    return names


def check_file(name: str, data: bytes | bytearray | memoryview) -> Sniffed:
    """What the file `name` with content `data` is, or ValidationError saying in words why it is
    refused (see the module notes). The size limit is checked by the caller while reading."""
    if len(data) == 0:
        raise _refuse(name, "the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(name, f"it is larger than {MAX_FILE_MB} MB; put large imaging on a share and attach a link")
    if _name_is_program(name):
        raise _refuse(name, f"files named *{PurePath(name).suffix.lower()} are programs or scripts")
    head = bytes(data[:HEAD_BYTES])
    if (what := _program(head)) is not None:
        raise _refuse(name, f"it is {what}")
    if (words := _uncheckable(head)) is not None:
        raise _refuse(name, f"it is {words}: {_UNCHECKABLE_ADVICE}")
    found = sniff(head)
    if found.kind != "archive":
        return found
    names = _check_zip(data, name, 1)
    count = len(names)
    for prefix, (media_type, kind) in _OFFICE.items():
        if "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names):
            return Sniffed(media_type, kind)
    return Sniffed("application/zip", "archive", f"a ZIP archive of {count} file{'' if count == 1 else 's'}, checked")
