"""Editors arrange the top of the front page and of section pages: placed
stories keep their slots against newer ones, pins end at their time, only
visible stories show, and each change shows at once on cached pages."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editorial import services
from editorial.models import ArrangementRecord
from tests.editorial.helpers import member
from tests.factories import make_article, make_section
from tests.pagecache.conftest import _no_clock_skew  # noqa: F401 (one process, one clock)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return member("Editors", "front-editor")


@pytest.fixture
def city():
    return make_section("City", slug="city")


def lead(html):
    return re.search(r'class="top-story__headline"><a [^>]*>([^<]+)<', html).group(1)


def section_headlines(html):
    return re.findall(r'class="card__headline"><a [^>]*>([^<]+)<', html)


def test_without_arrangement_the_newest_story_leads(fetch, city):
    make_article(headline="Older", section=city, ago=timedelta(hours=3))
    make_article(headline="Newest", section=city, ago=timedelta(minutes=5))
    assert lead(fetch("/").text) == "Newest"


def test_a_pinned_lead_stays_on_top_of_newer_stories(fetch, editor, city):
    flood = make_article(headline="Flood barrier holds", section=city, ago=timedelta(hours=3))
    make_article(headline="Markets calm", section=city, ago=timedelta(hours=1))
    fetch("/")
    assert fetch("/").hit

    services.arrange(None, by=editor, slots={1: (flood, None)})
    page = fetch("/")
    assert not page.hit and lead(page.text) == "Flood barrier holds"

    draft = make_article(headline="Business feature", section=city, status=Article.Status.DRAFT)
    services.publish(draft, by=editor)
    page = fetch("/").text
    assert lead(page) == "Flood barrier holds"
    assert "Business feature" in page  # first by time below the lead
    assert page.index("Business feature") < page.index("Markets calm")


def test_a_pin_ends_at_its_time_and_the_cached_page_with_it(fetch, editor, city):
    flood = make_article(headline="Flood barrier holds", section=city, ago=timedelta(hours=3))
    make_article(headline="Markets calm", section=city, ago=timedelta(hours=1))
    until = timezone.now() + timedelta(hours=1)
    services.arrange(None, by=editor, slots={1: (flood, until)})
    fetch("/")
    assert fetch("/").hit and lead(fetch("/").text) == "Flood barrier holds"
    with mock.patch("django.utils.timezone.now", return_value=until + timedelta(seconds=1)):
        page = fetch("/")
        assert not page.hit and lead(page.text) == "Markets calm"


def test_an_unpublished_pinned_story_leaves_its_slot(fetch, editor, city):
    flood = make_article(headline="Flood barrier holds", section=city, ago=timedelta(hours=3))
    make_article(headline="Markets calm", section=city, ago=timedelta(hours=1))
    services.arrange(None, by=editor, slots={1: (flood, None)})
    fetch("/")
    services.unpublish(flood, by=editor)
    page = fetch("/").text
    assert lead(page) == "Markets calm" and "Flood barrier holds" not in page


def test_a_scheduled_pin_shows_only_from_its_time(fetch, editor, city):
    make_article(headline="Markets calm", section=city, ago=timedelta(hours=1))
    at = timezone.now() + timedelta(hours=2)
    later = make_article(headline="Budget speech", section=city, publish_at=at)
    services.arrange(None, by=editor, slots={1: (later, None)})
    assert lead(fetch("/").text) == "Markets calm"
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=1)):
        assert lead(fetch("/").text) == "Budget speech"


def test_drafts_cannot_be_placed_and_journalists_cannot_arrange(editor, city):
    draft = make_article(headline="Draft", section=city, status=Article.Status.DRAFT)
    with pytest.raises(ValidationError, match="not published"):
        services.arrange(None, by=editor, slots={1: (draft, None)})
    story = make_article(headline="Live", section=city)
    with pytest.raises(PermissionDenied):
        services.arrange(None, by=member("Journalists", "jo"), slots={1: (story, None)})


def test_a_section_page_opens_with_its_placed_stories(fetch, editor, city):
    old = make_article(headline="Old bridge survey", section=city, ago=timedelta(days=40))
    for n in range(3):
        make_article(headline=f"City story {n}", section=city, ago=timedelta(hours=n + 1))
    fetch("/section/city/")
    services.arrange(city, by=editor, slots={2: (old, None)})
    page = fetch("/section/city/")
    assert not page.hit
    assert section_headlines(page.text)[:3] == ["City story 0", "Old bridge survey", "City story 1"]
    # The front page was not touched by a section's arrangement.
    other = make_section("Sport", slug="sport")
    with pytest.raises(ValidationError, match="not in Sport"):
        services.arrange(other, by=editor, slots={1: (old, None)})


def test_the_admin_arranges_by_plain_form_and_keeps_a_log(client, editor, city):
    flood = make_article(headline="Flood barrier holds", section=city, ago=timedelta(hours=3))
    make_article(headline="Markets calm", section=city, ago=timedelta(hours=1))
    client.force_login(editor)
    url = reverse("admin:editorial_placement_changelist")
    page = client.get(url).content.decode()
    assert "Lead story (slot 1)" in page and "Flood barrier holds" in page
    until = (timezone.localtime() + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"story_1": flood.pk, "until_1": until})
    assert response.status_code == 302
    assert lead(client.get("/").content.decode()) == "Flood barrier holds"
    record = ArrangementRecord.objects.get()
    assert record.by == editor and record.summary.startswith("Front page: 1. Flood barrier holds")
    assert "Flood barrier holds (until" in client.get(url).content.decode()

    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"story_1": flood.pk, "until_1": past})
    assert "Choose a time in the future" in response.content.decode()
    response = client.post(url, {"story_1": flood.pk, "story_2": flood.pk})
    assert "Already in lead story (slot 1)." in response.content.decode()


def test_journalists_do_not_get_the_arrangement_page(client, city):
    client.force_login(member("Journalists", "jo"))
    assert client.get(reverse("admin:editorial_placement_changelist")).status_code == 403


def test_an_arranged_front_page_costs_one_query_once_rendered(client, editor, city):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import forget_page

    flood = make_article(headline="Flood barrier holds", section=city, ago=timedelta(hours=3))
    make_article(headline="Markets calm", section=city, ago=timedelta(hours=1))
    services.arrange(None, by=editor, slots={1: (flood, None)})
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        client.get("/")
    # Shared pieces (3), the enabled editions (1), next due time (2), the
    # section blocks (1), the placements and their cards (2).
    assert len(cold) == 9
    forget_page("/")
    with CaptureQueriesContext(connection) as rendered:
        assert lead(client.get("/").content.decode()) == "Flood barrier holds"
    assert len(rendered) == 1
