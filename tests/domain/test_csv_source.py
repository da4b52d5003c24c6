"""Reading CSV exports as people have them: encodings, delimiters, line endings, broken files."""
from __future__ import annotations

import codecs
import os
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.csv_source import EXTRA_CELLS, FIELD_LIMIT, CsvFormatError, CsvRow, open_csv

from tests.conftest import SAMPLE_CSV as SAMPLE

RUSSIAN = (
    "ФИО;Телефон;Страна;Диагноз;Сообщение\n"
    "Анна Смирнова;8 903 555 12 34;Россия;Диффузная B-клеточная лимфома;Нужна информация о стоимости\n"
    "Иван Петров;+7 916 123-45-67;Россия;В-ОЛЛ, рецидив;Сколько стоит лечение, и как долго?\n"
    "Айгерим Нурлановна;+7 701 234 5678;Казахстан;Миелома;\n"
)
WESTERN = (
    "Name,Country,Message\n"
    "María García López,España,¿Cuánto cuesta el tratamiento completo?\n"
    'Françoise Müller,Suisse,"“Père, 64 ans” — réfractaire"\n'
    "Seán Ó Briain,Éire,Café crème\n"
)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def rows(path: Path, **options: str) -> list[CsvRow]:
    return list(open_csv(path, **options).rows())


# --- the real sample ----------------------------------------------------------------------------


def test_real_website_sample() -> None:
    source = open_csv(SAMPLE)
    assert (source.encoding, source.encoding_confident, source.delimiter) == ("utf-8", True, ",")
    assert source.headers[:3] == ("Submitted At", "Full Name", "Email")
    read = list(source.rows())
    assert len(read) == 18
    assert [row.number for row in read] == list(range(1, 19))
    assert [row.line for row in read] == list(range(2, 20))
    assert all(row.problem is None for row in read)
    assert read[1].values["Full Name"] == "Анна Смирнова"
    assert read[0].values["Diagnosis"] == "B-cell acute lymphoblastic leukemia, relapsed after 2 lines"
    assert read[15].values["Phone"] == "" and read[15].values["Email"] == ""  # no way to contact


# --- encodings ----------------------------------------------------------------------------------


def test_semicolon_cp1251_file(tmp_path: Path) -> None:
    path = write(tmp_path, "crm.csv", RUSSIAN.replace("\n", "\r\n").encode("cp1251"))
    source = open_csv(path)
    assert (source.encoding, source.encoding_confident, source.delimiter) == ("cp1251", True, ";")
    assert source.headers == ("ФИО", "Телефон", "Страна", "Диагноз", "Сообщение")
    read = list(source.rows())
    assert read[0].values["ФИО"] == "Анна Смирнова"
    assert read[1].values["Диагноз"] == "В-ОЛЛ, рецидив"
    assert read[2].values["Сообщение"] == ""


def test_cp1252_file(tmp_path: Path) -> None:
    source = open_csv(write(tmp_path, "western.csv", WESTERN.encode("cp1252")))
    assert (source.encoding, source.encoding_confident) == ("cp1252", True)
    read = list(source.rows())
    assert read[0].values["Name"] == "María García López"
    assert read[1].values["Message"] == "“Père, 64 ans” — réfractaire"


def test_latin1_when_cp1252_cannot_decode(tmp_path: Path) -> None:
    text = "Name,Country\nMaría García López,España\nFrançoise Müller,Suisse\n"
    data = text.encode("latin-1") + b"Control,X\x81\n"  # 0x81 is undefined in cp1252
    source = open_csv(write(tmp_path, "latin.csv", data))
    assert source.encoding == "latin-1"
    assert next(source.rows()).values["Name"] == "María García López"


def test_undecidable_encoding_is_not_confident(tmp_path: Path) -> None:
    source = open_csv(write(tmp_path, "symbols.csv", "Name,Ref\nIvan,\u2116 5\n".encode("cp1251")))  # only "№"
    assert not source.encoding_confident
    assert source.encoding in source.encoding_candidates
    assert {"cp1251", "cp1252"} <= set(source.encoding_candidates)


