"""Lists of stories go as deep as a reader likes, with no OFFSET scans."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_section
from tests.pagecache.conftest import _no_clock_skew  # noqa: F401 (one process, one clock)

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


def test_a_cursor_is_accepted_only_as_cursor_spells_it(client, stories):
    """Any other spelling of a position would be a page of its own in the
    page cache, which keys on the query string."""
    older = links(client.get("/latest/"))["next"]
    assert client.get(older).status_code == 200
    spelt = older.split("before=", 1)[1]
    stamp, pk = spelt.split("Z-")
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    for variant in (
        f"{stamp}Z-0{pk}",  # a leading zero
        f"{stamp.translate(arabic)}Z-{pk}",  # other digits
        f"{stamp}Z-{pk.translate(arabic)}",
        f"{stamp}Z-{pk}%0A",  # a trailing newline
        f"{stamp.lower()}z-{pk}",
        f"{stamp}Z-{pk}&before={spelt}",  # twice
        f"{spelt}&page=2",  # two positions
        f"{spelt}&after={spelt}",
    ):
        assert client.get(f"/latest/?before={variant}").status_code == 404, variant


@pytest.mark.parametrize(
    "query, location",
    [
        ("page=1", "/latest/"),
        ("page=01", "/latest/"),
        ("page=02", "/latest/?page=2"),
        ("page=٢", "/latest/?page=2"),  # Arabic-Indic
        ("page=۲", "/latest/?page=2"),  # Extended Arabic-Indic (Kurdish, Persian)
        ("page=２", "/latest/?page=2"),  # fullwidth
        ("ref=home&page=002", "/latest/?ref=home&page=2"),  # other parameters kept
    ],
)
def test_other_spellings_of_a_page_number_redirect_to_its_address(client, stories, query, location):
    response = client.get(f"/latest/?{query}")
    assert response.status_code == 301
    assert response["Location"] == location
    assert client.get(location).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "page=²",
        "page=2x",
        "page=+2",
        "page= 2",
        "page=2.0",
        "page=",
        "page=2&page=2",
        "page=" + "9" * 5000,
        "page=" + "0" * 20 + "2",
        "page=99999999999999999999",
    ],
)
def test_anything_else_in_a_page_number_is_a_404(client, stories, query):
    response = client.get(f"/latest/?{query}")
    assert response.status_code == 404
    assert b"We can\xe2\x80\x99t find that page" in response.content


def test_one_page_is_one_entry_in_the_page_cache(client, stories):
    from django.core.cache import cache

    from pagecache.store import PAGE_PREFIX

    def stored_pages():
        return sum(PAGE_PREFIX in key for key in cache._cache)

    cache.clear()
    client.get("/latest/?page=2")
    assert stored_pages() == 1
    for query in ("page=02", "page=٢", "page=2&page=2", "page=&page=2", "page=2&before=x"):
        client.get(f"/latest/?{query}")
    assert stored_pages() == 1


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
