"""Feeds and sitemaps come from the page cache and refresh when a story goes out."""

import pytest

from articles.models import Article
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    section = make_section("Economy", slug="economy")
    author = make_author("Dara Salih", slug="dara-salih")
    return make_article(headline="Budget passes", section=section, authors=[author], tags=["tax"])


FEEDS = [
    "/feeds/latest/",
    "/feeds/latest/atom/",
    "/feeds/latest.json",
    "/feeds/section/economy/",
    "/feeds/tag/tax/",
    "/feeds/author/dara-salih/",
    "/sitemap-articles.xml",
    "/news-sitemap.xml",
]


@pytest.mark.parametrize("url", FEEDS)
def test_feed_is_served_from_the_cache_and_refreshed_on_publish(fetch, story, url):
    fetch(url)
    assert fetch(url).hit, f"{url} was not served from the cache"

    draft = make_article(
        headline="Tax office opens late",
        status=Article.Status.DRAFT,
        section=story.section,
        authors=[story.byline[0]],
        tags=["tax"],
        slug="tax-office-opens-late",
    )
    assert not fetch(url).hit or "tax-office-opens-late" not in fetch(url).content.decode()

    draft.status = Article.Status.PUBLISHED
    draft.save()
    refreshed = fetch(url)
    assert not refreshed.hit
    assert "tax-office-opens-late" in refreshed.content.decode()


@pytest.mark.parametrize("url", ["/sitemap.xml", "/robots.txt"])
def test_index_and_robots_are_served_from_the_cache(fetch, story, url):
    assert fetch(url).status_code == 200
    assert fetch(url).hit
