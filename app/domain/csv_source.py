"""CSV files as people really export them, read as a stream of rows.

``open_csv`` looks at the start of the file once: it refuses what is not a CSV file with a
readable ``CsvFormatError``, decides the encoding and the delimiter, and reads the header.
``CsvSource.rows()`` then streams the records, opening the file itself on each call, so a
200 MB file is read in bounded memory.

Encoding, in this order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; UTF-16 without a
mark is recognised by its zero bytes; text that decodes as UTF-8 is UTF-8. Otherwise the
candidates — cp1251 (Cyrillic), cp1252 (Western, or latin-1 where cp1252 cannot decode), and
charset-normalizer's own guess —
are each decoded and scored for mojibake: words that mix scripts ("Garcнa"), long words made only
of accented Latin letters ("Ðîññèÿ"), case flipping inside a word, C1 control characters. The
cleanest wins; ``encoding_confident`` is False unless it is clearly cleaner than every other
candidate, and the UI then asks the user (``encoding_candidates`` lists the choices, best first).

Rows are never lost silently. A row that could not be read whole is still yielded, with
``CsvRow.problem`` saying what is wrong:

* the last record opens a quote that never closes (a truncated file): the row holds what was read;
* characters that are not valid in the chosen encoding: shown as U+FFFD "�";
* a cell larger than ``FIELD_LIMIT`` characters (a missing quote swallowing the rest of the
  file): the row is empty and reading stops there.

Empty lines are skipped but keep their number, so ``CsvRow.number`` is the row's position under
the header as a spreadsheet shows it.
"""
from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from app.domain.errors import UserError

__all__ = ["DELIMITERS", "EXTRA_CELLS", "FIELD_LIMIT", "CsvFormatError", "CsvRow", "CsvSource", "open_csv"]

#: The key in `CsvRow.values` for cells beyond the header's columns (joined by the delimiter).
EXTRA_CELLS = "__extra__"
#: The largest cell read, in characters (csv.field_size_limit is raised to it, process-wide).
FIELD_LIMIT = 8 * 1024 * 1024
#: Delimiters tried when none is given, in order of preference on a tie.
DELIMITERS = (",", ";", "\t", "|")

SAMPLE_BYTES = 64 * 1024
_SNIFF_RECORDS = 500
_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SINGLE_BYTE = ("cp1251", "cp1252")
# Latin-1 reads the bytes cp1252 leaves undefined (as C1 controls); only tried when cp1252 fails.
_FALLBACKS = {"cp1252": "latin-1"}
_NAMES = {"utf_8": "utf-8", "utf_8_sig": "utf-8-sig", "latin_1": "latin-1", "iso8859-1": "latin-1"}
_NOT_CSV_SIGNATURES = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel 97–2003 workbook (.xls)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c")
_MAX_CONTROL_SHARE = 0.05
_CLEAN_SCORE = 0.1
_CLEAR_MARGIN = 0.3
# UTF-16 without a mark: ASCII text has a zero in every other byte, and almost none between.
_UTF16_ZERO_SHARE = 0.4
_UTF16_OTHER_ZERO_SHARE = 0.05
_EOF_MARK = "\ue000medtour:end-of-file\ue000"
_WORD = re.compile(r"[^\W\d_]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_LIKE = re.compile(r"\+?[\d\s().\-]{7,}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T].*)?")
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


