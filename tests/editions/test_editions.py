import pytest

from articles.models import Article, Author, Section
from editions.models import Edition

pytestmark = pytest.mark.django_db


def test_a_new_site_has_the_five_editions_in_their_own_scripts_and_directions():
    editions = {e.code: e for e in Edition.objects.all()}
    assert list(editions) == ["en", "ckb", "kmr", "ar", "tr"]
    assert [code for code, e in editions.items() if e.is_rtl] == ["ckb", "ar"]
    assert editions["ckb"].name == "کوردی"
    assert editions["ckb"].digits == Edition.Digits.ARABIC_INDIC
    assert editions["ar"].digits == Edition.Digits.WESTERN


def test_stories_sections_and_authors_belong_to_the_english_edition_unless_told():
    for model in (Article, Section, Author):
        assert model._meta.get_field("edition").get_default() == "en"
