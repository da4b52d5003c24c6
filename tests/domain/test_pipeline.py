import pytest

from app.domain.pipeline import (
    ALL_STATUSES,
    EXITS,
    MAIN_PATH,
    STATUS_INFO,
    Status,
    TransitionError,
    allowed_next,
    check_transition,
    parse_status,
)


def test_every_status_is_described_once():
    assert set(STATUS_INFO) == set(ALL_STATUSES) == set(Status)


def test_main_path_moves_one_step_forward():
    for here, there in zip(MAIN_PATH, MAIN_PATH[1:]):
        check_transition(here, there, None)


@pytest.mark.parametrize("exit_status", EXITS)
@pytest.mark.parametrize("here", MAIN_PATH)
def test_exits_are_open_at_any_point(here, exit_status):
    check_transition(here, exit_status, "a reason")


def test_skipping_ahead_is_refused_with_the_allowed_moves():
    with pytest.raises(TransitionError) as err:
        check_transition(Status.NEW, Status.BOOKED, None)
    assert "allowed: contacted, lost, not_eligible, unreachable, duplicate" in str(err.value)


@pytest.mark.parametrize("target", [Status.LOST, Status.NOT_ELIGIBLE])
def test_reason_required(target):
    with pytest.raises(TransitionError, match="needs a reason"):
        check_transition(Status.CONTACTED, target, "  ")
    check_transition(Status.CONTACTED, target, "Too expensive")


def test_unreachable_and_duplicate_need_no_reason():
    check_transition(Status.CONTACTED, Status.UNREACHABLE, None)
    check_transition(Status.NEW, Status.DUPLICATE, None)


def test_an_exit_can_be_reopened():
    assert Status.CONTACTED in allowed_next(Status.LOST)


def test_parse_status_accepts_labels():
    assert parse_status("Quote sent") is Status.QUOTE_SENT
    assert parse_status("records-received") is Status.RECORDS_RECEIVED
    with pytest.raises(TransitionError, match="unknown status"):
        parse_status("won")
