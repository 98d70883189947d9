"""Journalists write in the admin: creating a story, images, validation."""

import re

import pytest
from django.urls import reverse

from articles.models import Article
from images.models import Image
from tests.factories import make_author, make_image, make_section, make_user, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("chief", superuser=True))
    return client


def article_form(section, author, **overrides):
    data = {
        "edition": section.edition_id,
        "headline": "Markets steady after the budget vote",
        "slug": "markets-steady-after-budget-vote",
        "standfirst": "Traders shrugged off a late amendment.",
        "dateline": "SULAIMANI, Kurdistan Region",
        "body": "<p>Prices held.</p><script>alert(1)</script>",
        "section": section.pk,
        "tags": ["Markets", "Budget"],
        "lead_image": "",
        "lead_image_caption": "",
        "status": "published",
        "publish_at_0": "",
        "publish_at_1": "",
        "comments_open": "on",
        "breaking_until_0": "",
        "breaking_until_1": "",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "1",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-author": author.pk,
        "bylines-0-order": "0",
    }
    data.update(overrides)
    return data


def test_admin_creates_a_published_article(admin_client):
    section, author = make_section("Business"), make_author("Dara Salih")
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(section, author, lead_image=make_image().pk),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="markets-steady-after-budget-vote")
    assert article.is_published
    assert article.byline == [author]
    assert sorted(t.name for t in article.tags.all()) == ["Budget", "Markets"]
    assert "<script" not in article.body
    assert admin_client.get(article.get_absolute_url()).status_code == 200


def test_article_needs_an_author(admin_client):
    section, author = make_section(), make_author()
    data = article_form(section, author, **{"bylines-0-author": ""})
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert not Article.objects.exists()


def test_admin_changelist_search_and_filters(admin_client):
    section = make_section("Culture")
    from tests.factories import make_article

    make_article(headline="Poetry night returns", section=section)
    make_article(headline="Oil output rises", body="<p>Poetry is not mentioned.</p>")
    url = reverse("admin:articles_article_changelist")
    response = admin_client.get(url, {"q": "poetry"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    response = admin_client.get(
        url, {"status__exact": "published", "section__id__exact": section.pk}
    )
    assert "Poetry night returns" in response.content.decode()
    assert "Oil output rises" not in response.content.decode()


def test_tag_suggestions_for_the_autocomplete(admin_client):
    from tests.factories import make_article

    make_article(tags=["Mosul", "Basra", "Erbil"])
    url = reverse("admin:articles_article_tag_suggestions")
    data = admin_client.get(url, {"term": "bas"}).json()
    assert data == {"results": [{"id": "Basra", "text": "Basra"}]}


def test_image_upload_in_the_library(admin_client):
    response = admin_client.post(
        reverse("admin:images_image_add"),
        {
            "file": upload("dam.jpg", width=300, height=200),
            "title": "Dam",
            "alt_text": "A dam",
            "caption": "",
            "credit": "",
            "focal_x": 50,
            "focal_y": 50,
            "copyright_note": "",
            "usage_expires_on": "",
        },
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (300, 200)


def test_non_image_upload_is_refused_with_a_clear_message(admin_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("report.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg")
    response = admin_client.post(
        reverse("admin:images_image_add"),
        {"file": fake, "title": "Fake", "alt_text": "x", "focal_x": 50, "focal_y": 50},
    )
    assert response.status_code == 200
    text = re.sub(r"\s+", " ", response.content.decode())
    assert "Upload a valid image" in text
    assert not Image.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_oversized_image_is_refused(admin_client, settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    response = admin_client.post(
        reverse("admin:images_image_add"),
        {
            "file": upload("big.png", width=200, height=200),
            "title": "Big",
            "alt_text": "x",
            "focal_x": 50,
            "focal_y": 50,
        },
    )
    assert response.status_code == 200
    assert "million pixels" in response.content.decode()
    assert not Image.objects.exists()


def test_lead_image_preview_on_the_change_form(admin_client):
    from tests.factories import make_article

    article = make_article(lead_image=make_image(credit="Photo: Desk"))
    response = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = response.content.decode()
    assert article.lead_image.file.url in html
    assert "View on site" in html
