"""Consent to share, review bundles and the hospitals' answers, on SQLite and PostgreSQL: the consent
gate (GDPR Art. 49(1)(a)), what a bundle holds, the de-identified variant scanned byte by byte,
the checksum recorded, and an answer recorded against the bundle it answers."""
from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.domain.errors import ValidationError
from app.domain.medical_review import list_reviews, record_answer
from app.domain.sharing_consent import list_consents, record_consent, withdraw_consent
from app.packets.review_bundle import initials, write_review_bundle
from db.case_models import DocumentRead, MedicalReview
from db.models import Interaction
from tests.domain.case_review_data import EMAIL, HOSPITAL, LATIN, NAME, OTHER_HOSPITAL, PASSPORT, PHONE, make_case


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _pdf_metadata(data: bytes) -> str:
    meta = PdfReader(io.BytesIO(data)).metadata or {}
    return " ".join(str(v) for v in meta.values())


def _identifiers() -> list[str]:
    words = [w for w in re.split(r"\s+", f"{NAME} {LATIN}") if len(w) >= 4]
    return [NAME, LATIN, EMAIL, PHONE, PHONE.lstrip("+"), "916 123", PASSPORT, *words]


def test_a_bundle_is_refused_without_consent_made_with_it_and_refused_again_once_withdrawn(db, clock, tmp_path):
    case = make_case(db, clock_now=clock())
    target = tmp_path / "bundle.zip"
    with pytest.raises(ValidationError) as refused:
        write_review_bundle(db, case.reference, HOSPITAL, target, clock=clock)
    assert str(refused.value).startswith(
        f"{case.reference} has not consented to sharing records with Shanghai East Bank Cancer Centre (China): "
        "record the consent first")
    assert "49(1)(a)" in str(refused.value)
    assert not target.exists()

    record_consent(db, case.reference, HOSPITAL, method="signed form", clock=clock)
    with pytest.raises(ValidationError, match="Beijing Riverside"):  # a consent names one hospital only
        write_review_bundle(db, case.reference, OTHER_HOSPITAL, target, clock=clock)
    made = write_review_bundle(db, case.reference, HOSPITAL, target, clock=clock)
    assert made.path == target.resolve() and target.exists()

    clock.advance(hours=1)
    withdrawn = withdraw_consent(db, case.reference, HOSPITAL, clock=clock)
    assert [c.valid for c in withdrawn] == [False]
    with pytest.raises(ValidationError, match="has not consented"):
        write_review_bundle(db, case.reference, HOSPITAL, tmp_path / "again.zip", clock=clock)
    consents = list_consents(db, case.reference)
    assert [(c.hospital, c.country, c.method, c.valid) for c in consents] == [(HOSPITAL, "CN", "signed form", False)]
    with db.read() as s:
        events = [i.details["event"] for i in s.scalars(select(Interaction).where(
            Interaction.lead_id == case.lead_id, Interaction.kind == "case").order_by(Interaction.id))]
    assert events == ["sharing_consent_given", "bundle_made", "sharing_consent_withdrawn"]


def test_a_consent_for_the_hospital_in_another_country_does_not_count(db, clock, tmp_path):
    case = make_case(db, clock_now=clock())
    record_consent(db, case.reference, HOSPITAL, method="recorded call", clock=clock)
    with db.write() as s:  # as if the hospital's row had named the wrong country
        from db.case_models import SharingConsent

        s.scalars(select(SharingConsent)).one().country = "SG"
    with pytest.raises(ValidationError, match="has not consented"):
        write_review_bundle(db, case.reference, HOSPITAL, tmp_path / "b.zip", clock=clock)


