import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.iter(f"{SM}loc")]


def test_index_lists_every_sitemap_on_site_url(client, story):
    root = xml(client, "/sitemap.xml")
    assert root.tag == f"{SM}sitemapindex"
    assert locations(root) == [
        "https://news.example.org/sitemap-articles.xml",
        "https://news.example.org/sitemap-sections.xml",
        "https://news.example.org/sitemap-authors.xml",
        "https://news.example.org/sitemap-tags.xml",
        "https://news.example.org/sitemap-pages.xml",
    ]
    for sitemap in root.findall(f"{SM}sitemap"):
        assert sitemap.find(f"{SM}loc") is not None


def test_article_sitemaps_have_a_page_per_month_oldest_first(client, section):
    """Page N keeps its stories for good: a new story only changes the last."""
    now = datetime(2026, 12, 15, 12, 0, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=now):
        october = [
            make_article(section=section, publish_at=datetime(2026, 10, day, 9, tzinfo=UTC))
            for day in (5, 31)
        ]
        december = make_article(section=section, publish_at=datetime(2026, 12, 1, 0, tzinfo=UTC))
        root = xml(client, "/sitemap.xml")
        article_maps = [loc for loc in locations(root) if "sitemap-articles" in loc]
        assert article_maps == [
            "https://news.example.org/sitemap-articles.xml",
            "https://news.example.org/sitemap-articles.xml?p=2",
            "https://news.example.org/sitemap-articles.xml?p=3",
        ]
        assert locations(xml(client, "/sitemap-articles.xml")) == [
            f"https://news.example.org/news/{story.slug}/" for story in october
        ]
        assert locations(xml(client, "/sitemap-articles.xml?p=2")) == []  # nothing in November
        assert locations(xml(client, "/sitemap-articles.xml?p=3")) == [
            f"https://news.example.org/news/{december.slug}/"
        ]
        assert client.get("/sitemap-articles.xml?p=4").status_code == 404
        assert client.get("/sitemap-articles.xml?p=0").status_code == 404
        assert client.get("/sitemap-articles.xml?p=x").status_code == 404
        assert client.get("/sitemap-nothing.xml").status_code == 404
        # One address per page, as for lists of stories (reader.pagination).
        for spelling, address in (("03", "?p=3"), ("٣", "?p=3"), ("1", ""), ("01", "")):
            response = client.get(f"/sitemap-articles.xml?p={spelling}")
            assert response.status_code == 301
            assert response["Location"] == f"/sitemap-articles.xml{address}"
        for bad in ("²", "+3", "3&p=3", "9" * 5000):
            assert client.get(f"/sitemap-articles.xml?p={bad}").status_code == 404


def test_article_sitemap_pages_read_no_more_than_their_month(client, section):
    """No count of the archive, no OFFSET: the queries of a page are the same
    whatever the size of the site."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article(section=section, ago=timedelta(days=400))
    make_article(section=section)
    with CaptureQueriesContext(connection) as queries:
        xml(client, "/sitemap-articles.xml?p=2")
    sql = " ".join(q["sql"] for q in queries.captured_queries).upper()
    assert "COUNT(" not in sql and "OFFSET" not in sql


def test_sitemaps_list_articles_sections_authors_and_tags(client, story):
    make_section("Empty section", slug="empty")
    make_author("Nobody Yet", slug="nobody")
    make_article(status=Article.Status.DRAFT, tags=["Secret"], authors=[make_author(slug="draft")])
    root = xml(client, "/sitemap-articles.xml")
    assert root.tag == f"{SM}urlset"
    assert locations(root) == [f"https://news.example.org/news/{story.slug}/"]
    assert root.find(f"{SM}url/{SM}lastmod") is not None
    assert locations(xml(client, "/sitemap-sections.xml")) == [
        "https://news.example.org/section/world/"
    ]
    assert locations(xml(client, "/sitemap-authors.xml")) == [
        "https://news.example.org/author/holly-johnston/",
        "https://news.example.org/author/sam-rahimi/",
    ]
    assert sorted(locations(xml(client, "/sitemap-tags.xml"))) == [
        "https://news.example.org/tag/defence/",
        "https://news.example.org/tag/iraq/",
    ]


def test_news_sitemap_has_the_last_48_hours_in_google_news_format(client, section):
    fresh = make_article(section=section, headline="Fresh & new <story>", ago=timedelta(hours=2))
    make_article(section=section, ago=timedelta(hours=49))
    response = client.get(reverse("syndication:news-sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SM}urlset"
    [url] = root.findall(f"{SM}url")
    assert url.find(f"{SM}loc").text == f"https://news.example.org/news/{fresh.slug}/"
    news = url.find(f"{NEWS}news")
    assert news.find(f"{NEWS}publication/{NEWS}name").text == "The Newsroom"
    assert news.find(f"{NEWS}publication/{NEWS}language").text == "en"
    assert news.find(f"{NEWS}title").text == "Fresh & new <story>"
    published = news.find(f"{NEWS}publication_date").text
    assert published == timezone.localtime(fresh.publish_at).isoformat()


def test_robots_txt_lists_sitemaps_and_keeps_crawlers_out_of_search(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /search/" in lines
    # Not the admin: robots.txt would tell everyone where it is
    # (tests/production/test_admin_url.py).
    assert settings.ADMIN_URL not in response.content.decode()
    assert "Sitemap: https://news.example.org/sitemap.xml" in lines
    assert "Sitemap: https://news.example.org/news-sitemap.xml" in lines
