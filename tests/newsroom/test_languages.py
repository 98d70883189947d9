"""The site's languages: the five editions', each known to Django."""

from django.conf import settings
from django.utils import translation

from editions.defaults import EDITIONS


def test_the_languages_are_the_editions():
    assert [code for code, _ in settings.LANGUAGES] == [edition[0] for edition in EDITIONS]


def test_every_language_has_its_name_and_direction():
    for code, _ in settings.LANGUAGES:
        info = translation.get_language_info(code)
        assert info["code"] == code
        direction = next(edition[3] for edition in EDITIONS if edition[0] == code)
        assert info["bidi"] is (direction == "rtl")
        with translation.override(code):
            assert translation.get_language_bidi() is (direction == "rtl")


def test_kurmanji_is_known_by_its_own_code():
    info = translation.get_language_info("kmr")
    assert info["name_local"] == "Kurmancî"
    assert info["bidi"] is False


def test_english_stays_the_default():
    assert settings.LANGUAGE_CODE == "en-gb"
    assert translation.get_supported_language_variant(settings.LANGUAGE_CODE) == "en"
