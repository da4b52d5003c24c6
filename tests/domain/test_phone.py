"""Phone parsing rules, search keys, local time and the as-you-type display."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.phone import (
    LocalTime,
    as_you_type,
    digits_only,
    local_time_for,
    parse_phone,
    phone_search_keys,
    phone_time_zones,
)

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
REGIONS = [None, "RU", "NG", "US", "EG", "AE", "CN", "IN", "GB", "KZ", "ru", "", "XX", "Russia", "001"]
NOW = datetime(2026, 11, 25, 11, 5, tzinfo=timezone.utc)  # 14:05 in Moscow


# --- parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        ("8 903 555 12 34", "RU", "+79035551234"),
        ("0803 123 4567", "NG", "+2348031234567"),
        ("+7 (916) 123-45-67", None, "+79161234567"),
        ("+79161234567", None, "+79161234567"),
        ("+7 (916) 123-45-67", "US", "+79161234567"),  # a + number ignores the default region
        ("8 903 555 12 34", "ru", "+79035551234"),  # region in any case
    ],
)
def test_local_and_international_forms_give_e164(raw: str, region: str | None, e164: str) -> None:
    info = parse_phone(raw, region)
    assert info.valid
    assert info.e164 == e164
    assert info.problem is None


@pytest.mark.parametrize("region", ["US", "RU", "GB", "NG", None])
def test_leading_double_zero_is_the_international_prefix_in_any_region(region: str | None) -> None:
    info = parse_phone("00971501234567", region)
    assert info.e164 == "+971501234567"
    assert info.region == "AE"


def test_double_zero_in_arabic_indic_digits() -> None:
    assert parse_phone("٠٠٩٧١٥٠١٢٣٤٥٦٧").e164 == "+971501234567"


def test_valid_number_details() -> None:
    info = parse_phone("  8 903 555 12 34 ", "RU")
    assert info.raw == "8 903 555 12 34"
    assert info.region == "RU"
    assert info.country_name == "Russia"
    assert info.line_type == "mobile"
    assert info.international == "+7 903 555-12-34"
    assert "Europe/Moscow" in info.time_zones
    assert "Etc/Unknown" not in info.time_zones


def test_kazakh_number_shares_plus_seven_but_gets_its_own_region() -> None:
    info = parse_phone("+7 701 234 5678")
    assert (info.region, info.country_name) == ("KZ", "Kazakhstan")


def test_line_types() -> None:
    assert parse_phone("+1 415 555 2671").line_type == "fixed line or mobile"
    assert parse_phone("+800 1234 5678").line_type == "toll free"


def test_non_geographic_number_is_valid_without_region_or_zone() -> None:
    info = parse_phone("+800 1234 5678")
    assert info.valid and info.e164 == "+80012345678"
    assert info.region is None and info.country_name is None
    assert info.time_zones == ()


def test_parse_accepts_impossible_numbers_but_they_are_not_valid() -> None:
    info = parse_phone("12345", "EG")
    assert not info.valid
    assert info.e164 is None and info.international is None
    assert info.region == "EG"
    assert info.problem == "'12345' is too short for a phone number in Egypt"


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_empty_is_invalid_with_no_phone_number(raw: str | None) -> None:
    info = parse_phone(raw, "RU")
    assert not info.valid
    assert info.problem == "no phone number"
    assert info.region is None and info.time_zones == ()


@pytest.mark.parametrize(
    ("raw", "region", "problem"),
    [
        ("abc", "RU", "'abc' is not a phone number"),
        ("😀😀", "RU", "'😀😀' is not a phone number"),
        ("\x00\x07\x1b", None, "'???' is not a phone number"),
        ("9161234567", None, "'9161234567' has no country code: write it with + and the country code, or set the patient's country"),
        ("+999 123 4567", None, "'+999 123 4567' starts with an unknown country code"),
        ("+7 916 123 45 67 89", None, "'+7 916 123 45 67 89' has the wrong number of digits for a phone number in Russia"),
        ("1234567", "GB", "'1234567' is not a valid phone number in United Kingdom"),
    ],
)
def test_garbage_is_invalid_with_a_clear_problem(raw: str, region: str | None, problem: str) -> None:
    info = parse_phone(raw, region)
    assert not info.valid and info.e164 is None
    assert info.problem == problem


def test_region_of_an_invalid_number_is_the_country_it_was_read_for() -> None:
    assert parse_phone("12", "RU").region == "RU"  # read as a Russian number, too short
    assert parse_phone("+20 12345").region == "EG"  # the country code says Egypt
    assert parse_phone("abc", "RU").region is None  # not read as a number at all
    assert parse_phone("abc", "RU").country_name is None


def test_ten_thousand_characters_are_refused_with_a_short_message() -> None:
    info = parse_phone("1" * 10_000, "RU")
    assert not info.valid
    assert info.raw == "1" * 10_000
    assert info.problem is not None and len(info.problem) < 100 and "too long" in info.problem


def test_unknown_default_region_counts_as_none() -> None:
    assert parse_phone("8 903 555 12 34", "XX").problem == parse_phone("8 903 555 12 34", None).problem


def test_sample_duplicates_written_differently_share_e164() -> None:
    assert parse_phone("+7 (916) 123-45-67", "RU").e164 == parse_phone("+79161234567", "RU").e164
    assert parse_phone("+91 98765 43210", "IN").e164 == "+919876543210"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.text(max_size=300), region=st.sampled_from(REGIONS))
def test_parse_phone_never_raises_and_e164_is_well_formed(raw: str, region: str | None) -> None:
    info = parse_phone(raw, region)
    assert info.valid == (info.e164 is not None)
    assert (info.problem is None) == info.valid
    if info.e164 is not None:
        assert E164.match(info.e164)


@settings(max_examples=200, deadline=None)
@given(digits=st.text(alphabet="0123456789 +-()", min_size=1, max_size=25), region=st.sampled_from(REGIONS))
def test_digit_strings_that_parse_have_well_formed_e164(digits: str, region: str | None) -> None:
    info = parse_phone(digits, region)
    if info.e164 is not None:
        assert E164.match(info.e164)
        assert parse_phone(info.e164).e164 == info.e164  # E.164 parses back to itself


@pytest.mark.parametrize(
    ("raw", "region"),
    [("+7 916 123-45-67", "RU"), ("+7 701 123 4567", None), ("+1 212 555 0143", "US"), ("+1 907 555 0143", None),
     ("+353 85 123 4567", "IE"), ("0803 123 4567", "NG"), ("+800 1234 5678", None), ("12345", "EG"), ("", None),
     ("not a phone", "RU"), ("+61 2 9374 4000", "AU"), ("+86 138 0013 8000", "CN")],
)
def test_phone_time_zones_are_parse_phones(raw: str, region: str | None) -> None:
    assert phone_time_zones(raw, region) == parse_phone(raw, region).time_zones


@settings(max_examples=200, deadline=None)
@given(digits=st.text(alphabet="0123456789 +-()", min_size=1, max_size=25), region=st.sampled_from(REGIONS))
def test_phone_time_zones_agree_with_parse_phone_on_any_input(digits: str, region: str | None) -> None:
    assert phone_time_zones(digits, region) == parse_phone(digits, region).time_zones


def test_parse_phone_is_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same number asked again is answered from the cache: phonenumbers parses it once."""
    calls: list[tuple] = []
    real_parse = phonenumbers.parse

    def counting_parse(*args, **kwargs):
        calls.append(args)
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(phonenumbers, "parse", counting_parse)
    number = "+7 916 724-05-31"  # asked nowhere else in the suite
    first = parse_phone(number, "RU")
    parsed_once = len(calls)
    assert parsed_once >= 1
    for _ in range(3):
        assert parse_phone(number, "RU") is first
    assert len(calls) == parsed_once
    parse_phone("+7 916 724-05-32", "RU")  # another number is parsed
    assert len(calls) > parsed_once


