"""Who gets cached pages, what is stored, and the headers that go with them."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.http import http_date

from pagecache import invalidate
from tests.factories import make_article, make_user
from tests.pagecache.urls import renders

pytestmark = pytest.mark.django_db

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def story():
    return make_article(headline="Harbour reopens")


def test_staff_never_get_a_cached_page(client, fetch, story):
    url = story.get_absolute_url()
    fetch(url)
    assert fetch(url).hit
    staff = make_user(staff=True)
    client.force_login(staff)
    for _ in range(2):
        page = fetch(url)
        assert not page.hit
        assert page["Cache-Control"] == "private, no-store"
    # ...and what they were shown was never stored for readers.
    reader = Client()
    assert fetch(url, using=reader).hit
    assert "Set-Cookie" not in fetch(url, using=reader)


def test_a_session_cookie_bypasses_the_cache(fetch, story):
    url = story.get_absolute_url()
    fetch(url)
    with_session = Client()
    with_session.cookies["sessionid"] = "abc"
    assert not fetch(url, using=with_session).hit


def rendered(client, url):
    """(response, whether the view ran) for the test URLconf's views."""
    before = len(renders)
    response = client.get(url)
    return response, len(renders) > before


@pytest.mark.urls("tests.pagecache.urls")
def test_a_pending_message_is_shown_not_a_cached_page(client):
    rendered(client, "/form/")
    form, ran = rendered(client, "/form/")
    assert not ran
    token = TOKEN.search(form.content)[1].decode()
    response = client.post("/post/", {"csrfmiddlewaretoken": token, "text": "hello"})
    assert response.status_code == 302
    page, ran = rendered(client, "/form/")
    assert ran
    assert b"Your comment awaits moderation." in page.content
    assert "no-store" in page["Cache-Control"] or "private" in page["Cache-Control"]
    # The message is consumed; the next visit is the cached page again.
    after, ran = rendered(client, "/form/")
    assert b"awaits moderation" not in after.content
    assert not ran


@pytest.mark.urls("tests.pagecache.urls")
def test_each_reader_of_a_cached_form_gets_their_own_csrf_token_and_can_post():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get("/form/")
    page_two = second.get("/form/")  # from the cache
    token_one = TOKEN.search(page_one.content)[1]
    token_two = TOKEN.search(page_two.content)[1]
    assert b"placeholder" not in page_one.content + page_two.content
    assert token_one != token_two
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert page_one["Cache-Control"] == "private, no-cache"  # never in a shared cache

    assert first.post("/post/", {"csrfmiddlewaretoken": token_one.decode()}).status_code == 302
    assert second.post("/post/", {"csrfmiddlewaretoken": token_two.decode()}).status_code == 302


@pytest.mark.urls("tests.pagecache.urls")
def test_a_post_without_a_valid_token_is_refused():
    reader, attacker = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    reader.get("/form/")
    attacker_token = TOKEN.search(attacker.get("/form/").content)[1].decode()
    assert reader.post("/post/", {"text": "no token"}).status_code == 403
    # Another reader's token does not match this reader's cookie.
    assert reader.post("/post/", {"csrfmiddlewaretoken": attacker_token}).status_code == 403


