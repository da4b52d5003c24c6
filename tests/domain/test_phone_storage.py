"""`parse_for_storage` (one parse for the import) answers exactly what `parse_phone` plus
`phone_search_keys` answer, for every region's numbers as people type them and for junk."""
from __future__ import annotations

import random

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from app.domain.phone import parse_for_storage, parse_phone, phone_search_keys

REGIONS = [None, "RU", "NG", "US", "EG", "AE", "CN", "IN", "GB", "KZ", "IT", "AR", "MX", "ru", "", "XX", "001"]


def _assert_same(raw, region) -> None:
    info = parse_phone(raw, region)
    stored = parse_for_storage(raw, region)
    assert (stored.raw, stored.e164, stored.valid, stored.region, stored.problem) == (
        info.raw, info.e164, info.valid, info.region, info.problem,
    ), (raw, region)
    assert stored.search_keys == (phone_search_keys(info.e164) if info.e164 else ()), (raw, region)


def _typed_forms(region: str) -> list[tuple[str, str | None]]:
    """Example numbers of every type in `region`, varied, written the ways people write them."""
    rng = random.Random(region)
    forms = []
    for kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.TOLL_FREE, PhoneNumberType.VOIP):
        example = phonenumbers.example_number_for_type(region, kind)
        if example is None:
            continue
        nsn = phonenumbers.national_significant_number(example)
        for variant in [nsn, nsn[:-2] + f"{rng.randrange(100):02d}", nsn[:-3] + f"{rng.randrange(1000):03d}"]:
            try:
                number = phonenumbers.parse(f"+{example.country_code}{variant}", None)
            except phonenumbers.NumberParseException:
                continue
            for fmt in (PhoneNumberFormat.NATIONAL, PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.E164):
                text = phonenumbers.format_number(number, fmt)
                forms += [(text, region), (text, None)]
            forms.append((f"00{example.country_code} {variant}", "US"))
            forms.append((f"+{example.country_code}{variant} ext. 12", None))
    return forms


@pytest.mark.parametrize("region", sorted(phonenumbers.SUPPORTED_REGIONS))
def test_every_region(region):
    for raw, default in _typed_forms(region):
        _assert_same(raw, default)


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "12", "000", "not a phone", "+", "+0 123", "+999 1234567", "8 (916) 123-45-67", "٠٠٩٧١٥٠١٢٣٤٥٦٧",
     "+7 916 123 45 67 доб. 5", "0803 123 4567", "+39 06 1234 5678", "(212) 555-0188", "+800 1234 5678", "\x00+7916"],
)
@pytest.mark.parametrize("region", REGIONS)
def test_hostile_and_edge_inputs(raw, region):
    _assert_same(raw, region)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="0123456789+()- .٠١٢٣x", max_size=20), st.sampled_from(REGIONS))
def test_random_text(raw, region):
    _assert_same(raw, region)


def _digits_reference(text):
    import unicodedata

    return "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal()) if text else ""


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=24) | st.text(alphabet="0123456789+()- .٠١٢۰۱०१０²x", max_size=24))
def test_digits_only_fast_path_is_the_general_rule(text):
    from app.domain.phone import digits_only

    assert digits_only(text) == _digits_reference(text)
