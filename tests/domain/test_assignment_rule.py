"""The assignment rule itself (app.domain.assignment.choose): examples and properties."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.assignment import Candidate, choose
from app.domain.team_settings import TeamSettings

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TEAM = TeamSettings()

OMAR = Candidate(1, "Omar", languages=("ar", "en"), countries=("SA",))
MONA = Candidate(2, "Mona", languages=("en",), countries=("EG",))
IVAN = Candidate(3, "Ivan", languages=("ru",), countries=("KZ",))


def test_speaks_the_language_first():
    assert choose([OMAR, MONA, IVAN], "ar", "EG", TEAM) == (1, "speaks Arabic")
    assert choose([OMAR, MONA, IVAN], "AR-sa", None, TEAM).coordinator_id == 1


def test_then_the_country():
    assert choose([OMAR, MONA, IVAN], "fr", "EG", TEAM) == (2, "looks after Egypt")
    assert choose([OMAR, MONA, IVAN], None, "SA", TEAM) == (1, "looks after Saudi Arabia")


def test_then_anyone_in_turn():
    given_lately = [replace(OMAR, last_assigned_at=T0), MONA, replace(IVAN, last_assigned_at=T0 - timedelta(hours=1))]
    assert choose(given_lately, "fr", "FR", TEAM) == (2, "next in turn")  # never given one: first
    everyone = [replace(OMAR, last_assigned_at=T0), replace(MONA, last_assigned_at=T0 + timedelta(1)),
                replace(IVAN, last_assigned_at=T0 - timedelta(hours=1))]
    assert choose(everyone, "fr", "FR", TEAM).coordinator_id == 3


def test_ties_go_to_the_lowest_id_then_the_older_lead():
    assert choose([IVAN, MONA], None, None, TEAM).coordinator_id == 2
    same_moment = [replace(MONA, last_assigned_at=T0, last_lead_id=9), replace(IVAN, last_assigned_at=T0, last_lead_id=8)]
    assert choose(same_moment, None, None, TEAM).coordinator_id == 3


def test_the_cap_skips_and_then_pools():
    capped = TeamSettings(new_lead_cap=2)
    full_omar = replace(OMAR, open_new=2)
    assert choose([full_omar, MONA], "ar", None, capped) == (2, "next in turn")
    assert choose([full_omar, replace(MONA, open_new=5)], "ar", None, capped) == (
        None, "waiting in the pool: everyone is at the cap of 2 new leads")


def test_who_is_dealt_leads():
    manager = Candidate(4, "Lina", role="manager", languages=("ar",))
    viewer = Candidate(5, "Vera", role="viewer", languages=("ar",))
    admin = Candidate(6, "Adam", role="admin", languages=("ar",))
    gone = replace(OMAR, active=False)
    assert choose([manager, viewer, admin, gone, MONA], "ar", None, TEAM) == (2, "the only coordinator")
    assert choose([manager, viewer, admin, gone], "ar", None, TEAM) == (None, "waiting in the pool: no active coordinator")
    # A solo desk with only the placeholder (an admin) or one profile: they get every lead.
    placeholder = Candidate(1, "Coordinator", role="admin")
    assert choose([placeholder], "ar", "SA", TEAM, solo=True) == (1, "the only coordinator")
    assert choose([placeholder, viewer], None, None, TEAM, solo=True).coordinator_id == 1


def test_exclude_takes_the_current_one_out():
    assert choose([OMAR, MONA], "ar", None, TEAM, exclude=[1]).coordinator_id == 2
    assert choose([OMAR], "ar", None, TEAM, exclude=[1]).coordinator_id is None


# ------------------------------------------------------------------------- properties

LANGS = ["ar", "en", "ru", "zh", "fr"]
COUNTRIES = ["SA", "EG", "RU", "KZ", "CN", "FR"]

people = st.lists(
    st.builds(
        lambda i, role, active, langs, countries, open_new: Candidate(
            i, f"P{i}", role=role, active=active, languages=tuple(langs), countries=tuple(countries), open_new=open_new),
        st.integers(1, 10_000),
        st.sampled_from(["coordinator", "coordinator", "manager", "viewer", "admin"]),
        st.booleans(),
        st.lists(st.sampled_from(LANGS), max_size=3, unique=True),
        st.lists(st.sampled_from(COUNTRIES), max_size=3, unique=True),
        st.integers(0, 6),
    ),
    max_size=8, unique_by=lambda c: c.id,
)
caps = st.one_of(st.none(), st.integers(0, 6))
language = st.one_of(st.none(), st.sampled_from(LANGS))
country = st.one_of(st.none(), st.sampled_from(COUNTRIES))


@settings(max_examples=300, deadline=None)
@given(people, language, country, caps)
def test_the_chosen_one_is_an_active_coordinator_under_the_cap(candidates, lang, ctry, cap):
    team = TeamSettings(new_lead_cap=cap)
    choice = choose(candidates, lang, ctry, team)
    eligible = [c for c in candidates if c.active and c.role == "coordinator" and (cap is None or c.open_new < cap)]
    if choice.coordinator_id is None:
        assert not eligible and choice.reason.startswith("waiting in the pool")
        return
    (chosen,) = [c for c in candidates if c.id == choice.coordinator_id]
    assert chosen in eligible
    speakers = [c for c in eligible if lang in c.languages]
    if speakers:
        assert lang in chosen.languages
    elif [c for c in eligible if ctry in c.countries]:
        assert ctry in chosen.countries


@settings(max_examples=150, deadline=None)
@given(people, st.lists(st.tuples(language, country), min_size=1, max_size=60), caps)
def test_a_run_of_leads_each_gets_at_most_one_and_equals_share_fairly(candidates, leads, cap):
    """Dealing a sequence: each lead one coordinator or the pool; everyone equally preferred for
    every lead (same languages and countries) ends up within one lead of the others."""
    team = TeamSettings(new_lead_cap=cap)
    state = {c.id: c for c in candidates}
    dealt: list[int | None] = []
    for n, (lang, ctry) in enumerate(leads):
        choice = choose(list(state.values()), lang, ctry, team)
        dealt.append(choice.coordinator_id)
        if choice.coordinator_id is not None:
            c = state[choice.coordinator_id]
            assert c.active and c.role == "coordinator" and (cap is None or c.open_new < cap)
            state[c.id] = replace(c, open_new=c.open_new + 1, last_assigned_at=T0 + timedelta(seconds=n), last_lead_id=n)
    assert len(dealt) == len(leads)
    # Fairness among clones: coordinators alike in everything the rule reads, and no cap in play.
    if cap is None:
        clones = [Candidate(100 + i, f"C{i}") for i in range(4)]
        state = {c.id: c for c in clones}
        counts: Counter[int] = Counter()
        for n, (lang, ctry) in enumerate(leads):
            chosen = choose(list(state.values()), lang, ctry, team).coordinator_id
            assert chosen is not None
            counts[chosen] += 1
            state[chosen] = replace(state[chosen], last_assigned_at=T0 + timedelta(seconds=n), last_lead_id=n)
        shares = [counts[c.id] for c in clones]
        assert max(shares) - min(shares) <= 1


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LANGS), min_size=1, max_size=40))
def test_speakers_share_their_language_fairly(langs):
    """Two Arabic speakers and one other: the Arabic leads go to the speakers, and the two, equally
    preferred for every lead, end within one lead of each other."""
    state = {c.id: c for c in (Candidate(1, "A", languages=("ar",)), Candidate(2, "B", languages=("ar",)),
                               Candidate(3, "C", languages=("en",)))}
    counts: Counter[int] = Counter()
    for n, lang in enumerate(langs):
        chosen = choose(list(state.values()), lang, None, TEAM).coordinator_id
        assert chosen is not None
        counts[chosen] += 1
        if lang == "ar":
            assert chosen in (1, 2)
        state[chosen] = replace(state[chosen], last_assigned_at=T0 + timedelta(seconds=n), last_lead_id=n)
    assert abs(counts[1] - counts[2]) <= 1
