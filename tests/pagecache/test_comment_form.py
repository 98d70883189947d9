"""The real comment form on a cached article page: posting works, CSRF holds,
and the form's timestamp is the time each reader was served."""

import re
import time
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.utils.html import escape

from comments.forms import TIMESTAMP_SALT
from comments.models import Comment
from reader.commenting import AWAITING_MODERATION
from tests.factories import make_article

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
TS = re.compile(rb'name="ts" value="([^"]+)"')


@pytest.fixture
def story():
    return make_article(headline="Market day returns")


def form_fields(page):
    return CSRF.search(page.content)[1].decode(), TS.search(page.content)[1].decode()


def post(client, story, token, ts, **extra):
    data = {
        "csrfmiddlewaretoken": token,
        "ts": ts,
        "name": "Reader",
        "email": "reader@example.org",
        "body": "A thoughtful comment about the market.",
        "website": "",
        **extra,
    }
    return client.post(f"/news/{story.slug}/comment/", data)


def test_readers_of_a_cached_page_post_with_their_own_token_and_time(settings, story):
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get(story.get_absolute_url())
    page_two = second.get(story.get_absolute_url())  # a cache hit
    token_one, ts_one = form_fields(page_one)
    token_two, ts_two = form_fields(page_two)
    assert b"pagecache-" not in page_one.content + page_two.content
    assert token_one != token_two
    for ts in (ts_one, ts_two):
        assert signing.loads(ts, salt=TIMESTAMP_SALT)["a"] == story.pk

    assert post(first, story, token_one, ts_one).status_code == 302
    assert post(second, story, token_two, ts_two, body="Another view entirely.").status_code == 302
    assert Comment.objects.filter(article=story).count() == 2


def test_a_post_without_the_readers_own_token_is_refused(story):
    reader, other = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    reader.get(story.get_absolute_url())
    other_token, ts = form_fields(other.get(story.get_absolute_url()))
    assert post(reader, story, "", ts).status_code == 403
    assert post(reader, story, other_token, ts).status_code == 403
    assert not Comment.objects.exists()


def test_the_minimum_fill_time_counts_from_when_the_reader_was_served(settings, story):
    settings.COMMENTS_MIN_FILL_SECONDS = 3
    warm = Client()
    warm.get(story.get_absolute_url())  # rendered and stored now
    later = time.time() + 600
    bot = Client(enforce_csrf_checks=True)
    with mock.patch("time.time", return_value=later):
        token, ts = form_fields(bot.get(story.get_absolute_url()))  # a cache hit
        assert signing.loads(ts, salt=TIMESTAMP_SALT)["t"] == int(later)
        # Posting at once is too fast, though the stored page is ten minutes old.
        assert post(bot, story, token, ts).status_code == 400
    assert not Comment.objects.exists()


def test_after_posting_the_reader_sees_the_moderation_message_not_the_cache(settings, story):
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    reader = Client(enforce_csrf_checks=True)
    token, ts = form_fields(reader.get(story.get_absolute_url()))
    response = post(reader, story, token, ts)
    assert response.status_code == 302
    page = reader.get(story.get_absolute_url())
    assert escape(AWAITING_MODERATION).encode() in page.content
    assert "public" not in page["Cache-Control"]
    # The message was shown once; the next visit is the shared page again.
    again = reader.get(story.get_absolute_url())
    assert escape(AWAITING_MODERATION).encode() not in again.content
