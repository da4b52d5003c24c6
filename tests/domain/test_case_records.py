"""A case's medical records on SQLite and PostgreSQL: the checklist and where it comes from, its
moves on the timeline, files stored in the database (checked by their bytes), and the read log."""
from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.domain.case_file import case_lead
from app.domain.case_records import (
    CORE_RECORDS,
    accept_record,
    add_record_item,
    attach_file,
    attach_link,
    document_reads_for,
    export_document,
    mark_received,
    read_document,
    record_checklist,
    request_records,
    required_records_received,
    send_back,
)
from app.domain.document_checks import MAX_FILE_BYTES, MAX_FILE_MB
from app.domain.errors import NotFoundError, ValidationError
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead
from db.case_models import CaseDocument, DocumentContent, DocumentRead, MedicalReview, Quote, RecordItem
from db.models import Interaction

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _lead(db, clock, program=None, name="Ivan Petrov", phone="+79161234567"):
    return create_lead(db, LeadInput(full_name=name, phones=[(phone, "mobile")], program=program, language="ru"),
                       clock=clock).reference


def _file(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _events(db, reference):
    with db.read() as s:
        lead = case_lead(s, reference)
        return [(i.details.get("event"), i.notes) for i in s.scalars(select(Interaction).where(
            Interaction.lead_id == lead.id, Interaction.kind == "case").order_by(Interaction.id))]


# ---------------------------------------------------------------- the checklist


def test_the_checklist_comes_from_the_chosen_quote_else_reviews_else_the_program_else_the_core(db, clock):
    core = _lead(db, clock)
    checklist = record_checklist(db, core)
    assert [i.key for i in checklist.items] == list(CORE_RECORDS) and "core" in checklist.basis
    assert {i.state for i in checklist.items} == {"missing"}  # no rows yet: every item is missing

    ref = _lead(db, clock, program="bcma_car_t_myeloma", name="Anna Smirnova", phone="+79161234568")
    checklist = record_checklist(db, ref)
    assert [i.key for i in checklist.items] == ["pathology_report", "pet_ct", "bone_marrow_biopsy", "flow_cytometry",
                                                "blood_tests", "treatment_history", "passport_copy"]
    assert "bcma_car_t_myeloma" in checklist.basis

    with db.write() as s:
        lead = case_lead(s, ref)
        s.add(MedicalReview(lead_id=lead.id, hospital_key="shanghai_eastbank", offer_key="eastbank_lymphoma", created_at=clock()))
    checklist = record_checklist(db, ref)
    assert [i.key for i in checklist.items] == ["pathology_report", "pet_ct", "flow_cytometry", "blood_tests",
                                                "treatment_history", "passport_copy"]
    assert "shanghai_eastbank" in checklist.basis

    with db.write() as s:
        lead = case_lead(s, ref)
        s.add(Quote(lead_id=lead.id, hospital_key="shanghai_eastbank", offer_key="eastbank_mcl_trial", currency="CNY",
                    items=[], created_at=clock(), chosen_at=clock()))
    checklist = record_checklist(db, ref)
    assert "brain_mri" in [i.key for i in checklist.items] and "eastbank_mcl_trial" in checklist.basis


def test_items_added_by_hand_and_records_no_longer_asked_for(db, clock, tmp_path):
    ref = _lead(db, clock, program="bcma_car_t_myeloma")
    attach_file(db, ref, "bone_marrow_biopsy", _file(tmp_path, "bm.pdf", PDF), clock=clock)
    extra = add_record_item(db, ref, "  Echocardiogram   report ")
    assert (extra.key, extra.label, extra.state) == ("extra_1", "Echocardiogram report", "missing")
    assert add_record_item(db, ref, "Dental check").key == "extra_2"
    with pytest.raises(ValidationError, match="already lists 'Echocardiogram report'"):
        add_record_item(db, ref, "echocardiogram REPORT")
    with db.write() as s:  # the patient is now reviewed for lymphoma: no bone-marrow biopsy asked for
        s.add(MedicalReview(lead_id=case_lead(s, ref).id, hospital_key="shanghai_eastbank", offer_key="eastbank_lymphoma",
                            created_at=clock()))
    checklist = record_checklist(db, ref)
    keys = [(i.key, i.required) for i in checklist.items]
    assert keys[-3:] == [("extra_1", True), ("extra_2", True), ("bone_marrow_biopsy", False)]
    assert checklist.item("ECHOCARDIOGRAM report").key == "extra_1"  # by its label, any case
    with pytest.raises(ValidationError, match=r"has no record item 'x-ray'.*pathology_report"):
        checklist.item("x-ray")
    assert _events(db, ref)[-1] == ("record_added", "Record added to the checklist: Dental check")


def test_request_receive_accept_and_send_back_each_on_the_timeline(db, clock, tmp_path):
    ref = _lead(db, clock)
    requested = request_records(db, ref, ["Passport copy", "blood_tests"], via="WhatsApp", clock=clock)
    assert [(i.key, i.state, i.requested_via, i.requested_at) for i in requested] == [
        ("passport_copy", "requested", "whatsapp", clock()), ("blood_tests", "requested", "whatsapp", clock())]
    assert requested[0].changed_by == "Coordinator"
    with pytest.raises(ValidationError, match="'fax' is not a way to ask"):
        request_records(db, ref, via="fax", clock=clock)
    rest = request_records(db, ref, via="email", clock=clock)  # without items: every one still to come
    assert [i.key for i in rest] == list(CORE_RECORDS)

    with pytest.raises(ValidationError, match="has no file or link to accept"):
        accept_record(db, ref, "passport_copy", clock=clock)
    mark_received(db, ref, "treatment_history", note="paper copy by post", clock=clock)
    with pytest.raises(ValidationError, match="has no file or link to accept"):
        accept_record(db, ref, "treatment_history", clock=clock)
    attach_file(db, ref, "passport_copy", _file(tmp_path, "passport.png", PNG), clock=clock)
    with pytest.raises(ValidationError, match="already received, nothing to request: Passport copy"):
        request_records(db, ref, ["passport_copy"], clock=clock)
    assert accept_record(db, ref, "passport_copy", clock=clock).state == "accepted"
    with pytest.raises(ValidationError, match="already accepted"):
        accept_record(db, ref, "passport_copy", clock=clock)
    with pytest.raises(ValidationError, match="say why"):
        send_back(db, ref, "passport_copy", " ", clock=clock)
    back = send_back(db, ref, "passport_copy", "expired passport", clock=clock)
    assert (back.state, back.note, back.accepted_at, len(back.files)) == ("requested", "expired passport", None, 1)

    events = _events(db, ref)
    assert [e for e, _ in events] == ["records_requested", "records_requested", "record_received", "record_received",
                                      "record_accepted", "record_sent_back"]
    assert events[0][1] == "Records requested by WhatsApp: Passport copy; Blood counts and chemistry (last 2 weeks)"
    assert events[-1][1] == "Passport copy: sent back (expired passport)"


def test_records_received_gate_for_the_pipeline(db, clock, tmp_path):
    ref = _lead(db, clock)
    with db.read() as s:
        ok, missing = required_records_received(s, case_lead(s, ref))
    assert not ok and len(missing) == 4 and "Passport copy" in missing
    for key in CORE_RECORDS[:3]:
        attach_file(db, ref, key, _file(tmp_path, f"{key}.pdf", PDF + key.encode()), clock=clock)
    accept_record(db, ref, CORE_RECORDS[0], clock=clock)
    with db.read() as s:
        assert required_records_received(s, case_lead(s, ref)) == (False, ["Passport copy"])
    add_record_item(db, ref, "Echocardiogram")
    attach_link(db, ref, "passport_copy", "https://transfer.example/p/123", clock=clock)
    with db.read() as s:
        assert required_records_received(s, case_lead(s, ref)) == (False, ["Echocardiogram"])
    mark_received(db, ref, "Echocardiogram", clock=clock)
    with db.read() as s:
        assert required_records_received(s, case_lead(s, ref)) == (True, [])


# ---------------------------------------------------------------- files


def test_a_file_is_stored_with_its_checksum_size_and_the_type_its_bytes_say(db, clock, tmp_path):
    ref = _lead(db, clock)
    data = PDF + b"pathology " * 5000
    result = attach_file(db, ref, "Pathology report (with immunophenotype)", _file(tmp_path, "scan.JPG", data), clock=clock)
    doc = result.document
    assert not result.duplicate and result.item.state == "received" and result.item.received_at == clock()
    assert (doc.filename, doc.media_type, doc.size, doc.sha256, doc.kind) == (
        "scan.JPG", "application/pdf", len(data), hashlib.sha256(data).hexdigest(), "file")
    with db.read() as s:
        assert bytes(s.get(DocumentContent, doc.id).data) == data
    assert result.message == "Pathology report (with immunophenotype): received scan.JPG (49 KB)"


def test_the_same_file_twice_on_one_item_is_stored_once_and_the_user_is_told(db, clock, tmp_path):
    ref = _lead(db, clock)
    path = _file(tmp_path, "blood.pdf", PDF + b"blood")
    first = attach_file(db, ref, "blood_tests", path, clock=clock)
    again = attach_file(db, ref, "blood_tests", _file(tmp_path, "blood-copy.pdf", PDF + b"blood"), clock=clock)
    assert again.duplicate and again.document.id == first.document.id
    assert again.message.startswith("blood.pdf is already on Blood counts") and "not stored again" in again.message
    other_item = attach_file(db, ref, "treatment_history", path, clock=clock)  # another item: its own copy
    assert not other_item.duplicate
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(DocumentContent)) == 2


