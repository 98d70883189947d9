import json
from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date

from articles.models import Article
from reader.formats import iso
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:500]
    return response


def parse(response):
    if response["Content-Type"] == "application/feed+json":
        # feedparser 6.0 reads no JSON Feed; check the shape the spec requires.
        data = json.loads(response.content)
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        assert data["title"]
        for item in data["items"]:
            assert item["id"] and ("content_text" in item or "content_html" in item)
        return feedparser.FeedParserDict(entries=data["items"])
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize("name", ["syndication:latest", "syndication:latest-atom"])
def test_latest_feed_items_have_every_field(client, story, name):
    response = fetch(client, reverse(name))
    parsed = parse(response)
    assert parsed.version == ("rss20" if name == "syndication:latest" else "atom10")
    assert parsed.feed.title == "The Newsroom: The Latest"
    assert parsed.feed.link == "https://news.example.org/latest/"
    [item] = parsed.entries
    assert item.title == story.headline
    assert item.link == "https://news.example.org/news/" + story.slug + "/"
    assert item.summary == story.standfirst
    assert item.author == "Holly Johnston and Sam Rahimi"
    assert item.published_parsed[:6] == story.publish_at.utctimetuple()[:6]
    assert {tag.term for tag in item.tags} == {"World", "Iraq", "Defence"}
    [enclosure] = item.enclosures
    assert enclosure.href.startswith("https://news.example.org/media/images/")
    assert enclosure.type == "image/png"
    assert int(enclosure.length) == story.lead_image.file.size > 0
    [media] = item.media_content
    assert media["url"] == enclosure.href
    assert media["medium"] == "image"
    if name == "syndication:latest-atom":
        assert item.updated_parsed[:6] == story.updated_at.utctimetuple()[:6]


@pytest.mark.parametrize(
    "name,atom_name,url_slug",
    [
        ("syndication:section", "syndication:section-atom", lambda s: s.section.slug),
        ("syndication:tag", "syndication:tag-atom", lambda s: "iraq"),
        ("syndication:author", "syndication:author-atom", lambda s: "holly-johnston"),
    ],
)
def test_scoped_feeds_list_only_their_stories(client, story, name, atom_name, url_slug):
    other = make_article(headline="Elsewhere entirely", tags=["Sport"])
    for feed_name in (name, atom_name):
        parsed = parse(fetch(client, reverse(feed_name, args=[url_slug(story)])))
        titles = [entry.title for entry in parsed.entries]
        assert titles == [story.headline]
        assert other.headline not in titles


@pytest.mark.parametrize("name", ["syndication:section", "syndication:tag", "syndication:author"])
def test_unknown_scope_is_404(client, db, name):
    assert client.get(reverse(name, args=["no-such-thing"])).status_code == 404


def test_json_feed(client, story):
    response = fetch(client, reverse("syndication:latest-json"))
    assert response["Content-Type"] == "application/feed+json"
    data = json.loads(response.content)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == "https://news.example.org/feeds/latest.json"
    [item] = data["items"]
    assert item["title"] == story.headline
    assert item["url"] == "https://news.example.org/news/" + story.slug + "/"
    assert item["summary"] == story.standfirst
    assert [a["name"] for a in item["authors"]] == ["Holly Johnston", "Sam Rahimi"]
    assert item["authors"][0]["url"] == "https://news.example.org/author/holly-johnston/"
    assert set(item["tags"]) == {"World", "Iraq", "Defence"}
    assert item["date_published"] == iso(story.publish_at)
    assert item["date_modified"] == iso(story.updated_at)
    assert item["image"].startswith("https://news.example.org/media/")
    assert item["attachments"][0]["mime_type"] == "image/png"
    assert item["attachments"][0]["size_in_bytes"] == story.lead_image.file.size


def test_feed_escapes_markup_in_headlines(client, section):
    make_article(headline="Tom & Jerry <script>alert(1)</script>", section=section)
    parsed = parse(fetch(client, reverse("syndication:latest")))
    assert parsed.entries[0].title == "Tom & Jerry <script>alert(1)</script>"


def test_story_without_image_has_no_enclosure(client, section):
    make_article(section=section)
    parsed = parse(fetch(client, reverse("syndication:latest")))
    assert not parsed.entries[0].get("enclosures")


