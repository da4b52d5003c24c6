"""Countries and languages as patients write them, and their names, flags and currencies."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.countries import (
    all_countries,
    all_languages,
    country_name,
    currency_for_country,
    default_language_for_country,
    flag_emoji,
    language_name,
    resolve_country,
    resolve_language,
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russia", "RU"), ("RU", "RU"), ("ru", "RU"), ("RUS", "RU"), ("643", "RU"),
        ("russian federation", "RU"), ("Россия", "RU"), ("РФ", "RU"), ("Russia (RF)", "RU"),
        ("UAE", "AE"), ("United Arab Emirates", "AE"), ("الإمارات العربية المتحدة", "AE"),
        ("USA", "US"), ("U.S.A.", "US"), ("United States", "US"), ("United States of America", "US"),
        ("UK", "GB"), ("Great Britain", "GB"), ("England", "GB"),
        ("South Korea", "KR"), ("Korea, Republic of", "KR"), ("Korea (South)", "KR"),
        ("Iran", "IR"), ("Iran, Islamic Republic of", "IR"),
        ("Vietnam", "VN"), ("Viet Nam", "VN"), ("Việt Nam", "VN"),
        ("Türkiye", "TR"), ("Turkiye", "TR"), ("Turkey", "TR"),
        ("Ivory Coast", "CI"), ("Côte d’Ivoire", "CI"), ("Cote d'Ivoire", "CI"),
        ("Czech Republic", "CZ"), ("Czechia", "CZ"),
        ("  saudi   ARABIA ", "SA"), ("المملكة العربية السعودية", "SA"),
        ("中国", "CN"), ("日本", "JP"), ("भारत", "IN"), ("Deutschland", "DE"), ("España", "ES"),
        ("Kazakhstan", "KZ"), ("Казахстан", "KZ"), ("Kosovo", "XK"),
        ("The Gambia", "GM"), ("Gambia, The", "GM"), ("Bosnia & Herzegovina", "BA"),
        ("St Kitts & Nevis", "KN"), ("Saint Kitts and Nevis", "KN"),
        # HubSpot's dropdown uses older ISO short names
        ("Congo, the Democratic Republic of the", "CD"), ("Taiwan, Province of China", "TW"),
        ("Tanzania, United Republic of", "TZ"), ("Moldova, Republic of", "MD"),
        ("Macedonia, the Former Yugoslav Republic of", "MK"), ("Lao People's Democratic Republic", "LA"),
    ],
)  # fmt: skip
def test_resolve_country(text: str, code: str) -> None:
    assert resolve_country(text) == code


@pytest.mark.parametrize(("typo", "code"), [("Phillipines", "PH"), ("Kazakstan", "KZ"), ("Columbia", "CO")])
def test_resolve_country_forgives_a_clear_typo(typo: str, code: str) -> None:
    assert resolve_country(typo) == code


@pytest.mark.parametrize("text", ["Nigera", "xyz", "", "   ", None, "Korea", "Atlantis", "🙂", "12"])
def test_resolve_country_unknown_or_ambiguous_is_none(text: str | None) -> None:
    assert resolve_country(text) is None


def test_niger_and_nigeria_stay_apart() -> None:
    assert (resolve_country("Niger"), resolve_country("Nigeria")) == ("NE", "NG")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_resolvers_never_raise(text: str) -> None:
    country = resolve_country(text)
    assert country is None or len(country) == 2
    resolve_language(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russian", "ru"), ("ru", "ru"), ("RU", "ru"), ("русский", "ru"), ("Русский", "ru"), ("rus", "ru"),
        ("Arabic", "ar"), ("العربية", "ar"), ("Chinese", "zh"), ("中文", "zh"), ("Mandarin", "zh"),
        ("Chinese (Simplified)", "zh"), ("zh-Hans", "zh"), ("chi", "zh"), ("Hindi", "hi"),
        ("Vietnamese", "vi"), ("Tiếng Việt", "vi"), ("English", "en"), ("en-US", "en"), ("anglais", "en"),
        ("pt_BR", "pt"), ("Brazilian Portuguese", "pt"), ("Português", "pt"), ("Farsi", "fa"),
        ("Persian", "fa"), ("Spanish", "es"), ("español", "es"), ("Kazakh", "kk"), ("Ukrainian", "uk"),
        ("English / Russian", "en"), ("Cantonese", "yue"), ("Filipino", "fil"),
    ],
)  # fmt: skip
def test_resolve_language(text: str, code: str) -> None:
    assert resolve_language(text) == code


@pytest.mark.parametrize("text", ["", None, "blah", "Klingonese", "English Russian"])
def test_resolve_language_unknown_is_none(text: str | None) -> None:
    assert resolve_language(text) is None


def test_country_name() -> None:
    assert country_name("RU") == "Russia"
    assert country_name("ru", "ru") == "Россия"
    assert country_name("AE", "ar") == "الإمارات العربية المتحدة"
    assert country_name("CN", "zh-Hant") == "中國"
    assert country_name(None) == ""
    assert country_name("XX") == "XX"
    assert country_name("RU", "qq") == "Russia"  # an unknown locale falls back to English
    assert country_name("RU", "") == "Russia"


def test_language_name() -> None:
    assert language_name("ru") == "Russian"
    assert language_name("ru", "ru") == "русский"
    assert language_name("rus") == "Russian"
    assert language_name("zh", "zh") == "中文"
    assert language_name("yue") == "Cantonese"
    assert language_name(None) == ""
    assert language_name("qq") == "qq"


@pytest.mark.parametrize(
    ("code", "currency"),
    [("RU", "RUB"), ("ae", "AED"), ("CN", "CNY"), ("EC", "USD"), ("XX", None), (None, None), ("", None)],
)
def test_currency_for_country(code: str | None, currency: str | None) -> None:
    assert currency_for_country(code) == currency


@pytest.mark.parametrize(
    ("code", "flag"), [("RU", "🇷🇺"), ("ae", "🇦🇪"), (None, ""), ("", ""), ("RUS", ""), ("1A", ""), ("é1", "")]
)
def test_flag_emoji(code: str | None, flag: str) -> None:
    assert flag_emoji(code) == flag


@pytest.mark.parametrize(
    ("code", "language"),
    [("RU", "ru"), ("KZ", "ru"), ("IN", "hi"), ("NG", "en"), ("US", "en"), ("AE", "ar"), ("CN", "zh"),
     ("VN", "vi"), ("XK", "sq"), ("AQ", None), ("XX", None), (None, None)],
)  # fmt: skip
def test_default_language_for_country(code: str | None, language: str | None) -> None:
    assert default_language_for_country(code) == language


def test_all_countries_for_pickers() -> None:
    countries = all_countries()
    codes = [code for code, _ in countries]
    assert len(codes) == len(set(codes)) > 240
    assert ("RU", "Russia") in countries and ("XK", "Kosovo") in countries
    assert countries[0] == ("AF", "Afghanistan")
    assert codes.index("AX") < codes.index("AL")  # Åland sorts as Aland
    assert all_countries("ru")[0][1] == "Австралия"
    assert all_countries() is not all_countries()  # callers may change their copy


def test_all_languages_for_pickers() -> None:
    languages = dict(all_languages())
    assert languages["ru"] == "Russian" and languages["zh"] == "Chinese"
    assert languages["yue"] == "Cantonese"
    names = [name for _, name in all_languages()]
    assert names.index("Abkhazian") == 0
    assert names.index("Māori") < names.index("Marathi")  # accents do not count in the order
    assert dict(all_languages("ru"))["en"] == "английский"


def test_every_picker_code_round_trips() -> None:
    for code, name in all_countries():
        assert resolve_country(code) == code
        assert resolve_country(name) == code, name
    for code, name in all_languages():
        assert resolve_language(name) == code, name