def test_the_bundle_holds_the_summary_the_accepted_documents_and_a_manifest_and_is_recorded(db, clock, tmp_path):
    case = make_case(db, clock_now=clock())
    record_consent(db, case.reference, HOSPITAL, method="signed form", clock=clock)
    target = tmp_path / "named.zip"
    made = write_review_bundle(db, case.reference, HOSPITAL, target, clock=clock)
    raw = target.read_bytes()
    assert made.sha256 == hashlib.sha256(raw).hexdigest()
    archive = zipfile.ZipFile(io.BytesIO(raw))
    names = archive.namelist()
    assert names[0] == "case-summary.pdf" and names[-1] == "manifest.json"
    documents = sorted(n for n in names if n.startswith("documents/"))
    # accepted items only (blood tests were only received); the link is listed, not downloaded
    assert documents == ["documents/passport_copy-1-passport Ivan Smirnov.jpg",
                         "documents/pathology_report-1-Pathology Ivan Smirnov.pdf",
                         "documents/treatment_history-1-history.pdf"]
    manifest = json.loads(archive.read("manifest.json"))
    assert [f["name"] for f in manifest["files"]] == names[:-1]
    for entry in manifest["files"]:
        data = archive.read(entry["name"])
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["size"] == len(data)
    assert manifest["links"] == ["https://pacs.example/study/8842"]

    text = _pdf_text(archive.read("case-summary.pdf"))
    flat = re.sub(r"\s+", " ", text)
    for expected in (NAME, LATIN, "1975-03-14", "Russia", "Diffuse large B-cell lymphoma, relapsed", "Lymphoma",
                     "R-CHOP x6, then R-ICE x2", "Active uncontrolled infection", "Blood counts and chemistry",
                     "received", "https://pacs.example/study/8842", "Shanghai East Bank Cancer Centre"):
        assert expected in flat, expected
    with db.read() as s:
        review = s.scalars(select(MedicalReview).where(MedicalReview.lead_id == case.lead_id)).one()
        assert (review.hospital_key, review.bundle_sha256, review.deidentified) == (HOSPITAL, made.sha256, False)
        assert review.sent_at == clock()
        reads = s.scalars(select(DocumentRead).where(DocumentRead.lead_id == case.lead_id)).all()
        assert sorted(r.document_id for r in reads) == sorted(case.documents[k] for k in
                                                             ("pathology_report", "passport_copy", "treatment_history"))
        assert {r.purpose for r in reads} == {"bundled"}
        event = s.scalars(select(Interaction).where(Interaction.lead_id == case.lead_id, Interaction.kind == "case")
                          .order_by(Interaction.id.desc())).first()
        assert event.details["event"] == "bundle_made" and event.details["sha256"] == made.sha256
        assert made.sha256 in event.notes


def test_the_de_identified_bundle_names_nobody_anywhere(db, clock, tmp_path):
    case = make_case(db, clock_now=clock())
    record_consent(db, case.reference, HOSPITAL, method="WhatsApp message", clock=clock)
    target = tmp_path / "anonymous.zip"
    made = write_review_bundle(db, case.reference, HOSPITAL, target, deidentified=True, clock=clock)
    raw = target.read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(raw))
    pieces = [raw, *(name.encode() for name in archive.namelist()), *(archive.read(n) for n in archive.namelist())]
    summary = archive.read("case-summary.pdf")
    text, metadata = _pdf_text(summary), _pdf_metadata(summary)
    flat = re.sub(r"\s+", " ", text)
    for identifier in _identifiers():
        for form in {identifier, identifier.lower(), identifier.upper()}:
            for piece in pieces:
                assert form.encode("utf-8") not in piece, identifier
                assert form.encode("utf-16-le") not in piece, identifier
            assert form not in flat and form not in metadata, identifier
    assert "1975-03-14" not in flat  # the age, not the date of birth
    assert "I. S." in flat and "51 years" in flat and "Russia" in flat
    assert sorted(n for n in archive.namelist() if n.startswith("documents/")) == [
        "documents/pathology_report-1.pdf", "documents/treatment_history-1.pdf"]  # the passport copy is withheld
    assert "withheld from a de-identified bundle" in flat
    with db.read() as s:
        review = s.scalars(select(MedicalReview).where(MedicalReview.lead_id == case.lead_id)).one()
        assert review.deidentified is True and review.bundle_sha256 == hashlib.sha256(raw).hexdigest() == made.sha256


