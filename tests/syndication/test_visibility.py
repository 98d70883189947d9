"""Drafts and scheduled stories appear nowhere readers or robots look until their time."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db

SURFACES = [
    "/feeds/latest/",
    "/feeds/latest/atom/",
    "/feeds/latest.json",
    "/feeds/section/world/",
    "/feeds/section/world/atom/",
    "/feeds/tag/comet/",
    "/feeds/tag/comet/atom/",
    "/feeds/author/ida-vance/",
    "/feeds/author/ida-vance/atom/",
    "/sitemap-articles.xml",
    "/news-sitemap.xml",
    "/latest/",
    "/",
    "/search/?q=comet",
]


@pytest.fixture
def hidden(section, story):
    """A draft, a withdrawn story and a scheduled one, all about a comet."""
    author = make_author("Ida Vance", slug="ida-vance")
    common = {"section": section, "authors": [author], "tags": ["Comet"]}
    return {
        "draft": make_article(
            headline="Draft comet sighting", status=Article.Status.DRAFT, **common
        ),
        "review": make_article(
            headline="Comet sighting in review", status=Article.Status.REVIEW, **common
        ),
        "withdrawn": make_article(
            headline="Withdrawn comet sighting", status=Article.Status.UNPUBLISHED, **common
        ),
        "scheduled": make_article(
            headline="Scheduled comet sighting",
            slug="scheduled-comet",
            publish_at=timezone.now() + timedelta(minutes=20),
            **common,
        ),
    }


def body(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    return response.content.decode() if response.status_code == 200 else ""


@pytest.mark.parametrize("url", SURFACES)
def test_hidden_stories_appear_nowhere_until_their_time(client, hidden, story, url, monkeypatch):
    before = body(client, url)
    for article in hidden.values():
        assert article.headline not in before, (url, article.headline)
        assert f"/news/{article.slug}/" not in before, (url, article.headline)

    # Time passes; nobody touches anything.
    later = timezone.now() + timedelta(minutes=30)
    monkeypatch.setattr(timezone, "now", lambda: later)
    after = body(client, url)
    scheduled = hidden["scheduled"]
    assert f"/news/{scheduled.slug}/" in after or scheduled.headline in after, url
    for key in ("draft", "review", "withdrawn"):
        assert hidden[key].headline not in after, (url, key)


def test_hidden_stories_have_no_page_no_sidebar_entry(client, hidden, story, monkeypatch):
    assert client.get(hidden["scheduled"].get_absolute_url()).status_code == 404
    page = body(client, story.get_absolute_url())
    assert "comet" not in page.lower()
    later = timezone.now() + timedelta(minutes=30)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(hidden["scheduled"].get_absolute_url()).status_code == 200
    assert hidden["scheduled"].headline in body(client, story.get_absolute_url())


def test_tags_and_authors_of_hidden_stories_stay_out_of_sitemaps(client, hidden, monkeypatch):
    assert "/tag/comet/" not in body(client, "/sitemap-tags.xml")
    assert "/author/ida-vance/" not in body(client, "/sitemap-authors.xml")
    later = timezone.now() + timedelta(minutes=30)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "/tag/comet/" in body(client, "/sitemap-tags.xml")
    assert "/author/ida-vance/" in body(client, "/sitemap-authors.xml")