def test_an_accepted_file_is_kept_when_a_new_one_replaces_it(db, clock, tmp_path):
    ref = _lead(db, clock)
    attach_file(db, ref, "passport_copy", _file(tmp_path, "old.pdf", PDF + b"old"), clock=clock)
    accept_record(db, ref, "passport_copy", clock=clock)
    later = clock() + timedelta(days=3)
    result = attach_file(db, ref, "passport_copy", _file(tmp_path, "new.pdf", PDF + b"new"), clock=lambda: later)
    assert result.item.state == "received" and [f.filename for f in result.item.files] == ["old.pdf", "new.pdf"]
    assert "needs accepting again; the old one is kept" in result.message
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(DocumentContent)) == 2


def _zip(entries, *, encrypted=()):
    """A ZIP of `entries`; those named in `encrypted` carry the encryption flag (bit 0) in their
    local and central headers, as a tool that encrypts sets it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        infos = {i.filename: i.header_offset for i in archive.infolist()}
    data = bytearray(buffer.getvalue())
    for name in encrypted:
        data[infos[name] + 6] |= 0x1  # local header: general purpose flags at +6
        central = data.index(b"PK\x01\x02")
        while True:  # central directory entry: flags at +8, the name at +46
            length = int.from_bytes(data[central + 28:central + 30], "little")
            if bytes(data[central + 46:central + 46 + length]) == name.encode():
                data[central + 8] |= 0x1
                break
            central = data.index(b"PK\x01\x02", central + 4)
    return bytes(data)


@pytest.mark.parametrize(("name", "data", "words"), [
    ("empty.pdf", b"", "the file is empty"),
    ("report.pdf", b"MZ\x90\x00" + b"\x00" * 100, "a Windows program (PE/MZ)"),
    ("report.pdf", b"\x7fELF\x02\x01" + b"\x00" * 100, "a Linux program (ELF)"),
    ("scan.jpg", b"\xcf\xfa\xed\xfe" + b"\x00" * 100, "a macOS program (Mach-O)"),
    ("notes.txt", b"#!/bin/sh\nrm -rf ~\n", "a script (#!)"),
    ("results.bat", b"echo results", "files named *.bat are programs or scripts"),
    ("viewer.JS", b"alert(1)", "files named *.js are programs or scripts"),
    ("update.ps1", b"Write-Host", "*.ps1"),
    ("imaging.rar", b"Rar!\x1a\x07\x01\x00" + b"\x00" * 50, "a RAR archive: the desk cannot look inside it"),
    ("imaging.7z", b"7z\xbc\xaf\x27\x1c" + b"\x00" * 50, "a 7-Zip archive: the desk cannot look inside it"),
    ("imaging.zip", _zip({"a.pdf": PDF, "b.dcm": b"x" * 10}, encrypted={"b.dcm"}), "password-protected ('b.dcm' inside it)"),
    ("imaging.zip", _zip({"a.pdf": PDF, "viewer/setup.exe": b"whatever"}), "holds a program or script ('viewer/setup.exe"),
    ("imaging.zip", _zip({"a.pdf": PDF, "viewer/run.dat": b"MZ\x90\x00rest"}), "holds a Windows program (PE/MZ)"),
    ("imaging.zip", _zip({"inner.zip": _zip({"x.cmd": b"del"})}), "('x.cmd' inside it)"),
    ("imaging.zip", b"PK\x03\x04" + b"\x00" * 40, "cannot be opened (damaged or incomplete)"),
])
def test_bad_files_are_refused_in_words_and_nothing_is_stored(db, clock, tmp_path, name, data, words):
    ref = _lead(db, clock)
    with pytest.raises(ValidationError) as refused:
        attach_file(db, ref, "pathology_report", _file(tmp_path, name, data), clock=clock)
    assert str(refused.value).startswith(f"{name} was not added: ") and words in str(refused.value)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(CaseDocument)) == 0
        assert s.scalar(select(func.count()).select_from(RecordItem)) == 0


def test_a_file_over_the_limit_is_refused_before_it_is_read(db, clock, tmp_path):
    ref = _lead(db, clock)
    big = tmp_path / "pathology.zip"
    with big.open("wb") as handle:  # sparse: nothing is written, the size says it
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ValidationError, match=f"larger than {MAX_FILE_MB} MB; put large imaging on a share and attach a link"):
        attach_file(db, ref, "pathology_report", big, clock=clock)


def test_a_checked_zip_of_imaging_is_an_archive_and_big_imaging_is_a_link(db, clock, tmp_path):
    ref = _lead(db, clock, program="car_t_lymphoma")
    data = _zip({"study/IM0001.dcm": b"\x00" * 128 + b"DICM" + b"\x00" * 10, "study/report.pdf": PDF})
    result = attach_file(db, ref, "pet_ct", _file(tmp_path, "petct.zip", data), clock=clock)
    assert (result.document.kind, result.document.media_type) == ("archive", "application/zip")
    assert result.document.note == "a ZIP archive of 2 files, checked"
    link = attach_link(db, ref, "brain_mri", "https://pacs.hospital.example/share/AB12", note="MRI, 1.8 GB", clock=clock)
    assert (link.document.kind, link.document.link, link.document.sha256, link.item.state) == (
        "link", "https://pacs.hospital.example/share/AB12", None, "received")
    assert attach_link(db, ref, "brain_mri", "https://pacs.hospital.example/share/AB12", clock=clock).duplicate
    with pytest.raises(ValidationError, match="is not a web link"):
        attach_link(db, ref, "brain_mri", "file:///etc/passwd", clock=clock)
    assert accept_record(db, ref, "brain_mri", clock=clock).state == "accepted"  # a link is enough to accept


def test_a_stream_is_read_once_with_progress(db, clock):
    ref = _lead(db, clock)
    seen = []
    data = PDF + b"x" * (3 * 1024 * 1024)
    result = attach_file(db, ref, "blood_tests", io.BytesIO(data), filename="labs.pdf", clock=clock,
                         progress=lambda done, total: seen.append(done))
    assert result.document.size == len(data) and seen[-1] == len(data) and len(seen) == 4


# ---------------------------------------------------------------- the read log


def test_opening_and_exporting_write_the_read_log(db, clock, tmp_path):
    ref = _lead(db, clock)
    doc = attach_file(db, ref, "blood_tests", _file(tmp_path, "labs.pdf", PDF), clock=clock).document
    info, data = read_document(db, ref, doc.id, clock=clock)
    assert data == PDF and info.filename == "labs.pdf"
    out = tmp_path / "out" / "labs-export.pdf"
    assert export_document(db, ref, doc.id, out, clock=clock).read_bytes() == PDF
    with pytest.raises(ValidationError, match=r"already exists: choose another file name, or replace it \(--force\)"):
        export_document(db, ref, doc.id, out, clock=clock)
    export_document(db, ref, doc.id, out, force=True, clock=clock)
    if db.path is not None:
        with pytest.raises(ValidationError, match="is the database file"):
            export_document(db, ref, doc.id, db.path, force=True, clock=clock)
    reads = document_reads_for(db, ref)
    assert [(r.purpose, r.filename, r.item_key, r.coordinator) for r in reads] == [
        ("exported", "labs.pdf", "blood_tests", "Coordinator")] * 2 + [("opened", "labs.pdf", "blood_tests", "Coordinator")]
    other = _lead(db, clock, name="Someone Else", phone="+79161230099")
    with pytest.raises(NotFoundError, match=f"{other} has no document {doc.id}"):
        read_document(db, other, doc.id, clock=clock)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(DocumentRead)) == 3


def test_a_link_cannot_be_exported_as_a_file(db, clock, tmp_path):
    ref = _lead(db, clock)
    doc = attach_link(db, ref, "pathology_report", "https://transfer.example/x", clock=clock).document
    with pytest.raises(ValidationError, match=r"is a link, not a file: https://transfer\.example/x"):
        export_document(db, ref, doc.id, tmp_path / "x.pdf", clock=clock)
    _info, data = read_document(db, ref, doc.id, clock=clock)  # opening a link is logged too
    assert data is None and [r.purpose for r in document_reads_for(db, ref)] == ["opened"]


@pytest.mark.parametrize(("head", "media_type"), [
    (PDF, "application/pdf"), (PNG, "image/png"), (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
    (b"\x00" * 128 + b"DICM" + b"\x00" * 8, "application/dicom"), (b"II*\x00" + b"\x00" * 8, "image/tiff"),
    ("Выписка из истории болезни".encode(), "text/plain"), (b"\x00\x01\x02\x03", "application/octet-stream"),
])
def test_the_media_type_comes_from_the_bytes(head, media_type):
    from app.domain.document_checks import check_file

    assert check_file("named-wrongly.docx", head).media_type == media_type


def test_an_office_document_is_a_file_not_an_archive():
    from app.domain.document_checks import check_file

    docx = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    found = check_file("discharge.docx", docx)
    assert (found.kind, found.media_type) == ("file", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
