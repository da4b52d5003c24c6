"""Any length of any field renders: the personal-data export (right of access) and the packet
never give up with ReportLab's LayoutError, and every character of the long text is in the PDF."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from app.domain.lead_records import LeadInput
from app.domain.leads import InteractionInput, create_lead, log_interaction
from app.domain.profiles import ProfileInput, set_profile
from app.packets.lead_packets import write_for_lead
from app.safety.personal_export import export_personal_data

#: A call note of about 2,500 words, several pages tall in its table cell.
LONG_NOTE = " ".join(f"note{i:04d}" for i in range(2500))
#: One 3,000-character token without a space (pasted base64, a URL): it must be cut, not dropped.
LONG_TOKEN = "".join(chr(ord("a") + (i * 7) % 26) for i in range(3000))
#: A diagnosis pasted from a discharge letter: taller than a page in the packet's summary table.
LONG_DIAGNOSIS = " ".join(f"finding{i:04d} lymphoma relapse" for i in range(700))


def _squeezed(text: str) -> str:
    """The text with every break point the layout may insert (spaces, line breaks) taken out."""
    return re.sub(r"\s+", "", text)


def _long_text_in(path, text: str) -> bool:
    """Whether `text` is in the PDF whole and in order, across line and page breaks: the lines
    that belong to it are joined (page furniture between them, such as running headers, footers
    and a table's repeated header row, left out) and it must be found in them."""
    wanted = _squeezed(text)
    lines = [_squeezed(line) for page in PdfReader(path).pages for line in page.extract_text().splitlines()]
    return wanted in "".join(line for line in lines if line and line in wanted)


def _pages(path) -> int:
    return len(PdfReader(path).pages)


CASES = {
    "a 2,500-word call note": {"notes": LONG_NOTE},
    "a 3,000-character token": {"notes": LONG_TOKEN},
    "a long diagnosis": {"diagnosis": LONG_DIAGNOSIS},
    "a 3,000-character diagnosis token": {"diagnosis": LONG_TOKEN},
}


@pytest.mark.parametrize("case", list(CASES))
def test_personal_export_renders_any_length_in_full(sqlite_db, clock, tmp_path, case):
    fields = CASES[case]
    lead = create_lead(sqlite_db, LeadInput(full_name="Long Field", email="long@example.org",
                                            diagnosis=fields.get("diagnosis")), clock=clock)
    if "notes" in fields:
        log_interaction(sqlite_db, lead.lead_id, InteractionInput(kind="call", outcome="reached", notes=fields["notes"]),
                        clock=clock)
    export = export_personal_data(sqlite_db, lead.reference, tmp_path / "out.json", clock=clock)
    long_text = fields.get("notes") or fields["diagnosis"]
    assert _long_text_in(export.pdf_path, long_text)
    if long_text is LONG_NOTE:
        assert _pages(export.pdf_path) > 2  # the note continued across pages


@pytest.mark.parametrize("case", ["a long diagnosis", "a 3,000-character diagnosis token"])
def test_packet_renders_a_diagnosis_of_any_length_in_full(sqlite_db, clock, tmp_path, case):
    set_profile(sqlite_db, ProfileInput(name="Anna Lee", email="anna.lee@medtourdesk.example"))
    diagnosis = CASES[case]["diagnosis"]
    lead = create_lead(sqlite_db, LeadInput(full_name="Long Field", email="long@example.org", diagnosis=diagnosis,
                                            language="en"), clock=clock)
    made = write_for_lead(sqlite_db, lead.reference, tmp_path / "packet.pdf", record=False, clock=clock)
    assert _long_text_in(made.path, diagnosis)


@pytest.mark.parametrize("case", ["a long diagnosis", "a 3,000-character diagnosis token"])
def test_the_review_bundles_case_summary_renders_a_diagnosis_of_any_length_in_full(tmp_path, case):
    from datetime import date

    from app.packets.case_summary import CaseSummary, render_case_summary

    diagnosis = CASES[case]["diagnosis"]
    summary = CaseSummary(reference="L-2026-00001", hospital="Eastbank", hospital_country="China", deidentified=True,
                          made_on=date(2026, 11, 25), patient=(("Initials", "L. F."),), diagnosis=diagnosis,
                          category=None, treatment_history=LONG_NOTE, clinical_flags=(), records=(),
                          coordinator=(("Coordinator", "Anna Lee"),))
    path = tmp_path / "summary.pdf"
    path.write_bytes(render_case_summary(summary))
    assert _long_text_in(path, diagnosis)
