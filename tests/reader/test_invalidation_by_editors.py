"""The newsroom's own actions (editorial services) refresh the cached pages."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from articles.models import Article
from editorial import services
from tests.editorial.helpers import member
from tests.factories import make_article, make_author, make_section
from tests.pagecache.conftest import _no_clock_skew  # noqa: F401 (one process, one clock)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return member("Editors", "cache-editor")


@pytest.fixture
def story():
    return make_article(
        headline="Bridge reopens",
        section=make_section("City", slug="city"),
        authors=[make_author("Lina Hadi", slug="lina-hadi")],
        tags=["transport"],
    )


def pages(article):
    return [
        "/",
        "/latest/",
        article.get_absolute_url(),
        "/section/city/",
        "/tag/transport/",
        "/author/lina-hadi/",
    ]


def warm(fetch, urls):
    for url in urls:
        fetch(url)
        assert fetch(url).hit, url


def test_a_correction_shows_at_once_on_a_cached_article(fetch, editor, story):
    warm(fetch, pages(story))
    services.append_correction(
        story, by=editor, kind="correction", text="An earlier version misnamed the bridge."
    )
    page = fetch(story.get_absolute_url())
    assert not page.hit
    assert "An earlier version misnamed the bridge." in page.text


def test_publishing_through_the_workflow_refreshes_the_listings(fetch, editor, story):
    draft = make_article(
        headline="Council approves ferry",
        status=Article.Status.DRAFT,
        section=story.section,
        authors=story.byline,
        tags=["transport"],
    )
    warm(fetch, pages(story))
    services.publish(draft, by=editor)
    for url in pages(story):
        assert "Council approves ferry" in fetch(url).text, url


def test_unpublishing_through_the_workflow_withdraws_everywhere(fetch, editor, story):
    warm(fetch, pages(story))
    services.unpublish(story, by=editor)
    assert fetch(story.get_absolute_url()).status_code == 404
    for url in pages(story):
        if url != story.get_absolute_url():
            assert "Bridge reopens" not in fetch(url).text, url


def test_scheduling_through_the_workflow_appears_at_its_time(fetch, editor, story):
    draft = make_article(
        headline="Tunnel opens tonight", status=Article.Status.DRAFT, section=story.section
    )
    at = timezone.now() + timedelta(hours=2)
    services.publish(draft, by=editor, at=at)
    warm(fetch, ["/", "/latest/", "/section/city/"])
    for url in ["/", "/latest/", "/section/city/"]:
        assert "Tunnel opens tonight" not in fetch(url).text
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(milliseconds=1)):
        for url in ["/", "/latest/", "/section/city/"]:
            assert "Tunnel opens tonight" in fetch(url).text, url


def test_the_breaking_banner_comes_and_goes_on_cached_pages(fetch, editor, story):
    other = make_article(headline="Unrelated story", ago=timedelta(days=3))
    warm(fetch, [other.get_absolute_url(), "/latest/"])
    until = timezone.now() + timedelta(minutes=30)
    services.mark_breaking(story, by=editor, until=until)
    for url in [other.get_absolute_url(), "/latest/"]:
        page = fetch(url)
        assert not page.hit
        assert 'class="breaking"' in page.text and "Bridge reopens" in page.text, url
        assert fetch(url).hit
    with mock.patch("django.utils.timezone.now", return_value=until + timedelta(seconds=1)):
        page = fetch(other.get_absolute_url())
        assert not page.hit
        assert 'class="breaking' not in page.text
    services.clear_breaking(story, by=editor)
    assert 'class="breaking' not in fetch("/latest/").text


def test_a_share_link_preview_is_never_cached(client, editor):
    draft = make_article(headline="Secret draft", status=Article.Status.DRAFT)
    link = services.create_share_link(draft, by=editor)
    from django.urls import reverse

    url = reverse("reader:shared-preview", args=[link.token])
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
    services.revoke_share_link(link, by=editor)
    assert client.get(url).status_code == 410