def test_a_document_naming_the_patient_is_refused_from_a_de_identified_bundle(db, clock, tmp_path):
    from db.case_models import DocumentContent

    case = make_case(db, clock_now=clock())
    record_consent(db, case.reference, HOSPITAL, method="signed form", clock=clock)
    with db.write() as s:
        s.get(DocumentContent, case.documents["pathology_report"]).data = b"%PDF-1.4 Patient: Ivan Smirnov %%EOF"
    target = tmp_path / "anonymous.zip"
    with pytest.raises(ValidationError, match=r"pathology_report-1\.pdf carries the patient's name"):
        write_review_bundle(db, case.reference, HOSPITAL, target, deidentified=True, clock=clock)
    assert not target.exists()
    with db.read() as s:
        assert s.scalars(select(MedicalReview)).all() == []  # nothing recorded either


def test_an_existing_file_or_the_database_is_never_overwritten_without_force(db, clock, tmp_path):
    case = make_case(db, clock_now=clock())
    record_consent(db, case.reference, HOSPITAL, method="signed form", clock=clock)
    target = tmp_path / "bundle.zip"
    target.write_bytes(b"keep me")
    with pytest.raises(ValidationError, match="already exists: choose another file name"):
        write_review_bundle(db, case.reference, HOSPITAL, target, clock=clock)
    assert target.read_bytes() == b"keep me"
    if db.is_sqlite:
        with pytest.raises(ValidationError, match="is the database file"):
            write_review_bundle(db, case.reference, HOSPITAL, db.path, force=True, clock=clock)
    made = write_review_bundle(db, case.reference, HOSPITAL, target, force=True, clock=clock)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == made.sha256


def test_an_answer_fills_the_review_the_bundle_opened_with_the_offer_s_defaults(db, clock, tmp_path):
    case = make_case(db, clock_now=clock())
    record_consent(db, case.reference, HOSPITAL, method="signed form", clock=clock)
    made = write_review_bundle(db, case.reference, HOSPITAL, tmp_path / "b.zip", clock=clock)
    clock.advance(days=3)
    answer = record_answer(db, case.reference, HOSPITAL, verdict="eligible", offer="eastbank_lymphoma",
                           doctor="chen yu", notes="Fit for CD19 CAR-T", clock=clock)
    assert answer.id == made.review_id and answer.bundle_sha256 == made.sha256
    assert (answer.verdict, answer.offer, answer.approval_status, answer.doctor) == (
        "eligible", "eastbank_lymphoma", "approved", "Dr Chen Yu")
    assert answer.product.startswith("CD19-directed CAR-T")
    trial = record_answer(db, case.reference, HOSPITAL, verdict="eligible", offer="eastbank_mcl_trial",
                          doctor="Dr Someone Else", clock=clock)
    assert (trial.approval_status, trial.registry_number, trial.doctor) == ("clinical_trial", "ChiCTR-SAMPLE-0001",
                                                                            "Dr Someone Else")
    assert trial.id != answer.id  # a second answer is a new row; the first stays on record
    more = record_answer(db, case.reference, OTHER_HOSPITAL, verdict="needs_more",
                         request_again=["pet_ct", "Bone-marrow biopsy report"], clock=clock)
    assert "Records asked for again: Recent PET-CT (last 8 weeks); Bone-marrow biopsy report" in more.notes
    from app.domain.case_records import record_checklist

    asked = {i.key: i for i in record_checklist(db, case.reference).items}
    assert asked["pet_ct"].state == "requested" and asked["bone_marrow_biopsy"].state == "requested"  # back on the list
    assert [r.verdict for r in list_reviews(db, case.reference)] == ["eligible", "eligible", "needs_more"]
    for bad, words in ((dict(verdict="maybe"), "verdict is one of"),
                       (dict(verdict="eligible", offer="riverside_b_all"), "is not Shanghai East Bank"),
                       (dict(verdict="eligible", approval="clinical_trial"), "registry number"),
                       (dict(verdict="eligible", request_again=["pet_ct"]), "only with the verdict needs_more")):
        with pytest.raises(ValidationError, match=words):
            record_answer(db, case.reference, HOSPITAL, clock=clock, **bad)


def test_initials():
    assert initials("Ivan Smirnov") == "I. S."
    assert initials("Anna-Maria  Lee") == "A.-M. L."
    assert initials("") == "—"
