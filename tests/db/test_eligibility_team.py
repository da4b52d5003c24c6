"""A case's clinical flags in team mode: the server lets a coordinator record them on their own
lead only, a viewer reads the offers that fit but writes nothing, and the verdicts are the same."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from app.domain.eligibility import FITS, RULED_OUT, offers_for_lead, set_clinical_flag
from app.domain.leads import get_lead, update_lead
from tests.db.test_team_permissions import team  # noqa: F401 - the team fixture

pytestmark = pytest.mark.postgres


def _flags(team, which: str):  # noqa: F811
    with team.owner.read() as s:
        return s.execute(text("SELECT clinical_flags FROM cases WHERE lead_id = :i"),
                         {"i": team.lead_id(which)}).scalar_one_or_none()


def test_a_coordinator_records_flags_on_their_own_case_only(team):  # noqa: F811
    for which in ("omar", "lina"):
        version = get_lead(team.owner, team.leads[which]).version
        update_lead(team.owner, team.leads[which], version, {"diagnosis": "DLBCL, relapsed",
                                                             "diagnosis_category": "lymphoma"})
    omar = team.app("omar")
    fits = {f.offer.key: f.verdict for f in offers_for_lead(omar, team.leads["omar"])}
    assert fits["eastbank_lymphoma"] == FITS
    assert set_clinical_flag(omar, team.leads["omar"], "active_infection", True) == ["active_infection"]
    assert _flags(team, "omar") == ["active_infection"]
    assert {f.offer.key: f.verdict for f in offers_for_lead(omar, team.leads["omar"])}["eastbank_lymphoma"] == RULED_OUT
    with team.owner.read() as s:
        author = s.execute(text("SELECT coordinator_id FROM interactions WHERE lead_id = :i AND kind = 'case'"),
                           {"i": team.lead_id("omar")}).scalar_one()
    assert author == team.ids["omar"]

    with pytest.raises(Exception):  # noqa: B017 - the server's refusal, whatever its words
        set_clinical_flag(omar, team.leads["lina"], "active_infection", True)
    assert _flags(team, "lina") is None
    # lina's lead is visible to the team, so omar reads its verdicts
    assert {f.offer.key: f.verdict for f in offers_for_lead(omar, team.leads["lina"])}["eastbank_lymphoma"] == FITS


def test_a_viewer_reads_the_verdicts_but_cannot_set_a_flag(team):  # noqa: F811
    vera = team.app("vera")
    assert len(offers_for_lead(vera, team.leads["omar"])) == 4
    with pytest.raises(Exception):  # noqa: B017
        set_clinical_flag(vera, team.leads["omar"], "active_infection", True)
    assert _flags(team, "omar") is None
