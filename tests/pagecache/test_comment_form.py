"""The real comment form on a cached article page: the page is the same for
every reader (no CSRF token, no timestamp in it, so shared caches may keep
it), posting works with the token the form's script fetches, cross-site
posts are refused, and the minimum fill time counts from when each reader
fetched their token."""

import re
import time
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from comments.forms import TIMESTAMP_SALT
from comments.models import Comment
from reader.commenting import AWAITING_MODERATION
from tests.factories import make_article

pytestmark = pytest.mark.django_db

TS = re.compile(rb'name="ts" value="([^"]*)"')


@pytest.fixture
def story():
    return make_article(headline="Market day returns")


def token(client, story):
    """What the form's script does when the reader comes to the form."""
    return client.get(reverse("reader:comment-token", args=[story.slug])).json()["ts"]


def post(client, story, ts, **extra):
    data = {
        "ts": ts,
        "name": "Reader",
        "email": "reader@example.org",
        "body": "A thoughtful comment about the market.",
        "website": "",
        **extra,
    }
    return client.post(
        f"/news/{story.slug}/comment/",
        data,
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )


def test_the_cached_article_page_is_the_same_for_every_reader(story):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get(story.get_absolute_url())
    page_two = second.get(story.get_absolute_url())  # a cache hit
    assert page_one.content == page_two.content
    assert b"csrfmiddlewaretoken" not in page_one.content
    assert TS.search(page_one.content)[1] == b""
    for page in (page_one, page_two):
        assert page["Cache-Control"].startswith("public, ")
        assert "s-maxage=" in page["Cache-Control"]
        assert not page.cookies


def test_readers_of_a_cached_page_post_with_their_own_fetched_token(settings, story):
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(story.get_absolute_url())
    second.get(story.get_absolute_url())  # a cache hit
    ts_one, ts_two = token(first, story), token(second, story)
    assert ts_one != ts_two
    for ts in (ts_one, ts_two):
        assert signing.loads(ts, salt=TIMESTAMP_SALT)["a"] == story.pk

    assert post(first, story, ts_one).status_code == 302
    assert post(second, story, ts_two, body="Another view entirely.").status_code == 302
    assert Comment.objects.filter(article=story).count() == 2


def test_a_post_from_another_site_is_refused(story, settings):
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    reader = Client(enforce_csrf_checks=True)
    ts = token(reader, story)
    response = reader.post(
        f"/news/{story.slug}/comment/",
        {"ts": ts, "name": "R", "email": "r@example.org", "body": "Forged words", "website": ""},
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_minimum_fill_time_counts_from_when_the_reader_fetched_the_token(settings, story):
    settings.COMMENTS_MIN_FILL_SECONDS = 3
    warm = Client()
    warm.get(story.get_absolute_url())  # rendered and stored now
    later = time.time() + 600
    bot = Client(enforce_csrf_checks=True)
    with mock.patch("time.time", return_value=later):
        assert bot.get(story.get_absolute_url())["Cache-Control"].startswith("public")  # a hit
        ts = token(bot, story)
        assert signing.loads(ts, salt=TIMESTAMP_SALT)["t"] == int(later)
        # Posting at once is too fast, though the stored page is ten minutes old.
        assert post(bot, story, ts).status_code == 400
    assert not Comment.objects.exists()


def test_after_posting_the_reader_sees_the_moderation_message_not_the_cache(settings, story):
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    reader = Client(enforce_csrf_checks=True)
    reader.get(story.get_absolute_url())
    response = post(reader, story, token(reader, story))
    assert response.status_code == 302
    page = reader.get(story.get_absolute_url())
    assert escape(AWAITING_MODERATION).encode() in page.content
    assert "public" not in page["Cache-Control"]
    # The message was shown once; the next visit is the shared page again.
    again = reader.get(story.get_absolute_url())
    assert escape(AWAITING_MODERATION).encode() not in again.content
