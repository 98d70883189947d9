"""Corrections and updates: appended in the open, dated, and they bump "Updated"."""

from datetime import UTC, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.changes import Change, content_changed
from articles.models import Article
from editorial import services
from editorial.models import Correction
from tests.editorial.helpers import admin_form, change_url
from tests.factories import make_article

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def story(journalist):
    story = make_article(
        headline="Bridge opens",
        ago=timedelta(days=2),
        created_by=journalist,
        authors=[journalist.author],
    )
    Article.objects.filter(pk=story.pk).update(updated_at=story.publish_at)
    story.refresh_from_db()
    return story


def test_editor_appends_a_correction_through_the_admin(client, editor, story):
    client.force_login(editor)
    data = admin_form(client, story)
    assert data["corrections-TOTAL_FORMS"] == "0"
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-text": "An earlier version misstated the bridge's length.",
        }
    )
    assert client.post(change_url(story), data).status_code == 302
    note = Correction.objects.get()
    assert note.author == editor and note.article == story
    story.refresh_from_db()
    assert story.has_corrections
    assert story.was_updated  # "Updated" shows, and dateModified follows updated_at
    assert story.updated_at >= note.created_at - timedelta(seconds=1)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "An earlier version misstated the bridge&#39;s length." in page  # escaped once
    assert '<strong class="corrections__label">Correction</strong>' in page
    stamp = note.created_at.astimezone(UTC).isoformat(timespec="seconds")
    assert f'<time datetime="{stamp}">' in page
    assert 'class="article__updated"' in page
    # The note comes after the body.
    assert page.index('class="article__body"') < page.index('class="corrections"')


def test_corrections_cannot_be_edited_or_deleted_in_the_admin(client, editor, story):
    note = services.append_correction(story, by=editor, kind="update", text="Original note.")
    client.force_login(editor)
    data = admin_form(client, story)
    assert "corrections-0-text" not in data  # shown read-only
    data.update(
        {
            "corrections-0-id": str(note.pk),
            "corrections-0-text": "Rewritten history.",
            "corrections-0-DELETE": "on",
        }
    )
    client.post(change_url(story), data)
    note.refresh_from_db()
    assert note.text == "Original note."


def test_journalists_cannot_append_corrections(client, journalist, story):
    with pytest.raises(PermissionDenied):
        services.append_correction(story, by=journalist, kind="correction", text="Sneaky")
    assert not Correction.objects.exists()


def test_correction_tells_the_caches(editor, story):
    received = []

    def listener(sender, change, article=None, **kwargs):
        received.append(change)

    content_changed.connect(listener)
    try:
        services.append_correction(story, by=editor, kind="update", text="Now open to traffic.")
    finally:
        content_changed.disconnect(listener)
    assert Change.CORRECTION in received


def test_update_is_labelled_update(client, editor, story):
    services.append_correction(story, by=editor, kind="update", text="Now open to traffic.")
    page = client.get(story.get_absolute_url()).content.decode()
    assert '<strong class="corrections__label">Update</strong>' in page


def page_queries(client, article):
    # Once to warm the caches a change empties (navigation, breaking news).
    client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_article_page_query_count_is_fixed_with_revisions_and_corrections(client, editor, story):
    """No query for corrections when there are none; exactly one whatever their number."""
    without = page_queries(client, story)

    admin = client
    admin.force_login(editor)
    for n in range(4):
        data = admin_form(admin, story)
        data["headline"] = f"Bridge opens, take {n}"
        admin.post(change_url(story), data)
    admin.logout()
    story.refresh_from_db()
    assert page_queries(client, story) == without  # revisions cost readers nothing

    services.append_correction(story, by=editor, kind="correction", text="One.")
    one = page_queries(client, story)
    for n in range(5):
        services.append_correction(story, by=editor, kind="update", text=f"More {n}.")
    several = page_queries(client, story)
    assert one == without + 1
    assert several == one


def test_deleting_the_last_correction_clears_the_flag(client, editor, story):
    note = services.append_correction(story, by=editor, kind="update", text="Temporary.")
    note.delete()
    story.refresh_from_db()
    assert not story.has_corrections
    assert "Temporary." not in client.get(story.get_absolute_url()).content.decode()
