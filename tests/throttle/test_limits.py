"""Rate limits count in the shared cache, and keep counting without it:
never unlimited, never refusing everyone."""

import uuid

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from comments.models import Comment
from pagecache.backends import CacheUnavailable, CircuitBreaker
from tests.comments.helpers import form_data
from tests.factories import make_article
from throttle import limits
from throttle.limits import Limit

DEAD_REDIS = {
    "default": {
        "BACKEND": "pagecache.backends.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
        "KEY_PREFIX": f"limits-{uuid.uuid4().hex[:8]}",
    }
}


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    CircuitBreaker._all.clear()
    monkeypatch.setattr(limits, "PROCESS_COUNTS", limits.ProcessCounts())
    yield
    CircuitBreaker._all.clear()


def test_a_limit_counts_in_the_shared_cache():
    limit = Limit("test", limit=2, period=600)
    assert [limit.allow("203.0.113.7") for _ in range(3)] == [True, True, False]
    assert limit.allow("203.0.113.8")
    assert limit.allow(None)  # nothing to tell readers apart by: not limited here


def test_without_the_cache_a_limit_counts_the_callers_records(monkeypatch):
    def down(*args, **kwargs):
        raise CacheUnavailable("refused")

    monkeypatch.setattr(limits.cache, "add", down)
    limit = Limit("test", limit=2, period=600)
    asked = []

    def recorded(since):
        asked.append(since)
        return len(asked) - 1  # 0, then 1, then 2 actions on record

    assert [limit.allow("203.0.113.7", recorded=recorded) for _ in range(3)] == [
        True,
        True,
        False,
    ]


def test_without_the_cache_or_records_a_limit_counts_in_the_process(monkeypatch):
    def down(*args, **kwargs):
        raise CacheUnavailable("refused")

    monkeypatch.setattr(limits.cache, "add", down)
    limit = Limit("test", limit=2, period=600)
    assert [limit.allow("203.0.113.7") for _ in range(3)] == [True, True, False]
    assert limit.allow("203.0.113.8")


@pytest.mark.django_db
@override_settings(CACHES=DEAD_REDIS, COMMENTS_RATE_PER_IP=3)
def test_comment_rate_limits_hold_while_redis_is_down():
    article = make_article()
    url = reverse("reader:comment", args=[article.slug])
    reader = Client(raise_request_exception=False)
    statuses = [
        reader.post(url, form_data(article), REMOTE_ADDR="203.0.113.7").status_code
        for _ in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert Comment.objects.count() == 3
    # Another reader is not refused for the first one's comments.
    other = reader.post(url, form_data(article), REMOTE_ADDR="203.0.113.8")
    assert other.status_code == 302


@pytest.mark.django_db
@override_settings(COMMENTS_RATE_PER_EMAIL=2)
def test_the_email_limit_counts_a_mailbox_not_its_spellings():
    article = make_article()
    url = reverse("reader:comment", args=[article.slug])
    reader = Client()
    statuses = [
        reader.post(url, form_data(article, email=email), REMOTE_ADDR=f"203.0.113.{n}").status_code
        for n, email in enumerate(["pat+1@example.org", "Pat+2@Example.org", "pat+3@example.org"])
    ]
    assert statuses == [302, 302, 429]