# --- search keys and digits -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("e164", "keys"),
    [
        ("+79161234567", ("79161234567", "9161234567", "89161234567")),
        ("+2348031234567", ("2348031234567", "8031234567", "08031234567")),
        ("+14155552671", ("14155552671", "4155552671")),  # no trunk prefix in the US
        ("+971501234567", ("971501234567", "501234567", "0501234567")),
    ],
)
def test_search_keys(e164: str, keys: tuple[str, ...]) -> None:
    assert phone_search_keys(e164) == keys


def test_search_keys_of_text_that_is_not_e164() -> None:
    assert phone_search_keys("12 34") == ("1234",)
    assert phone_search_keys("no digits") == ()


def test_digits_only() -> None:
    assert digits_only("+7 (916) 123-45-67") == "79161234567"
    assert digits_only("٩٧١ ٥٠") == "97150"  # Arabic-Indic digits become ASCII
    assert digits_only("") == "" and digits_only(None) == ""


# --- local time -------------------------------------------------------------------------------


def test_local_time_single_zone() -> None:
    shown = local_time_for(("Europe/Moscow",), NOW)
    assert (shown.zone, shown.label, shown.outside_hours) == ("Europe/Moscow", "14:05 Moscow", False)
    assert shown.local == NOW
    assert shown.local is not None and shown.local.utcoffset() == timedelta(hours=3)