@pytest.mark.urls("tests.pagecache.urls")
def test_a_returning_reader_keeps_their_csrf_cookie(fetch):
    reader = Client(enforce_csrf_checks=True)
    reader.get("/form/")
    cookie = reader.cookies["csrftoken"].value
    again = fetch("/form/", using=reader)
    assert again.hit
    assert "csrftoken" not in again.cookies  # nothing new to set
    token = TOKEN.search(again.content)[1].decode()
    assert reader.post("/post/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert reader.cookies["csrftoken"].value == cookie


def test_conditional_get_answers_304(client, fetch, story):
    url = story.get_absolute_url()
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == 304
    assert client.get(url, headers={"if-none-match": '"other"'}).status_code == 200
    # After a change, the old validators no longer match.
    story.headline = "Harbour reopens to ferries"
    story.save()
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    old = http_date((timezone.now() - timedelta(days=1)).timestamp())
    assert client.get(url, headers={"if-modified-since": old}).status_code == 200


def test_if_modified_since_never_hides_a_change_made_within_the_same_second(client, story):
    url = story.get_absolute_url()
    first = client.get(url)
    story.headline = "Changed at once"
    story.save()
    again = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 200
    assert b"Changed at once" in again.content
    assert again["Last-Modified"] != first["Last-Modified"]


def test_a_scheduled_story_coming_due_changes_the_validators(client, story):
    due = timezone.now() + timedelta(minutes=5)
    make_article(headline="Due soon", publish_at=due)
    first = client.get("/latest/")
    with mock.patch("django.utils.timezone.now", return_value=due + timedelta(seconds=1)):
        again = client.get(
            "/latest/",
            headers={"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]},
        )
        assert again.status_code == 200
        assert b"Due soon" in again.content
        only_date = client.get("/latest/", headers={"if-modified-since": first["Last-Modified"]})
        assert only_date.status_code == 200


def test_cache_control_fits_a_cdn_and_never_outlives_a_scheduled_story(client, settings, story):
    response = client.get("/latest/")
    assert response["Cache-Control"] == (
        "public, max-age=0, s-maxage=60, stale-while-revalidate=30, stale-if-error=21600"
    )
    assert response["Vary"] == "Cookie"
    make_article(publish_at=timezone.now() + timedelta(seconds=40))
    control = client.get("/latest/")["Cache-Control"]
    shared = int(re.search(r"s-maxage=(\d+)", control)[1])
    stale = int(re.search(r"stale-while-revalidate=(\d+)", control)[1])
    assert shared + stale <= 40


def test_security_headers_are_on_cached_pages_too(client, story):
    first = client.get(story.get_absolute_url())
    hit = client.get(story.get_absolute_url())
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type"):
        assert hit[header] == first[header]
    assert hit["Referrer-Policy"] == first["Referrer-Policy"]


def test_tracking_parameters_share_the_cached_page(fetch, story):
    url = story.get_absolute_url()
    fetch(url)
    assert fetch(url + "?utm_source=newsletter&fbclid=abc").hit


def test_unknown_query_parameters_are_answered_but_not_stored(fetch, story):
    url = story.get_absolute_url() + "?x=1"
    assert fetch(url).status_code == 200
    assert not fetch(url).hit


def test_errors_and_redirects_are_not_stored(fetch):
    assert fetch("/news/missing/").status_code == 404
    assert not fetch("/news/missing/").hit
    assert fetch("/latest").status_code == 301


@pytest.mark.urls("tests.pagecache.urls")
def test_cached_page_decorator_tags_from_the_url(client):
    rendered(client, "/plain/one/")
    rendered(client, "/plain/two/")
    invalidate(["test:plain-one"])
    assert not rendered(client, "/plain/two/")[1]
    assert rendered(client, "/plain/one/")[1]


def test_post_and_head_requests(client, fetch, story):
    url = story.get_absolute_url()
    assert client.head(url).status_code == 200
    assert not fetch(url).hit  # HEAD stores nothing
    assert fetch(url).hit
    assert client.head(url).status_code == 200


def test_evicted_tag_versions_invalidate_rather_than_serve_stale(fetch, story):
    from pagecache import store

    url = story.get_absolute_url()
    fetch(url)
    store.cache().delete(store.vkey(f"article:{story.pk}"))
    assert not fetch(url).hit


def test_disabled_cache_renders_every_time(settings, story):
    settings.PAGECACHE_ENABLED = False
    reader = Client()
    reader.get(story.get_absolute_url())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        reader.get(story.get_absolute_url())
    assert len(queries) > 0


@pytest.mark.urls("tests.pagecache.urls")
def test_pages_a_view_did_not_tag_are_never_stored(client):
    """Previews (share links included) and every other untagged page."""
    for _ in range(2):
        response, ran = rendered(client, "/preview/")
        assert ran
        assert response["Cache-Control"] == "private, no-cache"


def test_a_disallowed_host_is_refused_not_cached(client, story):
    assert client.get(story.get_absolute_url(), headers={"host": "evil.example"}).status_code == 400


def test_a_page_rendered_just_after_a_change_is_kept_by_no_shared_cache(client, settings, story):
    """Rendered within the clock skew of a change, a page may hold data read
    before the change committed: this cache does not store it, and a shared
    cache (Varnish, a CDN) must not keep it either, yet must be able to purge
    it by its tags (it once went out untagged, with s-maxage=3600, and
    Varnish served it until then)."""
    settings.PAGECACHE_TAG_HEADER = "xkey"
    settings.PAGECACHE_SHARED_MAX_AGE = 3600
    settings.PAGECACHE_CLOCK_SKEW = 1.0  # as in production
    fresh = Client()
    invalidate([f"article:{story.pk}"])
    response = fresh.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "s-maxage=0," in response["Cache-Control"]
    assert f"article:{story.pk}" in response["xkey"].split()
    # Once the change is older than the skew, the page is kept as ever.
    with mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + timedelta(seconds=2)
    ):
        again = Client().get(story.get_absolute_url())
    assert "s-maxage=3600," in again["Cache-Control"]
