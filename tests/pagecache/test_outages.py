"""The page cache when what it stands on fails: Redis refusing or hung, the
database down, a flood of query strings.

A cache is an accelerator: without Redis every page comes from the database
(at once, not after a timeout); without the database, stored pages are still
served, marked stale when outdated, and everything else is a 503 in the
site's design. The fault tests with real servers are
tests/production/test_faults.py.
"""

import socket
import threading
import time
import uuid
from contextlib import contextmanager

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client, override_settings
from django.urls import reverse

from comments.models import Comment
from pagecache import store
from pagecache.backends import CacheUnavailable, CircuitBreaker, RedisCache
from tests.comments.helpers import form_data, make_comment, make_moderator
from tests.factories import make_article, make_author, make_section
from tests.pagecache.conftest import REDIS_URL, redis_available
from tests.pagecache.urls import renders

pytestmark = pytest.mark.django_db

# Nothing listens on the discard port: connections are refused.
REFUSED = "redis://127.0.0.1:9/0"


def redis_at(location, **options):
    return {
        "default": {
            "BACKEND": "pagecache.backends.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"outage-{uuid.uuid4().hex[:8]}",
            "OPTIONS": options,
        }
    }


class HungRedis:
    """Takes connections and never answers: a Redis stopped dead, a
    firewall dropping packets after the handshake."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"redis://127.0.0.1:{self.listener.getsockname()[1]}/0"
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.held.append(self.listener.accept()[0])
            except OSError:
                return

    def close(self):
        self.listener.close()
        for connection in self.held:
            connection.close()


@pytest.fixture(autouse=True)
def _fresh_breakers():
    CircuitBreaker._all.clear()
    yield
    CircuitBreaker._all.clear()


@pytest.fixture
def redis_refuses():
    with override_settings(CACHES=redis_at(REFUSED)):
        yield


@pytest.fixture
def hung_redis():
    server = HungRedis()
    with override_settings(CACHES=redis_at(server.url)):
        yield server
    server.close()


@pytest.fixture
def site():
    section = make_section("Politics", slug="politics")
    author = make_author("Sam Writer", slug="sam-writer")
    story = make_article(
        headline="Parliament sits late", section=section, authors=[author], tags=["budget"]
    )
    make_comment(story, status=Comment.Status.APPROVED)
    return story


def reader_pages(story):
    return [
        "/",
        story.get_absolute_url(),
        "/latest/",
        "/section/politics/",
        "/tag/budget/",
        "/author/sam-writer/",
        "/feeds/latest/",
        "/feeds/section/politics/",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/search/?q=parliament",
        "/community-guidelines/",
    ]


def test_every_reader_page_is_served_while_redis_refuses_connections(redis_refuses, site):
    reader = Client(raise_request_exception=False)
    for url in reader_pages(site) * 2:
        response = reader.get(url)
        assert response.status_code == 200, url
    assert "Parliament sits late" in reader.get(site.get_absolute_url()).content.decode()


def test_comments_are_posted_and_decided_while_redis_refuses_connections(redis_refuses, site):
    reader = Client(raise_request_exception=False)
    response = reader.post(
        reverse("reader:comment", args=[site.slug]), form_data(site, body="Still taken.")
    )
    assert response.status_code == 302
    assert "awaits moderation" in reader.get(response["Location"]).content.decode()
    comment = Comment.objects.get(body="Still taken.")

    from comments.moderation import decide

    decide(comment=comment, to_status=Comment.Status.APPROVED, moderator=make_moderator())
    site.headline = "Parliament sits later"
    site.save()  # an editor's save never fails for the cache
    page = reader.get(site.get_absolute_url()).content.decode()
    assert "Parliament sits later" in page and "Still taken." in page


def test_a_hung_redis_costs_a_page_one_short_timeout_at_most(hung_redis, site):
    reader = Client(raise_request_exception=False)
    times = []
    for url in [site.get_absolute_url(), "/", "/latest/", site.get_absolute_url(), "/"]:
        started = time.monotonic()
        assert reader.get(url).status_code == 200, url
        times.append(time.monotonic() - started)
    # One timeout (0.25 s) on the first page, then the cache is left alone.
    assert times[0] < 1.5, times
    assert sum(times[1:]) < 2.0, times


def test_the_breaker_skips_redis_for_a_while_then_tries_again(hung_redis):
    cache = RedisCache(hung_redis.url, {"OPTIONS": {"breaker_seconds": 0.5}})
    started = time.monotonic()
    with pytest.raises(CacheUnavailable):
        cache.get("key")
    assert 0.2 < time.monotonic() - started < 1.0  # one socket timeout
    started = time.monotonic()
    for _ in range(50):
        with pytest.raises(CacheUnavailable):
            cache.get("key")
    assert time.monotonic() - started < 0.1  # not one more timeout
    time.sleep(0.55)
    started = time.monotonic()
    with pytest.raises(CacheUnavailable):
        cache.get("key")
    assert time.monotonic() - started > 0.2  # tried again


def test_the_breaker_closes_when_redis_answers():
    breaker = CircuitBreaker("redis://example", 60)
    breaker.check()
    breaker.failed(ConnectionError("refused"))
    with pytest.raises(CacheUnavailable, match="refused"):
        breaker.check()
    breaker.succeeded()
    breaker.check()


def test_a_change_saved_while_the_cache_failed_shows_once_it_answers(monkeypatch, fetch):
    story = make_article(headline="Before the outage")
    url = story.get_absolute_url()
    fetch(url)
    assert fetch(url).hit

    def unavailable(*args, **kwargs):
        raise CacheUnavailable("timed out")

    with monkeypatch.context() as patch:
        patch.setattr(store.cache(), "set_many", unavailable)
        story.headline = "Saved during the outage"
        story.save()  # the save goes on; the cache is told later
    page = fetch(url)
    assert not page.hit
    assert "Saved during the outage" in page.text
    assert not store.PENDING


@contextmanager
def database_down():
    """Every query fails as with the database server gone."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", refuse)
        patch.setattr(CursorWrapper, "executemany", refuse)
        yield