def test_local_time_city_label_uses_spaces() -> None:
    assert local_time_for(("America/Los_Angeles",), NOW).label == "03:05 Los Angeles"


def test_zones_with_different_offsets_vary_until_the_coordinator_overrides() -> None:
    zones = parse_phone("+79161234567").time_zones
    assert len(zones) > 1
    assert local_time_for(zones, NOW) == LocalTime(zone=None, label="varies", local=None, outside_hours=False)
    chosen = local_time_for(zones, NOW, override_zone="Asia/Vladivostok")
    assert chosen.zone == "Asia/Vladivostok" and chosen.label == "21:05 Vladivostok"
    assert chosen.outside_hours


def test_zones_with_the_same_offset_now_are_one_time() -> None:
    shown = local_time_for(("Europe/Moscow", "Europe/Simferopol"), NOW)
    assert shown.zone == "Europe/Moscow" and shown.label == "14:05 Moscow"


def test_unknown_zones() -> None:
    unknown = LocalTime(zone=None, label="unknown", local=None, outside_hours=False)
    assert local_time_for((), NOW) == unknown
    assert local_time_for(("Etc/Unknown",), NOW) == unknown
    assert local_time_for(("Not/AZone", "../../etc/passwd"), NOW) == unknown


def test_invalid_override_is_ignored() -> None:
    assert local_time_for(("Africa/Lagos",), NOW, override_zone="Mars/Olympus").zone == "Africa/Lagos"


def test_naive_now_is_utc() -> None:
    assert local_time_for(("Asia/Dubai",), NOW.replace(tzinfo=None)).label == "15:05 Dubai"


@pytest.mark.parametrize(
    ("utc_hour", "minute", "outside"),
    [(5, 59, True), (6, 0, False), (16, 59, False), (17, 0, True), (23, 0, True)],
)
def test_outside_hours_is_outside_nine_to_eight(utc_hour: int, minute: int, outside: bool) -> None:
    now = datetime(2026, 11, 25, utc_hour, minute, tzinfo=timezone.utc)
    assert local_time_for(("Europe/Moscow",), now).outside_hours is outside  # Moscow is UTC+3


def test_daylight_saving_is_taken_from_now() -> None:
    summer = datetime(2026, 7, 1, 12, 0, tzinfo=timezone.utc)
    assert local_time_for(("Europe/London",), summer).label == "13:00 London"
    assert local_time_for(("Europe/London",), NOW).label == "11:05 London"


# --- as you type ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "region", "shown"),
    [
        ("89161234567", "RU", "8 916 123-45-67"),
        ("8 (916) 123", "RU", "8 916 123"),
        ("+7916", None, "+7 916"),
        ("0097150", "US", "+971 50"),
        ("", "RU", ""),
        ("abc", None, ""),
        ("4155552671", "XX", "4155552671"),
    ],
)
def test_as_you_type(typed: str, region: str | None, shown: str) -> None:
    assert as_you_type(typed, region) == shown


def test_time_zones_are_narrowed_to_the_numbers_country():
    # phonenumbers lists Guernsey and the Isle of Man for Irish mobiles, Almaty for Russian ones.
    assert parse_phone("+353 85 123 4567").time_zones == ("Europe/Dublin",)
    assert parse_phone("+91 98765 43210").time_zones == ("Asia/Kolkata",)
    russian = parse_phone("+7 916 123 45 67").time_zones
    assert "Europe/Moscow" in russian and "Asia/Almaty" not in russian
