"""Editors see what is waiting for review: on the admin index and as a filter."""

import pytest
from django.urls import reverse

from articles.models import Article
from editorial import services
from tests.editorial.helpers import change_url
from tests.factories import make_article

pytestmark = pytest.mark.django_db

Status = Article.Status
INDEX = reverse("admin:index")
CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def waiting(journalist):
    stories = []
    for headline in ("First filed", "Second filed"):
        story = make_article(
            status=Status.DRAFT,
            headline=headline,
            created_by=journalist,
            authors=[journalist.author],
        )
        services.submit_for_review(story, by=journalist)
        stories.append(story)
    make_article(status=Status.DRAFT, headline="Still a draft", created_by=journalist)
    return stories


def test_admin_index_lists_stories_waiting_for_review_oldest_first(client, editor, waiting):
    client.force_login(editor)
    page = client.get(INDEX).content.decode()
    assert "Waiting for review (2)" in page
    assert page.index("First filed") < page.index("Second filed")
    assert "Still a draft" not in page
    assert change_url(waiting[0]) in page
    assert f"{CHANGELIST}?workflow=review" in page


def test_journalists_do_not_get_the_review_queue(client, journalist, waiting):
    client.force_login(journalist)
    assert "Waiting for review" not in client.get(INDEX).content.decode()


def test_changelist_filter_shows_only_stories_waiting_for_review(client, editor, waiting):
    client.force_login(editor)
    page = client.get(CHANGELIST, {"workflow": "review"}).content.decode()
    assert "First filed" in page and "Second filed" in page
    assert "Still a draft" not in page


def test_changelist_filter_for_scheduled_stories(client, editor, waiting):
    from datetime import timedelta

    from django.utils import timezone

    services.publish(waiting[0], by=editor, at=timezone.now() + timedelta(hours=1))
    client.force_login(editor)
    page = client.get(CHANGELIST, {"workflow": "scheduled"}).content.decode()
    assert "First filed" in page and "Second filed" not in page
    assert "Scheduled for" in page


def test_workflow_history_is_on_the_article_admin_page(client, editor, waiting):
    services.return_to_draft(waiting[0], by=editor, note="Check the figures")
    client.force_login(editor)
    page = client.get(change_url(waiting[0])).content.decode()
    assert "Workflow history" in page
    assert "Check the figures" in page
    assert page.count("In review") >= 2


def test_editors_see_every_move_in_the_newsroom_journalists_do_not(
    client, editor, journalist, waiting
):
    changelist = reverse("admin:editorial_transition_changelist")
    client.force_login(journalist)
    assert client.get(changelist).status_code == 403
    client.force_login(editor)
    page = client.get(changelist, {"to_status__exact": "review"}).content.decode()
    assert "First filed" in page and "Second filed" in page


def test_journalist_sees_stories_returned_to_them_with_the_note(
    client, editor, journalist, other_journalist, waiting
):
    services.return_to_draft(waiting[1], by=editor, note="Needs a second source")
    client.force_login(journalist)
    page = client.get(INDEX).content.decode()
    assert "Returned to you" in page
    assert "Second filed" in page and "Needs a second source" in page
    assert "First filed" not in page  # still in review
    client.force_login(other_journalist)
    assert "Returned to you" not in client.get(INDEX).content.decode()


def test_journalist_is_told_why_a_story_is_read_only(client, journalist, waiting):
    client.force_login(journalist)
    page = client.get(change_url(waiting[0])).content.decode()
    assert "This story is with the editors" in page


def admin_links(page):
    """The admin pages a page links to (GET links: forms and scripts aside)."""
    import re

    admin_root = reverse("admin:index")
    hrefs = set(re.findall(r'<a [^>]*href="([^"#]+)"', page))
    return sorted(href for href in hrefs if href.startswith(admin_root))


def test_every_link_in_a_storys_history_and_corrections_opens_for_its_journalist(
    client, editor, journalist, waiting
):
    returned, published = waiting
    services.return_to_draft(returned, by=editor, note="Check the figures")
    services.publish(published, by=editor)
    services.append_correction(published, by=editor, kind="correction", text="Fixed a name.")
    client.force_login(journalist)
    for story in (returned, published):
        page = client.get(change_url(story)).content.decode()
        assert "Workflow history" in page and "Ed Itor" in page  # who moved it
        for href in admin_links(page):
            status = client.get(href).status_code
            assert status in (200, 302), (story.headline, href, status)
    page = client.get(change_url(published)).content.decode()
    assert "Fixed a name." in page
    assert reverse("admin:auth_user_change", args=[editor.pk]) not in page