def test_a_stored_page_outlives_the_database_marked_stale(fetch, site):
    url = site.get_absolute_url()
    fetch(url)
    assert fetch(url).hit
    with database_down():
        # Still valid: served as ever, with no query at all.
        response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 200 and "Cache-Status" not in response

    site.headline = "Parliament sits later"
    site.save()  # the stored copy is outdated now
    with database_down():
        response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 200
    assert "Parliament sits late" in response.content.decode()
    assert response["Cache-Status"] == (
        "Newsroom; fwd=stale; fwd-status=503; detail=stale-if-error"
    )
    assert response["Cache-Control"] == "no-store"
    page = fetch(url)
    assert "Parliament sits later" in page.text and "Cache-Status" not in page


def test_pages_not_in_the_cache_get_a_designed_503_while_the_database_is_down(site):
    reader = Client(raise_request_exception=False)
    with database_down():
        responses = [
            reader.get("/author/sam-writer/"),
            reader.get("/search/?q=parliament"),
            reader.post(reverse("reader:comment", args=[site.slug]), form_data(site)),
        ]
    for response in responses:
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert response["Cache-Control"] == "no-store"
        page = response.content.decode()
        assert "<h1>This page is temporarily unavailable</h1>" in page
        assert 'class="masthead' in page and "css/site" in page  # the site's design
        assert '<meta name="robots" content="noindex, nofollow">' in page


def test_a_bug_is_still_a_500_not_a_503(monkeypatch, site):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("reader.views.render_article", broken)
    response = Client(raise_request_exception=False).get(site.get_absolute_url())
    assert response.status_code == 500
    assert "Retry-After" not in response


def rendered(client, url):
    before = len(renders)
    client.get(url)
    return len(renders) > before


@pytest.mark.urls("tests.pagecache.urls")
def test_query_variants_of_one_path_are_stored_up_to_a_limit(client, settings):
    settings.PAGECACHE_QUERY_VARIANTS = 3
    for page in range(1, 7):
        assert rendered(client, f"/list/?page={page}")
    stored = [not rendered(client, f"/list/?page={page}") for page in range(1, 7)]
    assert stored == [True, True, True, False, False, False]
    # Another path has its own allowance; the plain address is no variant.
    assert rendered(client, "/plain/other/?") and not rendered(client, "/plain/other/")


@pytest.mark.urls("tests.pagecache.urls")
def test_a_page_with_a_query_string_is_kept_for_a_short_time(client, settings, monkeypatch):
    settings.PAGECACHE_QUERY_TIMEOUT = 120
    clock = [store.now_ts()]
    monkeypatch.setattr(store, "now_ts", lambda: clock[0])
    rendered(client, "/list/?page=2")
    rendered(client, "/plain/kept/")
    clock[0] += 119
    assert not rendered(client, "/list/?page=2")
    clock[0] += 2
    assert rendered(client, "/list/?page=2")
    assert not rendered(client, "/plain/kept/")  # PAGECACHE_TIMEOUT (an hour)


@pytest.mark.skipif(not redis_available(), reason=f"no Redis at {REDIS_URL}")
@pytest.mark.urls("tests.pagecache.urls")
def test_outdated_pages_stay_in_redis_for_stale_if_error_but_query_pages_do_not(
    client, settings, redis_cache
):
    import redis

    settings.PAGECACHE_STALE_IF_ERROR = 5000
    settings.PAGECACHE_QUERY_TIMEOUT = 100
    rendered(client, "/plain/kept/")
    rendered(client, "/list/?page=2")
    connection = redis.Redis.from_url(REDIS_URL)
    ttls = {
        url: connection.ttl(f"{redis_cache}:1:{store.page_key('testserver', url, query)}")
        for url, query in (("/plain/kept/", ""), ("/list/", "page=2"))
    }
    assert 3600 + 5000 - 5 <= ttls["/plain/kept/"] <= 3600 + 5000
    assert 0 < ttls["/list/"] <= 100
