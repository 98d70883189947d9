"""Drafts, unpublished and future stories appear on no public page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    section = make_section("World", slug="world")
    author = make_author("Lana Nuri", slug="lana-nuri")
    live = make_article(headline="Live story", section=section, authors=[author], tags=["oil"])
    hidden = [
        make_article(
            headline="Draft story",
            status=Article.Status.DRAFT,
            section=section,
            authors=[author],
            tags=["oil"],
        ),
        make_article(
            headline="Review story",
            status=Article.Status.REVIEW,
            section=section,
            authors=[author],
            tags=["oil"],
        ),
        make_article(
            headline="Unpublished story",
            status=Article.Status.UNPUBLISHED,
            publish_at=timezone.now() - timedelta(days=1),
            section=section,
            authors=[author],
            tags=["oil"],
        ),
        make_article(
            headline="Future story",
            ago=timedelta(hours=-2),
            section=section,
            authors=[author],
            tags=["oil"],
        ),
    ]
    return live, hidden


PUBLIC_LISTS = ["/", "/latest/", "/section/world/", "/tag/oil/", "/author/lana-nuri/"]


@pytest.mark.parametrize("url", PUBLIC_LISTS)
def test_lists_show_only_visible_stories(client, newsroom, url):
    live, hidden = newsroom
    html = client.get(url).content.decode()
    assert live.headline in html
    for story in hidden:
        assert story.headline not in html


def test_hidden_story_pages_are_404(client, newsroom):
    live, hidden = newsroom
    assert client.get(live.get_absolute_url()).status_code == 200
    for story in hidden:
        assert client.get(story.get_absolute_url()).status_code == 404


def test_the_latest_on_article_page_skips_hidden_stories(client, newsroom):
    live, hidden = newsroom
    other = make_article(headline="Another live story")
    html = client.get(other.get_absolute_url()).content.decode()
    assert live.headline in html
    for story in hidden:
        assert story.headline not in html


def test_scheduled_story_goes_live_at_its_time_by_itself(client, newsroom, monkeypatch):
    _, hidden = newsroom
    future = hidden[-1]
    assert client.get(future.get_absolute_url()).status_code == 404
    later = future.publish_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(future.get_absolute_url()).status_code == 200
    assert future.headline in client.get("/latest/").content.decode()


def test_published_queryset_is_the_single_definition(newsroom):
    live, hidden = newsroom
    assert list(Article.objects.published()) == [live]
    assert live.is_published
    assert not any(story.is_published for story in hidden)
