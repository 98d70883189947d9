import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reader.cards import cards
from reader.formats import iso
from reader.latest import latest_stories
from tests.factories import forget_page, make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db


def latest_headlines(html):
    """Headlines inside The Latest component, in order."""
    items = re.findall(r'class="the-latest__headline"><a href="[^"]+">(.*?)</a>', html)
    return items


def _stories(n, *, authors=1, tags=1, images=False):
    section = make_section()
    people = [make_author() for _ in range(authors)]
    return [
        make_article(
            section=section,
            authors=people,
            tags=[f"t{t}" for t in range(tags)],
            lead_image=make_image() if images else None,
            ago=timedelta(minutes=i + 1),
            headline=f"Story {i}",
        )
        for i in range(n)
    ]


def test_article_sidebar_shows_ten_newest_others(client):
    stories = _stories(13)
    current = stories[2]
    html = client.get(current.get_absolute_url()).content.decode()
    aside = html.split('class="article-layout__aside"', 1)[1]
    expected = [s.headline for s in stories if s.pk != current.pk][:10]
    assert latest_headlines(aside) == expected


def test_latest_page_lists_time_section_headline_standfirst_and_thumbnail(client):
    [story] = _stories(1, images=True)
    html = client.get(reverse("reader:latest")).content.decode()
    assert latest_headlines(html) == [story.headline]
    assert f'datetime="{iso(story.publish_at)}"' in html
    assert f'<a href="{story.section.get_absolute_url()}">{story.section.name}</a>' in html
    assert story.standfirst in html
    assert story.lead_image.rendition_set("3:2").src in html  # its 3:2 rendition


def test_latest_page_is_paginated(client, settings):
    settings.ARTICLES_PER_PAGE = 4
    _stories(6)
    first = client.get("/latest/").content.decode()
    second = client.get("/latest/?page=2").content.decode()
    assert latest_headlines(first) == [f"Story {i}" for i in range(4)]
    assert latest_headlines(second) == ["Story 4", "Story 5"]
    assert client.get("/latest/?page=3").status_code == 404
    assert client.get("/latest/?page=x").status_code == 404


def test_front_page_uses_the_latest(client):
    _stories(5)
    html = client.get("/").content.decode()
    assert 'class="the-latest the-latest--front"' in html
    assert latest_headlines(html) == [f"Story {i}" for i in range(1, 5)]


def test_the_latest_is_one_query_whatever_its_size(django_assert_num_queries):
    _stories(3, authors=1, tags=1, images=True)
    with django_assert_num_queries(1):
        assert len(cards(limit=10)) == 3
    _stories(30, authors=3, tags=10, images=True)
    with django_assert_num_queries(1):
        assert len(cards(limit=10)) == 10
    assert [story.pk for story in latest_stories()] == [story.pk for story in cards(limit=10)]


@pytest.fixture
def no_skew(settings):
    # One process, one clock: shared parts are kept right after a change.
    settings.PAGECACHE_CLOCK_SKEW = 0


@pytest.mark.parametrize(
    "url,queries",
    [
        ("/latest/", 1),  # a page of cards (keyset pagination: no count)
        ("/", 1),  # the newest stories per section (The Latest is shared)
    ],
)
def test_latest_pages_run_a_fixed_number_of_queries(
    client, url, queries, django_assert_num_queries, no_skew
):
    # Enough stories that the front page fills its section blocks too.
    _stories(15, authors=1, tags=1, images=True)
    client.get(url)  # warm the site's shared parts
    forget_page(url)
    with django_assert_num_queries(queries):
        client.get(url)
    _stories(30, authors=3, tags=10, images=True)
    client.get(url)
    forget_page(url)
    with django_assert_num_queries(queries):
        client.get(url)


def test_article_page_query_count_does_not_grow_with_the_latest(
    client, django_assert_num_queries, no_skew
):
    # The article, with section, image, byline, tags and approved comments;
    # The Latest is shared.
    stories = _stories(3, authors=1, tags=1, images=True)
    client.get(stories[0].get_absolute_url())
    forget_page(stories[0].get_absolute_url())
    with django_assert_num_queries(1):
        client.get(stories[0].get_absolute_url())
    more = _stories(30, authors=3, tags=10, images=True)
    client.get(more[0].get_absolute_url())
    forget_page(more[0].get_absolute_url())
    with django_assert_num_queries(1):
        client.get(more[0].get_absolute_url())


def test_scheduled_story_joins_the_latest_at_its_time(client, monkeypatch):
    _stories(2)
    due = make_article(headline="Due soon", publish_at=timezone.now() + timedelta(minutes=30))
    assert "Due soon" not in latest_headlines(client.get("/latest/").content.decode())
    later = timezone.now() + timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert latest_headlines(client.get("/latest/").content.decode())[0] == due.headline
