"""A draft saves with just a headline; review and publication need a
standfirst, the text, a section, a lead image and an author, and say which
are missing."""

import pytest
from django.urls import reverse

from articles.models import Article
from editorial import services
from tests.editorial.helpers import member, new_article_data
from tests.factories import make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db


def headline_only(**overrides):
    data = {
        "headline": "Flood warning for the lower valley",
        "slug": "",
        "standfirst": "",
        "dateline": "",
        "body": "",
        "section": "",
        "lead_image": "",
        "lead_image_caption": "",
        "comments_open": "on",
        "status": "draft",
        "transition_note": "",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_a_draft_saves_with_just_a_headline(client):
    client.force_login(member("Journalists", "rana"))
    response = client.post(reverse("admin:articles_article_add"), headline_only())
    assert response.status_code == 302, response.content.decode()[:3000]
    draft = Article.objects.get()
    assert draft.headline == "Flood warning for the lower valley"
    assert draft.status == Article.Status.DRAFT and draft.section is None
    # Its preview opens, without a section.
    assert client.get(reverse("reader:staff-preview", args=[draft.pk])).status_code == 200


def test_sending_an_incomplete_story_for_review_lists_what_is_missing(client):
    client.force_login(member("Journalists", "rana"))
    response = client.post(reverse("admin:articles_article_add"), headline_only(status="review"))
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "To send it for review, add a standfirst, the story&#x27;s text, a section, "
        "a lead image and at least one author in the byline." in page
    )
    assert page.count("Needed before review or publication.") == 4  # on each field
    assert not Article.objects.exists()


def test_a_complete_story_goes_to_review(client):
    client.force_login(member("Journalists", "rana"))
    section, author, image = make_section(), make_author(), make_image()
    data = new_article_data(section, author, status="review", lead_image=str(image.pk))
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Article.objects.get().status == Article.Status.REVIEW


def test_publishing_refuses_an_incomplete_story_and_names_what_is_missing():
    editor = member("Editors", "ed")
    story = make_article(status=Article.Status.DRAFT, standfirst="", lead_image=None)
    with pytest.raises(services.IncompleteStory) as refused:
        services.publish(story, by=editor)
    assert refused.value.missing == ["standfirst", "lead_image"]
    assert "add a standfirst and a lead image" in refused.value.messages[0]
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT


def test_publishing_a_complete_story_works():
    editor = member("Editors", "ed")
    story = make_article(status=Article.Status.DRAFT, lead_image=make_image())
    services.publish(story, by=editor)
    story.refresh_from_db()
    assert story.is_published


def test_a_headline_only_draft_keeps_the_journalists_own_name_on_the_byline(client):
    from tests.editorial.helpers import admin_form

    journalist = member("Journalists", "rana")
    author = make_author("Rana Aziz", user=journalist)
    client.force_login(journalist)
    data = admin_form(client)  # the add form as the browser has it: her name filled in
    data["headline"] = "Flood warning for the lower valley"
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Article.objects.get().byline == [author]


def test_an_editor_may_leave_the_byline_row_empty_on_a_draft(client):
    from tests.editorial.helpers import admin_form

    client.force_login(member("Editors", "ed"))
    data = admin_form(client)
    data["headline"] = "Flood warning for the lower valley"
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    assert Article.objects.get().byline == []