class CsvFormatError(UserError, ValueError):
    """A readable, one-line message for the user: which file, what is wrong, what to do."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True, slots=True)
class CsvRow:
    number: int  # 1-based data row; the header is row 0
    line: int  # physical line where the record starts
    values: dict[str, str]  # header → cell; "" for a missing cell; extra cells under EXTRA_CELLS
    problem: str | None = None  # why the row could not be read whole (see the module notes)


@dataclass(frozen=True, slots=True)
class CsvSource:
    path: Path
    encoding: str
    encoding_confident: bool
    delimiter: str
    headers: tuple[str, ...]
    encoding_candidates: tuple[str, ...] = ()  # plausible encodings, best first, when not confident

    def rows(self) -> Iterator[CsvRow]:
        """The data rows, streamed from the file (opened anew on each call)."""
        header_width = len(self.headers)
        number = 0
        seen_header = False
        for line, cells, problem in _records(self.path, self.encoding, self.delimiter):
            if not seen_header:
                seen_header = not _blank(cells)
                continue
            number += 1
            if _blank(cells) and problem is None:
                continue
            values = dict(zip(self.headers, cells, strict=False))
            for header in self.headers[len(cells) :]:
                values[header] = ""
            extra = cells[header_width:]
            if any(extra):
                values[EXTRA_CELLS] = self.delimiter.join(extra)
            yield CsvRow(number=number, line=line, values=values, problem=problem)


def open_csv(path: str | Path, encoding: str | None = None, delimiter: str | None = None) -> CsvSource:
    """Open a CSV export: detect its encoding and delimiter (unless given) and read its header.
    Raises CsvFormatError when the file cannot be read or is not a CSV file."""
    file = Path(path)
    head, probe, complete = _read_samples(file)
    if not head.strip(b" \t\r\n\x00") or head in (bom for bom, _ in _BOMS):
        raise _empty(file)
    _refuse_known_binary(file, head)
    candidates: tuple[str, ...]
    if encoding is not None:
        chosen, confident, candidates = _explicit_encoding(file, head, encoding), True, ()
    else:
        chosen, confident, candidates = _detect_encoding(file, head, probe, complete)
    text = _decode_head(head, chosen, complete)
    _refuse_binary_text(file, text)
    if not text.strip():
        raise _empty(file)
    separator = _explicit_delimiter(file, delimiter) if delimiter is not None else _sniff_delimiter(text, complete)
    headers = _read_headers(file, chosen, separator)
    return CsvSource(
        path=file,
        encoding=chosen,
        encoding_confident=confident,
        delimiter=separator,
        headers=headers,
        encoding_candidates=candidates,
    )


# --- reading ---------------------------------------------------------------------------------


def _read_samples(file: Path) -> tuple[bytes, bytes, bool]:
    """(head, probe, complete): the first SAMPLE_BYTES; for the encoding, the first block with
    non-ASCII bytes and the block after it (so those bytes are never only at the probe's cut);
    whether the probe reaches the end of the file. A plain ASCII head makes this scan on."""
    try:
        with file.open("rb") as stream:
            head = stream.read(SAMPLE_BYTES)
            block = head
            while block and block.isascii():
                block = stream.read(SAMPLE_BYTES)
            following = stream.read(SAMPLE_BYTES) if block else b""
            probe = block + following
            complete = len(following) < SAMPLE_BYTES
            return head, probe, complete
    except FileNotFoundError:
        raise CsvFormatError(f"'{file.name}' was not found ({file}): check the folder and the name", file) from None
    except IsADirectoryError:
        raise CsvFormatError(f"'{file.name}' is a folder, not a CSV file: choose a file inside it", file) from None
    except PermissionError:
        raise CsvFormatError(
            f"'{file.name}' cannot be read (permission denied): if it is open in another program, close it and try again",
            file,
        ) from None
    except OSError as error:
        raise CsvFormatError(
            f"'{file.name}' cannot be read ({error.strerror or error}): copy it to a local folder and try again", file
        ) from None


def _records(file: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list[str], str | None]]:
    """(line, cells, problem) for every record, blank ones included."""
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    with file.open(encoding=encoding, errors="replace", newline="") as stream:
        # A mark line after the last: a quote left open at the end of the file swallows it.
        reader = csv.reader(itertools.chain(stream, (_EOF_MARK + "\n",)), delimiter=delimiter, strict=False)
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error:
                yield line, [], (
                    f"a cell starting in this row is larger than {FIELD_LIMIT // (1024 * 1024)} MB, so a quote "
                    "is probably missing; the rest of the file was not read"
                )
                return
            if cells == [_EOF_MARK]:
                return
            problem = None
            if cells and _EOF_MARK in cells[-1]:
                cells[-1] = cells[-1][: cells[-1].index(_EOF_MARK)].rstrip("\r\n")
                problem = "this row is cut off: a quoted cell never ends (the file may be incomplete, or a quote is missing)"
            elif any("\ufffd" in cell for cell in cells):
                problem = f"some characters are not valid {encoding} and are shown as �: choose the file's encoding"
            yield line, cells, problem


def _read_headers(file: Path, encoding: str, delimiter: str) -> tuple[str, ...]:
    for _, cells, problem in _records(file, encoding, delimiter):
        if _blank(cells):
            continue
        if problem is not None:
            raise CsvFormatError(f"'{file.name}': the header row cannot be read: {problem}", file)
        data = next((cell.strip() for cell in cells if _looks_like_data(cell.strip())), None)
        if data is not None:
            raise CsvFormatError(
                f"'{file.name}' has no header row: its first line holds data ('{data[:40]}'); "
                "add a first line with the column names (for example Name, Phone, Email) and try again",
                file,
            )
        return _fixed_headers(cells)
    raise CsvFormatError(f"'{file.name}' has no header row: every line in it is empty", file)


def _fixed_headers(cells: list[str]) -> tuple[str, ...]:
    """Header names stripped of spaces (and a stray byte-order mark); a blank one becomes
    "Column N" and a repeated one "Name (2)"."""
    given = [cell.replace("\ufeff", "").strip() for cell in cells]
    names: list[str] = []
    for position, name in enumerate(given, start=1):
        if name and name not in names:
            names.append(name)
            continue
        base = name or f"Column {position}"
        unique, copy = base, 2
        while unique in names or unique in given:
            unique, copy = f"{base} ({copy})", copy + 1
        names.append(unique)
    return tuple(names)


def _looks_like_data(cell: str) -> bool:
    if _EMAIL.fullmatch(cell) or _ISO_DATE.fullmatch(cell):
        return True
    return bool(_PHONE_LIKE.fullmatch(cell)) and sum(ch.isdigit() for ch in cell) >= 7


def _blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


# --- what is not a CSV file --------------------------------------------------------------------


def _empty(file: Path) -> CsvFormatError:
    return CsvFormatError(f"'{file.name}' is empty: export the data again and choose this file", file)


def _refuse_known_binary(file: Path, head: bytes) -> None:
    for signature, kind in _NOT_CSV_SIGNATURES:
        if head.startswith(signature):
            raise CsvFormatError(
                f"'{file.name}' is {kind}, not a CSV file: open it and save it as CSV (comma or semicolon separated), "
                "then import that file",
                file,
            )


def _refuse_binary_text(file: Path, text: str) -> None:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    if "\x00" in text or controls > _MAX_CONTROL_SHARE * len(text):
        raise CsvFormatError(
            f"'{file.name}' is not a text file (it holds binary data): choose the CSV export itself, or save the data as CSV",
            file,
        )


# --- encoding --------------------------------------------------------------------------------


def _explicit_encoding(file: Path, head: bytes, encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
        "".encode(encoding)  # refuses byte-to-byte codecs (hex, zlib …)
    except LookupError:
        raise CsvFormatError(
            f"'{encoding}' is not a text encoding Python knows; for '{file.name}' try utf-8, cp1251, cp1252 or utf-16",
            file,
        ) from None
    if name == "utf-8" and head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"  # the mark is not part of the first header
    return encoding


def _detect_encoding(file: Path, head: bytes, probe: bytes, complete: bool) -> tuple[str, bool, tuple[str, ...]]:
    """(encoding, confident, candidates best first when not confident)."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, True, ()
    if utf16 := _utf16_without_bom(head):
        return utf16, True, ()
    if _decodes(probe, "utf-8", complete):
        return "utf-8", True, ()
    scored = _score_candidates(probe, complete)
    best_name, best_score = scored[0]
    clear = best_score <= _CLEAN_SCORE and all(score >= best_score + _CLEAR_MARGIN for _, score in scored[1:])
    return best_name, clear, (() if clear else tuple(name for name, _ in scored))


def _utf16_without_bom(head: bytes) -> str | None:
    even, odd = head[0::2], head[1::2]
    if len(odd) < 2:
        return None
    even_zeros, odd_zeros = even.count(0) / len(even), odd.count(0) / len(odd)
    for zeros, other, name in ((odd_zeros, even_zeros, "utf-16-le"), (even_zeros, odd_zeros, "utf-16-be")):
        if zeros >= _UTF16_ZERO_SHARE and other < _UTF16_OTHER_ZERO_SHARE and _decodes(head[: len(head) // 2 * 2], name, False):
            return name
    return None


def _score_candidates(probe: bytes, complete: bool) -> list[tuple[str, float]]:
    """Candidates that decode the probe, each with its mojibake score, best first. Candidates
    that read the probe identically count once (the first named); charset-normalizer's guess is
    named first, so it wins a tie."""
    names = list(_SINGLE_BYTE)
    guess = _charset_normalizer_guess(probe)
    if guess is not None and guess not in names:
        names.append(guess)
    elif guess is not None:
        names.insert(0, names.pop(names.index(guess)))
    decoded: dict[str, str] = {}
    for name in names:
        text = _decoded(probe, name, complete)
        if text is None and name in _FALLBACKS:
            name, text = _FALLBACKS[name], _decoded(probe, _FALLBACKS[name], complete)
        if text is not None and text not in decoded.values():
            decoded[name] = text
    scored = [(name, _mojibake_score(text)) for name, text in decoded.items()]
    return sorted(scored, key=lambda item: item[1])


def _charset_normalizer_guess(probe: bytes) -> str | None:
    best = from_bytes(probe[:SAMPLE_BYTES]).best()
    if best is None:
        return None
    try:
        return _canonical(best.encoding)
    except LookupError:
        return None


def _canonical(encoding: str) -> str:
    name = codecs.lookup(encoding).name
    return _NAMES.get(name, name)


def _mojibake_score(text: str) -> float:
    """Share of the words with non-ASCII letters that look garbled, counting each C1 control
    character as one garbled word. 0 for clean text."""
    suspicious = sum(1 for ch in text if "\x80" <= ch <= "\x9f")
    counted = suspicious
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        counted += 1
        suspicious += _garbled(word)
    return suspicious / counted if counted else 0.0


def _garbled(word: str) -> bool:
    scripts = {_script(ch) for ch in word}
    if len(scripts) > 1:  # "Garcнa": cp1252 read as cp1251
        return True
    if scripts == {"LATIN"} and len(word) >= 3 and not any(ch.isascii() for ch in word):
        return True  # "Ðîññèÿ": cp1251 read as cp1252
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(word))  # "рПМЕ": koi8-r swaps


def _script(char: str) -> str:
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def _decodes(data: bytes, encoding: str, final: bool) -> bool:
    return _decoded(data, encoding, final) is not None


def _decoded(data: bytes, encoding: str, final: bool) -> str | None:
    try:
        return codecs.getincrementaldecoder(encoding)().decode(data, final=final)
    except UnicodeDecodeError:
        return None


def _decode_head(head: bytes, encoding: str, complete: bool) -> str:
    return codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=complete)


# --- delimiter -------------------------------------------------------------------------------


def _explicit_delimiter(file: Path, delimiter: str) -> str:
    separator = _DELIMITER_NAMES.get(delimiter.strip().casefold(), delimiter)
    if len(separator) != 1 or separator in "\"\r\n" or separator.isalnum():
        raise CsvFormatError(
            f"'{delimiter}' cannot separate the columns of '{file.name}': use one character such as , ; | or tab", file
        )
    return separator


def _sniff_delimiter(text: str, complete: bool) -> str:
    """The delimiter that splits the header into most columns, preferring the one under which
    the following records have as many columns as the header."""
    best, best_score = DELIMITERS[0], (False, 0.0, 0)
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        records = [cells for cells in itertools.islice(reader, _SNIFF_RECORDS) if cells]  # not empty lines
        if not complete and len(records) > 1:
            records.pop()  # the sample may end inside it
        if not records:
            continue
        width = len(records[0])
        rows = records[1:]
        consistency = sum(len(cells) == width for cells in rows) / len(rows) if rows else 1.0
        score = (width > 1, consistency, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best
