"""Previews: staff see unpublished stories as readers will; share links for outsiders."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editorial import services
from editorial.models import ShareLink
from tests.factories import make_article

pytestmark = pytest.mark.django_db

Status = Article.Status


def preview_url(article):
    return reverse("reader:staff-preview", args=[article.pk])


def test_the_admins_preview_button_opens_the_readers_preview(client, editor, draft):
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_preview", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"] == preview_url(draft)


def share_url(article):
    return reverse("admin:articles_article_share", args=[article.pk])


@pytest.fixture
def draft(journalist):
    return make_article(
        status=Status.DRAFT,
        headline="Secret draft headline",
        body="<p>Draft body text.</p>",
        created_by=journalist,
        authors=[journalist.author],
    )


def assert_not_cached_or_indexed(response):
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_staff_preview_renders_the_reader_page_with_a_banner(client, journalist, draft):
    client.force_login(journalist)
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Secret draft headline" in page and "Draft body text." in page
    assert 'class="preview-banner"' in page and ">Preview<" in page
    assert 'class="article__headline"' in page  # the readers' template
    assert_not_cached_or_indexed(response)


def test_preview_of_a_scheduled_story_says_when(client, editor, draft):
    services.publish(draft, by=editor, at=timezone.now() + timedelta(days=1))
    client.force_login(editor)
    assert "Scheduled for" in client.get(preview_url(draft)).content.decode()


def test_preview_needs_a_staff_login_and_access_to_the_story(
    client, draft, other_journalist, editor
):
    response = client.get(preview_url(draft))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(other_journalist)
    assert client.get(preview_url(draft)).status_code == 404
    client.force_login(editor)
    assert client.get(preview_url(draft)).status_code == 200


def test_drafts_stay_off_public_pages(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Secret draft headline" not in client.get(reverse("reader:latest")).content.decode()


def test_share_link_lets_anyone_read_the_draft_without_indexing(client, journalist, draft):
    client.force_login(journalist)
    response = client.post(share_url(draft), {"action": "create", "hours": "72"})
    assert response.status_code == 302
    link = ShareLink.objects.get()
    assert link.created_by == journalist
    lifetime = link.expires_at - link.created_at
    assert timedelta(hours=71, minutes=59) < lifetime <= timedelta(hours=72)
    assert len(link.token) >= 40
    client.logout()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert "Secret draft headline" in response.content.decode()
    assert_not_cached_or_indexed(response)
    assert response["Referrer-Policy"] == "no-referrer"


def test_share_page_lists_links_and_revoking_ends_them(client, editor, draft):
    link = services.create_share_link(draft, by=editor)
    client.force_login(editor)
    page = client.get(share_url(draft)).content.decode()
    assert link.token in page
    client.post(share_url(draft), {"action": "revoke", "link": link.pk})
    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by == editor
    client.logout()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    page = response.content.decode()
    assert "withdrawn" in page and "Secret draft headline" not in page
    assert 'class="masthead"' in page  # in the site's design


def test_expired_link_is_gone(client, editor, draft):
    link = services.create_share_link(draft, by=editor, hours=1)
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert "Secret draft headline" not in response.content.decode()


def test_unknown_or_tampered_token_is_not_found(client, editor, draft):
    link = services.create_share_link(draft, by=editor)
    for token in ("nope", link.token[:-1] + ("A" if link.token[-1] != "A" else "B"), "x" * 500):
        response = client.get(reverse("reader:shared-preview", args=[token]))
        assert response.status_code == 404


def test_bad_share_requests_get_a_message_not_an_error(client, editor, draft):
    client.force_login(editor)
    for data in ({"action": "create", "hours": "forever"}, {"action": "create", "hours": "5"}):
        response = client.post(share_url(draft), data, follow=True)
        assert response.status_code == 200
        assert "Choose how long the link should work" in response.content.decode()
    assert not ShareLink.objects.exists()
    assert client.post(share_url(draft), {"action": "revoke", "link": "abc"}).status_code == 404


def test_journalist_cannot_share_or_revoke_another_journalists_draft(
    client, editor, other_journalist, draft
):
    link = services.create_share_link(draft, by=editor)
    client.force_login(other_journalist)
    assert client.post(share_url(draft), {"action": "create", "hours": "24"}).status_code == 404
    assert client.post(share_url(draft), {"action": "revoke", "link": link.pk}).status_code == 404
    link.refresh_from_db()
    assert link.is_active and ShareLink.objects.count() == 1


def test_link_to_a_story_since_published_leads_to_the_public_page(client, editor, draft):
    link = services.create_share_link(draft, by=editor)
    services.publish(draft, by=editor)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()


def test_configured_default_lifetime_is_offered_and_preselected(client, editor, draft, settings):
    settings.PREVIEW_LINK_HOURS = 48
    client.force_login(editor)
    page = client.get(share_url(draft)).content.decode()
    assert '<option value="48" selected>48 hours</option>' in page
    client.post(share_url(draft), {"action": "create", "hours": "48"})
    link = ShareLink.objects.get()
    assert (
        timedelta(hours=47, minutes=59) < link.expires_at - link.created_at <= timedelta(hours=48)
    )


def test_view_on_site_of_an_unpublished_story_opens_its_preview(client, editor, draft):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert f'<a href="{preview_url(draft)}" class="viewsitelink">' in page
    services.publish(draft, by=editor)
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert f'<a href="{draft.get_absolute_url()}" class="viewsitelink">' in page


def test_editors_list_and_revoke_share_links_journalists_cannot(client, editor, journalist, draft):
    link = services.create_share_link(draft, by=journalist)
    changelist = reverse("admin:editorial_sharelink_changelist")
    client.force_login(journalist)
    assert client.get(changelist).status_code == 403
    client.post(changelist, {"action": "revoke_selected", "_selected_action": [link.pk]})
    link.refresh_from_db()
    assert link.is_active
    client.force_login(editor)
    assert "Secret draft headline" in client.get(changelist).content.decode()
    client.post(changelist, {"action": "revoke_selected", "_selected_action": [link.pk]})
    link.refresh_from_db()
    assert not link.is_active and link.revoked_by == editor


def test_draft_preview_shows_a_provisional_time_and_saves_nothing(client, editor, draft):
    client.force_login(editor)
    page = client.get(preview_url(draft)).content.decode()
    assert 'datetime=""' not in page
    assert 'class="article__published" datetime="20' in page
    draft.refresh_from_db()
    assert draft.publish_at is None
