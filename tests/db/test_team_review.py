"""Consent, review bundles, answers and quotes on a team database, signed in as each person: a
coordinator makes them for their own patient (the read log's who and login are the server's), not
for a colleague's; a viewer cannot make a bundle (the documents' bytes are not theirs to read)."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.domain.errors import NotFoundError
from app.domain.medical_review import record_answer
from app.domain.quotes import add_quote, choose_quote, compare_quotes
from app.domain.sharing_consent import record_consent
from app.packets.review_bundle import write_review_bundle
from db.case_models import DocumentRead, MedicalReview, SharingConsent
from db.errors import Condition, classify
from tests.db.test_team_permissions import team  # noqa: F401 - the fixture
from tests.domain.case_review_data import HOSPITAL, make_case

pytestmark = pytest.mark.postgres


def test_a_coordinator_shares_bundles_and_quotes_only_for_their_own_patient(team, tmp_path):  # noqa: F811
    now = datetime.now(UTC)
    mine = make_case(team.owner, clock_now=now, coordinator_id=team.ids["omar"])
    theirs = make_case(team.owner, clock_now=now, coordinator_id=team.ids["lina"], name="Анна Кузнецова",
                       phone="+79161239999", email="anna.k@example.org")
    omar = team.app("omar")

    record_consent(omar, mine.reference, HOSPITAL, method="signed form")
    made = write_review_bundle(omar, mine.reference, HOSPITAL, tmp_path / "mine.zip", deidentified=True)
    record_answer(omar, mine.reference, HOSPITAL, verdict="eligible", offer="eastbank_lymphoma")
    quote = add_quote(omar, mine.reference, HOSPITAL, currency="CNY", items=["manufacturing=255000"],
                      valid_until=date(2099, 1, 1))
    assert choose_quote(omar, mine.reference, quote.id).chosen
    assert compare_quotes(omar, mine.reference).currency == "RUB"
    with team.owner.read() as s:
        reads = s.scalars(select(DocumentRead).where(DocumentRead.lead_id == mine.lead_id)).all()
        assert reads and {(r.purpose, r.login, r.coordinator_id) for r in reads} == {
            ("bundled", team.login("omar"), team.ids["omar"])}
        review = s.scalars(select(MedicalReview).where(MedicalReview.lead_id == mine.lead_id)).one()
        assert (review.bundle_sha256, review.verdict) == (made.sha256, "eligible")
        consent = s.scalars(select(SharingConsent).where(SharingConsent.lead_id == mine.lead_id)).one()
        assert consent.recorded_by == team.ids["omar"]

    # Under "team" Omar sees Lina's patient but may not write on her case.
    with pytest.raises(Exception) as caught:
        record_consent(omar, theirs.reference, HOSPITAL, method="signed form")
    assert classify(caught.value) in (Condition.LEAD_ELSEWHERE, Condition.PERMISSION_DENIED)
    with pytest.raises(Exception):  # noqa: B017 - the server's refusal, whichever words
        add_quote(omar, theirs.reference, HOSPITAL, currency="CNY", items=["manufacturing=1"])
    team.set_visibility("own")
    with pytest.raises(NotFoundError):
        write_review_bundle(omar, theirs.reference, HOSPITAL, tmp_path / "theirs.zip")
    with team.owner.read() as s:
        assert s.scalars(select(SharingConsent).where(SharingConsent.lead_id == theirs.lead_id)).all() == []

    # A viewer reads the case but not the documents' bytes: no bundle.
    record_consent(team.owner, theirs.reference, HOSPITAL, method="signed form")
    vera = team.app("vera")
    with pytest.raises(Exception):  # noqa: B017
        write_review_bundle(vera, theirs.reference, HOSPITAL, tmp_path / "viewer.zip")
    assert not (tmp_path / "viewer.zip").exists()
