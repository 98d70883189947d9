"""Breaking news: a banner on every page until its time, served from the cache."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editorial import services
from reader import breaking, invalidation
from tests.editorial.helpers import admin_form, change_url
from tests.factories import make_article

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def clock(monkeypatch):
    """Move "now" forward without sleeping."""

    class Clock:
        offset = timedelta()

        def advance(self, **kwargs):
            self.offset += timedelta(**kwargs)

    clock, real_now = Clock(), timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + clock.offset)
    return clock


def banner(client, url="/"):
    page = client.get(url).content.decode()
    if 'class="breaking"' not in page:
        return None
    return page.split('class="breaking"', 1)[1].split("</aside>", 1)[0]


def test_banner_links_to_the_story_from_every_page(client, editor):
    story = make_article(headline="Dam bursts upstream")
    other = make_article(headline="Another story")
    services.mark_breaking(story, by=editor, until=timezone.now() + timedelta(hours=1))
    for url in (
        "/",
        reverse("reader:latest"),
        other.get_absolute_url(),
        story.section.get_absolute_url(),
    ):
        html = banner(client, url)
        assert html is not None, url
        assert "Dam bursts upstream" in html and f'href="{story.get_absolute_url()}"' in html


def test_banner_costs_no_query_once_cached(client, editor):
    story = make_article(headline="Dam bursts upstream")
    services.mark_breaking(story, by=editor, until=timezone.now() + timedelta(hours=1))
    breaking.current_breaking()
    with CaptureQueriesContext(connection) as queries:
        assert breaking.current_breaking()["headline"] == "Dam bursts upstream"
    assert len(queries) == 0


def test_no_banner_costs_no_query_either(db):
    breaking.current_breaking()
    with CaptureQueriesContext(connection) as queries:
        assert breaking.current_breaking() is None
    assert len(queries) == 0


def test_banner_disappears_exactly_at_its_time(client, editor, clock):
    story = make_article(headline="Storm warning")
    services.mark_breaking(story, by=editor, until=timezone.now() + timedelta(minutes=30))
    assert banner(client) is not None  # cached now
    clock.advance(minutes=29, seconds=59)
    assert banner(client) is not None
    clock.advance(seconds=2)
    assert banner(client) is None


def test_scheduled_breaking_story_shows_only_once_live(client, editor, clock):
    story = make_article(status=Status.DRAFT, headline="Results at noon")
    services.publish(story, by=editor, at=timezone.now() + timedelta(minutes=10))
    services.mark_breaking(story, by=editor, until=timezone.now() + timedelta(hours=2))
    assert banner(client) is None  # cached as "none until 10 minutes from now"
    clock.advance(minutes=10, seconds=1)
    assert "Results at noon" in banner(client)


def test_unpublished_or_draft_stories_never_get_a_banner(client, editor):
    story = make_article(headline="Pulled story")
    services.mark_breaking(story, by=editor, until=timezone.now() + timedelta(hours=1))
    assert banner(client) is not None
    services.unpublish(story, by=editor)
    assert banner(client) is None  # the change emptied the cache
    draft = make_article(status=Status.DRAFT, headline="Draft")
    Article.objects.filter(pk=draft.pk).update(breaking_until=timezone.now() + timedelta(hours=1))
    assert breaking._compute(timezone.now())["story"] is None


def test_newest_breaking_story_wins_and_ending_it_falls_back(client, editor):
    older = make_article(headline="Older breaking", ago=timedelta(hours=2))
    newer = make_article(headline="Newer breaking", ago=timedelta(minutes=5))
    until = timezone.now() + timedelta(hours=1)
    services.mark_breaking(older, by=editor, until=until)
    services.mark_breaking(newer, by=editor, until=until)
    assert "Newer breaking" in banner(client)
    services.clear_breaking(newer, by=editor)
    assert "Older breaking" in banner(client)


def test_editor_marks_breaking_in_the_admin_journalist_cannot(client, editor, journalist):
    story = make_article(headline="Quake", created_by=journalist, authors=[journalist.author])
    until = timezone.localtime() + timedelta(hours=3)
    client.force_login(editor)
    data = admin_form(client, story)
    data.update(
        breaking_until_0=until.strftime("%Y-%m-%d"), breaking_until_1=until.strftime("%H:%M:%S")
    )
    assert client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.is_breaking
    assert "Quake" in banner(client)
    # A time in the past is refused with a message, not stored.
    data = admin_form(client, story)
    past = timezone.localtime() - timedelta(hours=1)
    data.update(
        breaking_until_0=past.strftime("%Y-%m-%d"), breaking_until_1=past.strftime("%H:%M:%S")
    )
    assert "Choose a time in the future" in client.post(change_url(story), data).content.decode()


def test_journalist_cannot_set_breaking_even_by_crafted_post(client, journalist):
    story = make_article(
        status=Status.DRAFT, headline="Mine", created_by=journalist, authors=[journalist.author]
    )
    client.force_login(journalist)
    data = admin_form(client, story)
    until = timezone.localtime() + timedelta(hours=3)
    data.update(
        breaking_until_0=until.strftime("%Y-%m-%d"), breaking_until_1=until.strftime("%H:%M:%S")
    )
    client.post(change_url(story), data)
    story.refresh_from_db()
    assert story.breaking_until is None
    with pytest.raises(PermissionDenied):
        services.mark_breaking(story, by=journalist, until=until)


def test_a_database_failure_hides_the_banner_instead_of_failing_the_page(db, monkeypatch):
    from django.db import OperationalError

    def broken(now, edition=None):
        raise OperationalError("database is down")

    monkeypatch.setattr(breaking, "_compute", broken)
    assert breaking.current_breaking() is None


def test_page_caches_expire_when_the_banner_ends(editor):
    story = make_article(headline="Storm")
    until = timezone.now() + timedelta(minutes=30)
    assert invalidation.next_due(timezone.now().timestamp()) == 0.0
    services.mark_breaking(story, by=editor, until=until)
    assert invalidation.next_due(timezone.now().timestamp()) == until.timestamp()
