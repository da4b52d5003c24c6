"""The packet's travellers come from the case (app.domain.case_people.travellers), with its note."""
from __future__ import annotations

import io

from pypdf import PdfReader

from app.domain.case_people import PersonInput, add_person, update_person
from app.domain.catalogue import current_catalogue
from app.domain.leads import get_lead
from app.packets.content import cached_content
from app.packets.lead_packets import signed_packet_lead
from app.packets.packet_input import choose_offer
from app.packets.packet_renderer import PacketRenderer
from tests.domain.case_family_data import NOW, choose_quote, make_lead, make_signer


def _packet_lead(db, ref):
    content = cached_content()
    return signed_packet_lead(db, get_lead(db, ref, with_history=False), content)


def test_the_packet_counts_the_cases_travellers_and_says_why(db):
    make_signer(db)
    current_catalogue(db)
    ref = make_lead(db, companions=2)
    before = _packet_lead(db, ref)
    assert before.companions == 2 and "lead's companions number" in (before.travellers_note or "")

    person = add_person(db, ref, PersonInput(name="Daughter", relation="daughter")).person  # does not travel
    assert (_packet_lead(db, ref).companions, _packet_lead(db, ref).travellers_note) == (0, None)

    choose_quote(db, ref, "riverside_b_all")  # the hospital requires a companion
    required = _packet_lead(db, ref)
    assert required.companions == 1
    assert required.travellers_note == "one companion counted: the hospital requires one; none is recorded yet"
    content = cached_content()
    offer = choose_offer(required, content, current_catalogue(db))
    assert offer is not None and offer.key == "riverside_b_all"
    renderer = PacketRenderer(required, content, lang="en", offer=offer, today=NOW.date())
    assert renderer.estimate.travellers == 2  # the estimate's per-traveller lines count two
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(renderer.render())).pages)
    assert "No companion is recorded yet, so this estimate already counts one." in text

    update_person(db, ref, person.id, PersonInput(name="Daughter", relation="daughter", travels=True))
    going = _packet_lead(db, ref)
    assert (going.companions, going.travellers_note, going.companion_assumed) == (1, None, False)
