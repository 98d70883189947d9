"""The story admin knows editions: the form's edition, its sections and
authors (one rule: Article.clean / Byline.clean), the list's column and
filter, and a search that finds any script in any case."""

import pytest
from django.urls import reverse

from articles.models import Article, Byline
from tests.editorial.helpers import admin_form, change_url, new_article_data
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_article_add")
CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def sorani():
    return make_section("هەواڵ", edition_id="ckb"), make_author("ڕێباز", edition_id="ckb")


def test_a_story_is_written_in_the_chosen_edition(client, editor, sorani):
    section, author = sorani
    client.force_login(editor)
    response = client.post(ADD, new_article_data(section, author, edition="ckb"))
    assert response.status_code == 302
    story = Article.objects.get(slug="council-votes-bridge")
    assert story.edition_id == "ckb" and story.section == section


def test_a_section_of_another_edition_is_refused_with_a_clear_message(
    client, editor, section, sorani
):
    client.force_login(editor)
    english_author = editor.author
    response = client.post(ADD, new_article_data(section, english_author, edition="ckb"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "belongs to another edition" in page and "Sorani Kurdish" in page
    assert not Article.objects.filter(slug="council-votes-bridge").exists()


def test_an_author_of_another_edition_is_refused_on_the_byline(client, editor, sorani):
    section, _ = sorani
    client.force_login(editor)
    response = client.post(ADD, new_article_data(section, editor.author, edition="ckb"))
    assert response.status_code == 200
    assert "writes for another edition" in response.content.decode()
    assert not Article.objects.filter(slug="council-votes-bridge").exists()


def test_the_rule_is_the_models_own(sorani, section):
    from django.core.exceptions import ValidationError

    story = make_article(section=section)
    story.edition_id = "ckb"
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "section" in error.value.message_dict
    byline = Byline(article=story, author=make_author("English writer"))
    with pytest.raises(ValidationError):
        byline.full_clean()


def test_the_form_offers_the_editions_sections_and_asks_for_its_authors(client, editor, sorani):
    client.force_login(editor)
    page = client.get(ADD + "?edition=ckb").content.decode()
    assert 'data-edition="ckb"' in page and 'data-direction="rtl"' in page
    assert "autocomplete/?edition=ckb" in page.replace("&amp;", "&")
    form = admin_form(client)
    assert form["edition"] == "en"


def test_the_author_box_lists_only_the_editions_authors(client, editor, sorani):
    _, sorani_author = sorani
    client.force_login(editor)
    url = reverse("admin:autocomplete")
    params = {
        "app_label": "articles",
        "model_name": "byline",
        "field_name": "author",
        "edition": "ckb",
        "term": "",
    }
    names = [r["text"] for r in client.get(url, params).json()["results"]]
    assert names == [sorani_author.name]


def test_a_stories_text_is_written_in_its_editions_direction(client, editor, sorani):
    section, author = sorani
    story = make_article(
        section=section, authors=[author], edition_id="ckb", status=Article.Status.DRAFT
    )
    client.force_login(editor)
    page = client.get(change_url(story)).content.decode()
    assert 'dir="rtl"' in page and 'lang="ckb"' in page
    body = page[page.index('name="body"') - 200 : page.index('name="body"') + 200]
    assert 'dir="rtl"' in body and 'lang="ckb"' in body


def test_the_list_shows_and_filters_by_edition(client, editor, section, sorani):
    make_article(headline="English story", section=section)
    make_article(headline="چیرۆکی کوردی", section=sorani[0], edition_id="ckb", authors=[sorani[1]])
    client.force_login(editor)
    page = client.get(CHANGELIST).content.decode()
    assert "English story" in page and "چیرۆکی کوردی" in page
    assert '<span lang="ckb">کوردی</span>' in page
    page = client.get(CHANGELIST, {"edition": "ckb"}).content.decode()
    assert "چیرۆکی کوردی" in page and "English story" not in page


@pytest.mark.parametrize(
    "headline, typed",
    [
        ("Şêx Mehmûd li Silêmaniyê", "şêx"),
        ("İstanbul seçimi", "istanbul"),
        ("Diyarbakır suyu", "DİYARBAKIR"),
        ("هەولێر و سلێمانی", "سلێمانی"),
    ],
)
def test_the_story_search_finds_any_script_in_any_case(client, editor, section, headline, typed):
    make_article(headline=headline, section=section)
    make_article(headline="Something else", section=section)
    client.force_login(editor)
    page = client.get(CHANGELIST, {"q": typed}).content.decode()
    assert headline.split()[0] in page and "Something else" not in page