def test_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    text = "Name,Phone,Country\r\nИван,+79161234567,Russia\r\nZhang Wei,+1 415 555 2671,United States\r\n"
    source = open_csv(write(tmp_path, "bom.csv", codecs.BOM_UTF8 + text.encode("utf-8")))
    assert (source.encoding, source.encoding_confident) == ("utf-8-sig", True)
    assert source.headers == ("Name", "Phone", "Country")
    read = list(source.rows())
    assert [(row.number, row.line) for row in read] == [(1, 2), (2, 3)]
    assert read[1].values == {"Name": "Zhang Wei", "Phone": "+1 415 555 2671", "Country": "United States"}


def test_explicit_utf8_on_a_bom_file_drops_the_mark(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.csv", codecs.BOM_UTF8 + b"Name,Phone\nA,1\n")
    assert open_csv(path, encoding="utf-8").headers == ("Name", "Phone")


def test_utf16_with_bom_tab_separated(tmp_path: Path) -> None:
    # Excel's "Unicode text" export: UTF-16 with a mark, tabs between cells.
    text = "Name\tPhone\tMessage\r\n张伟\t+1 415 555 2671\t想了解费用\r\nمحمد\t+966 50 123 4567\tPlease send details\r\n"
    source = open_csv(write(tmp_path, "unicode.txt", text.encode("utf-16")))
    assert (source.encoding, source.delimiter) == ("utf-16", "\t")
    read = list(source.rows())
    assert read[0].values["Name"] == "张伟" and read[1].values["Name"] == "محمد"


def test_utf16_without_bom(tmp_path: Path) -> None:
    text = "Name;Phone\nIvan;+79161234567\n"
    source = open_csv(write(tmp_path, "le.csv", text.encode("utf-16-le")))
    assert (source.encoding, source.delimiter) == ("utf-16-le", ";")
    assert next(source.rows()).values == {"Name": "Ivan", "Phone": "+79161234567"}


def test_non_ascii_only_after_the_first_sample_is_still_detected(tmp_path: Path) -> None:
    padding = "".join(f"Patient {i};+7900{i:07d};Russia\n" for i in range(4000))  # > 64 KB of ASCII
    data = ("Name;Phone;Country\n" + padding + "Анна;+79035551234;Россия\n").encode("cp1251")
    source = open_csv(write(tmp_path, "late.csv", data))
    assert (source.encoding, source.encoding_confident) == ("cp1251", True)
    assert list(source.rows())[-1].values["Name"] == "Анна"


def test_non_ascii_cut_at_the_end_of_the_first_sample_is_not_taken_for_utf8(tmp_path: Path) -> None:
    header = b"Name;Country\n"
    filler = b"x" * (64 * 1024 - len(header) - len(b"A;") - 1)  # the first Cyrillic byte is the sample's last
    data = header + b"A;" + filler + "Россия\n".encode("cp1251") + "Анна;Казахстан\n".encode("cp1251") * 10
    source = open_csv(write(tmp_path, "edge.csv", data))
    assert (source.encoding, source.encoding_confident) == ("cp1251", True)


def test_invalid_bytes_deep_in_a_utf8_file_are_flagged_not_lost(tmp_path: Path) -> None:
    head = "Name,Country\nЗаголовок,Россия\n".encode()
    padding = b"".join(b"Patient %d,Russia\n" % i for i in range(12000))  # the probe stops before the end
    data = head + padding + "Анна,Россия\n".encode("cp1251") + b"Last,Row\n"
    read = rows(write(tmp_path, "mixed.csv", data))
    assert len(read) == 12003
    broken = read[-2]
    assert broken.problem is not None and "not valid utf-8" in broken.problem
    assert "\ufffd" in broken.values["Name"]
    assert read[-1].problem is None and read[-1].values["Name"] == "Last"


def test_explicit_encoding_overrides_detection(tmp_path: Path) -> None:
    path = write(tmp_path, "ru.csv", RUSSIAN.encode("cp1251"))
    forced = open_csv(path, encoding="cp1252")
    assert (forced.encoding, forced.encoding_confident) == ("cp1252", True)
    assert forced.headers[0] == "ÔÈÎ"


def test_unknown_or_non_text_encoding_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", b"Name,Phone\nA,1\n")
    for encoding in ("klingon-8", "hex", "rot13"):
        with pytest.raises(CsvFormatError, match=f"'{encoding}' is not a text encoding"):
            open_csv(path, encoding=encoding)


# --- delimiters and line endings ----------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    text = delimiter.join(["Name", "Diagnosis", "Phone"]) + "\n"
    text += delimiter.join(["Ivan", '"B-ALL, relapsed; 2 lines"', "+79161234567"]) + "\n"
    text += delimiter.join(["Anna", "DLBCL", "8 903 555 12 34"]) + "\n"
    source = open_csv(write(tmp_path, "d.csv", text.encode()))
    assert source.delimiter == delimiter
    assert list(source.rows())[0].values["Diagnosis"] == "B-ALL, relapsed; 2 lines"


def test_semicolon_file_with_commas_in_cells(tmp_path: Path) -> None:
    text = "Name;Message\nIvan;Hello, world, again\nAnna;Yes, please, call\n"
    assert open_csv(write(tmp_path, "s.csv", text.encode())).delimiter == ";"


@pytest.mark.parametrize(("given", "used"), [("tab", "\t"), ("\\t", "\t"), (";", ";"), ("semicolon", ";")])
def test_explicit_delimiter(tmp_path: Path, given: str, used: str) -> None:
    path = write(tmp_path, "t.csv", b"Name\tPhone;x\nA\t1;y\n")
    assert open_csv(path, delimiter=given).delimiter == used


@pytest.mark.parametrize("bad", ["", ";;", '"', "a", "\n"])
def test_bad_explicit_delimiter(tmp_path: Path, bad: str) -> None:
    with pytest.raises(CsvFormatError, match="cannot separate the columns of 't.csv'"):
        open_csv(write(tmp_path, "t.csv", b"Name,Phone\nA,1\n"), delimiter=bad)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_and_quoted_multiline_cells(tmp_path: Path, newline: str) -> None:
    lines = [
        "Name,Message,Phone",
        'Ivan,"First line',
        'second line with ""quotes"", and a comma',
        'third line",+79161234567',
        'Anna,"Short",+79035551234',
    ]
    source = open_csv(write(tmp_path, "multi.csv", (newline.join(lines) + newline).encode()))
    read = list(source.rows())
    assert [(row.number, row.line) for row in read] == [(1, 2), (2, 5)]
    expected = f'First line{newline}second line with "quotes", and a comma{newline}third line'
    assert read[0].values["Message"] == expected
    assert read[1].values == {"Name": "Anna", "Message": "Short", "Phone": "+79035551234"}


def test_no_newline_at_end_of_file(tmp_path: Path) -> None:
    read = rows(write(tmp_path, "n.csv", b"Name,Phone\nIvan,1"))
    assert read == [CsvRow(number=1, line=2, values={"Name": "Ivan", "Phone": "1"})]


# --- shape of rows ------------------------------------------------------------------------------


def test_missing_cells_are_empty_and_extra_cells_are_kept(tmp_path: Path) -> None:
    text = "Name,Phone,Country\nIvan\nAnna,+7903,Russia,extra one,,extra two\nOleg,1,UA,,\n"
    read = rows(write(tmp_path, "ragged.csv", text.encode()))
    assert read[0].values == {"Name": "Ivan", "Phone": "", "Country": ""}
    assert read[1].values[EXTRA_CELLS] == "extra one,,extra two"
    assert EXTRA_CELLS not in read[2].values  # trailing empty cells are not data


def test_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    text = "\n\nName,Phone\n\nIvan,1\n,\n\nAnna,2\n\n"
    read = rows(write(tmp_path, "blank.csv", text.encode()))
    assert [(row.number, row.line, row.values["Name"]) for row in read] == [(2, 5, "Ivan"), (5, 8, "Anna")]


def test_duplicate_and_blank_headers_are_named(tmp_path: Path) -> None:
    text = " Name ,Phone,,Phone,Phone (2),  \nIvan,1,x,2,3,y\n"
    source = open_csv(write(tmp_path, "h.csv", text.encode()))
    assert source.headers == ("Name", "Phone", "Column 3", "Phone (3)", "Phone (2)", "Column 6")
    assert next(source.rows()).values["Phone (3)"] == "2"


def test_rows_can_be_read_again(tmp_path: Path) -> None:
    source = open_csv(write(tmp_path, "again.csv", b"Name\nA\nB\n"))
    assert list(source.rows()) == list(source.rows())
    assert len(list(source.rows())) == 2


def test_a_one_megabyte_cell(tmp_path: Path) -> None:
    big = "x" * (1024 * 1024) + "\n" + "y" * 1000
    text = f'Name,Message\nIvan,"{big}"\nAnna,short\n'
    read = rows(write(tmp_path, "big.csv", text.encode()))
    assert read[0].values["Message"] == big
    assert (read[1].line, read[1].values["Name"]) == (4, "Anna")


def test_a_cell_beyond_the_limit_is_reported_and_reading_stops(tmp_path: Path) -> None:
    runaway = "x" * (FIELD_LIMIT + 10)
    text = f'Name,Message\nIvan,ok\nAnna,"{runaway}\nOleg,more\n'
    read = rows(write(tmp_path, "runaway.csv", text.encode()))
    assert read[0].values["Name"] == "Ivan" and read[0].problem is None
    assert len(read) == 2
    assert read[1].number == 2 and read[1].line == 3
    assert read[1].problem is not None and "quote is probably missing" in read[1].problem


def test_truncated_last_row_is_flagged_with_what_was_read(tmp_path: Path) -> None:
    text = 'Name,Message,Phone\nIvan,"fine",1\nAnna,"cut off in the mid'
    read = rows(write(tmp_path, "cut.csv", text.encode()))
    assert [row.problem for row in read][0] is None
    last = read[-1]
    assert (last.number, last.line) == (2, 3)
    assert last.values == {"Name": "Anna", "Message": "cut off in the mid", "Phone": ""}
    assert last.problem is not None and "cut off" in last.problem


def test_truncated_row_spanning_lines_keeps_its_text(tmp_path: Path) -> None:
    text = 'Name,Message\nIvan,ok\nAnna,"line one\nline two\n'
    last = rows(write(tmp_path, "cut2.csv", text.encode()))[-1]
    assert last.values["Message"] == "line one\nline two"
    assert last.problem is not None


def test_stray_quote_inside_a_cell_is_not_truncation(tmp_path: Path) -> None:
    read = rows(write(tmp_path, "q.csv", b'Name,Note\nSean O"Brien,5" tall\nAnna,x\n'))
    assert [row.problem for row in read] == [None, None]
    assert read[0].values["Name"] == 'Sean O"Brien'


# --- exports from known tools -------------------------------------------------------------------


def test_hubspot_export(tmp_path: Path) -> None:
    text = (
        '"Record ID","First Name","Last Name","Email","Phone Number","Mobile Phone Number","Country/Region",'
        '"Create Date","Contact owner","Lead Status"\n'
        '"1001","Fatima","Al-Mansoori","fatima.m@example.ae","+971 50 123 4567","","United Arab Emirates",'
        '"2026-10-03 15:22","Olga Coordinator","NEW"\n'
    )
    source = open_csv(write(tmp_path, "hubspot-crm-exports-all-contacts-2026-11-25.csv", text.encode()))
    assert source.delimiter == ","
    assert source.headers[1:3] == ("First Name", "Last Name")
    assert next(source.rows()).values["Country/Region"] == "United Arab Emirates"


def test_google_forms_export(tmp_path: Path) -> None:
    text = (
        '"Timestamp","Email Address","Full name","Phone number (with country code)","Country","Your message"\n'
        '"2026/10/02 9:14:00 AM GMT+3","ivan@mail.ru","Ivan Petrov","+7 916 123 45 67","Russia","Hello,\nis CAR-T possible?"\n'
    )
    row = next(open_csv(write(tmp_path, "Inquiry form (Responses).csv", text.encode())).rows())
    assert row.values["Timestamp"] == "2026/10/02 9:14:00 AM GMT+3"
    assert row.values["Your message"] == "Hello,\nis CAR-T possible?"


# --- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8, b"  \r\n\n ", "\n \n".encode("utf-16")])
def test_empty_file_is_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(CsvFormatError, match="'empty.csv' is empty"):
        open_csv(write(tmp_path, "empty.csv", data))


def test_only_empty_cells_means_no_header(tmp_path: Path) -> None:
    with pytest.raises(CsvFormatError, match="'commas.csv' has no header row"):
        open_csv(write(tmp_path, "commas.csv", b",,,\r\n,,,\r\n\r\n"))


@pytest.mark.parametrize(
    "first_line", ["Ivan Petrov,ivan@mail.ru,+7 916 123 45 67", "2026-10-02 09:14,Ivan", "Anna;+79161234567"]
)
def test_file_whose_first_line_is_data_is_refused(tmp_path: Path, first_line: str) -> None:
    path = write(tmp_path, "noheader.csv", f"{first_line}\nOleg,oleg@mail.ru,+7 903 555 12 34\n".encode())
    with pytest.raises(CsvFormatError, match="'noheader.csv' has no header row: its first line holds data"):
        open_csv(path)


def test_binary_garbage_renamed_csv(tmp_path: Path) -> None:
    garbage = bytes(range(256)) * 64 + os.urandom(4096)
    with pytest.raises(CsvFormatError, match="'photo.csv' is not a text file"):
        open_csv(write(tmp_path, "photo.csv", garbage))


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    data = bytes(b for b in range(1, 32) if b not in (9, 10, 13)) * 20
    with pytest.raises(CsvFormatError, match="is not a text file"):
        open_csv(write(tmp_path, "ctl.csv", data))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100, "Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Excel 97"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    ],
)
def test_known_binary_formats_are_named(tmp_path: Path, data: bytes, kind: str) -> None:
    with pytest.raises(CsvFormatError, match=f"'leads.csv' is .*{kind}.*save it as CSV"):
        open_csv(write(tmp_path, "leads.csv", data))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(CsvFormatError, match="'nowhere.csv' was not found"):
        open_csv(tmp_path / "nowhere.csv")
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(CsvFormatError, match="'folder.csv' is a folder"):
        open_csv(tmp_path / "folder.csv")


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="permissions are not enforced here")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.csv", b"Name\nA\n")
    path.chmod(0)
    with pytest.raises(CsvFormatError, match="'locked.csv' cannot be read"):
        open_csv(path)