def test_feeds_are_newest_first_and_capped(client, section):
    for hours in range(35):
        make_article(section=section, ago=timedelta(hours=hours + 1), headline=f"Story {hours}")
    parsed = parse(fetch(client, reverse("syndication:latest")))
    assert len(parsed.entries) == 30
    assert parsed.entries[0].title == "Story 0"
    assert parsed.entries[-1].title == "Story 29"


# Query counts: the same whatever the number of items, authors and tags.


def _populate(section, *, items, authors, tags):
    people = [make_author() for _ in range(authors)]
    for n in range(items):
        make_article(
            section=section,
            authors=people,
            tags=[f"topic {t}" for t in range(tags)],
            ago=timedelta(minutes=n + 1),
        )


FEEDS = [
    ("syndication:latest", []),
    ("syndication:latest-atom", []),
    ("syndication:latest-json", []),
    ("syndication:section", ["world"]),
    ("syndication:section-atom", ["world"]),
    ("syndication:tag", ["topic-0"]),
    ("syndication:author-atom", None),
]


@pytest.mark.parametrize("name,args", FEEDS)
@pytest.mark.parametrize(
    "shape",
    [
        {"items": 5, "authors": 1, "tags": 1},
        {"items": 30, "authors": 3, "tags": 10},
    ],
)
def test_feed_query_count_is_fixed(client, section, django_assert_num_queries, name, args, shape):
    _populate(section, **shape)
    if args is None:
        args = [Article.objects.first().byline[0].slug]
    scoped = 1 if args else 0
    # Scope object + validators (1) + items (1) + bylines (1) + tags (1).
    with django_assert_num_queries(4 + scoped):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert len(parse(response).entries) == shape["items"]


# Conditional GET.


@pytest.mark.parametrize("name", ["syndication:latest", "syndication:latest-json"])
def test_unchanged_feed_answers_304_to_etag(client, story, name, django_assert_max_num_queries):
    first = fetch(client, reverse(name))
    assert first["ETag"] and first["Last-Modified"]
    with django_assert_max_num_queries(1):
        again = client.get(reverse(name), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_unchanged_feed_answers_304_to_if_modified_since(client, story):
    first = fetch(client, reverse("syndication:latest"))
    again = client.get(
        reverse("syndication:latest"), headers={"if-modified-since": first["Last-Modified"]}
    )
    assert again.status_code == 304


def test_new_story_changes_validators(client, story):
    first = fetch(client, reverse("syndication:latest"))
    make_article(section=story.section, ago=timedelta(seconds=0))
    again = client.get(reverse("syndication:latest"), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_withdrawing_an_older_story_is_not_answered_304(client, story, section, monkeypatch):
    newer = make_article(section=section, ago=timedelta(minutes=1))
    first = fetch(client, reverse("syndication:latest"))
    # HTTP dates have one-second resolution: the withdrawal happens a little later.
    later = timezone.now() + timedelta(seconds=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    story.status = Article.Status.UNPUBLISHED
    story.save()
    for headers in (
        {"if-none-match": first["ETag"]},
        {"if-modified-since": first["Last-Modified"]},
    ):
        again = client.get(reverse("syndication:latest"), headers=headers)
        assert again.status_code == 200
        titles = [e.title for e in parse(again).entries]
        assert titles == [newer.headline]


def test_scheduled_story_coming_due_is_not_answered_304(client, story, monkeypatch):
    due = make_article(section=story.section, publish_at=timezone.now() + timedelta(minutes=5))
    first = fetch(client, reverse("syndication:latest"))
    assert due.headline not in first.content.decode()
    later = timezone.now() + timedelta(minutes=10)
    monkeypatch.setattr(timezone, "now", lambda: later)
    again = client.get(
        reverse("syndication:latest"),
        headers={"if-modified-since": first["Last-Modified"], "if-none-match": first["ETag"]},
    )
    assert again.status_code == 200
    assert parse(again).entries[0].title == due.headline
    # Newer than what the reader had (the page cache stamps when it rendered).
    assert parse_http_date(again["Last-Modified"]) > parse_http_date(first["Last-Modified"])
