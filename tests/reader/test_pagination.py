"""Lists of stories go as deep as a reader likes, with no OFFSET scans."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a rel="(prev|next)" href="([^"]+)"')


@pytest.fixture
def stories(settings):
    settings.ARTICLES_PER_PAGE = 3
    section = make_section("World", slug="world")
    now = timezone.now()
    same_time = now - timedelta(hours=5)
    made = []
    for n in range(8):
        # Two stories share a publish time: the id breaks the tie.
        publish_at = same_time if n in (4, 5) else now - timedelta(hours=n + 1)
        made.append(make_article(headline=f"Story {n:02d}", section=section, publish_at=publish_at))
    return made


def headlines(response):
    return re.findall(r"Story \d\d", response.content.decode())


def links(response):
    return {
        rel: href.replace("&amp;", "&") for rel, href in LINK.findall(response.content.decode())
    }


@pytest.mark.parametrize("url", ["/latest/", "/section/world/"])
def test_older_links_walk_every_story_once_newest_first(client, stories, url):
    seen = []
    response = client.get(url)
    while True:
        assert response.status_code == 200
        seen += headlines(response)
        older = links(response).get("next")
        if not older:
            break
        assert "before=" in older
        response = client.get(older)
    expected = [
        a.headline for a in sorted(stories, key=lambda a: (a.publish_at, a.pk), reverse=True)
    ]
    assert seen == expected


def test_newer_link_goes_back_and_the_newest_page_is_the_plain_url(client, stories):
    first = client.get("/latest/")
    second = client.get(links(first)["next"])
    third = client.get(links(second)["next"])
    back = client.get(links(third)["prev"])
    assert headlines(back) == headlines(second)
    to_first = client.get(links(back)["prev"])
    assert to_first.status_code == 302
    assert to_first["Location"] == "/latest/"
    assert 'rel="prev"' not in first.content.decode()


def test_deep_pages_say_where_they_are(client, stories):
    second = client.get(links(client.get("/latest/"))["next"])
    assert "and earlier" in second.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "before=nonsense",
        "before=20261301T000000.000000Z-1",
        "after=2026-11-24",
        "before=20261124T000000.000000Z-99999999999999999999",
        "before=20261124T000000.000000Z-9999999999999999999",
        "before=00000101T000000.000000Z-1",
        "page=0",
        "page=abc",
        "page=51",
        "page=9",
    ],
)
def test_bad_positions_are_a_404_never_an_error(client, stories, query):
    assert client.get(f"/latest/?{query}").status_code == 404


def test_old_page_numbers_still_work(client, stories):
    assert headlines(client.get("/latest/?page=2")) == headlines(
        client.get(links(client.get("/latest/"))["next"])
    )


def test_a_cursor_before_every_story_is_a_404(client, stories):
    assert client.get("/latest/?before=19990101T000000.000000Z-1").status_code == 404


def test_a_cursor_newer_than_every_story_leads_to_the_first_page(client, stories):
    response = client.get("/latest/?after=99991231T235959.999999Z-1")
    assert response.status_code == 302
    assert response["Location"] == "/latest/"