def test_csv_format_error_is_a_user_error_and_a_value_error(tmp_path: Path) -> None:
    from app.domain.errors import UserError

    with pytest.raises(CsvFormatError) as caught:
        open_csv(tmp_path / "nowhere.csv")
    assert isinstance(caught.value, UserError) and isinstance(caught.value, ValueError)
    assert caught.value.path == tmp_path / "nowhere.csv"
    assert "\n" not in str(caught.value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2048))
def test_random_bytes_either_read_or_raise_csv_format_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "random.csv", data)
    try:
        source = open_csv(path)
        read = list(source.rows())
    except CsvFormatError as error:
        assert "random.csv" in str(error)
    else:
        assert all(row.number >= 1 for row in read)
        assert all(set(source.headers) <= set(row.values) for row in read)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=st.lists(
        st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12), min_size=3, max_size=3),
        min_size=1,
        max_size=6,
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_written_csv_reads_back(tmp_path: Path, table: list[list[str]], delimiter: str) -> None:
    import csv

    path = tmp_path / "roundtrip.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter, quoting=csv.QUOTE_ALL)
        writer.writerow(["Name", "Phone", "Note"])
        writer.writerows(table)
    source = open_csv(path, delimiter=delimiter)
    expected = [row for row in table if any(cell.strip() for cell in row)]
    assert [list(row.values.values()) for row in source.rows()] == expected


# --- streaming ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_streaming_a_50_mb_file_uses_little_memory(tmp_path: Path) -> None:
    path = tmp_path / "large.csv"
    line = "Ivan Petrov,ivan.petrov@mail.ru,+7 (916) 123-45-67,Russia,Russian,B-ALL,\"Long message, with a comma and some text to make the row longer than usual\"\n"
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write("Name,Email,Phone,Country,Language,Diagnosis,Message\n")
        block = line * 1000
        while stream.tell() < 50 * 1024 * 1024:
            stream.write(block)
    source = open_csv(path)
    tracemalloc.start()
    try:
        count = sum(1 for _ in source.rows())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count > 300_000
    assert peak < 20 * 1024 * 1024
