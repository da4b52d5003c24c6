"""Team settings live in the database, read the same by every desk; bad values get a clear sentence."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.errors import UserError
from app.domain.team_roles import Permission, Role, may
from app.domain.team_settings import (
    DEFAULT_FIRST_RESPONSE,
    Visibility,
    format_duration,
    parse_duration,
    read_team_settings,
    write_team_setting,
)


def test_a_new_database_has_the_defaults(db):
    with db.read() as session:
        settings = read_team_settings(session)
    assert settings.visibility is Visibility.TEAM
    assert settings.first_response == DEFAULT_FIRST_RESPONSE == timedelta(hours=2)
    assert settings.new_lead_cap is None and settings.reassign_untouched is False


def test_settings_written_are_read_back_by_another_session(db):
    with db.write() as session:
        write_team_setting(session, "visibility", "own")
        write_team_setting(session, "first-response", "1h30m")
        write_team_setting(session, "new-lead-cap", "12")
        write_team_setting(session, "reassign-untouched", "on")
    with db.write() as session:  # rewriting a key updates it rather than adding a second row
        write_team_setting(session, "new-lead-cap", "15")
    with db.read() as session:
        settings = read_team_settings(session)
    assert settings.visibility is Visibility.OWN
    assert settings.first_response == timedelta(minutes=90)
    assert settings.new_lead_cap == 15 and settings.reassign_untouched is True
    assert settings.as_json()["first_response"] == "1h30m"


@pytest.mark.parametrize(("name", "value", "words"), [
    ("visibility", "everyone", "'own' or 'team'"),
    ("first-response", "soon", "2h, 90m"),
    ("first-response", "0m", "longer than zero"),
    ("new-lead-cap", "lots", "whole number"),
    ("colour", "red", "no team setting 'colour'"),
])
def test_a_bad_value_is_refused_and_changes_nothing(db, name, value, words):
    with pytest.raises(UserError, match=words), db.write() as session:
        write_team_setting(session, name, value)
    with db.read() as session:
        assert read_team_settings(session) == read_team_settings(session).__class__()


@pytest.mark.parametrize(("text", "minutes"), [("2h", 120), ("90m", 90), ("1h30m", 90), ("1d", 1440), (" 45 min ", 45)])
def test_durations_read_as_a_coordinator_writes_them(text, minutes):
    assert parse_duration(text) == timedelta(minutes=minutes)
    assert parse_duration(format_duration(timedelta(minutes=minutes))) == timedelta(minutes=minutes)


def test_what_each_role_may_do():
    assert may(Role.MANAGER, Permission.EXPORT) and may("admin", Permission.MANAGE_PEOPLE)
    for refused in (Permission.EXPORT, Permission.IMPORT, Permission.ERASE, Permission.BACK_UP, Permission.EDIT_CONTENT):
        assert not may(Role.COORDINATOR, refused)
    assert may(Role.COORDINATOR, Permission.WORK_LEADS) and not may(Role.VIEWER, Permission.WORK_LEADS)
    assert not may("nobody", Permission.WORK_LEADS)
